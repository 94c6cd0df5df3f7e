"""The language switcher keeps the page's state: a filtered search and a shared list survive it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.test_search_browser import wait_results

pytestmark = pytest.mark.browser


def test_search_filters_survive_a_language_switch(page, fixture_url):
    page.goto(f"{fixture_url}/haku/?q=kuntosali&kunta=092")
    wait_results(page)
    page.locator("#filter-groups input[name='ika'][value='ikaantyneet']").check()  # state changed in place
    wait_results(page)
    page.click(".lang-switch a[hreflang='sv']")
    page.wait_for_url("**/sv/sok/**")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["kuntosali"], "kunta": ["092"], "ika": ["ikaantyneet"]}
    wait_results(page)
    assert "Dickursby gym för seniorer" in page.locator("#search-results").inner_text()


def test_shared_list_fragment_survives_a_language_switch(page, fixture_url):
    page.goto(f"{fixture_url}/suosikit/#list1.abc")
    page.click(".lang-switch a[hreflang='en']")
    page.wait_for_url("**/en/favourites/**")
    assert urlsplit(page.url).fragment == "list1.abc"


def test_other_pages_link_to_the_plain_translation(page, fixture_url):
    page.goto(f"{fixture_url}/teema/liikunta/?x=1")
    assert page.get_attribute(".lang-switch a[hreflang='sv']", "href") == "/sv/tema/liikunta/"
