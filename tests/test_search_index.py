"""The search files of a real Pelican build: names, sizes, settings, what the page is told."""

from __future__ import annotations

import json
import re

import pytest

from plugins.search_index.encode import b36, front_code
from tests.site_support import ROOT, read


def _config(site, page):
    html = read(site, page)
    block = re.search(r'<script type="application/json" id="search-config">(.*?)</script>', html, re.S).group(1)
    return html, json.loads(block)


def test_search_page_names_hashed_files_that_exist(fixture_site):
    for page, lang in (("haku", "fi"), ("sv/sok", "sv"), ("en/search", "en")):
        html, config = _config(fixture_site, page)
        assert config["lang"] == lang
        files = config["files"]
        for key in ("facets", "index"):
            assert re.fullmatch(rf"search/{lang}/{key}\.[0-9a-f]{{10}}\.json", files[key])
            assert (fixture_site / files[key]).exists() and (fixture_site / (files[key] + ".gz")).exists()
            assert f'<link rel="preload" href="/{files[key]}" as="fetch" crossorigin="anonymous">' in html
        scripts = re.findall(r'<script src="/(search/js/[^"]+)" defer>', html)
        assert [re.sub(r"\.[0-9a-f]{10}\.js$", "", s) for s in scripts] == \
            ["search/js/lunr"] + (["search/js/lunr.stemmer.support", f"search/js/lunr.{lang}"] if lang != "en" else []) \
            + ["search/js/search-engine", "search/js/opening-hours", "search/js/search-state", "search/js/search-ui"]
        assert all((fixture_site / s).exists() for s in scripts)
        facets = json.loads((fixture_site / files["facets"]).read_text())
        assert all((fixture_site / f"search/{lang}" / name).exists() for name in facets["chunks"])
        assert set(config["strings"]) >= {"loading", "resultsOne", "resultsOther", "noResults", "groups"}
        assert config["recordUrl"] == {"fi": "/palvelu/", "sv": "/sv/tjanst/", "en": "/en/service/"}[lang]


def test_no_other_page_loads_search_files(fixture_site):
    for page in ("", "teema/liikunta", "a-o", "sv"):
        assert "/search/" not in read(fixture_site, page)


def test_search_settings_are_documented():
    documented = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    settings = re.findall(r"^(SEARCH_[A-Z_]+)\s*=", (ROOT / "pelicanconf.py").read_text(), re.M)
    assert settings and all(f"`{name}`" in documented for name in settings)


def test_compact_encodings():
    assert [b36(n) for n in (0, 9, 10, 35, 36, 1295)] == ["0", "9", "a", "z", "10", "zz"]
    assert front_code(["uimahal", "uimahalli", "uimakoul", "x" * 40, "x" * 41]).split("\n") == \
        ["0uimahal", "7li", "4koul", "0" + "x" * 40, "z" + "x" * 6]


def test_postings_encode_term_and_document_gaps_with_repeats_for_term_frequency():
    from plugins.search_index.encode import b36_table, encode_postings, postings_by_term

    # term ids per document, in text order (term 3 twice in document 0); document 2000 makes a gap past "zz"
    docs = [[3, 1, 3]] + [[] for _ in range(1998)] + [[1], [40]]
    by_term = postings_by_term(docs)
    assert dict(by_term) == {1: [0, 1999], 3: [0, 0], 40: [2000]}
    assert encode_postings(by_term, first=-1) == "1:0,1jj;1:0,0;10:1jk"
    assert encode_postings(by_term, first=2, terms=range(3, 41)) == "0:0,0;10:1jk"
    assert encode_postings(by_term, first=-1, terms=range(4, 40)) == ""
    assert b36_table(40000)[39999] == b36(39999) == "uv3"


def test_plain_markdown_keeps_link_texts_and_drops_addresses():
    from plugins.search_index.encode import plain_markdown

    assert plain_markdown(None) == plain_markdown("") == ""
    assert plain_markdown("Uimahalli [aukioloajat](https://x.fi/a) ja ![kuva](k.png)") == "Uimahalli aukioloajat ja kuva"
    assert plain_markdown("Katso <https://x.fi/a> tai http://y.fi.") == "Katso   tai  "
    assert plain_markdown("[tästä](/sivu) ja https://x.fi") == "tästä ja  "
    assert plain_markdown("Ei linkkejä (eikä osoitteita) [vain sulkeita]") == "Ei linkkejä (eikä osoitteita) [vain sulkeita]"


def test_the_garbage_collector_is_paused_while_the_search_files_are_built_and_restored_after(monkeypatch):
    """build_search_files turns the cyclic collector off (a third of its CPU time at 10,000 records,
    bench/search_files.py) and leaves it as it found it, also when a bundle fails."""
    import gc
    from datetime import date

    from plugins.search_index import search_index
    from plugins.tray.generator import TraySite
    from tarjotin.config import load_config
    from tarjotin.content import Content
    from tarjotin.urls import UrlScheme
    from tarjotin.views import Clock
    from tests.search_support import record
    from tests.site_support import TEST_CONFIG

    config = load_config(TEST_CONFIG)
    tray = TraySite(config, Content(), UrlScheme(config.default_lang), Clock(date(2026, 11, 23)),
                    translations_dir=ROOT / "theme" / "translations", records=[record("local-a", title="Uimahalli")])
    states = []
    real = search_index.build_bundle

    def watched(*args, **kwargs):
        states.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(search_index, "build_bundle", watched)
    assert gc.isenabled()
    files = search_index.build_search_files(tray, ROOT / "theme", ROOT / "node_modules")
    assert states == [False, False, False] and gc.isenabled()
    assert set(files.assets) == {"fi", "sv", "en"}

    def failing(*args, **kwargs):
        raise ValueError("bad record")

    monkeypatch.setattr(search_index, "build_bundle", failing)
    with pytest.raises(ValueError):
        search_index.build_search_files(tray, ROOT / "theme", ROOT / "node_modules")
    assert gc.isenabled()
    gc.disable()
    try:
        monkeypatch.setattr(search_index, "build_bundle", real)
        search_index.build_search_files(tray, ROOT / "theme", ROOT / "node_modules")
        assert not gc.isenabled()   # off before, off after
    finally:
        gc.enable()
