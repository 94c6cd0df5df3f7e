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


def test_swedish_inflection_in_the_browser(page, demo_url):
    page.goto(f"{demo_url}/sv/sok/?q=simhallen")
    wait_results(page)
    assert any("simhall" in t.lower() for t in titles(page)[:3])
    assert re.match(r"\d+ resultat", count_text(page))


@pytest.mark.parametrize("query", ['a:b "x" +y -z ^2 ~1 *', "ja", "<img src=x onerror=alert(1)>", "%00%", "kunto*"])
def test_hostile_query_strings_never_break_the_page(page, fixture_url, query):
    page.goto(f"{fixture_url}/haku/")
    wait_results(page)
    page.fill("#search-q", query)
    page.keyboard.press("Enter")
    wait_results(page)
    assert re.match(r"\d+ tulos", count_text(page))
    assert page.locator("main img").count() == 0
    assert page.locator("h1").inner_text() == "Haku"


def test_untrusted_text_and_fallback_language(page, fixture_url):
    page.goto(f"{fixture_url}/haku/?q=familjer%C3%A5dgivning")
    wait_results(page)
    link = page.locator("#search-results .card-title a").first
    assert link.inner_text() == "Svenskspråkig familjerådgivning" and link.get_attribute("lang") == "sv"
    source = (ROOT / "theme" / "static" / "js" / "search-ui.js").read_text()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", source)


def test_events_that_ended_after_the_build_are_hidden(browser, fixture_url):
    for when, expected in ((datetime(2026, 12, 1, 12), True), (datetime(2026, 12, 14, 12), False)):
        context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki")
        page = context.new_page()
        page.clock.set_fixed_time(when)
        page.goto(f"{fixture_url}/haku/?q=joulukonsertti")
        wait_results(page)
        assert ("Joulukonsertti Keravan kirkossa" in titles(page)) is expected, when
        context.close()


def test_search_files_load_only_on_the_search_page_with_hashed_names(page, fixture_url):
    requested = []
    page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    page.goto(f"{fixture_url}/")
    page.goto(f"{fixture_url}/teema/liikunta/")
    assert not any("/search/" in p for p in requested)                  # other pages load nothing of it
    page.goto(f"{fixture_url}/haku/")
    wait_results(page)
    for pattern in (r"/search/fi/facets\.[0-9a-f]{10}\.json$", r"/search/fi/index\.[0-9a-f]{10}\.json$",
                    r"/search/js/lunr\.[0-9a-f]{10}\.js$", r"/search/js/lunr\.fi\.[0-9a-f]{10}\.js$",
                    r"/search/js/search-engine\.[0-9a-f]{10}\.js$"):
        assert any(re.search(pattern, p) for p in requested), pattern
    assert sum("/index." in p for p in requested) == 1                  # the preload is reused, not fetched twice


def test_typing_is_not_blocked_while_the_index_loads(page, fixture_url):
    # hold the index back: the page must show its loading state and accept typing meanwhile
    held = []
    page.route(re.compile(r".*/search/fi/index\..*"), lambda route: held.append(route))
    page.goto(f"{fixture_url}/haku/")
    page.wait_for_function("() => document.querySelectorAll('#filter-groups input').length > 0")
    page.fill("#search-q", "kuntosali")
    page.wait_for_timeout(300)
    assert page.input_value("#search-q") == "kuntosali"
    assert page.locator("#search-results").get_attribute("aria-busy") == "true"
    assert "Haku latautuu" in count_text(page)
    page.wait_for_function("() => true")
    for route in held:
        route.continue_()
    page.unroute(re.compile(r".*/search/fi/index\..*"))
    wait_results(page)
    assert titles(page)[0] == "Tikkurilan senioreiden kuntosali"


def test_phone_viewport(browser, demo_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, locale="fi-FI")
    page = context.new_page()
    page.goto(f"{demo_url}/haku/?q=liikunta")
    wait_results(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    toggle = page.locator("#filters-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#filter-groups").is_visible()
    # results come first on a phone: the first result is on the first screen
    assert page.locator("#search-results li").first.bounding_box()["y"] < 740
    toggle.tap()
    assert page.locator("#filter-groups").is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.locator('#filter-groups label', has_text="Vantaa").first.tap()
    wait_results(page)
    assert "Rajaukset (1)" in toggle.inner_text()
    page.locator("#filters-done").tap()
    assert not page.locator("#filter-groups").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


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
