"""An iCalendar feed (RFC 5545) of the upcoming events, one per UI language.

Times are written in the area's time zone (TZID=Europe/Helsinki) with its VTIMEZONE, so a
calendar shows 18:00 as 18:00 on both sides of the daylight-saving change.

The calendar's own lines and its VTIMEZONE come from icalendar's `Calendar` and `Timezone`; the
events' lines are written here from icalendar's value types (`vText` escapes, `vDDDTypes` writes
a time and its TZID, `vUri`), in the order and with the folding icalendar's `Event.to_ical` uses.
An `Event` object per event and language (its generic content lines, folding one character at
a time) made the three feeds cost 1.7 CPU s at 10,000 records instead of 0.2; the lines that do
not depend on the language are made once for all the feeds. The tests read each feed back with
icalendar and write it out again: the bytes must not change.
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from icalendar import vDDDTypes, vText, vUri

#: Longest line piece in bytes: icalendar folds before the 75th octet (RFC 5545 §3.1).
FOLD_AT = 74


def upcoming_events(records) -> list:
    """The events among `records` (the publishable current ones), in order of start."""
    events = [r for r in records if r.kind == "event" and r.event]
    return sorted(events, key=lambda r: (r.event.start, r.id))


def feeds(site, siteurl: str, events: list) -> dict[str, bytes]:
    """Each UI language's feed bytes. DTSTAMP is the record's last change (or the build day), so
    that an unchanged event gives byte-identical output from build to build."""
    tz = ZoneInfo(site.config.site.timezone)
    host = urlsplit(site.config.site.url).hostname or "tarjotin"
    build_day = datetime.combine(site.clock.today, datetime.min.time(), timezone.utc)
    times, tzids = [], set()
    for record in events:  # DTSTART, DTEND, DTSTAMP and UID: the same in every language
        start = vDDDTypes(record.event.start.astimezone(tz))
        props = [("DTSTART", start)]
        if record.event.end:
            props.append(("DTEND", vDDDTypes(record.event.end.astimezone(tz))))
        stamp = record.modified or record.imported_at
        props += [("DTSTAMP", vDDDTypes(stamp.astimezone(timezone.utc) if stamp else build_day)),
                  ("UID", vText(f"{record.id}@{host}"))]
        tzids.update(p.params["TZID"] for _, p in props if "TZID" in p.params)
        times.append("".join(_line(name, value) for name, value in props))
    zones = _timezones(tzids)
    return {lang: _feed(site, lang, siteurl, events, times, zones) for lang in site.config.languages.ui}


def _feed(site, lang: str, siteurl: str, events: list, times: list[str], zones: list) -> bytes:
    view = site.view(lang)
    text = lambda value: view.text(value).text  # noqa: E731 - "" for None or no text
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Tarjotin//Open data//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", view.name(site.config.site.name))
    cal.add("x-wr-timezone", site.config.site.timezone)
    for zone in zones:
        cal.add_component(zone)
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    parts = [head[:-len(end)].decode()]
    for record, time_lines in zip(events, times, strict=True):
        # Event.canonical_order first (SUMMARY, DTSTART, DTEND, DTSTAMP, UID), then by name.
        lines = ["BEGIN:VEVENT\r\n", _line("SUMMARY", vText(view.text(record.title).text)), time_lines]
        summary = text(record.summary)
        if summary:
            lines.append(_line("DESCRIPTION", vText(summary)))
        if record.locations:
            loc = record.locations[0]
            place = " ".join(p for p in (loc.postal_code or "", text(loc.post_office)) if p)
            lines.append(_line("LOCATION", vText(", ".join(p for p in (text(loc.name), text(loc.street_address), place)
                                                           if p))))
        lines += [_line("URL", vUri(f"{siteurl}/{site.urls.record(lang, record.id)}")), "END:VEVENT\r\n"]
        parts.append("".join(lines))
    return "".join(parts).encode() + end


def _timezones(tzids: set[str]) -> list:
    """The VTIMEZONE of each zone the events use, as `Calendar.add_missing_timezones` makes them."""
    zones = []
    for tzid in sorted(tzids):
        try:
            zones.append(icalendar.Timezone.from_tzid(tzid))
        except ValueError:  # a zone icalendar does not know is left out, as add_missing_timezones does
            continue
    return zones


def _line(name: str, value) -> str:
    """One content line with its CRLF, as icalendar's `Contentline.from_parts(…).to_ical()`."""
    params = value.params.to_ical().decode() if value.params else ""
    return fold(f"{name};{params}:{value.to_ical().decode()}" if params else f"{name}:{value.to_ical().decode()}")


def fold(line: str) -> str:
    """`line` folded as icalendar folds it, with its CRLF: pieces of at most 74 bytes, never cut
    inside a UTF-8 character, nor just after a backslash or caret (an escape stays whole)."""
    data = line.encode()
    if len(data) <= FOLD_AT:
        return line + "\r\n"
    pieces, start = [], 0
    while len(data) - start > FOLD_AT:
        cut = start + FOLD_AT
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: back to the start of its character
            cut -= 1
        if data[cut - 1] in b"\\^":
            cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode() + "\r\n"
