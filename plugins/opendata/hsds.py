"""The tray's records in the Open Referral HSDS 3.0 shape (https://docs.openreferral.org/en/v3.0/).

One table per HSDS object, each a JSON list whose items validate against that object's schema
(organization.json, service.json, …). HSDS texts have one language: the default UI language,
with the record's own fallback. Ids are UUIDs derived from the tray's ids (uuid5), so they stay
the same from build to build. Only sources whose licence allows republishing are included
(`LICENCES`); Lähellä.fi has published no terms that allow it.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
import uuid

from tarjotin.safe_markdown import render_markdown

#: Licence of each source's content in the open data. Kept here (not in tarjotin/sources.py) so
#: this module stands on its own; a source missing from this mapping is left out of the open data.
LICENCES = {
    "ptv": {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"},
    "local": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
}
#: Sources left out, and why (shown on the open data page).
EXCLUDED = {"lahella": "no published terms allow republishing Lähellä.fi content"}

NAMESPACE = uuid.UUID("6f1c7a9e-3d1b-5e0a-9c0f-2b7e4d1a8c55")
DAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
TABLES = ("organizations", "services", "locations", "service_at_locations", "taxonomies", "taxonomy_terms")


_NAMESPACE_SHA1 = hashlib.sha1(NAMESPACE.bytes)


def uid(*parts: str) -> str:
    """`str(uuid.uuid5(NAMESPACE, "/".join(parts)))`, without the UUID object: the tables need
    about 15 ids per record, and the object costs twice the hash."""
    digest = _NAMESPACE_SHA1.copy()
    digest.update("/".join(parts).encode())
    raw = bytearray(digest.digest()[:16])
    raw[6] = raw[6] & 0x0F | 0x50  # version 5
    raw[8] = raw[8] & 0x3F | 0x80  # the RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_TAG = re.compile(r"<[^>]+>")
_NEWLINE_AND_SPACE = re.compile(r"\n\s*")
_SPACES = re.compile(r"[ \t]{2,}|\t")  # a lone space is left alone: replacing each cost more than all the rest


def plain(markdown_text: str) -> str:
    """A description's Markdown as plain text (HSDS, CSV and iCalendar carry no markup)."""
    return plain_of_html(render_markdown(markdown_text))


def plain_of_html(markup: str) -> str:
    r"""The text of HTML: tags as spaces, a run of white space with a line break in it as one line
    break, other runs of spaces and tabs as one space. Each pattern starts with a fixed character
    or leaves single spaces alone, for the regex engine's fast scan (half the time of
    `\s*\n\s*` and `[ \t]+`, with the same result; str.rstrip strips what `\s` matches)."""
    text = _NEWLINE_AND_SPACE.sub("\n", html.unescape(_TAG.sub(" ", markup)))
    text = "\n".join(map(str.rstrip, text.split("\n")))
    return _SPACES.sub(" ", text).strip()


def publishable(records) -> list:
    return sorted((r for r in records if r.source in LICENCES), key=lambda r: r.id)


def _present(**fields) -> dict:
    """The fields that have a value: HSDS leaves the others out rather than writing null."""
    return {k: v for k, v in fields.items() if v is not None}


def _schedules(hours, owner_field: str, owner_id: str) -> list[dict]:
    if hours is None:
        return []
    return [{"id": uid("schedule", owner_id, str(i)), owner_field: owner_id, "freq": "WEEKLY", "wkst": "MO",
             "byday": ",".join(DAYS[d] for d in rng.days), "opens_at": rng.opens, "closes_at": rng.closes}
            for i, rng in enumerate(hours.weekly)]


def build(site, siteurl: str, records: list) -> dict[str, list[dict]]:
    """Every table, from `records` (`publishable(site.current())`: past events left out)."""
    config, lang = site.config, site.config.default_lang
    view = site.view(lang)
    text = lambda value: view.text(value).text  # noqa: E731 - "" for None or no text
    language_names: dict[str, str] = {}  # the same few codes on every record
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    taxonomy_id = uid("taxonomy", "themes")
    tables["taxonomies"].append({"id": taxonomy_id, "name": "Tarjotin themes",
                                 "description": "The tray's wellbeing themes.", "version": "1"})
    terms = {}
    for theme in config.themes:
        terms[theme.slug] = uid("theme", theme.slug)
        tables["taxonomy_terms"].append({"id": terms[theme.slug], "code": theme.slug, "name": view.theme_name(theme.slug),
                                         "description": view.theme_name(theme.slug), "taxonomy_id": taxonomy_id,
                                         "language": lang})
    organizations: dict[str, dict] = {}
    services, locations, links = tables["services"], tables["locations"], tables["service_at_locations"]
    for record in records:
        service_id = uid("service", record.id)
        org_id = None
        if record.provider:
            name = text(record.provider.name)
            org_id = uid("organization", record.provider.business_id or name)
            if org_id not in organizations:
                organizations[org_id] = _present(
                    id=org_id, name=name, description=name, website=record.provider.url,
                    organization_identifiers=[{"id": uid("orgid", org_id), "organization_id": org_id,
                                               "identifier_scheme": "FI:YTJ", "identifier_type": "Y-tunnus",
                                               "identifier": record.provider.business_id}]
                    if record.provider.business_id else [])
        contacts = record.contacts
        for code in record.service_languages:
            if code not in language_names:
                language_names[code] = view.language_name(code)
        service = _present(
            id=service_id, organization_id=org_id, name=text(record.title), status="active",
            alternate_name=record.id, description=plain(text(record.description)) or text(record.summary),
            url=record.source_url or f"{siteurl}/{site.urls.record(lang, record.id)}",
            email=contacts.emails[0] if contacts.emails else None,
            last_modified=record.modified.isoformat() if record.modified else None,
            phones=[_present(id=uid("phone", record.id, str(i)), service_id=service_id, number=p.number,
                             description=text(p.label) or None) for i, p in enumerate(contacts.phones)],
            schedules=_schedules(record.opening_hours, "service_id", service_id),
            languages=[{"id": uid("language", record.id, code), "service_id": service_id, "code": code,
                        "name": language_names[code]} for code in record.service_languages],
            attributes=[{"id": uid("attribute", record.id, slug), "link_id": service_id, "link_type": "theme",
                         "link_entity": "service", "taxonomy_term_id": terms[slug]}
                        for slug in record.themes if slug in terms])
        if record.event:
            service["schedules"].append({"id": uid("schedule", record.id, "event"), "service_id": service_id,
                                         "dtstart": record.event.start.isoformat(),
                                         "until": (record.event.end or record.event.start).isoformat(),
                                         "description": view.event_range(record)})
        services.append(service)
        for i, location in enumerate(record.locations):
            loc_id = uid("location", record.id, str(i))
            loc = _present(id=loc_id, location_type="physical", organization_id=org_id,
                           name=text(location.name) or text(record.title),
                           latitude=location.latitude, longitude=location.longitude,
                           schedules=_schedules(location.opening_hours, "location_id", loc_id), addresses=[])
            if location.street_address and location.postal_code:
                loc["addresses"].append({
                    "id": uid("address", loc_id), "location_id": loc_id, "address_1": text(location.street_address),
                    "city": text(location.post_office) or text(location.municipality_name),
                    "state_province": "", "postal_code": location.postal_code, "country": "FI",
                    "address_type": "physical"})
            locations.append(loc)
            links.append({"id": uid("service_at_location", record.id, str(i)), "service_id": service_id,
                          "location_id": loc_id})
    tables["organizations"] = sorted(organizations.values(), key=lambda o: o["id"])
    return tables


CSV_COLUMNS = ("id", "tray_id", "name", "organization", "description", "url", "email", "phones", "themes",
               "municipalities", "address", "postal_code", "city", "latitude", "longitude", "source", "licence")


def services_csv(records: list, tables: dict[str, list[dict]]) -> str:
    """One row per service (its first location), for spreadsheets: UTF-8 with a BOM, comma-separated.
    `records` are those the tables were built from, in the same order."""
    orgs = {o["id"]: o["name"] for o in tables["organizations"]}
    first_location = {}
    for sal in tables["service_at_locations"]:
        first_location.setdefault(sal["service_id"], sal["location_id"])
    locations = {loc["id"]: loc for loc in tables["locations"]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record, service in zip(records, tables["services"], strict=True):
        loc = locations.get(first_location.get(service["id"]), {})
        address = (loc.get("addresses") or [{}])[0]
        writer.writerow([service["id"], record.id, service["name"], orgs.get(service.get("organization_id"), ""),
                         service.get("description", ""), service["url"], service.get("email", ""),
                         " ".join(p["number"] for p in service["phones"]), " ".join(record.themes),
                         " ".join(record.municipalities), address.get("address_1", ""), address.get("postal_code", ""),
                         address.get("city", ""), loc.get("latitude", ""), loc.get("longitude", ""), record.source,
                         LICENCES[record.source]["name"]])
    return "\ufeff" + out.getvalue()
