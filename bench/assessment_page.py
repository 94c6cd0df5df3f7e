"""How big the self-assessment page gets with the service candidates it ships (docs/assessment.md).

The page carries, per area, the candidates any answers to "who" and "where" would show (at most
three for each pair of answers, unanswered included: tarjotin/assessment.py `service_candidates`),
each as an id, a title and an address. Builds, with the real Pelican command:

* the demo content with its card;
* the same card without `who` and `where` (three services an area, as before the questions);
* a synthetic area of N records (bench/build.py's, random age groups and languages) with the
  demo card's questions,

and prints per build and language the page's bytes, gzip -9 bytes and the candidates shipped.

    .venv/bin/python bench/assessment_page.py [--records 2000]
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.build import write_area  # noqa: E402
from tarjotin.config import load_config  # noqa: E402
from tarjotin.urls import UrlScheme  # noqa: E402
from tests.site_support import TEST_CONFIG, built_site, site_config_path  # noqa: E402

CARD = ROOT / "content" / "assessment" / "card.yml"


def without(card: str, key: str) -> str:
    """The card's text without a top-level (`who`, `where`) or area-level (`services`) block."""
    indent = "    " if key == "services" else ""
    return re.sub(rf"(?m)^{indent}{key}:\n(?:{indent}  .*\n|{indent}#.*\n)*", "", card)


def content_with_card(target: Path, source: Path, card: str) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("assessment"))
    (target / "assessment").mkdir()
    (target / "assessment" / "card.yml").write_text(card, encoding="utf-8")
    return target


def measure(output: Path, config_path: Path) -> list[tuple[str, int, int, int]]:
    config = load_config(config_path)
    urls = UrlScheme(config.default_lang)
    rows = []
    for lang in config.languages.ui:
        html = (output / urls.save_as(urls.assessment(lang))).read_bytes()
        shipped = len(re.findall(rb'<li data-ages="', html))
        rows.append((lang, len(html), len(gzip.compress(html, 9)), shipped))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    args = parser.parse_args()
    card = CARD.read_text(encoding="utf-8")
    demo_records = len(list((ROOT / "content" / "records").glob("*/*.md")))
    areas = card.count("\n  - theme: ")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        synthetic = tmp_path / "synthetic"
        write_area(synthetic, args.records)
        (synthetic / "assessment").mkdir()
        (synthetic / "assessment" / "card.yml").write_text(without(card, "services"), encoding="utf-8")
        builds = [
            (f"demo ({demo_records} records), the card", ROOT / "content", site_config_path()),
            ("demo, the card without `who` and `where`",
             content_with_card(tmp_path / "no-who", ROOT / "content", without(without(card, "who"), "where")),
             site_config_path()),
            (f"synthetic area ({args.records} records)", synthetic, TEST_CONFIG),
        ]
        print(f"self-assessment page, {areas} areas; candidates = service links shipped in the page")
        print(f"{'build':<42} {'lang':<4} {'bytes':>8} {'gzip -9':>8} {'candidates':>10}")
        for n, (label, content, config) in enumerate(builds):
            output = built_site(content, tmp_path / f"out-{n}", config=config)
            for lang, size, packed, shipped in measure(output, config):
                print(f"{label:<42} {lang:<4} {size:>8} {packed:>8} {shipped:>10}")


if __name__ == "__main__":
    main()
