"""The search files of a real Pelican build: names, sizes, settings, what the page is told."""

from __future__ import annotations

import gzip
import json
import re

from plugins.search_index.encode import b36, front_code
from tests.site_support import ROOT, read


def _config(site, page):
    html = read(site, page)
    block = re.search(r'<script type="application/json" id="search-config">(.*?)</script>', html, re.S).group(1)
    return html, json.loads(block)


def test_search_page_names_hashed_files_that_exist(demo_site):
    for page, lang in (("haku", "fi"), ("sv/sok", "sv"), ("en/search", "en")):
        html, config = _config(demo_site, page)
        assert config["lang"] == lang
        files = config["files"]
        for key in ("facets", "index"):
            assert re.fullmatch(rf"search/{lang}/{key}\.[0-9a-f]{{10}}\.json", files[key])
            assert (demo_site / files[key]).exists() and (demo_site / (files[key] + ".gz")).exists()
            assert f'<link rel="preload" href="/{files[key]}" as="fetch" crossorigin="anonymous">' in html
        scripts = re.findall(r'<script src="/(search/js/[^"]+)" defer>', html)
        assert [re.sub(r"\.[0-9a-f]{10}\.js$", "", s) for s in scripts] == \
            ["search/js/lunr"] + (["search/js/lunr.stemmer.support", f"search/js/lunr.{lang}"] if lang != "en" else []) \
            + ["search/js/search-engine", "search/js/search-state", "search/js/search-ui"]
        assert all((demo_site / s).exists() for s in scripts)
        facets = json.loads((demo_site / files["facets"]).read_text())
        assert all((demo_site / f"search/{lang}" / name).exists() for name in facets["chunks"])
        assert set(config["strings"]) >= {"loading", "resultsOne", "resultsOther", "noResults", "groups"}
        assert config["recordUrl"] == {"fi": "/palvelu/", "sv": "/sv/tjanst/", "en": "/en/service/"}[lang]


def test_search_files_are_small_at_demo_scale(demo_site):
    """A budget that fails loudly if the index format regresses (sizes gzip, demo content)."""
    _html, config = _config(demo_site, "haku")
    index = gzip.compress((demo_site / config["files"]["index"]).read_bytes(), 9)
    facets = gzip.compress((demo_site / config["files"]["facets"]).read_bytes(), 9)
    assert len(index) < 20_000 and len(facets) < 4_000


def test_no_other_page_loads_search_files(demo_site):
    for page in ("", "teema/liikunta", "a-o", "sv"):
        assert "/search/" not in read(demo_site, page)


def test_search_settings_are_documented():
    documented = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    settings = re.findall(r"^(SEARCH_[A-Z_]+)\s*=", (ROOT / "pelicanconf.py").read_text(), re.M)
    assert settings and all(f"`{name}`" in documented for name in settings)


def test_compact_encodings():
    assert [b36(n) for n in (0, 9, 10, 35, 36, 1295)] == ["0", "9", "a", "z", "10", "zz"]
    assert front_code(["uimahal", "uimahalli", "uimakoul", "x" * 40, "x" * 41]).split("\n") == \
        ["0uimahal", "7li", "4koul", "0" + "x" * 40, "z" + "x" * 6]
