""""Open now" and "open today" on the search page in real Chromium with the browser's clock
pinned (Playwright's clock): counts, URL state, the hours file fetched only on use, the result
changing when a closing time passes while the page stays open (and when the page is shown
again), a public holiday, a device in another time zone, Swedish on a phone, axe."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tarjotin.recordfile import dump_record
from tests.browser_support import describe, run_axe, serve, url_params as params, wait_for_results as wait
from tests.search_support import record
from tests.site_support import FIXTURE_CONTENT, built_site

pytestmark = pytest.mark.browser

HELSINKI = ZoneInfo("Europe/Helsinki")
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}


def _place(name, weekly):
    return [{"name": {"fi": name}, "opening_hours": {"weekly": weekly}}]


RECORDS = [
    record("local-virasto", title={"fi": "Asiointipiste", "sv": "Servicepunkt"}, municipalities=["092"],
           locations=_place("Asiointipiste", [{"days": WEEKDAYS, "opens": "08:00", "closes": "16:00"}])),
    record("local-ilta", title={"fi": "Iltakahvila", "sv": "Kvällskafé"}, municipalities=["092"],
           locations=_place("Nuorisotalo", [{"days": ["tue"], "opens": "18:00", "closes": "22:00"}])),
    record("local-linja", title={"fi": "Kriisilinja", "sv": "Krislinjen"}, nationwide=True,
           opening_hours={"open_24h": True}),
    record("local-lauantai", title={"fi": "Lauantaikerho", "sv": "Lördagsklubben"}, municipalities=["245"],
           locations=_place("Kerhotila", [{"days": ["sat"], "opens": "10:00", "closes": "12:00"}])),
    record("local-ei-aikoja", title={"fi": "Ajanvaraus", "sv": "Tidsbokning"}, municipalities=["245"],
           opening_hours={"note": {"fi": "Ajanvarauksella."}}),
]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("opening-site")
    content = root / "content"
    shutil.copytree(FIXTURE_CONTENT / "themes", content / "themes")
    shutil.copytree(FIXTURE_CONTENT / "pages", content / "pages")
    (content / "records" / "local").mkdir(parents=True)
    for r in RECORDS:
        (content / "records" / "local" / f"{r.id}.md").write_text(dump_record(r), encoding="utf-8")
    output = built_site(content, root / "output")      # built on 2026-11-23 (tests/site_support.py)
    with serve(output) as url:
        yield url


def helsinki(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def open_page(browser, url, when: datetime, *, device_zone="America/New_York", locale="fi-FI", **options):
    """A page whose clock starts at `when` and runs only when the test moves it; the device is in
    another time zone than the area, so nothing may depend on it."""
    context = browser.new_context(locale=locale, timezone_id=device_zone, **options)
    page = context.new_page()
    errors, fetched = [], []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: fetched.append(request.url))
    # installed a minute early: the installed clock runs, and pausing at a moment it has already
    # passed (install and pause_at are separate calls) is refused as "fast-forward to the past"
    page.clock.install(time=when - timedelta(minutes=1))
    page.clock.pause_at(when)
    page.goto(url)
    wait(page)
    return context, page, errors, fetched


def titles(page):
    return sorted(page.locator("#search-results .card-title").all_inner_texts())


def count_of(page, value):
    return page.locator(f'#filter-auki input[value="{value}"] + label .value-count').inner_text()


def hours_fetched(fetched):
    return [u for u in fetched if re.search(r"/search/hours\.[0-9a-f]{10}\.json$", u)]


def test_open_now_and_today_counts_url_and_a_closing_time_passing(browser, site_url):
    # Tuesday 24.11. at 15:58 in Helsinki (08:58 in New York, where the device is)
    context, page, errors, fetched = open_page(browser, f"{site_url}/haku/", helsinki("2026-11-24 15:58"))
    group = page.locator("#filter-auki")
    assert group.locator("legend").inner_text() == "Aukioloajat"
    # not used yet: the hours file is not fetched and no count is claimed
    assert hours_fetched(fetched) == [] and count_of(page, "nyt") == "" and count_of(page, "tanaan") == ""
    group.locator("label", has_text="Auki nyt").click()
    wait(page)
    assert params(page) == {"auki": ["nyt"]}
    assert titles(page) == ["Asiointipiste", "Kriisilinja"]
    assert count_of(page, "nyt") == "(2)" and count_of(page, "tanaan") == "(3)"
    assert len(hours_fetched(fetched)) == 1
    assert page.locator("#active-filters .chip", has_text="Auki nyt").count() == 1
    # the page stays open while 16:00 passes: the office drops out without a reload
    page.clock.run_for("03:00")
    page.wait_for_function("() => document.querySelectorAll('#search-results .card-title').length === 1")
    wait(page)
    assert titles(page) == ["Kriisilinja"] and count_of(page, "nyt") == "(1)" and count_of(page, "tanaan") == "(3)"
    assert params(page) == {"auki": ["nyt"]}
    # "open today" from the address: the office (closed now) and the evening café are open today
    page.goto(f"{site_url}/haku/?auki=tanaan")
    wait(page)
    assert page.locator('#filter-auki input[value="tanaan"]').is_checked()
    assert titles(page) == ["Asiointipiste", "Iltakahvila", "Kriisilinja"]
    # back to "all": no filter in the address
    group.locator("label", has_text="Kaikki").click()
    wait(page)
    assert "auki" not in params(page) and len(titles(page)) == len(RECORDS)
    assert errors == []
    context.close()


def test_the_view_is_brought_up_to_date_when_the_page_is_shown_again(browser, site_url):
    context, page, errors, _ = open_page(browser, f"{site_url}/haku/?auki=nyt", helsinki("2026-11-24 17:55"))
    assert titles(page) == ["Kriisilinja"]
    # the phone was in a pocket: its clock moved on without the page's timers running
    page.clock.set_system_time(helsinki("2026-11-24 18:05"))
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_function("() => document.querySelectorAll('#search-results .card-title').length === 2")
    wait(page)
    assert titles(page) == ["Iltakahvila", "Kriisilinja"]
    assert errors == []
    context.close()


def test_a_public_holiday_without_an_exception_is_not_open(browser, site_url):
    # Epiphany (Wednesday 6.1.2027) at noon: the office's weekly hours do not count
    context, page, errors, _ = open_page(browser, f"{site_url}/haku/?auki=nyt", helsinki("2027-01-06 12:00"))
    assert titles(page) == ["Kriisilinja"]
    page.goto(f"{site_url}/haku/?auki=tanaan")
    wait(page)
    assert titles(page) == ["Kriisilinja"]
    assert errors == []
    context.close()


def test_swedish_on_a_phone_past_midnight_in_new_york(browser, site_url):
    # Saturday 28.11. 11:00 in Helsinki is 04:00 in New York, still Saturday; Tokyo is Saturday 18:00
    context, page, errors, _ = open_page(browser, f"{site_url}/sv/sok/", helsinki("2026-11-28 11:00"),
                                         device_zone="Asia/Tokyo", locale="sv-FI", **PHONE)
    page.locator("#filters-toggle").tap()
    page.locator("#filter-auki label", has_text="Öppet nu").tap()
    wait(page)
    assert params(page) == {"auki": ["nyt"]}
    assert count_of(page, "nyt") == "(2)" and count_of(page, "tanaan") == "(2)"
    page.locator("#filters-done").tap()
    assert titles(page) == ["Krislinjen", "Lördagsklubben"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert errors == []
    context.close()


@pytest.mark.parametrize("path", ["haku/?auki=nyt", "sv/sok/?auki=tanaan"])
def test_the_opening_hours_filter_has_no_axe_violations(browser, site_url, path):
    context = browser.new_context(bypass_csp=True, locale="fi-FI", timezone_id="Europe/Helsinki")
    page = context.new_page()
    page.clock.set_fixed_time(helsinki("2026-11-24 12:00"))
    page.goto(f"{site_url}/{path}")
    wait(page)
    violations = run_axe(page)
    assert violations == [], describe(violations)
    context.close()
