"""CPU cost of the open data files (plugins/opendata `write_files`) on a synthetic area.

    .venv/bin/python bench/opendata.py [--records 10000] [--area DIR] [--repeat 3]
                                       [--profile FILE] [--out DIR] [--plugins DIR]

Reads the records as a build does (Pelican, every generator's `generate_context`, one worker),
then calls `write_files` on its own, `--repeat` times, each in a forked child as the build's side
job runs it, and prints its CPU seconds (`time.process_time`) and those of its parts: the HSDS
tables (and, within them, `plain()`, which is mostly tarjotin/safe_markdown.py), the CSV, the
iCalendar feeds, and the rest (the tables' JSON, writing the files). CPU time, not wall time, so
the figures hold on a machine that others are using. `--area` reuses an area written before
(bench.build.write_area); `--profile` writes a cProfile of one more call; `--out` keeps the files;
`--plugins` measures another version's plugins (e.g. `git archive main plugins | tar -x -C /tmp/x`,
with node_modules linked beside it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build import write_area  # noqa: E402
from tests.site_support import TEST_CONFIG, TODAY  # noqa: E402


class _Loaded(Exception):
    """Raised once the generators have built their context: the rest of the build is not needed."""


def load_site(content: Path, output: Path, plugins: Path):
    """The `TraySite` of `content`, as the open data generator sees it."""
    os.environ["TARJOTIN_CONFIG"] = str(TEST_CONFIG)
    os.environ["TARJOTIN_TODAY"] = TODAY
    from pelican import Pelican, signals
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(output), "TRAY_WORKERS": 1,
        "PLUGIN_PATHS": [str(plugins)], "THEME": str(ROOT / "theme")})
    found = {}

    def grab(generators):
        found["site"] = next(g.site for g in generators if type(g).__name__ == "OpenDataGenerator")
        raise _Loaded

    signals.all_generators_finalized.connect(grab)
    try:
        Pelican(settings).run()
    except _Loaded:
        pass
    finally:
        signals.all_generators_finalized.disconnect(grab)
    return found["site"]


def timed_parts(opendata, hsds, ical):
    """Wrap the parts of `write_files` so each call adds its CPU seconds to `spent`; the rest of
    `write_files` (json.dumps of the tables, writing the files) is the total less these."""
    spent: dict[str, float] = {}
    originals = []

    def wrap(module, name, label):
        original = getattr(module, name)
        originals.append((module, name, original))

        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - start
        setattr(module, name, timed)

    wrap(hsds, "build", "hsds tables")
    wrap(hsds, "plain", "of which plain()")  # mostly render_markdown (tarjotin/safe_markdown.py)
    wrap(hsds, "services_csv", "csv")
    wrap(ical, "feeds" if hasattr(ical, "feeds") else "feed", "ical feeds")
    return spent, originals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--area", type=Path, help="an area written before (bench.build.write_area); default: a new one")
    parser.add_argument("--profile", type=Path, help="write a cProfile of one more call here")
    parser.add_argument("--out", type=Path, help="write the files here (kept)")
    parser.add_argument("--plugins", type=Path, default=ROOT / "plugins",
                        help="another version's plugins folder, to compare (e.g. from `git archive`)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        area = args.area
        if area is None:
            area = Path(tmp) / "area"
            write_area(area, args.records)
        site = load_site(area, Path(tmp) / "pelican-out", args.plugins)
        out = args.out or Path(tmp) / "out"
        import opendata.hsds as hsds  # the plugin's modules, as Pelican imported them
        import opendata.ical as ical
        import opendata.opendata as opendata

        print(f"{len(site.current())} current records")
        for attempt in range(args.repeat):
            in_child(lambda: print(f"write_files: {timed_call(opendata, hsds, ical, site, out)}", flush=True))
        if args.profile:
            import cProfile

            in_child(lambda: cProfile.runctx("opendata.write_files(site, out)", globals(),
                                             {"opendata": opendata, "site": site, "out": out}, str(args.profile)))
            print(f"profile: {args.profile}")


def timed_call(opendata, hsds, ical, site, out) -> str:
    spent, originals = timed_parts(opendata, hsds, ical)
    start = time.process_time()
    counts = opendata.write_files(site, out)
    total = time.process_time() - start
    for module, name, original in originals:
        setattr(module, name, original)
    spent["json+write"] = total - sum(v for k, v in spent.items() if not k.startswith("of which"))
    parts = ", ".join(f"{k} {v:.2f}" for k, v in spent.items())
    return f"{total:.2f} CPU s ({parts})  {counts}"


def in_child(work) -> None:
    """`work()` in a forked child, as the build's side job runs it (tarjotin/parallel.py): every
    call starts from the state after `generate_context`, with no cache warmed by the call before."""
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            work()
        finally:
            sys.stdout.flush()
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    if status:
        raise SystemExit(f"the measured call failed (status {status})")

if __name__ == "__main__":
    main()
