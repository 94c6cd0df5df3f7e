"""PTV v11 JSON → record data (a dict for `tarjotin.model.validate_record`). Pure functions.

Input shapes (v11; any adapter must deliver these):

* service: `{id, type, serviceNames[{language,value,type}], serviceDescriptions[{language,value,type}],
  serviceChargeType, areaType, areas[{type, code, municipalities[{code, name[]}]}], languages[],
  serviceClasses[], ontologyTerms[], targetGroups[], keywords[], requirements[],
  serviceChannels[{serviceChannel{id,name}, serviceHours[], contactDetails{phoneNumbers, emails,
  webPages}}], organizations[{organization{id,name}, roleType}], modified}`
* channel: `{id, serviceChannelType, serviceChannelNames[], displayNameType[], languages[],
  phoneNumbers[], emails[] (or supportEmails), webPages[{url,value,language}], addresses[],
  serviceHours[]}`
* organisation: `{id, organizationNames[], displayNameType[], businessCode}`

`normalise_service()` decides whether a service belongs on the tray (area, type, relevance
rules) and builds the record: names and texts per language (missing translations stay missing),
every ServiceLocation as a location (EPSG:3067 → WGS84, "0" → unknown), hours with the
service↔channel connection's own hours and contacts winning over the channel's, phones,
e-mails and web pages, price, languages, age groups, themes, area and links. Problems that do
not stop a service (a bad phone number, no Swedish name) become warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from importers.common.contacts import ContactCollector
from importers.common.geo import coordinates_from_ptv
from importers.common.text import LANGS, clean_plain, content_languages, first_text, minimal_markdown_to_safe, slugify
from tarjotin.config import TrayConfig

from .hours import convert_hours
from .settings import PtvSettings
from .vocab import code_matches, service_class_code, target_group_code

LANGUAGE_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}
NATIONWIDE = {"nationwide", "nationwideexceptalandislands"}
CHANNEL_ORDER = {"phone": 0, "servicelocation": 1, "echannel": 2, "webpage": 3, "printableform": 4}
INSTRUCTIONS = {"fi": "Ohjeet", "sv": "Anvisningar", "en": "Instructions"}
REQUIREMENTS = {"fi": "Edellytykset", "sv": "Förutsättningar", "en": "Requirements"}

# Skip reasons (report keys).
SKIP_TYPE = "not_a_service"
SKIP_AREA = "outside_area"
SKIP_BUSINESS = "businesses_only"
SKIP_RELEVANCE = "no_matching_rule"
SKIP_NO_NAME = "no_name"


@dataclass
class Context:
    """What normalisation needs besides the service: configuration and fetched neighbours."""

    config: TrayConfig
    settings: PtvSettings
    channels: Mapping[str, dict[str, Any] | None]
    organizations: Mapping[str, dict[str, Any] | None]
    today: date
    area_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.area_codes:
            self.area_codes = tuple(self.settings.area_codes(self.config))

    @property
    def langs(self) -> tuple[str, ...]:
        """The languages whose texts are kept (`languages.content`: e.g. fi, sv, en, se, smn, sms)."""
        return content_languages(self.config)


@dataclass
class Outcome:
    """The result for one service: record data, or the reason it was skipped."""

    service_id: str
    record: dict[str, Any] | None = None
    skip_reason: str | None = None
    title: str = ""
    rule: str | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def warn(self, kind: str, message: str) -> None:
        if (kind, message) not in self.warnings:
            self.warnings.append((kind, message))


# --- small readers ------------------------------------------------------------------------------

def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _lower(value: Any) -> str:
    return str(value or "").strip().lower()


def texts_by_type(items: Any, wanted: str | None = None, langs: Iterable[str] = LANGS) -> dict[str, str]:
    """LocalizedListItems → {lang: value} for the languages `langs`, of one `type` (case-insensitive)."""
    result: dict[str, str] = {}
    for item in _list(items):
        if not isinstance(item, dict):
            continue
        if wanted is not None and _lower(item.get("type")) != wanted.lower():
            continue
        lang, value = item.get("language"), item.get("value")
        if lang in langs and isinstance(value, str) and value.strip() and lang not in result:
            result[lang] = value
    return result


def display_names(names: Any, display: Any = None, langs: Iterable[str] = LANGS) -> dict[str, str]:
    """Names per language, honouring `displayNameType` (Name or AlternativeName per language)."""
    chosen = {
        item["language"]: _lower(item.get("type"))
        for item in _list(display) if isinstance(item, dict) and isinstance(item.get("language"), str)
    }
    result: dict[str, str] = {}
    for lang in langs:
        order = [chosen.get(lang) or "name", "name", "alternativename"]
        for kind in order:
            value = texts_by_type(names, kind, (lang,)).get(lang)
            if value:
                cleaned = clean_plain(value)
                if cleaned:
                    result[lang] = cleaned
                    break
    return result


def _plain(texts: Mapping[str, str]) -> dict[str, str]:
    return {lang: cleaned for lang, value in texts.items() if (cleaned := clean_plain(value))}


def parse_modified(value: Any) -> str | None:
    """PTV `modified` (UTC, often without an offset) → ISO 8601 UTC to the second."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)  # .NET writes 7 decimals
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --- classification ------------------------------------------------------------------------------

def service_classes(service: Mapping[str, Any]) -> list[str]:
    return sorted({code for item in _list(service.get("serviceClasses")) if (code := service_class_code(item))})


_CLASS_CODE = re.compile(r"^[A-Z]{1,3}\d+(\.\d+)*$")


def classification_names(service: Mapping[str, Any], langs: Iterable[str] = LANGS) -> list[dict[str, str]]:
    """The names of the service's service classes and ontology terms ({lang: name}), for the
    record's `classes` (indexed by the search: "perheneuvonta" finds a service classed so)."""
    out: list[dict[str, str]] = []
    for key in ("serviceClasses", "ontologyTerms"):
        for item in _list(service.get(key)):
            if not isinstance(item, dict):
                continue
            # a name that is only a code ("P27.1", as some responses carry) is no search word
            names = {lang: name for lang, name in _plain(texts_by_type(item.get("name"), None, langs)).items()
                     if not _CLASS_CODE.match(name)}
            if names and names not in out:
                out.append(names)
    return sorted(out, key=lambda names: sorted(names.items()))


def target_groups(service: Mapping[str, Any]) -> list[str]:
    return sorted({code for item in _list(service.get("targetGroups")) if (code := target_group_code(item))})


def _uri_key(value: str) -> str:
    return re.sub(r"^https?://", "", value.strip().rstrip("/")).lower()


def ontology_keys(service: Mapping[str, Any]) -> set[str]:
    """URIs (scheme-less, lower-case) and names (case-folded) of the service's ontology terms."""
    keys: set[str] = set()
    for item in _list(service.get("ontologyTerms")):
        if not isinstance(item, dict):
            continue
        for key in ("uri", "newUri"):
            if isinstance(item.get(key), str) and item[key].strip():
                keys.add(_uri_key(item[key]))
        for name in _list(item.get("name")):
            if isinstance(name, dict) and isinstance(name.get("value"), str) and name["value"].strip():
                keys.add(name["value"].strip().casefold())
    return keys


def _term_key(entry: str) -> str:
    entry = entry.strip()
    return _uri_key(entry) if re.match(r"^https?://", entry) else entry.casefold()


def matching_rule(service: Mapping[str, Any], settings: PtvSettings) -> str | None:
    """Name of the first relevance rule the service matches, or None."""
    classes, groups, terms = service_classes(service), target_groups(service), ontology_keys(service)
    for rule in settings.relevance:
        if rule.service_classes and not any(code_matches(c, p) for c in classes for p in rule.service_classes):
            continue
        if rule.target_groups and not any(code_matches(g, p) for g in groups for p in rule.target_groups):
            continue
        if rule.ontology_terms and not any(_term_key(t) in terms for t in rule.ontology_terms):
            continue
        return rule.name
    return None


def map_themes(service: Mapping[str, Any], settings: PtvSettings, config: TrayConfig) -> list[str]:
    """Theme slugs from the mapping tables, in the configured theme order."""
    found: set[str] = set()
    classes, groups, terms = service_classes(service), target_groups(service), ontology_keys(service)
    for pattern, slugs in settings.themes.service_classes.items():
        if any(code_matches(code, pattern) for code in classes):
            found.update(slugs)
    for pattern, slugs in settings.themes.target_groups.items():
        if any(code_matches(code, pattern) for code in groups):
            found.update(slugs)
    for term, slugs in settings.themes.ontology_terms.items():
        if _term_key(term) in terms:
            found.update(slugs)
    return [slug for slug in config.theme_slugs if slug in found]


def map_age_groups(service: Mapping[str, Any], settings: PtvSettings, config: TrayConfig) -> list[str]:
    found: set[str] = set()
    for code in target_groups(service):
        for pattern, slugs in settings.age_groups.items():
            if code_matches(code, pattern):
                found.update(slugs)
    return [slug for slug in config.age_group_slugs if slug in found]


def businesses_only(service: Mapping[str, Any], settings: PtvSettings) -> bool:
    groups = target_groups(service)
    return bool(groups) and bool(settings.business_only_target_groups) and all(
        any(code_matches(g, p) for p in settings.business_only_target_groups) for g in groups
    )


# --- area ----------------------------------------------------------------------------------------

def _municipality_code(value: Any) -> str | None:
    text = str(value or "").strip()
    if text.isdigit() and len(text) <= 3:
        return text.zfill(3)
    return None


def area_info(service: Mapping[str, Any], settings: PtvSettings) -> tuple[bool, set[str], bool]:
    """(nationwide, municipality codes named by the areas, covered by a configured extra area)."""
    nationwide = _lower(service.get("areaType")) in NATIONWIDE
    codes: set[str] = set()
    extra = False
    extra_keys = {(a.type.lower(), a.code.lstrip("0")) for a in settings.extra_areas}
    for area in _list(service.get("areas")):
        if not isinstance(area, dict):
            continue
        if _lower(area.get("type")) == "municipality" and (code := _municipality_code(area.get("code"))):
            codes.add(code)
        for muni in _list(area.get("municipalities")):
            if isinstance(muni, dict) and (code := _municipality_code(muni.get("code"))):
                codes.add(code)
        if (_lower(area.get("type")), str(area.get("code") or "").lstrip("0")) in extra_keys:
            extra = True
    return nationwide, codes, extra


# --- contacts --------------------------------------------------------------------------------------

def format_phone(entry: Mapping[str, Any]) -> str | None:
    """PTV phone → "+358 9 8392 4100" style; None when there is no number."""
    number = str(entry.get("number") or "").strip()
    if not number:
        return None
    number = re.sub(r"[^0-9+() -]", "", number).strip()
    prefix = str(entry.get("prefixNumber") or "").strip().replace(" ", "")
    if entry.get("isFinnishServiceNumber") or not prefix or number.startswith("+"):
        return re.sub(r"\s+", " ", number)
    if not prefix.startswith("+"):
        prefix = "+" + prefix.lstrip("0")
    return re.sub(r"\s+", " ", f"{prefix} {number.lstrip('0')}").strip()


class _Contacts(ContactCollector):
    """Phones, e-mails and web pages as PTV writes them: typed phone entries with prefixes and
    charge notes, e-mail items, and web pages with one label per language."""

    def __init__(self, outcome: Outcome, langs: Iterable[str] = LANGS):
        super().__init__(outcome.warn)
        self.langs = tuple(langs)

    def add_phones(self, entries: Any, label: dict[str, str] | None) -> None:
        for entry in _list(entries):
            if not isinstance(entry, dict) or _lower(entry.get("type")) == "fax":
                continue
            number = format_phone(entry)
            if not number:
                continue
            info = clean_plain(entry.get("additionalInformation"))
            lang = entry.get("language") if entry.get("language") in self.langs else "fi"
            description = clean_plain(entry.get("chargeDescription"))
            self.add_phone(number, label={lang: info} if info else label,
                           charge={lang: description} if description else None,
                           shown=f"{entry.get('prefixNumber') or ''} {entry.get('number')}".strip())

    def add_emails(self, entries: Any) -> None:
        for entry in _list(entries):
            value = entry.get("value") if isinstance(entry, dict) else entry
            if isinstance(value, str):
                self.add_email(value)

    def add_web_pages(self, entries: Any, label: dict[str, str] | None = None) -> None:
        # PTV lists one web page per language: gather each address's labels before keeping it.
        by_url: dict[str, dict[str, str]] = {}
        shown: dict[str, Any] = {}
        for entry in _list(entries):
            if not isinstance(entry, dict):
                continue
            url = str(entry.get("url") or "").strip()
            if not url:
                continue
            if not re.match(r"^https?://", url, re.I):
                url = "https://" + url.lstrip("/")
            labels = by_url.setdefault(url, {})
            shown.setdefault(url, entry.get("url"))
            lang = entry.get("language")
            text = clean_plain(entry.get("value")) or (label or {}).get(lang or "")
            if lang in self.langs and text:
                labels.setdefault(lang, text)
        for url, labels in by_url.items():
            self.add_website(url, label=labels or label, shown=shown[url])


# --- channels -------------------------------------------------------------------------------------

#: An electronic channel whose name says chat (fi chat/chatti, sv chatt, en chat) is a chat, others online.
_CHAT = re.compile(r"chat", re.IGNORECASE)   # chat, chatti, chatt


def remote_channels(pairs: list[tuple[Mapping[str, Any], Mapping[str, Any]]], outcome: Outcome) -> list[str]:
    """Record.channels from the service's channels: Phone → phone (when it has a number),
    EChannel → chat or online. A WebPage channel is a page *about* the service, not a way to
    use it remotely, so it maps to nothing. A remote-looking channel that cannot be mapped becomes
    an `unmapped_channel` warning."""
    found: set[str] = set()
    for _connection, channel in pairs:
        kind, channel_id = channel_type(channel), str(channel.get("id")).lower()
        if kind == "phone":
            numbers = [p for p in _list(channel.get("phoneNumbers")) if isinstance(p, dict) and clean_plain(p.get("number"))]
            if numbers:
                found.add("phone")
            else:
                outcome.warn("unmapped_channel", f"phone channel {channel_id} has no phone number: not shown as by phone")
        elif kind == "echannel":
            names = display_names(channel.get("serviceChannelNames"), channel.get("displayNameType")) or {}
            found.add("chat" if any(_CHAT.search(str(v)) for v in names.values()) else "online")
        elif kind not in ("servicelocation", "printableform", "webpage"):
            outcome.warn("unmapped_channel", f"channel {channel_id}: type {kind or '(none)'!r} is not a known channel type")
    return sorted(found)


def channel_type(channel: Mapping[str, Any]) -> str:
    return _lower(channel.get("serviceChannelType"))


def _connection_contacts(connection: Mapping[str, Any]) -> dict[str, Any] | None:
    details = connection.get("contactDetails")
    if not isinstance(details, dict):
        return None
    if any(_list(details.get(key)) for key in ("phoneNumbers", "emails", "webPages")):
        return details
    return None


def _channel_hours(channel_id: str, rows: Any, ctx: Context, outcome: Outcome) -> dict[str, Any] | None:
    hours, problems = convert_hours(rows, ctx.today, ctx.langs)
    for problem in problems:
        outcome.warn("bad_hours", f"channel {channel_id}: {problem}")
    return hours


def location_from_channel(channel: Mapping[str, Any], hours_rows: Any, ctx: Context,
                          outcome: Outcome) -> dict[str, Any] | None:
    """A ServiceLocation channel → Location data (None when it has nothing to show)."""
    channel_id = str(channel.get("id"))
    location: dict[str, Any] = {}
    name = display_names(channel.get("serviceChannelNames"), channel.get("displayNameType"), ctx.langs)
    if name:
        location["name"] = name
    address = _visiting_address(channel)
    if address:
        street = address.get("streetAddress") if isinstance(address.get("streetAddress"), dict) else None
        other = address.get("otherAddress") if isinstance(address.get("otherAddress"), dict) else None
        point = street or other or {}
        if street:
            number = clean_plain(street.get("streetNumber")) or ""
            streets = {lang: f"{value} {number}".strip() for lang, value in _plain(_lang_values(street.get("street"), ctx.langs)).items()}
            if streets:
                location["street_address"] = streets
        postal = str(point.get("postalCode") or "").strip()
        if postal:
            if re.fullmatch(r"\d{5}", postal):
                location["postal_code"] = postal
            else:
                outcome.warn("invalid_postal_code", f"channel {channel_id}: postal code {postal!r} is not five digits")
        offices = _plain(_lang_values(point.get("postOffice"), ctx.langs))
        if offices:
            location["post_office"] = offices
        municipality = point.get("municipality") if isinstance(point.get("municipality"), dict) else None
        if municipality:
            code = _municipality_code(municipality.get("code"))
            if code:
                location["municipality_code"] = code
                names = _plain(_lang_values(municipality.get("name"), ctx.langs))
                configured = ctx.config.municipality(code)
                if configured and not names:
                    names = {lang: configured.name.get(lang) for lang in LANGS if lang in ctx.langs}
                if names:
                    location["municipality_name"] = names
        coordinates, problem = coordinates_from_ptv(point.get("latitude"), point.get("longitude"))
        if coordinates:
            location["latitude"], location["longitude"] = coordinates
            if problem == "swapped":
                outcome.warn("swapped_coordinates", f"channel {channel_id}: northing and easting were swapped")
        elif problem == "outside":
            outcome.warn("coordinates_outside_finland",
                         f"channel {channel_id}: {point.get('latitude')}, {point.get('longitude')} is not in Finland (EPSG:3067)")
        else:
            outcome.warn("missing_coordinates", f"channel {channel_id}: no coordinates (location shown without a map point)")
    hours, problems = convert_hours(hours_rows, ctx.today, ctx.langs)
    for problem in problems:
        outcome.warn("bad_hours", f"channel {channel_id}: {problem}")
    if hours:
        location["opening_hours"] = hours
    if not (location.get("name") or location.get("street_address") or "latitude" in location):
        outcome.warn("empty_location", f"channel {channel_id}: a service location without name, address or coordinates")
        return None
    return location


def _lang_values(items: Any, langs: Iterable[str] = LANGS) -> dict[str, str]:
    result: dict[str, str] = {}
    for item in _list(items):
        if isinstance(item, dict) and item.get("language") in langs and isinstance(item.get("value"), str):
            if item["value"].strip() and item["language"] not in result:
                result[item["language"]] = item["value"]
    return result


def _visiting_address(channel: Mapping[str, Any]) -> dict[str, Any] | None:
    """The first visiting (`Location`) address; street addresses before map points."""
    candidates = [a for a in _list(channel.get("addresses")) if isinstance(a, dict) and _lower(a.get("type")) in ("location", "visiting", "")]
    candidates.sort(key=lambda a: 0 if isinstance(a.get("streetAddress"), dict) else 1)
    for address in candidates:
        if isinstance(address.get("streetAddress"), dict) or isinstance(address.get("otherAddress"), dict):
            return address
    return None


def _language_order(codes: list[str]) -> list[str]:
    known = [c for c in LANGS if c in codes]
    return known + sorted(c for c in codes if c not in LANGS)


def _service_languages(service: Mapping[str, Any], channels: list[Mapping[str, Any]], outcome: Outcome) -> list[str]:
    codes = [str(c).strip().lower() for c in _list(service.get("languages")) if isinstance(c, str)]
    if not codes:
        codes = [str(c).strip().lower() for ch in channels for c in _list(ch.get("languages")) if isinstance(c, str)]
    good = []
    for code in codes:
        if re.fullmatch(r"[a-z]{2,3}", code):
            if code not in good:
                good.append(code)
        elif code:
            outcome.warn("invalid_language", f"language code {code!r} is not ISO 639")
    return _language_order(good)


# --- the service -------------------------------------------------------------------------------

def _descriptions(service: Mapping[str, Any], gd: bool,
                  langs: Iterable[str] = LANGS) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(summary, description Markdown, charge note) per language."""
    items = service.get("serviceDescriptions")
    summary = _plain(texts_by_type(items, "Summary", langs))
    description = texts_by_type(items, "Description", langs)
    if gd:
        for lang, value in _plain(texts_by_type(items, "GD_Summary", langs)).items():
            summary.setdefault(lang, value)
        for lang, value in texts_by_type(items, "GD_Description", langs).items():
            description.setdefault(lang, value)
    instructions = texts_by_type(items, "UserInstruction", langs)
    requirements = _lang_values(service.get("requirements"), langs)
    result: dict[str, str] = {}
    for lang in langs:
        parts = []
        if (body := minimal_markdown_to_safe(description.get(lang))):
            parts.append(body)
        # a language without a heading word here (the Sámi languages) gets the text without one
        if (body := minimal_markdown_to_safe(instructions.get(lang))):
            parts.append(f"### {INSTRUCTIONS[lang]}\n\n{body}" if lang in INSTRUCTIONS else body)
        if (body := minimal_markdown_to_safe(requirements.get(lang))):
            parts.append(f"### {REQUIREMENTS[lang]}\n\n{body}" if lang in REQUIREMENTS else body)
        if parts:
            result[lang] = "\n\n".join(parts)
    charge = _plain(texts_by_type(items, "ChargeTypeAdditionalInfo", langs))
    if gd:
        for lang, value in _plain(texts_by_type(items, "GD_ChargeTypeAdditionalInfo", langs)).items():
            charge.setdefault(lang, value)
    return summary, result, charge


def _provider(service: Mapping[str, Any], ctx: Context, outcome: Outcome) -> dict[str, Any] | None:
    links = [o for o in _list(service.get("organizations")) if isinstance(o, dict) and isinstance(o.get("organization"), dict)]
    if not links:
        return None
    role = {"responsible": 0, "producer": 1, "otherresponsible": 2}
    links.sort(key=lambda o: (role.get(_lower(o.get("roleType")), 3), str(o["organization"].get("id") or "")))
    link = links[0]["organization"]
    org_id = str(link.get("id") or "").lower()
    org = ctx.organizations.get(org_id) if org_id else None
    provider: dict[str, Any] = {}
    if org:
        names = display_names(org.get("organizationNames"), org.get("displayNameType"), ctx.langs)
        if names:
            provider["name"] = names
        business_id = str(org.get("businessCode") or "").strip()
        if re.fullmatch(r"\d{7}-\d", business_id):
            provider["business_id"] = business_id
    if "name" not in provider:
        fallback = clean_plain(link.get("name"))
        if not fallback:
            return None
        provider["name"] = {"fi": fallback}
        if org_id:
            outcome.warn("organisation_not_found", f"organisation {org_id}: using the name embedded in the service")
    return provider


def source_url(service: Mapping[str, Any], title: Mapping[str, str], provider: Mapping[str, Any] | None,
               settings: PtvSettings) -> str:
    service_id = str(service.get("id")).lower()
    parts = [title.get("fi") or first_text(title)]
    if provider:
        parts.append(provider["name"].get("fi") or first_text(provider["name"]))
    slug = slugify(" ".join(p for p in parts if p)) or "palvelu"
    return settings.source_url.format(id=service_id, slug=slug)


def connections(service: Mapping[str, Any], ctx: Context, outcome: Outcome) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(connection, channel) pairs in a stable order; unknown channels become warnings."""
    pairs = []
    for connection in _list(service.get("serviceChannels")):
        if not isinstance(connection, dict) or not isinstance(connection.get("serviceChannel"), dict):
            continue
        channel_id = str(connection["serviceChannel"].get("id") or "").lower()
        if not channel_id:
            continue
        channel = ctx.channels.get(channel_id)
        if not channel:
            name = connection["serviceChannel"].get("name") or ""
            outcome.warn("missing_channel", f"channel {channel_id} ({name}) was not found (404); left out")
            continue
        pairs.append((connection, channel))

    def key(pair: tuple[dict[str, Any], dict[str, Any]]) -> tuple[Any, ...]:
        channel = pair[1]
        names = display_names(channel.get("serviceChannelNames"), channel.get("displayNameType"), ctx.langs)
        return (CHANNEL_ORDER.get(channel_type(channel), 9), first_text(names).casefold(), str(channel.get("id")))

    unique = {str(ch.get("id")).lower(): (conn, ch) for conn, ch in pairs}
    return sorted(unique.values(), key=key)


def classify(service: Mapping[str, Any], ctx: Context, *, listed_in_area: bool,
             location_codes: set[str]) -> tuple[str | None, str | None]:
    """(skip reason or None, name of the matching relevance rule)."""
    settings = ctx.settings
    service_type = str(service.get("type") or "Service")
    if settings.service_types and service_type not in settings.service_types:
        return SKIP_TYPE, None
    nationwide, codes, extra = area_info(service, settings)
    in_area = (
        (nationwide and settings.include_nationwide)
        or bool(codes & set(ctx.area_codes))
        or bool(location_codes & set(ctx.area_codes))
        or extra
        or (listed_in_area and not nationwide)
    )
    if not in_area:
        return SKIP_AREA, None
    if businesses_only(service, settings):
        return SKIP_BUSINESS, None
    rule = matching_rule(service, settings)
    if rule is None:
        return SKIP_RELEVANCE, None
    return None, rule


def normalise_service(service: Mapping[str, Any], ctx: Context, *, listed_in_area: bool = False,
                      listed_codes: Iterable[str] = ()) -> Outcome:
    """One PTV service → Outcome with record data (not yet validated) or a skip reason.

    `listed_codes`: municipalities whose area listing returned the service (PTV says it serves
    them, even when its areas are a region or county without a municipality list);
    `listed_in_area`: it came from an area listing at all."""
    listed_codes = set(listed_codes)
    listed_in_area = listed_in_area or bool(listed_codes)
    service_id = str(service.get("id") or "").strip().lower()
    outcome = Outcome(service_id=service_id)
    names = {lang: v for lang, v in _plain(texts_by_type(service.get("serviceNames"), "Name", ctx.langs)).items()}
    for lang, value in _plain(texts_by_type(service.get("serviceNames"), "AlternativeName", ctx.langs)).items():
        names.setdefault(lang, value)
    outcome.title = first_text(names)

    pairs = connections(service, ctx, outcome)
    contacts = _Contacts(outcome, ctx.langs)
    locations: list[tuple[bool, str, str, dict[str, Any]]] = []
    record_hours = None
    echannel_hours: list[dict[str, Any] | None] = []
    for connection, channel in pairs:
        kind = channel_type(channel)
        channel_id = str(channel.get("id")).lower()
        label = display_names(channel.get("serviceChannelNames"), channel.get("displayNameType"), ctx.langs) or None
        override = _connection_contacts(connection)
        hours_rows = connection.get("serviceHours") if _list(connection.get("serviceHours")) else channel.get("serviceHours")
        if override is not None:
            contacts.add_phones(override.get("phoneNumbers"), label)
            contacts.add_emails(override.get("emails"))
            contacts.add_web_pages(override.get("webPages"), label)
        if kind == "servicelocation":
            location = location_from_channel(channel, hours_rows, ctx, outcome)
            if location is not None:
                in_area = location.get("municipality_code") in ctx.area_codes
                locations.append((not in_area, first_text(location.get("name") or {}).casefold(), channel_id, location))
            if override is None:
                contacts.add_phones(channel.get("phoneNumbers"), label)
                contacts.add_emails(channel.get("emails") or channel.get("supportEmails"))
                contacts.add_web_pages(channel.get("webPages"), label)
        elif kind == "phone":
            if override is None:
                contacts.add_phones(channel.get("phoneNumbers"), label)
            if record_hours is None:
                record_hours = _channel_hours(channel_id, hours_rows, ctx, outcome)
        elif kind in ("webpage", "echannel"):
            if override is None:
                contacts.add_web_pages(channel.get("webPages"), label)
            if kind == "echannel" and not echannel_hours:
                echannel_hours = [_channel_hours(channel_id, hours_rows, ctx, outcome)]
        # PrintableForm channels (forms to print) are not useful on the tray.
    if record_hours is None and echannel_hours:
        record_hours = echannel_hours[0]  # a chat's hours when there is no phone line

    location_codes = {loc.get("municipality_code") for *_, loc in locations if loc.get("municipality_code")}
    reason, rule = classify(service, ctx, listed_in_area=listed_in_area, location_codes=location_codes)
    if reason is None and not names:
        reason = SKIP_NO_NAME
    if reason is not None:
        outcome.skip_reason = reason
        outcome.warnings.clear()
        return outcome
    outcome.rule = rule

    settings, config = ctx.settings, ctx.config
    summary, description, charge = _descriptions(service, settings.general_descriptions, ctx.langs)
    nationwide, codes, extra = area_info(service, settings)
    municipalities: list[str] = []
    if not nationwide:
        municipalities = sorted((codes | listed_codes) & set(ctx.area_codes))
        if not municipalities and not location_codes & set(ctx.area_codes) and (extra or listed_in_area):
            municipalities = sorted(ctx.area_codes)
    provider = _provider(service, ctx, outcome)
    themes = map_themes(service, settings, config)
    if not themes:
        # Named, so that the quality report can say which classification to map (tarjotin/quality).
        classes = ", ".join(service_classes(service)) or "none"
        outcome.warn("no_theme", f"relevant by rule '{rule}' but no theme mapping matches its classes "
                                 f"(service classes: {classes})")
    keywords = sorted(
        {clean_plain(k.get("value")) for k in _list(service.get("keywords"))
         if isinstance(k, dict) and k.get("language") in ctx.langs and clean_plain(k.get("value"))},
        key=lambda k: (k.casefold(), k),
    )
    price = None
    charge_type = _lower(service.get("serviceChargeType"))
    if charge_type == "freeofcharge":
        price = {"free": True}
    elif charge_type == "chargeable":
        price = {"free": False}
    if price is not None and charge:
        price["note"] = charge

    record: dict[str, Any] = {
        "id": f"ptv-{service_id}",
        "source": "ptv",
        "kind": "service",
        "title": names,
        "summary": summary,
        "description": description,
        "provider": provider,
        "locations": [loc for *_, loc in sorted(locations, key=lambda x: x[:3])],
        "municipalities": municipalities,
        "nationwide": nationwide,
        "age_groups": map_age_groups(service, settings, config),
        "service_languages": _service_languages(service, [ch for _, ch in pairs], outcome),
        "themes": themes,
        "keywords": keywords,
        "classes": classification_names(service, ctx.langs),
        "contacts": contacts.as_dict(),
        "opening_hours": record_hours,
        "price": price,
        "channels": remote_channels(pairs, outcome),
        "source_url": source_url(service, names, provider, settings),
        "modified": parse_modified(service.get("modified")),
    }
    for lang in settings.expected_languages:
        if lang not in names:
            outcome.warn(f"missing_{lang}", f"no {LANGUAGE_NAMES.get(lang, lang)} name")
        elif lang not in summary and lang not in description:
            outcome.warn(f"missing_{lang}", f"no {LANGUAGE_NAMES.get(lang, lang)} summary or description")
    outcome.record = {k: v for k, v in record.items() if v not in (None, [], {})}
    return outcome
