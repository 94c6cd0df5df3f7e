"""SIGTERM and SIGINT during a real importer process, and the run deadline: the run fails the
normal way (lock released, staging removed, report written as failed, previous records kept),
except during the directory swap itself, which completes first."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from importers.common.errors import ImportFailure
from importers.common.replay import Fault, ReplayServer
from tests import lahella_support as ls
from tests import ptv_support as s
from tests.site_support import ROOT

# Runs an importer's command line with settings overrides; PAUSE names a step where it stops for a
# while (after touching MARKER) so that the test can signal it there.
DRIVER = textwrap.dedent("""
    import dataclasses, importlib, json, os, sys, time
    from pathlib import Path
    from importers.common import writer
    from importers.common.cli import run_command

    source, root, overrides = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    COMMAND = importlib.import_module(f"importers.{source}.cli").COMMAND
    pause = os.environ.get("PAUSE", "")
    marker = Path(os.environ.get("MARKER", "/nonexistent"))

    def pausing(real):
        def call(*args, **kwargs):
            if not marker.exists():
                marker.touch()
                time.sleep(float(os.environ["PAUSE_SECONDS"]))
            return real(*args, **kwargs)
        return call

    if pause == "write":
        writer.os.fsync = pausing(os.fsync)    # while the staging folder is being written
    elif pause == "swap":
        writer.os.rename = pausing(os.rename)  # between the journal and the first rename
    command = dataclasses.replace(
        COMMAND, load_settings=lambda config: COMMAND.load_settings(config).model_copy(update=overrides))
    sys.exit(run_command(command, ["--root", root, "--quiet", "--today", "2026-11-23"]))
""")

QUICK = {"retries": 1, "timeout": 30.0}


@pytest.fixture()
def h(tmp_path):
    config = s.default_config()
    recordings = tmp_path / "recordings"
    with ReplayServer(recordings) as server:
        harness = s.Harness(recordings, tmp_path / "repo", server, s.build_world(), config, s.make_settings(config))
        harness.write()
        harness.run()  # the previous, successful run
        yield harness


def _start(h, *, pause: str = "", source: str = "ptv", **overrides) -> tuple[subprocess.Popen, Path]:
    marker = h.root / "paused"
    server = h.server if source == "ptv" else h.api
    server.requests.clear()
    env = {**os.environ, "PTV_BASE_URL": server.base_url, "LAHELLA_BASE_URL": server.base_url,
           "LAHELLA_TOKEN": "token", "PYTHONPATH": str(ROOT), "PAUSE": pause,
           "PAUSE_SECONDS": "1.5" if pause == "swap" else "20",
           "MARKER": str(marker), "TARJOTIN_NO_RENAME_EXCHANGE": "1" if pause == "swap" else ""}
    process = subprocess.Popen([sys.executable, "-c", DRIVER, source, str(h.root), json.dumps({**QUICK, **overrides})],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, marker


def _wait_for(condition, process: subprocess.Popen, seconds: float = 10.0) -> None:
    until = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < until, "the importer never got there"
        time.sleep(0.02)


def _finish(process: subprocess.Popen, signum: int) -> tuple[int, str, float]:
    sent = time.monotonic()
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=10)
    return process.returncode, stderr, time.monotonic() - sent


def _litter(h) -> list[str]:
    return sorted(p.name for p in (h.root / "content").iterdir() if p.name != "records")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_fetch_fails_the_run_cleanly(h, signum):
    before = h.files()
    h.server.inject("ServiceChannel/list", Fault(delay=20))  # the server hangs mid-run
    process, _ = _start(h)
    _wait_for(lambda: any("ServiceChannel/list" in key for key in h.server.requests), process)
    code, stderr, took = _finish(process, signum)
    name = signal.Signals(signum).name
    assert code == 1 and took < 3
    assert f"PTV import failed: interrupted by {name}" in stderr and "Traceback" not in stderr
    report = h.report()
    assert report["status"] == "failed" and report["message"] == f"interrupted by {name}; nothing was changed"
    assert h.files() == before and _litter(h) == []  # no lock, no staging folder


def test_sigterm_during_a_lahella_fetch_fails_the_run_cleanly(tmp_path):
    config = s.default_config()
    with ls.FakeLahella(ls.world_activities(), ls.groups()) as api:
        h = ls.Harness(api=api, root=tmp_path / "repo", config=config, settings=ls.make_settings(config))
        h.run()
        before = h.files()
        api.faults.inject("activities", Fault(delay=20))
        process, _ = _start(h, source="lahella")
        _wait_for(lambda: bool(api.requests), process)
        code, stderr, took = _finish(process, signal.SIGTERM)
    assert code == 1 and took < 3 and "Lähellä.fi import failed: interrupted by SIGTERM" in stderr
    assert h.report()["status"] == "failed" and h.files() == before and _litter(h) == []


def test_sigterm_while_writing_the_staging_folder_removes_it(h):
    before = h.files()
    h.service(s.LIBRARY)["serviceNames"][0]["value"] = "Muuttunut nimi"  # something to write
    h.write()
    process, marker = _start(h, pause="write")
    _wait_for(marker.exists, process)
    assert any(".staging-" in name for name in _litter(h))
    code, stderr, took = _finish(process, signal.SIGTERM)
    assert code == 1 and took < 3 and "interrupted by SIGTERM" in stderr
    assert h.report()["status"] == "failed"
    assert h.files() == before and _litter(h) == []


def test_sigterm_during_the_swap_waits_for_it_then_ends_the_process(h, config):
    h.service(s.LIBRARY)["serviceNames"][0]["value"] = "Muuttunut nimi"
    h.write()
    process, marker = _start(h, pause="swap")
    _wait_for(marker.exists, process)
    assert ".import-ptv.swap" in _litter(h)
    code, _, took = _finish(process, signal.SIGTERM)
    assert code == -signal.SIGTERM and took > 1  # ended as asked, once the swap and the report were done
    assert "Muuttunut nimi" in h.files()[f"ptv-{s.LIBRARY}.md"].decode()
    assert h.report()["status"] == "ok" and _litter(h) == []


def test_the_run_deadline_fails_a_run_that_takes_too_long(h):
    before = h.files()
    h.settings = h.settings.model_copy(update={"run_deadline": 0.5, "request_deadline": 30.0})
    h.server.inject("ServiceChannel/list", Fault(delay=5))
    started = time.monotonic()
    with pytest.raises(ImportFailure, match=r"the run did not finish within its deadline of 0\.5 s \(run_deadline\)"):
        h.run(timeout=30.0)
    assert time.monotonic() - started < 2
    assert h.report()["status"] == "failed" and h.files() == before and _litter(h) == []


def test_the_run_deadline_holds_for_lahella_too(tmp_path):
    config = s.default_config()
    with ls.FakeLahella(ls.world_activities(), ls.groups()) as api:
        h = ls.Harness(api=api, root=tmp_path / "repo", config=config,
                       settings=ls.make_settings(config, run_deadline=0.5, request_deadline=30.0))
        api.faults.inject("activities", Fault(delay=5), persistent=True)
        started = time.monotonic()
        with pytest.raises(ImportFailure, match=r"within its deadline of 0\.5 s"):
            h.run(timeout=30.0)
        assert time.monotonic() - started < 2
    assert h.report()["status"] == "failed" and not h.out.exists()


def test_lock_staging_and_swap_files_are_ignored_by_git():
    paths = ["content/.import-ptv.lock", "content/.import-lahella.staging-x1y2/a.md", "content/.import-ptv.swap",
             "content/.import-ptv.old-swap/a.md"]
    result = subprocess.run(["git", "check-ignore", *paths], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == paths
