"""The favourites' record data files: list tokens (share links), buckets and events' calendar times.

What the favourites page and the PDF show of a record is the presenter's `RecordView.json()`
(tarjotin/presenter.py), the same view the record page is rendered from: the browser formats
no date, hour or language name and translates no flag itself. A text that fell back to another
language carries that language in `<key>Lang`, so the page can mark it with a `lang` attribute.

The entries of a language are split into buckets (see `bucket_of`): the page fetches only the
buckets of the records it shows, so a 10,000-record tray does not send 10,000 records to show six.
The bucket of a record follows from its *list token*, an 8-character base-62 hash of its id that
also makes up the share link (`#list1.<token>.<token>…`). theme/static/js/favourites-page.js
computes the same token; tests/test_favourites.py checks that Python and JavaScript agree.
"""

from __future__ import annotations

import math
from datetime import timezone

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


# --- calendar times ---------------------------------------------------------------------------

def calendar_times(record) -> dict[str, str] | None:
    """An event's start and end as iCalendar UTC times ('20261213T160000Z') for the page's .ics
    files: UTC needs no VTIMEZONE, and the calendar shows them in its own zone, right on both sides
    of a daylight-saving change (the offset was applied here, by zoneinfo, from the record's time)."""
    event = getattr(record, "event", None)
    if not event:
        return None
    def utc(moment):
        return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = {"start": utc(event.start)}
    if event.end:
        out["end"] = utc(event.end)
    return out
