"""CPU cost of reading the content (tarjotin/content.py `load_content`), the build's first stage.

    .venv/bin/python bench/read_content.py CONTENT_DIR [--workers 1 2] [--repeat 3] [--profile N]

CONTENT_DIR is a content tree, e.g. one made by bench/build.py's `write_area`:

    .venv/bin/python -c "import sys; sys.path.insert(0, '.'); from pathlib import Path; \
        from bench.build import write_area; write_area(Path('/tmp/a10k'), 10000)"

For each worker count prints the wall time and the CPU seconds of this process and of its forked
workers (getrusage), best of `--repeat`: CPU seconds are what a busy 2-core machine cannot hide.
Then the CPU seconds of the stage's parts in one process (read and validate the files, the
duplicate matcher). `--profile N` adds cProfile's N costliest functions of a serial run.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tarjotin import collector  # noqa: E402
from tarjotin import content as content_module  # noqa: E402
from tarjotin.config import load_config  # noqa: E402
from tarjotin.matching import find_matches  # noqa: E402
from tests.site_support import TEST_CONFIG  # noqa: E402


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def timed_load(root: Path, config, workers: int) -> tuple[float, float, float, int]:
    """(wall s, own CPU s, workers' CPU s, records) of one `load_content`."""
    own0, kids0 = _cpu()
    start = time.perf_counter()
    content = content_module.load_content(root, config, workers=workers)
    wall = time.perf_counter() - start
    own1, kids1 = _cpu()
    if content.errors:
        raise SystemExit(f"{root} has errors, e.g. {content.errors[0]}")
    return wall, own1 - own0, kids1 - kids0, len(content.records)


def parts(root: Path, config) -> dict[str, float]:
    """CPU seconds of the stage's parts, serially in this process."""
    paths = sorted((root / "records").glob("*/*.md"))
    with collector.paused():  # as load_content reads them
        start = time.process_time()
        read = [content_module._read_record_file(p, root, config, {}, set()) for p in paths]
        read_s = time.process_time() - start
        records = [item.record for item in read if item.record is not None]
        start = time.process_time()
        find_matches(records, config.duplicates)
        match_s = time.process_time() - start
    return {"read and validate the record files": read_s, "find_matches": match_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    config = load_config(TEST_CONFIG)
    os.environ.setdefault("TARJOTIN_TODAY", "2026-11-23")
    for workers in args.workers:
        runs = [timed_load(args.content, config, workers) for _ in range(args.repeat)]
        wall, own, kids, count = min(runs, key=lambda run: run[1] + run[2])
        print(f"load_content, {count} records, workers={workers}: CPU {own + kids:.2f} s (this process "
              f"{own:.2f} s, workers {kids:.2f} s), wall {wall:.2f} s (best wall {min(r[0] for r in runs):.2f} s)")
    for name, seconds in parts(args.content, config).items():
        print(f"  {name}: {seconds:.2f} CPU s")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(content_module.load_content, args.content, config, 1)
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
