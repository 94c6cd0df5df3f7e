"""PTV service hours → the record model's OpeningHours (as a plain dict). Pure functions.

PTV rows (`serviceHours[]`) have a `serviceHourType`:

* `DaysOfTheWeek` / `OverMidnight`: weekly hours. Rows without `validTo` are the regular hours
  (valid until further notice); when several start on different dates, the one in force on
  `today` wins (a future one takes over at a later nightly run). Rows with `validTo` are
  seasonal hours (e.g. summer): they become exceptions for that period, one per distinct time
  range with its weekdays, plus a closed exception for the weekdays they leave out.
* `Exceptional`: a day or a period with other hours (holidays): an exception, `isClosed` → closed.

`isAlwaysOpen` → open around the clock (`open_24h`, or 00:00–24:00 in an exception);
`isReservation` adds "by appointment" to the note; `additionalInformation` becomes the note.
An opening row whose `dayTo` is a later day runs over midnight (Fri 22:00 → Sat 02:00 becomes
fri 22:00–02:00; longer spans are split per day). Rows that cannot be read are skipped with a
warning, never guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from importers.common.text import LANGS

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}
#: A language code of a PTV text item (the site's configuration says which ones are kept).
_LANG_RE = re.compile(r"[a-z]{2,3}")
HELSINKI = ZoneInfo("Europe/Helsinki")

BY_APPOINTMENT = {"fi": "Ajanvarauksella.", "sv": "Med tidsbokning.", "en": "By appointment."}
CLOSED_UNTIL_FURTHER_NOTICE = {"fi": "Suljettu toistaiseksi.", "sv": "Stängt tills vidare.",
                               "en": "Closed until further notice."}


def parse_time(value: Any) -> str | None:
    """"08:00:00" / "8:00" / "24:00:00" → "08:00"; None when unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    parts = value.strip().split(":")
    try:
        hours, minutes = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        return None
    if hours == 24 and minutes == 0:
        return "24:00"
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        return None
    return f"{hours:02d}:{minutes:02d}"


def parse_day(value: Any) -> date | None:
    """A PTV validFrom/validTo → local date. Aware times, and naive ones in the evening
    (UTC midnight of a Finnish date: 21:00/22:00), are read as UTC and converted to Helsinki."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    if moment.tzinfo is None and moment.hour >= 20:
        moment = moment.replace(tzinfo=timezone.utc)
    if moment.tzinfo is not None:
        moment = moment.astimezone(HELSINKI)
    return moment.date()


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The dict items of a JSON list; anything else (null, a number, a string) is no items."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _texts(items: Any) -> dict[str, str]:
    result: dict[str, str] = {}
    for item in _dicts(items):
        lang, value = item.get("language"), item.get("value")
        if isinstance(lang, str) and _LANG_RE.fullmatch(lang) and isinstance(value, str) and value.strip():
            result[lang] = (result[lang] + " " + value.strip()) if lang in result else value.strip()
    return result


def _in_languages(texts: dict[str, str], langs: set[str]) -> dict[str, str]:
    return {lang: text for lang, text in texts.items() if lang in langs}


def _merge_notes(*notes: dict[str, str]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for note in notes:
        for lang, text in note.items():
            if text and text not in merged.get(lang, ""):
                merged[lang] = f"{merged[lang]} {text}" if lang in merged else text
    return merged


def _period(row: dict[str, Any], start: date, end: date | None) -> dict[str, Any]:
    """The dates and note of a seasonal or exceptional hours row, as an exception's base."""
    base: dict[str, Any] = {"start": start, "end": end}
    note = _texts(row.get("additionalInformation"))
    if note:
        base["note"] = note
    return base


def _whole_period(row: dict[str, Any], base: dict[str, Any]) -> dict[str, Any] | None:
    """The exception for a row that is closed or open round the clock for its whole period."""
    if _is(row, "isClosed"):
        return {**base, "closed": True}
    if _is(row, "isAlwaysOpen"):
        return {**base, "opens": "00:00", "closes": "24:00"}
    return None


def _day(value: Any) -> int | None:
    if not isinstance(value, str):
        return None
    return _DAY_NAMES.get(value.strip().lower())


def opening_spans(rows: Any, warnings: list[str]) -> list[tuple[int, str, str]]:
    """PTV `openingHour[]` → [(weekday index, opens, closes)], over-midnight spans split."""
    spans: list[tuple[int, str, str]] = []
    for row in _dicts(rows):
        start_day = _day(row.get("dayFrom"))
        end_day = _day(row.get("dayTo")) if row.get("dayTo") else None
        opens, closes = parse_time(row.get("from")), parse_time(row.get("to"))
        if start_day is None or opens is None or closes is None or opens == "24:00":
            warnings.append(f"unreadable opening hour {row.get('dayFrom')} {row.get('from')}–{row.get('to')}")
            continue
        span = 0 if end_day is None else (end_day - start_day) % 7
        if span == 0:
            if closes == "00:00" or opens == closes:
                if opens == closes and opens != "00:00":
                    warnings.append(f"opening hour {row.get('dayFrom')} {opens}–{closes} has no length")
                    continue
                closes = "24:00"
            spans.append((start_day, opens, closes))
        elif span == 1 and (closes < opens or closes == "00:00"):
            spans.append((start_day, opens, "24:00" if closes == "00:00" else closes))
        else:
            spans.append((start_day, opens, "24:00"))
            for offset in range(1, span):
                spans.append(((start_day + offset) % 7, "00:00", "24:00"))
            if closes != "00:00":
                spans.append(((start_day + span) % 7, "00:00", closes))
    return spans


def weekly_ranges(spans: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """Group spans with the same times: [{days, opens, closes}] in a stable order."""
    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    for day, opens, closes in spans:
        groups[(opens, closes)].add(day)
    ranges = [
        {"days": [WEEKDAYS[d] for d in sorted(days)], "opens": opens, "closes": closes, "_first": min(days)}
        for (opens, closes), days in groups.items()
    ]
    ranges.sort(key=lambda r: (r["_first"], r["opens"], r["closes"]))
    for item in ranges:
        del item["_first"]
    return ranges


def _is(row: dict[str, Any], key: str) -> bool:
    return row.get(key) is True


def convert_hours(rows: Any, today: date, langs: Iterable[str] = LANGS) -> tuple[dict[str, Any] | None, list[str]]:
    """PTV `serviceHours[]` → (OpeningHours dict or None, warnings); notes keep the content
    languages `langs` (the site's `languages.content`)."""
    warnings: list[str] = []
    if not isinstance(rows, list) or not rows:
        return None, warnings
    regular: dict[date, list[dict[str, Any]]] = defaultdict(list)
    seasonal: list[dict[str, Any]] = []
    special: list[dict[str, Any]] = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        kind = str(row.get("serviceHourType") or "").strip().lower()
        if kind == "exceptional":
            special.append(row)
        elif kind in ("daysoftheweek", "overmidnight", "standard", ""):
            valid_to = parse_day(row.get("validTo"))
            if valid_to is None:
                regular[parse_day(row.get("validFrom")) or date.min].append(row)
            elif valid_to >= today:
                seasonal.append(row)
        else:
            warnings.append(f"unknown service hour type {row.get('serviceHourType')!r}")

    result: dict[str, Any] = {"weekly": [], "exceptions": [], "open_24h": False}
    notes: list[dict[str, str]] = []
    if regular:
        started = [start for start in regular if start <= today]
        current = regular[max(started)] if started else regular[min(regular)]
        spans: list[tuple[int, str, str]] = []
        for row in current:
            if _is(row, "isAlwaysOpen"):
                result["open_24h"] = True
            elif _is(row, "isClosed") and not row.get("openingHour"):
                notes.append(CLOSED_UNTIL_FURTHER_NOTICE)
            else:
                spans.extend(opening_spans(row.get("openingHour"), warnings))
            if _is(row, "isReservation"):
                notes.append(BY_APPOINTMENT)
            notes.append(_texts(row.get("additionalInformation")))
        if not result["open_24h"]:
            result["weekly"] = weekly_ranges(spans)

    exceptions: list[dict[str, Any]] = []
    for row in seasonal:
        start = parse_day(row.get("validFrom")) or today
        end = parse_day(row.get("validTo"))
        if end is not None and end < start:
            warnings.append(f"hours valid from {start} to {end}: the period ends before it starts; left out")
            continue
        base = _period(row, start, end if end and end != start else None)
        whole = _whole_period(row, base)
        if whole:
            exceptions.append(whole)
            continue
        ranges = weekly_ranges(opening_spans(row.get("openingHour"), warnings))
        if not ranges:
            warnings.append(f"seasonal hours {start}–{end} without opening times")
            continue
        open_days = set()
        for item in ranges:
            exceptions.append({**base, "days": item["days"], "opens": item["opens"], "closes": item["closes"]})
            open_days.update(item["days"])
        closed_days = [d for d in WEEKDAYS if d not in open_days]
        if closed_days:
            exceptions.append({**base, "days": closed_days, "closed": True})

    for row in special:
        start = parse_day(row.get("validFrom"))
        end = parse_day(row.get("validTo"))
        if start is None:
            warnings.append("exceptional hours without a date")
            continue
        if end is not None and end < start:
            warnings.append(f"exceptional hours from {start} to {end}: the period ends before it starts; "
                            "read as one day")
            end = None
        if (end or start) < today:
            continue
        base = _period(row, start, end if end and end > start else None)
        whole = _whole_period(row, base)
        if whole:
            exceptions.append(whole)
            continue
        times = []
        for hour in _dicts(row.get("openingHour")):
            opens, closes = parse_time(hour.get("from")), parse_time(hour.get("to"))
            if opens and closes and opens != "24:00":
                if closes == "00:00" or closes == opens:
                    closes = "24:00"
                times.append((opens, closes))
        if not times:
            warnings.append(f"exceptional hours on {start} have neither times nor 'closed'")
            continue
        for opens, closes in sorted(set(times)):
            exceptions.append({**base, "opens": opens, "closes": closes})

    for item in exceptions:
        if item.get("end") is None:
            item.pop("end", None)
    exceptions.sort(key=lambda e: (e["start"], e.get("end") or e["start"], [WEEKDAYS.index(d) for d in e.get("days", [])],
                                   e.get("opens") or "", e.get("closed", False)))
    langs = set(langs)
    for item in exceptions:
        item["start"] = item["start"].isoformat()
        if item.get("end"):
            item["end"] = item["end"].isoformat()
        if "note" in item:
            kept = _in_languages(item.pop("note"), langs)
            if kept:
                item["note"] = kept
    result["exceptions"] = exceptions
    note = _merge_notes(*(_in_languages(n, langs) for n in notes))
    if note:
        result["note"] = note
    if not (result["weekly"] or result["exceptions"] or result["open_24h"] or note):
        return None, warnings
    return result, warnings
