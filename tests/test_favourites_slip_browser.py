"""The referral slip (favourites-slip.js) in real headless Chromium: the default printout and PDF.

Five services on one A4 page, read back with pdfinfo and pdftotext: every name, the phone numbers
and the link back to the list; large print keeps each service whole; the browser's own print
(Chromium printToPDF) gives the same one page.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests.browser_support import describe, run_axe
from tests.test_favourites_browser import (CONCERT, FAMILY, HELPLINE, HOSTILE, KUNTOSALI, flat, pdf_text, ready,
                                           save_list, session)  # noqa: F401 - session is a fixture

pytestmark = pytest.mark.browser

FIVE = [KUNTOSALI, HOSTILE, FAMILY, CONCERT, HELPLINE]


def entries(site, lang: str) -> dict:
    """The build's favourites entries of a language, by id (what the page shows)."""
    out = {}
    for path in (site / "favourites-files" / lang).glob("records-*.json"):
        out.update(json.loads(path.read_text(encoding="utf-8"))["records"])
    return out


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_text(path, number: int) -> str:
    return flat(subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(path), "-"],
                               check=True, capture_output=True, text=True).stdout)


def open_five(session, fixture_url, prefix="", word="suosikit"):
    page = session.page()
    url = f"{fixture_url}/{prefix}{word}/"
    save_list(page, url, [(i, "x") for i in FIVE])
    page.goto(url)
    ready(page)
    page.wait_for_selector("#fav-slip .slip-qr", state="attached")
    return page


def download_pdf(page, tmp_path, name="slip.pdf"):
    with page.expect_download() as info:
        page.click("#fav-pdf")
    path = tmp_path / name
    info.value.save_as(path)
    return path


def expected(fixture_site, lang="fi"):
    data = entries(fixture_site, lang)
    names = [data[i]["title"] for i in FIVE]
    phones = [p["number"] for i in FIVE for p in data[i].get("phones", [])[:1]]
    assert len(phones) >= 4, phones          # the fixture records have phones: the test checks something
    return names, phones


def test_five_services_make_a_one_page_pdf_with_names_phones_and_link(session, fixture_url, fixture_site, tmp_path):
    page = open_five(session, fixture_url)
    assert page.locator("#fav-layout-slip").is_checked()          # the slip is the default
    path = download_pdf(page, tmp_path)
    assert pages(path) == 1
    text = flat(pdf_text(path))
    names, phones = expected(fixture_site)
    for fragment in names + phones + [page.locator("#fav-link").input_value(), "Palvelut sinulle", "23.11.2026"]:
        assert fragment in text, fragment
    # one line each: the address that matters, opening times or the event's date, price and registration
    for fragment in ("Läntinen Valkoisenlähteentie 51, 01300 Vantaa (ja 1 muu paikka)", "ma–pe 8.00–16.00",
                     "su 13.12.2026 klo 18.00–19.30", "Ilmoittautuminen vaaditaan", "Puhelimitse tai verkossa",
                     "Kaikukortti käy: ota kortti mukaan.", "Soita ensin: +358"):
        assert fragment in text, fragment
    assert "Avaa tämä lista verkossa" in text


def test_large_print_keeps_every_service_whole(session, fixture_url, fixture_site, tmp_path):
    page = open_five(session, fixture_url)
    page.check("#fav-large")
    path = download_pdf(page, tmp_path, "large.pdf")
    count = pages(path)
    assert 1 < count <= 3, count
    names, _ = expected(fixture_site)
    data = entries(fixture_site, "fi")
    texts = [page_text(path, n) for n in range(1, count + 1)]
    for i, name in zip(FIVE, names):
        holding = [t for t in texts if name in t]
        assert len(holding) == 1, name                              # never split over two pages
        for phone in data[i].get("phones", [])[:1]:
            assert phone["number"] in holding[0], (name, phone)   # the item's facts on the same page


def test_browser_print_of_the_slip_is_one_page(session, fixture_url, fixture_site):
    page = open_five(session, fixture_url)
    page.emulate_media(media="print")
    assert page.locator("#fav-slip").is_visible() and not page.locator("#fav-list").is_visible()
    assert not page.locator("#fav-h").is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Pages:           1" in info, info
    text = flat(subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, check=True,
                               capture_output=True).stdout.decode())
    names, phones = expected(fixture_site)
    for fragment in names + phones:
        assert fragment in text, fragment
    # the link may wrap, but only after a dot or a slash: every token stays whole
    assert page.locator("#fav-link").input_value() in re.sub(r"(?<=[./]) ", "", text)
    # "Full details" prints the whole list instead
    page.emulate_media(media="screen")
    page.check("#fav-layout-full")
    page.emulate_media(media="print")
    assert not page.locator("#fav-slip").is_visible() and page.locator("#fav-list").is_visible()


def test_slip_options_have_no_axe_violations_on_a_phone(browser, fixture_url):
    context = browser.new_context(bypass_csp=True, locale="fi-FI", viewport={"width": 360, "height": 740})
    page = context.new_page()
    save_list(page, f"{fixture_url}/suosikit/", [(i, "x") for i in FIVE])
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360      # nothing wider than the phone
    violations = run_axe(page)
    context.close()
    assert violations == [], describe(violations)


def test_slip_pdf_and_link_in_swedish_from_a_finnish_page(session, fixture_url, fixture_site, tmp_path):
    page = open_five(session, fixture_url)
    assert page.locator("#fav-slip-lang option").all_inner_texts() == ["Suomi", "Svenska", "English"]
    page.select_option("#fav-slip-lang", "sv")
    page.wait_for_function("() => document.getElementById('fav-slip').lang === 'sv'"
                           " && document.getElementById('fav-link').value.includes('/sv/favoriter/#list1.')")
    assert page.locator("#fav-h").inner_text() == "Suosikit"                  # the page stays Finnish
    sv = entries(fixture_site, "sv")
    names = [sv[i]["title"] for i in FIVE]
    fell_back = [i for i in FIVE if sv[i].get("titleLang") == "fi"]
    assert "Dickursby gym för seniorer" in names and fell_back             # the fixture has both kinds
    # print: the slip in Swedish, a text missing in Swedish shown in Finnish and said so
    page.emulate_media(media="print")
    slip = flat(page.locator("#fav-slip").inner_text())
    for fragment in names + ["Tjänster för dig", "Västra Vitkällavägen 51", "Visas på finska.", "Kaikukortet gäller"]:
        assert fragment in slip, fragment
    assert page.locator(f"#fav-slip [lang=fi]").count() >= len(fell_back)   # marked for screen readers
    assert "Palvelut sinulle" not in slip
    page.emulate_media(media="screen")
    # the e-mail is in Swedish too
    assert "utvalda%20tj%C3%A4nster" in page.locator("#fav-email").get_attribute("href")
    # the PDF: Swedish texts and file name, the Swedish link
    with page.expect_download() as info:
        page.click("#fav-pdf")
    assert info.value.suggested_filename == "favoriter-2026-11-23.pdf"
    info.value.save_as(tmp_path / "sv.pdf")
    assert pages(tmp_path / "sv.pdf") == 1
    text = flat(pdf_text(tmp_path / "sv.pdf"))
    for fragment in names + ["Tjänster för dig", "Öppna den här listan på webben", "Västra Vitkällavägen 51"]:
        assert fragment in text, fragment
    assert "/sv/favoriter/#list1." in re.sub(r"(?<=[./]) ", "", text)
    # the Swedish link opens the list in Swedish
    recipient = session.page(session.context(locale="sv-SE"))
    recipient.goto(page.locator("#fav-link").input_value())
    ready(recipient)
    assert recipient.locator("#fav-h").inner_text() == "Favoriter"
    assert "Dickursby gym för seniorer" in recipient.locator("#fav-list").inner_text()


def test_a_language_that_cannot_be_loaded_says_so_and_keeps_the_pages(session, fixture_url):
    page = open_five(session, fixture_url)
    page.route("**/favourites-files/sv/**", lambda route: route.abort())
    page.select_option("#fav-slip-lang", "sv")
    page.wait_for_function("() => document.getElementById('fav-notice').textContent.includes('Tämän kielen tekstejä')")
    # the refused requests are logged as errors, some of them only after the notice shows
    session.expected.append("Failed to load resource: net::ERR_FAILED")
    assert page.locator("#fav-slip-lang").input_value() == "fi"
    assert page.locator("#fav-slip").get_attribute("lang") == "fi" and "/suosikit/#list1." in page.locator("#fav-link").input_value()
