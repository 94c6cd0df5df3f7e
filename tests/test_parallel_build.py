"""Pages rendered in forked workers (tarjotin/parallel.py) are the same bytes as a serial build's."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys

import pytest

from tarjotin.parallel import WorkerFailed, run_jobs, worker_count
from tests.site_support import ROOT, TEST_CONFIG, TODAY
from tests.test_bench_smoke import build_bench


def verbose_build(content, output, workers: int) -> subprocess.CompletedProcess:
    """A real Pelican build with INFO logging, which says how many processes rendered the pages."""
    env = {**os.environ, "TARJOTIN_CONFIG": str(TEST_CONFIG), "TARJOTIN_TODAY": TODAY, "COLUMNS": "500"}
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
               "-v", "-e", f"TRAY_WORKERS={workers}"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_a_parallel_build_writes_the_same_bytes_as_a_serial_one(tmp_path):
    build_bench.write_area(tmp_path / "area", 120)  # 120 records × 3 languages: enough jobs for 2 workers
    outputs = {}
    for workers in (1, 2):
        out = tmp_path / f"out-{workers}"
        result = verbose_build(tmp_path / "area", out, workers)
        assert result.returncode == 0, result.stderr[-3000:]
        assert f"in {workers} process(es)" in " ".join((result.stdout + result.stderr).split())
        outputs[workers] = out
    files = sorted(str(p.relative_to(outputs[1])) for p in outputs[1].rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(outputs[2])) for p in outputs[2].rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(outputs[1], outputs[2], files, shallow=False)
    assert mismatch == [] and errors == [] and len(match) > 360


def test_every_job_runs_once_and_each_child_reports_back(tmp_path):
    def do(n):
        (tmp_path / f"{n}.txt").write_text(str(os.getpid()))

    reports = run_jobs(list(range(30)), do, collect=lambda: os.getpid(), workers=3)
    written = sorted(int(p.stem) for p in tmp_path.glob("*.txt"))
    assert written == list(range(30))
    pids = {p.read_text() for p in tmp_path.glob("*.txt")}
    assert len(pids) == 3 and str(os.getpid()) in pids
    assert sorted(map(str, reports)) == sorted(pids - {str(os.getpid())})


def test_a_failing_worker_fails_the_run_with_its_traceback():
    def do(n):
        if n == 25:
            raise ValueError("record 25 is broken")

    with pytest.raises(WorkerFailed, match="record 25 is broken"):
        run_jobs(list(range(30)), do, workers=2)


def test_a_small_build_or_one_worker_stays_in_this_process():
    assert worker_count(2, 3) == 1 and worker_count(2, 4) == 2
    assert worker_count(1, 10_000) == 1
    assert worker_count(2, 10_000) == 2
