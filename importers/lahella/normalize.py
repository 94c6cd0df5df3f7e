"""Lähellä.fi activity JSON → record data (a dict for `tarjotin.model.validate_record`). Pure functions.

Input shape (the admin API's activity, docs/importers.md; every field is treated as optional):

    {_key, status, group, tags{visibility{start,end}},
     traits{type, translations{fi|sv|en{name, summary, description, pricing, registration}},
            theme[], format[], locale[], demographic[], region[], pricing[],
            contacts[{type, value, translations{<lang>{description}}}],
            channels[{id, type[], accessibility[], map{center{type: Point, coordinates[lon, lat]}},
                      translations{<lang>{address{street, postalCode, city}, summary, registration}},
                      events[…], registrationRequired, registrationUrl, registrationEmail}]}}

`normalise_activity()` decides whether an activity belongs on the tray (status, visibility,
area, dates) and builds the record: texts per language (HTML → safe Markdown for descriptions,
plain text elsewhere; missing translations stay missing), kind from the activity type and the
schedule, every place channel as a location (`[lon, lat]` → latitude/longitude, accessibility
codes → notes, weekly times → opening hours), online and phone channels' times as the record's
hours, event dates, themes, age groups, service languages, municipalities, price, registration,
contacts and organisation. Codes the mapping tables do not know are kept in `source_codes` and
become `unknown_code` warnings; problems that do not stop an activity become warnings too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError

from importers.common.contacts import ContactCollector
from importers.common.html import html_paragraphs, html_to_markdown, html_to_plain
from importers.common.text import LANGS, clean_plain, escape_inline, escape_line_start, first_text, slugify
from tarjotin.config import TrayConfig
from tarjotin.model import FINLAND_LAT, FINLAND_LON, WebLink

from .schedule import Schedule, event_time, is_running, opening_hours, parse_instant, read_events, zone
from .settings import LahellaSettings

LOCATION_NAME_MAX = 150
AGE_RANGE = re.compile(r"^ageGroup/range:(\d{1,3})(?:-(\d{1,3})?|\+)$")
REGION = re.compile(r"^(city|state)/FI/.+$")
LOCALE = re.compile(r"^([a-z]{2,3})(?:-[A-Za-z]{2,4})?$")
PLACE_TYPES = {"place", "hybrid"}
REGISTRATION_LABEL = {"fi": "Ilmoittautuminen", "sv": "Anmälan", "en": "Registration"}
REMOTE_TYPES = {"online", "phone"}
#: Channel types → Record.channels (remote ways to take part); a hybrid channel is a place and online.
REMOTE_CHANNELS = {"online": "online", "phone": "phone", "hybrid": "online"}

# Skip reasons (report keys).
SKIP_NOT_PUBLISHED = "not_published"
SKIP_EXPIRED = "expired"
SKIP_NOT_YET_VISIBLE = "not_yet_visible"
SKIP_AREA = "outside_area"
SKIP_NATIONWIDE = "nationwide_excluded"
SKIP_ENDED = "ended"
SKIP_PAST = "past_event"
SKIP_NO_NAME = "no_name"
SKIP_REASONS = (SKIP_NOT_PUBLISHED, SKIP_EXPIRED, SKIP_NOT_YET_VISIBLE, SKIP_AREA, SKIP_NATIONWIDE,
                SKIP_ENDED, SKIP_PAST, SKIP_NO_NAME)


@dataclass
class Context:
    """What normalisation needs besides the activity."""

    config: TrayConfig
    settings: LahellaSettings
    groups: Mapping[str, dict[str, Any]]
    today: date
    now: datetime

    @property
    def area_codes(self) -> tuple[str, ...]:
        return tuple(self.config.municipality_codes)


@dataclass
class Outcome:
    """The result for one activity: record data, or the reason it was skipped."""

    key: str
    record_id: str
    record: dict[str, Any] | None = None
    skip_reason: str | None = None
    title: str = ""
    activity_type: str = ""
    warnings: list[tuple[str, str]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    def warn(self, kind: str, message: str) -> None:
        if (kind, message) not in self.warnings:
            self.warnings.append((kind, message))

    def keep_unknown(self, code: str, what: str) -> None:
        """An unknown code: kept in the record's source_codes and reported."""
        if code not in self.unknown:
            self.unknown.append(code)
        self.warn("unknown_code", f"{what} {code!r} is not in the mapping tables of tray.toml; kept in source_codes")


# --- small readers ------------------------------------------------------------------------------

def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return [value]
    return value if isinstance(value, list) else []


def _codes(value: Any) -> list[str]:
    return [str(v).strip() for v in _list(value) if isinstance(v, (str, int)) and str(v).strip()]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def translations(container: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """`translations` by content language (`fi`, `fi-FI` and `FI` all count as fi)."""
    result: dict[str, dict[str, Any]] = {}
    for key, value in _dict(container.get("translations")).items():
        lang = str(key).split("-")[0].split("_")[0].lower()
        if lang in LANGS and isinstance(value, dict) and lang not in result:
            result[lang] = value
    return result


def texts(trans: Mapping[str, Mapping[str, Any]], key: str, convert=html_to_plain) -> dict[str, str]:
    result = {}
    for lang in LANGS:
        value = _dict(trans.get(lang)).get(key)
        if isinstance(value, str) and (converted := convert(value)):
            result[lang] = converted
    return result


def record_id(key: str) -> str:
    """`_key` → record id: `lahella-` + lower-case letters, digits and hyphens."""
    return "lahella-" + slugify(key)


def normalise_name(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", unicodedata.normalize("NFC", text).casefold()).split())


# --- codes ------------------------------------------------------------------------------------------

def map_themes(traits: Mapping[str, Any], activity_type: str, names: list[str], ctx: Context,
               outcome: Outcome) -> tuple[list[str], list[str]]:
    """(theme slugs in `[[themes]]` order, keywords) from codes, the type and text rules."""
    settings = ctx.settings
    found: set[str] = set()
    keywords: list[str] = []
    for label, field_name in (("theme", "theme"), ("format", "format")):
        for code in _codes(traits.get(field_name)):
            if code in settings.themes.codes:
                found.update(settings.themes.codes[code])
            else:
                outcome.keep_unknown(code, label)
    found.update(settings.themes.types.get(activity_type, []))
    haystack = " \n ".join(names).casefold()
    for rule in settings.text_rules:
        if any(re.search(r"(?<!\w)" + re.escape(term.casefold()), haystack) for term in rule.match):
            found.update(rule.themes)
            keywords += [k for k in rule.keywords if k not in keywords]
    return [slug for slug in ctx.config.theme_slugs if slug in found], keywords


def map_demographics(traits: Mapping[str, Any], ctx: Context, outcome: Outcome) -> tuple[list[str], list[str]]:
    """(age group slugs, keywords) from `demographic` codes."""
    settings, config = ctx.settings, ctx.config
    found: set[str] = set()
    keywords: list[str] = []
    for code in _codes(traits.get("demographic")):
        if code in settings.age_groups:
            found.update(settings.age_groups[code])
            continue
        if code in settings.demographic_keywords:
            keywords += [k for k in settings.demographic_keywords[code] if k not in keywords]
            continue
        outcome.keep_unknown(code, "demographic code")
        match = AGE_RANGE.match(code)
        if match:
            low, high = int(match.group(1)), int(match.group(2) or 200)
            for group in config.age_groups:
                if group.min_age is None and group.max_age is None:
                    continue
                group_low = group.min_age if group.min_age is not None else 0
                group_high = group.max_age if group.max_age is not None else 200
                if low <= group_high and high >= group_low:
                    found.add(group.slug)
    return [slug for slug in config.age_group_slugs if slug in found], keywords


def map_languages(traits: Mapping[str, Any], ctx: Context, outcome: Outcome) -> list[str]:
    result: list[str] = []
    for code in _codes(traits.get("locale")):
        language = ctx.settings.languages.get(code)
        if language is None:
            outcome.keep_unknown(code, "language")
            match = LOCALE.match(code)
            language = match.group(1) if match else None
        if language and language not in result:
            result.append(language)
    return result


def map_regions(traits: Mapping[str, Any], ctx: Context, outcome: Outcome) -> tuple[list[str], bool]:
    """(municipality codes named by `region`, region list empty = the whole country)."""
    regions = _codes(traits.get("region"))
    codes: set[str] = set()
    for code in regions:
        if code in ctx.settings.regions:
            codes.update(ctx.settings.regions[code])
        elif not REGION.match(code):
            outcome.keep_unknown(code, "region")
    return sorted(codes), not regions


def municipality_of_city(city: str | None, ctx: Context) -> str | None:
    if not city:
        return None
    codes = ctx.settings.regions.get(f"city/FI/{city.strip()}")
    if codes and len(codes) == 1:
        return codes[0]
    wanted = city.strip().casefold()
    for municipality in ctx.config.area.municipalities:
        if wanted in {municipality.name.fi.casefold(), municipality.name.sv.casefold(), municipality.name.en.casefold()}:
            return municipality.code
    return None


# --- contacts ---------------------------------------------------------------------------------------

def format_phone(value: str) -> str | None:
    """"040 123 4567" → "+358 40 123 4567"; None when it is no phone number."""
    number = re.sub(r"[^0-9+() -]", "", value).strip()
    number = re.sub(r"\s+", " ", number)
    if not number:
        return None
    if number.startswith("00"):
        number = "+" + number[2:]
    elif number.startswith("0"):
        number = "+358 " + number[1:].lstrip()
    return number


class Contacts(ContactCollector):
    """Phones, e-mails and web pages as Lähellä.fi writes them (local numbers, bare domains)."""

    def __init__(self, outcome: Outcome):
        super().__init__(outcome.warn)
        self.outcome = outcome

    def add_phone(self, value: Any, label: dict[str, str] | None) -> None:  # type: ignore[override]
        super().add_phone(format_phone(str(value or "")), label=label, shown=value)

    def add_website(self, value: Any, label: dict[str, str] | None) -> None:  # type: ignore[override]
        url = str(value or "").strip()
        if url and not re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
            url = "https://" + url
        super().add_website(url, label=label, shown=value)


def read_contacts(traits: Mapping[str, Any], contacts: Contacts) -> None:
    for item in _list(traits.get("contacts")):
        if not isinstance(item, dict):
            continue
        kind = str(item.get("type") or "").strip().lower()
        label = texts(translations(item), "description") or None
        if kind == "phone":
            contacts.add_phone(item.get("value"), label)
        elif kind == "email":
            contacts.add_email(item.get("value"))
        elif kind in ("www", "url", "web", "website"):
            contacts.add_website(item.get("value"), label)
        elif kind:
            contacts.outcome.keep_unknown(f"contact:{kind}", "contact type")


# --- organisation -----------------------------------------------------------------------------------

def _scalar(value: Any) -> str | None:
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def group_id(activity: Mapping[str, Any], traits: Mapping[str, Any]) -> str | None:
    for value in (activity.get("group"), traits.get("group")):
        found = _scalar(value.get("_key")) if isinstance(value, dict) else _scalar(value)
        if found:
            return found
    return None


def provider(activity: Mapping[str, Any], traits: Mapping[str, Any], ctx: Context,
             outcome: Outcome) -> dict[str, Any] | None:
    group_key = group_id(activity, traits)
    if group_key is None:
        outcome.warn("organisation_unknown", "the activity names no organisation (group)")
        return None
    group = ctx.groups.get(group_key)
    if group is None and isinstance(activity.get("group"), dict):
        group = activity["group"]
    if group is None:
        outcome.warn("organisation_unknown", f"organisation {group_key} was not in the answer's linked groups")
        return None
    inner = _dict(group.get("traits")) or group
    names: dict[str, str] = {}
    for source in (group, inner):
        name = source.get("name")
        if isinstance(name, str) and (text := html_to_plain(name)):
            names.setdefault("fi", text)
        elif isinstance(name, dict):
            for lang in LANGS:
                if isinstance(name.get(lang), str) and (text := html_to_plain(name[lang])):
                    names.setdefault(lang, text)
        for lang, text in texts(translations(source), "name").items():
            names.setdefault(lang, text)
    if not names:
        outcome.warn("organisation_unknown", f"organisation {group_key} has no name")
        return None
    data: dict[str, Any] = {"name": names}
    for source in (group, inner):
        for key in ("businessId", "businessID", "businessCode", "business_id", "yTunnus", "vatId"):
            value = source.get(key)
            if isinstance(value, str) and re.fullmatch(r"\d{7}-\d", value.strip()):
                data.setdefault("business_id", value.strip())
    for source in (group, inner):
        for key in ("url", "www", "website", "homepage", "web"):
            value = source.get(key)
            if isinstance(value, str) and value.strip():
                url = value.strip()
                if not re.match(r"^https?://", url, re.I):
                    url = "https://" + url
                try:
                    WebLink.model_validate({"url": url})
                except ValidationError:
                    continue
                data.setdefault("url", url)
    if "url" not in data and ctx.settings.organisation_url:
        data["url"] = ctx.settings.organisation_url.format(group=quote(group_key, safe=""))
    return data


# --- channels -----------------------------------------------------------------------------------------

def channel_type(channel: Mapping[str, Any], outcome: Outcome) -> str:
    kinds = _codes(channel.get("type"))
    kind = kinds[0].lower() if kinds else ""
    if kind in PLACE_TYPES | REMOTE_TYPES:
        return kind
    if kind:
        outcome.keep_unknown(kind, "channel type")
    return "place" if any(_dict(t.get("address")) for t in translations(channel).values()) else "online"


def coordinates(channel: Mapping[str, Any], outcome: Outcome) -> tuple[float, float] | None:
    """GeoJSON `[lon, lat]` (or {lat, lng}) → (lat, lon) inside Finland; swapped pairs are fixed."""
    center = _dict(_dict(channel.get("map")).get("center")) or _dict(channel.get("location"))
    values = center.get("coordinates")
    lon = lat = None
    if isinstance(values, list) and len(values) >= 2:
        lon, lat = values[0], values[1]
    elif "lat" in center:
        lat, lon = center.get("lat"), center.get("lng", center.get("lon"))
    try:
        lat, lon = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if lat == 0 and lon == 0:
        return None

    def inside(a: float, b: float) -> bool:
        return FINLAND_LAT[0] <= a <= FINLAND_LAT[1] and FINLAND_LON[0] <= b <= FINLAND_LON[1]

    if inside(lat, lon):
        return round(lat, 6), round(lon, 6)
    if inside(lon, lat):
        outcome.warn("swapped_coordinates", f"coordinates [{values[0] if values else lon}, …] were [lat, lon], "
                                            "not GeoJSON's [lon, lat]; swapped")
        return round(lon, 6), round(lat, 6)
    outcome.warn("coordinates_outside_finland", f"coordinates lat {lat}, lon {lon} are outside Finland; left out")
    return None


def location_from_channel(channel: Mapping[str, Any], ctx: Context, outcome: Outcome) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """(location data or None, longer place descriptions per language for the record body)."""
    trans = translations(channel)
    location: dict[str, Any] = {}
    extra: dict[str, str] = {}
    names: dict[str, str] = {}
    for lang in LANGS:
        paragraphs = html_paragraphs(_dict(trans.get(lang)).get("summary"))
        if not paragraphs:
            continue
        if len(paragraphs[0]) <= LOCATION_NAME_MAX:
            names[lang] = paragraphs[0]
            rest = paragraphs[1:]
        else:
            rest = paragraphs
        if rest:
            extra[lang] = "\n\n".join(rest)
    if names:
        location["name"] = names
    streets, offices = {}, {}
    postal = None
    for lang in LANGS:
        address = _dict(_dict(trans.get(lang)).get("address"))
        if street := clean_plain(address.get("street")):
            streets[lang] = street
        if city := clean_plain(address.get("city")):
            offices[lang] = city
        code = clean_plain(str(address.get("postalCode") or "")) if address.get("postalCode") is not None else None
        if code and postal is None:
            if re.fullmatch(r"\d{5}", code):
                postal = code
            else:
                outcome.warn("invalid_postal_code", f"postal code {code!r} is not five digits; left out")
    if streets:
        location["street_address"] = streets
    if postal:
        location["postal_code"] = postal
    if offices:
        location["post_office"] = offices
    municipality = None
    for name in offices.values():  # fi first
        municipality = municipality or municipality_of_city(name, ctx)
    if municipality:
        location["municipality_code"] = municipality
    elif offices:
        location["municipality_name"] = dict(offices)
    point = coordinates(channel, outcome)
    if point:
        location["latitude"], location["longitude"] = point
    notes: dict[str, list[str]] = {}
    for code in _codes(channel.get("accessibility")):
        note = ctx.settings.accessibility.get(code)
        if note is None:
            outcome.keep_unknown(code, "accessibility code")
            continue
        for lang in LANGS:
            text = getattr(note, lang)
            if text:
                notes.setdefault(lang, []).append(text)
    if notes:
        location["accessibility"] = {lang: " ".join(parts) for lang, parts in notes.items()}
    if not (location.get("name") or location.get("street_address") or "latitude" in location):
        if location:
            outcome.warn("empty_location", "a place without a name, street address or coordinates; its times are "
                                           "shown as the activity's hours")
        return None, extra
    return location, extra


# --- the activity -------------------------------------------------------------------------------------

def _visibility(activity: Mapping[str, Any], ctx: Context) -> str | None:
    """Skip reason from the status and the visibility window (compared by day with `today`,
    so a pinned date gives the same result whenever it runs), or None."""
    tz, _ = zone(None, ctx.config.site.timezone)
    visibility = _dict(_dict(activity.get("tags")).get("visibility"))
    start, end = parse_instant(visibility.get("start"), tz), parse_instant(visibility.get("end"), tz)
    status = activity.get("status")
    # A missing or null status (seen in the admin API) is decided by the visibility window alone.
    if status is not None and str(status).strip().lower() not in {s.lower() for s in ctx.settings.statuses}:
        return SKIP_NOT_PUBLISHED
    if end is not None and end.date() < ctx.today:
        return SKIP_EXPIRED
    if start is not None and start.date() > ctx.today:
        return SKIP_NOT_YET_VISIBLE
    return None


def _merge_registration(parts: list[dict[str, Any]]) -> dict[str, Any] | None:
    """`registration` from the activity's and the channels' fields; None when nobody says whether
    one must sign up (the caller then keeps a sign-up note in the description)."""
    required = [p["required"] for p in parts if p.get("required") is not None]
    note = next((p["note"] for p in parts if p.get("note")), None)
    url = next((p["url"] for p in parts if p.get("url")), None)
    if not required and not url:
        return None
    result: dict[str, Any] = {"required": any(required) if required else True}
    if note:
        result["note"] = note
    if url:
        result["url"] = url
    return result


def _registration_url(value: Any, outcome: Outcome) -> str | None:
    url = str(value or "").strip()
    if not url:
        return None
    if not re.match(r"^https?://", url, re.I):
        if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
            outcome.warn("invalid_url", f"registration address {url!r} is not a web address; left out")
            return None
        url = "https://" + url
    try:
        WebLink.model_validate({"url": url})
    except ValidationError:
        outcome.warn("invalid_url", f"registration address {value!r} is not usable; left out")
        return None
    return url


def _append(description: dict[str, str], lang: str, text: str) -> None:
    description[lang] = f"{description[lang]}\n\n{text}" if description.get(lang) else text


def normalise_activity(activity: Mapping[str, Any], ctx: Context) -> Outcome:
    """One Lähellä.fi activity → Outcome with record data (not yet validated) or a skip reason."""
    key = str(activity.get("_key") or "").strip()
    outcome = Outcome(key=key, record_id=record_id(key))
    traits = _dict(activity.get("traits"))
    settings, config = ctx.settings, ctx.config
    trans = translations(traits)
    names = texts(trans, "name")
    outcome.title = first_text(names)
    outcome.activity_type = activity_type = str(traits.get("type") or "").strip()

    reason = _visibility(activity, ctx)
    if reason is None and not names:
        reason = SKIP_NO_NAME
    if reason is not None:
        outcome.skip_reason = reason
        return outcome

    summary = texts(trans, "summary")
    description = texts(trans, "description", html_to_markdown)
    if activity_type and activity_type not in settings.kinds:
        outcome.keep_unknown(activity_type, "activity type")
    elif not activity_type:
        outcome.warn("unknown_code", f"the activity has no type; read as {settings.default_kind}")
    kind = settings.kind_for(activity_type)

    # Channels: places become locations, online and phone channels the activity's own hours.
    contacts = Contacts(outcome)
    registrations: list[dict[str, Any]] = []
    activity_registration = texts(trans, "registration")
    if activity_registration:
        registrations.append({"note": activity_registration})
    located: list[tuple[dict[str, Any], Schedule]] = []
    remote = Schedule()
    everything = Schedule()
    channel_kinds: list[str] = []
    remote_channels: set[str] = set()
    for channel in _list(traits.get("channels")):
        if not isinstance(channel, dict):
            continue
        ctype = channel_type(channel, outcome)
        channel_kinds.append(ctype)
        declared = (_codes(channel.get("type")) or [""])[0].lower()
        if declared in REMOTE_CHANNELS:
            remote_channels.add(REMOTE_CHANNELS[declared])
        elif ctype not in PLACE_TYPES:
            outcome.warn("unmapped_channel", f"channel {channel.get('id') or '?'} has "
                         + (f"type {declared!r}" if declared else "no type") + " and no address: not shown as remote")
        schedule = read_events(channel.get("events"), config.site.timezone)
        for warning in schedule.warnings:
            outcome.warn(*warning)
        everything.extend(Schedule(weekly=schedule.weekly, occurrences=schedule.occurrences))
        location, extra = (None, {})
        if ctype in PLACE_TYPES:
            location, extra = location_from_channel(channel, ctx, outcome)
        if location is not None:
            located.append((location, schedule))
            label = location.get("name") or location.get("street_address") or {}
            for lang, text in extra.items():
                place = label.get(lang) or first_text(label)
                _append(description, lang, f"**{_escape(place)}:** {_escape(text)}" if place else _escape(text))
        else:
            remote.extend(Schedule(weekly=schedule.weekly, occurrences=schedule.occurrences))
        channel_trans = translations(channel)
        registrations.append({
            "required": channel.get("registrationRequired") if isinstance(channel.get("registrationRequired"), bool) else None,
            "note": texts(channel_trans, "registration") or None,
            "url": _registration_url(channel.get("registrationUrl"), outcome),
        })
        if channel.get("registrationEmail"):
            contacts.add_email(channel.get("registrationEmail"))

    # Area.
    region_codes, no_regions = map_regions(traits, ctx, outcome)
    location_codes = {loc["municipality_code"] for loc, _ in located if loc.get("municipality_code")}
    area = set(ctx.area_codes)
    nationwide = False
    if not (set(region_codes) | location_codes) & area:
        places_elsewhere = any(loc.get("street_address") or loc.get("municipality_name") or "latitude" in loc
                               for loc, _ in located)
        if no_regions and not places_elsewhere:
            if not settings.include_nationwide:
                outcome.skip_reason = SKIP_NATIONWIDE
                return outcome
            nationwide = True
        else:
            outcome.skip_reason = SKIP_AREA
            return outcome

    # Time: past and ended activities are not written.
    has_schedule = bool(everything.weekly or everything.occurrences)
    if has_schedule and not is_running(everything, ctx.today):
        outcome.skip_reason = SKIP_ENDED if everything.weekly else SKIP_PAST
        return outcome
    running_weekly = [w for w in everything.weekly if w.last is None or w.last >= ctx.today]
    if (kind != "volunteering" and activity_type in settings.dated_types and not running_weekly
            and everything.occurrences):
        kind = settings.dated_kind
    event = None
    if kind == "event":
        event = event_time(everything.occurrences, ctx.today)
        if event is None:
            outcome.warn("unknown_code", "an event without dates; imported as an activity")
            kind = "activity"
    upcoming = {(o.start, o.end) for o in everything.occurrences if o.last_day >= ctx.today}
    as_exceptions = kind != "event" or len(upcoming) > 1  # an event's one date is its `event`
    locations = []
    for location, schedule in located:
        hours = opening_hours(schedule, ctx.today, dated_as_exceptions=as_exceptions)
        if hours:
            location["opening_hours"] = hours
        locations.append(location)
    record_hours = opening_hours(remote, ctx.today, dated_as_exceptions=as_exceptions)

    # Classifications.
    pricing_text = texts(trans, "pricing")
    themes, keywords = map_themes(traits, activity_type, [*names.values(), *summary.values(), *pricing_text.values()],
                                  ctx, outcome)
    if not themes:
        outcome.warn("no_theme", "no theme code, type or text rule gives a theme")
    age_groups, demo_keywords = map_demographics(traits, ctx, outcome)
    for word in demo_keywords + [k for ct in channel_kinds for k in settings.channel_keywords.get(ct, [])]:
        if word not in keywords:
            keywords.append(word)

    # Price.
    price = None
    pricing_codes = _codes(traits.get("pricing"))
    for code in pricing_codes:
        if code in settings.pricing:
            price = {"free": settings.pricing[code]}
            break
        outcome.keep_unknown(code, "pricing")
    if price is not None and pricing_text:
        price["note"] = pricing_text
    elif price is None and pricing_text:
        outcome.warn("unmapped_pricing", "a price text without a pricing code: not shown as free of charge or paid")
        for lang, text in pricing_text.items():
            _append(description, lang, _escape(text))

    registration = _merge_registration(registrations)
    if registration is None:
        note = next((p["note"] for p in registrations if p.get("note")), None) or {}
        if note:
            outcome.warn("unmapped_registration", "a sign-up text without registrationRequired or an address: "
                         "not shown as needing registration or not")
        for lang, text in note.items():
            _append(description, lang, f"**{REGISTRATION_LABEL[lang]}:** {_escape(text)}")
    read_contacts(traits, contacts)
    organisation = provider(activity, traits, ctx, outcome)
    for lang in settings.expected_languages:
        if lang in LANGS and lang not in names:
            outcome.warn(f"missing_{lang}", f"no name in {lang}")

    record: dict[str, Any] = {
        "id": outcome.record_id,
        "source": "lahella",
        "kind": kind,
        "title": names,
        "summary": summary,
        "description": description,
        "provider": organisation,
        "locations": locations,
        "municipalities": [] if nationwide else sorted(set(region_codes)),
        "nationwide": nationwide,
        "age_groups": age_groups,
        "service_languages": map_languages(traits, ctx, outcome),
        "themes": themes,
        "keywords": keywords,
        "contacts": contacts.as_dict(),
        "opening_hours": record_hours,
        "price": price,
        "registration": registration,
        "channels": [c for c in ("phone", "chat", "online") if c in remote_channels],
        "event": event,
        "source_url": settings.source_url.format(key=quote(key, safe="")) if settings.source_url and key else None,
        "source_codes": sorted(outcome.unknown),
    }
    outcome.record = {k: v for k, v in record.items() if v not in (None, [], {}, False) or k in ("id", "source")}
    return outcome


def _escape(text: str) -> str:
    """Plain text (paragraphs separated by blank lines) as Markdown that shows exactly that text."""
    return "\n\n".join(escape_line_start(escape_inline(p.strip())) for p in text.split("\n\n") if p.strip())
