"""The search's opening-hours file: every record's structured hours, for "open now" / "open today".

One language-independent file (`search/hours.<hash>.json`), fetched only when one of those
filters is used; theme/static/js/opening-hours.js answers the filters from it in the site's time
zone with the rule of tarjotin/opening_hours.py (docs/search.md, "Open now and open today"):

    {"v": 1, "tz": "Europe/Helsinki", "first": 20418, "last": 20825,
     "holidays": [20428, 20446, ...],            // days on which weekly hours are not trusted
     "schedules": [[place, ...], ...],           // distinct schedules: a record's places
     "docs": {"fi": "0,,1,0,...", "sv": ...}}    // per language and document: a schedule (base 36)

Days are numbered from 1970-01-01 (day 0, a Thursday), times are minutes from the local midnight,
weekdays are a bit mask (bit 0 Monday … bit 6 Sunday). A place is
`{"w": [[mask, start, end], ...], "x": [[first, last, mask, start, end] | [first, last, mask], ...]}`
plus `"a": 1` when it is open round the clock every day: weekly ranges, and exceptions (three
entries: closed; mask 0: every day of the period). An end after 1440 runs past midnight.
Documents without structured hours have an empty entry. Schedules are shared: most records of
a provider have the same hours, so the file stays small.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from tarjotin.opening_hours import Holidays, Place, places_of

from .encode import b36

FORMAT_VERSION = 1
EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    return (day - EPOCH).days


def encode_place(place: Place) -> dict[str, Any]:
    out: dict[str, Any] = {"w": [list(item) for item in place.weekly]}
    if place.exceptions:
        out["x"] = [[day_number(ex.start), day_number(ex.end), ex.mask, *(ex.hours or ())] for ex in place.exceptions]
    if place.round_the_clock:
        out["a"] = 1
    return out


def build_hours_file(records: Iterable, orders: dict[str, list[str]], *, today: date, timezone: str) -> dict[str, Any]:
    """The file's JSON object. `orders`: per language, the record ids in document order."""
    holidays = Holidays.around(today)
    schedule_of: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        places = places_of(record)
        if places:
            schedule_of[record.id] = [encode_place(place) for place in places]
    # number the distinct schedules in order of first use in the first language: deterministic
    numbers: dict[str, int] = {}
    schedules: list[list[dict[str, Any]]] = []

    def number(schedule: list[dict[str, Any]]) -> int:
        key = repr(schedule)
        if key not in numbers:
            numbers[key] = len(schedules)
            schedules.append(schedule)
        return numbers[key]

    docs = {}
    for lang, ids in orders.items():
        docs[lang] = ",".join(b36(number(schedule_of[rid])) if rid in schedule_of else "" for rid in ids)
    return {
        "v": FORMAT_VERSION,
        "tz": timezone,
        "first": day_number(holidays.first),
        "last": day_number(holidays.last),
        "holidays": sorted(day_number(day) for day in holidays.days),
        "schedules": schedules,
        "docs": docs,
    }
