"""One "today" for every importer: --today, else $TARJOTIN_TODAY (as the build), else the site's today."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

import importers.ptv.importer as ptv_importer
import tests.ptv_support as s
from importers.common.errors import ImportFailure
from importers.common.replay import ReplayServer
from importers.common.run import RunOptions, resolve_today


def test_resolve_today_prefers_the_option_then_the_environment_then_the_site_day(config):
    late = datetime(2026, 11, 23, 22, 30, tzinfo=timezone.utc)   # already the 24th in Helsinki
    assert resolve_today(RunOptions(today=date(2026, 1, 2), environ={"TARJOTIN_TODAY": "2030-01-01"}),
                         config, late) == date(2026, 1, 2)
    assert resolve_today(RunOptions(environ={"TARJOTIN_TODAY": "2030-01-01"}), config, late) == date(2030, 1, 1)
    assert resolve_today(RunOptions(environ={}), config, late) == date(2026, 11, 24)
    with pytest.raises(ImportFailure, match=r"\$TARJOTIN_TODAY='1.1.2030' is not a date \(YYYY-MM-DD\)"):
        resolve_today(RunOptions(environ={"TARJOTIN_TODAY": "1.1.2030"}), config, late)


@pytest.fixture()
def h(tmp_path):
    config = s.default_config()
    recordings = tmp_path / "recordings"
    with ReplayServer(recordings) as server:
        harness = s.Harness(recordings, tmp_path / "repo", server, s.build_world(), config, s.make_settings(config))
        harness.write()
        yield harness


def test_ptv_honours_tarjotin_today_like_lahella(h, monkeypatch):
    made = []
    real = ptv_importer.make_api
    monkeypatch.setattr(ptv_importer, "make_api", lambda *a, **k: made.append(real(*a, **k)) or made[-1])
    monkeypatch.setenv("TARJOTIN_TODAY", "2031-05-01")
    h.run(today=None)
    assert made[0].years == (2031, 2032)   # the years whose holidays decide the hours in force
    monkeypatch.setenv("TARJOTIN_TODAY", "soon")
    with pytest.raises(ImportFailure, match="TARJOTIN_TODAY"):
        h.run(today=None)
    assert h.report()["status"] == "failed"
