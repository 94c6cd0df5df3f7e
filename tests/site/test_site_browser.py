"""The repository's own site in real headless Chromium: axe-core finds no WCAG 2.2 A/AA violation
on one page of each type in each UI language, and the search and favourites pages load their data.

The pages are picked from the build (the first configured theme, the first record page built),
so a fork's area, themes and records are checked without naming any of them.
"""

from __future__ import annotations

import json
import re

import pytest

from plugins.opendata.opendata import PAGE_WORDS, STATEMENT_WORDS
from tarjotin.config import UI_LANGUAGES
from tests.browser_support import describe, run_axe
from tests.site.conftest import record_ids

pytestmark = pytest.mark.browser

PAGE_TYPES = ["front", "theme", "record", "az", "search", "favourites", "404", "accessibility", "opendata"]
FAVOURITES_KEY = "tarjotin.favourites"


def _path(kind, lang, site_config, site_output, urls):
    if kind == "front":
        return urls.front(lang)
    if kind == "theme":
        return urls.theme(lang, site_config.theme_slugs[0])
    if kind == "record":
        ids = record_ids(site_output, lang, site_config.default_lang)
        if not ids:
            pytest.skip(f"the site has no record pages in {lang}: nothing to check on a record page")
        return urls.record(lang, ids[0])
    if kind == "404":
        return f"{urls.prefix(lang)}404.html"
    if kind == "accessibility":
        if site_config.accessibility is None:
            pytest.skip("tray.toml has no [accessibility] section: no statement page to check")
        return f"{urls.prefix(lang)}{STATEMENT_WORDS[lang]}/"
    if kind == "opendata":
        return f"{urls.prefix(lang)}{PAGE_WORDS[lang]}/"
    return getattr(urls, kind)(lang)


def _wait_search(page):
    page.wait_for_function("() => document.querySelector('#search-results').getAttribute('aria-busy') === 'false'"
                           " && !document.querySelector('#search-results .is-pending')")


@pytest.fixture(params=UI_LANGUAGES)
def lang(request, site_config):
    if request.param not in site_config.languages.ui:
        pytest.skip(f"{request.param} is not a UI language of this site")
    return request.param


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_each_page_type_has_no_axe_violations(page, site_url, site_output, site_config, urls, lang, kind):
    path = _path(kind, lang, site_config, site_output, urls)
    response = page.goto(f"{site_url}/{path}")
    assert response.ok, f"{path}: HTTP {response.status}"
    if kind == "search":
        _wait_search(page)
    elif kind == "favourites":
        page.wait_for_selector("#favourites-page[data-state=ready]")
    violations = run_axe(page)
    assert violations == [], f"{path}:\n{describe(violations)}"


def test_search_loads_its_index_and_finds_a_record_by_a_title_word(page, site_url, urls, lang):
    page.goto(f"{site_url}/{urls.search(lang)}")
    _wait_search(page)
    assert page.locator(".notice-error").count() == 0, page.locator(".notice-error").first.inner_text()
    cards = page.locator("#search-results .card-title")
    if cards.count() == 0:
        pytest.skip("the site has no records to search")
    title = cards.first.inner_text()
    word = next((w for w in re.findall(r"[^\W\d_]{3,}", title)), None)
    assert word, f"no word in the title {title!r}"
    page.fill("#search-q", word)
    page.keyboard.press("Enter")
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=word)
    _wait_search(page)
    found = page.locator("#search-results .card-title").all_inner_texts()
    assert found, f"searching {word!r} (from {title!r}) finds nothing"
    assert title in found or page.locator("#search-results li").count() >= 10, (word, title, found)


def test_favourites_page_loads_the_data_of_a_saved_record(page, site_url, site_output, site_config, urls, lang):
    ids = record_ids(site_output, lang, site_config.default_lang)
    if not ids:
        pytest.skip(f"the site has no record pages in {lang}: nothing to save")
    record_html = (site_output / urls.save_as(urls.record(lang, ids[0]))).read_text(encoding="utf-8")
    heading = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", record_html, re.S).group(1)).strip()
    saved = {"version": 1, "items": [{"id": ids[0], "added": "2026-01-01T10:00:00.000Z", "title": "?", "lang": lang}]}
    page.goto(f"{site_url}/{urls.favourites(lang)}")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [FAVOURITES_KEY, json.dumps(saved)])
    page.reload()
    page.wait_for_selector("#favourites-page[data-state=ready]")
    item = page.locator(f'#fav-list .fav-item[data-id="{ids[0]}"]')
    assert item.count() == 1
    assert re.search(r"\bis-(ok|ended)\b", item.get_attribute("class")), item.get_attribute("class")
    assert item.locator(".fav-title a").inner_text().strip() == heading   # the title from the build's data
