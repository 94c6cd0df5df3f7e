"""The search page's map and "near me" in real headless Chromium, under the pages' own CSP:
tiles from a local tile server the test starts (its host is the only one the policy adds),
markers for the current results, the list and the map in sync, keyboard use, sorting by a
mocked browser position and by a typed postal code or street, a hostile title, a phone, axe."""

from __future__ import annotations

import http.server
import re
import shutil
import struct
import threading
import zlib
from contextlib import contextmanager

import pytest

from tarjotin.recordfile import dump_record
from tests.browser_support import describe, run_axe, serve, wait_for_results as wait
from tests.search_support import record
from tests.site_support import FIXTURE_CONTENT, TEST_CONFIG, built_site, relocated_config_text

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
HOSTILE = '<img src=x onerror="window.__pwned=1">Uimahalli <b>'


def _png() -> bytes:
    """A 4×4 light blue PNG: what the tile server answers for any z/x/y."""
    raw = b"".join(b"\x00" + b"\xcc\xdd\xee" * 4 for _ in range(4))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@contextmanager
def tile_server():
    """127.0.0.1:<port>/<z>/<x>/<y>.png → a PNG; yields (base URL, list of requested paths)."""
    tile, seen = _png(), []

    class Tiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            seen.append(self.path)
            if not re.fullmatch(r"/\d+/\d+/\d+\.png", self.path):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def _place(lat, lon, street, postal, municipality="092"):
    return {"latitude": lat, "longitude": lon, "street_address": {"fi": street}, "postal_code": postal,
            "post_office": {"fi": "VANTAA", "sv": "VANDA"} if municipality == "092" else {"fi": "KERAVA"},
            "municipality_code": municipality}


RECORDS = [
    record("local-tikkurila", title={"fi": "Tikkurilan uimahalli", "sv": "Dickursby simhall"},
           municipalities=["092"], locations=[_place(60.2925, 25.0440, "Tikkurilantie 3", "01300")]),
    record("local-myyrmaki", title={"fi": "Myyrmäen uimahalli", "sv": "Myrbacka simhall"},
           municipalities=["092"], locations=[_place(60.2620, 24.8540, "Myyrmäenraitti 2", "01600")]),
    record("local-kerava", title={"fi": "Keravan uimahalli", "sv": "Kervo simhall"},
           municipalities=["245"], locations=[_place(60.4030, 25.1050, "Kurkelankatu 1", "04200", "245")]),
    record("local-hakunila", title={"fi": "Hakunilan kirjasto", "sv": "Håkansböle bibliotek"},
           municipalities=["092"], locations=[_place(60.2780, 25.1130, "Hakunilantie 48", "01200")]),
    record("local-hostile", title={"fi": HOSTILE}, municipalities=["092"],
           locations=[_place(60.2930, 25.0450, "Tikkurilantie 5", "01300")]),
    record("local-phone", title={"fi": "Uimaneuvonta puhelimessa", "sv": "Simrådgivning per telefon"},
           nationwide=True, contacts={"phones": [{"number": "09 123 4567"}]}),
]


@pytest.fixture(scope="module")
def map_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("map-site")
    content = root / "content"
    shutil.copytree(FIXTURE_CONTENT / "themes", content / "themes")
    shutil.copytree(FIXTURE_CONTENT / "pages", content / "pages")
    (content / "records" / "local").mkdir(parents=True)
    for r in RECORDS:
        (content / "records" / "local" / f"{r.id}.md").write_text(dump_record(r), encoding="utf-8")
    with tile_server() as (tiles, seen):
        config = root / "tray.toml"
        config.write_text(relocated_config_text(TEST_CONFIG) + f'\n[map]\ntile_url = "{tiles}/{{z}}/{{x}}/{{y}}.png"\n'
                          'attribution = "© <b>Karttapalvelu</b> & kumppanit"\nmax_zoom = 17\n', encoding="utf-8")
        output = built_site(content, root / "output", config=config)
        with serve(output) as url:
            yield {"url": url, "tiles": tiles, "seen": seen}


def open_page(browser, url, *, locale="fi-FI", phone=False, bypass_csp=False, geolocation=None):
    options = dict(locale=locale, bypass_csp=bypass_csp, **(PHONE if phone else {}))
    if geolocation:
        options.update(geolocation=geolocation, permissions=["geolocation"])
    context = browser.new_context(**options)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(url)
    wait(page)
    return context, page, errors


def titles(page):
    return page.locator("#search-results .card-title").all_inner_texts()


def show_map(page):
    page.locator("#map-toggle").click()
    page.wait_for_selector("#search-map .map-marker, #search-map .map-cluster")
    page.wait_for_function("() => document.querySelectorAll('#search-map img.leaflet-tile-loaded').length > 0")


def markers(page):
    """Titles of the single markers and the counts of the clusters on the map."""
    return (sorted(page.locator("#search-map .map-marker").evaluate_all("els => els.map(e => e.title)")),
            sorted(int(t) for t in page.locator("#search-map .map-cluster").all_inner_texts()))


def test_nothing_of_the_map_loads_before_it_is_asked_for(browser, map_site):
    requests = []
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{map_site['url']}/haku/?q=uimahalli")
    wait(page)
    assert not [u for u in requests if "leaflet" in u or "search-map" in u or "points" in u or "places" in u]
    assert not [u for u in requests if u.startswith(map_site["tiles"])]
    assert page.locator("#search-map").is_hidden() and page.locator("#search-results li").count() == 4
    context.close()


def test_map_shows_the_filtered_results_under_the_csp_with_attribution(browser, map_site):
    context, page, errors = open_page(browser, f"{map_site['url']}/haku/?q=uimahalli")   # the page's own CSP
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert f"img-src 'self' data: {map_site['tiles']};" in csp and csp.count(map_site["tiles"]) == 1
    show_map(page)
    assert page.locator("#map-toggle").get_attribute("aria-expanded") == "true"
    assert any(re.fullmatch(r"/\d+/\d+/\d+\.png", p) for p in map_site["seen"])
    # four results with a place (the phone line has none): every one is on the map, singly or in a cluster
    singles, clusters = markers(page)
    assert len(singles) + sum(clusters) == 4
    # the attribution is shown as the configuration's plain text
    assert page.locator(".leaflet-control-attribution").inner_text().strip() == "© <b>Karttapalvelu</b> & kumppanit"
    # a filter narrows the map with the list
    page.locator("#filters-toggle").click() if page.locator("#filters-toggle").is_visible() else None
    page.locator('#filter-kunta label', has_text="Kerava").click()
    wait(page)
    page.wait_for_function("() => document.querySelectorAll('#search-map .map-marker').length === 1"
                           " && !document.querySelector('#search-map .map-cluster')")
    assert markers(page) == (["Keravan uimahalli"], [])
    assert titles(page) == ["Keravan uimahalli"]
    # the list is still there and the map goes away again
    page.locator("#map-toggle").click()
    assert page.locator("#search-map").is_hidden() and titles(page) == ["Keravan uimahalli"]
    assert errors == []
    context.close()


def test_list_and_map_in_sync_and_by_keyboard(browser, map_site):
    context, page, errors = open_page(browser, f"{map_site['url']}/haku/?q=uimahalli")
    show_map(page)
    # a card's "Show on map": the map zooms to the marker, which gets the focus and is marked
    card = page.locator("#search-results li", has_text="Myyrmäen uimahalli")
    card.locator(".show-on-map").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.classList.contains('map-marker')")
    focused = page.evaluate("() => ({title: document.activeElement.title, role: document.activeElement.getAttribute('role'),"
                            " tab: document.activeElement.tabIndex,"
                            " selected: document.activeElement.classList.contains('is-selected')})")
    assert focused == {"title": "Myyrmäen uimahalli", "role": "button", "tab": 0, "selected": True}
    assert "is-selected" in card.get_attribute("class")
    # the focused marker is visibly outlined
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    # Enter on a marker selects its card and moves the focus to the card's link
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('#search-results')")
    assert page.evaluate("() => document.activeElement.textContent") == "Myyrmäen uimahalli"
    # clusters are buttons with a name, reachable by Tab; Enter zooms in until the markers separate
    page.goto(f"{map_site['url']}/haku/?q=uimahalli")
    wait(page)
    show_map(page)
    page.evaluate("() => { const m = document.querySelector('#search-map-canvas'); m.focus(); }")
    page.keyboard.press("Minus")
    page.keyboard.press("Minus")
    page.keyboard.press("Minus")
    page.wait_for_selector("#search-map .map-cluster")
    cluster = page.locator("#search-map .map-cluster").first
    assert re.fullmatch(r"\d+ tulosta tässä: lähennä", cluster.get_attribute("aria-label"))
    assert cluster.get_attribute("role") == "button" and cluster.get_attribute("tabindex") == "0"
    before = page.locator("#search-map .map-cluster").count()
    cluster.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('#search-map .map-marker').length > 0"
                           f" || document.querySelectorAll('#search-map .map-cluster').length > {before}")
    assert page.evaluate("() => document.activeElement !== document.body")
    assert errors == []
    context.close()


def test_near_me_sorts_by_a_mocked_position_never_stored(browser, map_site):
    # the browser is in Kerava: Kerava's hall first, then Tikkurila, then Myyrmäki
    context, page, errors = open_page(browser, f"{map_site['url']}/haku/?q=uimahalli",
                                      geolocation={"latitude": 60.40, "longitude": 25.10})
    assert titles(page)[:3] != ["Keravan uimahalli", "Tikkurilan uimahalli", HOSTILE.strip()]
    page.locator("#near-me").click()
    page.wait_for_selector(".card-distance")
    wait(page)
    assert titles(page) == ["Keravan uimahalli", HOSTILE.strip(), "Tikkurilan uimahalli", "Myyrmäen uimahalli"]
    distances = page.locator(".card-distance").all_inner_texts()
    assert re.fullmatch(r"\d+ m:n päässä", distances[0].replace("\xa0", " "))
    assert distances[2] == "12 km:n päässä"        # 12.3 km: whole kilometres from 10 km on
    assert page.locator("#near-status").inner_text() == "Lähimmät ensin sijainnistasi laskien."
    # the position is not in the address, storage or cookies
    assert "60.4" not in page.url and "25.1" not in page.url
    stored = page.evaluate("() => JSON.stringify(Object.assign({}, localStorage)) + JSON.stringify(Object.assign({}, sessionStorage)) + document.cookie")
    assert "60.4" not in stored and "25.1" not in stored
    # a new search keeps the order by distance; "by relevance" puts it back
    page.locator("#search-q").fill("uimahalli kerava")
    page.locator("#search-form button[type=submit]").click()
    wait(page)
    page.locator("#near-off").click()
    wait(page)
    assert page.locator(".card-distance").count() == 0 and page.locator("#near-off").is_hidden()
    assert errors == []
    context.close()


def test_geolocation_refused_says_so(browser, map_site):
    context, page, errors = open_page(browser, f"{map_site['url']}/haku/?q=uimahalli")   # no permission given
    page.locator("#near-me").click()
    page.wait_for_function("() => document.querySelector('#near-status').textContent.indexOf('ei ole saatavilla') >= 0")
    assert page.locator(".card-distance").count() == 0
    assert errors == []
    context.close()


@pytest.mark.parametrize("typed, first", [("01600", "Myyrmäen uimahalli"), ("kurkelankatu 12 b", "Keravan uimahalli"),
                                          ("Myyrmäenraitti", "Myyrmäen uimahalli"), ("kerava", "Keravan uimahalli")])
def test_near_a_typed_postal_code_street_or_district_on_a_phone(browser, map_site, typed, first):
    context, page, errors = open_page(browser, f"{map_site['url']}/haku/?q=uimahalli", phone=True)
    page.locator("#near-place").fill(typed)
    page.locator("#near-place").press("Enter")
    page.wait_for_selector(".card-distance")
    wait(page)
    assert titles(page)[0] == first
    assert page.locator(".card-distance").count() == 4          # the phone line has no place: no distance
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert errors == []
    context.close()


def test_an_unknown_place_is_named_and_nothing_is_sorted(browser, map_site):
    context, page, errors = open_page(browser, f"{map_site['url']}/sv/sok/?q=simhall", locale="sv-FI")
    before = titles(page)
    page.locator("#near-place").fill("<b>Atlantis</b>")
    page.locator("#near-form button[type=submit]").click()
    page.wait_for_function("() => document.querySelector('#near-status').textContent.length > 0")
    assert page.locator("#near-status").inner_text() == "”<b>Atlantis</b>” är inte ett postnummer, en stadsdel eller en gata i området."
    assert titles(page) == before and page.locator("#near-status b").count() == 0
    assert errors == []
    context.close()


def test_a_hostile_title_stays_text_on_the_map_and_in_the_popup(browser, map_site):
    context, page, errors = open_page(browser, f"{map_site['url']}/haku/?q=uimahalli")
    show_map(page)
    page.locator("#search-results li", has_text="Uimahalli <b>").locator(".show-on-map").click()
    hostile = page.locator("#search-map .map-marker.is-selected")
    hostile.wait_for()
    assert hostile.get_attribute("title") == HOSTILE.strip()
    # a marker whose card is not on the list (further down than "show more") opens a popup instead
    page.evaluate("() => document.querySelector('#search-results li.is-selected').remove()")
    hostile.focus()
    page.keyboard.press("Enter")
    popup = page.locator("#search-map .leaflet-popup-content a")
    popup.wait_for()
    assert popup.inner_text() == HOSTILE.strip() and popup.get_attribute("href") == "/palvelu/local-hostile/"
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#search-map img[src='x'], #search-results img, #search-map b, #search-results b").count() == 0
    assert errors == []
    context.close()


@pytest.mark.parametrize("phone", [False, True])
def test_axe_with_the_map_shown_and_distances(browser, map_site, phone):
    context, page, errors = open_page(browser, f"{map_site['url']}/haku/?q=uimahalli", bypass_csp=True, phone=phone)
    page.locator("#near-place").fill("01300")
    page.locator("#near-place").press("Enter")
    page.wait_for_selector(".card-distance")
    show_map(page)
    wait(page)
    violations = run_axe(page)
    assert violations == [], describe(violations)
    assert errors == []
    context.close()
