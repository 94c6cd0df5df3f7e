"""The editors' pre-commit hook (.pre-commit-config.yaml) runs the check on changed content.

A real `pre-commit run` in a throw-away git repository laid out like a fork: its own tray.toml
and content/, the engine linked in from this repository, the hook exactly as committed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess

import pytest

from tests.config_support import write_config
from tests.site_support import FIXTURE_CONTENT, ROOT

ENGINE = ["tarjotin", "importers", "plugins", "theme", "tasks.py", "pelicanconf.py", "requirements.txt",
          "requirements-test.txt", "package-lock.json"]


def _linked_environment(target, source, stamp: str, digest: str) -> None:
    """`target` as a directory of links to `source`'s entries with its own up-to-date stamp, so
    run.sh sees nothing to install and never writes into the shared environment."""
    target.mkdir()
    for entry in source.resolve().iterdir():
        if entry.name != stamp:
            (target / entry.name).symlink_to(entry)
    (target / stamp).write_text(digest + "\n")


@pytest.fixture
def fork(tmp_path):
    repo = tmp_path / "fork"
    repo.mkdir()
    for name in ENGINE:
        (repo / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "run.sh", repo / "run.sh")
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    requirements = (ROOT / "requirements.txt").read_bytes() + (ROOT / "requirements-test.txt").read_bytes()
    _linked_environment(repo / ".venv", ROOT / ".venv", ".requirements.sha", hashlib.sha256(requirements).hexdigest())
    _linked_environment(repo / "node_modules", ROOT / "node_modules", ".package-lock.sha",
                        hashlib.sha256((ROOT / "package-lock.json").read_bytes()).hexdigest())
    shutil.copytree(FIXTURE_CONTENT, repo / "content")
    shutil.copy(write_config(tmp_path), repo / "tray.toml")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def _pre_commit(repo, *files):
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
           "TARJOTIN_CONFIG": str(repo / "tray.toml")}
    return subprocess.run([str(ROOT / ".venv" / "bin" / "pre-commit"), "run", "--files", *files], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_hook_passes_valid_content_and_stops_a_broken_record(fork):
    record = "content/records/local/local-tikkurila-kuntosali.md"
    ok = _pre_commit(fork, record)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout
    path = fork / record
    path.write_text(path.read_text(encoding="utf-8").replace("themes: [liikunta]", "themes: [urheilu]"), encoding="utf-8")
    bad = _pre_commit(fork, record)
    assert bad.returncode == 1
    assert "Failed" in bad.stdout
    assert f"content/records/local/local-tikkurila-kuntosali.md: themes: unknown theme ['urheilu']" in bad.stdout


def test_the_hook_runs_for_tray_toml_and_skips_other_files(fork):
    (fork / "tray.toml").write_text((fork / "tray.toml").read_text() + '\n[branding]\ncolors = { primary = "red" }\n')
    bad = _pre_commit(fork, "tray.toml")
    assert bad.returncode == 1 and "branding.colors.primary: 'red' is not a CSS hex colour" in bad.stdout
    (fork / "notes.md").write_text("notes\n")
    skipped = _pre_commit(fork, "notes.md")
    assert skipped.returncode == 0 and "Skipped" in skipped.stdout
