"""Finnish derivations and plurals joined at build time with Voikko (plugins/search_index/morphology.py).

Records written for this test (never the demo), the real Voikko (Debian libvoikko1 + voikko-fi,
PyPI libvoikko), the real engine under Node: a resident's word finds a record whose text has only
another derivation or number of it, which Snowball alone leaves apart; without Voikko the build
warns in one line and its files are byte for byte those of a build without the feature.
"""

from __future__ import annotations

import builtins
import json
import logging
from datetime import date

import pytest

from plugins.search_index import morphology, search_index
from plugins.tray.generator import TraySite
from tarjotin.content import Content
from tarjotin.urls import UrlScheme
from tarjotin.views import Clock
from tests.search_support import ROOT, record, run_node, write_bundle

voikko = morphology.load("fi", warn=lambda line: None)
needs_voikko = pytest.mark.skipif(voikko is None, reason="libvoikko1 and voikko-fi are installed by ./run.sh test")

RECORDS = [
    record("local-uimahalli", title="Keskustan uimahalli", summary={"fi": "Altaat ja sauna."}),
    record("local-uinti", title="Vesijumppa ja uinti", summary={"fi": "Ohjattua vesiliikuntaa aikuisille."}),
    record("local-liikunta", title="Senioreiden liikunta", summary={"fi": "Ryhmä kokoontuu maanantaisin."}),
    record("local-nuoret", title="Nuorisotila", summary={"fi": "Jokainen nuori on tervetullut."}),
    record("local-lapsi", title="Perhekerho", summary={"fi": "Aikuinen ja lapsi leikkivät yhdessä."}),
    record("local-tanssi", title="Lavatanssijoiden ilta", summary={"fi": "Keskiviikkoisin."}),
    record("local-laulu", title="Kuoro", summary={"fi": "Laulajat harjoittelevat torstaisin."}),
    record("local-maksu", title="Asiakasmaksut", summary={"fi": "Maksu peritään kuukausittain."}),
]

#: (query, record it must find) — the query form is in no text: only the derivation joins them.
FOUND = [
    ("uiminen", "local-uimahalli"), ("uiminen", "local-uinti"), ("liikkuminen", "local-liikunta"),
    ("nuoret", "local-nuoret"), ("lapset", "local-lapsi"), ("tanssiminen", "local-tanssi"), ("laulaminen", "local-laulu"),
]


def _ranked(folder, query):
    """The ids of the records the engine finds for `query`, best first."""
    answer = run_node(folder, "fi", [{"op": "search", "state": {"q": query, "filters": {}}}])
    facets = json.loads((folder / "facets.json").read_text())
    rows = [row for name in facets["chunks"] for row in json.loads((folder / name).read_text())]
    return [rows[d]["id"] for d in answer["answers"][0]["docs"]]


def _ids(folder, query):
    return set(_ranked(folder, query))


@pytest.fixture(scope="module")
def built(config, tmp_path_factory):
    """The records' files with Voikko and without it."""
    on, off = tmp_path_factory.mktemp("morph-on"), tmp_path_factory.mktemp("morph-off")
    write_bundle(RECORDS, config, "fi", on, morphology=voikko)
    write_bundle(RECORDS, config, "fi", off, morphology=None)
    return on, off


@needs_voikko
@pytest.mark.parametrize("query,record_id", FOUND)
def test_a_derivation_or_plural_finds_the_record_in_the_browser_engine(built, query, record_id):
    on, off = built
    assert record_id in _ids(on, query)
    # Snowball and the engine's own expansions alone do not join them (the test can fail)
    assert record_id not in _ids(off, query)


@needs_voikko
def test_the_word_itself_ranks_above_its_derivations(built):
    on, _ = built
    ranked = _ranked(on, "uinti")
    assert ranked[0] == "local-uinti" and "local-uimahalli" in ranked[1:]


@needs_voikko
def test_meaning_changing_derivations_are_not_joined(built):
    # -ton ("maksuton", free of charge) is the opposite of "maksu"; a compound's own stem does not
    # reach every word sharing its last part
    on, _ = built
    assert _ids(on, "maksuton") == set()
    assert "local-uinti" not in _ids(on, "uimahalli")


@needs_voikko
def test_the_related_file_is_fetched_only_when_the_stem_is_in_no_text(tmp_path, config):
    folder = tmp_path / "on"
    bundle = write_bundle(RECORDS, config, "fi", folder, morphology=voikko)
    files = bundle.index["sharded"]["files"]
    related = bundle.index["related"]
    assert related["offset"] == sum(len(f["starts"]) for f in bundle.index["sharded"]["fields"])
    ops = [{"op": "missing", "q": "uiminen"}, {"op": "missing", "q": "uinti"}, {"op": "missing", "q": "uinti", "later": True}]
    wait, found, later = run_node(folder, "fi", ops, no_shards=True)["answers"]
    first_related = related["offset"]
    assert any(k >= first_related for k in wait)              # "uiminen": in no text, waited for
    assert all(k < first_related for k in found)              # "uinti" is found: not waited for…
    assert any(k >= first_related for k in later)             # …fetched after the results
    assert all(files[k].startswith("shard-") for k in wait + later)


def test_without_voikko_the_build_warns_once_and_the_files_are_unchanged(monkeypatch, tmp_path, config):
    real_import = builtins.__import__

    def no_libvoikko(name, *args, **kwargs):
        if name == "libvoikko":
            raise OSError("libvoikko.so.1: cannot open shared object file: No such file or directory")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_libvoikko)
    lines = []
    missing = morphology.load("fi", warn=lines.append)
    assert missing is None
    assert len(lines) == 1 and "Voikko" in lines[0] and "libvoikko.so.1" in lines[0] and "\n" not in lines[0]
    a = write_bundle(RECORDS, config, "fi", tmp_path / "missing", morphology=missing)
    b = write_bundle(RECORDS, config, "fi", tmp_path / "off", morphology=None)
    assert "related" not in a.index
    for path in sorted((tmp_path / "off").iterdir()):
        assert (tmp_path / "missing" / path.name).read_bytes() == path.read_bytes(), path.name
    assert sorted(p.name for p in (tmp_path / "off").iterdir()) == sorted(p.name for p in (tmp_path / "missing").iterdir())


def test_the_search_files_build_warns_in_one_line_without_voikko(monkeypatch, caplog, config):
    monkeypatch.setattr(morphology, "load", lambda lang, warn: warn("search: Finnish morphology (Voikko) not available")
                        if lang == "fi" else None)
    tray = TraySite(config, Content(), UrlScheme(config.default_lang), Clock(date(2026, 11, 23)),
                    translations_dir=ROOT / "theme" / "translations", records=RECORDS)
    with caplog.at_level(logging.WARNING):
        files = search_index.build_search_files(tray, ROOT / "theme", ROOT / "node_modules", languages=["fi", "sv"])
    warnings = [r.getMessage() for r in caplog.records if "Voikko" in r.getMessage()]
    assert warnings == ["search: Finnish morphology (Voikko) not available"]
    assert not any(b'"related"' in data for name, data in files.files.items() if name.startswith("search/fi/index"))


@needs_voikko
def test_roots_of_words():
    own, parts = voikko.roots("liikunta")
    assert {"liikunta", "liikkua"} <= own
    assert voikko.roots("uiminen")[0] == {"uida"}
    assert "lapsi" in voikko.roots("lasten")[0]
    own, parts = voikko.roots("uimahalli")
    assert own == {"uimahalli"} and "uida" in parts
    assert "maksu" not in voikko.roots("maksuton")[0]
    assert "uiminen" in voikko.forms("uida") and "lapset" in voikko.forms("lapsi")
    assert "kuntoilija" in voikko.forms("kuntoilla")


def test_the_table_reads_back_as_written():
    from plugins.search_index.encode import b36, front_code

    vocab = sorted({f"t{i:03d}" for i in range(300)})
    term_id = {t: i for i, t in enumerate(vocab)}
    table = {f"key{i:03d}": {vocab[(i * 7 + j) % 300] for j in range(1 + i % 5)} for i in range(400)}
    table["äiti"] = {"t001"}
    meta, files = morphology.encode_table(table, term_id, b36, front_code, offset=3, shard_bytes=500)
    assert len(files) > 3 and meta["offset"] == 3 and meta["firsts"] == [f["first"] for f in files]
    assert meta["firsts"] == sorted(meta["firsts"])
    assert morphology.decode_shards(files, vocab) == table


@needs_voikko
def test_the_index_names_the_first_key_of_each_related_file(built):
    on, _ = built
    index = json.loads((on / "index.json").read_text())
    files = [json.loads((on / name).read_text()) for name in index["sharded"]["files"][index["related"]["offset"]:]]
    assert [f["first"] for f in files] == index["related"]["firsts"] and all(f["field"] == "related" for f in files)
    vocab, term = [], ""
    for line in index["terms"].split("\n"):
        term = term[:int(line[0], 36)] + line[1:]
        vocab.append(term)
    table = morphology.decode_shards(files, vocab)
    assert {"uimahal", "uint"} <= table["uimin"]     # uiminen: in no text, a generated form
