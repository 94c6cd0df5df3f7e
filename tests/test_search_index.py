"""The search files of a real Pelican build: names, sizes, settings, what the page is told."""

from __future__ import annotations

import json
import re

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
