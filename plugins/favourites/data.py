"""What the favourites page and the PDF show of a record, pre-formatted for one UI language.

The browser never formats a date, an opening hour or a language name itself: `record_entry` turns
a `Record` into plain strings with the tray's `LangView` (the same formatting as the record page),
and flags (`free`, `required`, `closed`) that the page turns into words from its catalog strings.
A text that fell back to another language carries that language in `<key>Lang`, so the page can
mark it with a `lang` attribute.

The entries of a language are split into buckets (see `bucket_of`): the page fetches only the
buckets of the records it shows, so a 10,000-record tray does not send 10,000 records to show six.
The bucket of a record follows from its *list token*, an 8-character base-62 hash of its id that
also makes up the share link (`#list1.<token>.<token>…`). theme/static/js/favourites-page.js
computes the same token; tests/test_favourites.py checks that Python and JavaScript agree.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from tarjotin.model import Location, OpeningHours, Record

# --- list tokens (share links) and buckets --------------------------------------------------

_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
TOKEN_LENGTH = 8
TOKEN_BITS = 47  # 62**8 > 2**47: eight characters hold it


def fnv1a32(data: bytes, seed: int = 0x811C9DC5) -> int:
    """32-bit FNV-1a (the browser computes it with Math.imul)."""
    h = seed
    for byte in data:
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def token_value(record_id: str) -> int:
    """A 47-bit hash of the id: 32 bits of FNV-1a, then 15 bits of FNV-1a with another seed."""
    data = record_id.encode("utf-8")
    return fnv1a32(data) * (1 << 15) + (fnv1a32(data, 0x050C5D1F) >> 17)


def b62(number: int, width: int = TOKEN_LENGTH) -> str:
    chars = []
    while number:
        number, rest = divmod(number, 62)
        chars.append(_B62[rest])
    return "".join(reversed(chars)).rjust(width, "0")


def list_token(record_id: str) -> str:
    """The record's token in share links: 8 characters of [0-9A-Za-z]."""
    return b62(token_value(record_id))


def bucket_count(records: int, bucket_size: int) -> int:
    return max(1, math.ceil(records / max(1, bucket_size)))


def bucket_of(record_id: str, buckets: int) -> int:
    return token_value(record_id) % buckets


# --- one record, formatted --------------------------------------------------------------------

def _put(entry: dict, key: str, localized, lang: str) -> None:
    """Set entry[key] to the text, and entry[key + 'Lang'] when it is in another language."""
    if localized:
        entry[key] = localized.text
        if localized.lang != lang:
            entry[key + "Lang"] = localized.lang


def _hours(hours: OpeningHours | None, view, today: date) -> dict[str, Any] | None:
    if hours is None or hours.is_empty():
        return None
    out: dict[str, Any] = {}
    if hours.open_24h:
        out["open24"] = True
    rows = view.hours_rows(hours)
    if rows:
        out["rows"] = [list(row) for row in rows]
    exceptions = []
    for ex in sorted(hours.exceptions, key=lambda e: (e.start, e.end or e.start)):
        if (ex.end or ex.start) < today:
            continue  # a holiday that is over is of no use on a list handed to a client
        item: dict[str, Any] = {"dates": view.date(ex.start) + (f"–{view.date(ex.end)}" if ex.end else "")}
        if ex.days:
            item["days"] = view.day_names(ex.days)
        if ex.closed:
            item["closed"] = True
        else:
            item["times"] = f"{view.time(ex.opens)}–{view.time(ex.closes)}"
        _put(item, "note", view.text(ex.note), view.lang)
        exceptions.append(item)
    if exceptions:
        out["exceptions"] = exceptions
    _put(out, "note", view.text(hours.note), view.lang)
    return out or None


def _location(loc: Location, view, today: date) -> dict[str, Any]:
    lang = view.lang
    out: dict[str, Any] = {}
    _put(out, "name", view.text(loc.name), lang)
    _put(out, "street", view.text(loc.street_address), lang)
    place = (view.municipality_name(loc.municipality_code, loc.municipality_name) if loc.municipality_code
             else view.text(loc.post_office).text)
    postal = " ".join(p for p in (loc.postal_code or "", place or "") if p)
    if postal:
        out["postal"] = postal
    map_url = view.map_url(loc)
    if map_url:
        out["map"] = map_url
    hours = _hours(loc.opening_hours, view, today)
    if hours:
        out["hours"] = hours
    _put(out, "accessibility", view.text(loc.accessibility), lang)
    return out


def record_entry(record: Record, view, record_url: str, today: date, tz) -> dict[str, Any]:
    """Everything the favourites page and the PDF show of `record` in `view.lang`."""
    lang = view.lang
    entry: dict[str, Any] = {"id": record.id, "kind": record.kind, "url": record_url}
    _put(entry, "title", view.text(record.title), lang)
    if record.provider:
        _put(entry, "provider", view.text(record.provider.name), lang)
    _put(entry, "summary", view.text(record.summary), lang)
    if record.event:
        entry["when"] = view.event_range(record)
        last = record.event.end or record.event.start
        entry["lastDay"] = last.astimezone(tz).date().isoformat()
    if record.nationwide:
        entry["nationwide"] = True
    else:
        places = view.municipalities(record)
        if places:
            entry["area"] = ", ".join(places)
    if record.age_groups:
        entry["ages"] = [view.age_group_name(slug) for slug in record.age_groups]
    if record.service_languages:
        entry["languages"] = [view.language_name(code) for code in record.service_languages]
    locations = [_location(loc, view, today) for loc in record.locations]
    if locations:
        entry["locations"] = locations
    hours = _hours(record.opening_hours, view, today)
    if hours:
        entry["hours"] = hours
    phones = []
    for phone in record.contacts.phones:
        item = {"number": phone.number, "tel": phone.number.replace(" ", "").replace("-", "")
                .replace("(", "").replace(")", "")}
        _put(item, "label", view.text(phone.label), lang)
        _put(item, "charge", view.text(phone.charge), lang)
        phones.append(item)
    if phones:
        entry["phones"] = phones
    if record.contacts.emails:
        entry["emails"] = list(record.contacts.emails)
    websites = []
    for site in record.contacts.websites:
        item = {"url": site.url}
        _put(item, "label", view.text(site.label), lang)
        websites.append(item)
    if websites:
        entry["websites"] = websites
    if record.price:
        price: dict[str, Any] = {"free": record.price.free}
        _put(price, "note", view.text(record.price.note), lang)
        entry["price"] = price
    if record.registration:
        reg: dict[str, Any] = {"required": record.registration.required}
        _put(reg, "note", view.text(record.registration.note), lang)
        if record.registration.url:
            reg["url"] = record.registration.url
        entry["registration"] = reg
    return entry
