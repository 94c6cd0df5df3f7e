"""Whole Lähellä.fi runs against a real local server: what gets written, idempotence, all-or-nothing
on failures, the removal guard, invalid items, the export-file transport and the command line."""

from __future__ import annotations

import json
import os

import pytest

from importers.common.errors import ImportFailure, RemovalGuardError
from importers.common.replay import Fault, ReplayServer
from importers.lahella import builders as b
from importers.lahella.cli import main
from tarjotin.content import load_content
from tests.lahella_support import LATER, FakeLahella, Harness, default_config, groups, make_settings, world_activities

CONFIG = default_config()


@pytest.fixture()
def h(tmp_path):
    with FakeLahella(world_activities(), groups()) as api:
        yield Harness(api=api, root=tmp_path / "repo", config=CONFIG, settings=make_settings(CONFIG, page_size=3))


def test_a_full_run(h):
    report = h.run()
    assert sorted(h.files()) == ["lahella-1001.md", "lahella-1002.md", "lahella-1003.md", "lahella-1004.md"]
    data = h.report()
    assert data["status"] == "ok" and data["counts"]["fetched"] == 7 and data["counts"]["added"] == 4
    assert data["skipped_by_reason"] == {"not_published": 1, "outside_area": 1, "past_event": 1}
    assert data["http"]["requests"] == 3  # 7 activities, 3 a page
    content = load_content(h.root / "content", CONFIG)
    assert content.errors == [] and [r.kind for r in content.records] == ["activity", "activity", "event", "volunteering"]
    assert "lahella import (full): OK" in report.summary()


def test_a_second_run_with_the_same_answers_changes_no_byte(h):
    h.run()
    first = h.files()
    report = h.run(now=LATER)
    assert h.files() == first
    assert report.added == report.updated == report.removed == [] and report.unchanged == 4


def test_a_changed_activity_is_updated_and_gets_a_new_import_time(h):
    h.run()
    h.api.activities[0]["traits"]["translations"]["fi"]["name"] = "Tuolijumppa ja kahvi"
    report = h.run(now=LATER)
    assert report.updated == ["lahella-1001"]
    text = (h.out / "lahella-1001.md").read_text(encoding="utf-8")
    assert "Tuolijumppa ja kahvi" in text and "imported_at: '2026-11-24T03:00:00Z'" in text


@pytest.mark.parametrize("fault", [Fault(status=500), Fault(truncate=True), Fault(body={"unexpected": True}), Fault(drop=True)])
def test_a_failed_run_changes_nothing(h, fault):
    h.run()
    before = h.files()
    h.api.activities.append(b.activity("1010", "hobby", {"fi": "Uusi"}, group_key="x", regions=["city/FI/Vantaa"]))
    h.api.inject("skip=3", fault, persistent=True)
    with pytest.raises(ImportFailure):
        h.run(now=LATER)
    assert h.files() == before
    assert h.report()["status"] == "failed" and h.report()["message"]
    assert not list((h.root / "content").glob(".import-*staging*"))


def test_the_removal_guard(h):
    h.run()
    before = h.files()
    h.api.activities = h.api.activities[:1]  # 3 of 4 records would go
    with pytest.raises(RemovalGuardError, match="would remove 3 of 4 records"):
        h.run(now=LATER)
    assert h.files() == before
    report = h.run(now=LATER, force=True)
    assert sorted(report.removed) == ["lahella-1002", "lahella-1003", "lahella-1004"]
    assert sorted(h.files()) == ["lahella-1001.md"]


def test_an_empty_answer_is_stopped_by_the_guard(h):
    h.run()
    h.api.activities = []
    with pytest.raises(RemovalGuardError):
        h.run(now=LATER)


def test_an_invalid_activity_is_reported_and_its_previous_version_kept(h, monkeypatch):
    import importers.lahella.importer as importer

    h.run()
    before = (h.out / "lahella-1002.md").read_bytes()
    original = importer.normalise_activity

    def corrupt(activity, ctx):
        outcome = original(activity, ctx)
        if outcome.record_id == "lahella-1002":
            outcome.record["municipalities"] = ["Vantaa"]
        return outcome

    monkeypatch.setattr(importer, "normalise_activity", corrupt)
    report = h.run(now=LATER)
    assert h.report()["invalid"] == [{"id": "lahella-1002", "reason": "municipalities: ['Vantaa'] are not municipality "
                                                                       "codes; use three digits such as 092 (Vantaa)"}]
    assert (h.out / "lahella-1002.md").read_bytes() == before and "lahella-1002" not in report.removed
    assert any(w["kind"] == "kept_previous_version" for w in h.report()["warnings"])
    assert "failed validation 1" in report.summary()


def test_an_activity_the_importer_cannot_read_is_reported_not_fatal(h, monkeypatch):
    import importers.lahella.importer as importer

    original = importer.normalise_activity

    def broken(activity, ctx):
        if activity["_key"] == "1002":
            raise KeyError("surprise")
        return original(activity, ctx)

    monkeypatch.setattr(importer, "normalise_activity", broken)
    h.run()
    assert h.report()["invalid"] == [{"id": "lahella-1002", "reason": "could not be read (KeyError: 'surprise'); "
                                                                       "please report it as an importer bug"}]
    assert sorted(h.files()) == ["lahella-1001.md", "lahella-1003.md", "lahella-1004.md"]


def test_an_activity_without_a_key_is_reported(h):
    h.api.activities.append({"status": "published", "traits": {"translations": {"fi": {"name": "Avaimeton"}}}})
    h.run()
    assert h.report()["invalid"] == [{"id": "lahella-?", "reason": "an activity without a _key (Avaimeton); cannot be given an id"}]


def test_dry_run_writes_no_records(h):
    report = h.run(dry_run=True)
    assert report.added and h.files() == {}


def test_the_export_file_gives_the_same_records_as_the_api(h, tmp_path):
    h.run()
    from_api = h.files()
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"items": h.api.activities, "links": {"groups": list(groups().values())}}), encoding="utf-8")
    other = Harness(api=h.api, root=tmp_path / "other", config=CONFIG, settings=h.settings)
    other.run(file=export, base_url=None)
    assert other.files() == from_api
    assert other.report()["transport"] == str(export)


def test_runs_are_locked(h):
    writer_lock = h.root / "content" / ".import-lahella.lock"
    writer_lock.parent.mkdir(parents=True)
    import fcntl

    with open(writer_lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(ImportFailure, match="another import"):
            h.run()


# --- the command line -------------------------------------------------------------------------------

def _recording(tmp_path):
    world = b.World(page_size=100)
    for item in groups().values():
        world.add_group(item)
    world.activities = world_activities()
    world.write(tmp_path / "rec", today="2026-11-23")
    return tmp_path / "rec"


def test_cli_offline_replay_and_exit_codes(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TARJOTIN_TODAY", raising=False)
    rec = _recording(tmp_path)
    assert main(["--offline", str(rec), "--root", str(tmp_path / "repo"), "--quiet"]) == 0
    assert sorted(p.name for p in (tmp_path / "repo/content/records/lahella").glob("*.md")) == [
        "lahella-1001.md", "lahella-1002.md", "lahella-1003.md", "lahella-1004.md"]
    assert main(["--offline", str(tmp_path / "nothing"), "--root", str(tmp_path / "repo")]) == 2
    assert main(["--today", "23.11.2026", "--root", str(tmp_path / "repo")]) == 2
    # A later pinned day: the concert of 13.12.2026 is past and leaves (1 of 4, but on purpose:
    # records whose time is over do not count towards the removal guard).
    monkeypatch.setenv("TARJOTIN_TODAY", "2026-12-14")
    assert main(["--offline", str(rec), "--root", str(tmp_path / "repo"), "--quiet"]) == 0
    assert not (tmp_path / "repo/content/records/lahella/lahella-1003.md").exists()
    # A recording without the first page: the run fails and says so.
    for page in (rec / "v1").glob("activities@*.json"):
        page.unlink()
    assert main(["--offline", str(rec), "--root", str(tmp_path / "repo"), "--quiet"]) == 1
    assert "Lähellä.fi import failed" in capsys.readouterr().err


def test_cli_file_transport(tmp_path):
    world = b.World()
    for item in groups().values():
        world.add_group(item)
    world.activities = world_activities()
    export = tmp_path / "export.json"
    export.write_text(json.dumps(world.export()), encoding="utf-8")
    assert main(["--file", str(export), "--root", str(tmp_path / "repo"), "--today", "2026-11-23", "--quiet"]) == 0
    assert len(list((tmp_path / "repo/content/records/lahella").glob("*.md"))) == 4
    export.write_text(json.dumps(world.export())[:-40], encoding="utf-8")
    assert main(["--file", str(export), "--root", str(tmp_path / "repo"), "--today", "2026-11-23", "--quiet"]) == 1


def test_replay_server_serves_the_recording_at_the_root(tmp_path):
    rec = _recording(tmp_path)
    with ReplayServer(rec, prefix="/") as server:
        assert server.base_url.endswith("/") and not server.base_url.endswith("//")
        settings = make_settings(CONFIG)
        h = Harness(api=None, root=tmp_path / "repo", config=CONFIG, settings=settings)  # type: ignore[arg-type]
        h.run(base_url=server.base_url)
        assert server.misses == [] and len(h.files()) == 4
        assert os.path.basename(server.requests[0]).startswith("activities@limit=100&links[groups]=true")
