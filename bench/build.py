"""Build-time benchmark: the demo site, and a synthetic area of N records (default 2,000).

    .venv/bin/python bench/build.py [--records 2000] [--repeat 1] [--no-demo]

Prints wall time, pages written and output size for each build: the demo content, the synthetic
area built from nothing, then through `tarjotin.build` (as `invoke build` does) built from
nothing, rebuilt with nothing changed (skipped: tarjotin/build_inputs.py), and rebuilt with one
record changed (run, reusing the unchanged pages: tarjotin/page_reuse.py). The synthetic records are
written with the importers' own writer (`dump_record`), in the shape of real ones: 1–3
locations with weekly hours, fi/sv/en text with some translations missing, themes, age
groups, languages, contacts, some events. Each build starts after `os.sync()`, so that the
previous build's write-back does not run on the cores of the one being timed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tarjotin.build import build as atomic_build  # noqa: E402
from tarjotin.config import load_config  # noqa: E402
from tarjotin.model import validate_record  # noqa: E402
from tarjotin.recordfile import dump_record  # noqa: E402
from tests.site_support import TEST_CONFIG, TODAY, build_site, site_config_path  # noqa: E402

WORDS = ("liikunta kuntosali uimahalli kirjasto lukupiiri vertaistuki nuoret seniorit perhekahvila "
         "ruoka-apu talousneuvonta kriisiapu taidepaja kuoro tanssi retki luonto kahvila digituki "
         "vapaaehtoinen ystävä kerho ryhmä neuvonta päihdetyö mielenterveys turvallisuus arki").split()
PLACES = [("Tikkurila", "01300", "092", 60.292, 25.044), ("Myyrmäki", "01600", "092", 60.261, 24.854),
          ("Korso", "01450", "092", 60.350, 25.083), ("Hakunila", "01200", "092", 60.277, 25.111),
          ("Kerava", "04200", "245", 60.403, 25.105)]


def synthetic_record(n: int, rng: random.Random, config) -> dict:
    kind = rng.choice(["service", "service", "activity", "activity", "event", "volunteering"])
    words = rng.sample(WORDS, 3)
    title = {"fi": " ".join(words).capitalize() + f" {n}"}
    if rng.random() < 0.7:
        title["sv"] = f"Verksamhet {n}: " + words[0]
    if rng.random() < 0.4:
        title["en"] = f"Activity {n}: " + words[0]
    locations = []
    for place in rng.sample(PLACES, rng.randint(1, 3)):
        name, postal, code, lat, lon = place
        locations.append({
            "name": {"fi": f"{name}n toimipiste {n}"},
            "street_address": {"fi": f"{rng.choice(WORDS).capitalize()}tie {rng.randint(1, 80)}"},
            "postal_code": postal, "municipality_code": code,
            "latitude": round(lat + rng.uniform(-0.01, 0.01), 5), "longitude": round(lon + rng.uniform(-0.01, 0.01), 5),
            "opening_hours": {"weekly": [{"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "08:00", "closes": "16:00"}]},
        })
    data = {
        "id": f"local-synthetic-{n:05d}", "source": "local", "kind": kind, "title": title,
        "summary": {"fi": " ".join(rng.choices(WORDS, k=20)).capitalize() + "."},
        "description": {"fi": "\n\n".join(" ".join(rng.choices(WORDS, k=40)).capitalize() + "." for _ in range(3))},
        "locations": locations,
        "age_groups": rng.sample(config.age_group_slugs, rng.randint(0, 2)),
        "service_languages": rng.sample(["fi", "sv", "en", "ru", "so", "ar", "et", "fse"], rng.randint(1, 3)),
        "themes": rng.sample(config.theme_slugs, rng.randint(1, 3)),
        "keywords": ["Kaikukortti"] if rng.random() < 0.1 else [],
        "contacts": {"phones": [{"number": f"+358 9 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"}],
                     "emails": [f"palvelu{n}@example.fi"]},
        "price": {"free": rng.random() < 0.6},
    }
    if kind == "event":
        day = rng.randint(1, 28)
        data["event"] = {"start": f"2027-0{rng.randint(1, 9)}-{day:02d}T18:00", "end": None}
    return data


def write_area(target: Path, count: int, seed: int = 1) -> None:
    """N synthetic records of the tests' two-town area (tests/fixtures/tray.toml), whatever area
    the repository's tray.toml describes; with the repository's theme texts that fit it."""
    config = load_config(TEST_CONFIG)
    rng = random.Random(seed)
    folder = target / "records" / "local"
    folder.mkdir(parents=True)
    for n in range(count):
        record = validate_record(synthetic_record(n, rng, config), config)
        (folder / f"{record.id}.md").write_text(dump_record(record), encoding="utf-8")
    (target / "themes").mkdir()
    for text in sorted((ROOT / "content" / "themes").glob("*.md")):
        if text.stem in config.theme_slugs:
            shutil.copy(text, target / "themes" / text.name)


def settled() -> None:
    """Each build is timed from the same state: what the previous one wrote (or removed) is on
    the disk first, so that its write-back does not take the cores from the build being timed."""
    os.sync()


def timed_build(content: Path, output: Path, config: Path) -> tuple[float, int, int]:
    settled()
    start = time.perf_counter()
    result = build_site(content, output, config=config)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {content} failed:\n{result.stderr[-3000:]}")
    files = [p for p in output.rglob("*") if p.is_file()]
    return elapsed, sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files)


def change_one_record(content: Path) -> None:
    """An editor's fix: one record's summary gets a sentence more."""
    path = sorted((content / "records" / "local").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary:\n  fi: ", "summary:\n  fi: Muutettu. ", 1), encoding="utf-8")


def timed_atomic_build(content: Path, output: Path, config: Path) -> tuple[float, int, int]:
    """A build through tarjotin.build into `output` (kept), so that a second call is a rebuild."""
    env = {**os.environ, "TARJOTIN_CONFIG": str(config), "TARJOTIN_TODAY": TODAY}
    settled()
    start = time.perf_counter()
    result = atomic_build(content=content, output=output, env=env, capture=True)
    elapsed = time.perf_counter() - start
    if not result.ok:
        raise SystemExit(f"build of {content} failed:\n{result.log[-3000:]}")
    files = [p for p in output.rglob("*") if p.is_file()]
    return elapsed, sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-demo", action="store_true", help="leave out the demo content's build")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        area = tmp_path / f"area-{args.records}"
        write_area(area, args.records)
        demo_records = len(list((ROOT / "content" / "records").glob("*/*.md")))
        builds = [(f"synthetic area ({args.records} records)", area, TEST_CONFIG)]
        if not args.no_demo:
            builds.insert(0, (f"demo content ({demo_records} records)", ROOT / "content", site_config_path()))
        for label, content, config in builds:
            for attempt in range(args.repeat):
                out = tmp_path / f"out-{attempt}"
                elapsed, pages, size = timed_build(content, out, config)
                rows.append((label, elapsed, pages, size))
                shutil.rmtree(out)
        for attempt in range(args.repeat):
            out = tmp_path / f"atomic-{attempt}" / "output"
            for label in ("  full, via tarjotin.build", "  rebuild, nothing changed", "  rebuild, one record changed"):
                if "one record" in label:
                    change_one_record(area)
                rows.append((label, *timed_atomic_build(area, out, TEST_CONFIG)))
            shutil.rmtree(out.parent)
    print(f"{'build':<34} {'wall s':>7} {'pages':>7} {'output MB':>10}")
    for label, elapsed, pages, size in rows:
        print(f"{label:<34} {elapsed:7.1f} {pages:7d} {size / 1e6:10.1f}")


if __name__ == "__main__":
    main()
