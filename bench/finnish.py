"""Finnish derivations and plurals: which query ↔ text pairs the search joins without and with Voikko.

    .venv/bin/python bench/finnish.py

Issue 14 item 3: Snowball leaves Finnish derivations apart ("uiminen" ↔ "uimahalli", "liikunta" ↔
"liikkuminen", "lapset" ↔ "lapsi"). For pairs of words a resident's query and a service text use
for the same service, this builds one record per text word (the word as its title) and asks the
real engine under Node (theme/static/js/search-engine.js, the browser's code) whether the query
finds it — once with the index of before (Snowball and the engine's prefix, short-stem and
compound rules) and once with Voikko's related terms (plugins/search_index/morphology.py). Then
pairs that must stay apart (a different meaning: "maksu" ↔ "maksuton"). Needs libvoikko1 and
voikko-fi (./run.sh build installs them).
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plugins.search_index import morphology  # noqa: E402
from plugins.search_index.encode import dumps  # noqa: E402
from tarjotin.config import load_config  # noqa: E402
from tests.search_support import record, run_node, write_bundle  # noqa: E402

#: (what a resident types, the word in the service's text) for the same service.
PAIRS = [
    ("uiminen", "uimahalli"), ("uiminen", "uinti"), ("uinti", "uimahalli"), ("uimaan", "uimahalli"),
    ("liikkuminen", "liikunta"), ("liikunta", "liikkuminen"), ("kuntoilija", "kuntoilu"), ("kuntoilu", "kuntoilijoille"),
    ("lapset", "lapsi"), ("lapsi", "lasten"), ("lasten", "lapsille"), ("nuoret", "nuori"), ("nuori", "nuorten"),
    ("ikäihmiset", "ikäihminen"), ("vanhukset", "vanhus"), ("tanssiminen", "tanssi"), ("tanssiminen", "tanssijat"),
    ("laulaminen", "laulajat"), ("lukeminen", "lukijat"), ("hiihtäminen", "hiihto"), ("hiihto", "hiihtäjät"),
    ("käveleminen", "kävely"), ("kävely", "kävelijät"), ("ulkoilu", "ulkoileminen"), ("ulkoilija", "ulkoilu"),
    ("ohjaus", "ohjaajat"), ("opiskelija", "opiskelu"), ("opiskelu", "opiskelijoille"), ("ruokailu", "ruokaileminen"),
    ("neuvominen", "neuvonta"), ("tukeminen", "tuki"), ("auttaminen", "auttajat"), ("harrastaminen", "harrastus"),
    ("harrastus", "harrastajat"), ("perheet", "perhe"), ("vapaaehtoiset", "vapaaehtoinen"), ("ryhmät", "ryhmä"),
    ("leikkiminen", "leikki"), ("maahanmuuttajat", "maahanmuuttaja"), ("työttömät", "työtön"),
    ("kuntosalit", "kuntosali"), ("asuminen", "asumispalvelut"), ("liikkuminen", "senioriliikuntaryhmä"),
]
#: Pairs that must stay apart: the derivation changes the meaning.
APART = [("maksu", "maksuton"), ("neuvonta", "neuvola"), ("kirja", "kirjasto"), ("uimahalli", "uinti"),
         ("kahvi", "kahvila"), ("lapsi", "lapseton")]


def found(folder: Path, pairs: list[tuple[str, str]], texts: list[str]) -> set[tuple[str, str]]:
    """The pairs whose query finds the record titled with the text word."""
    facets = json.loads((folder / "facets.json").read_text(encoding="utf-8"))
    rows = [row for name in facets["chunks"] for row in json.loads((folder / name).read_text(encoding="utf-8"))]
    doc_of = {row["id"]: d for d, row in enumerate(rows)}
    ops = [{"op": "match", "q": query} for query, _ in pairs]
    answers = run_node(folder, "fi", ops)["answers"]
    out = set()
    for (query, text), answer in zip(pairs, answers):
        if doc_of[f"local-{texts.index(text)}"] in (answer["docs"] or []):
            out.add((query, text))
    return out


def main() -> None:
    lines: list[str] = []
    voikko = morphology.load("fi", warn=lines.append)
    if voikko is None:
        sys.exit(f"bench/finnish.py needs Voikko: {lines[0]}")
    config = load_config(ROOT / "tests" / "fixtures" / "tray.toml")
    pairs = PAIRS + APART
    texts = sorted({text for _, text in pairs})
    records = [record(f"local-{i}", title=text) for i, text in enumerate(texts)]
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for name, morph in (("before (Snowball + the engine's rules)", None), ("with Voikko", voikko)):
            folder = Path(tmp) / ("on" if morph else "off")
            bundle = write_bundle(records, config, "fi", folder, morphology=morph)
            results[name] = found(folder, pairs, texts)
            related = [s for s in bundle.shards if s.get("field") == "related"]
            size = sum(len(gzip.compress(dumps(s), 9)) for s in related)
            extra = f", related-terms files {len(related)} ({size} B gzip)" if related else ""
            print(f"{name}: joins {len(results[name] & set(PAIRS))} of {len(PAIRS)} pairs; "
                  f"{len(results[name] & set(APART))} of {len(APART)} that must stay apart{extra}")
    (a, before), (b, after) = results.items()
    print("joined only with Voikko: " + (", ".join(f"{q} → {t}" for q, t in PAIRS if (q, t) in after - before) or "none"))
    print("joined only before: " + (", ".join(f"{q} → {t}" for q, t in pairs if (q, t) in before - after) or "none"))
    print("apart in both: " + (", ".join(f"{q} → {t}" for q, t in PAIRS if (q, t) not in before | after) or "none"))
    for name, joined in results.items():
        print(f"must stay apart, joined {name}: " + (", ".join(f"{q} → {t}" for q, t in APART if (q, t) in joined) or "none"))


if __name__ == "__main__":
    main()
