"""When a record is open: Finnish public holidays and the "open now" / "open today" rule.

The browser answers the search filters "open now" and "open today" with
theme/static/js/opening-hours.js from the data tarjotin/filters/opening.py encodes. This module
is the rule's Python reference (tests/test_opening_hours_agreement.py checks that both give the
same answers) and the build's one list of public holidays. The rule (docs/search.md, "Open now
and open today"), for one place's hours on a local date D in the site's time zone:

1. The exceptions that cover D (D within start…end, D's weekday in `days` or `days` empty)
   decide D, and among them the shortest period wins (a closed Christmas inside summer hours).
   If one of the winners is closed, the place is closed on D; otherwise it is open at the
   winners' times.
2. Otherwise, on a public holiday (and on any day outside the holiday list's range), the
   ordinary weekly hours are not trusted: the place counts as neither open now nor open today,
   unless it is open round the clock every day. Never tell a resident a place is open when it may
   be closed.
3. Otherwise the weekly hours of D's weekday apply (`open_24h`: all day).

A time range whose closing time is not after its opening time runs past midnight (22:00–02:00);
24:00 is midnight at the end of the day. A place is open at a moment when a range of the local
date contains it, or a range of the day before runs past midnight into it. A record is open
when its own hours or one of its locations' hours say so; a record without weekly hours,
exceptions or `open_24h` anywhere is neither open now nor open today.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .model import OpeningHours, Record

DAY = 1440   # minutes
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: Days before and after the build day the holiday list covers. The site is rebuilt nightly; a
#: build older than this says nothing is open (beyond the list a holiday cannot be ruled out).
HOLIDAYS_BEFORE = 7
HOLIDAYS_AFTER = 400


def easter_sunday(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _weekday_between(year: int, month: int, first_day: int, weekday: int) -> date:
    """The date with `weekday` (Monday 0) among the seven days from `first_day` of `month`."""
    start = date(year, month, first_day)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def finnish_holidays_of(year: int) -> dict[date, str]:
    """Finland's public holidays of a year, plus Midsummer Eve and Christmas Eve, on which
    nearly every service is closed too: {date: Finnish name}."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "uudenvuodenpäivä",
        date(year, 1, 6): "loppiainen",
        easter - timedelta(days=2): "pitkäperjantai",
        easter: "pääsiäispäivä",
        easter + timedelta(days=1): "2. pääsiäispäivä",
        date(year, 5, 1): "vappu",
        easter + timedelta(days=39): "helatorstai",
        easter + timedelta(days=49): "helluntaipäivä",
        _weekday_between(year, 6, 19, 4): "juhannusaatto",
        _weekday_between(year, 6, 20, 5): "juhannuspäivä",
        _weekday_between(year, 10, 31, 5): "pyhäinpäivä",
        date(year, 12, 6): "itsenäisyyspäivä",
        date(year, 12, 24): "jouluaatto",
        date(year, 12, 25): "joulupäivä",
        date(year, 12, 26): "tapaninpäivä",
    }
    return days


def finnish_holidays(first: date, last: date) -> dict[date, str]:
    """The holidays from `first` to `last` (both included), in date order."""
    found: dict[date, str] = {}
    for year in range(first.year, last.year + 1):
        found.update(finnish_holidays_of(year))
    return {day: name for day, name in sorted(found.items()) if first <= day <= last}


@dataclass(frozen=True)
class Holidays:
    """The days on which ordinary weekly hours are not trusted, and the range the list covers."""

    days: frozenset[date]
    first: date
    last: date

    @classmethod
    def around(cls, today: date) -> Holidays:
        first, last = today - timedelta(days=HOLIDAYS_BEFORE), today + timedelta(days=HOLIDAYS_AFTER)
        return cls(frozenset(finnish_holidays(first, last)), first, last)

    def unsure(self, day: date) -> bool:
        """Weekly hours may not hold on `day`: a holiday, or a day the list does not cover."""
        return day in self.days or not (self.first <= day <= self.last)


# --- one place's hours, normalised to minutes ----------------------------------------------------

def minutes(value: str) -> int:
    hours, mins = value.split(":")
    return int(hours) * 60 + int(mins)


def time_range(opens: str, closes: str) -> tuple[int, int] | None:
    """(start, end) in minutes from the day's midnight; an end not after the start runs past
    midnight (end + 1440). None for a range of no length (e.g. 10:00–10:00 in an exception)."""
    start, end = minutes(opens), minutes(closes)
    if end == start:
        return None
    return (start, end + DAY if end < start else end)


def weekday_mask(days: list[str]) -> int:
    """Bit 0 Monday … bit 6 Sunday; no days → 0 (an exception: every day of its period)."""
    mask = 0
    for day in days:
        mask |= 1 << WEEKDAYS.index(day)
    return mask


@dataclass(frozen=True)
class Period:
    """An exception: other hours (or None: closed) from start to end on the weekdays of mask."""

    start: date
    end: date
    mask: int                              # 0: every day of the period
    hours: tuple[int, int] | None          # None: closed (a range of no length counts as closed)


@dataclass(frozen=True)
class Place:
    """One OpeningHours in minutes: weekly (mask, start, end) ranges and exceptions."""

    weekly: tuple[tuple[int, int, int], ...]
    exceptions: tuple[Period, ...] = field(default=())
    round_the_clock: bool = False


def structured(hours: OpeningHours | None) -> bool:
    """Whether the hours say when (a note alone does not)."""
    return bool(hours and (hours.weekly or hours.exceptions or hours.open_24h))


def _covers_every_day(weekly: list[tuple[int, int, int]]) -> bool:
    for bit in range(7):
        reach = 0
        for mask, start, end in sorted((w for w in weekly if w[0] >> bit & 1), key=lambda w: w[1]):
            if start > reach:
                break
            reach = max(reach, end)
        if reach < DAY:
            return False
    return True


def place_of(hours: OpeningHours) -> Place:
    if hours.open_24h:
        weekly = [(0b1111111, 0, DAY)]
    else:
        weekly = []
        for item in hours.weekly:
            span = time_range(item.opens, item.closes)
            if span:
                weekly.append((weekday_mask(item.days), *span))
    exceptions = []
    for ex in hours.exceptions:
        span = None if ex.closed else time_range(ex.opens, ex.closes)
        exceptions.append(Period(ex.start, ex.end or ex.start, weekday_mask(ex.days), span))
    return Place(tuple(weekly), tuple(exceptions), _covers_every_day(weekly))


def places_of(record: Record) -> list[Place]:
    """The record's own hours and its locations' hours, those that say when."""
    all_hours = [record.opening_hours] + [location.opening_hours for location in record.locations]
    return [place_of(hours) for hours in all_hours if structured(hours)]


# --- the rule -------------------------------------------------------------------------------------

def day_ranges(place: Place, day: date, holidays: Holidays) -> list[tuple[int, int]]:
    """The (start, end) minutes the place is open on `day` (ends past 1440 run into the next
    day); empty when closed or when its weekly hours cannot be trusted that day."""
    bit = 1 << day.weekday()
    covering = [ex for ex in place.exceptions if ex.start <= day <= ex.end and (not ex.mask or ex.mask & bit)]
    if covering:
        shortest = min((ex.end - ex.start).days for ex in covering)
        winners = [ex for ex in covering if (ex.end - ex.start).days == shortest]
        if any(ex.hours is None for ex in winners):
            return []
        return [ex.hours for ex in winners]
    if not place.round_the_clock and holidays.unsure(day):
        return []
    return [(start, end) for mask, start, end in place.weekly if mask & bit]


def local_time(moment: datetime, tz: ZoneInfo) -> tuple[date, int]:
    """The site's local date and minute of the day at an aware moment."""
    local = moment.astimezone(tz)
    return local.date(), local.hour * 60 + local.minute


def place_open_now(place: Place, day: date, minute: int, holidays: Holidays) -> bool:
    if any(start <= minute < end for start, end in day_ranges(place, day, holidays)):
        return True
    return any(start <= minute + DAY < end for start, end in day_ranges(place, day - timedelta(days=1), holidays))


def place_open_today(place: Place, day: date, holidays: Holidays) -> bool:
    if day_ranges(place, day, holidays):
        return True
    return any(end > DAY for _start, end in day_ranges(place, day - timedelta(days=1), holidays))


def open_now(places: list[Place], moment: datetime, tz: ZoneInfo, holidays: Holidays) -> bool:
    day, minute = local_time(moment, tz)
    return any(place_open_now(place, day, minute, holidays) for place in places)


def open_today(places: list[Place], moment: datetime, tz: ZoneInfo, holidays: Holidays) -> bool:
    day, _minute = local_time(moment, tz)
    return any(place_open_today(place, day, holidays) for place in places)
