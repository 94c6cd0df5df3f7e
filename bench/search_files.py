"""CPU cost of building the search files (plugins/search_index), without Pelican around it.

    .venv/bin/python bench/search_files.py AREA [--repeat 3] [--profile FILE] [--out DIR]

AREA is a content folder (e.g. one written by bench/build.py `write_area`). Loads its records with
the tests' configuration (tests/fixtures/tray.toml), then prints the CPU seconds
(`time.process_time`) of `build_bundle` per UI language and of the whole `build_search_files`
(bundles, JSON, points; not the writing or gzip). `--out` writes the files (no .gz) to compare
builds byte for byte; `--profile` saves a cProfile of one `build_search_files`.
"""

from __future__ import annotations

import argparse
import cProfile
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plugins.search_index import encode  # noqa: E402
from plugins.search_index import search_index  # noqa: E402
from plugins.tray.generator import TraySite  # noqa: E402
from tarjotin.config import load_config  # noqa: E402
from tarjotin.content import load_content  # noqa: E402
from tarjotin.plugin_settings import plugin_settings  # noqa: E402
from tarjotin.urls import UrlScheme  # noqa: E402
from tarjotin.views import Clock  # noqa: E402
from tests.site_support import TEST_CONFIG, TODAY  # noqa: E402


def load_site(area: Path) -> TraySite:
    config = load_config(TEST_CONFIG)
    content = load_content(area, config, workers=1)
    if content.errors:
        raise SystemExit("\n".join(str(e) for e in content.errors[:5]))
    return TraySite(config, content, UrlScheme(config.default_lang), Clock(date.fromisoformat(TODAY)),
                    translations_dir=ROOT / "theme" / "translations", records=content.records,
                    settings=plugin_settings({}))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("area", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    site = load_site(args.area)
    print(f"{len(site.current())} current records")
    bundle_cpu: dict[str, float] = {}
    original = encode.build_bundle

    def timed_bundle(records, config, lang, *a, **kw):
        started = time.process_time()
        try:
            return original(records, config, lang, *a, **kw)
        finally:
            bundle_cpu[lang] = bundle_cpu.get(lang, 0.0) + time.process_time() - started

    search_index.build_search_files.__globals__["build_bundle"] = timed_bundle
    run = lambda: search_index.build_search_files(site, ROOT / "theme", ROOT / "node_modules")  # noqa: E731
    for i in range(args.repeat):
        bundle_cpu.clear()
        started = time.process_time()
        files = run()
        total = time.process_time() - started
        langs = "  ".join(f"{lang} {s:.2f}" for lang, s in bundle_cpu.items())
        print(f"run {i + 1}: build_search_files {total:.2f} CPU s; build_bundle {sum(bundle_cpu.values()):.2f} ({langs})")
    if args.profile:
        cProfile.runctx("run()", globals(), {"run": run}, str(args.profile))
        print(f"profile: {args.profile}")
    if args.out:
        files.write(args.out, precompress=False)
        print(f"written: {args.out}")


if __name__ == "__main__":
    main()
