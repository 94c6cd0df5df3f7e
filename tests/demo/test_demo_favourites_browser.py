"""Favourites on the demo build: a Swedish-speaking senior in Kerava collects a list across pages."""

from __future__ import annotations

import re

import pytest

from tests.test_favourites_browser import badge, flat, ready, session, stored, titles, wait_results  # noqa: F401

pytestmark = pytest.mark.browser

SENIOR_DANCE = "local-kerava-senioritanssit"


def test_favourites_from_search_and_record_page_then_another_language(session, demo_url):
    """A Swedish-speaking senior in Kerava: three from filtered search results, one from a record page."""
    page = session.page(session.context(locale="sv-FI"))
    page.goto(f"{demo_url}/sv/sok/?kunta=245&ika=ikaantyneet&kieli=sv")
    wait_results(page)
    cards = page.locator("#search-results li")
    picked = []
    for i in (0, 1, 2):
        toggle = cards.nth(i).locator("button.favourite-toggle")
        title = cards.nth(i).locator(".card-title").inner_text()
        assert toggle.get_attribute("aria-pressed") == "false"
        assert page.evaluate("b => b.textContent", toggle.element_handle()) == f"Favorit: {title}"  # name has the title
        if i == 1:
            toggle.focus()
            page.keyboard.press("Enter")                        # keyboard-operable
        else:
            toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
        picked.append(title)
    page.wait_for_function("() => document.getElementById('favourites-announcer').textContent.includes('totalt 3')")
    assert badge(page) == "3"
    assert page.locator(".favourites-link").evaluate("a => a.textContent") == "Favoriter3 (3 sparade)"

    page.goto(f"{demo_url}/sv/tjanst/{SENIOR_DANCE}/")
    toggle = page.locator(".record-header button.favourite-toggle")
    assert toggle.get_attribute("aria-pressed") == "false" and badge(page) == "3"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and badge(page) == "4"
    picked.append("Seniordans i Kervo-salen")

    page.reload()                                               # saved: survives a reload
    assert page.locator(".record-header button.favourite-toggle").get_attribute("aria-pressed") == "true"
    page.goto(f"{demo_url}/sv/sok/?kunta=245&ika=ikaantyneet&kieli=sv")
    wait_results(page)
    assert [cards.nth(i).locator("button.favourite-toggle").get_attribute("aria-pressed") for i in range(4)] == \
        ["true", "true", "true", "false"]

    data = stored(page)
    assert data["version"] == 1 and [i["title"] for i in data["items"]] == picked
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", i["added"]) for i in data["items"])
    ids = [i["id"] for i in data["items"]]

    page.goto(f"{demo_url}/sv/favoriter/")
    ready(page)
    assert titles(page) == picked and page.locator("#fav-count").inner_text() == "4 favoriter"

    # the same list in Finnish, from the Finnish data
    page.goto(f"{demo_url}/suosikit/")
    ready(page)
    finnish = titles(page)
    assert len(finnish) == 4 and finnish[3] == "Senioritanssit Kerava-salissa"
    item = page.locator("#fav-list .fav-item").nth(3)
    body = flat(item.inner_text())
    for fragment in ("Keravan kaupunki, liikuntapalvelut", "Kerava-sali", "Kultasepänkatu 7", "04250 Kerava",
                     "ti 13.00–14.30", "22.12.2026–6.1.2027: suljettu (Joulutauko)", "+358 40 318 2050",
                     "seniorliikunta@kerava.fi", "Senioriliikunta Keravalla", "Maksullinen", "Palvelukielet",
                     "suomi, ruotsi", "Ikääntyneet", "Ei ilmoittautumista"):
        assert fragment in body, fragment

    # reorder with the keyboard: move the last one up twice, focus stays on the moved item
    item.locator("button[data-action=up]").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert titles(page)[1] == "Senioritanssit Kerava-salissa"
    assert page.evaluate("document.activeElement.dataset.id + ' ' + document.activeElement.dataset.action") == \
        f"{SENIOR_DANCE} up"
    page.wait_for_function("() => document.getElementById('fav-status').textContent.includes('sijalla 2/4')")
    page.locator("#fav-list .fav-item").nth(0).locator("button[data-action=down]").click()
    expected = ["Senioritanssit Kerava-salissa", finnish[0], finnish[1], finnish[2]]
    assert titles(page) == expected
    assert [i["id"] for i in stored(page)["items"]] == [SENIOR_DANCE, ids[0], ids[1], ids[2]]

    # remove, undo, remove again
    page.locator("#fav-list .fav-item").nth(2).locator("button[data-action=remove]").click()
    assert titles(page) == [expected[0], expected[1], expected[3]] and badge(page) == "3"
    assert page.evaluate("document.activeElement.dataset.id") == ids[2]        # the next item's remove button
    page.click("#fav-undo")
    assert titles(page) == expected and badge(page) == "4"
    page.locator("#fav-list .fav-item").nth(2).locator("button[data-action=remove]").click()
    page.reload()
    ready(page)
    assert titles(page) == [expected[0], expected[1], expected[3]]
