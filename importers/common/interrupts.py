"""Stopping a run cleanly: SIGTERM, SIGINT and deadlines take the normal failure path.

    with guarded_run(run_deadline=3600):        # the run frame (run.py `reporting`)
        with request_deadline(time.monotonic() + 300):   # one HTTP request (http.py)
            ...
        with commit_section():                  # the writer's directory swap
            ...

A signal or a passed run deadline raises `RunStopped` in the main thread wherever it is
(waiting for a socket, sleeping before a retry, writing the staging directory), so the usual
`finally` blocks run: the lock is released, the staging directory removed, and the report is
written as failed. `RunStopped` is a BaseException so that code that keeps a run going past one
bad item (`except Exception`) cannot swallow it; `reporting` turns it into an ImportFailure.

Inside `commit_section` (the swap of the record directory) signals wait until the swap is
done; from then on the run has changed the content and is finished as a success; a signal that
arrived meanwhile is delivered again once the report is written (SIGTERM then ends the process).

The timer runs to the earlier of the run's deadline and the current request's; the latter raises
`RequestDeadline`, which fails that request (http.py). Signals and timers exist only in the main thread: in
another thread a run has no deadline and the HTTP client checks its request deadline between
reads only (see http.py).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class RunStopped(BaseException):
    """The run was interrupted (a signal) or took longer than its deadline."""


class RequestDeadline(BaseException):
    """One request took longer than its overall deadline."""


class _State:
    """The active run's guard; one per process, used from the main thread."""

    def __init__(self) -> None:
        self.active = False
        self.run_at: float | None = None
        self.run_deadline = 0.0
        self.request_at: float | None = None
        self.holding = 0
        self.committed = False
        self.stopping = False
        self.pending_signal: int | None = None
        self.pending_stop: str | None = None
        self.previous: dict[int, object] = {}

    # --- the timer: the earlier of the run's and the current request's deadline ---

    def arm(self) -> None:
        times = [t for t in (self.run_at, self.request_at) if t is not None]
        delay = max(0.001, min(times) - time.monotonic()) if times else 0.0
        signal.setitimer(signal.ITIMER_REAL, delay)

    def on_alarm(self, signum: int, frame: object) -> None:
        now = time.monotonic()
        if self.run_at is not None and now >= self.run_at:
            self.run_at = None
            self.stop(f"the run did not finish within its deadline of {self.run_deadline:g} s (run_deadline)")
        elif self.request_at is not None and now >= self.request_at:
            self.request_at = None
            raise RequestDeadline()
        elif self.run_at is not None or self.request_at is not None:
            self.arm()

    def on_signal(self, signum: int, frame: object) -> None:
        if self.holding or self.committed or self.stopping:
            self.pending_signal = signum
            return
        self.stop(f"interrupted by {signal.Signals(signum).name}")

    def stop(self, message: str) -> None:
        if self.holding or self.committed or self.stopping:
            self.pending_stop = self.pending_stop or message
            return
        self.stopping = True  # a second signal must not interrupt the clean-up
        raise RunStopped(message)


_state = _State()


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def guarded_run(run_deadline: float | None = None) -> Iterator[None]:
    """Turn SIGTERM, SIGINT and a passed `run_deadline` (seconds) into `RunStopped` while the
    block runs (main thread only; nested or elsewhere it does nothing)."""
    if _state.active or not _main_thread():
        yield
        return
    _state.__init__()
    _state.active = True
    _state.run_deadline = run_deadline or 0.0
    _state.run_at = time.monotonic() + run_deadline if run_deadline else None
    _state.previous = {signum: signal.signal(signum, _state.on_signal) for signum in _SIGNALS}
    _state.previous[signal.SIGALRM] = signal.signal(signal.SIGALRM, _state.on_alarm)
    _state.arm()
    try:
        yield
    finally:
        finishing()
        pending = _state.pending_signal
        signal.setitimer(signal.ITIMER_REAL, 0)
        for signum, handler in _state.previous.items():
            # None: a handler set outside Python, which cannot be put back; the default is closest.
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)  # type: ignore[arg-type]
        previous = _state.previous.get(pending) if pending else None
        _state.__init__()
        if pending is not None and previous == signal.SIG_DFL:
            signal.raise_signal(pending)  # the operator asked the process to end: it does now


def finishing() -> None:
    """The run is being wound up (report written): signals from now on wait for its end."""
    _state.committed = True if _state.active else _state.committed


@contextmanager
def request_deadline(at: float | None) -> Iterator[None]:
    """Raise `RequestDeadline` in the block when `time.monotonic()` passes `at` (main thread)."""
    if at is None or not _main_thread():
        yield
        return
    own = not _state.active
    if own:  # a client used outside a run (tests, tools): a timer of its own
        previous = signal.signal(signal.SIGALRM, _state.on_alarm) or signal.SIG_DFL
    _state.request_at = at
    _state.arm()
    try:
        yield
    finally:
        _state.request_at = None
        if own:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        else:
            _state.arm()


@contextmanager
def commit_section() -> Iterator[None]:
    """Signals wait while the block runs; once it has completed, the run counts as committed
    (later signals wait for the report). A stop that waited is raised if the block failed."""
    _state.holding += 1
    try:
        yield
    except BaseException:
        _state.holding -= 1
        _raise_pending()
        raise
    _state.holding -= 1
    if _state.active:
        _state.committed = True


def _raise_pending() -> None:
    if _state.holding or not _state.active:
        return
    message = _state.pending_stop
    if _state.pending_signal is not None and message is None:
        message = f"interrupted by {signal.Signals(_state.pending_signal).name}"
        _state.pending_signal = None
    if message:
        _state.pending_stop = None
        _state.stopping = True
        raise RunStopped(message)
