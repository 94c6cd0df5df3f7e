"""The search page on the demo build: ranking, filters and inflection at the demo's scale."""

from __future__ import annotations

import re

import pytest

from tests.browser_support import describe, run_axe
from tests.test_search_browser import checkbox, count_text, params, titles, wait_results

pytestmark = pytest.mark.browser


def test_type_a_query_and_see_ranked_results(page, demo_url):
    page.goto(f"{demo_url}/haku/")
    wait_results(page)
    everything = int(re.match(r"\d+", count_text(page)).group())
    assert everything > 20                                           # browsing works before any keyword
    page.fill("#search-q", "uimahalliin")
    page.wait_for_function("() => /uimahalli/i.test(document.querySelector('#search-results .card-title')?.textContent || '')")
    wait_results(page)
    found = titles(page)
    assert 1 <= len(found) < everything and all("uimahalli" in t.lower() for t in found[:2])
    assert params(page)["q"] == ["uimahalliin"]
    assert page.title().startswith("uimahalliin – Haku")
    page.wait_for_function("() => document.querySelector('#search-live').textContent.includes('tulos')")
    first = page.locator("#search-results li").first
    assert first.locator(".favourite-slot").get_attribute("data-favourite-id")
    assert first.locator(".kind").inner_text() and first.locator(".where").inner_text()
    href = first.locator(".card-title a").get_attribute("href")
    assert re.fullmatch(r"/palvelu/[a-z0-9-]+/", href)


def test_filters_counts_url_reload_and_back(page, demo_url):
    page.goto(f"{demo_url}/haku/?q=kaikukortti")
    wait_results(page)
    total = len(titles(page))
    assert total >= 3
    kerava_label = page.locator('label[for]', has=page.locator("text=Kerava")).first.inner_text()
    kerava_count = int(re.search(r"\((\d+)\)", kerava_label).group(1))
    assert 0 < kerava_count < total
    checkbox(page, "kunta", "245").check()
    page.wait_for_function(f"() => document.querySelectorAll('#search-results li').length === {kerava_count}")
    wait_results(page)
    assert params(page) == {"q": ["kaikukortti"], "kunta": ["245"]}
    assert page.locator("#active-filters .chip", has_text="Kerava").count() == 1
    # AND across groups: a theme narrows further, OR within a group widens again
    checkbox(page, "tyyppi", "event").check()
    wait_results(page)
    with_event = len(titles(page))
    assert with_event <= kerava_count
    checkbox(page, "kunta", "092").check()
    wait_results(page)
    assert len(titles(page)) >= with_event
    # reload restores the same view
    before = (titles(page), page.url)
    page.reload()
    wait_results(page)
    assert (titles(page), page.url) == before
    assert checkbox(page, "kunta", "245").is_checked() and checkbox(page, "tyyppi", "event").is_checked()
    assert page.input_value("#search-q") == "kaikukortti"
    # back undoes one filter at a time
    page.go_back()
    wait_results(page)
    assert params(page) == {"q": ["kaikukortti"], "kunta": ["245"], "tyyppi": ["event"]}
    assert not checkbox(page, "kunta", "092").is_checked()
    page.go_back()
    page.go_back()
    wait_results(page)
    assert params(page) == {"q": ["kaikukortti"]} and len(titles(page)) == total


@pytest.mark.parametrize("path", [
    "haku/?q=uimahalli",                              # results
    "haku/?q=kaikukortti&kunta=092&teema=liikunta",   # filters applied
    "haku/?q=kuntosali&tyyppi=volunteering&kunta=245",  # no results with suggestions
    "sv/sok/?q=simhallen",
    "en/search/?q=zzzzqqq",                           # no results, nothing to suggest
])
def test_search_page_states_have_no_axe_violations(page, demo_url, path):
    page.goto(f"{demo_url}/{path}")
    wait_results(page)
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_swedish_inflection_in_the_browser(page, demo_url):
    page.goto(f"{demo_url}/sv/sok/?q=simhallen")
    wait_results(page)
    assert any("simhall" in t.lower() for t in titles(page)[:3])
    assert re.match(r"\d+ resultat", count_text(page))
