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


def test_the_records_read_in_two_processes_are_those_read_in_one(tmp_path, config):
    """tarjotin/content.py reads the record files in TRAY_WORKERS processes: the same records,
    hidden ids and errors (a broken file, a misnamed one, an id used twice, an override) either way."""
    from tarjotin.content import FILES_PER_WORKER, load_content

    area = tmp_path / "area"
    build_bench.write_area(area, 2 * FILES_PER_WORKER + 30)
    local = area / "records" / "local"
    (local / "local-synthetic-00007.md").write_text("---\nid: [broken\n---\n", encoding="utf-8")
    (local / "local-misnamed.md").write_text((local / "local-synthetic-00008.md").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    (area / "overrides").mkdir()
    (area / "overrides" / "local-synthetic-00300.yml").write_text("hide: true\n", encoding="utf-8")
    (area / "overrides" / "local-synthetic-00301.yml").write_text("set:\n  title:\n    fi: Korjattu nimi\n",
                                                                              encoding="utf-8")
    serial, parallel = load_content(area, config, workers=1), load_content(area, config, workers=2)
    assert [r.model_dump() for r in parallel.records] == [r.model_dump() for r in serial.records]
    assert len(serial.records) == 2 * FILES_PER_WORKER + 30 - 2  # the broken one and the hidden one
    assert (parallel.hidden, parallel.errors) == (serial.hidden, serial.errors)
    assert serial.hidden == ["local-synthetic-00300"]
    assert {e.path.split(" ")[0] for e in serial.errors} == {"area/records/local/local-synthetic-00007.md",
                                                              "area/records/local/local-misnamed.md"}
    assert next(r for r in serial.records if r.id == "local-synthetic-00301").title.fi == "Korjattu nimi"


@pytest.mark.parametrize("parallel", [True, False])
def test_a_side_job_runs_beside_the_build_and_hands_back_its_value_or_its_failure(tmp_path, parallel):
    from tarjotin.parallel import SideJob

    def write() -> dict:
        (tmp_path / "file.txt").write_text(str(os.getpid()), encoding="utf-8")
        return {"pid": os.getpid(), "big": "x" * 500_000}  # more than a pipe holds

    job = SideJob(write, parallel=parallel, name="the test files")
    value = job.result()
    assert value["big"] == "x" * 500_000 and job.result() is value
    assert (value["pid"] != os.getpid()) == parallel
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == str(value["pid"])

    def fail() -> None:
        raise ValueError("no such theme")

    failing = SideJob(fail, parallel=parallel, name="the test files")
    with pytest.raises(WorkerFailed if parallel else ValueError, match="no such theme") as caught:
        failing.result()
    if parallel:
        assert "the test files" in str(caught.value) and "Traceback" in str(caught.value)


def test_the_heap_made_before_a_fork_is_out_of_the_collectors_sight_in_the_children():
    """tarjotin/collector.py: a child's collection would write to every object it scans and so copy
    the parent's memory; what exists before the fork is frozen, in the children too."""
    import gc

    gc.unfreeze()
    made_before = [{"record": n} for n in range(1000)]  # noqa: F841 - kept alive across the fork
    reports = run_jobs([1, 2, 3, 4], lambda job: None, lambda: gc.get_freeze_count(), workers=2)
    try:
        assert reports and all(count >= 1000 for count in reports)
        assert gc.get_freeze_count() >= 1000
    finally:
        gc.unfreeze()


def test_jobs_are_shared_out_by_weight_in_contiguous_slices():
    from tarjotin.parallel import slices_of

    jobs = list(range(10))
    assert slices_of(jobs, 2) == [jobs[:5], jobs[5:]]
    heavy_last = lambda job: 9.0 if job == 9 else 1.0  # noqa: E731 - the last job costs as much as the others
    assert slices_of(jobs, 2, heavy_last) == [jobs[:9], jobs[9:]]
    parts = slices_of(jobs, 3, lambda job: 1.0)
    assert sum(parts, []) == jobs and len(parts) == 3 and all(len(p) in (3, 4) for p in parts)
    assert slices_of([1], 4, lambda job: 1.0) == [[1]]
