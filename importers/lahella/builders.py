"""Build Lähellä.fi admin-API-shaped JSON (activities, groups, list pages) from compact arguments,
and write a recording directory that `importers.common.replay.ReplayServer` serves.

Used by the demo recording generator (demo/recordings/lahella/generate.py) and by the tests;
also handy to reproduce a data problem reported from production in a few lines. The objects
carry the keys seen in the admin API (docs/importers.md, `lahella-cli`'s field map): `_key`,
`status`, `group`, `traits{type, translations, theme, format, locale, demographic, region,
pricing, contacts, channels[{id, type, accessibility, map, translations, events, …}]}`.
Times are epoch milliseconds, as the API stores them.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import markdown as markdown_lib

from importers.common.replay import request_key, write_answer

Texts = Mapping[str, str]
HELSINKI = "Europe/Helsinki"
NAMESPACE = uuid.UUID("6f3b1a52-3c1d-4b8e-9a57-1a2b3c4d5e6f")
LIST_PATH = "v1/activities"


def ms(moment: str, tz: str = HELSINKI) -> int:
    """"2027-03-28T10:00" (local wall time in `tz`) or "2027-03-28" (local midnight) → epoch ms."""
    if len(moment) == 10:
        day = date.fromisoformat(moment)
        value = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(tz))
    else:
        value = datetime.fromisoformat(moment)
        if value.tzinfo is None:
            value = value.replace(tzinfo=ZoneInfo(tz))
    return int(value.timestamp() * 1000)


def html(text: str | None) -> str | None:
    """Markdown (paragraphs, lists, **bold**, [links](…)) → the admin UI's rich-text HTML."""
    if text is None:
        return None
    rendered = markdown_lib.markdown(text, output_format="html")
    return rendered.replace("<p>", '<p dir="ltr">').replace("\n", "")


def html_texts(texts: Texts | None) -> dict[str, str]:
    return {lang: html(value) or "" for lang, value in (texts or {}).items()}


def _translations(**fields: Texts | None) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for name, texts in fields.items():
        for lang, value in (texts or {}).items():
            if value is not None:
                result.setdefault(lang, {})[name] = value
    return {lang: result[lang] for lang in ("fi", "sv", "en") if lang in result}


# --- schedules ------------------------------------------------------------------------------------

def weekly(first_day: str, *times: tuple[int, str, str], until: str | None = None, period: str = "P1W",
           exclude: Iterable[str] = (), tz: str = HELSINKI) -> dict[str, Any]:
    """A recurring schedule (type 4): (weekday 1 = Monday … 7, "HH:MM", "HH:MM") from a day,
    optionally until a day, without the excluded days."""
    recurrence: dict[str, Any] = {
        "period": period,
        "daySpecificTimes": [{"weekday": day, "startTime": start, "endTime": end} for day, start, end in times],
        "exclude": [ms(day, tz) for day in exclude],
    }
    if until:
        recurrence["end"] = ms(until, tz)
    return {"start": ms(first_day, tz), "timeZone": tz, "type": "4", "recurrence": recurrence}


def single(start: str, end: str | None = None, *, tz: str = HELSINKI) -> dict[str, Any]:
    """A dated happening (type 1) given as instants: "2027-02-14T14:00" local wall time."""
    event: dict[str, Any] = {"start": ms(start, tz), "timeZone": tz, "type": "1"}
    if end:
        event["end"] = ms(end, tz)
    return event


def single_day(day: str, start_time: str, end_time: str | None = None, *, tz: str = HELSINKI) -> dict[str, Any]:
    """A dated happening stored as the admin UI does: the day at local midnight plus the times."""
    weekday = date.fromisoformat(day).isoweekday()
    entry = {"weekday": weekday, "startTime": start_time}
    if end_time:
        entry["endTime"] = end_time
    return {"start": ms(day, tz), "timeZone": tz, "type": "1", "recurrence": {"daySpecificTimes": [entry]}}


def date_range(start: str, end: str, *, tz: str = HELSINKI) -> dict[str, Any]:
    """A continuous happening over several days (type 3), e.g. a festival from Friday to Sunday."""
    return {"start": ms(start, tz), "timeZone": tz, "type": "3", "recurrence": {"end": ms(end, tz)}}


# --- channels, contacts, groups, activities ------------------------------------------------------

def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def place(name: Texts | None = None, *, street: Texts | str | None = None, postal_code: str | None = None,
          city: Texts | str | None = None, lat: float | None = None, lon: float | None = None,
          accessibility: Iterable[str] = ("ac_unknow",), events: Iterable[dict[str, Any]] = (),
          registration_required: bool | None = None, registration_url: str | None = None,
          registration_email: str | None = None, registration: Texts | None = None,
          kind: str = "place", ident: str | None = None) -> dict[str, Any]:
    """A place channel: the name goes into the channel summary (the admin UI's place description),
    the address into `translations.<lang>.address`, coordinates into `map.center` as [lon, lat]."""
    streets = {"fi": street} if isinstance(street, str) else dict(street or {})
    cities = {"fi": city} if isinstance(city, str) else dict(city or {})
    trans: dict[str, dict[str, Any]] = {}
    for lang in ("fi", "sv", "en"):
        address: dict[str, Any] = {}
        if streets.get(lang):
            address["street"] = streets[lang]
        if (postal_code and (streets.get(lang) or cities.get(lang))):
            address["postalCode"] = postal_code
        if cities.get(lang):
            address["city"] = cities[lang]
            address["state"] = {"sv": "Nyland"}.get(lang, "Uusimaa")
            address["country"] = "FI"
        entry: dict[str, Any] = {}
        if address:
            entry["address"] = address
        if name and name.get(lang):
            entry["summary"] = html(name[lang])
        if registration and registration.get(lang):
            entry["registration"] = html(registration[lang])
        if entry:
            trans[lang] = entry
    channel: dict[str, Any] = {"id": ident or "", "type": [kind], "accessibility": list(accessibility),
                               "translations": trans, "events": list(events)}
    if lat is not None and lon is not None:
        channel["map"] = {"center": {"type": "Point", "coordinates": [lon, lat]}, "zoom": 16}
    if registration_required is not None:
        channel["registrationRequired"] = registration_required
    if registration_url:
        channel["registrationUrl"] = registration_url
    if registration_email:
        channel["registrationEmail"] = registration_email
    return channel


def online(summary: Texts | None = None, *, events: Iterable[dict[str, Any]] = (), kind: str = "online",
           registration_required: bool | None = None, registration_url: str | None = None,
           registration: Texts | None = None, ident: str | None = None) -> dict[str, Any]:
    """An online (or phone) channel: no address, its times become the activity's own hours."""
    channel = place(summary, accessibility=(), events=events, registration_required=registration_required,
                    registration_url=registration_url, registration=registration, kind=kind, ident=ident)
    return channel


def contact(kind: str, value: str, description: Texts | None = None) -> dict[str, Any]:
    return {"id": "", "type": kind, "value": value,
            "translations": {lang: {"description": text} for lang, text in (description or {}).items()}}


def group(key: str, names: Texts, *, business_id: str | None = None, url: str | None = None) -> dict[str, Any]:
    traits: dict[str, Any] = {"translations": {lang: {"name": name} for lang, name in names.items()}}
    if business_id:
        traits["businessId"] = business_id
    if url:
        traits["www"] = url
    return {"_key": key, "traits": traits}


def activity(key: str, kind: str, names: Texts, *, group_key: str | None = None, summary: Texts | None = None,
             description: Texts | None = None, raw_description: Texts | None = None,
             themes: Iterable[str] = (), formats: Iterable[str] = (), locales: Iterable[str] = ("fi-FI",),
             demographic: Iterable[str] = (), regions: Iterable[str] = (), pricing: str | None = "free",
             pricing_text: Texts | None = None, registration: Texts | None = None,
             channels: Iterable[dict[str, Any]] = (), contacts: Iterable[dict[str, Any]] = (),
             status: str | None = "published", visibility: tuple[str | None, str | None] | None = None) -> dict[str, Any]:
    """One activity. `description` is Markdown turned into the admin UI's HTML; `raw_description`
    is HTML used as it is (for hostile markup)."""
    descriptions = html_texts(description)
    descriptions.update(raw_description or {})
    summaries = html_texts(summary)
    trans = _translations(name=names, summary=summaries, description=descriptions,
                          pricing=html_texts(pricing_text), registration=html_texts(registration))
    channel_list = []
    for index, channel in enumerate(channels):
        channel = dict(channel)
        channel["id"] = channel.get("id") or _uuid(key, "channel", index)
        channel_list.append(channel)
    contact_list = []
    for index, item in enumerate(contacts):
        item = dict(item)
        item["id"] = item.get("id") or _uuid(key, "contact", index)
        contact_list.append(item)
    traits: dict[str, Any] = {
        "type": kind,
        "requiredLocales": [lang for lang in ("fi", "sv", "en") if lang in trans],
        "translations": trans,
        "theme": list(themes),
        "format": list(formats),
        "locale": list(locales),
        "demographic": list(demographic),
        "region": list(regions),
        "pricing": [pricing] if pricing else [],
        "contacts": contact_list,
        "channels": channel_list,
    }
    data: dict[str, Any] = {"_key": key, "status": status}
    if group_key:
        data["group"] = group_key
    if visibility:
        data["tags"] = {"visibility": {name: ms(value) for name, value in zip(("start", "end"), visibility) if value}}
    data["traits"] = traits
    return data


def page(items: list[dict[str, Any]], skip: int, limit: int, groups: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """One list answer: `{items, total, hasMore}` with the page's linked groups."""
    chunk = items[skip: skip + limit]
    linked = {}
    for item in chunk:
        key = item.get("group")
        if isinstance(key, str) and key in groups:
            linked[key] = groups[key]
    return {"items": chunk, "total": len(items), "hasMore": skip + limit < len(items),
            "links": {"groups": [linked[k] for k in sorted(linked)]}}


def list_params(limit: int, skip: int, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The query the importer sends for one page (as strings, for the recording's file name)."""
    params = {"limit": str(limit), "total": "true", "links[groups]": "true", "text": "", "skip": str(skip)}
    params.update(extra or {})
    return params


@dataclass
class World:
    """A small Lähellä.fi: activities and organisations, written out as a recording."""

    activities: list[dict[str, Any]] = field(default_factory=list)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    page_size: int = 100

    def add_group(self, item: dict[str, Any]) -> str:
        self.groups[item["_key"]] = item
        return item["_key"]

    def pages(self) -> list[tuple[dict[str, str], dict[str, Any]]]:
        """(query, answer) of every list page a full run asks for."""
        count = max(1, math.ceil(len(self.activities) / self.page_size))
        return [(list_params(self.page_size, n * self.page_size), page(self.activities, n * self.page_size,
                                                                        self.page_size, self.groups))
                for n in range(count)]

    def export(self) -> list[dict[str, Any]]:
        """The same data as an export file: the list answers one after another."""
        return [answer for _, answer in self.pages()]

    def write(self, root: Path, *, today: str | None = None, details: bool = False) -> list[Path]:
        """Write the recording files a full run asks for; returns the paths."""
        root.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []

        def put(key: str, data: Any) -> None:
            written.append(write_answer(root, key, data))

        for params, answer in self.pages():
            put(request_key(LIST_PATH, params), answer)
        if details:
            for item in self.activities:
                put(request_key(f"{LIST_PATH}/{item['_key']}", {"links[files]": "true"}), item)
        if today:
            put("_recording", {"today": today, "note": "replays pin this date (past events, ended schedules)"})
        return written
