"""The CI workflow files: valid against SchemaStore's GitHub Actions and GitLab CI schemas (vendored
in check-jsonschema, no network), the jobs the deploy guide promises, commands that exist, and
secrets that reach scripts only through the environment."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.site_support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
GITLAB = ROOT / ".gitlab-ci.yml"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
ZIZMOR = Path(sys.executable).with_name("zizmor")


def lint(schema: str, path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *extra, str(path)],
                          capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:            # YAML 1.1 reads the key `on` as True
        data["on"] = data.pop(True)
    return data


def github_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def scripts() -> list[str]:
    """Every shell script of every workflow file."""
    found = [step["run"] for path in github_files() for step in steps(load(path)) if "run" in step]
    for job in yaml.safe_load(GITLAB.read_text()).values():
        if isinstance(job, dict):
            for key in ("before_script", "script", "after_script"):
                found.extend(job.get(key) or [])
    return found


def test_the_workflows_are_the_documented_ones():
    assert [p.name for p in github_files()] == ["main.yml", "nightly.yml", "pull-request.yml"]
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for name in (".github/workflows/nightly.yml", ".github/workflows/main.yml",
                 ".github/workflows/pull-request.yml", ".gitlab-ci.yml"):
        assert f"`{name}`" in guide


@pytest.mark.parametrize("path", github_files(), ids=lambda p: p.name)
def test_github_workflow_is_valid(path):
    result = lint("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_github_workflows_pass_the_security_lint():
    config = ROOT / ".github" / "zizmor.yml"
    result = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", "--config", str(config), "--format", "plain",
                             str(WORKFLOWS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_ci_is_valid():
    result = lint("vendor.gitlab-ci", GITLAB, "--data-transform", "gitlab-ci")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linters_catch_broken_workflows(tmp_path):
    risky = tmp_path / "risky.yml"
    risky.write_text("on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                     "      - run: echo ${{ github.event.pull_request.title }}\n")
    assert subprocess.run([str(ZIZMOR), "--offline", "--no-progress", str(risky)], capture_output=True).returncode != 0
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                      "    steps:\n      - uses: 3\n        rn: echo\n")
    assert lint("vendor.github-workflows", broken).returncode == 1
    gitlab = tmp_path / ".gitlab-ci.yml"
    gitlab.write_text("pages:\n  script: echo\n  artifacts:\n    paths: public\n")
    assert lint("vendor.gitlab-ci", gitlab, "--data-transform", "gitlab-ci").returncode == 1


def test_nightly_runs_on_a_schedule_and_by_hand_and_can_publish_to_pages():
    nightly = load(WORKFLOWS / "nightly.yml")
    assert nightly["on"]["schedule"][0]["cron"] and "workflow_dispatch" in nightly["on"]
    assert nightly["permissions"] == {"contents": "read"}
    assert nightly["jobs"]["nightly"]["permissions"] == {"contents": "write"}     # only the job that pushes
    checkout = next(s for s in steps(nightly) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    run = next(s for s in steps(nightly) if "./run.sh nightly" in s.get("run", ""))
    assert {"PTV_API_KEY", "LAHELLA_COOKIES", "LAHELLA_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "TARJOTIN_WEBHOOK_URL"} <= set(run["env"])
    assert "3)" in run["run"]                           # degraded is a warning, not a failure
    uses = [s.get("uses", "").split("@")[0] for s in steps(nightly)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    upload = next(s for s in steps(nightly) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "output"
    assert nightly["jobs"]["pages"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_push_to_main_tests_builds_and_deploys_and_pull_requests_check():
    main = load(WORKFLOWS / "main.yml")
    assert main["on"]["push"]["branches"] == ["main"]
    commands = " ".join(s.get("run", "") for s in steps(main))
    for command in ("./run.sh test", "./run.sh build-site --publish", "./run.sh deploy"):
        assert command in commands
    assert main["jobs"]["deploy"]["needs"] == "test"
    assert main["concurrency"]["group"] == load(WORKFLOWS / "nightly.yml")["concurrency"]["group"]
    pull = load(WORKFLOWS / "pull-request.yml")
    assert "pull_request" in pull["on"] and pull["permissions"] == {"contents": "read"}
    commands = [s.get("run", "") for s in steps(pull)]
    assert any("./run.sh check" in c for c in commands) and any("./run.sh build-site" in c for c in commands)
    assert any("tarjotin.selfcheck output" in c for c in commands)


def test_gitlab_has_the_same_jobs_and_a_pages_job():
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert {"check", "test", "deploy", "nightly", "pages"} <= set(ci)
    assert ci["pages"]["artifacts"]["paths"] == ["public/"]
    assert ci["nightly"]["rules"][0]["if"] == '$CI_PIPELINE_SOURCE == "schedule"'
    assert ci["nightly"]["allow_failure"]["exit_codes"] == [3]
    assert "./run.sh nightly" in ci["nightly"]["script"]
    assert ci["check"]["script"][-1] == ".venv/bin/python -m tarjotin.selfcheck output"


def test_every_run_sh_command_exists():
    tree = ast.parse((ROOT / "tasks.py").read_text(encoding="utf-8"))
    known = {node.name.replace("_", "-") for node in tree.body if isinstance(node, ast.FunctionDef)
             and any("task" in ast.unparse(d) for d in node.decorator_list)}
    known |= set(re.findall(r"^  ([a-z-]+)\)$", (ROOT / "run.sh").read_text(), re.M))
    used = {m for script in scripts() for m in re.findall(r"\./run\.sh ([a-z-]+)", script)}
    # `nightly` lands with tarjotin/nightly (issue 10's nightly run, another branch); checked once it is there.
    pending = set() if (ROOT / "tarjotin" / "nightly").exists() else {"nightly"}
    assert used and used - known - pending == set()
    assert {"deploy", "rollback"} <= known


def test_secrets_reach_scripts_only_through_the_environment():
    # `${{ … }}` inside a script is pasted into the shell source (injection; secrets in logs).
    for script in scripts():
        assert "${{" not in script, script
