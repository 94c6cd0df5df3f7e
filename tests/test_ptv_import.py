"""End-to-end PTV import runs against a real HTTP server on 127.0.0.1 replaying recorded answers."""

from __future__ import annotations

import json
import os
from datetime import timedelta

import pytest

from importers.common.errors import FetchError, ImportFailure, MalformedResponse, RemovalGuardError
from importers.common.replay import Fault, ReplayServer
from importers.common.writer import RecordWriter
from importers.ptv import builders as b
from importers.ptv.cli import main
from tarjotin.content import load_content
from tarjotin.recordfile import parse_record
from tests.site_support import TEST_CONFIG

from . import ptv_support as s

EXPECTED = {f"ptv-{i}.md" for i in (s.SWIM, s.LIBRARY, s.YOUTH, s.MENTAL, s.HELPLINE, s.DEBT)}
GOLDEN = s.Path(__file__).parent / "fixtures" / "ptv" / "expected"


@pytest.fixture()
def h(tmp_path):
    config = s.default_config()
    world = s.build_world()
    recordings = tmp_path / "recordings"
    with ReplayServer(recordings) as server:
        harness = s.Harness(recordings, tmp_path / "repo", server, world, config, s.make_settings(config))
        harness.write()
        yield harness


@pytest.fixture()
def imported(h):
    h.run()
    return h


def test_full_run_pages_through_every_list_and_writes_the_relevant_services(imported):
    h = imported
    assert set(h.files()) == EXPECTED
    pages = sorted(k for k in h.server.requests if k.startswith("Service/list/area/Municipality/code/092"))
    assert [k.split("page=")[1][0] for k in pages] == ["1", "2", "3"]  # 9 services, 3 per page
    assert "includeWholeCountry=true" in pages[0]  # nationwide services asked for once
    report = h.report()
    assert report["status"] == "ok"
    assert report["counts"]["fetched"] == 10 and report["counts"]["added"] == 6
    assert report["skipped_by_reason"] == {"businesses_only": 1, "no_matching_rule": 1, "not_a_service": 1}


def test_file_contents(imported):
    h = imported
    golden = (GOLDEN / f"ptv-{s.LIBRARY}.md").read_text(encoding="utf-8")
    assert (h.out / f"ptv-{s.LIBRARY}.md").read_text(encoding="utf-8") == golden
    swim = parse_record((h.out / f"ptv-{s.SWIM}.md").read_text(encoding="utf-8"), f"ptv-{s.SWIM}.md", h.config)
    assert [loc.name.fi for loc in swim.locations] == ["Myyrmäen uimahalli", "Tikkurilan uimahalli"]
    myyrmaki, tikkurila = swim.locations
    assert myyrmaki.latitude is None  # "0" coordinates: unknown, never a point in the sea
    assert (tikkurila.latitude, tikkurila.longitude) == (60.300968, 25.039801)
    # Connection-specific hours replace the channel's at Tikkurila; Myyrmäki keeps its own.
    assert [(r.days, r.opens) for r in tikkurila.opening_hours.weekly] == [(["mon"], "07:00")]
    assert myyrmaki.opening_hours.weekly[0].days == ["mon", "tue", "wed", "thu"]
    assert [p.number for p in swim.contacts.phones] == ["+358 40 123 4567"]  # connection contact wins
    assert "<b\\>Kaikukortti</b\\>" in swim.description.fi
    assert swim.keywords == ["Kaikukortti", "uinti"] and swim.price.free is False
    text = (h.out / f"ptv-{s.HELPLINE}.md").read_text(encoding="utf-8")
    assert "nationwide: true" in text and "open_24h: true" in text


def test_output_passes_the_content_check(imported):
    content = load_content(imported.root / "content", imported.config)
    assert content.errors == []
    assert len(content.records) == 6


def test_rerun_changes_no_file(imported):
    h = imported
    before = h.files()
    mtimes = {p.name: p.stat().st_mtime_ns for p in h.out.iterdir()}
    report = h.run(now=s.LATER)
    assert h.files() == before  # byte-identical, imported_at kept
    assert {p.name: p.stat().st_mtime_ns for p in h.out.iterdir()} == mtimes  # not even rewritten
    assert (report.added, report.updated, report.removed, report.unchanged) == ([], [], [], 6)


def test_a_real_change_updates_only_that_file(imported):
    h = imported
    before = h.files()
    h.service(s.LIBRARY)["serviceDescriptions"][0]["value"] = "Lainaa kirjoja, pelejä ja työkaluja."
    h.write()
    report = h.run(now=s.LATER)
    assert report.updated == [f"ptv-{s.LIBRARY}"]
    after = h.files()
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {f"ptv-{s.LIBRARY}.md"}
    text = after[f"ptv-{s.LIBRARY}.md"].decode()
    assert "pelejä ja työkaluja" in text and "imported_at: '2026-11-24T03:00:00Z'" in text


def test_archived_service_disappears_in_a_full_run(imported):
    h = imported
    h.service(s.MENTAL)["publishingStatus"] = "Archived"
    (h.recordings / "Service" / f"{s.MENTAL}.json").unlink()
    h.write()
    report = h.run(now=s.LATER)
    assert report.removed == [f"ptv-{s.MENTAL}"]
    assert f"ptv-{s.MENTAL}.md" not in h.files()


def test_service_that_no_longer_matches_disappears(imported):
    h = imported
    h.service(s.DEBT)["serviceClasses"] = [b.service_class("P14.1")]
    h.write()
    report = h.run(now=s.LATER)
    assert report.removed == [f"ptv-{s.DEBT}"]


def test_incremental_run_uses_the_date_parameter(imported):
    h = imported
    since = s.NOW - timedelta(days=1)
    date = "2026-11-22T03:00:00"
    h.service(s.LIBRARY)["serviceNames"][0]["value"] = "Keravan pääkirjasto"
    h.write()
    (h.recordings / "Service" / f"{s.MENTAL}.json").unlink()
    (h.recordings / "Service" / "serviceWithGD" / f"{s.MENTAL}.json").unlink()
    h.world.write_id_pages(h.recordings, "Service", [s.LIBRARY, s.YOUTH], {"date": date})
    h.world.write_id_pages(h.recordings, "Service", [s.MENTAL], {"date": date, "status": "Archived"})
    h.world.write_id_pages(h.recordings, "Service", [], {"date": date, "status": "Withdrawn"})
    h.world.write_id_pages(h.recordings, "ServiceChannel", [s.CH_DEBT], {"date": date})
    before = h.files()
    first_request = len(h.server.requests)
    report = h.run(since=since, now=s.LATER)
    assert report.mode == "incremental"
    assert report.updated == [f"ptv-{s.LIBRARY}"]
    assert report.removed == [f"ptv-{s.MENTAL}"]
    # Library and youth changed; the debt and senior services came through their changed channel.
    assert report.fetched == 4 and report.unchanged == 4
    after = h.files()
    assert after[f"ptv-{s.SWIM}.md"] == before[f"ptv-{s.SWIM}.md"]
    assert "Keravan pääkirjasto" in after[f"ptv-{s.LIBRARY}.md"].decode()
    requests = h.server.requests[first_request:]
    assert "Service@date=2026-11-22T03:00:00&page=1" in requests
    assert not any(k.startswith("Service/list/area") for k in requests)  # no full listing


def test_removal_guard_refuses_an_empty_answer(imported):
    h = imported
    before = h.files()
    h.server.inject("list/area", Fault(body={"pageNumber": 1, "pageSize": 100, "pageCount": 0, "itemList": []}),
                    persistent=True)
    with pytest.raises(RemovalGuardError, match=r"remove 6 of 6 records \(100%\)"):
        h.run(now=s.LATER)
    assert h.files() == before
    report = h.report()
    assert report["status"] == "failed" and "--force" in report["message"]
    assert not (h.root / "reports" / "import-ptv-state.json").read_text().count("2026-11-24")


def test_force_overrides_the_guard(imported):
    h = imported
    h.server.inject("list/area", Fault(body={"pageNumber": 1, "pageSize": 100, "pageCount": 0, "itemList": []}),
                    persistent=True)
    report = h.run(now=s.LATER, force=True)
    assert len(report.removed) == 6 and h.files() == {}


def test_guard_allows_a_small_share(imported):
    h = imported
    h.service(s.MENTAL)["publishingStatus"] = "Archived"  # 1 of 6 = 17 % < 20 %
    h.write()
    assert h.run(now=s.LATER).removed == [f"ptv-{s.MENTAL}"]


@pytest.mark.parametrize(
    ("match", "fault", "error"),
    [
        ("ServiceChannel/list", Fault(status=500), FetchError),
        ("code/092@includeWholeCountry=true&page=2", Fault(truncate=True), MalformedResponse),
        ("Organization", Fault(status=503), FetchError),
        ("code/245", Fault(body={"unexpected": "shape"}), MalformedResponse),
    ],
)
def test_a_failed_run_changes_nothing(imported, match, fault, error):
    h = imported
    before = h.files()
    h.service(s.LIBRARY)["serviceNames"][0]["value"] = "Muuttunut nimi"  # there is something to write
    h.write()
    h.server.inject(match, fault, persistent=True)
    with pytest.raises(error):
        h.run(now=s.LATER)
    assert h.files() == before
    assert h.report()["status"] == "failed"
    assert [p.name for p in (h.root / "content").iterdir()] == ["records"]  # no staging left behind


def test_first_run_failure_creates_nothing(h):
    h.server.inject("ServiceChannel/list", Fault(status=500), persistent=True)
    with pytest.raises(FetchError):
        h.run()
    assert not h.out.exists()


def test_crash_during_the_swap_leaves_the_old_directory(imported, monkeypatch):
    h = imported
    before = h.files()
    h.service(s.LIBRARY)["serviceNames"][0]["value"] = "Muuttunut nimi"
    h.write()

    def boom(self, staging):
        raise OSError("disk full")

    monkeypatch.setattr(RecordWriter, "_swap", boom)
    with pytest.raises(OSError):
        h.run(now=s.LATER)
    assert h.files() == before
    assert h.report()["status"] == "failed" and h.report()["message"] == "OSError: disk full"
    assert [p.name for p in (h.root / "content").iterdir()] == ["records"]


def test_fallback_swap_without_rename_exchange(imported, monkeypatch):
    h = imported
    monkeypatch.setenv("TARJOTIN_NO_RENAME_EXCHANGE", "1")
    h.service(s.LIBRARY)["serviceNames"][0]["value"] = "Muuttunut nimi"
    h.write()
    h.run(now=s.LATER)
    assert "Muuttunut nimi" in h.files()[f"ptv-{s.LIBRARY}.md"].decode()
    assert sorted(p.name for p in (h.root / "content").iterdir()) == ["records"]


def test_recovery_after_an_interrupted_fallback_swap(imported):
    h = imported
    before = h.files()
    backup = h.root / "content" / ".import-ptv.old-swap"
    os.rename(h.out, backup)  # as if the process died between the two renames
    h.run(now=s.LATER)
    assert h.files() == before and not backup.exists()


def test_transient_faults_are_retried_within_a_run(h):
    h.server.inject("code/092@includeWholeCountry=true&page=2", Fault(status=500))
    h.server.inject("ServiceChannel/list", Fault(status=429, headers={"Retry-After": "3"}))
    h.server.inject("Organization/list", Fault(delay=0.4))
    report = h.run(timeout=0.25)
    assert set(h.files()) == EXPECTED
    assert sorted(h.sleeps) == [1.0, 1.0, 3.0]
    assert h.report()["http"]["retries"] == 3


def test_404_for_one_channel_is_a_warning(imported):
    h = imported
    youth = (h.out / f"ptv-{s.YOUTH}.md").read_text(encoding="utf-8")
    assert "Nuorisotila Kipinä" in youth and s.CH_MISSING not in youth
    warnings = [w for w in h.report()["warnings"] if w["kind"] == "missing_channel"]
    assert warnings == [{"id": f"ptv-{s.YOUTH}", "kind": "missing_channel", "title": "Avoin nuorisotyö",
                         "message": f"channel {s.CH_MISSING} (Poistettu kanava) was not found (404); left out"}]
    assert f"ServiceChannel/{s.CH_MISSING}" in h.server.misses


def test_validation_failure_is_reported_and_the_rest_proceed(imported):
    report = imported.report()
    assert report["invalid"] == [{"id": f"ptv-{s.BROKEN}", "reason": report["invalid"][0]["reason"]}]
    assert "not a valid id" in report["invalid"][0]["reason"]
    assert len(imported.files()) == 6


def test_report_lists_warnings_and_skips(imported):
    report = imported.report()
    kinds = report["warnings_by_kind"]
    assert kinds["missing_sv"] >= 2 and kinds["missing_channel"] == 1 and kinds["missing_coordinates"] == 1
    assert {"id": f"ptv-{s.PERMIT}", "reason": "not_a_service", "title": "Rakennuslupa"} in report["skipped"]
    summary_lines = imported.run(now=s.LATER).summary()
    assert "skipped 3: businesses_only 1, no_matching_rule 1, not_a_service 1" in summary_lines


def test_overrides_and_other_files_are_never_touched(imported):
    h = imported
    overrides = h.root / "content" / "overrides"
    overrides.mkdir()
    override = overrides / f"ptv-{s.SWIM}.yml"
    override.write_text("add:\n  keywords: [uimahalli]\n", encoding="utf-8")
    readme = h.out / "README.txt"
    readme.write_text("imported by importers/ptv\n", encoding="utf-8")
    h.service(s.SWIM)["serviceNames"][0]["value"] = "Uimahallit Vantaalla"
    h.write()
    h.run(now=s.LATER)
    assert override.read_text(encoding="utf-8") == "add:\n  keywords: [uimahalli]\n"
    assert readme.read_text(encoding="utf-8") == "imported by importers/ptv\n"


def test_dry_run_writes_no_records(h):
    report = h.run(dry_run=True)
    assert len(report.added) == 6 and not h.out.exists()
    assert h.report()["dry_run"] is True


def test_cli_offline_and_exit_codes(h, capsys, monkeypatch):
    monkeypatch.setenv("TARJOTIN_NO_PROGRESS", "1")
    (h.recordings / "_recording.json").write_text(json.dumps({"today": "2026-11-23"}), encoding="utf-8")
    v11 = ["--config", str(s.v11_config_file(TEST_CONFIG, h.root.parent))]
    code = main(["--offline", str(h.recordings), "--root", str(h.root), *v11])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "ptv import (full): OK" in out.out and "added 6" in out.out
    assert set(h.files()) == EXPECTED
    assert main(["--offline", str(h.root / "nowhere"), "--root", str(h.root), *v11]) == 2
    empty = h.root / "empty"
    empty.mkdir()
    assert main(["--offline", str(empty), "--root", str(h.root), *v11]) == 1
    assert "Nothing was changed" in capsys.readouterr().err
    assert set(h.files()) == EXPECTED
    assert main(["--since", "yesterday", "--root", str(h.root)]) == 2
    assert main(["--today", "23.11.2026", "--root", str(h.root)]) == 2


def test_since_last_needs_an_earlier_run(h, capsys):
    v11 = ["--config", str(s.v11_config_file(TEST_CONFIG, h.root.parent))]
    assert main(["--since", "last", "--root", str(h.root), "--offline", str(h.recordings), *v11]) == 1
    assert "run a full import first" in capsys.readouterr().err


def test_parse_since():
    from datetime import datetime, timezone

    from importers.ptv.cli import parse_since

    now = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
    assert parse_since("36h", s.Path("x"), now) == datetime(2026, 11, 22, 0, 0, tzinfo=timezone.utc)
    assert parse_since("2d", s.Path("x"), now) == datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)
    assert parse_since("2026-11-20", s.Path("x"), now) == datetime(2026, 11, 20, tzinfo=timezone.utc)


def test_concurrent_runs_are_refused(h):
    writer = RecordWriter(h.out)
    with writer.lock():
        with pytest.raises(ImportFailure, match="another import"):
            h.run()


def test_servers_without_list_endpoints_are_served_one_by_one(h):
    h.server.inject("Organization/list", Fault(status=400, body={"message": "unknown route"}), persistent=True)
    h.server.inject("ServiceChannel/list/area", Fault(status=404), persistent=True)
    h.server.inject("ServiceChannel/list@", Fault(status=405), persistent=True)
    report = h.run()
    assert set(h.files()) == EXPECTED
    assert f"Organization/{s.ORG_VANTAA}" in h.server.requests
    assert f"ServiceChannel/{s.CH_LIBRARY}" in h.server.requests
    assert "Vanda stad" in h.files()[f"ptv-{s.SWIM}.md"].decode()
    assert [w["kind"] for w in h.report()["warnings"] if not w["id"]] == ["endpoint_unavailable"]
    assert report.status == "ok"


def test_progress_only_on_a_terminal():
    import io

    from importers.common.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    quiet, tty = io.StringIO(), Terminal()
    Progress(quiet).update("services: page", 1, 3, force=True)
    progress = Progress(tty, prefix="ptv: ")
    progress.update("services: page", 2, 3, force=True)
    progress.done()
    assert quiet.getvalue() == ""
    assert "\rptv: services: page 2/3" in tty.getvalue() and tty.getvalue().endswith("\r")


def test_a_service_that_cannot_be_read_is_reported_and_the_rest_proceed(h, monkeypatch):
    # An answer shape nobody foresaw makes normalisation raise for one service: it is reported
    # by id with the reason, and every other service is still written.
    from importers.ptv import importer

    real = importer.normalise_service

    def fragile(service, ctx, **kwargs):
        if service.get("id") == s.DEBT:
            raise TypeError("'int' object is not iterable")
        return real(service, ctx, **kwargs)

    monkeypatch.setattr(importer, "normalise_service", fragile)
    h.run()
    assert set(h.files()) == EXPECTED - {f"ptv-{s.DEBT}.md"}
    [failure] = [item for item in h.report()["invalid"] if item["id"] == f"ptv-{s.DEBT}"]
    assert "could not be read (TypeError" in failure["reason"]
