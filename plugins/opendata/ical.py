"""An iCalendar feed (RFC 5545) of the upcoming events, one per UI language.

Times are written in the area's time zone (TZID=Europe/Helsinki) with its VTIMEZONE, so a
calendar shows 18:00 as 18:00 on both sides of the daylight-saving change.
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from .hsds import publishable


def upcoming_events(site) -> list:
    events = [r for r in publishable(site.current()) if r.kind == "event" and r.event]
    return sorted(events, key=lambda r: (r.event.start, r.id))


def feed(site, lang: str, siteurl: str) -> bytes:
    """The feed's bytes; DTSTAMP is the record's last change (or the build day), so that an
    unchanged event gives byte-identical output from build to build."""
    tz = ZoneInfo(site.config.site.timezone)
    view = site.view(lang)
    host = urlsplit(site.config.site.url).hostname or "tarjotin"
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Tarjotin//Open data//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", view.name(site.config.site.name))
    cal.add("x-wr-timezone", site.config.site.timezone)
    build_day = datetime.combine(site.clock.today, datetime.min.time(), timezone.utc)
    for record in upcoming_events(site):
        event = icalendar.Event()
        event.add("uid", f"{record.id}@{host}")
        stamp = record.modified or record.imported_at
        event.add("dtstamp", stamp.astimezone(timezone.utc) if stamp else build_day)
        event.add("dtstart", record.event.start.astimezone(tz))
        if record.event.end:
            event.add("dtend", record.event.end.astimezone(tz))
        event.add("summary", view.text(record.title).text)
        if record.summary and view.text(record.summary).text:
            event.add("description", view.text(record.summary).text)
        if record.locations:
            loc = record.locations[0]
            parts = [view.text(loc.name).text if loc.name else "",
                     view.text(loc.street_address).text if loc.street_address else "",
                     " ".join(p for p in (loc.postal_code or "", view.text(loc.post_office).text if loc.post_office else "") if p)]
            event.add("location", ", ".join(p for p in parts if p))
        event.add("url", f"{siteurl}/{site.urls.record(lang, record.id)}")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
