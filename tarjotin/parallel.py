"""Run a build's independent jobs (pages to render) in forked worker processes.

Rendering the record pages is most of a build and each page is independent of the others, so
the jobs are split into contiguous slices: the build's own process does the first one and forked
children the others. Forking after every generator's `generate_context` means the children start
with the records, presenters and compiled templates already in memory: nothing is pickled but
what a child reports back (`collect()`, e.g. the theme files its pages referred to).

A page is the same bytes whichever process renders it, so the output is identical to a serial
run (tests/test_parallel_build.py). With one worker, or where `os.fork` does not exist, the jobs
run in order in this process. A child that fails makes the whole run fail with its traceback.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

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


def run_jobs(jobs: Sequence[Job], do: Callable[[Job], None], collect: Callable[[], Any] = lambda: None,
             workers: int = 1) -> list[Any]:
    """`do(job)` for every job, in `workers` processes; returns `collect()` of each forked child
    (the parent's own state it can read itself)."""
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            do(job)
        return []
    size = -(-len(jobs) // workers)
    slices = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    children = []
    sys.stdout.flush()
    sys.stderr.flush()
    for part in slices[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: its slice, then its report down the pipe, then exit at once
            os.close(read_end)
            status = 0
            try:
                for job in part:
                    do(job)
                payload = pickle.dumps((True, collect()))
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
