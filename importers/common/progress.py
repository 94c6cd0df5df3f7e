"""A one-line progress indicator on a terminal; silent when output is not a TTY (cron, CI)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """`progress.update("services", 3, 10)` redraws one status line, at most 10 times a second."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None, prefix: str = ""):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.prefix = prefix
        self._last = 0.0
        self._width = 0

    def update(self, stage: str, done: int | None = None, total: int | None = None, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        text = f"{self.prefix}{stage}"
        if done is not None:
            text += f" {done}/{total}" if total else f" {done}"
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def done(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
