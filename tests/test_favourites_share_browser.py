"""Sending the list to the client's phone, in real headless Chromium: the Web Share API (mocked),
"Send by e-mail" (mailto:) and "Send as a text message" (sms:), and the link's length
(bench/share_link.py makes the same link as the page; its figure for 10 items is in the docs).
"""

from __future__ import annotations

import importlib.util
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.site_support import ROOT
from tests.test_favourites_browser import ready, save_list, session  # noqa: F401 - session is a fixture
from tests.test_favourites_slip_browser import FIVE, entries

pytestmark = pytest.mark.browser

MOCK_SHARE = """
  window.__shared = [];
  Object.defineProperty(Navigator.prototype, 'share', {configurable: true, value: function (data) {
    window.__shared.push(JSON.parse(JSON.stringify(data))); return Promise.resolve(); }});
  Object.defineProperty(Navigator.prototype, 'canShare', {configurable: true, value: function () { return true; }});
"""
NO_SHARE = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"


def bench():
    spec = importlib.util.spec_from_file_location("bench_share_link", ROOT / "bench" / "share_link.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def open_five(session, fixture_url, script):
    page = session.page()
    page.add_init_script(script)
    save_list(page, f"{fixture_url}/suosikit/", [(i, "x") for i in FIVE])
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    return page


def test_web_share_is_called_with_the_list_in_the_clients_language(session, fixture_url):
    page = open_five(session, fixture_url, MOCK_SHARE)
    page.select_option("#fav-slip-lang", "sv")
    page.wait_for_function("() => document.getElementById('fav-link').value.includes('/sv/favoriter/')")
    button = page.locator("#fav-webshare")
    assert button.is_visible() and button.inner_text() == "Lähetä puhelimeen…"
    button.click()
    page.wait_for_function("() => window.__shared.length === 1")
    assert page.evaluate("window.__shared") == [{
        "title": "Hyvinvointitarjotin: utvalda tjänster", "text": "Tjänster vi valde tillsammans:",
        "url": page.locator("#fav-link").input_value()}]


def test_without_web_share_e_mail_and_text_message_still_work(session, fixture_url, fixture_site):
    page = open_five(session, fixture_url, NO_SHARE)
    assert page.locator("#fav-webshare").is_hidden()
    link = page.locator("#fav-link").input_value()
    mail = urlsplit(page.locator("#fav-email").get_attribute("href"))
    assert mail.scheme == "mailto"
    query = parse_qs(mail.query)
    body = query["body"][0]
    assert query["subject"] == ["Hyvinvointitarjotin: valitut palvelut"]
    assert f"\n\n{link}\n" in body                                    # the link on a line of its own
    fi = entries(fixture_site, "fi")
    for n, record in enumerate(FIVE, 1):
        assert f"{n}. {fi[record]['title']}" in body
    sms = page.locator("#fav-sms").get_attribute("href")
    assert sms.startswith("sms:?&body=")
    text = unquote(sms[len("sms:?&body="):])
    assert text == f"Yhdessä valitut palvelut: {link}"


def test_the_bench_makes_the_pages_link_and_ten_items_stay_short(session, fixture_url):
    share = bench().share_link
    page = open_five(session, fixture_url, NO_SHARE)
    assert page.locator("#fav-link").input_value() == share(f"{fixture_url}/suosikit/", FIVE)
    page.get_by_label("Muistiinpano koko listalle").fill("Tapaaminen to 17.12.")
    page.locator(f"textarea[data-note-id='{FIVE[1]}']").fill("Soita ma 9–11, kysy ryhmänohjaajaa.")
    page.check("#fav-share-notes")
    page.wait_for_function("() => document.getElementById('fav-link').value.includes('~')")
    assert page.locator("#fav-link").input_value() == share(
        f"{fixture_url}/suosikit/", FIVE, "Tapaaminen to 17.12.", ["", "Soita ma 9–11, kysy ryhmänohjaajaa."])
    ten = share("https://tarjotin.example.fi/suosikit/", [f"local-item-{i}" for i in range(10)])
    assert len(ten) == len("https://tarjotin.example.fi/suosikit/#list1") + 10 * 9
