"""English stemming: does Snowball "english" (Porter2) join derivations lunr's Porter leaves apart?

    .venv/bin/python bench/stemming.py

Issue 14 item 3 asks to switch the English index from lunr.js's Porter stemmer (ported in
plugins/search_index/porter.py, the browser's own) to Porter2 only if it helps. This prints, for
pairs of English words a resident's query and a service text use for the same thing (derivations
and plurals of the demo's vocabulary: swimming halls, counselling, volunteering, debt advice …),
which pairs each stemmer reduces to one term, and the pairs where they differ; then the same
over the demo's own English vocabulary (every `en:` text of content/records and content/pages):
how many terms each stemmer makes of it and which words only one of them joins.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plugins.search_index import porter  # noqa: E402

#: (query word, text word) that mean the same service.
PAIRS = [
    ("swimmer", "swimming"), ("swim", "swimming"), ("swimmers", "swim"), ("counsellor", "counselling"),
    ("counselor", "counseling"), ("exercise", "exercising"), ("volunteer", "volunteering"),
    ("volunteers", "voluntary"), ("dancer", "dancing"), ("dance", "dancing"), ("library", "libraries"),
    ("activity", "activities"), ("family", "families"), ("runner", "running"), ("support", "supportive"),
    ("meeting", "meetings"), ("carer", "caring"), ("care", "caring"), ("gym", "gymnastics"), ("hobby", "hobbies"),
    ("senior", "seniors"), ("addiction", "addicted"), ("addict", "addiction"), ("debt", "debts"),
    ("loneliness", "lonely"), ("walker", "walking"), ("cooking", "cook"), ("cookery", "cooking"),
    ("youth", "youths"), ("elderly", "elder"), ("disability", "disabled"), ("disabled", "disabilities"),
    ("mental", "mentally"), ("generous", "generosity"), ("crisis", "crises"), ("therapy", "therapist"),
    ("training", "trainer"), ("painting", "painter"), ("singer", "singing"), ("choir", "choirs"),
    ("advice", "advisor"), ("advise", "advice"), ("guidance", "guide"), ("worker", "work"), ("housing", "house"),
    ("nutrition", "nutritional"), ("financial", "finance"), ("finances", "financial"), ("daily", "day"),
    ("easily", "easy"), ("happiness", "happy"), ("organise", "organisation"), ("organize", "organization"),
    ("peer", "peers"), ("skier", "skiing"), ("skating", "skater"), ("playing", "player"),
    ("teaching", "teacher"), ("learner", "learning"), ("study", "studies"), ("studying", "studies"),
]


def main() -> None:
    from nltk.stem.snowball import SnowballStemmer

    stemmers = {"Porter (lunr.js)": porter.stem, "Porter2 (Snowball english)": SnowballStemmer("english").stem}
    joined = {name: {pair for pair in PAIRS if stem(pair[0]) == stem(pair[1])} for name, stem in stemmers.items()}
    for name, pairs in joined.items():
        print(f"{name}: joins {len(pairs)} of {len(PAIRS)} pairs")
    (a, a_pairs), (b, b_pairs) = joined.items()
    for label, only in ((f"only {a}", a_pairs - b_pairs), (f"only {b}", b_pairs - a_pairs)):
        print(f"{label}: " + (", ".join(f"{x} ↔ {y}" for x, y in sorted(only)) or "none"))
    neither = [pair for pair in PAIRS if pair not in a_pairs | b_pairs]
    print(f"neither ({len(neither)}): " + ", ".join(f"{x} ↔ {y}" for x, y in neither))

    words = demo_vocabulary()
    classes = {}
    for name, stem in stemmers.items():
        terms = defaultdict(set)
        for word in words:
            terms[stem(word)].add(word)
        classes[name] = {frozenset(group) for group in terms.values() if len(group) > 1}
        print(f"demo English vocabulary, {len(words)} words: {name} makes {len(terms)} terms")
    for label, only in ((f"only {a}", classes[a] - classes[b]), (f"only {b}", classes[b] - classes[a])):
        print(f"  joined {label}: " + ("; ".join(", ".join(sorted(g)) for g in sorted(only, key=sorted)) or "none"))


def demo_vocabulary() -> set[str]:
    words = set()
    for path in sorted((ROOT / "content").glob("[rp]*/**/*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\s*en:\s*(.+)", line)
            if match:
                words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", match.group(1))}
    return words


if __name__ == "__main__":
    main()
