"""Python ↔ lunr.js agreement (Node, no browser).

The index is analysed in Python (lunr.py pipeline with NLTK Snowball stemmers) and queried in
the browser with lunr.js 2.3.9 + lunr-languages 1.22.0. These tests run the real JavaScript
under Node against files the Python side wrote, and check that

* each word becomes the same term on both sides (tokenizer, trimmer, stop words, stemmer),
* the index the browser rebuilds from the compact files equals the index lunr.py builds the
  ordinary way (same terms, postings and BM25 vectors), loaded with lunr.Index.load,
* the same query clauses give the same documents and scores in lunr.js (both indexes) and in
  lunr.py.
"""

from __future__ import annotations

import re

import pytest
from lunr.query import Query

from plugins.search_index import morphology
from plugins.search_index.analysis import Analyzer, tokenize
from tests.search_support import ROOT, current_records, run_node, synthetic_records, write_bundle
from tests.site_support import FIXTURE_CONTENT

QUERIES = {
    "fi": ["uimahalliin", "kuntosalilla", "kuntosali ikäihmiset", "kuntosli", "kirjasot", "Kaikukortti",
           "vertaistuki", "liikuntaa", "nuorille", "mielenterveys", "päihteet", "ruoka-apu", "kriisi",
           "vapaaehtoi", "uima", "kerho keravalla", "somalinkielinen", "perhe", "tanssi", "digituki"],
    "sv": ["simhallen", "simhall", "gym", "bibliotek", "stöd", "familjer", "äldre", "kamratstöd", "motion",
           "kultur", "unga", "frivillig", "seniorer", "svenska", "Kaikukortet"],
    "en": ["swimming", "gym", "library", "peer support", "older people", "volunteer", "crisis", "families"],
}

# Finnish inflection on real domain words: the classes of forms a resident types.
FI_STEMS = ["uimahalli", "kuntosali", "kirjasto", "vertaistuki", "liikunta", "nuori", "ikäihminen", "perhe",
            "kaikukortti", "tapahtuma", "palvelu", "ryhmä", "kerho", "neuvonta", "päihde", "mieli", "ruoka",
            "vapaaehtoinen", "lapsi", "seurakunta", "asukastila", "tanssi", "retki", "kurssi"]
FI_ENDINGS = ["", "n", "ssa", "ssä", "sta", "stä", "an", "än", "lla", "llä", "lle", "a", "ä", "t", "ja", "jä",
              "ille", "issa", "ksi", "iin", "hin", "seen", "ineen", "kin", "kaan", "ko"]
SV_WORDS = ["simhall", "simhallen", "simhallar", "simhallarna", "bibliotek", "biblioteket", "biblioteken", "gym",
            "gymmet", "stöd", "stödet", "grupp", "gruppen", "grupper", "äldre", "familj", "familjer", "familjerna",
            "motion", "motionen", "ungdomar", "ungdomarna", "kamratstöd", "frivilliga", "verksamheten", "träffar"]


@pytest.fixture(scope="module")
def records(config):
    """The fixture site's records and a synthetic area of 150 (tests/demo/ repeats this on the demo)."""
    return current_records(FIXTURE_CONTENT, config) + synthetic_records(150)


@pytest.fixture(scope="module", params=["fi", "sv", "en"])
def built(request, records, config, tmp_path_factory):
    lang = request.param
    folder = tmp_path_factory.mktemp(f"agreement-{lang}")
    # Finnish with Voikko's related terms as a build makes it (morphology.py), when installed
    bundle = write_bundle(records, config, lang, folder, lunr_json=True, morphology=morphology.load(lang, warn=print))
    return lang, folder, bundle


def _words(records, lang):
    words = set()
    for r in records:
        for value in (r.title, r.summary, r.description):
            words.update(tokenize(value.get(lang) or ""))
        words.update(tokenize(" ".join(r.keywords)))
    return sorted(w for w in words if re.search(r"\w", w))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_word_is_analysed_the_same_in_python_and_lunr_languages(lang, records, tmp_path):
    words = _words(records, lang)
    if lang == "fi":
        words += [stem + ending for stem in FI_STEMS for ending in FI_ENDINGS]
    if lang == "sv":
        words += SV_WORDS
    analyzer = Analyzer(lang)
    python = [analyzer.term(w) for w in words]
    answer = run_node(tmp_path, lang, [{"op": "analyse", "words": words}], index_optional=True)
    javascript = answer["answers"][0]
    mismatches = [(w, p, j) for w, p, j in zip(words, python, javascript) if p != j]
    assert len(words) > (600 if lang == "fi" else 200)
    assert mismatches == [], f"{len(mismatches)}/{len(words)} differ: {mismatches[:10]}"


def test_tokenizer_splits_like_lunr_js(tmp_path):
    texts = ["Äiti–lapsi-ryhmä\u00a0ja\u2009kahvila", "uima-\nhalli  \t x", "MIELI ry:n Kriisipuhelin", "a\u3000b\ufeffc",
             # every other JavaScript \s, and what Python's str.split() takes for whitespace but lunr.js keeps
             "a\vb\fc\rd\u1680e\u2000f\u200ag\u2028h\u2029i\u202fj\u205fk", "ä\x1cb\x1dc\x1ed\x1fe\x85f g", "-Uima--halli-"]
    answer = run_node(tmp_path, "fi", [{"op": "tokenize", "texts": texts}], index_optional=True)
    assert answer["answers"][0] == [tokenize(t) for t in texts]


def test_stop_word_lists_equal_lunr_languages():
    from plugins.search_index import stopwords

    for lang, ours in (("fi", stopwords.FI), ("sv", stopwords.SV)):
        source = (ROOT / "node_modules" / "lunr-languages" / f"lunr.{lang}.js").read_text(encoding="utf-8")
        theirs = set(re.search(r"generateStopWordFilter\('([^']*)'", source).group(1).split())
        assert set(ours) == theirs, lang


def test_browser_index_equals_the_lunr_py_index(built):
    lang, folder, bundle = built
    answer = run_node(folder, lang, [{"op": "compare"}], lunr_index_path=folder / "lunr-index.json")
    report = answer["answers"][0]
    assert report["termsOurs"] == report["termsTheirs"] > 300
    assert report["termMismatch"] == [] and report["postingMismatch"] == []
    assert report["vectors"] == report["ourVectors"] == len(bundle.docs) * len(bundle.index["fields"])
    # the full-text field (descriptions, notes) is part of the comparison, not empty
    assert sum(bool(doc["text"]) for doc in bundle.docs) >= 3
    assert report["vectorMismatch"] == 0 and report["vectorMaxDiff"] == 0
    # the sharded fields' vector lengths travel rounded to 6 significant digits (sharded postings)
    assert report["magnitudeMaxRelDiff"] < 1e-5


def test_same_clauses_give_the_same_results_in_lunr_js_and_lunr_py(built):
    from plugins.search_index.encode import lunr_index

    lang, folder, bundle = built
    answer = run_node(folder, lang, [{"op": "both", "q": q} for q in QUERIES[lang]],
                      lunr_index_path=folder / "lunr-index.json")
    py_index = lunr_index(bundle)
    found = 0
    for q, result in zip(QUERIES[lang], answer["answers"]):
        ours = dict(result["ours"])
        theirs = dict(result["theirs"])
        assert ours.keys() == theirs.keys(), q
        assert all(abs(ours[ref] - theirs[ref]) <= 1e-5 * theirs[ref] for ref in ours), q
        if not result["clauses"]:
            continue
        query = py_index.create_query()
        for term, boost in result["clauses"].items():
            query.term(term, use_pipeline=False, boost=boost, wildcard=Query.WILDCARD_NONE)
        python = {r["ref"]: r["score"] for r in py_index.query(query)}
        assert python.keys() == ours.keys(), q
        assert all(abs(ours[ref] - python[ref]) <= 1e-5 * python[ref] for ref in ours), q
        found += bool(ours)
    assert found >= len(QUERIES[lang]) // 2


@pytest.mark.parametrize("built", ["fi"], indirect=True)
def test_related_terms_are_looked_up_the_same_in_python_and_the_browser(built, records):
    """Each word's stem and its related terms (Voikko, morphology.py) as the Python side wrote them
    and as the browser reads them from the related-terms files, word by word."""
    lang, folder, bundle = built
    if "related" not in bundle.index:
        pytest.skip("Voikko (libvoikko1, voikko-fi) is not installed here: ./run.sh test installs it")
    vocab, term = [], ""
    for line in bundle.index["terms"].split("\n"):
        term = term[:int(line[0], 36)] + line[1:]
        vocab.append(term)
    table = morphology.decode_shards([s for s in bundle.shards if s.get("field") == "related"], vocab)
    words = _words(records, lang) + [stem + ending for stem in FI_STEMS for ending in FI_ENDINGS]
    words += ["uiminen", "liikkuminen", "lapset", "nuoret", "kuntoilija", "tanssiminen", "ikäihmiset", "uimaan"]
    analyzer = Analyzer("fi")
    python = [[analyzer.term(w), sorted(table.get(analyzer.term(w), ()))] for w in words]
    javascript = run_node(folder, "fi", [{"op": "related", "words": words}])["answers"][0]
    mismatches = [(w, p, j) for w, p, j in zip(words, python, javascript) if p != j]
    assert mismatches == [], f"{len(mismatches)}/{len(words)} differ: {mismatches[:5]}"
    # the analysis joins something: many words have related terms, the resident's forms among them
    assert sum(bool(p[1]) for p in python) > 100
    assert python[words.index("uiminen")][1]
