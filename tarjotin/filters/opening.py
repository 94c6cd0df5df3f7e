"""The "open now" / "open today" filter's data: every record's structured hours, numbered.

The rule is tarjotin/opening_hours.py's; the browser applies it with
theme/static/js/opening-hours.js (the "hours" matcher) from two pieces:

* per language, facets.json `data.auki`: each document's schedule number (base 36), empty for a
  record without structured hours (FilterSpec.data, `schedule_entry`);
* one language-independent file, `search/hours.<hash>.json` (`hours_file`), fetched only when
  the filter is used:

    {"v": 1, "tz": "Europe/Helsinki", "first": 20409, "last": 20816,
     "holidays": [20428, 20446, ...],         // days on which weekly hours are not trusted
     "schedules": [[place, ...], ...]}         // distinct schedules: a record's places

Days are numbered from 1970-01-01 (day 0, a Thursday), times are minutes from the local midnight,
weekdays are a bit mask (bit 0 Monday … bit 6 Sunday). A place is
`{"w": [[mask, start, end], ...], "x": [[first, last, mask, start, end] | [first, last, mask], ...]}`
plus `"a": 1` when it is open round the clock every day: weekly ranges, and exceptions (three
entries: closed; mask 0: every day of the period). An end after 1440 runs past midnight.
Schedules are numbered by first use in record-id order, so every language's facets and the one
file agree; records with the same hours share a schedule.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Sequence

from tarjotin.opening_hours import Holidays, Place, places_of

FORMAT_VERSION = 1
EPOCH = date(1970, 1, 1)
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def b36(number: int) -> str:
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = _B36[rest] + out
        if not number:
            return out


def day_number(day: date) -> int:
    return (day - EPOCH).days


def encode_place(place: Place) -> dict[str, Any]:
    out: dict[str, Any] = {"w": [list(item) for item in place.weekly]}
    if place.exceptions:
        out["x"] = [[day_number(ex.start), day_number(ex.end), ex.mask, *(ex.hours or ())] for ex in place.exceptions]
    if place.round_the_clock:
        out["a"] = 1
    return out


class ScheduleTable:
    """The distinct schedules of a set of records and each record's number among them."""

    def __init__(self, records: Sequence):
        self.schedules: list[list[dict[str, Any]]] = []
        self.number: dict[str, int] = {}
        seen: dict[str, int] = {}
        for record in sorted(records, key=lambda r: r.id):
            places = places_of(record)
            if not places:
                continue
            schedule = [encode_place(place) for place in places]
            key = repr(schedule)
            if key not in seen:
                seen[key] = len(self.schedules)
                self.schedules.append(schedule)
            self.number[record.id] = seen[key]


_last: tuple[Sequence, ScheduleTable] | None = None


def schedule_table(records: Sequence) -> ScheduleTable:
    """The table of `records`, computed once per records list: FilterSpec.data asks per record,
    with the same `ctx.records` list for a whole build (build_search_files gives every language
    the same list)."""
    global _last
    if _last is None or _last[0] is not records:
        _last = (records, ScheduleTable(records))
    return _last[1]


def schedule_entry(record, ctx) -> str:
    """FilterSpec.data: the record's schedule number in base 36, "" without structured hours."""
    number = schedule_table(ctx.records).number.get(record.id)
    return "" if number is None else b36(number)


def has_hours(records: Sequence) -> bool:
    return bool(schedule_table(records).number)


def hours_file(records: Sequence, *, today: date, timezone: str) -> dict[str, Any]:
    """The hours file's JSON object for the same records the facets were built from."""
    holidays = Holidays.around(today)
    return {
        "v": FORMAT_VERSION,
        "tz": timezone,
        "first": day_number(holidays.first),
        "last": day_number(holidays.last),
        "holidays": sorted(day_number(day) for day in holidays.days),
        "schedules": ScheduleTable(records).schedules,
    }
