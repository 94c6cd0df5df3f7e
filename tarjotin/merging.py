"""One record out of several that describe the same service: the merge, and which source gave
which field (provenance). Pure functions over `Record`, shared by the importers
(importers/common/duplicates.py merges a Lähellä.fi activity with its PTV twin when importing)
and the build (tarjotin/duplicates.py merges every confident or editor-decided pair).

`merge(keep, other)` is the two-record merge: `keep`'s texts, kind, places and schedules win;
missing translations, coordinates, business id, contacts and hours come from `other`; themes,
keywords, service languages and municipalities are the union; `other` becomes an
`other_sources` link.

`merge_group(records, config)` is the build's: the id, address at the source and freshness dates
(`source_url`, `modified`, `imported_at`) are those of the first record of `[duplicates]
keep_order` (an imported one, so the nightly import keeps it fresh), while the texts and the
provider of the editors' records (sources without an importer) win over imported ones: an
editor wrote them on purpose. The result's `provenance` names, per field, the sources whose
values it holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .config import TrayConfig
from .matching import LANGS, normalise
from .model import Record, validate_record

#: Fields whose provenance is recorded and shown (the rest follow the record's own source).
PROVENANCE_FIELDS = ("title", "summary", "description", "provider", "locations", "municipalities", "age_groups",
                     "service_languages", "themes", "keywords", "contacts", "opening_hours", "price",
                     "registration", "channels", "modified")

#: Fields that always come from the kept record: who it is and how fresh.
IDENTITY_FIELDS = ("id", "source", "source_url", "modified", "imported_at")


def _fill_texts(mine: dict[str, Any] | None, theirs: dict[str, Any] | None) -> dict[str, Any] | None:
    if not theirs:
        return mine
    result = dict(mine or {})
    for lang in LANGS:
        if not result.get(lang) and theirs.get(lang):
            result[lang] = theirs[lang]
    return result


def _union(first: list[Any], second: list[Any]) -> list[Any]:
    return list(first) + [item for item in second if item not in first]


def merge(keep: Record, other: Record, config: TrayConfig, *, add_places: bool = False) -> Record:
    """The keeping source's record with the twin's data added (see the module docstring).

    `add_places`: the twin's places that are none of `keep`'s are added too (the build's merge:
    a service listed with two of its three halls in one source and three in the other)."""
    a = keep.model_dump(mode="json", exclude_none=True)
    b = other.model_dump(mode="json", exclude_none=True)
    for key in ("title", "summary", "description"):
        a[key] = _fill_texts(a.get(key), b.get(key)) or {}
    if a.get("provider") and b.get("provider"):
        provider = dict(a["provider"])
        provider["name"] = _fill_texts(provider.get("name"), b["provider"].get("name"))
        for key in ("business_id", "url"):
            if not provider.get(key) and b["provider"].get(key):
                provider[key] = b["provider"][key]
        a["provider"] = provider
    elif b.get("provider"):
        a["provider"] = b["provider"]
    if a.get("locations"):
        theirs = b.get("locations") or []
        for location in a["locations"]:
            twin = next((t for t in theirs if _same_place(location, t)), None)
            if twin is None:
                continue
            for key in ("latitude", "longitude", "postal_code"):
                if location.get(key) is None and twin.get(key) is not None:
                    location[key] = twin[key]
            for key in ("name", "street_address", "post_office", "accessibility"):
                if twin.get(key):
                    location[key] = _fill_texts(location.get(key), twin[key])
            if location.get("latitude") is None or location.get("longitude") is None:
                location.pop("latitude", None)
                location.pop("longitude", None)
        if add_places:
            a["locations"] += [t for t in theirs if not any(_same_place(mine, t) for mine in a["locations"])]
    else:
        a["locations"] = b.get("locations") or []
    a["municipalities"] = sorted(set(a.get("municipalities") or []) | set(b.get("municipalities") or [])) \
        if a.get("municipalities") else list(a.get("municipalities") or [])
    if not a.get("age_groups"):
        a["age_groups"] = b.get("age_groups") or []
    a["service_languages"] = _union(a.get("service_languages") or [], b.get("service_languages") or [])
    themes = set(a.get("themes") or []) | set(b.get("themes") or [])
    a["themes"] = [slug for slug in config.theme_slugs if slug in themes]
    a["keywords"] = _union(a.get("keywords") or [], b.get("keywords") or [])
    contacts = dict(a.get("contacts") or {})
    for key in ("phones", "emails", "websites"):
        mine, theirs = contacts.get(key) or [], (b.get("contacts") or {}).get(key) or []
        if key == "phones":
            numbers = {p["number"] for p in mine}
            contacts[key] = mine + [p for p in theirs if p["number"] not in numbers]
        elif key == "websites":
            urls = {w["url"] for w in mine}
            contacts[key] = mine + [w for w in theirs if w["url"] not in urls]
        else:
            contacts[key] = _union(mine, theirs)
    a["contacts"] = contacts
    for key in ("opening_hours", "price", "registration"):
        if not a.get(key) and b.get(key):
            a[key] = b[key]
    link = {"source": other.source, "id": other.id}
    if other.source_url:
        link["url"] = other.source_url
    a["other_sources"] = [ref for ref in a.get("other_sources") or [] if ref.get("id") != other.id] + [link]
    return validate_record(a, config)


def _same_place(mine: dict[str, Any], theirs: dict[str, Any]) -> bool:
    def street(loc: dict[str, Any]) -> str:
        value = loc.get("street_address") or {}
        return normalise(value.get("fi") or value.get("sv") or value.get("en"))

    def name(loc: dict[str, Any]) -> str:
        value = loc.get("name") or {}
        return normalise(value.get("fi") or value.get("sv") or value.get("en"))

    if street(mine) and street(mine) == street(theirs):
        return True
    return bool(name(mine)) and name(mine) == name(theirs)


def keep_rank(record: Record, config: TrayConfig) -> tuple[int, str]:
    """Sort key: the record whose id a merged group keeps comes first (`[duplicates] keep_order`,
    then other imported sources, then the editors' sources; ties by id)."""
    order = config.duplicates.keep_order
    spec = config.source_registry.get(record.source)
    if record.source in order:
        rank = order.index(record.source)
    else:
        rank = len(order) + (0 if spec is not None and spec.importer else 1)
    return rank, record.id


def is_editors(record: Record, config: TrayConfig) -> bool:
    """Written by the tray's editors (a source without an importer, such as `local`)."""
    spec = config.source_registry.get(record.source)
    return spec is not None and not spec.importer


def _holds(given: Any, result: Any) -> bool:
    """Whether `result` holds (some of) `given`: equal, an item of a list, a value of a mapping."""
    if given in (None, "", [], {}):
        return False
    if isinstance(given, list) and isinstance(result, list):
        return any(item in result for item in given)
    if isinstance(given, dict) and isinstance(result, dict):
        return any(_holds(value, result.get(key)) for key, value in given.items())
    return given == result


def provenance(result: Record, inputs: Sequence[Record]) -> dict[str, list[str]]:
    """{field: [source ids whose values it holds]} for `PROVENANCE_FIELDS`, in the order of `inputs`
    (the build puts the record whose texts lead first)."""
    out = result.model_dump(mode="json", exclude_none=True)
    found: dict[str, list[str]] = {}
    for name in PROVENANCE_FIELDS:
        sources: list[str] = []
        for record in inputs:
            given = record.model_dump(mode="json", exclude_none=True).get(name)
            if _holds(given, out.get(name)) and record.source not in sources:
                sources.append(record.source)
        if sources:
            found[name] = sources
    return found


def merge_group(records: Sequence[Record], config: TrayConfig) -> Record:
    """One record out of `records` (two or more that are one service), with its provenance."""
    ordered = sorted(records, key=lambda r: keep_rank(r, config))
    kept = ordered[0]
    editors = [r for r in ordered if is_editors(r, config)]
    # The editors' record leads the content merge; the others fill in what it lacks.
    lead = editors[0] if editors else kept
    merged = lead
    for other in [r for r in ordered if r is not lead]:
        merged = merge(merged, other, config, add_places=True)
    data = merged.model_dump(mode="json", exclude_none=True)
    own = kept.model_dump(mode="json", exclude_none=True)
    for name in IDENTITY_FIELDS:
        if name in own:
            data[name] = own[name]
        else:
            data.pop(name, None)
    data["other_sources"] = [ref for ref in data.get("other_sources") or [] if ref.get("id") != kept.id]
    if lead is not kept:
        link = {"source": lead.source, "id": lead.id}
        if lead.source_url:
            link["url"] = str(lead.source_url)
        data["other_sources"] = [ref for ref in data["other_sources"] if ref.get("id") != lead.id] + [link]
    result = validate_record(data, config)
    order = [lead] + [r for r in ordered if r is not lead]
    return result.model_copy(update={"provenance": provenance(result, order)})


__all__ = ["merge", "merge_group", "provenance", "keep_rank", "is_editors", "PROVENANCE_FIELDS"]
