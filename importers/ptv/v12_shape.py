"""PTV v12 JSON → the v11 shape that normalize.py reads. Pure functions, no HTTP.

The v12 adapter (`v12.py`) fetches; this module only re-shapes, so normalisation is the same
code for both API versions and the records are the same whatever version they came from.
What v12 does not carry on the object itself is passed in as a `Lookups` (names from v12's
reference lists, a channel's connections, general-description texts):

* ids: `contentId` → `id` (lower case, as v11 GUIDs are compared);
* texts: `languageVersions: {fi: {name, summary, …}}` → v11 `[{language, value, type}]` items.
  Every language version is carried (fi, sv, en and the Sámi se, smn, sms); a missing
  translation (`""` or null) becomes no item, as in v11;
* renamed values: `WholeCountry` → `Nationwide`, `Free`/`Charged` → `FreeOfCharge`/`Chargeable`,
  `TelephoneService`/`EService` → `Phone`/`EChannel`, `PermitOrOtherObligation` →
  `PermitOrObligation`, `serviceLanguages` → `languages`, `conditions` → `requirements`,
  `isAlternativeNamePrimary` → `displayNameType`;
* classifications: bare codes / URIs → `{code | uri, name[]}` objects, names from the lists;
* coordinates: numeric `easting`/`northing` (EPSG:3067) → v11's `latitude` (northing) and
  `longitude` (easting) strings; the town (`postOffice`) from `postal-codes`, the address's
  municipality from the channel's own area (one municipality) with names from
  `municipality-codes`;
* service hours: `{hours[], holidayServiceHours}` → v11 `serviceHours[]` rows (see `hours_rows`);
* phones: `DomesticPhone` → a Finnish service number, `InternationalPhone` → `prefixNumber` =
  `dialCode`; e-mails `{email}` → `{value, language}`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

#: Language versions in the order v11 lists them (v12 groups by language, v11 by item).
LANGUAGE_ORDER = ("fi", "sv", "en", "se", "smn", "sms")

AREA_TYPES = {"wholecountry": "Nationwide", "wholecountryexceptaland": "NationwideExceptAlandIslands",
              "limitedarea": "LimitedType"}
CHANNEL_TYPES = {"telephoneservice": "Phone", "eservice": "EChannel", "servicelocation": "ServiceLocation",
                 "webpage": "WebPage", "printableform": "PrintableForm"}
SERVICE_TYPES = {"service": "Service", "permitorotherobligation": "PermitOrObligation",
                 "professionalqualification": "ProfessionalQualifications"}
SERVICE_CHARGE = {"free": "FreeOfCharge", "charged": "Chargeable", "other": "Other"}
PHONE_CHARGE = {"free": "FreeOfCharge", "charged": "Chargeable", "extracharge": "Other"}
PHONE_TYPES = {"fax": "Fax", "sms": "Sms"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CODE = re.compile(r"^[A-Za-z]+[0-9]+(?:\.[0-9]+)*$")


@dataclass
class Lookups:
    """What a v12 object refers to but does not contain, gathered by the adapter."""

    postal_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Postal code → post-office name per language (`postal-codes`)."""
    municipality_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Municipality code → name per language (`municipality-codes`)."""
    ontology_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Ontology term URI → name per language (`ontology-terms`)."""
    class_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Service class or target group code → name per language, when fetched."""
    area_municipalities: Mapping[str, list[str]] = field(default_factory=dict)
    """`region:NN` / `county:NN` → its municipality codes (`region-codes`, `wellbeing-services-county-codes`)."""
    location_municipalities: Mapping[str, str] = field(default_factory=dict)
    """Service location id → the municipality of its addresses (see `location_municipality`)."""


# --- small readers --------------------------------------------------------------------------

def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _list(value) if isinstance(item, dict)]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    """A v12 text: None for a missing translation ("" or null) or a non-string."""
    return value if isinstance(value, str) and value.strip() else None


def content_id(obj: Mapping[str, Any], *keys: str) -> str:
    for key in keys or ("contentId",):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return ""


def versions(obj: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """`languageVersions` as (language, fields) pairs in v11's language order, others after."""
    raw = _dict(obj.get("languageVersions"))
    langs = [lang for lang in LANGUAGE_ORDER if lang in raw] + sorted(k for k in raw if k not in LANGUAGE_ORDER)
    return [(lang, raw[lang]) for lang in langs if isinstance(lang, str) and isinstance(raw[lang], dict)]


def localized(texts: Any) -> list[dict[str, str]]:
    """`{fi: "…", sv: "…"}` → `[{value, language}]` without the empty ones."""
    result = []
    raw = _dict(texts)
    for lang in [k for k in LANGUAGE_ORDER if k in raw] + sorted(k for k in raw if k not in LANGUAGE_ORDER):
        if (value := _text(raw[lang])) is not None:
            result.append({"value": value, "language": lang})
    return result


def _typed(obj: Mapping[str, Any], key: str, kind: str) -> list[dict[str, str]]:
    return [{"language": lang, "value": value, "type": kind}
            for lang, fields in versions(obj) if (value := _text(fields.get(key))) is not None]


def _per_language(obj: Mapping[str, Any], key: str) -> list[dict[str, str]]:
    return [{"value": value, "language": lang}
            for lang, fields in versions(obj) if (value := _text(fields.get(key))) is not None]


def _names(obj: Mapping[str, Any]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(v11 names with Name/AlternativeName types, displayNameType per language)."""
    names = _typed(obj, "name", "Name") + _typed(obj, "alternativeName", "AlternativeName")
    display = [{"type": "AlternativeName" if fields.get("isAlternativeNamePrimary") is True else "Name",
                "language": lang} for lang, fields in versions(obj) if _text(fields.get("name"))
               or _text(fields.get("alternativeName"))]
    return names, display


def _renamed(value: Any, table: Mapping[str, str]) -> Any:
    if not isinstance(value, str):
        return value
    return table.get(value.strip().lower(), value)


def _languages(obj: Mapping[str, Any]) -> list[str]:
    return [code for code in _list(obj.get("serviceLanguages")) if isinstance(code, str)]


def _publication(obj: Mapping[str, Any]) -> str | None:
    value = obj.get("publishedAt")
    return value if isinstance(value, str) else None


# --- area ------------------------------------------------------------------------------------

def municipality(code: str, lookups: Lookups) -> dict[str, Any]:
    names = lookups.municipality_names.get(code) or {}
    return {"code": code, "name": localized(names)}


def _codes(value: Any, pattern: str) -> list[str]:
    return [str(c).strip() for c in _list(value) if re.fullmatch(pattern, str(c).strip())]


def area(obj: Mapping[str, Any], lookups: Lookups) -> tuple[str | None, list[dict[str, Any]]]:
    """v12 `area` → (v11 areaType, v11 areas[]). Regions and counties carry their municipalities
    (as v11's do) when the reference lists gave them."""
    raw = obj.get("area")
    if not isinstance(raw, dict):
        return None, []
    area_type = AREA_TYPES.get(str(raw.get("areaType") or "").strip().lower(), raw.get("areaType"))
    if area_type != "LimitedType":
        return area_type, []
    areas: list[dict[str, Any]] = []
    munis = _codes(raw.get("municipalities"), r"\d{1,3}")
    if munis:
        areas.append({"type": "Municipality", "code": None, "name": None,
                      "municipalities": [municipality(c.zfill(3), lookups) for c in munis]})
    for key, kind, prefix in (("regions", "Region", "region"),
                              ("wellbeingServicesCounties", "WellbeingServiceCounties", "county")):
        for code in _codes(raw.get(key), r"\d{1,2}"):
            members = lookups.area_municipalities.get(f"{prefix}:{code.zfill(2)}") or []
            areas.append({"type": kind, "code": code.zfill(2), "name": None,
                          "municipalities": [municipality(m, lookups) for m in members]})
    return area_type, areas


def area_municipality_codes(obj: Mapping[str, Any]) -> list[str]:
    raw = obj.get("area")
    if not isinstance(raw, dict):
        return []
    return [c.zfill(3) for c in _codes(raw.get("municipalities"), r"\d{1,3}")]


# --- contacts --------------------------------------------------------------------------------

def phone(entry: Mapping[str, Any], lang: str) -> dict[str, Any]:
    kind = str(entry.get("type") or "").strip().lower()
    dial = str(entry.get("dialCode") or "").strip()
    domestic = kind in ("domesticphone", "domestic")
    return {
        "type": PHONE_TYPES.get(kind, "Phone"),
        "additionalInformation": _text(entry.get("additionalInformation")),
        "serviceChargeType": _renamed(entry.get("chargeType"), PHONE_CHARGE),
        "chargeDescription": _text(entry.get("chargeDescription")),
        "prefixNumber": None if domestic or not dial else dial,
        "isFinnishServiceNumber": domestic,
        "number": entry.get("number"),
        "language": lang,
    }


def phones(obj: Mapping[str, Any], *keys: str) -> list[dict[str, Any]]:
    return [phone(entry, lang) for lang, fields in versions(obj) for key in keys for entry in _dicts(fields.get(key))]


def emails(obj: Mapping[str, Any], *keys: str) -> list[dict[str, str]]:
    return [{"value": entry["email"], "language": lang} for lang, fields in versions(obj) for key in keys
            for entry in _dicts(fields.get(key)) if isinstance(entry.get("email"), str)]


def web_pages(obj: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    """`contactWebPages[{name, url}]` or a single `webAddress{name, url}` per language."""
    result = []
    for lang, fields in versions(obj):
        value = fields.get(key)
        for entry in ([value] if isinstance(value, dict) else _dicts(value)):
            if _text(entry.get("url")):
                result.append({"url": entry["url"], "value": _text(entry.get("name")), "language": lang})
    return result


# --- coordinates and addresses -------------------------------------------------------------------

def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    return str(value)


def point(coordinates: Any) -> tuple[str | None, str | None]:
    """The first EPSG:3067 point → (northing, easting) as v11 strings; (None, None) without one."""
    for item in _dicts(coordinates):
        if str(item.get("system") or "EPSG:3067").strip().upper() != "EPSG:3067":
            continue
        northing, easting = _number(item.get("northing")), _number(item.get("easting"))
        if northing is not None and easting is not None:
            return northing, easting
    return None, None


def _address(raw: Mapping[str, Any], kind: str, muni: str | None, lookups: Lookups) -> dict[str, Any]:
    postal = str(raw.get("postalCode") or "").strip() or None
    northing, easting = point(raw.get("coordinates"))
    body: dict[str, Any] = {
        "postalCode": postal,
        "postOffice": localized(lookups.postal_names.get(postal or "") or {}),
        "municipality": municipality(muni, lookups) if muni else None,
        "additionalInformation": localized(raw.get("additionalInformation")),
        "latitude": northing,
        "longitude": easting,
    }
    if kind == "street":
        body = {"street": localized(raw.get("streetName")), "streetNumber": raw.get("addressDetail"), **body}
        body["accessibilityRegisterServicePointId"] = raw.get("accessibilityRegisterServicePointId")
    return {"type": "Location", "subType": "Single" if kind == "street" else "Other",
            "streetAddress": body if kind == "street" else None,
            "otherAddress": body if kind == "other" else None, "country": "FI"}


def location_municipality(channel: Mapping[str, Any], searched: Iterable[str] = ()) -> str | None:
    """The municipality of a service location's addresses, which v12 does not write on the
    address: the location's own area when it names one municipality; otherwise the one
    municipality search (`searched`) that found it among those its area names (or any, without
    an area)."""
    codes = area_municipality_codes(channel)
    if len(codes) == 1:
        return codes[0]
    found = sorted({c for c in searched if not codes or c in codes})
    return found[0] if len(found) == 1 else None


def addresses(channel: Mapping[str, Any], lookups: Lookups) -> list[dict[str, Any]]:
    """A service location's visiting addresses, street addresses first (as v11 lists them)."""
    location = _dict(channel.get("location"))
    muni = lookups.location_municipalities.get(content_id(channel)) or location_municipality(channel)
    return ([_address(raw, "street", muni, lookups) for raw in _dicts(location.get("streetAddresses"))]
            + [_address(raw, "other", muni, lookups) for raw in _dicts(location.get("otherAddresses"))])


# --- service hours -------------------------------------------------------------------------------

def _time(value: Any) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", value.strip()):
        return None
    return value.strip()[:5].zfill(5) + ":00"


def _day_name(value: Any) -> str | None:
    text = str(value or "").strip().lower()
    return text.capitalize() if text in WEEKDAYS else None


def _status(hour: Mapping[str, Any]) -> str:
    return str(hour.get("openingStatus") or "Open").strip().lower()


def _merge_texts(*groups: Any) -> list[dict[str, str]]:
    """Notes per language from several v12 text dicts, joined with a space."""
    merged: dict[str, str] = {}
    for group in groups:
        for item in localized(group):
            lang, value = item["language"], item["value"]
            if value not in merged.get(lang, ""):
                merged[lang] = f"{merged[lang]} {value}" if lang in merged else value
    return [{"value": value, "language": lang} for lang, value in merged.items()]


def _row(kind: str, *, valid_from: str | None = None, valid_to: str | None = None, closed: bool = False,
         always: bool = False, reservation: bool = False, info: list[dict[str, str]] | None = None,
         opening: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"serviceHourType": kind, "validFrom": f"{valid_from}T00:00:00" if valid_from else None,
            "validTo": f"{valid_to}T00:00:00" if valid_to else None, "isClosed": closed,
            "validForNow": valid_to is None, "isAlwaysOpen": always, "isReservation": reservation,
            "additionalInformation": info or [], "openingHour": opening or []}


def _weekly_opening(week: Any) -> tuple[list[dict[str, Any]], bool, list[Any]]:
    """`weeklyHours{monday: {hours[{start, end, openingStatus}]}}` → (v11 openingHour rows,
    any by reservation, the hours' own notes). An end before the start runs into the next day."""
    rows, reservation, notes = [], False, []
    week = _dict(week)
    for index, day in enumerate(WEEKDAYS):
        for hour in _dicts(_dict(week.get(day)).get("hours")):
            if _status(hour) == "closed":
                continue
            opens, closes = _time(hour.get("start")), _time(hour.get("end"))
            if opens is None or closes is None:
                continue
            over = closes < opens and closes != "00:00:00"
            rows.append({"dayFrom": day.capitalize(), "dayTo": WEEKDAYS[(index + 1) % 7].capitalize() if over else "",
                         "from": opens, "to": closes})
            reservation = reservation or _status(hour) == "openonreservation"
            notes.append(hour.get("additionalInformation"))
    return rows, reservation, notes


def _date(value: Any) -> str | None:
    text = str(value or "").strip()[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _always_open_span(entry: Mapping[str, Any]) -> bool:
    """Monday 00:00 → Sunday 24:00: v12's way of saying "open round the clock" for a period."""
    return (_day_name(entry.get("fromDay")) == "Monday" and _day_name(entry.get("toDay")) == "Sunday"
            and _time(entry.get("fromTime")) == "00:00:00" and _time(entry.get("toTime")) in ("24:00:00", "00:00:00", "23:59:00"))


def hours_rows(service_hours: Any, years: Iterable[int] = ()) -> list[dict[str, Any]]:
    """v12 `serviceHours` → v11 `serviceHours[]`.

    WeeklyUntilFurtherNotice → regular weekly rows; WeeklyDateRange → weekly rows with a
    validity (seasonal); ContinuousAlwaysValid → always open; ContinuousWeekdaysUntilFurtherNotice
    and ContinuousDateRange → one opening from a day and time to another (over midnight);
    ExceptionalDateRange → an exceptional period (closed when no hour is open). Holidays
    (`holidayServiceHours`) become exceptional days in the given `years`.
    """
    raw = _dict(service_hours)
    rows: list[dict[str, Any]] = []
    for entry in _dicts(raw.get("hours")):
        kind = str(entry.get("type") or "").strip()
        # The heading ("Summer hours") stands in for a missing note: v11 rows have only the note.
        note = entry.get("additionalInformation") if localized(entry.get("additionalInformation")) else entry.get("heading")
        info = _merge_texts(note)
        if kind in ("WeeklyUntilFurtherNoticeServiceHour", "WeeklyDateRangeServiceHour"):
            opening, reservation, notes = _weekly_opening(entry.get("weeklyHours"))
            dated = kind == "WeeklyDateRangeServiceHour"
            rows.append(_row("DaysOfTheWeek", valid_from=_date(entry.get("fromDate")) if dated else None,
                             valid_to=_date(entry.get("toDate")) if dated else None, closed=not opening,
                             reservation=reservation, info=_merge_texts(note, *notes),
                             opening=opening))
        elif kind == "ContinuousAlwaysValidServiceHour":
            rows.append(_row("DaysOfTheWeek", always=True, reservation=_status(entry) == "openonreservation", info=info))
        elif kind in ("ContinuousWeekdaysUntilFurtherNoticeServiceHour", "ContinuousDateRangeServiceHour"):
            dated = kind == "ContinuousDateRangeServiceHour"
            valid = dict(valid_from=_date(entry.get("fromDate")) if dated else None,
                         valid_to=_date(entry.get("toDate")) if dated else None)
            reservation = _status(entry) == "openonreservation"
            if dated and _always_open_span(entry):
                rows.append(_row("DaysOfTheWeek", always=True, reservation=reservation, info=info, **valid))
                continue
            opening = [{"dayFrom": _day_name(entry.get("fromDay")), "dayTo": _day_name(entry.get("toDay")) or "",
                        "from": _time(entry.get("fromTime")), "to": _time(entry.get("toTime"))}]
            rows.append(_row("OverMidnight", reservation=reservation, info=info, opening=opening, **valid))
        elif kind == "ExceptionalDateRangeServiceHour":
            start, end = _date(entry.get("fromDate")), _date(entry.get("toDate"))
            times: list[tuple[str, str]] = []
            reservation = marked_closed = False
            notes = []
            week = _dict(entry.get("weeklyHours"))
            for day in WEEKDAYS:
                for hour in _dicts(_dict(week.get(day)).get("hours")):
                    if _status(hour) == "closed":
                        marked_closed = True
                        continue
                    opens, closes = _time(hour.get("start")), _time(hour.get("end"))
                    if opens and closes and (opens, closes) not in times:
                        times.append((opens, closes))
                    reservation = reservation or _status(hour) == "openonreservation"
                    notes.append(hour.get("additionalInformation"))
            # Closed: no weekday at all, or only hours marked Closed. Weekdays without any hours
            # are neither open nor closed (v11's "neither times nor closed", a warning).
            declared = any(day in week for day in WEEKDAYS)
            closed = not times and (not declared or marked_closed)
            rows.append(_row("Exceptional", valid_from=start, valid_to=end if end != start else None, closed=closed,
                             reservation=reservation,
                             info=_merge_texts(note, *notes),
                             opening=[{"dayFrom": None, "dayTo": None, "from": o, "to": c} for o, c in times]))
        # An unknown type is left out: v11 rows of unknown types are warnings, never guesses.
    holidays = _dict(raw.get("holidayServiceHours"))
    if holidays:
        repetition = _dict(holidays.get("repetition"))
        chosen = [int(y) for y in _list(repetition.get("years")) if isinstance(y, int)] or list(years)
        for holiday in _dicts(holidays.get("holidays")):
            for year in chosen:
                day = holiday_date(str(holiday.get("holidayName") or ""), year)
                if day is None:
                    continue
                hours = [h for h in _dicts(holiday.get("hours")) if _status(h) != "closed"]
                times = [(o, c) for h in hours if (o := _time(h.get("start"))) and (c := _time(h.get("end")))]
                rows.append(_row("Exceptional", valid_from=day.isoformat(), closed=not times,
                                 info=_merge_texts(*[h.get("additionalInformation") for h in _dicts(holiday.get("hours"))]),
                                 opening=[{"dayFrom": None, "dayTo": None, "from": o, "to": c} for o, c in times]))
    return rows


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (a + 11 * h) // 319
    r = (2 * e + 2 * i - k - h + m + 32) % 7
    month = (h - m + r + 90) // 25
    return date(year, month, (h - m + r + month + 19) % 32)


def _weekday_between(year: int, month: int, first: int, weekday: int) -> date:
    """The first `weekday` (Mon=0) on or after `first` of the month (Midsummer, All Saints')."""
    start = date(year, month, first)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def holiday_date(name: str, year: int) -> date | None:
    """The date of a v12 `holidayName` in `year` (Finnish public holidays and eves)."""
    fixed = {"NewYearDay": (1, 1), "Epiphany": (1, 6), "MayDayEve": (4, 30), "MayDay": (5, 1),
             "IndependenceDay": (12, 6), "ChristmasEve": (12, 24), "ChristmasDay": (12, 25),
             "SecondDayOfChristmas": (12, 26), "NewYearEve": (12, 31)}
    if name in fixed:
        return date(year, *fixed[name])
    easter = _easter(year)
    moving = {"MaundyThursday": -3, "GoodFriday": -2, "EasterSunday": 0, "EasterMonday": 1,
              "AscensionDay": 39, "WhitSunday": 49}
    if name in moving:
        return easter + timedelta(days=moving[name])
    if name == "MidsummerEve":
        return _weekday_between(year, 6, 19, 4)
    if name == "MidsummerDay":
        return _weekday_between(year, 6, 20, 5)
    if name == "AllSaintsDay":
        return _weekday_between(year, 10, 31, 5)
    return None


# --- services, channels, connections, organisations --------------------------------------------

def classification(value: Any, names: Mapping[str, Mapping[str, str]]) -> dict[str, Any] | None:
    """A bare code (`P27.1`) or URI → a v11 classification object."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if _CODE.match(text):
        return {"code": text, "uri": None, "name": localized(names.get(text) or {})}
    return {"code": None, "uri": text, "name": localized(names.get(text) or {})}


def ontology_term(uri: Any, lookups: Lookups) -> dict[str, Any] | None:
    if not isinstance(uri, str) or not uri.strip():
        return None
    return {"uri": uri.strip(), "code": None, "name": localized(lookups.ontology_names.get(uri.strip()) or {})}


def organisation_links(service: Mapping[str, Any]) -> list[dict[str, Any]]:
    """`organizationContentId` (responsible), `otherResponsibleOrganizations` and the producers'
    organisations → v11 `organizations[{organization{id,name}, roleType}]` (v12 embeds no names)."""
    links: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(org_id: Any, role: str) -> None:
        if isinstance(org_id, str) and org_id.strip() and (org_id.strip().lower(), role) not in seen:
            seen.add((org_id.strip().lower(), role))
            links.append({"organization": {"id": org_id.strip().lower(), "name": None}, "roleType": role})

    add(service.get("organizationContentId"), "Responsible")
    for org_id in _list(service.get("otherResponsibleOrganizations")):
        add(org_id, "OtherResponsible")
    producers = _dict(service.get("producers"))
    for key in ("selfProducedProducers", "procuredProducers", "otherProducers"):
        for org_id in _list(_dict(producers.get(key)).get("organizations")):
            add(org_id, "Producer")
    return links


def service(raw: Mapping[str, Any], lookups: Lookups) -> dict[str, Any]:
    """A v12 service → a v11 service without `serviceChannels` (connections come separately)."""
    names, _ = _names(raw)
    descriptions = (_typed(raw, "summary", "Summary") + _typed(raw, "description", "Description")
                    + _typed(raw, "userInstructions", "UserInstruction")
                    + _typed(raw, "chargeTypeAdditionalInformation", "ChargeTypeAdditionalInfo"))
    area_type, areas = area(raw, lookups)
    return {
        "id": content_id(raw),
        "generalDescriptionId": content_id(raw, "generalDescriptionContentId") or None,
        "type": _renamed(raw.get("serviceType"), SERVICE_TYPES) or "Service",
        "serviceNames": names,
        "serviceChargeType": _renamed(raw.get("chargeType"), SERVICE_CHARGE),
        "areaType": area_type,
        "areas": areas,
        "serviceDescriptions": descriptions,
        "languages": _languages(raw),
        "serviceClasses": [c for v in _list(raw.get("serviceClasses")) if (c := classification(v, lookups.class_names))],
        "ontologyTerms": [t for v in _list(raw.get("ontologyTerms")) if (t := ontology_term(v, lookups))],
        "targetGroups": [c for v in _list(raw.get("targetGroups")) if (c := classification(v, lookups.class_names))],
        "keywords": [{"value": k, "language": lang} for lang, fields in versions(raw)
                     for k in _list(fields.get("freelyAssignedKeywords")) if _text(k)],
        "requirements": _per_language(raw, "conditions"),
        "serviceChannels": None,
        "organizations": organisation_links(raw),
        "publishingStatus": "Published",
        "modified": _publication(raw),
    }


def general_description_texts(raw: Mapping[str, Any]) -> list[dict[str, str]]:
    """A general description's texts as v11 serviceWithGD adds them (`GD_…` types)."""
    return (_typed(raw, "summary", "GD_Summary") + _typed(raw, "description", "GD_Description")
            + _typed(raw, "chargeTypeAdditionalInformation", "GD_ChargeTypeAdditionalInfo"))


def connection(raw: Mapping[str, Any], years: Iterable[int] = ()) -> dict[str, Any]:
    """A v12 connection → a v11 `serviceChannels[]` item (connection-level hours and contacts)."""
    channel_id = content_id(raw, "channelContentId", "serviceChannelContentId")
    details = {"phoneNumbers": phones(raw, "contactPhoneNumbers"), "emails": emails(raw, "contactEmails"),
               "webPages": web_pages(raw, "contactWebPages"), "addresses": []}
    return {
        "serviceChannel": {"id": channel_id, "name": None},
        "serviceChargeType": _renamed(raw.get("chargeType"), SERVICE_CHARGE),
        "description": _typed(raw, "description", "Description"),
        "serviceHours": hours_rows(raw.get("serviceHours"), years),
        "contactDetails": details if any(details[k] for k in ("phoneNumbers", "emails", "webPages")) else None,
        "modified": _publication(raw),
    }


def channel(raw: Mapping[str, Any], lookups: Lookups, connections: Iterable[Mapping[str, Any]] = (),
            years: Iterable[int] = ()) -> dict[str, Any]:
    """A v12 channel → a v11 channel; `connections` (v12) become its `services[]`."""
    kind = _renamed(raw.get("serviceChannelType"), CHANNEL_TYPES)
    names, display = _names(raw)
    area_type, areas = area(raw, lookups)
    result: dict[str, Any] = {
        "id": content_id(raw),
        "serviceChannelType": kind,
        "organizationId": content_id(raw, "organizationContentId") or None,
        "serviceChannelNames": names,
        "serviceChannelDescriptions": _typed(raw, "summary", "Summary") + _typed(raw, "description", "Description"),
        "displayNameType": display,
        "areaType": area_type,
        "areas": areas,
        "languages": _languages(raw),
        "serviceHours": hours_rows(raw.get("serviceHours"), years),
        "services": [{**{k: v for k, v in connection(c, years).items() if k != "serviceChannel"},
                      "service": {"id": content_id(c, "serviceContentId"), "name": None}} for c in connections],
        "publishingStatus": "Published",
        "modified": _publication(raw),
    }
    if kind == "ServiceLocation":
        result.update(phoneNumbers=phones(raw, "contactPhoneNumbers"), emails=emails(raw, "contactEmails"),
                      webPages=web_pages(raw, "contactWebPages"), addresses=addresses(raw, lookups))
    elif kind == "Phone":
        result.update(phoneNumbers=phones(raw, "phoneNumbers"), supportEmails=emails(raw, "supportEmails"),
                      webPages=web_pages(raw, "webAddress"))
    else:  # WebPage, EChannel, PrintableForm
        result.update(phoneNumbers=phones(raw, "supportPhoneNumbers"), supportEmails=emails(raw, "supportEmails"),
                      webPages=web_pages(raw, "webAddress"))
    return result


def organization(raw: Mapping[str, Any]) -> dict[str, Any]:
    names, display = _names(raw)
    return {"id": content_id(raw), "organizationNames": names, "displayNameType": display,
            "businessCode": raw.get("businessId"), "organizationType": raw.get("organizationType"),
            "parentOrganizationId": content_id(raw, "parentOrganizationContentId") or None,
            "publishingStatus": "Published", "modified": _publication(raw)}


def ontology_uris(raw: Mapping[str, Any]) -> set[str]:
    return {u.strip() for u in _list(raw.get("ontologyTerms")) if isinstance(u, str) and u.strip()}


def postal_codes(raw: Mapping[str, Any]) -> set[str]:
    location = _dict(raw.get("location"))
    return {str(a.get("postalCode")).strip() for key in ("streetAddresses", "otherAddresses")
            for a in _dicts(location.get(key)) if str(a.get("postalCode") or "").strip()}


def area_codes(raw: Mapping[str, Any]) -> tuple[set[str], set[str], set[str]]:
    """(municipality, region, county) codes named by an object's area."""
    value = _dict(raw.get("area"))
    return ({c.zfill(3) for c in _codes(value.get("municipalities"), r"\d{1,3}")},
            {c.zfill(2) for c in _codes(value.get("regions"), r"\d{1,2}")},
            {c.zfill(2) for c in _codes(value.get("wellbeingServicesCounties"), r"\d{1,2}")})
