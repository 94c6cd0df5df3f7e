"""The nightly command end to end: `python -m tarjotin.nightly` in a scratch git repository.

A fake PTV (recordings of tests/ptv_support.py's world, replayed over HTTP) and a fake Lähellä.fi
admin API (tests/lahella_support.py) answer on 127.0.0.1; the repository has a bare git remote
as origin and deploys to the test-only "test-dir" target (tests/nightly_support.py). The first
run is made once; each test continues from a copy of that state.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from importers.common.replay import Fault
from importers.lahella import builders as lb
from tests import lahella_support as lahella
from tests import ptv_support as ptv
from tests.nightly_support import (WebhookReceiver, env_for, fake_apis, files_of, git, make_case, run_nightly,
                                   run_report)

RECORD_PTV = f"ptv-{ptv.SWIM}"
RECORD_LAHELLA = "lahella-1001"
NEW_ACTIVITY = lb.activity("1010", "hobby", {"fi": "Uusi kuntopiiri"}, group_key=lahella.GROUP,
                           themes=["ht_urheilu"], regions=["city/FI/Vantaa"])
BAD_RECORD = "---\nid: local-rikki\nkind: [\n---\n"
EDITORS_RECORD = """---
id: local-lukupiiri
source: local
kind: activity
title:
  fi: Kirjaston lukupiiri
themes: [kulttuuri]
---
"""


@pytest.fixture(scope="module")
def apis(tmp_path_factory):
    with fake_apis(tmp_path_factory.mktemp("ptv-recordings")) as servers:
        yield servers


@pytest.fixture(scope="module")
def first_run(apis, tmp_path_factory):
    """The state after the first nightly run of a fresh fork, and that run's result."""
    case = tmp_path_factory.mktemp("nightly") / "case"
    repo = make_case(case)
    with WebhookReceiver() as hook:
        result = run_nightly(repo, env_for(apis, TARJOTIN_WEBHOOK_URL=hook.url))
    return case, result, hook.posts


@pytest.fixture
def case(first_run, tmp_path):
    """A private copy of the state after the first run: repository, remote and live site."""
    copy = tmp_path / "case"
    shutil.copytree(first_run[0], copy, symlinks=True)
    return copy


def live(case: Path) -> Path:
    return case / "live" / "releases" / (case / "live" / "current").read_text()


def record_files(repo: Path, source: str) -> dict[str, bytes]:
    return files_of(repo / "content" / "records" / source)


def test_first_run_imports_commits_pushes_builds_and_deploys(first_run):
    case, result, posts = first_run
    repo = case / "repo"
    assert result.returncode == 0, result.stdout + result.stderr
    report = run_report(repo)
    assert report["status"] == "ok" and report["exit_code"] == 0 and report["failures"] == report["warnings"] == []
    # committed: only the records, by the configured author, and pushed to the bare remote
    day = datetime.now(ZoneInfo("Europe/Helsinki")).date().isoformat()
    sources = {s["name"]: s for s in report["sources"]}
    added_ptv, added_lahella = sources["ptv"]["counts"]["added"], sources["lahella"]["counts"]["added"]
    assert added_ptv >= 5 and added_lahella >= 3
    message = git(repo, "log", "-1", "--format=%B")
    assert message.splitlines()[0] == f"Nightly import {day}: ptv +{added_ptv} ~0 -0, lahella +{added_lahella} ~0 -0"
    assert f"ptv: added {added_ptv}, updated 0, removed 0, unchanged 0, skipped {sources['ptv']['counts']['skipped']}" \
        in message
    assert sources["ptv"]["counts"]["skipped"] > 0
    assert any(line.startswith("  added: ") and RECORD_PTV in line for line in message.splitlines())
    assert git(repo, "log", "-1", "--format=%an <%ae>").strip() == "Tarjotin nightly <nightly@example.fi>"
    changed = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert changed and all(path.startswith(("content/records/ptv/", "content/records/lahella/")) for path in changed)
    assert git(case / "remote.git", "rev-parse", "main") == git(repo, "rev-parse", "HEAD")
    assert report["git"]["pushed"] == "origin/main"
    # built with the production settings and deployed
    site = live(case)
    assert (site / "palvelu" / RECORD_PTV / "index.html").is_file()
    assert (site / "palvelu" / RECORD_LAHELLA / "index.html").is_file()
    assert 'href="https://tarjotin.example.fi/' in (site / "index.html").read_text(encoding="utf-8")
    assert files_of(site) == files_of(repo / "output")
    assert report["deploy"]["release"] == "0001" and report["deploy"]["uploaded"] > 50
    assert report["build"]["ok"] and report["build"]["pages"] > 20
    # the text summary, and no notification for an ok run
    text = (repo / "reports" / "nightly.txt").read_text(encoding="utf-8")
    assert text.startswith("Tarjotin nightly OK") and f"- ptv: +{added_ptv} ~0 -0" in text
    assert posts == []


def test_a_second_run_with_nothing_changed_commits_nothing_and_uploads_nothing(case, apis):
    repo = case / "repo"
    head = git(repo, "rev-parse", "HEAD")
    result = run_nightly(repo, env_for(apis))
    assert result.returncode == 0, result.stdout + result.stderr
    report = run_report(repo)
    assert report["status"] == "ok"
    assert git(repo, "rev-parse", "HEAD") == head and report["git"]["commit"] is None
    assert "git: no record changed, no commit" in report["notes"]
    assert report["deploy"]["uploaded"] == 0 and report["deploy"]["deleted"] == 0
    assert report["deploy"]["release"] == "0001" and sorted(p.name for p in (case / "live" / "releases").iterdir()) == ["0001"]


def test_a_ptv_failure_keeps_its_records_publishes_the_rest_and_notifies(case, apis):
    repo = case / "repo"
    ptv_api, la = apis
    # Meanwhile an editor's change was merged on the remote: the run pulls it and builds it too.
    git(case, "clone", "--quiet", "remote.git", "editor")
    (case / "editor" / "content" / "records" / "local" / "local-lukupiiri.md").write_text(EDITORS_RECORD)
    git(case / "editor", "add", "--all")
    git(case / "editor", "commit", "--quiet", "-m", "A reading circle")
    git(case / "editor", "push", "--quiet", "origin", "main")
    editors_commit = git(case / "editor", "rev-parse", "HEAD")
    before = record_files(repo, "ptv")
    ptv_api.inject("Service/list", Fault(status=500), persistent=True)
    la.activities.append(NEW_ACTIVITY)
    try:
        with WebhookReceiver() as hook:
            result = run_nightly(repo, env_for(apis, TARJOTIN_WEBHOOK_URL=hook.url))
    finally:
        ptv_api.clear_faults()
        la.activities.remove(NEW_ACTIVITY)
    assert result.returncode == 3, result.stdout + result.stderr
    report = run_report(repo)
    assert report["status"] == "degraded"
    assert report["warnings"][0].startswith("ptv: import failed, its previous records are kept: GET ")
    assert report["warnings"][0].endswith("failed after 2 attempts: HTTP 500")
    assert record_files(repo, "ptv") == before
    sources = {s["name"]: s for s in report["sources"]}
    assert sources["ptv"]["status"] == "failed" and sources["ptv"]["exit_code"] == 1
    assert sources["lahella"]["added"] == ["lahella-1010"]
    # the rest is committed, pushed and published
    message = git(repo, "log", "-1", "--format=%B")
    assert message.splitlines()[0].endswith(": ptv failed, lahella +1 ~0 -0")
    assert "ptv: FAILED, previous records kept" in message
    assert git(case / "remote.git", "rev-parse", "main") == git(repo, "rev-parse", "HEAD")
    assert git(repo, "rev-parse", "HEAD^") == editors_commit
    site = live(case)
    assert site.name == "0002"
    assert (site / "palvelu" / "local-lukupiiri" / "index.html").is_file()
    assert (site / "palvelu" / "lahella-1010" / "index.html").is_file()
    assert (site / "palvelu" / RECORD_PTV / "index.html").is_file()
    # one notification, a JSON POST with a text field
    assert len(hook.posts) == 1
    post = hook.posts[0]
    assert post["content_type"].startswith("application/json")
    assert post["json"]["text"].startswith("Tarjotin nightly DEGRADED")
    assert "ptv: failed, previous records kept" in post["json"]["text"]
    assert report["notification"] == {"sent": True, "status": 200}


def test_a_content_error_fails_the_run_and_leaves_the_live_site_untouched(case, apis):
    repo = case / "repo"
    (repo / "content" / "records" / "local" / "local-rikki.md").write_text(BAD_RECORD, encoding="utf-8")
    git(repo, "add", "content/records/local/local-rikki.md")
    git(repo, "commit", "--quiet", "-m", "An editor's broken record")
    site_before, output_before = files_of(case / "live"), files_of(repo / "output")
    with WebhookReceiver() as hook:
        result = run_nightly(repo, env_for(apis, TARJOTIN_WEBHOOK_URL=hook.url))
    assert result.returncode == 1, result.stdout + result.stderr
    report = run_report(repo)
    assert report["status"] == "failed" and report["deploy"] is None
    assert "content/records/local/local-rikki.md: kind: YAML syntax error at line 3" in report["failures"][0]
    assert "Traceback" not in result.stderr
    assert files_of(case / "live") == site_before
    assert files_of(repo / "output") == output_before
    assert [p["json"]["text"].splitlines()[0][:24] for p in hook.posts] == ["Tarjotin nightly FAILED "]


def test_a_build_with_far_fewer_pages_than_the_live_site_is_not_deployed(case, apis):
    repo = case / "repo"
    site = live(case)
    pages = sum(1 for _ in site.rglob("index.html"))
    for number in range(pages):  # the live site now has twice the pages the build will have
        (site / "vanha" / str(number)).mkdir(parents=True)
        (site / "vanha" / str(number) / "index.html").write_text("<html lang=fi><title>x</title></html>")
    site_before, output_before = files_of(case / "live"), files_of(repo / "output")
    # The webhook cannot be reached: the exit code is still the run's.
    result = run_nightly(repo, env_for(apis, TARJOTIN_WEBHOOK_URL="http://127.0.0.1:9/hook"))
    assert result.returncode == 1, result.stdout + result.stderr
    report = run_report(repo)
    assert report["build"]["live_pages"] == 2 * pages
    assert any(f"page guard: the new build has {pages} pages, the live site {2 * pages}" in line
               for line in report["failures"])
    assert files_of(case / "live") == site_before and files_of(repo / "output") == output_before
    assert report["notification"]["sent"] is False and "could not be reached" in report["notification"]["error"]
    assert "notification not sent" in result.stderr
