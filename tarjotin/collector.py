"""How a build uses Python's cyclic garbage collector.

A build makes one large heap (the records, their views and presenters) and then renders tens of
thousands of pages that leave almost no cyclic garbage: with the collector switched off the peak
memory of a 10,000-record build grows by under 1 %. With Python's default thresholds the
collector still scans that whole heap again and again: 10.7 of a serial 10,000-record build's
60 CPU seconds went to full collections (bench/build.py; counted with `gc.callbacks`).

So a build raises the thresholds from the start (`tune`), switches the collector off while it
reads the content (`paused`: reading 10,000 records makes no cycle a collection would free, and
the passes cost a fifth of the reading, bench/read_content.py), and freezes the heap made so far
(`settle`: never scanned again) once the content is read and before each fork. In a forked
child a scan would also write to every object it visits and so copy the parent's memory page by
page.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: A young-generation collection after this many new container objects (Python's default: 700);
#: the older generations keep the default ratios.
THRESHOLDS = (20_000, 10, 10)


def tune() -> None:
    gc.set_threshold(*THRESHOLDS)


def settle() -> None:
    """Move every object made so far out of the collector's sight (`gc.freeze`): it lives until the
    build ends, or is freed by its reference count."""
    gc.freeze()


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for a while (a broken file's error may leave a cycle, freed at the next
    collection after). Forked workers inherit the pause."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
