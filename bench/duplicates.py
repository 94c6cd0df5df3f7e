"""Duplicate matching benchmark: the build's matcher (tarjotin/matching.py) on N synthetic records.

    .venv/bin/python bench/duplicates.py [--records 10000] [--twins 0.05] [--repeat 3]

The records are the search benchmark's synthetic county (bench/_search_corpus.py: ten
municipalities, compound-word titles such as "Uimahalli Nokialla", Zipf-distributed providers)
spread over four sources (ptv, lahella, local and a declared `toy` source), each with a phone
number. A share (`--twins`) is planted again in another source the way duplicates arrive: the
title reworded (word order turned, the provider's name in front as in "MIELI ry:n Kriisipuhelin",
or a district added), half of them with the same phone. Prints the candidate pairs compared
(against the N·(N−1)/2 of comparing everything), the time of `find_matches`, and how many planted
twins were merged (confident) or listed for an editor (possible). Other confident pairs are
records the generator made indistinguishable (same compound title, same provider, same town).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tarjotin.config import load_config  # noqa: E402
from tarjotin.matching import find_matches  # noqa: E402
from tarjotin.model import validate_record  # noqa: E402
from tests.search_support import synthetic_records  # noqa: E402
from tests.site_support import TEST_CONFIG, relocated_config_text  # noqa: E402

SOURCES = ("ptv", "lahella", "local", "toy")
TOY = '\n[sources.toy]\nname = { fi = "Lelu", sv = "Leksak", en = "Toy" }\nimporter = "tests.toy_source"\n'


def _id(source: str, n: int) -> str:
    return f"ptv-{n:08d}-0000-4000-8000-000000000000" if source == "ptv" else f"{source}-synthetic-{n:06d}"


def _reworded(title: str, provider: str, rng: random.Random) -> str:
    words = title.split()
    way = rng.randrange(3)
    if way == 0 and len(words) > 1:
        return " ".join(words[1:] + words[:1]).capitalize()
    if way == 1:
        return f"{provider.split()[0]}:n {title}"
    return f"{title} {rng.choice(['keskustassa', 'asemalla', 'kirjastolla', 'koululla'])}"


def area(count: int, twins: float, seed: int, config):
    """`count` records (twins included) and the planted pairs."""
    rng = random.Random(seed)
    base = synthetic_records(count, seed)
    records, planted = [], set()
    for n, record in enumerate(base):
        if len(records) >= count:
            break
        data = record.model_dump(mode="json", exclude_none=True)
        source = SOURCES[n % len(SOURCES)]
        data.update(id=_id(source, n), source=source,
                    contacts={"phones": [{"number": f"+358 3 {rng.randint(100, 999)} {rng.randint(1000, 9999)}"}]})
        records.append(validate_record(data, config))
        if rng.random() < twins and len(records) < count:
            other = SOURCES[(n + 1 + rng.randrange(len(SOURCES) - 1)) % len(SOURCES)]
            twin = dict(data, id=_id(other, count + n), source=other,
                        title={"fi": _reworded(data["title"]["fi"], data["provider"]["name"]["fi"], rng)},
                        summary={"fi": "Toisen lähteen kuvaus."})
            if rng.random() < 0.5:
                twin["contacts"] = {"phones": [{"number": f"+358 40 {rng.randint(100, 999)} {rng.randint(1000, 9999)}"}]}
            records.append(validate_record(twin, config))
            planted.add(frozenset((data["id"], twin["id"])))
    return records, planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--twins", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tray.toml"
        path.write_text(relocated_config_text(TEST_CONFIG) + TOY, encoding="utf-8")
        config = load_config(path)
    records, planted = area(args.records, args.twins, args.seed, config)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = find_matches(records, config.duplicates)
        times.append(time.perf_counter() - start)
    n = len(records)
    confident = {m.pair for m in found.confident}
    possible = {m.pair for m in found.possible}
    print(f"records                 {n}")
    print(f"pairs compared          {found.compared} (all pairs: {n * (n - 1) // 2}; "
          f"{found.compared / max(1, n):.1f} per record)")
    print(f"find_matches            median {statistics.median(times):.2f} s over {args.repeat} runs "
          f"(min {min(times):.2f} s)")
    print(f"planted twins           {len(planted)}: confident {len(planted & confident)}, "
          f"possible {len(planted & possible)}, missed {len(planted - confident - possible)}")
    print(f"other confident pairs   {len(confident - planted)}; other possible pairs {len(possible - planted)}")


if __name__ == "__main__":
    main()
