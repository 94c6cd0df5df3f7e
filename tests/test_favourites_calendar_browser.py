"""Events from the favourites into a calendar (.ics), in real headless Chromium, read back with the
icalendar library: local times in Europe/Helsinki right on both sides of the daylight-saving change
(2027-03-28), one event or all events of the list, texts escaped.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.browser_support import serve
from tests.site_support import FIXTURE_CONTENT, built_site
from tests.test_favourites_browser import CONCERT, KUNTOSALI, ready, save_list, session  # noqa: F401

pytestmark = pytest.mark.browser

HELSINKI = ZoneInfo("Europe/Helsinki")
BEFORE, AFTER, ACROSS = "local-dst-ennen", "local-dst-jalkeen", "local-dst-yon-yli"


def event_record(record_id: str, title: str, start: str, end: str) -> str:
    return f"""---
id: {record_id}
source: local
kind: event
title:
  fi: "{title}"
locations:
  - name:
      fi: Keravan kirjasto
    street_address:
      fi: Paasikivenkatu 12
    postal_code: '04200'
    municipality_code: '245'
themes: [kulttuuri]
event:
  start: '{start}'
  end: '{end}'
---

::: fi
Tapahtuma kesäaikaan siirtymisen ympärillä.
:::
"""


@pytest.fixture(scope="module")
def dst_url(tmp_path_factory):
    content = tmp_path_factory.mktemp("dst-content") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    local = content / "records" / "local"
    (local / f"{BEFORE}.md").write_text(event_record(BEFORE, "Satutunti, lauantai", "2027-03-27T18:00", "2027-03-27T19:00"))
    (local / f"{AFTER}.md").write_text(event_record(AFTER, "Satutunti; sunnuntai, kesäaika", "2027-03-28T18:00", "2027-03-28T19:00"))
    (local / f"{ACROSS}.md").write_text(event_record(ACROSS, "Yölukupiiri", "2027-03-28T01:30", "2027-03-28T05:00"))
    site = built_site(content, tmp_path_factory.mktemp("dst-site"))
    with serve(site) as url:
        yield url


def read_ics(download, tmp_path):
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    raw = path.read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))     # CRLF, folded
    return icalendar.Calendar.from_ical(raw)


def local(component, key):
    return component.decoded(key).astimezone(HELSINKI).replace(tzinfo=None)


def test_all_events_of_the_list_keep_their_local_times_across_the_dst_change(session, dst_url, tmp_path):
    page = session.page()
    save_list(page, f"{dst_url}/suosikit/", [(BEFORE, "a"), (KUNTOSALI, "b"), (AFTER, "c"), (ACROSS, "d"), (CONCERT, "e")])
    page.goto(f"{dst_url}/suosikit/")
    ready(page)
    assert page.locator("#fav-ics").is_visible()
    assert page.locator("button[data-calendar-id]").count() == 4               # the service has none
    with page.expect_download() as info:
        page.click("#fav-ics")
    assert info.value.suggested_filename == "tapahtumat-2026-11-23.ics"
    events = {str(e["uid"]).split("@")[0]: e for e in read_ics(info.value, tmp_path).walk("VEVENT")}
    assert sorted(events) == sorted([BEFORE, AFTER, ACROSS, CONCERT])
    assert (local(events[BEFORE], "dtstart"), local(events[BEFORE], "dtend")) == \
        (datetime(2027, 3, 27, 18, 0), datetime(2027, 3, 27, 19, 0))
    assert (local(events[AFTER], "dtstart"), local(events[AFTER], "dtend")) == \
        (datetime(2027, 3, 28, 18, 0), datetime(2027, 3, 28, 19, 0))
    # the same wall-clock time is an hour earlier in UTC after the change: the offset was applied
    assert events[BEFORE].decoded("dtstart").hour == 16 and events[AFTER].decoded("dtstart").hour == 15
    # a night across the change: 01:30 EET to 05:00 EEST is 2.5 hours, not 3.5
    assert local(events[ACROSS], "dtstart") == datetime(2027, 3, 28, 1, 30)
    assert (events[ACROSS].decoded("dtend") - events[ACROSS].decoded("dtstart")).total_seconds() == 2.5 * 3600
    assert local(events[CONCERT], "dtstart") == datetime(2026, 12, 13, 18, 0)
    assert str(events[AFTER]["summary"]) == "Satutunti; sunnuntai, kesäaika"               # escaped and read back
    assert str(events[AFTER]["location"]) == "Keravan kirjasto, Paasikivenkatu 12, 04200 Kerava"
    assert str(events[AFTER]["url"]).endswith(f"/palvelu/{AFTER}/")


def test_one_event_in_the_clients_language(session, dst_url, tmp_path):
    page = session.page()
    save_list(page, f"{dst_url}/suosikit/", [(CONCERT, "e"), (BEFORE, "a")])
    page.goto(f"{dst_url}/suosikit/")
    ready(page)
    page.select_option("#fav-slip-lang", "sv")
    page.wait_for_function("() => document.getElementById('fav-link').value.includes('/sv/')")
    with page.expect_download() as info:
        page.click(f"button[data-calendar-id='{CONCERT}']")
    assert info.value.suggested_filename == f"{CONCERT}.ics"
    (event,) = read_ics(info.value, tmp_path).walk("VEVENT")
    assert str(event["summary"]) == "Julkonsert i Kervo kyrka"
    assert local(event, "dtstart") == datetime(2026, 12, 13, 18, 0) and local(event, "dtend") == datetime(2026, 12, 13, 19, 30)
