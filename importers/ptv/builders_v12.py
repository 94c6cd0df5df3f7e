"""Convert v11-shaped PTV data (builders.py, the demo generator, test fixtures) to the v12 form.

    data = to_v12(world)                   # a builders.World → V12Data (objects and lists)
    data.write(Path("demo/recordings/ptv-v12"))   # what replay_v12.V12Server serves

The same services in both forms are what proves that the two adapters write the same records:
the demo recordings (demo/recordings/ptv and ptv-v12) and the tests' fake v12 API are made from
one v11 world by this converter. It writes v12 as DVV's OpenAPI document describes it
(`languageVersions`, bare codes, `easting`/`northing`, connections as their own objects, names
only in the reference lists) and is independent of the adapter's reading code (v12_shape.py).

What v12 cannot say is left out, as PTV itself would: the start date of regular hours
(`validFrom` without `validTo`), several web pages of one language on a web channel, area
types other than municipality, region and wellbeing services county.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from importers.common.geo import parse_coordinate

from .builders import MUNICIPALITIES, World
from .hours import opening_spans, parse_day
from .vocab import service_class_code, target_group_code

V12_LANGS = ("fi", "sv", "en", "se", "smn", "sms")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
AREA_TYPES = {"nationwide": "WholeCountry", "nationwideexceptalandislands": "WholeCountryExceptAland"}
CHANNEL_TYPES = {"phone": "TelephoneService", "echannel": "EService", "servicelocation": "ServiceLocation",
                 "webpage": "WebPage", "printableform": "PrintableForm"}
SERVICE_TYPES = {"service": "Service", "permitorobligation": "PermitOrOtherObligation",
                 "professionalqualifications": "ProfessionalQualification"}
SERVICE_CHARGE = {"freeofcharge": "Free", "chargeable": "Charged"}
PHONE_CHARGE = {"freeofcharge": "Free", "chargeable": "Charged", "other": "ExtraCharge"}
REFERENCE_LISTS = ("postal-codes", "municipality-codes", "ontology-terms", "service-classes", "target-groups",
                   "region-codes", "wellbeing-services-county-codes")


# --- small helpers ------------------------------------------------------------------------------

def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _list(value) if isinstance(item, dict)]


def _lower(value: Any) -> str:
    return str(value or "").strip().lower()


def _lang(value: Any) -> str:
    return value if isinstance(value, str) and value else "fi"


def texts(items: Any, kind: str | None = None) -> dict[str, str]:
    """v11 `[{language, value, type}]` → {lang: value} (one type; several of a language joined)."""
    result: dict[str, str] = {}
    for item in _dicts(items):
        if kind is not None and _lower(item.get("type")) != kind.lower():
            continue
        value = item.get("value")
        if isinstance(value, str) and value.strip():
            lang = _lang(item.get("language"))
            result[lang] = f"{result[lang]} {value.strip()}" if lang in result else value
    return result


def _first_texts(items: Any, kind: str | None = None) -> dict[str, str]:
    result: dict[str, str] = {}
    for item in _dicts(items):
        if kind is not None and _lower(item.get("type")) != kind.lower():
            continue
        value = item.get("value")
        if isinstance(value, str) and value.strip():
            result.setdefault(_lang(item.get("language")), value)
    return result


def _published(value: Any) -> str | None:
    """v11 `modified` (.NET, no offset) → v12 `publishedAt` (UTC with Z, milliseconds)."""
    if not isinstance(value, str) or len(value) < 19:
        return None
    return value[:19] + ".000Z"


def _date(value: Any) -> str | None:
    day = parse_day(value)
    return day.isoformat() if day else None


def _versions(languages: Iterable[str], build: Any) -> dict[str, dict[str, Any]]:
    """{lang: build(lang)} for the languages in v12's order (others after)."""
    langs = set(languages)
    order = [lang for lang in V12_LANGS if lang in langs] + sorted(langs - set(V12_LANGS))
    return {lang: build(lang) for lang in order}


def _renamed(value: Any, table: Mapping[str, str]) -> Any:
    return table.get(_lower(value), value) if isinstance(value, str) else value


# --- contacts -------------------------------------------------------------------------------------

def phone(entry: Mapping[str, Any]) -> dict[str, Any]:
    prefix = str(entry.get("prefixNumber") or "").strip()
    kind = _lower(entry.get("type"))
    base = {"additionalInformation": entry.get("additionalInformation") or None,
            "chargeDescription": entry.get("chargeDescription") or None,
            "chargeType": _renamed(entry.get("serviceChargeType"), PHONE_CHARGE) or "Charged",
            "number": entry.get("number")}
    if kind in ("fax", "sms"):
        return {"dialCode": prefix, **base, "type": kind.capitalize()}
    if entry.get("isFinnishServiceNumber") or not prefix:
        return {**base, "type": "DomesticPhone"}
    return {"dialCode": prefix, **base, "type": "InternationalPhone"}


def _phones_of(entries: Any, lang: str, *, faxes: bool | None = None) -> list[dict[str, Any]]:
    """The phones of one language; faxes=True only faxes, False none, None all."""
    result = []
    for entry in _dicts(entries):
        if _lang(entry.get("language")) != lang:
            continue
        is_fax = _lower(entry.get("type")) == "fax"
        if faxes is None or faxes == is_fax:
            result.append(phone(entry))
    return result


def _emails_of(entries: Any, lang: str) -> list[dict[str, str]]:
    return [{"email": e["value"]} for e in _dicts(entries)
            if _lang(e.get("language")) == lang and isinstance(e.get("value"), str)]


def _pages_of(entries: Any, lang: str) -> list[dict[str, Any]]:
    return [{"name": e.get("value") or "", "url": e.get("url")} for e in _dicts(entries)
            if _lang(e.get("language")) == lang and e.get("url")]


def _languages_of(*groups: Any) -> set[str]:
    return {_lang(item.get("language")) for group in groups for item in _dicts(group)}


# --- service hours -------------------------------------------------------------------------------

def _hhmm(value: Any) -> str | None:
    text = str(value or "").strip()
    parts = text.split(":")
    if len(parts) < 2 or not all(p.isdigit() for p in parts[:2]):
        return None
    return f"{int(parts[0]):02d}:{int(parts[1]):02d}"


def _weekday(value: Any) -> str | None:
    text = _lower(value)
    return text if text in WEEKDAYS else None


def _note(row: Mapping[str, Any]) -> dict[str, str]:
    return texts(row.get("additionalInformation"))


def _dates(start: date, end: date) -> list[str]:
    """The weekday names of a period (all seven for a week or longer)."""
    days = []
    for offset in range(min((end - start).days, 6) + 1):
        name = WEEKDAYS[(start + timedelta(days=offset)).weekday()]
        if name not in days:
            days.append(name)
    return [d for d in WEEKDAYS if d in days]


def hours(rows: Any) -> dict[str, Any]:
    """v11 `serviceHours[]` → v12 `serviceHours{hours[], holidayServiceHours}`."""
    result: list[dict[str, Any]] = []
    for row in _dicts(rows):
        kind = _lower(row.get("serviceHourType"))
        note = _note(row)
        status = "OpenOnReservation" if row.get("isReservation") is True else "Open"
        if kind == "exceptional":
            start = parse_day(row.get("validFrom"))
            if start is None:
                continue
            end = parse_day(row.get("validTo")) or start
            if end < start:
                end = start
            week: dict[str, Any] = {}
            if row.get("isClosed") is not True:
                if row.get("isAlwaysOpen") is True:
                    times = [("00:00", "00:00")]
                else:
                    times = [(o, c) for h in _dicts(row.get("openingHour"))
                             if (o := _hhmm(h.get("from"))) and (c := _hhmm(h.get("to")))]
                for day in _dates(start, end):
                    week[day] = {"hours": [{"start": o, "end": c, "openingStatus": status, "repetition": "Weekly",
                                            "additionalInformation": {}} for o, c in times]}
            result.append({"type": "ExceptionalDateRangeServiceHour", "heading": {}, "additionalInformation": note,
                           "fromDate": start.isoformat(), "toDate": end.isoformat(), "weeklyHours": week})
            continue
        if kind not in ("daysoftheweek", "overmidnight", "standard", ""):
            continue
        valid_from, valid_to = _date(row.get("validFrom")), _date(row.get("validTo"))
        seasonal = valid_to is not None
        span = {"fromDate": valid_from or valid_to, "toDate": valid_to} if seasonal else {}
        if row.get("isAlwaysOpen") is True:
            if seasonal:
                result.append({"type": "ContinuousDateRangeServiceHour", "openingStatus": status, "heading": {},
                               "additionalInformation": note, **span, "fromTime": "00:00", "toTime": "24:00",
                               "fromDay": "Monday", "toDay": "Sunday"})
            else:
                result.append({"type": "ContinuousAlwaysValidServiceHour", "openingStatus": status, "heading": {},
                               "additionalInformation": note})
            continue
        if seasonal and row.get("isClosed") is True:
            result.append({"type": "ExceptionalDateRangeServiceHour", "heading": {}, "additionalInformation": note,
                           "fromDate": span["fromDate"], "toDate": valid_to, "weeklyHours": {}})
            continue
        week = {}
        continuous = []
        for opening in _dicts(row.get("openingHour")):
            if not opening_spans([opening], []):
                continue  # unreadable: v11 leaves it out with a warning
            start_day, end_day = _weekday(opening.get("dayFrom")), _weekday(opening.get("dayTo"))
            opens, closes = _hhmm(opening.get("from")), _hhmm(opening.get("to"))
            length = 0 if end_day is None else (WEEKDAYS.index(end_day) - WEEKDAYS.index(start_day)) % 7
            if length == 0 or (length == 1 and (closes < opens or closes == "00:00")):
                week.setdefault(start_day, {"hours": []})["hours"].append(
                    {"start": opens, "end": closes, "openingStatus": status, "repetition": "Weekly",
                     "additionalInformation": {}})
            else:
                continuous.append({"type": "ContinuousDateRangeServiceHour" if seasonal else
                                   "ContinuousWeekdaysUntilFurtherNoticeServiceHour",
                                   "openingStatus": status, "heading": {}, "additionalInformation": note, **span,
                                   "fromDay": start_day.capitalize(), "toDay": end_day.capitalize(),
                                   "fromTime": opens, "toTime": closes})
        if week or not continuous:
            ordered = {day: week[day] for day in WEEKDAYS if day in week}
            result.append({"type": "WeeklyDateRangeServiceHour" if seasonal else "WeeklyUntilFurtherNoticeServiceHour",
                           "heading": {}, "additionalInformation": note, **span, "weeklyHours": ordered})
        result.extend(continuous)
    return {"hours": result, "holidayServiceHours": None}


# --- area ------------------------------------------------------------------------------------------

def area(obj: Mapping[str, Any], fallback: Iterable[str] = ()) -> dict[str, Any] | None:
    kind = _lower(obj.get("areaType"))
    if kind in AREA_TYPES:
        return {"areaType": AREA_TYPES[kind]}
    municipalities, regions, counties = [], [], []
    for item in _dicts(obj.get("areas")):
        item_kind = _lower(item.get("type"))
        if item_kind == "municipality":
            codes = [str(item["code"])] if item.get("code") else []
            codes += [str(m.get("code")) for m in _dicts(item.get("municipalities")) if m.get("code")]
            municipalities += [c.zfill(3) for c in codes if c.zfill(3) not in municipalities]
        elif item_kind == "region" and item.get("code"):
            regions.append(str(item["code"]).zfill(2))
        elif item_kind == "wellbeingservicecounties" and item.get("code"):
            counties.append(str(item["code"]).zfill(2))
    if not (municipalities or regions or counties):
        municipalities = [c for c in fallback if c]
    if not (municipalities or regions or counties):
        return None
    return {"areaType": "LimitedArea", "municipalities": municipalities, "regions": regions,
            "wellbeingServicesCounties": counties}


# --- services, channels, organisations -----------------------------------------------------------

def organisation_refs(service: Mapping[str, Any]) -> tuple[str | None, list[str], list[str]]:
    """(responsible, other responsible, producers); the responsible one is the first by id, as
    the v11 importer chooses it."""
    roles: dict[str, list[str]] = {"responsible": [], "otherresponsible": [], "producer": []}
    for link in _dicts(service.get("organizations")):
        org = link.get("organization") if isinstance(link.get("organization"), dict) else {}
        org_id = str(org.get("id") or "").lower()
        if org_id:
            roles.setdefault(_lower(link.get("roleType")), []).append(org_id)
    responsible = sorted(roles["responsible"])
    main = responsible[0] if responsible else None
    others = responsible[1:] + [o for o in roles["otherresponsible"] if o != main]
    return main, others, roles["producer"]


def service(svc: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None, list[dict[str, Any]]]:
    """A v11 service → (v12 service, its general description or None, its v12 connections)."""
    service_id = str(svc["id"]).lower()
    items = svc.get("serviceDescriptions")
    names, alternatives = _first_texts(svc.get("serviceNames"), "Name"), _first_texts(svc.get("serviceNames"), "AlternativeName")
    fields = {"summary": _first_texts(items, "Summary"), "description": _first_texts(items, "Description"),
              "userInstructions": _first_texts(items, "UserInstruction"),
              "chargeTypeAdditionalInformation": _first_texts(items, "ChargeTypeAdditionalInfo"),
              "conditions": _first_texts(svc.get("requirements"))}
    keywords: dict[str, list[str]] = {}
    for item in _dicts(svc.get("keywords")):
        if isinstance(item.get("value"), str) and item["value"].strip():
            keywords.setdefault(_lang(item.get("language")), []).append(item["value"])
    langs = set(names) | set(alternatives) | {lang for f in fields.values() for lang in f} | set(keywords)

    def version(lang: str) -> dict[str, Any]:
        return {"name": names.get(lang, ""), "alternativeName": alternatives.get(lang),
                **{key: values.get(lang, "") for key, values in fields.items()},
                "legislationLinks": [], "freelyAssignedKeywords": keywords.get(lang, []),
                "voucher": {"voucherType": "NotUsed"}}

    main, others, producers = organisation_refs(svc)
    gd_texts = {"summary": _first_texts(items, "GD_Summary"), "description": _first_texts(items, "GD_Description"),
                "chargeTypeAdditionalInformation": _first_texts(items, "GD_ChargeTypeAdditionalInfo")}
    general = None
    gd_id = str(svc.get("generalDescriptionId") or "").lower() or None
    if any(gd_texts.values()):
        gd_id = gd_id or str(uuid.uuid5(uuid.NAMESPACE_URL, f"general-description/{service_id}"))
        gd_langs = {lang for f in gd_texts.values() for lang in f}
        general = {"contentId": gd_id, "serviceType": "Service", "targetGroups": [], "serviceClasses": [],
                   "ontologyTerms": [], "lifeEvents": [], "industrialClasses": [],
                   "languageVersions": _versions(gd_langs, lambda lang: {
                       "name": names.get(lang, ""), **{k: v.get(lang, "") for k, v in gd_texts.items()}}),
                   "publishedAt": _published(svc.get("modified"))}
    result = {
        "contentId": service_id,
        "organizationContentId": main,
        "generalDescriptionContentId": gd_id if general else None,
        "targetGroups": [c for item in _list(svc.get("targetGroups")) if (c := target_group_code(item))],
        "industrialClasses": [],
        "lifeEvents": [],
        "ontologyTerms": [t["uri"] for t in _dicts(svc.get("ontologyTerms")) if isinstance(t.get("uri"), str)],
        "serviceClasses": [c for item in _list(svc.get("serviceClasses")) if (c := service_class_code(item))],
        "producers": {"selfProducedProducers": {"organizations": producers},
                      "procuredProducers": {"organizations": [], "other": []},
                      "otherProducers": {"organizations": [], "other": []}},
        "otherResponsibleOrganizations": others,
        "chargeType": _renamed(svc.get("serviceChargeType"), SERVICE_CHARGE),
        "fundingType": svc.get("fundingType") or "PubliclyFunded",
        "serviceLanguages": [c for c in _list(svc.get("languages")) if isinstance(c, str)],
        "area": area(svc),
        "publishedAt": _published(svc.get("modified")),
        "serviceType": _renamed(svc.get("type") or "Service", SERVICE_TYPES),
        "languageVersions": _versions(langs, version),
    }
    connections = [connection(service_id, conn) for conn in _dicts(svc.get("serviceChannels"))
                   if isinstance(conn.get("serviceChannel"), dict) and conn["serviceChannel"].get("id")]
    return result, general, connections


def connection(service_id: str, conn: Mapping[str, Any]) -> dict[str, Any]:
    details = conn.get("contactDetails") if isinstance(conn.get("contactDetails"), dict) else {}
    phones, mails, pages = details.get("phoneNumbers"), details.get("emails"), details.get("webPages")
    descriptions = _first_texts(conn.get("description"), "Description")
    langs = _languages_of(phones, mails, pages) | set(descriptions)
    return {
        "serviceContentId": service_id,
        "channelContentId": str(conn["serviceChannel"]["id"]).lower(),
        "contactAddresses": {"foreignAddresses": [], "postOfficeBoxAddresses": [], "streetAddresses": []},
        "chargeType": _renamed(conn.get("serviceChargeType"), SERVICE_CHARGE),
        "serviceHours": hours(conn.get("serviceHours")),
        "languageVersions": _versions(langs, lambda lang: {
            "chargeTypeAdditionalInformation": None, "description": descriptions.get(lang),
            "contactPhoneNumbers": _phones_of(phones, lang, faxes=False),
            "contactFaxNumbers": _phones_of(phones, lang, faxes=True),
            "contactEmails": _emails_of(mails, lang),
            "contactWebPages": [{**p, "additionalInformation": None} for p in _pages_of(pages, lang)]}),
        "publishedAt": _published(conn.get("modified")),
    }


def _coordinates(part: Mapping[str, Any]) -> list[dict[str, Any]]:
    northing, easting = parse_coordinate(part.get("latitude")), parse_coordinate(part.get("longitude"))
    if northing is None or easting is None:
        return []
    return [{"system": "EPSG:3067", "source": "User", "easting": easting, "northing": northing}]


def _visiting(channel: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [a for a in _dicts(channel.get("addresses")) if _lower(a.get("type")) in ("location", "visiting", "")]


def channel(ch: Mapping[str, Any]) -> dict[str, Any]:
    channel_id = str(ch["id"]).lower()
    kind = _renamed(ch.get("serviceChannelType"), CHANNEL_TYPES)
    names = _first_texts(ch.get("serviceChannelNames"), "Name")
    alternatives = _first_texts(ch.get("serviceChannelNames"), "AlternativeName")
    primary = {item.get("language") for item in _dicts(ch.get("displayNameType"))
               if _lower(item.get("type")) == "alternativename"}
    summaries = _first_texts(ch.get("serviceChannelDescriptions"), "Summary")
    descriptions = _first_texts(ch.get("serviceChannelDescriptions"), "Description")
    phones, pages = ch.get("phoneNumbers") or ch.get("supportPhones"), ch.get("webPages")
    mails = ch.get("emails") or ch.get("supportEmails")
    langs = set(names) | set(alternatives) | _languages_of(phones, pages, mails)

    def head(lang: str) -> dict[str, Any]:
        return {"name": names.get(lang, ""), "summary": summaries.get(lang, ""), "description": descriptions.get(lang, "")}

    base: dict[str, Any] = {
        "contentId": channel_id,
        "organizationContentId": str(ch.get("organizationId") or "").lower() or None,
        "allowedConnectionType": "AllOrganizations",
        "serviceLanguages": [c for c in _list(ch.get("languages")) if isinstance(c, str)],
        "publishedAt": _published(ch.get("modified")),
        "serviceChannelType": kind,
    }
    if kind == "ServiceLocation":
        streets, others, codes = [], [], []
        for address in _visiting(ch):
            for key, target in (("streetAddress", streets), ("otherAddress", others)):
                part = address.get(key)
                if not isinstance(part, dict):
                    continue
                muni = part.get("municipality") if isinstance(part.get("municipality"), dict) else {}
                if muni.get("code"):
                    codes.append(str(muni["code"]).zfill(3))
                item = {"postalCode": part.get("postalCode"), "coordinates": _coordinates(part),
                        "additionalInformation": _first_texts(part.get("additionalInformation"))}
                if key == "streetAddress":
                    item = {"addressSource": {"source": "UserEnteredAddressSourceResponse"},
                            "streetName": _first_texts(part.get("street")), "addressDetail": part.get("streetNumber") or "",
                            **item, "accessibilityRegisterServicePointId": None}
                target.append(item)
        return {**base, "area": area(ch, fallback=dict.fromkeys(codes)),
                "languageVersions": _versions(langs, lambda lang: {
                    **head(lang), "alternativeName": alternatives.get(lang), "isAlternativeNamePrimary": lang in primary,
                    "contactEmails": _emails_of(mails, lang), "contactFaxNumbers": _phones_of(phones, lang, faxes=True),
                    "contactWebPages": _pages_of(pages, lang), "contactPhoneNumbers": _phones_of(phones, lang, faxes=False)}),
                "location": {"foreignAddresses": [], "otherAddresses": others, "streetAddresses": streets},
                "contactAddresses": {"foreignAddresses": [], "postOfficeBoxAddresses": [], "streetAddresses": []},
                "serviceHours": hours(ch.get("serviceHours"))}

    def web_address(lang: str) -> dict[str, Any]:
        found = _pages_of(pages, lang)
        return found[0] if found else {"url": None, "name": None}

    if kind == "TelephoneService":
        return {**base, "area": area(ch), "serviceHours": hours(ch.get("serviceHours")),
                "languageVersions": _versions(langs, lambda lang: {
                    **head(lang), "webAddress": web_address(lang), "supportEmails": _emails_of(mails, lang),
                    "phoneNumbers": _phones_of(phones, lang)})}
    extra = {"serviceHours": hours(ch.get("serviceHours")), "electronicSignature": {"type": "NotRequired"},
             "electronicIdentification": "NotRequired"} if kind == "EService" else {}
    return {**base, "area": area(ch), **extra,
            "languageVersions": _versions(langs, lambda lang: {
                **head(lang), "accessibilityClassificationLevel": "Unknown", "webAddress": web_address(lang),
                "supportEmails": _emails_of(mails, lang), "supportPhoneNumbers": _phones_of(phones, lang, faxes=False)})}


def organization(org: Mapping[str, Any]) -> dict[str, Any]:
    names = _first_texts(org.get("organizationNames"), "Name")
    alternatives = _first_texts(org.get("organizationNames"), "AlternativeName")
    primary = {item.get("language") for item in _dicts(org.get("displayNameType"))
               if _lower(item.get("type")) == "alternativename"}
    return {
        "contentId": str(org["id"]).lower(),
        "parentOrganizationContentId": str(org.get("parentOrganizationId") or "").lower() or None,
        "organizationType": org.get("organizationType"),
        "businessId": org.get("businessCode") or "",
        "oid": org.get("oid"),
        "languageVersions": _versions(set(names) | set(alternatives), lambda lang: {
            "name": names.get(lang, ""), "alternativeName": alternatives.get(lang),
            "isAlternativeNamePrimary": lang in primary, "summary": "", "description": ""}),
        "publishedAt": _published(org.get("modified")),
        "eInvoiceAddresses": [],
    }


# --- the whole world -------------------------------------------------------------------------------

@dataclass
class V12Data:
    """Everything a fake or replayed v12 API answers from."""

    services: dict[str, dict[str, Any]] = field(default_factory=dict)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)
    general_descriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    connections: list[dict[str, Any]] = field(default_factory=list)
    references: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    archived: dict[str, dict[str, str]] = field(default_factory=dict)
    """`service` / `service-channel` / … → {contentId: archivedAt}."""

    def write(self, root: Path, *, today: str | None = None) -> list[Path]:
        """One JSON file per object (and per reference list) below `root`."""
        root.mkdir(parents=True, exist_ok=True)
        written = []

        def put(name: str, data: Any) -> None:
            path = root / f"{name}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)

        for folder, objects in (("service", self.services), ("service-channel", self.channels),
                                ("organization", self.organizations),
                                ("general-description", self.general_descriptions)):
            for content, obj in sorted(objects.items()):
                put(f"{folder}/{content}", obj)
        by_service: dict[str, list[dict[str, Any]]] = {}
        for item in self.connections:
            by_service.setdefault(item["serviceContentId"], []).append(item)
        for service_id, items in sorted(by_service.items()):
            put(f"connection/{service_id}", items)
        for name, items in sorted(self.references.items()):
            put(f"reference/{name}", items)
        for kind, items in sorted(self.archived.items()):
            put(f"archived/{kind}", items)
        if today:
            put("_recording", {"today": today, "note": "replays pin this date (hours in force, expired exceptions)"})
        return written


def _names(items: Any) -> dict[str, str]:
    return _first_texts(items)


def references(world: World) -> dict[str, list[dict[str, Any]]]:
    """The reference lists the v12 adapter asks for, with the names the v11 objects embed."""
    postal: dict[str, dict[str, str]] = {}
    munis: dict[str, dict[str, str]] = {code: dict(names) for code, names in MUNICIPALITIES.items()}
    seen_munis: set[str] = set()
    for ch in world.channels:
        for address in _dicts(ch.get("addresses")):
            for key in ("streetAddress", "otherAddress"):
                part = address.get(key)
                if not isinstance(part, dict):
                    continue
                code = str(part.get("postalCode") or "").strip()
                if code and code not in postal:
                    postal[code] = _names(part.get("postOffice"))
                muni = part.get("municipality") if isinstance(part.get("municipality"), dict) else {}
                if muni.get("code"):
                    muni_code = str(muni["code"]).zfill(3)
                    if muni_code not in seen_munis:
                        seen_munis.add(muni_code)
                        munis[muni_code] = _names(muni.get("name"))
    terms: dict[str, dict[str, str]] = {}
    classes: dict[str, dict[str, Any]] = {}
    groups: dict[str, dict[str, Any]] = {}
    regions: dict[str, list[str]] = {}
    counties: dict[str, list[str]] = {}
    for svc in world.services:
        for term in _dicts(svc.get("ontologyTerms")):
            if isinstance(term.get("uri"), str):
                terms.setdefault(term["uri"], _names(term.get("name")))
        for item in _list(svc.get("serviceClasses")):
            if (code := service_class_code(item)) and isinstance(item, dict):
                classes.setdefault(code, item)
        for item in _list(svc.get("targetGroups")):
            if (code := target_group_code(item)) and isinstance(item, dict):
                groups.setdefault(code, item)
        for item in _dicts(svc.get("areas")):
            members = [str(m.get("code")).zfill(3) for m in _dicts(item.get("municipalities")) if m.get("code")]
            if _lower(item.get("type")) == "region" and item.get("code"):
                regions.setdefault(str(item["code"]).zfill(2), members)
            elif _lower(item.get("type")) == "wellbeingservicecounties" and item.get("code"):
                counties.setdefault(str(item["code"]).zfill(2), members)

    def finto(code: str, item: Mapping[str, Any]) -> dict[str, Any]:
        return {"code": code, "uri": item.get("uri"), "parentUri": item.get("parentUri"), "isValid": True,
                "name": _names(item.get("name"))}

    return {
        "postal-codes": [{"code": c, "isValid": True, "name": n} for c, n in sorted(postal.items())],
        "municipality-codes": [{"code": c, "isValid": True, "name": n} for c, n in sorted(munis.items())],
        "ontology-terms": [{"uri": u, "type": None, "parentUris": [], "isValid": True, "name": n}
                           for u, n in sorted(terms.items())],
        "service-classes": [finto(c, i) for c, i in sorted(classes.items())],
        "target-groups": [finto(c, i) for c, i in sorted(groups.items())],
        "region-codes": [{"code": c, "isValid": True, "name": {"fi": c}, "municipalities": m}
                         for c, m in sorted(regions.items())],
        "wellbeing-services-county-codes": [{"code": c, "isValid": True, "name": {"fi": c}, "municipalities": m}
                                            for c, m in sorted(counties.items())],
    }


def to_v12(world: World, *, archived_at: str = "2026-11-01T00:00:00.000Z") -> V12Data:
    """The v12 form of a v11 world. Services that are not `Published` in v11 are archived in v12."""
    data = V12Data(references=references(world))
    for svc in world.services:
        converted, general, connections = service(svc)
        if svc.get("publishingStatus", "Published") != "Published":
            data.archived.setdefault("service", {})[converted["contentId"]] = archived_at
            continue
        data.services[converted["contentId"]] = converted
        if general:
            data.general_descriptions[general["contentId"]] = general
        data.connections.extend(connections)
    for ch in world.channels:
        converted = channel(ch)
        data.channels[converted["contentId"]] = converted
    for org in world.organizations:
        converted = organization(org)
        data.organizations[converted["contentId"]] = converted
    return data
