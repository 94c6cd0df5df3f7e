"""Search in content languages that are not UI languages (Node, no browser): the index's `other`
field holds their titles and summaries, each analysed by its own language, and the browser
analyses query words the same way for each such language of the index.

The words come from Babel's CLDR data in each language (names of countries, languages, scripts,
currencies, months and days): real inflected words, shipped with Babel, no download."""

from __future__ import annotations

import re

import pytest
from babel import Locale

from plugins.search_index.analysis import SNOWBALL, OtherAnalyzer, tokenize
from plugins.search_index.encode import FIELDS, OPTIONAL_FIELDS
from tests.config_support import with_content_languages
from tests.search_support import current_records, record, run_node, synthetic_records, write_bundle
from tests.site_support import FIXTURE_CONTENT


def _cldr_words(code: str) -> list[str]:
    locale = Locale.parse(code)
    words: set[str] = set()
    for names in (locale.territories, locale.languages, locale.scripts, locale.currencies):
        for name in names.values():
            words.update(tokenize(name))
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            words.update(t for v in locale.months[context][width].values() for t in tokenize(str(v)))
            words.update(t for v in locale.days[context][width].values() for t in tokenize(str(v)))
    return sorted(w for w in words if re.search(r"\w", w))


STEMMED = [code for code in SNOWBALL if code not in ("fi", "sv", "en")]
PLAIN = ["se", "smn", "ar", "so", "uk", "et"]


@pytest.mark.parametrize("code", STEMMED + PLAIN)
def test_every_word_is_analysed_the_same_in_python_and_the_browser(code, tmp_path):
    words = _cldr_words(code)
    assert len(words) > 300
    analyzer = OtherAnalyzer(code)
    assert bool(analyzer.stemmer_name) == (code in STEMMED)
    python = [analyzer.term(w) for w in words]
    answer = run_node(tmp_path, "fi", [{"op": "other", "words": words, "others": [[code, analyzer.stemmer_name]]}],
                      index_optional=True)
    javascript = [terms[0] if terms else None for terms in answer["answers"][0]]
    mismatches = [(w, p, j) for w, p, j in zip(words, python, javascript) if p != j]
    assert mismatches == []
    if code in STEMMED:  # the stemmer really stems
        assert sum(p != w.lower() for w, p in zip(words, python) if p) > len(words) // 10


def test_russian_yo_is_read_as_ye_on_both_sides(tmp_path):
    analyzer = OtherAnalyzer("ru")
    words = ["кёльнский", "тёркс", "ёлка"]
    answer = run_node(tmp_path, "fi", [{"op": "other", "words": words, "others": [["ru", "ru"]]}], index_optional=True)
    assert [t[0] for t in answer["answers"][0]] == [analyzer.term(w) for w in words] == ["кельнск", "теркс", "елк"]


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("languages")
    config = with_content_languages(tmp, ["fi", "sv", "en", "se", "ar", "ru"])
    records = [
        record("local-saamelaiskahvila", title={"fi": "Saamelaiskahvila", "se": "Sámi kafea"},
               summary={"fi": "Kahvia ja juttuja.", "se": "Čoahkkaneapmi juohke vahkku giellabeassis."}),
        record("local-arabiaryhma", title={"fi": "Arabiankielinen perheryhmä", "ar": "مجموعة العائلات العربية"},
               summary={"ar": "لقاء أسبوعي للعائلات في المكتبة."}),
        record("local-venajakerho", title={"fi": "Venäjänkielinen kerho", "ru": "Русский клуб"},
               summary={"ru": "Встречи для пожилых людей по средам."}),
        record("local-uimahalli", title={"fi": "Uimahalli"}, summary={"fi": "Uintia kaikille."}),
    ]
    return config, records, tmp


def test_other_languages_are_one_low_boost_field_only_when_used(multilingual, config, tmp_path):
    cfg, records, tmp = multilingual
    bundle = write_bundle(records, cfg, "fi", tmp / "fi", lunr_json=True)
    assert bundle.index["fields"][-1] == ["other", 1]
    assert bundle.index["other"] == [["se", ""], ["ar", ""], ["ru", "ru"]]
    plain = write_bundle(records[-1:], cfg, "fi", tmp_path / "plain")
    assert plain.index["fields"] == [list(f) for f in FIELDS if f[0] not in OPTIONAL_FIELDS] and "other" not in plain.index
    # the same without any other content language configured: not one byte differs
    assert write_bundle(records[-1:], config, "fi", tmp_path / "same").index == plain.index


def test_browser_index_equals_lunr_py_index_with_other_languages(multilingual):
    cfg, records, tmp = multilingual
    folder = tmp / "compare"
    # with a synthetic area, so that every filter value's words occur in some document
    everything = records + current_records(FIXTURE_CONTENT, cfg) + synthetic_records(150)
    write_bundle(everything, cfg, "fi", folder, lunr_json=True)
    report = run_node(folder, "fi", [{"op": "compare"}], lunr_index_path=folder / "lunr-index.json")["answers"][0]
    assert report["termMismatch"] == [] and report["postingMismatch"] == []
    assert report["vectorMismatch"] == 0 and report["vectorMaxDiff"] == 0


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("query, found", [
    ("giellabeassis", "local-saamelaiskahvila"),      # Northern Sámi, plain tokens
    ("Sámi kafea", "local-saamelaiskahvila"),
    ("العائلات", "local-arabiaryhma"),                 # Arabic, plain tokens
    ("المكتبة", "local-arabiaryhma"),
    ("клубе", "local-venajakerho"),                    # Russian, stemmed: клубе → клуб
    ("пожилые", "local-venajakerho"),
    ("uimahalli", "local-uimahalli"),                  # the page's own analysis as before
])
def test_queries_in_other_languages_find_their_records(multilingual, lang, query, found):
    cfg, records, tmp = multilingual
    folder = tmp / f"match-{lang}"
    bundle = write_bundle(records, cfg, lang, folder)
    ids = [row["id"] for chunk in bundle.chunks for row in chunk]
    answer = run_node(folder, lang, [{"op": "match", "q": query}])["answers"][0]
    assert [ids[d] for d in answer["docs"]][:1] == [found], answer


def test_a_stop_word_of_the_page_language_stays_one(multilingual):
    # Finnish "ja" is a stop word on the Finnish page even though the index has Sámi texts
    cfg, records, tmp = multilingual
    folder = tmp / "stop"
    write_bundle(records, cfg, "fi", folder)
    answer = run_node(folder, "fi", [{"op": "match", "q": "kahvia ja"}])["answers"][0]
    assert answer["words"] == ["kahvia"]
