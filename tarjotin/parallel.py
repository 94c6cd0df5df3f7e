"""Run a build's independent jobs (pages to render, whole stages) in forked worker processes.

Rendering the record pages is most of a build and each page is independent of the others, so
the jobs are split into contiguous slices: the build's own process does the first one and forked
children the others. Forking after every generator's `generate_context` means the children start
with the records, presenters and compiled templates already in memory: nothing is pickled but
what a child reports back (`collect()`, e.g. the theme files its pages referred to).

A page is the same bytes whichever process renders it, so the output is identical to a serial
run (tests/test_parallel_build.py). With one worker, or where `os.fork` does not exist, the jobs
run in order in this process. A child that fails makes the whole run fail with its traceback.

`SideJob` runs one whole stage (the search files, the open data files) in a
forked child while the build goes on with the next: each writes its own files from the records
already in memory and hands back only what the pages need (file names, counts); its `result()`
waits for it. So the serial stages between reading the records and rendering the pages overlap on
both cores instead of running one after another.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from . import collector

Job = TypeVar("Job")

#: Fewer jobs than this per worker are not worth a fork (a quality report has few, large pages).
MIN_JOBS_PER_WORKER = 2


class WorkerFailed(RuntimeError):
    """A worker process raised or died; the message carries its traceback or exit status."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worker_count(setting: int, jobs: int) -> int:
    """Workers for `jobs` jobs: `setting` (0 = one per available core), fewer for a small build."""
    wanted = setting or available_cores()
    if not hasattr(os, "fork"):
        return 1
    return max(1, min(wanted, jobs // MIN_JOBS_PER_WORKER))


def parallel_allowed(setting: int) -> bool:
    """Whether a stage may run beside the others: more than one worker (TRAY_WORKERS, 0 = one per
    core) and `os.fork`."""
    return hasattr(os, "fork") and (setting or available_cores()) > 1


def slices_of(jobs: Sequence[Job], workers: int, weight: Callable[[Job], float] | None = None) -> list[Sequence[Job]]:
    """`jobs` cut into at most `workers` contiguous slices of about the same total `weight` (a
    job's cost relative to the others; 1 each when not given)."""
    if weight is None:
        size = -(-len(jobs) // workers)
        return [jobs[i:i + size] for i in range(0, len(jobs), size)]
    weights = [weight(job) for job in jobs]
    share = sum(weights) / workers
    slices, start, done = [], 0, 0.0
    for i, w in enumerate(weights):
        done += w
        if done >= share * (len(slices) + 1) and len(slices) < workers - 1:
            slices.append(jobs[start:i + 1])
            start = i + 1
    slices.append(jobs[start:])
    return [part for part in slices if part]


def run_jobs(jobs: Sequence[Job], do: Callable[[Job], None], collect: Callable[[], Any] = lambda: None,
             workers: int = 1, weight: Callable[[Job], float] | None = None) -> list[Any]:
    """`do(job)` for every job, in `workers` processes, each a slice of about the same `weight`
    (`slices_of`); returns `collect()` of each forked child (the parent's own state it can read
    itself)."""
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            do(job)
        return []
    slices = slices_of(jobs, workers, weight)
    children = []
    sys.stdout.flush()
    sys.stderr.flush()
    collector.settle()  # so that no child's collection copies the parent's memory
    for part in slices[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: its slice, then its report down the pipe, then exit at once
            os.close(read_end)
            _report(write_end, lambda part=part: _do_all(part, do, collect))
        os.close(write_end)
        children.append((pid, read_end))
    failure = None
    try:
        for job in slices[0]:
            do(job)
    except BaseException as exc:  # the children are still waited for, so none is left behind
        failure = exc
    results = []
    problems = []
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not payload:
            problems.append(f"worker {pid} ended without a result (exit status {status})")
            continue
        ok, value = pickle.loads(payload)
        if ok:
            results.append(value)
        else:
            problems.append(f"worker {pid} failed:\n{value}")
    if failure is not None:
        raise failure
    if problems:
        raise WorkerFailed("\n".join(problems))
    return results


def parallel_map(work: Callable[[Job], Any], items: Sequence[Job], workers: int = 1) -> list[Any]:
    """`[work(item) for item in items]`, in `workers` processes: each child sends back its results,
    which must pickle. Worth it when `work` costs much more than pickling its result."""
    results: dict[int, Any] = {}

    def do(job: tuple[int, Job]) -> None:
        results[job[0]] = work(job[1])

    for child in run_jobs(list(enumerate(items)), do, lambda: results, workers):
        results.update(child)
    return [results[i] for i in range(len(items))]


def _do_all(jobs: Sequence[Job], do: Callable[[Job], None], collect: Callable[[], Any]) -> Any:
    for job in jobs:
        do(job)
    return collect()


def _report(write_end: int, work: Callable[[], Any]) -> None:
    """In a forked child: `work()`, its result or traceback down the pipe, then exit at once."""
    status = 0
    try:
        payload = pickle.dumps((True, work()))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        payload = pickle.dumps((False, traceback.format_exc()))
        status = 1
    try:
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(status)  # no atexit handlers or Pelican's own teardown in a child


class SideJob:
    """`work()` in a forked child, started now; `result()` waits for it and returns its value.

    With `parallel` False (one worker, or no `os.fork`), `work()` runs when the result is asked
    for, in this process: the same result and files, one after another."""

    def __init__(self, work: Callable[[], Any], *, parallel: bool = True, name: str = "side job"):
        self.name = name
        self._work: Callable[[], Any] | None = work
        self._pid = self._pipe = None
        self._done = False
        self._value: Any = None
        if parallel and hasattr(os, "fork"):
            read_end, write_end = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            collector.settle()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                _report(write_end, work)
            os.close(write_end)
            self._pid, self._pipe, self._work = pid, read_end, None

    def result(self) -> Any:
        if self._done:
            return self._value
        self._done = True
        if self._work is not None:  # not forked
            self._value = self._work()
            return self._value
        with os.fdopen(self._pipe, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if not payload:
            raise WorkerFailed(f"{self.name} (process {self._pid}) ended without a result (exit status {status})")
        ok, value = pickle.loads(payload)
        if not ok:
            raise WorkerFailed(f"{self.name} (process {self._pid}) failed:\n{value}")
        self._value = value
        return value
