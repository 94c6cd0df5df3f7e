"""The nightly run's parts: settings, one importer run, the commit message, the webhook, git trouble."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timezone

import pytest

from tarjotin.config import ConfigError, load_config
from tarjotin.nightly.notify import post_webhook
from tarjotin.nightly.report import RunReport
from tarjotin.nightly.settings import NightlySettings, is_full_import_night, load_settings
from tarjotin.nightly.sources import SOURCES, Source, SourceResult, run_source
from tests.nightly_support import FIXTURE_CONFIG, ROOT, WebhookReceiver, files_of, git, make_case, run_nightly, run_report

FAKE = Source("fake", "tests.fake_importer", (), "tests.fake_importer")


def config_with(tmp_path, nightly: str):
    path = tmp_path / "tray.toml"
    path.write_text(FIXTURE_CONFIG.read_text(encoding="utf-8") + "\n[nightly]\n" + nightly, encoding="utf-8")
    return path


def test_settings_defaults_and_errors(tmp_path):
    settings = load_settings(load_config(config_with(tmp_path, "")))
    assert settings == NightlySettings()
    assert settings.sources == ["ptv", "lahella"] and settings.min_page_share == 0.8 and settings.commit
    with pytest.raises(ConfigError) as error:
        load_settings(load_config(config_with(tmp_path, 'sources = ["ptv", "kela"]\nminimum_pages = 3\n')))
    assert str(error.value).splitlines() == [
        f"{tmp_path / 'tray.toml'}: nightly.sources: Value error, ['kela'] not a source; choose from ['lahella', 'ptv']",
        f"{tmp_path / 'tray.toml'}: nightly.minimum_pages: Extra inputs are not permitted",
    ]


def test_a_configuration_error_exits_2_without_a_traceback_and_notifies(tmp_path):
    (tmp_path / "tray.toml").write_text(FIXTURE_CONFIG.read_text(encoding="utf-8") + "\n[nightly]\nmin_page_share = 2\n")
    with WebhookReceiver() as hook:
        result = subprocess.run([sys.executable, "-m", "tarjotin.nightly", "--root", str(tmp_path)], cwd=ROOT,
                                capture_output=True, text=True, timeout=60,
                                env={"PATH": "/usr/bin:/bin", "TARJOTIN_WEBHOOK_URL": hook.url})
    assert result.returncode == 2
    assert "tray.toml: nightly.min_page_share: Input should be less than or equal to 1" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_report(tmp_path)["status"] == "usage"
    assert hook.posts[0]["json"]["text"].startswith("Tarjotin nightly CONFIGURATION ERROR")


@pytest.fixture
def root(tmp_path):
    records = tmp_path / "content" / "records" / "fake"
    records.mkdir(parents=True)
    for name in ("fake-old1.md", "fake-old2.md"):
        (records / name).write_text(name)
    return tmp_path


def run_fake(root, mode: str, timeout: float = 60) -> SourceResult:
    config = load_config(FIXTURE_CONFIG)
    return run_source(FAKE, root=root, config_path=FIXTURE_CONFIG, config=config,
                      env={"PATH": "/usr/bin:/bin", "FAKE_IMPORTER": mode}, timeout=timeout,
                      started=datetime.now(timezone.utc))


def test_an_importer_that_crashes_halfway_leaves_its_records_as_they_were(root):
    before = files_of(root / "content" / "records" / "fake")
    result = run_fake(root, "crash")
    assert result.status == "failed" and result.exit_code == 1
    assert result.message.endswith("RuntimeError: the fake importer crashed")
    assert files_of(root / "content" / "records" / "fake") == before
    assert not list(root.glob(".nightly-kept-*"))


def test_an_importer_that_hangs_is_stopped_and_its_records_kept(root):
    before = files_of(root / "content" / "records" / "fake")
    result = run_fake(root, "hang", timeout=3)
    assert result.status == "failed" and result.message == "stopped after 3 s (nightly.import_timeout)"
    assert files_of(root / "content" / "records" / "fake") == before


def test_a_successful_importer_gives_its_counts(root):
    result = run_fake(root, "")
    assert result.status == "ok" and result.counts["added"] == 1 and result.counts["warnings"] == 5
    assert result.ids == {"added": ["fake-new"], "updated": [], "removed": []}
    assert (root / "content" / "records" / "fake" / "fake-new.md").is_file()


def test_commit_message_says_what_changed_per_source():
    ok = SourceResult("ptv", counts={"added": 2, "updated": 1, "removed": 0, "unchanged": 40, "skipped": 7,
                                     "invalid": 1, "warnings": 3},
                      ids={"added": ["ptv-a", "ptv-b"], "updated": ["ptv-c"], "removed": []})
    failed = SourceResult("lahella", status="failed", message="retrying …\nLähellä.fi import failed: HTTP 401")
    report = RunReport(day=date(2026, 12, 3), sources=[ok, failed])
    assert report.commit_message() == (
        "Nightly import 2026-12-03: ptv +2 ~1 -0, lahella failed\n\n"
        "ptv: added 2, updated 1, removed 0, unchanged 40, skipped 7, invalid 1, warnings 3\n"
        "  added: ptv-a, ptv-b\n"
        "  updated: ptv-c\n"
        "lahella: FAILED, previous records kept (Lähellä.fi import failed: HTTP 401)\n")


def test_status_and_exit_codes():
    assert (RunReport().status, RunReport().exit_code) == ("ok", 0)
    assert RunReport(warnings=["push: …"]).exit_code == 3
    assert RunReport(warnings=["push: …"], failures=["build: …"]).exit_code == 1
    assert RunReport(usage_error=True, failures=["configuration: …"]).exit_code == 2


def test_a_webhook_error_is_reported_not_raised():
    with WebhookReceiver(status=500) as hook:
        assert post_webhook(hook.url, "x", timeout=5) == {"sent": False, "error": "the webhook answered HTTP 500"}
        assert hook.posts[0]["json"] == {"text": "x"}
    with WebhookReceiver() as hook:
        assert post_webhook(hook.url, "Tarjotin nightly ÄÖ", timeout=5) == {"sent": True, "status": 200}
        assert hook.posts[0]["json"] == {"text": "Tarjotin nightly ÄÖ"}


NO_IMPORT_NO_TARGET = """
[nightly]
sources = []
remote = "nowhere"
branch = "main"
"""


def test_a_failing_pull_and_push_degrade_the_run_but_the_site_is_built(tmp_path):
    repo = make_case(tmp_path / "case")
    (repo / "tray.toml").write_text(FIXTURE_CONFIG.read_text(encoding="utf-8") + NO_IMPORT_NO_TARGET)
    git(repo, "commit", "--quiet", "-am", "No importers, a remote that does not exist")
    result = run_nightly(repo, {})
    assert result.returncode == 3, result.stdout + result.stderr
    report = run_report(repo)
    assert report["status"] == "degraded" and report["failures"] == []
    assert [line.split(":")[0] for line in report["warnings"]] == ["pull", "push"]
    assert "'nowhere' does not appear to be a git repository" in report["warnings"][1]
    assert "deploy: no target configured ([deploy] target), output/ is the result" in report["notes"]
    assert (repo / "output" / "palvelu" / "local-tikkurila-kuntosali" / "index.html").is_file()
    # Without a target the page guard compares with output/ (what a host serving it publishes):
    # make output/ look twice as big as the next build.
    pages = sum(1 for _ in (repo / "output").rglob("index.html"))
    for number in range(pages):
        (repo / "output" / "vanha" / str(number)).mkdir(parents=True)
        (repo / "output" / "vanha" / str(number) / "index.html").write_text("<html lang=fi><title>x</title></html>")
    before = files_of(repo / "output")
    # --no-commit leaves git out altogether: no pull, no push, so only the guard fails the run.
    again = run_nightly(repo, {}, "--no-commit")
    assert again.returncode == 1, again.stdout + again.stderr
    report = run_report(repo)
    assert report["git"] == {} and report["warnings"] == []
    assert report["failures"][0].startswith(f"check: 1 problem(s), not deployed; first: page guard: the new build "
                                            f"has {pages} pages, the live site {2 * pages} (output/)")
    assert files_of(repo / "output") == before


def test_every_setting_and_exit_code_is_documented():
    from tarjotin.nightly import __main__ as cli
    from tarjotin.nightly import settings as module
    from tarjotin.nightly.report import EXIT_CODES
    from tests.importer_support import fields_without_docstring

    configuration = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8").split("## [nightly]", 1)[1]
    operating = (ROOT / "docs" / "operating.md").read_text(encoding="utf-8")
    example = operating.split("```toml\n[nightly]\n", 1)[1].split("```", 1)[0]
    assert fields_without_docstring(module) == []
    assert [key for key in NightlySettings.model_fields if f"`nightly.{key}`" not in configuration] == []
    assert [key for key in NightlySettings.model_fields if f"\n{key} = " not in "\n" + example] == []
    for status, code in EXIT_CODES.items():
        assert f"| `{code}` | {status} |" in operating
        assert f"  {code}  {status} " in cli.EPILOG


class ExplodingTarget:
    """A target with a bug: the run must still end in a report."""

    name = "test-explodes"

    def __init__(self, settings, config_dir, env):
        pass

    def live_page_count(self):
        raise RuntimeError("boom")


def test_an_unexpected_error_still_ends_in_a_failed_report(tmp_path, capsys):
    from tarjotin.deploy import TARGETS
    from tarjotin.nightly.run import run_nightly as run_in_process

    TARGETS["test-explodes"] = ExplodingTarget
    config = tmp_path / "tray.toml"
    config.write_text(FIXTURE_CONFIG.read_text(encoding="utf-8")
                      + '\n[deploy]\ntarget = "test-explodes"\n\n[nightly]\nsources = []\ncommit = false\n')
    try:
        report = run_in_process(tmp_path, config, {})
    finally:
        del TARGETS["test-explodes"]
    assert report.exit_code == 1
    assert report.failures == ["unexpected error: RuntimeError: boom (traceback on stderr)"]
    assert run_report(tmp_path)["failures"] == report.failures
    assert "Traceback" in capsys.readouterr().err


def test_ptv_runs_incrementally_between_its_weekly_full_runs(tmp_path):
    config = load_config(FIXTURE_CONFIG)
    ptv, lahella = SOURCES["ptv"], SOURCES["lahella"]
    thursday, sunday = date(2026, 12, 3), date(2026, 12, 6)
    weekly = NightlySettings()
    assert weekly.full_import_day == "sunday"
    assert not is_full_import_night(weekly, thursday) and is_full_import_night(weekly, sunday)
    assert is_full_import_night(NightlySettings(full_import_day="every"), thursday)
    # No successful run recorded yet: a full run, whatever the day.
    assert ptv.arguments(config, tmp_path, full=False) == ("--full",)
    state = tmp_path / "reports" / "import-ptv-state.json"
    state.parent.mkdir()
    state.write_text('{"last_success": "2026-12-02T01:00:00+00:00"}')
    assert ptv.arguments(config, tmp_path, full=False) == ("--since", "last")
    assert ptv.arguments(config, tmp_path, full=True) == ("--full",)
    assert lahella.arguments(config, tmp_path, full=False) == ()   # Lähellä.fi always reads everything


def test_full_import_day_is_checked(tmp_path):
    path = tmp_path / "tray.toml"
    path.write_text(FIXTURE_CONFIG.read_text(encoding="utf-8") + '\n[nightly]\nfull_import_day = "sunnuntai"\n')
    with pytest.raises(ConfigError) as error:
        load_settings(load_config(path))
    assert f"{path}: nightly.full_import_day:" in str(error.value)


def test_a_failed_source_is_reported_by_its_reason_not_by_what_followed():
    result = SourceResult("ptv", status="failed", message=(
        "PTV import failed: PTV v12 needs an API key in the environment variable PTV_API_KEY\n"
        "Nothing was changed in content/records/ptv/. Report: reports/import-ptv.json"))
    assert result.reason.startswith("PTV import failed: PTV v12 needs an API key")
    assert "needs an API key" in RunReport(day=date(2026, 12, 3), sources=[result]).commit_message()
