"""Shared-computer mode in real headless Chromium: the list and the notes live in this tab only
(sessionStorage) and are gone after printing or sending, so the next client never sees them.
"""

from __future__ import annotations

import json

import pytest

from tests.browser_support import describe, run_axe
from tests.test_favourites_browser import (CONCERT, FAMILY, KEY, KUNTOSALI, ready, save_list,  # noqa: F401
                                           session, titles)
from tests.test_favourites_share_browser import MOCK_SHARE

pytestmark = pytest.mark.browser

NOTES_KEY = "tarjotin.favourites.notes"


def storage(page, area: str) -> dict:
    return page.evaluate(f"[{json.dumps(KEY)}, {json.dumps(NOTES_KEY)}].map(k => {area}.getItem(k))")


def shared_on(session, fixture_url, script=None):
    page = session.page()
    if script:
        page.add_init_script(script)
    save_list(page, f"{fixture_url}/suosikit/", [(KUNTOSALI, "x"), (CONCERT, "y")])
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    page.check("#fav-shared-computer")
    page.get_by_label("Muistiinpano koko listalle").fill("Tapaaminen to")
    page.wait_for_timeout(300)
    return page


def test_the_list_moves_to_this_tab_and_is_cleared_after_printing(session, fixture_url):
    page = shared_on(session, fixture_url)
    assert storage(page, "localStorage") == [None, None]           # nothing left for the next user
    local_list, local_notes = storage(page, "sessionStorage")
    assert [i["id"] for i in json.loads(local_list)["items"]] == [KUNTOSALI, CONCERT]
    assert json.loads(local_notes)["list"] == "Tapaaminen to"
    # a record page in the same tab saves into this tab too
    page.goto(f"{fixture_url}/palvelu/{FAMILY}/")
    page.click(".favourite-toggle")
    assert storage(page, "localStorage") == [None, None]
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    assert page.locator("#fav-shared-computer").is_checked() and len(titles(page)) == 3
    # another tab of the same browser sees nothing
    other = session.page(page.context)
    other.goto(f"{fixture_url}/suosikit/")
    other.wait_for_selector("#favourites-page[data-state]")
    assert other.locator("#fav-empty").is_visible() and not other.locator("#fav-shared-computer").is_checked()
    # print: then everything is gone, notes included
    page.click("#fav-print")
    page.wait_for_function("() => document.getElementById('fav-notice').textContent.includes('tyhjennettiin')")
    left, notes_left = storage(page, "sessionStorage")
    assert json.loads(left)["items"] == [] and notes_left is None
    assert storage(page, "localStorage") == [None, None]
    assert page.locator("#fav-empty").is_visible() and page.locator("#fav-list-note").input_value() == ""
    # an Undo while the page is open (print first, then send)
    page.click("#fav-undo")
    ready(page)
    assert len(titles(page)) == 3 and page.locator("#fav-list-note").input_value() == "Tapaaminen to"
    page.reload()
    ready(page)
    assert len(titles(page)) == 3


def test_cleared_after_sending_and_back_to_this_browser_when_turned_off(session, fixture_url):
    page = shared_on(session, fixture_url, MOCK_SHARE)
    page.click("#fav-webshare")
    page.wait_for_function("() => window.__shared.length === 1 && !!document.getElementById('fav-undo')")
    assert page.evaluate("window.__shared[0].url").count(".") >= 3     # the link was sent before clearing
    assert page.locator("#fav-empty").is_visible()
    page.click("#fav-undo")
    ready(page)
    page.uncheck("#fav-shared-computer")
    assert [i["id"] for i in json.loads(storage(page, "localStorage")[0])["items"]] == [KUNTOSALI, CONCERT]
    assert storage(page, "sessionStorage") == [None, None]
    assert "Lista säilytetään taas" in page.locator("#fav-notice").inner_text()


def test_favourites_page_with_notes_and_shared_mode_has_no_axe_violations(browser, fixture_url):
    context = browser.new_context(bypass_csp=True, locale="fi-FI")
    page = context.new_page()
    save_list(page, f"{fixture_url}/suosikit/", [(KUNTOSALI, "x"), (CONCERT, "y")])
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    page.check("#fav-shared-computer")
    page.get_by_label("Muistiinpano koko listalle").fill("Tapaaminen to")
    page.check("#fav-share-notes")
    violations = run_axe(page)
    context.close()
    assert violations == [], describe(violations)
