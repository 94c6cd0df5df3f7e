"""Build PTV v11-shaped JSON (services, channels, organisations, pages) from compact arguments,
and write a recording directory that `importers.common.replay.ReplayServer` serves.

Used by the demo recording generator (demo/recordings/ptv/generate.py) and by the tests; also
handy to reproduce a data problem reported from production in a few lines. The objects carry
the keys of real v11 answers in their order (see docs/importers.md), with values given or
empty/null as PTV writes them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importers.common.geo import wgs84_to_tm35fin
from importers.common.replay import request_key, write_answer

Texts = Mapping[str, str]

MUNICIPALITIES: dict[str, dict[str, str]] = {
    "092": {"fi": "Vantaa", "sv": "Vanda", "en": "Vantaa"},
    "245": {"fi": "Kerava", "sv": "Kervo", "en": "Kerava"},
    "091": {"fi": "Helsinki", "sv": "Helsingfors", "en": "Helsinki"},
    "049": {"fi": "Espoo", "sv": "Esbo", "en": "Espoo"},
    "858": {"fi": "Tuusula", "sv": "Tusby", "en": "Tuusula"},
}
WEEKDAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
                 "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}
SERVICE_CLASS_URI = "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/"
TARGET_GROUP_URI = "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/"


def language_items(texts: Texts | None) -> list[dict[str, str]]:
    return [{"value": value, "language": lang} for lang, value in (texts or {}).items()]


def typed_items(texts: Texts | None, kind: str) -> list[dict[str, str]]:
    return [{"language": lang, "value": value, "type": kind} for lang, value in (texts or {}).items()]


def municipality(code: str) -> dict[str, Any]:
    names = MUNICIPALITIES.get(code, {"fi": code})
    return {"code": code, "name": language_items(names)}


def finto(code: str, names: Texts, base_uri: str, parent: str | None = None) -> dict[str, Any]:
    return {
        "name": language_items(names),
        "code": code,
        "ontologyType": None,
        "uri": base_uri + code,
        "parentId": None,
        "parentUri": (base_uri + parent) if parent else None,
    }


def service_class(code: str, names: Texts | None = None) -> dict[str, Any]:
    parent = code.rsplit(".", 1)[0] if "." in code else None
    item = finto(code, names or {"fi": code}, SERVICE_CLASS_URI, parent)
    item["description"] = []
    return item


def target_group(code: str, names: Texts | None = None) -> dict[str, Any]:
    parent = code.rsplit(".", 1)[0] if "." in code else None
    return finto(code, names or {"fi": code}, TARGET_GROUP_URI, parent)


def ontology_term(uri: str, names: Texts) -> dict[str, Any]:
    return {"name": language_items(names), "description": [], "code": None, "ontologyType": "YSO",
            "uri": uri, "parentId": None, "parentUri": None}


def weekly_hours(days: Mapping[str, tuple[str, str]] | Iterable[tuple[str, str, str]], *,
                 info: Texts | None = None, valid_from: str | None = None, valid_to: str | None = None,
                 always_open: bool = False, closed: bool = False, reservation: bool = False,
                 over_midnight: Mapping[str, tuple[str, str, str]] | None = None) -> dict[str, Any]:
    """Weekly hours: {"mon": ("08:00", "16:00")} or [("mon", "08:00", "12:00"), …]."""
    items = days.items() if isinstance(days, Mapping) else [(d, (o, c)) for d, o, c in days]
    rows = [{"dayFrom": WEEKDAY_NAMES[day], "dayTo": "", "from": f"{o}:00", "to": f"{c}:00"} for day, (o, c) in items]
    for day, (to_day, opens, closes) in (over_midnight or {}).items():
        rows.append({"dayFrom": WEEKDAY_NAMES[day], "dayTo": WEEKDAY_NAMES[to_day], "from": f"{opens}:00", "to": f"{closes}:00"})
    return {
        "serviceHourType": "OverMidnight" if over_midnight and not rows[: len(rows) - len(over_midnight)] else "DaysOfTheWeek",
        "validFrom": f"{valid_from}T00:00:00" if valid_from else None,
        "validTo": f"{valid_to}T00:00:00" if valid_to else None,
        "isClosed": closed,
        "validForNow": valid_to is None,
        "isAlwaysOpen": always_open,
        "isReservation": reservation,
        "additionalInformation": language_items(info),
        "openingHour": [] if always_open else rows,
    }


def exceptional_hours(day: str, *, until: str | None = None, closed: bool = False,
                      opens: str | None = None, closes: str | None = None, info: Texts | None = None) -> dict[str, Any]:
    return {
        "serviceHourType": "Exceptional",
        "validFrom": f"{day}T00:00:00",
        "validTo": f"{until}T00:00:00" if until else None,
        "isClosed": closed,
        "validForNow": False,
        "isAlwaysOpen": False,
        "isReservation": False,
        "additionalInformation": language_items(info),
        "openingHour": [] if closed else [{"dayFrom": None, "dayTo": None, "from": f"{opens}:00", "to": f"{closes}:00"}],
    }


def phone(number: str, *, info: str | None = None, lang: str = "fi", prefix: str = "+358",
          service_number: bool = False, charge: str = "Chargeable", charge_description: str | None = None,
          kind: str = "Phone") -> dict[str, Any]:
    return {"type": kind, "additionalInformation": info, "serviceChargeType": charge,
            "chargeDescription": charge_description, "prefixNumber": None if service_number else prefix,
            "isFinnishServiceNumber": service_number, "number": number, "language": lang}


def web_page(url: str, text: str | None, lang: str = "fi") -> dict[str, Any]:
    return {"url": url, "value": text, "language": lang}


def connection(channel_id: str, name: str, *, hours: list[dict[str, Any]] | None = None,
               contacts: Mapping[str, Any] | None = None, charge: str | None = None,
               description: Texts | None = None, modified: str = "2026-10-01T08:00:00") -> dict[str, Any]:
    details = None
    if contacts:
        details = {"emails": list(contacts.get("emails", [])), "phoneNumbers": list(contacts.get("phoneNumbers", [])),
                   "webPages": list(contacts.get("webPages", [])), "addresses": []}
    return {"serviceChannel": {"id": channel_id, "name": name}, "serviceChargeType": charge,
            "description": typed_items(description, "Description"), "extraTypes": [],
            "serviceHours": hours or [], "contactDetails": details, "digitalAuthorizations": [],
            "modified": modified}


def service(service_id: str, names: Texts, *, summary: Texts | None = None, description: Texts | None = None,
            instructions: Texts | None = None, charge_info: Texts | None = None, gd_description: Texts | None = None,
            alternative_names: Texts | None = None, classes: Iterable[str] = (), target_groups: Iterable[str] = ("KR1",),
            ontology: Iterable[tuple[str, Texts]] = (), keywords: Iterable[tuple[str, str]] = (),
            languages: Iterable[str] = ("fi", "sv"), charge: str | None = "FreeOfCharge", area_type: str = "LimitedType",
            municipalities: Iterable[str] = ("092",), channels: Iterable[dict[str, Any]] = (),
            organization: tuple[str, str] | None = None, service_type: str = "Service",
            requirements: Texts | None = None, modified: str = "2026-09-15T10:20:30.1234567",
            status: str = "Published") -> dict[str, Any]:
    descriptions = (typed_items(summary, "Summary") + typed_items(description, "Description")
                    + typed_items(instructions, "UserInstruction") + typed_items(charge_info, "ChargeTypeAdditionalInfo")
                    + typed_items(gd_description, "GD_Description"))
    codes = list(municipalities)
    areas = [] if area_type != "LimitedType" else [
        {"type": "Municipality", "code": None, "name": None, "municipalities": [municipality(c) for c in codes]}
    ]
    return {
        "id": service_id,
        "sourceId": None,
        "generalDescriptionId": None,
        "type": service_type,
        "subType": None,
        "fundingType": "PubliclyFunded",
        "serviceNames": typed_items(names, "Name") + typed_items(alternative_names, "AlternativeName"),
        "serviceChargeType": charge,
        "areaType": area_type,
        "areas": areas,
        "serviceDescriptions": descriptions,
        "languages": list(languages),
        "serviceClasses": [service_class(c) for c in classes],
        "ontologyTerms": [ontology_term(uri, n) for uri, n in ontology],
        "targetGroups": [target_group(c) for c in target_groups],
        "lifeEvents": [],
        "industrialClasses": [],
        "legislation": [],
        "keywords": [{"value": v, "language": lang} for lang, v in keywords],
        "requirements": language_items(requirements) or [{"value": None, "language": "fi"}],
        "serviceChannels": list(channels) or None,
        "organizations": [] if organization is None else [{
            "organization": {"id": organization[0], "name": organization[1]},
            "roleType": "Responsible", "provisionType": None, "additionalInformation": [],
        }],
        "serviceVouchersInUse": False,
        "serviceVouchers": [],
        "serviceCollections": [],
        "publishingStatus": status,
        "modified": modified,
        "responsibleSoteOrganization": None,
    }


def _channel_head(channel_id: str, kind: str, names: Texts, org_id: str, *, summary: Texts | None,
                  description: Texts | None, municipalities: Iterable[str], area_type: str) -> dict[str, Any]:
    codes = list(municipalities)
    return {
        "id": channel_id,
        "sourceId": None,
        "oid": None,
        "serviceChannelType": kind,
        "organizationId": org_id,
        "serviceChannelNames": typed_items(names, "Name"),
        "serviceChannelDescriptions": typed_items(summary, "Summary") + typed_items(description, "Description"),
        "displayNameType": [{"type": "Name", "language": lang} for lang in names],
        "areaType": area_type,
        "areas": [] if area_type != "LimitedType" or not codes else [
            {"type": "Municipality", "code": None, "name": None, "municipalities": [municipality(c) for c in codes]}
        ],
    }


def location_channel(channel_id: str, names: Texts, org_id: str, *, street: Texts, number: str, postal_code: str,
                     post_office: Texts, municipality_code: str, lat: float | None = None, lon: float | None = None,
                     northing: str | None = None, easting: str | None = None, phones: list[dict[str, Any]] = (),  # type: ignore[assignment]
                     emails: Iterable[str] = (), web: list[dict[str, Any]] = (), hours: list[dict[str, Any]] = (),  # type: ignore[assignment]
                     languages: Iterable[str] = ("fi", "sv"), summary: Texts | None = None,
                     description: Texts | None = None, address_info: Texts | None = None,
                     modified: str = "2026-08-20T07:00:00") -> dict[str, Any]:
    """A ServiceLocation channel. Give WGS84 lat/lon (converted to EPSG:3067 strings) or raw
    northing/easting strings (e.g. "0")."""
    if northing is None or easting is None:
        if lat is None or lon is None:
            northing = easting = "0"
        else:
            n, e = wgs84_to_tm35fin(lat, lon)
            northing, easting = f"{n:.3f}", f"{e:.3f}"
    head = _channel_head(channel_id, "ServiceLocation", names, org_id, summary=summary, description=description,
                         municipalities=[municipality_code], area_type="LimitedType")
    return {
        **head,
        "phoneNumbers": list(phones),
        "emails": [{"value": e, "language": "fi"} for e in emails],
        "languages": list(languages),
        "webPages": list(web),
        "addresses": [{
            "type": "Location",
            "subType": "Single",
            "postOfficeBoxAddress": None,
            "streetAddress": {
                "street": language_items(street),
                "streetNumber": number,
                "postalCode": postal_code,
                "postOffice": language_items(post_office),
                "municipality": municipality(municipality_code),
                "additionalInformation": language_items(address_info),
                "latitude": northing,
                "longitude": easting,
                "coordinateState": "Ok" if northing not in ("0", "") else "EmptyInputReceived",
            },
            "otherAddress": None,
            "locationAbroad": None,
            "entrances": [],
            "country": "FI",
        }],
        "serviceHours": list(hours),
        "services": [],
        "serviceCollections": [],
        "publishingStatus": "Published",
        "modified": modified,
        "responsibleSoteOrganization": None,
        "ontologyTerms": [],
    }


def phone_channel(channel_id: str, names: Texts, org_id: str, *, phones: list[dict[str, Any]],
                  hours: list[dict[str, Any]] = (), languages: Iterable[str] = ("fi", "sv"),  # type: ignore[assignment]
                  area_type: str = "LimitedType", municipalities: Iterable[str] = ("092",),
                  emails: Iterable[str] = (), modified: str = "2026-08-20T07:00:00") -> dict[str, Any]:
    head = _channel_head(channel_id, "Phone", names, org_id, summary=None, description=None,
                         municipalities=municipalities, area_type=area_type)
    return {**head, "phoneNumbers": list(phones), "supportEmails": [{"value": e, "language": "fi"} for e in emails],
            "languages": list(languages), "webPages": [], "serviceHours": list(hours), "services": [],
            "serviceCollections": [], "publishingStatus": "Published", "modified": modified,
            "responsibleSoteOrganization": None}


def web_channel(channel_id: str, names: Texts, org_id: str, *, pages: list[dict[str, Any]],
                kind: str = "WebPage", languages: Iterable[str] = ("fi",), municipalities: Iterable[str] = ("092",),
                modified: str = "2026-08-20T07:00:00") -> dict[str, Any]:
    """A WebPage channel, or an EChannel (`kind="EChannel"`)."""
    head = _channel_head(channel_id, kind, names, org_id, summary=None, description=None,
                         municipalities=municipalities, area_type="LimitedType")
    extra: dict[str, Any] = {}
    if kind == "EChannel":
        extra = {"signatureQuantity": 0, "requiresSignature": False, "requiresAuthentication": False, "attachments": []}
    return {**head, **extra, "supportPhones": [], "supportEmails": [], "languages": list(languages),
            "webPages": list(pages), "serviceHours": [], "accessibilityClassification": [], "services": [],
            "serviceCollections": [], "publishingStatus": "Published", "modified": modified,
            "responsibleSoteOrganization": None}


def organization(org_id: str, names: Texts, *, business_code: str | None = None, municipality_code: str | None = None,
                 org_type: str = "Municipality") -> dict[str, Any]:
    return {
        "id": org_id,
        "sourceId": None,
        "oid": None,
        "parentOrganizationId": None,
        "organizationRootId": org_id,
        "organizationType": org_type,
        "businessCode": business_code,
        "businessName": names.get("fi"),
        "organizationNames": typed_items(names, "Name"),
        "displayNameType": [{"type": "Name", "language": lang} for lang in names],
        "areaType": "LimitedType",
        "areas": [],
        "municipality": municipality(municipality_code) if municipality_code else None,
        "organizationDescriptions": [],
        "emails": [],
        "phoneNumbers": [],
        "webPages": [],
        "addresses": [],
        "electronicInvoicings": [],
        "services": [],
        "publishingStatus": "Published",
        "modified": "2026-01-10T09:00:00",
    }


def page(items: list[Any], number: int, size: int) -> dict[str, Any]:
    count = math.ceil(len(items) / size) if items else 0
    return {"pageNumber": number, "pageSize": size, "pageCount": count,
            "itemList": items[(number - 1) * size: number * size] if items else []}


@dataclass
class World:
    """A small PTV: services, channels and organisations, written out as a recording."""

    services: list[dict[str, Any]] = field(default_factory=list)
    channels: list[dict[str, Any]] = field(default_factory=list)
    organizations: list[dict[str, Any]] = field(default_factory=list)
    page_size: int = 100

    def link_channels(self) -> None:
        """Fill each channel's `services` (the reverse connections) from the services."""
        by_id = {c["id"]: c for c in self.channels}
        for channel in self.channels:
            channel["services"] = []
        for svc in self.services:
            for conn in svc.get("serviceChannels") or []:
                channel = by_id.get(conn["serviceChannel"]["id"])
                if channel is None:
                    continue
                name = next((n["value"] for n in svc["serviceNames"] if n["language"] == "fi"), "")
                channel["services"].append({**{k: v for k, v in conn.items() if k != "serviceChannel"},
                                            "service": {"id": svc["id"], "name": name}})

    def services_in(self, code: str, include_nationwide: bool) -> list[dict[str, Any]]:
        result = []
        for svc in self.services:
            if svc["publishingStatus"] != "Published":
                continue
            if svc["areaType"] in ("Nationwide", "NationwideExceptAlandIslands"):
                if include_nationwide:
                    result.append(svc)
                continue
            codes = {m["code"] for a in svc["areas"] for m in a.get("municipalities") or []}
            if code in codes:
                result.append(svc)
        return result

    def channels_in(self, code: str) -> list[dict[str, Any]]:
        result = []
        for channel in self.channels:
            codes = {a["streetAddress"]["municipality"]["code"] for a in channel.get("addresses") or [] if a.get("streetAddress")}
            codes |= {m["code"] for a in channel.get("areas") or [] for m in a.get("municipalities") or []}
            if code in codes:
                result.append(channel)
        return result

    def write(self, root: Path, municipalities: Iterable[str], *, gd: bool = True, today: str | None = None) -> list[Path]:
        """Write the recording files the importer asks for in a full run; returns the paths."""
        self.link_channels()
        root.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []

        def put(key: str, data: Any) -> None:
            written.append(write_answer(root, key, data))

        for code in municipalities:
            for include in (True, False):
                items = self.services_in(code, include)
                params = {"includeWholeCountry": "true" if include else "false"}
                if gd:
                    params["serviceWithGD"] = "true"
                for number in range(1, max(1, math.ceil(len(items) / self.page_size)) + 1):
                    put(request_key(f"Service/list/area/Municipality/code/{code}", {**params, "page": str(number)}),
                        page(items, number, self.page_size))
            items = self.channels_in(code)
            for number in range(1, max(1, math.ceil(len(items) / self.page_size)) + 1):
                put(request_key(f"ServiceChannel/list/area/Municipality/code/{code}",
                                {"includeWholeCountry": "false", "page": str(number)}),
                    page(items, number, self.page_size))
        for svc in self.services:
            if svc["publishingStatus"] == "Published":
                put(f"Service/{svc['id']}", svc)
                if gd:
                    put(f"Service/serviceWithGD/{svc['id']}", svc)
        for channel in self.channels:
            put(f"ServiceChannel/{channel['id']}", channel)
        for org in self.organizations:
            put(f"Organization/{org['id']}", org)
        if today:
            put("_recording", {"today": today, "note": "replays pin this date (hours in force, expired exceptions)"})
        return written

    def write_id_pages(self, root: Path, path: str, ids: list[str], params: Mapping[str, str]) -> None:
        """An ID page list (`Service?date=…`) for incremental runs."""
        items = [{"id": i, "name": ""} for i in ids]
        pages = max(1, math.ceil(len(items) / self.page_size))
        for number in range(1, pages + 1):
            write_answer(root, request_key(path, {**params, "page": str(number)}), page(items, number, self.page_size),
                         indent=None)
