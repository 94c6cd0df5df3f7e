"""Favourites in real headless Chromium, under the pages' own Content-Security-Policy.

A professional's session: favourites from search results and a record page, reload, the list in
another language, reorder and remove, print media, the PDF read back with pdftotext, the share link
opened in a fresh browser context and merged, other tabs kept in sync, broken localStorage on every
page type, hostile text that must stay text, and axe-core on the page with items and empty.
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime
from urllib.parse import urlsplit

import pytest

from plugins.favourites.data import list_token
from tests.browser_support import describe, run_axe

pytestmark = pytest.mark.browser

KEY = "tarjotin.favourites"
NOW = datetime(2026, 11, 23, 12, 0)          # the fixture builds' pinned day
KUNTOSALI = "local-tikkurila-kuntosali"
FAMILY = "ptv-6a1f0c2e-3b7d-4c1a-9e55-0d2b8f41a7c3"
HELPLINE = "ptv-0b7e5d11-8c2a-4f6e-a1d3-7e9c2b5a4f10"
CONCERT = "lahella-48213"
TRIP = "lahella-47001"                       # ended before NOW
HOSTILE = "local-vaarallinen-nimi"


# --- harness -------------------------------------------------------------------------------------

class Session:
    """Browser contexts without bypass_csp: the pages run under their own CSP. Errors fail the test."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts = []
        self.errors: list[str] = []
        self.expected: list[str] = []          # parts of console errors a test provokes on purpose

    def context(self, locale="fi-FI", **options):
        context = self.browser.new_context(locale=locale, accept_downloads=True, timezone_id="Europe/Helsinki",
                                           **options)
        self.contexts.append(context)
        return context

    def page(self, context=None, storage: str | None = None):
        context = context or self.context()
        page = context.new_page()
        page.clock.set_fixed_time(NOW)
        if storage is not None:
            page.add_init_script(f"try {{ localStorage.setItem({json.dumps(KEY)}, {json.dumps(storage)}); }} catch (e) {{}}")
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: {exc}"))
        page.on("console", lambda msg: self.errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def session(browser):
    s = Session(browser)
    yield s
    s.close()
    errors = [e for e in s.errors if not any(part in e for part in s.expected)]
    assert errors == [], f"script or console errors: {errors}"


def stored(page):
    return page.evaluate(f"JSON.parse(localStorage.getItem({json.dumps(KEY)}))")


def ready(page):
    page.wait_for_selector("#favourites-page[data-state=ready]")


def titles(page):
    return [t.strip() for t in page.locator("#fav-list .fav-title").all_inner_texts()]


def badge(page):
    return page.evaluate("document.querySelector('.favourites-count').hidden ? '' : "
                         "document.querySelector('.favourites-count [aria-hidden]').textContent")


def wait_results(page):
    page.wait_for_function("() => document.querySelector('#search-results').getAttribute('aria-busy') === 'false'"
                           " && !document.querySelector('#search-results .is-pending')"
                           " && !!document.querySelector('#search-results .favourite-toggle')")


def save_list(page, url, items):
    """Put items in localStorage as the favourites script would."""
    value = {"version": 1, "items": [{"id": i, "added": "2026-11-23T10:00:00.000Z", "title": t, "lang": "fi"}
                                     for i, t in items]}
    page.goto(url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(value)])


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --- the professional's session --------------------------------------------------------------------

def test_print_media_hides_navigation_and_writes_links_out(session, fixture_url):
    page = session.page()
    save_list(page, f"{fixture_url}/suosikit/", [(KUNTOSALI, "x"), (HELPLINE, "y"), (TRIP, "Retki"),
                                                 ("local-poistettu", "Poistettu palvelu")])
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    assert len(titles(page)) == 4 and page.locator("#fav-omitted").is_visible()
    page.wait_for_selector("#fav-qr-img[src^='data:image/gif']", state="attached")
    page.check("#fav-layout-full")         # the referral slip is the default (test_favourites_slip_browser.py)
    page.emulate_media(media="print")
    for selector in (".site-header", ".main-nav", ".lang-switch", "#fav-toolbar", ".fav-actions", "#fav-copy",
                     ".site-footer", "#fav-link"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".print-header").is_visible()
    assert flat(page.locator(".print-header").inner_text()) == "Hyvinvointitarjotin 23.11.2026"
    # ended and removed items are left out; numbering stays 1, 2
    visible = page.locator("#fav-list .fav-item:visible")
    assert visible.count() == 2
    assert page.evaluate("getComputedStyle(document.querySelector('.fav-item'), null).breakInside") == "avoid"
    assert page.locator("#fav-print-link").is_visible() and "#list1." in page.locator("#fav-print-link").inner_text()
    assert page.locator("#fav-qr-img").is_visible()
    # what the browser's own "Save as PDF" makes of it
    pdf = page.pdf(format="A4")
    text = flat(subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, check=True,
                               capture_output=True).stdout.decode())
    assert "Tikkurilan senioreiden kuntosali" in text and "(https://www.vantaa.fi/ilmoittaudu)" in text
    assert "Retki" not in text and "Poistettu palvelu" not in text and "Haku" not in text


def test_pdf_download_is_real_selectable_text(session, fixture_url, tmp_path):
    page = session.page()
    save_list(page, f"{fixture_url}/suosikit/", [(KUNTOSALI, "x"), (HOSTILE, "y"), (FAMILY, "z"), (CONCERT, "w"),
                                                 (TRIP, "Retki")])
    requested = []
    page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    assert not any("jspdf" in p or p.endswith(".ttf") or "favourites-pdf" in p for p in requested)  # not yet
    page.check("#fav-layout-full")
    with page.expect_download() as info:
        page.click("#fav-pdf")
    download = info.value
    assert download.suggested_filename == "suosikit-2026-11-23.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert any("jspdf" in p for p in requested) and sum(p.endswith(".ttf") for p in requested) == 2
    page.wait_for_function("() => document.getElementById('fav-notice').textContent.includes('PDF-tiedosto ladattiin')")
    size = path.stat().st_size
    assert path.read_bytes()[:5] == b"%PDF-" and size < 150_000, size
    text = pdf_text(path)
    body = flat(text)
    link = page.locator("#fav-link").input_value()
    for fragment in (
        "Suosikit", "Hyvinvointitarjotin", "23.11.2026",
        "1. Tikkurilan senioreiden kuntosali", "Vantaan kaupunki, liikuntapalvelut",
        "Läntinen Valkoisenlähteentie 51", "01300 Vantaa", "Raappavuorentie 6", "01600 Vantaa",
        "+358 9 8392 4400", "liikunta@vantaa.fi", "https://www.vantaa.fi/liikunta",
        "ma–pe 8.00–16.00", "la 10.00–14.00", "24.12.2026–26.12.2026: suljettu (Joulu)",
        "Ilmoittautuminen vaaditaan", "suomi, ruotsi, suomalainen viittomakieli", "Ikääntyneet",
        "Общество «Дружба» ry", "Кафе «Берёзка»", "Östra Långgatan 5", "ä ö å",
        "Svenskspråkig familjerådgivning", "ma, ke 9.00–15.00", "Tidsbokning per telefon.",
        "Joulukonsertti", "su 13.12.2026 klo 18.00–19.30",
        "Avaa tämä lista verkossa", link, "Sivu 1/",
    ):
        assert fragment in body, fragment
    assert 'Vaarallinen <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> nimi' in body
    assert "Retki" not in body and "4 suosikkia" in body                        # the ended event is left out
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"DejaVu\s+CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes", fonts)   # embedded, with Unicode map
    info_text = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert "Title:" in info_text and "Suosikit" in info_text and "Pages:" in info_text
    # a PDF reader renders it without complaint (poppler reports syntax errors on stderr)
    render = subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], capture_output=True, text=True)
    assert render.returncode == 0 and render.stderr == "" and len(list(tmp_path.glob("page-*.png"))) >= 2
    assert page.evaluate("window.__pwned") is None


def test_pdf_in_swedish_and_english(session, fixture_url, tmp_path):
    for prefix, word, name, title in (("sv/", "favoriter", "favoriter-2026-11-23.pdf", "Dickursby gym för seniorer"),
                                      ("en/", "favourites", "favourites-2026-11-23.pdf", "Tikkurila seniors' gym")):
        page = session.page()
        save_list(page, f"{fixture_url}/{prefix}{word}/", [(KUNTOSALI, "x")])
        page.goto(f"{fixture_url}/{prefix}{word}/")
        ready(page)
        with page.expect_download() as info:
            page.click("#fav-pdf")
        assert info.value.suggested_filename == name
        info.value.save_as(tmp_path / name)
        text = flat(pdf_text(tmp_path / name))
        assert title in text
        assert ("Västra Vitkällavägen 51" in text and "mån–fre 8.00–16.00" in text) if prefix == "sv/" else \
            ("Mon–Fri 8:00–16:00" in text)


def test_share_link_opens_read_only_in_a_fresh_context_and_merges(session, fixture_url, browser):
    sender = session.page(session.context(permissions=["clipboard-read", "clipboard-write"]))
    save_list(sender, f"{fixture_url}/suosikit/", [(KUNTOSALI, "a"), (FAMILY, "b"), (TRIP, "ended"), (CONCERT, "c"),
                                                   ("local-poistettu", "Poistettu")])
    sender.goto(f"{fixture_url}/suosikit/")
    ready(sender)
    sender.click("#fav-copy")
    sender.wait_for_function("() => document.getElementById('fav-notice').textContent.includes('Linkki kopioitiin')")
    link = sender.evaluate("navigator.clipboard.readText()")
    assert link == sender.locator("#fav-link").input_value()
    fragment = urlsplit(link).fragment
    # safe in mail: only letters, digits and dots after '#', ends with a letter or digit, short
    assert re.fullmatch(r"list1(\.[0-9A-Za-z]{8})+", fragment)
    # the removed record and the ended event are not sent
    assert fragment.split(".")[1:] == [list_token(i) for i in (KUNTOSALI, FAMILY, CONCERT)]
    assert urlsplit(link).path == "/suosikit/" and len(link) < 120
    mail = sender.locator("#fav-email").get_attribute("href")
    assert mail.startswith("mailto:?subject=") and re.search(r"%0A%0A" + re.escape(link.replace("#", "%23").replace(":", "%3A").replace("/", "%2F")), mail)

    # the recipient: another browser, already one favourite of their own
    recipient = session.page(session.context())
    save_list(recipient, f"{fixture_url}/suosikit/", [(CONCERT, "Joulukonsertti Keravan kirkossa")])
    requests = []
    recipient.on("request", lambda r: requests.append(r.url))
    recipient.goto(link)
    ready(recipient)
    assert not any("list1" in r for r in requests)                      # the fragment never reaches the server
    assert recipient.locator("#fav-shared").is_visible()
    assert titles(recipient) == ["Tikkurilan senioreiden kuntosali", "Svenskspråkig familjerådgivning",
                                 "Joulukonsertti Keravan kirkossa"]
    assert recipient.locator("#fav-list button[data-action]").count() == 0      # read-only
    assert "Linkissä olevia palveluita: 3." in recipient.locator("#fav-shared-help").inner_text()
    assert [i["id"] for i in stored(recipient)["items"]] == [CONCERT]         # nothing saved yet
    recipient.click("#fav-merge")
    recipient.wait_for_function("() => document.getElementById('fav-notice').textContent.includes('Suosikkeja on nyt 3')")
    assert [i["id"] for i in stored(recipient)["items"]] == [CONCERT, KUNTOSALI, FAMILY]   # merged, not replaced
    assert badge(recipient) == "3"
    recipient.click("#fav-merge")
    recipient.wait_for_function("() => document.getElementById('fav-notice').textContent.includes('olivat jo')")
    recipient.click("#fav-mine")
    ready(recipient)
    assert not recipient.locator("#fav-shared").is_visible() and len(titles(recipient)) == 3
    assert recipient.locator("#fav-list button[data-action=remove]").count() == 3

    # a damaged link: what can be read is shown, the rest is counted
    broken = link.rsplit(".", 1)[0] + ".<img>%3E.zz"
    recipient.goto(f"{fixture_url}/sv/favoriter/")
    recipient.goto(f"{fixture_url}/sv/favoriter/#" + urlsplit(broken).fragment)
    ready(recipient)
    assert len(titles(recipient)) == 2 and "Objekt som inte kunde visas: 2." in recipient.locator("#fav-shared-help").inner_text()
    assert recipient.locator("main img:not(#fav-qr-img):not(.slip-qr)").count() == 0


def test_python_and_javascript_agree_on_list_tokens(session, fixture_url, fixture_site):
    page = session.page()
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    ids = sorted(json.loads(p.read_text())["records"] for p in (fixture_site / "favourites-files" / "fi").glob("records-*.json"))
    ids = [i for group in ids for i in group] + ["local-" + "a" * 81, "lahella-1", "ptv-00000000-0000-0000-0000-000000000000"]
    assert page.evaluate("ids => ids.map(Tarjotin.favouritesPage.token)", ids) == [list_token(i) for i in ids]


def test_other_tabs_follow_by_the_storage_event(session, fixture_url):
    context = session.context()
    record = session.page(context)
    record.goto(f"{fixture_url}/palvelu/{KUNTOSALI}/")
    listing = session.page(context)
    listing.goto(f"{fixture_url}/suosikit/")
    ready(listing)
    assert listing.locator("#fav-empty").is_visible()
    record.locator("button.favourite-toggle").click()
    listing.wait_for_function("() => document.querySelectorAll('#fav-list .fav-item').length === 1")
    assert badge(listing) == "1" and not listing.locator("#fav-empty").is_visible()
    listing.locator("button[data-action=remove]").click()
    record.wait_for_function("() => document.querySelector('button.favourite-toggle').getAttribute('aria-pressed') === 'false'")
    assert badge(record) == ""


def test_clear_all_asks_first_and_can_be_undone(session, fixture_url):
    page = session.page()
    save_list(page, f"{fixture_url}/en/favourites/", [(KUNTOSALI, "a"), (HELPLINE, "b")])
    page.goto(f"{fixture_url}/en/favourites/")
    ready(page)
    page.click("#fav-clear")
    assert page.locator("#fav-confirm").is_visible() and page.get_attribute("#fav-clear", "aria-expanded") == "true"
    assert page.locator("#fav-confirm-text").inner_text() == "Remove all favourites (2) from this browser?"
    assert page.evaluate("document.activeElement.id") == "fav-confirm-no"
    page.keyboard.press("Enter")                                    # Cancel
    assert not page.locator("#fav-confirm").is_visible() and len(titles(page)) == 2
    page.click("#fav-clear")
    page.click("#fav-confirm-yes")
    assert page.locator("#fav-empty").is_visible() and titles(page) == [] and stored(page)["items"] == []
    assert page.evaluate("document.activeElement.id") == "fav-undo"
    assert "You have no favourites yet" in page.locator("#fav-empty").inner_text()
    page.keyboard.press("Enter")
    assert len(titles(page)) == 2 and badge(page) == "2"


def test_data_that_cannot_be_loaded_shows_saved_names_and_a_retry(session, fixture_url):
    page = session.page()
    save_list(page, f"{fixture_url}/suosikit/", [(KUNTOSALI, "Tikkurilan kuntosali (tallennettu)")])
    page.route("**/favourites-files/fi/records-*.json", lambda route: route.abort())
    page.goto(f"{fixture_url}/suosikit/")
    page.wait_for_selector("#favourites-page[data-state=error]")
    session.expected.append("Failed to load resource: net::ERR_FAILED")   # the refused request
    assert titles(page) == ["Tikkurilan kuntosali (tallennettu)"]
    assert "Tietoja ei voitu ladata" in page.locator("#fav-notice").inner_text()
    page.unroute("**/favourites-files/fi/records-*.json")
    page.click("#fav-notice button")
    ready(page)
    assert titles(page) == ["Tikkurilan senioreiden kuntosali"] and page.locator("#fav-notice").inner_text() == ""


def test_removed_records_and_ended_events_are_shown_not_dropped(session, fixture_url):
    page = session.page()
    save_list(page, f"{fixture_url}/suosikit/", [("local-poistettu-palvelu", "Poistettu <b>palvelu</b>"), (TRIP, "Retki"),
                                                 (KUNTOSALI, "x")])
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    first, second = page.locator("#fav-list .fav-item").nth(0), page.locator("#fav-list .fav-item").nth(1)
    assert first.locator(".fav-title").inner_text() == "Poistettu <b>palvelu</b>"       # the saved name, as text
    assert "Ei enää saatavilla" in first.inner_text() and first.locator("b").count() == 0
    assert "Tapahtuma on päättynyt." in second.inner_text() and "Syysretki Kuusijärvelle" in second.inner_text()
    first.locator("button[data-action=remove]").click()
    assert len(titles(page)) == 2


# --- robustness ----------------------------------------------------------------------------------

CORRUPT = [
    "not json {",
    "null",
    "42",
    '"text"',
    "[]",
    '{"version": 1, "items": "nope"}',
    '{"version": 1, "items": [null, 5, "x", {"id": "<script>alert(1)</script>"}, {"id": {"a": 1}}, '
    '{"id": "local-tikkurila-kuntosali", "title": {"x": 1}, "added": "yesterday", "lang": "<x>"}]}',
    '{"version": 99, "items": [{"id": "ptv-0b7e5d11-8c2a-4f6e-a1d3-7e9c2b5a4f10", "future": true}]}',
    '["local-tikkurila-kuntosali", "local-tikkurila-kuntosali", "lahella-48213"]',
    '{"__proto__": {"polluted": 1}, "items": [{"id": "local-ruokailu", "constructor": 1}]}',
    "x" * 200_000,
]
PAGES = ["", f"palvelu/{KUNTOSALI}/", "teema/liikunta/", "a-o/", "haku/", "suosikit/", "sv/favoriter/", "no-such-page/"]


#: Every page type with the worst values; the favourites pages (the most code) with every value.
EVERY_PAGE = {0, 6, 9, 10}


@pytest.mark.parametrize("value", CORRUPT, ids=range(len(CORRUPT)))
def test_corrupt_storage_never_breaks_a_page(session, fixture_url, value):
    index = CORRUPT.index(value)
    page = session.page(storage=value)          # written again before every navigation
    for path in PAGES if index in EVERY_PAGE else ["suosikit/", "sv/favoriter/", f"palvelu/{KUNTOSALI}/"]:
        page.goto(f"{fixture_url}/{path}" if path != "no-such-page/" else f"{fixture_url}/404.html")
        if path.startswith(("suosikit", "sv/favoriter")):
            ready(page)
            assert page.locator("#fav-empty, #fav-list .fav-item").first.is_visible()
        if path.startswith("palvelu"):
            toggle = page.locator("button.favourite-toggle")
            toggle.click()                                       # still works, and repairs the value
            saved = [i["id"] for i in stored(page)["items"]]
            assert (KUNTOSALI in saved) == (toggle.get_attribute("aria-pressed") == "true")
            assert badge(page) == (str(len(saved)) if saved else "")
    assert session.errors == []


def test_migrated_and_foreign_values_are_read_as_far_as_possible(session, fixture_url):
    page = session.page(storage='["local-tikkurila-kuntosali", "local-tikkurila-kuntosali", "lahella-48213", "evil id"]')
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    assert titles(page) == ["Tikkurilan senioreiden kuntosali", "Joulukonsertti Keravan kirkossa"]
    assert badge(page) == "2"
    page.locator("button[data-action=down]").first.click()
    data = stored(page)
    assert data["version"] == 1 and [i["id"] for i in data["items"]] == [CONCERT, KUNTOSALI]


def test_blocked_storage_keeps_the_list_for_the_visit_and_says_so(session, fixture_url):
    page = session.page()
    page.add_init_script("""
        Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});
    """)
    page.goto(f"{fixture_url}/palvelu/{KUNTOSALI}/")
    page.locator("button.favourite-toggle").click()
    assert page.locator("button.favourite-toggle").get_attribute("aria-pressed") == "true" and badge(page) == "1"
    page.wait_for_function("() => document.getElementById('favourites-announcer').textContent.includes('katoavat')")


# --- hostile text ----------------------------------------------------------------------------------

def test_hostile_record_title_and_link_never_run_script(session, fixture_url, tmp_path):
    page = session.page()
    page.goto(f"{fixture_url}/palvelu/{HOSTILE}/")
    toggle = page.locator("button.favourite-toggle")
    toggle.click()
    assert "Vaarallinen <img src=x" in toggle.evaluate("b => b.textContent")
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    item = page.locator("#fav-list .fav-item").first
    assert item.locator(".fav-title").inner_text().startswith('Vaarallinen <img src=x onerror="window.__pwned=1">')
    assert item.locator("img, script, svg, b, i").count() == 0
    assert "Östra Långgatan 5 <svg" in item.inner_text() and "Общество «Дружба» ry" in item.inner_text()
    web = item.locator("a", has_text="Kotisivu")
    assert web.get_attribute("href") == "https://example.fi/druzhba?a=1&b=<x>"
    assert page.locator("main a[href^='javascript:']").count() == 0
    with page.expect_download() as info:
        page.click("#fav-pdf")
    info.value.save_as(tmp_path / "x.pdf")
    assert page.evaluate("window.__pwned") is None
    # a hostile saved title for a removed record, and a hostile fragment
    save_list(page, f"{fixture_url}/suosikit/", [("local-poistettu", '<img src=x onerror="window.__pwned=6">')])
    page.goto(f"{fixture_url}/suosikit/#list1.<script>window.__pwned=7</script>")
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    assert page.locator("#fav-list img").count() == 0
    assert page.evaluate("window.__pwned") is None


# --- accessibility -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["suosikit/", "sv/favoriter/"])
def test_favourites_page_has_no_axe_violations_with_items_and_empty(page, fixture_url, path):
    page.clock.set_fixed_time(NOW)
    page.goto(f"{fixture_url}/{path}")
    ready(page)
    assert page.locator("#fav-empty").is_visible()
    violations = run_axe(page)
    assert violations == [], describe(violations)
    save_list(page, f"{fixture_url}/{path}", [(KUNTOSALI, "a"), (FAMILY, "b"), (TRIP, "c"), ("local-poistettu", "d"),
                                              (HOSTILE, "e")])
    page.goto(f"{fixture_url}/{path}")
    ready(page)
    page.wait_for_selector("#fav-qr-img[src^='data:']", state="attached")
    page.click("#fav-clear")                                     # the confirmation open as well
    violations = run_axe(page)
    assert violations == [], describe(violations)
    link = page.locator("#fav-link").input_value()
    page.goto(link)                                               # the shared view
    ready(page)
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_toggle_is_announced_and_has_visible_state(page, fixture_url):
    page.goto(f"{fixture_url}/palvelu/{KUNTOSALI}/")
    toggle = page.locator("button.favourite-toggle")
    off = toggle.evaluate("b => getComputedStyle(b).backgroundColor")
    toggle.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert toggle.evaluate("b => getComputedStyle(b).backgroundColor") != off
    page.wait_for_function("() => document.getElementById('favourites-announcer').textContent === "
                           "'”Tikkurilan senioreiden kuntosali” lisättiin suosikkeihin (yhteensä 1).'")
    assert page.locator("#favourites-announcer").get_attribute("role") == "status"
    violations = run_axe(page)
    assert violations == [], describe(violations)


# --- issue 9: object property names and huge values as ids and fragments ----------------------------

PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"]


def test_prototype_names_as_ids_in_storage_and_share_links(session, fixture_url):
    # bare names fail the id pattern; id-shaped ones ("local-constructor") are records this build lacks
    shaped = [f"local-{name.lower().strip('_')}" for name in PROTOTYPE_NAMES]
    items = [{"id": name, "title": name} for name in PROTOTYPE_NAMES] + PROTOTYPE_NAMES \
        + [{"id": i, "title": i} for i in shaped] + [{"id": KUNTOSALI, "__proto__": {"id": "local-x"}, "constructor": 1}]
    page = session.page(storage=json.dumps({"version": 1, "items": items, "__proto__": {"items": []}}))
    page.goto(f"{fixture_url}/suosikit/")
    ready(page)
    assert titles(page) == shaped + ["Tikkurilan senioreiden kuntosali"]
    assert page.locator("#fav-list .is-gone").count() == len(shaped)
    assert badge(page) == str(len(shaped) + 1)
    assert page.evaluate("({}).id === undefined && ({}).items === undefined && Object.prototype.polluted === undefined")
    # the toggle on a record page still reads and writes the list
    page.goto(f"{fixture_url}/palvelu/{KUNTOSALI}/")
    assert page.locator("button.favourite-toggle").get_attribute("aria-pressed") == "true"
    page.locator("button.favourite-toggle").click()
    assert [i["id"] for i in stored(page)["items"]] == shaped
    # a share link of property names and one real token: the real one shown, the rest counted
    fragment = "list1." + ".".join(PROTOTYPE_NAMES + ["toString", "valueOf0", list_token(KUNTOSALI)])
    page.goto(f"{fixture_url}/suosikit/#{fragment}")
    ready(page)
    assert titles(page) == ["Tikkurilan senioreiden kuntosali"]
    assert "Linkissä olevia palveluita: 1." in page.locator("#fav-shared-help").inner_text()
    assert "7" in page.locator("#fav-shared-help").inner_text()         # parts that could not be shown


def test_a_huge_share_fragment_is_read_up_to_a_cap(session, fixture_url):
    """A 600 kB fragment: the page shows what it can read (the QR code of the whole address threw)."""
    page = session.page()
    real = list_token(KUNTOSALI)
    page.goto(f"{fixture_url}/suosikit/#list1.{real}" + ".x" * 300_000)
    ready(page)
    assert titles(page) == ["Tikkurilan senioreiden kuntosali"]
    # the link passed on is the list as read, and its QR code is drawn
    assert page.locator("#fav-link").input_value() == f"{fixture_url}/suosikit/#list1.{real}"
    page.wait_for_function("() => !document.getElementById('fav-qr').hidden")
    assert session.errors == []
    # only the first MAX_SHARE_CHARS characters are looked at (docs/favourites.md: 3,600)
    cap = page.evaluate("Tarjotin.favouritesPage.MAX_SHARE_CHARS")
    assert cap == 3600 and cap >= 9 * page.evaluate("Tarjotin.favourites.MAX_ITEMS")   # the longest list fits
    parse = "h => Tarjotin.favouritesPage.parseShare(h)"
    parsed = page.evaluate(parse, "#list1." + real + ".x" * 300_000)
    assert parsed["tokens"] == [real] and 1 <= parsed["bad"] <= cap // 2 + 1
    # a real token beyond the cap is not read
    assert page.evaluate(parse, "#list1." + "0000000A." * 300_000 + real)["tokens"] == ["0000000A"]
