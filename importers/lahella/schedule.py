"""Lähellä.fi schedules (`traits.channels[].events[]`) → opening hours or event dates. Pure functions.

An event entry, as the admin API stores it (interpretation of the undocumented codes in
docs/importers.md):

    {"start": 1736899200000,            epoch milliseconds (an ISO string is accepted too)
     "end": 1736910000000,              optional, epoch milliseconds
     "timeZone": "Europe/Helsinki",     the zone the times are meant in
     "type": "4",                       "1" single, "2" specific days, "3" date range, "4" weekly
     "recurrence": {"period": "P1W",    P1D, P1W, P2W … P4W, P1M
                    "end": 1747267200000,            last day of the series
                    "daySpecificTimes": [{"weekday": 2, "startTime": "18:00", "endTime": "19:30"}],
                    "exclude": [1737504000000]}}     days without a meeting

* **Recurring** (`daySpecificTimes` with type 2 or 4, or a period): weekly times
  (weekday 1 = Monday … 7 = Sunday) between the start day and `recurrence.end`. They become
  opening hours; excluded days become closures (consecutive excluded meetings form one period);
  every other week / once a month and the validity period become a note.
* **Dated** (type 1 or 3, or no weekly times): one occurrence from `start` to `end`
  (type 3: to `recurrence.end`). A start at local midnight with `daySpecificTimes` means "that
  day at startTime–endTime" (the admin UI stores dates as local midnight).

Every wall-clock time is combined with its date *in the entry's time zone* (zoneinfo), so an
event at 10:00 on the day daylight saving starts (2027-03-28 in Finland) is 10:00+03:00, not
the 09:00 that "midnight + 10 hours" would give.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tarjotin.model import WEEKDAYS

RECURRING_TYPES = {"2", "4"}
DATED_TYPES = {"1", "3"}
PERIOD_WEEKS = {"P1W": 1, "P2W": 2, "P3W": 3, "P4W": 4}
PERIOD_NOTES = {
    "P2W": {"fi": "Joka toinen viikko.", "sv": "Varannan vecka.", "en": "Every other week."},
    "P3W": {"fi": "Joka kolmas viikko.", "sv": "Var tredje vecka.", "en": "Every third week."},
    "P4W": {"fi": "Joka neljäs viikko.", "sv": "Var fjärde vecka.", "en": "Every fourth week."},
    "P1M": {"fi": "Kerran kuukaudessa.", "sv": "En gång i månaden.", "en": "Once a month."},
}
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_TIME_RE = re.compile(r"^([01]?\d|2[0-3])(?:[:.]([0-5]\d)(?::[0-5]\d)?)?$|^24(?:[:.]00(?::00)?)?$")
_DAY_NAMES = {name: index for index, names in enumerate(
    (("mon", "monday"), ("tue", "tuesday"), ("wed", "wednesday"), ("thu", "thursday"), ("fri", "friday"),
     ("sat", "saturday"), ("sun", "sunday"))) for name in names}
#: Names the "every n weeks" setting may have (the admin UI's field is known, its API key is not).
GAP_KEYS = ("gap", "recurrenceGap", "recurrence_gap", "interval")
_EARLIEST, _LATEST = datetime(2000, 1, 1, tzinfo=timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Occurrence:
    """One dated happening, in local time."""

    start: datetime
    end: datetime | None
    timed: bool = True
    """False when only the day is known (start at local midnight, no times)."""

    @property
    def last_day(self) -> date:
        return (self.end or self.start).date()


@dataclass
class Weekly:
    """A recurring schedule: (weekday 0 = Monday, opens, closes) spans between two days."""

    spans: list[tuple[int, str, str]]
    first: date | None = None
    last: date | None = None
    period: str = "P1W"
    excluded: list[date] = field(default_factory=list)

    def meets_on(self, day: date) -> bool:
        if (self.first and day < self.first) or (self.last and day > self.last):
            return False
        if day.weekday() not in {span[0] for span in self.spans}:
            return False
        weeks = PERIOD_WEEKS.get(self.period, 1)
        if weeks > 1 and self.first:
            start_monday = self.first - timedelta(days=self.first.weekday())
            return ((day - start_monday).days // 7) % weeks == 0
        return True


@dataclass
class Schedule:
    """Everything one channel's events say."""

    weekly: list[Weekly] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def extend(self, other: Schedule) -> None:
        self.weekly += other.weekly
        self.occurrences += other.occurrences
        self.warnings += other.warnings


# --- readers ------------------------------------------------------------------------------------

def zone(name: Any, default: str) -> tuple[ZoneInfo, str | None]:
    """The entry's time zone, or the default with a problem description."""
    if isinstance(name, str) and name.strip():
        try:
            return ZoneInfo(name.strip()), None
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(default), f"unknown time zone {name!r}; read as {default}"
    return ZoneInfo(default), None


def parse_instant(value: Any, tz: ZoneInfo) -> datetime | None:
    """Epoch milliseconds (or seconds), or an ISO date/time → an aware datetime in `tz`."""
    if value is None or isinstance(value, bool):
        return None
    moment: datetime | None = None
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value.strip())):
        number = float(value)
        if abs(number) < 1e11:  # seconds, not milliseconds
            number *= 1000
        try:
            moment = datetime.fromtimestamp(number / 1000, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str) and value.strip():
        text = value.strip().replace("Z", "+00:00")
        try:
            if len(text) == 10:
                day = date.fromisoformat(text)
                moment = datetime(day.year, day.month, day.day, tzinfo=tz)
            else:
                moment = datetime.fromisoformat(text)
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=tz)
        except ValueError:
            return None
    if moment is None or not (_EARLIEST <= moment <= _LATEST):
        return None
    return moment.astimezone(tz)


def parse_time(value: Any) -> str | None:
    """"18:00", "8.30", "18:00:00", "11" (a whole hour), "24:00" → "HH:MM"; None when unreadable."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _TIME_RE.match(text)
    if not match:
        return None
    if text.startswith("24"):
        return "24:00"
    return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"


def at(day: date, hhmm: str, tz: ZoneInfo) -> datetime:
    """The wall-clock time `hhmm` on `day` in `tz` (24:00 = the next midnight)."""
    if hhmm == "24:00":
        nxt = day + timedelta(days=1)
        return datetime(nxt.year, nxt.month, nxt.day, tzinfo=tz)
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=tz)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _day_times(recurrence: dict[str, Any], warnings: list[tuple[str, str]]) -> list[tuple[int, str, str | None]]:
    """daySpecificTimes → [(weekday 0–6, start, end or None)]."""
    result = []
    for item in _as_list(recurrence.get("daySpecificTimes")):
        if not isinstance(item, dict):
            continue
        raw_day = item.get("weekday")
        try:
            weekday = int(raw_day)
        except (TypeError, ValueError):
            weekday = _DAY_NAMES.get(str(raw_day).strip().lower(), -2) + 1 if isinstance(raw_day, str) else -1
        if isinstance(raw_day, bool) or not 1 <= weekday <= 7:
            warnings.append(("bad_schedule", f"weekday {raw_day!r} is not 1 (Monday) … 7 (Sunday); left out"))
            continue
        start, end = parse_time(item.get("startTime")), parse_time(item.get("endTime"))
        if start is None or start == "24:00":
            warnings.append(("bad_schedule", f"start time {item.get('startTime')!r} on weekday {weekday} is unreadable; left out"))
            continue
        if item.get("endTime") not in (None, "") and end is None:
            warnings.append(("bad_schedule", f"end time {item.get('endTime')!r} on weekday {weekday} is unreadable"))
        result.append((weekday - 1, start, end))
    return result


def read_event(event: Any, default_tz: str) -> Schedule:
    """One `events[]` entry → a Schedule with one Weekly or one Occurrence (or only warnings)."""
    schedule = Schedule()
    warnings = schedule.warnings
    if not isinstance(event, dict):
        return schedule
    tz, problem = zone(event.get("timeZone"), default_tz)
    if problem:
        warnings.append(("bad_time_zone", problem))
    start = parse_instant(event.get("start"), tz)
    if start is None:
        warnings.append(("bad_schedule", f"a schedule entry has no readable start ({event.get('start')!r}); left out"))
        return schedule
    recurrence = event.get("recurrence") if isinstance(event.get("recurrence"), dict) else {}
    kind = str(event.get("type") or "").strip()
    period = str(recurrence.get("period") or "").strip().upper() or None
    gap = next((str(recurrence[key]).strip().upper() for key in GAP_KEYS if recurrence.get(key)), None)
    if gap in PERIOD_WEEKS and period in (None, "P1W"):
        period = gap  # "every second week" given apart from the period
    times = _day_times(recurrence, warnings)
    series_end = parse_instant(recurrence.get("end"), tz)
    recurring = bool(times) and (kind in RECURRING_TYPES or (kind not in DATED_TYPES and period is not None))
    if kind and kind not in RECURRING_TYPES | DATED_TYPES:
        warnings.append(("unknown_code", f"schedule type {kind!r} is unknown; read as "
                                          f"{'weekly' if recurring else 'dated'}"))
    if recurring:
        spans = []
        for weekday, opens, closes in times:
            if closes is None or closes == opens:
                warnings.append(("bad_schedule", f"{WEEKDAYS[weekday]} {opens} has no end time; left out"))
                continue
            spans.append((weekday, opens, closes))
        if period == "P1D" and not spans:
            warnings.append(("bad_schedule", "a daily schedule without times; left out"))
        if period and period not in PERIOD_WEEKS and period not in PERIOD_NOTES and period != "P1D":
            warnings.append(("unknown_code", f"recurrence period {period!r} is unknown; read as weekly"))
            period = "P1W"
        excluded = sorted({moment.date() for value in _as_list(recurrence.get("exclude"))
                           if (moment := parse_instant(value, tz)) is not None})
        if spans:
            schedule.weekly.append(Weekly(spans=spans, first=start.date(), period=period or "P1W",
                                          last=series_end.date() if series_end else None, excluded=excluded))
        return schedule

    # A dated happening.
    def entry_for(day: date) -> tuple[int, str, str | None] | None:
        same = [t for t in times if t[0] == day.weekday()]
        return same[0] if same else (times[0] if times else None)

    timed = True
    entry = entry_for(start.date())
    if start.timetz().replace(tzinfo=None) == time(0) and entry is not None:
        start = at(start.date(), entry[1], tz)
    elif start.timetz().replace(tzinfo=None) == time(0):
        timed = False
    end = parse_instant(event.get("end"), tz)
    if end is None and kind == "3":
        end = series_end
    if end is not None and end.timetz().replace(tzinfo=None) == time(0) and timed:
        end_entry = entry_for(end.date())
        if end_entry is not None and end_entry[2]:
            end = at(end.date(), end_entry[2], tz)
    if end is None and entry is not None and entry[2] and timed:
        end = at(start.date(), entry[2], tz)
        if end <= start:
            end += timedelta(days=1)  # over midnight
    if end is not None and end < start:
        warnings.append(("bad_schedule", f"end {end.isoformat()} is before start {start.isoformat()}; end left out"))
        end = None
    if end is not None and end == start:
        end = None
    schedule.occurrences.append(Occurrence(start=start, end=end, timed=timed))
    return schedule


def read_events(events: Any, default_tz: str) -> Schedule:
    schedule = Schedule()
    for event in events if isinstance(events, list) else []:
        schedule.extend(read_event(event, default_tz))
    return schedule


# --- writers --------------------------------------------------------------------------------------

def format_day(day: date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def format_clock(value: datetime, lang: str) -> str:
    return value.strftime("%H:%M") if lang == "en" else f"{value.hour}.{value.minute:02d}"


def _validity(weekly: Weekly, today: date) -> dict[str, str]:
    first = weekly.first if weekly.first and weekly.first > today else None
    last = weekly.last
    if first and last:
        return {lang: f"{prefix} {format_day(first, lang)}–{format_day(last, lang)}."
                for lang, prefix in (("fi", "Voimassa"), ("sv", "Gäller"), ("en", "Runs"))}
    if first:
        return {lang: f"{prefix} {format_day(first, lang)}."
                for lang, prefix in (("fi", "Alkaa"), ("sv", "Börjar"), ("en", "Starts on"))}
    if last:
        return {"fi": f"Voimassa {format_day(last, 'fi')} asti.", "sv": f"Gäller till {format_day(last, 'sv')}.",
                "en": f"Runs until {format_day(last, 'en')}."}
    return {}


def _join_notes(notes: list[dict[str, str]]) -> dict[str, str]:
    joined: dict[str, list[str]] = defaultdict(list)
    for note in notes:
        for lang, text in note.items():
            if text not in joined[lang]:
                joined[lang].append(text)
    return {lang: " ".join(parts) for lang, parts in joined.items() if parts}


def weekly_ranges(spans: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """Spans with the same times grouped: [{days, opens, closes}], ordered by the first weekday."""
    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    for day, opens, closes in spans:
        groups[(opens, closes)].add(day)
    ranges = sorted(groups.items(), key=lambda item: (min(item[1]), item[0]))
    return [{"days": [WEEKDAYS[d] for d in sorted(days)], "opens": opens, "closes": closes}
            for (opens, closes), days in ranges]


def closures(weekly: Weekly, today: date) -> list[dict[str, Any]]:
    """Excluded meeting days as closed periods; consecutive excluded meetings form one period."""
    if not weekly.excluded:
        return []
    excluded = set(weekly.excluded)
    first, last = min(excluded), max(excluded)
    meetings = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    meetings = [d for d in meetings if weekly.meets_on(d) or d in excluded]
    periods: list[list[date]] = []
    previous_excluded = False
    for day in meetings:
        if day in excluded:
            if previous_excluded:
                periods[-1].append(day)
            else:
                periods.append([day])
        previous_excluded = day in excluded
    result = []
    for period in periods:
        if period[-1] < today:
            continue
        item: dict[str, Any] = {"start": period[0].isoformat()}
        if period[-1] != period[0]:
            item["end"] = period[-1].isoformat()
        item["closed"] = True
        result.append(item)
    return result


def dated_hours(occurrences: list[Occurrence], today: date) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Upcoming dated occurrences as opening-hour exceptions (day + times), or a note when the
    end time is unknown."""
    exceptions: list[dict[str, Any]] = []
    notes: list[dict[str, str]] = []
    for item in sorted(occurrences, key=lambda o: o.start):
        if item.last_day < today:
            continue
        if item.timed and item.end is not None:
            entry: dict[str, Any] = {"start": item.start.date().isoformat()}
            if item.end - item.start >= timedelta(hours=24):
                entry["end"] = item.end.date().isoformat()  # several days, the same hours each day
            closes = item.end.strftime("%H:%M")
            entry.update(opens=item.start.strftime("%H:%M"), closes="24:00" if closes == "00:00" else closes)
            if entry["opens"] == entry["closes"]:
                continue
            exceptions.append(entry)
        else:
            day = item.start.date()
            notes.append({
                "fi": f"Lisäksi {format_day(day, 'fi')}" + (f" klo {format_clock(item.start, 'fi')}." if item.timed else "."),
                "sv": f"Dessutom {format_day(day, 'sv')}" + (f" kl. {format_clock(item.start, 'sv')}." if item.timed else "."),
                "en": f"Also on {format_day(day, 'en')}" + (f" at {format_clock(item.start, 'en')}." if item.timed else "."),
            })
    return exceptions, _join_notes(notes)


def opening_hours(schedule: Schedule, today: date, *, dated_as_exceptions: bool = True) -> dict[str, Any] | None:
    """Opening hours for the weekly schedules still running (and upcoming dated occurrences)."""
    active = [w for w in schedule.weekly if w.last is None or w.last >= today]
    spans = sorted({span for w in active for span in w.spans})
    notes: list[dict[str, str]] = []
    exceptions: list[dict[str, Any]] = []
    for weekly in active:
        if weekly.period in PERIOD_NOTES:
            notes.append(PERIOD_NOTES[weekly.period])
        notes.append(_validity(weekly, today))
        exceptions += closures(weekly, today)
    if dated_as_exceptions:
        extra, note = dated_hours(schedule.occurrences, today)
        exceptions += extra
        if note:
            notes.append(note)
    hours: dict[str, Any] = {}
    if spans:
        hours["weekly"] = weekly_ranges(spans)
    if exceptions:
        unique = {repr(sorted(e.items())): e for e in exceptions}
        hours["exceptions"] = sorted(unique.values(), key=lambda e: (e["start"], e.get("opens", "")))
    note = _join_notes([n for n in notes if n])
    if note:
        hours["note"] = note
    return hours or None


def is_running(schedule: Schedule, today: date) -> bool:
    """A weekly schedule that has not ended, or a dated occurrence not yet over."""
    return any(w.last is None or w.last >= today for w in schedule.weekly) or any(
        o.last_day >= today for o in schedule.occurrences)


def event_time(occurrences: list[Occurrence], today: date) -> dict[str, str] | None:
    """`event` of a dated record: from the next occurrence not yet over to the end of the last."""
    upcoming = sorted((o for o in occurrences if o.last_day >= today), key=lambda o: o.start)
    if not upcoming:
        return None
    first, last = upcoming[0], max(upcoming, key=lambda o: (o.end or o.start))
    event = {"start": first.start.isoformat()}
    end = last.end or (last.start if last is not first else None)
    if end is not None and end > first.start:
        event["end"] = end.isoformat()
    return event


__all__ = ["Occurrence", "Weekly", "Schedule", "read_event", "read_events", "opening_hours", "event_time",
           "is_running", "parse_instant", "parse_time", "at", "zone", "closures", "dated_hours"]
