"""The professional's notes on the favourites page, in real headless Chromium.

A note per item and one for the whole list: kept in this browser only (localStorage, as pairs, never
as object keys), printed on the slip and in the PDF, never rendered as HTML, and left out of the
share link unless "Include the notes in the link" is ticked.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from tests.test_favourites_browser import CONCERT, KUNTOSALI, flat, pdf_text, ready, save_list, session  # noqa: F401

pytestmark = pytest.mark.browser

NOTES_KEY = "tarjotin.favourites.notes"
HOSTILE_NOTE = 'Soita maanantaina 9–11 <img src=x onerror="window.__pwned=1">\nkysy ryhmänohjaajaa'


def notes_stored(page):
    return page.evaluate(f"JSON.parse(localStorage.getItem({json.dumps(NOTES_KEY)}))")


def open_two(session, fixture_url):
    page = session.page()
    save_list(page, f"{fixture_url}/suosikit/", [(KUNTOSALI, "x"), (CONCERT, "y")])
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    return page


def test_notes_are_kept_printed_and_never_html(session, fixture_url, tmp_path):
    page = open_two(session, fixture_url)
    page.get_by_label("Muistiinpano asiakkaalle: Tikkurilan senioreiden kuntosali").fill(HOSTILE_NOTE)
    page.get_by_label("Muistiinpano koko listalle").fill("Seuraava käynti 15.12.")
    page.wait_for_function("() => document.getElementById('fav-slip').textContent.includes('ryhmänohjaajaa')")
    assert notes_stored(page) == {"version": 1, "list": "Seuraava käynti 15.12.", "items": [[KUNTOSALI, HOSTILE_NOTE]]}
    page.reload()
    ready(page)
    assert page.locator(f"textarea[data-note-id='{KUNTOSALI}']").input_value() == HOSTILE_NOTE
    assert page.locator("#fav-list-note").input_value() == "Seuraava käynti 15.12."
    # printed on the slip, as text
    page.emulate_media(media="print")
    slip = page.locator("#fav-slip")
    assert "Huomioi: Soita maanantaina 9–11 <img" in flat(slip.inner_text())
    assert "Muistiinpanot: Seuraava käynti 15.12." in flat(slip.inner_text())
    assert page.locator("#fav-slip img").count() == 1                      # the QR code only
    page.emulate_media(media="screen")
    # and in the PDF
    with page.expect_download() as info:
        page.click("#fav-pdf")
    info.value.save_as(tmp_path / "notes.pdf")
    text = flat(pdf_text(tmp_path / "notes.pdf"))
    assert "Seuraava käynti 15.12." in text and "Soita maanantaina 9–11" in text and "ryhmänohjaajaa" in text
    assert page.evaluate("window.__pwned") is None


def test_notes_stay_out_of_the_link_unless_asked(session, fixture_url):
    page = open_two(session, fixture_url)
    page.get_by_label("Muistiinpano asiakkaalle: Joulukonsertti Keravan kirkossa").fill("Ovet aukeavat 17.30")
    page.get_by_label("Muistiinpano koko listalle").fill("Tapaaminen to")
    page.wait_for_timeout(400)
    plain = page.locator("#fav-link").input_value()
    assert re.fullmatch(r".*/suosikit/#list1\.[0-9A-Za-z]{8}\.[0-9A-Za-z]{8}", plain), plain
    assert "Ovet" not in page.locator("#fav-email").get_attribute("href")
    page.check("#fav-share-notes")
    with_notes = page.locator("#fav-link").input_value()
    assert with_notes.startswith(plain + "~") and re.fullmatch(r"[A-Za-z0-9_-]+", with_notes.split("~", 1)[1])
    # the recipient sees the notes as text with the list
    recipient = session.page(session.context())
    recipient.goto(with_notes)
    ready(recipient)
    assert "Tapaaminen to" in recipient.locator("#fav-shared-note").inner_text()
    assert "Ovet aukeavat 17.30" in recipient.locator("#fav-list").inner_text()
    assert recipient.evaluate(f"localStorage.getItem({json.dumps(NOTES_KEY)})") is None   # not saved anywhere
    # a damaged notes part is no notes, not an error
    recipient.goto(f"{fixture_url}/suosikit/")
    recipient.goto(f"{fixture_url}/suosikit/#" + urlsplit(plain).fragment + "~%3Cimg%3E")
    ready(recipient)
    assert recipient.locator("#fav-shared-note").is_hidden() and len(recipient.locator("#fav-list .fav-item").all()) == 2


@pytest.mark.parametrize("value", ['{"version":1,"list":{"x":1},"items":[["__proto__","x"],["constructor","y"],'
                                   '[123,"z"],"bad",["local-tikkurila-kuntosali",{"toString":1}]]}', "{broken", "[1,2]"])
def test_foreign_or_hostile_stored_notes_never_break_the_page(session, fixture_url, value):
    page = session.page()
    save_list(page, f"{fixture_url}/suosikit/", [(KUNTOSALI, "x")])
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [NOTES_KEY, value])
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    assert page.locator(f"textarea[data-note-id='{KUNTOSALI}']").input_value() == ""
    assert page.locator("#fav-list-note").input_value() == ""
    assert page.evaluate("({}).x === undefined && typeof ({}).constructor === 'function'")
