"""Duplicates between Lähellä.fi and PTV: detection, merge, and the decisions file.

Lähellä.fi transfers associations' long-running hobby and support activities to PTV (for
organisations with a business id), so the same activity can arrive from both sources. The
Lähellä.fi import runs after the PTV import and:

1. **detects** likely pairs: a Lähellä.fi activity of a type in `duplicates.types` (never an
   event or volunteering) and a record of `duplicates.against` (PTV) whose normalised titles in
   a shared language are at least `title_similarity` alike (`title_similarity_same_address` when
   they also share a street address), whose organisations are the same (business id, or names
   at least `organisation_similarity` alike with legal forms such as ry/rf left out), and which
   serve a common municipality. Each record takes part in at most one merge: the most similar
   pairs first, ties broken by id, so the result does not depend on the order of the input;
2. **merges** each pair into the Lähellä.fi record (its id stays): Lähellä.fi's texts, kind,
   places and schedules win; missing translations, coordinates, business id, contacts and
   hours come from the twin; themes, keywords, service languages and municipalities are the
   union (PTV's classifications added); the twin becomes an `other_sources` link;
3. **records the decision** in `content/records/lahella/merges.yml` (written in the same atomic
   swap as the records), which the build reads to hide the twin (`tarjotin.content`), and lists
   every merge in the run report.

Editors override in `content/overrides/`: `not_duplicate_of: [<id>]` (in either record's file)
undoes a wrong merge (at the next build: twin shown, link dropped; at the next import: no
merge), and `duplicate_of: <id>` in a Lähellä.fi record's file merges a pair the detector missed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

from tarjotin.config import TrayConfig
from tarjotin.model import Record, validate_record
from tarjotin.recordfile import RecordFileError, read_record

from .settings import DuplicateSettings

LANGS = ("fi", "sv", "en")
#: Legal-form words left out of organisation names before comparing them.
LEGAL_FORMS = {"ry", "rf", "r y", "r f", "rs", "sr", "oy", "oyj", "ab", "abp", "ky", "kb", "ay", "osk", "tmi"}


def normalise(text: str | None) -> str:
    """Case, accents and punctuation removed: "Ruoka-apu – Vantaa!" → "ruoka apu vantaa"."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def organisation_key(name: str | None) -> str:
    text = " " + normalise(name) + " "
    for form in sorted(LEGAL_FORMS, key=len, reverse=True):
        text = text.replace(f" {form} ", " ")
    return " ".join(text.split())


@functools.lru_cache(maxsize=200_000)
def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """0–1: the better of the character similarity and the word-order-free similarity.

    With `at_least`, pairs that cannot reach it are answered 0.0 from the cheap upper bounds
    (lengths, letter counts) without the full comparison: a county's thousands of pairs stay fast."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    best = 0.0
    for left, right in ((a, b), (" ".join(sorted(a.split())), " ".join(sorted(b.split())))):
        matcher = SequenceMatcher(None, left, right, autojunk=False)
        if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
            continue
        best = max(best, matcher.ratio())
    return round(best, 3)


def _street(location: Any) -> str:
    street = location.street_address
    return normalise(street.fi or street.sv or street.en) if street else ""


@dataclass
class Match:
    """One pair and why it matched (or nearly did)."""

    keep: str
    other: str
    title: float
    organisation: float
    organisation_by: str
    municipalities: list[str]
    same_address: bool
    decided_by: str = "detector"
    titles: tuple[str, str] = ("", "")

    def as_yaml(self) -> dict[str, Any]:
        return {
            "keep": self.keep,
            "hide": self.other,
            "decided_by": self.decided_by,
            "title_similarity": self.title,
            "organisation": "same business id" if self.organisation_by == "business_id" else
                            f"name similarity {self.organisation}" if self.organisation_by == "name" else "not compared",
            "same_address": self.same_address,
            "municipalities": self.municipalities,
            "titles": {"keep": self.titles[0], "hide": self.titles[1]},
        }

    def as_report(self) -> dict[str, Any]:
        return {"lahella": self.keep, "other": self.other, "decided_by": self.decided_by,
                "title_similarity": self.title, "organisation_similarity": self.organisation,
                "organisation_by": self.organisation_by, "same_address": self.same_address,
                "municipalities": self.municipalities, "titles": list(self.titles)}


def title_similarity(a: Record, b: Record, at_least: float = 0.0) -> float:
    return max((similarity(normalise(a.title.get(lang)), normalise(b.title.get(lang)), at_least)
                for lang in LANGS if a.title.get(lang) and b.title.get(lang)), default=0.0)


def compare(a: Record, b: Record, at_least: float = 0.0) -> Match:
    """Similarity of two records (title per shared language, organisation, area, address).
    Title and organisation similarities below `at_least` may be reported as 0."""
    title = title_similarity(a, b, at_least)
    organisation, by = 0.0, "none"
    if a.provider and b.provider:
        if a.provider.business_id and a.provider.business_id == b.provider.business_id:
            organisation, by = 1.0, "business_id"
        else:
            organisation = max((similarity(organisation_key(a.provider.name.get(lang)),
                                           organisation_key(b.provider.name.get(lang)), at_least)
                                for lang in LANGS if a.provider.name.get(lang) and b.provider.name.get(lang)), default=0.0)
            by = "name"
    shared = sorted(set(a.area_municipalities()) & set(b.area_municipalities()))
    if a.nationwide and b.nationwide:
        shared = ["nationwide"]
    streets_a = {s for s in (_street(loc) for loc in a.locations) if s}
    streets_b = {s for s in (_street(loc) for loc in b.locations) if s}
    first = lambda r: r.title.fi or r.title.sv or r.title.en or ""  # noqa: E731
    return Match(keep=a.id, other=b.id, title=title, organisation=organisation, organisation_by=by,
                 municipalities=shared, same_address=bool(streets_a & streets_b), titles=(first(a), first(b)))


def is_duplicate(match: Match, settings: DuplicateSettings) -> bool:
    if match.organisation < settings.organisation_similarity:
        return False
    if settings.same_municipality and not match.municipalities:
        return False
    needed = settings.title_similarity_same_address if match.same_address else settings.title_similarity
    return match.title >= needed


@dataclass
class Decisions:
    """What the detector decided for one run."""

    merges: list[Match] = field(default_factory=list)
    possible: list[Match] = field(default_factory=list)
    refused: list[Match] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    """(record id, warning kind, message)."""


def _org_keys(record: Record) -> set[str]:
    if not record.provider:
        return set()
    return {key for lang in LANGS if (key := organisation_key(record.provider.name.get(lang)))}


def _title_key(record: Record) -> set[str]:
    return {" ".join(sorted(normalise(record.title.get(lang)).split())) for lang in LANGS if record.title.get(lang)}


def find_duplicates(candidates: Iterable[Record], others: Iterable[Record], settings: DuplicateSettings, *,
                    refused: set[frozenset[str]] = frozenset(), forced: Mapping[str, str] | None = None) -> Decisions:
    """Pairs to merge (detected or forced by an editor), near misses to report, refused pairs.

    Only pairs that can matter are compared in full: the same business id or alike organisation
    names (compared once per pair of distinct names), or the same title words. A county's
    thousands of activities and services take well under a second."""
    candidates = sorted(candidates, key=lambda r: r.id)
    others = sorted(others, key=lambda r: r.id)
    by_id = {r.id: r for r in others}
    decisions = Decisions()
    pairs: list[Match] = []
    by_business_id: dict[str, list[Record]] = {}
    by_org: dict[str, list[Record]] = {}
    by_title: dict[str, list[Record]] = {}
    for other in others:
        if other.provider and other.provider.business_id:
            by_business_id.setdefault(other.provider.business_id, []).append(other)
        for key in _org_keys(other):
            by_org.setdefault(key, []).append(other)
        for key in _title_key(other):
            by_title.setdefault(key, []).append(other)
    areas = {r.id: set(r.area_municipalities()) for r in [*candidates, *others]}
    alike: dict[str, list[str]] = {}  # organisation name → the others' alike names
    for record in candidates:
        found: dict[str, Record] = {}
        if record.provider and record.provider.business_id:
            found.update((r.id, r) for r in by_business_id.get(record.provider.business_id, []))
        for mine in _org_keys(record):
            if mine not in alike:
                alike[mine] = [theirs for theirs in by_org if similarity(
                    mine, theirs, settings.organisation_similarity) >= settings.organisation_similarity]
            for theirs in alike[mine]:
                found.update((r.id, r) for r in by_org[theirs])
        for key in _title_key(record):
            found.update((r.id, r) for r in by_title.get(key, []))
        for other in sorted(found.values(), key=lambda r: r.id):
            if settings.same_municipality and not (
                    areas[record.id] & areas[other.id] or (record.nationwide and other.nationwide)):
                continue
            match = compare(record, other)
            if frozenset((record.id, other.id)) in refused:
                if is_duplicate(match, settings):
                    match.decided_by = "editor: not_duplicate_of"
                    decisions.refused.append(match)
                continue
            if is_duplicate(match, settings):
                pairs.append(match)
            elif (match.title >= settings.report_similarity and match.organisation >= settings.organisation_similarity) \
                    or match.title >= settings.title_similarity:
                # The same organisation with a rather similar title, or the same title elsewhere.
                decisions.possible.append(match)
    used: set[str] = set()
    for keep, other_id in sorted((forced or {}).items()):
        other = by_id.get(other_id)
        record = next((r for r in candidates if r.id == keep), None)
        if record is None:
            continue
        if other is None:
            decisions.problems.append((keep, "duplicate_of_unknown",
                                       f"duplicate_of: {other_id} is not a record of {sorted(settings.against)}"))
            continue
        if other_id in used or keep in used:
            continue
        match = compare(record, other)
        match.decided_by = "editor: duplicate_of"
        decisions.merges.append(match)
        used.update((keep, other_id))
    for match in sorted(pairs, key=lambda m: (-m.title, -m.organisation, m.keep, m.other)):
        if match.keep in used or match.other in used:
            continue
        decisions.merges.append(match)
        used.update((match.keep, match.other))
    merged_ids = {m.keep for m in decisions.merges} | {m.other for m in decisions.merges}
    decisions.possible = [m for m in decisions.possible if not (m.keep in merged_ids and m.other in merged_ids)]
    decisions.merges.sort(key=lambda m: m.keep)
    decisions.possible.sort(key=lambda m: (m.keep, m.other))
    return decisions


# --- merging --------------------------------------------------------------------------------------

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


def merge(keep: Record, other: Record, config: TrayConfig) -> Record:
    """The Lähellä.fi record with the twin's data added (see the module docstring)."""
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


# --- reading the other sources and writing the decisions ------------------------------------------

def read_records(directory: Path, config: TrayConfig) -> tuple[list[Record], list[str]]:
    """Every readable record of a source directory, and the problems with the rest."""
    records, problems = [], []
    for path in sorted(directory.glob("*.md")):
        try:
            records.append(read_record(path, config))
        except RecordFileError as exc:
            problems.append(f"{path.name}: {exc.errors[0].field}: {exc.errors[0].message}")
    return records, problems


HEADER = """\
# Duplicates merged by the Lähellä.fi importer (importers/lahella/duplicates.py). Written by
# `invoke import-lahella`; do not edit. The build hides each `hide` record: its data is merged
# into `keep`. An editor undoes a wrong merge with `not_duplicate_of: [<hide id>]` in
# content/overrides/<keep id>.yml, and asks for a missed one with `duplicate_of: <id>`.
"""


def decisions_text(merges: list[Match]) -> str | None:
    """The decisions file (deterministic), or None when there is nothing to record."""
    if not merges:
        return None
    body = yaml.safe_dump({"merges": [m.as_yaml() for m in sorted(merges, key=lambda m: (m.keep, m.other))]},
                          sort_keys=False, allow_unicode=True, width=4096)
    return HEADER + body


__all__ = ["Match", "Decisions", "find_duplicates", "merge", "compare", "is_duplicate", "normalise",
           "organisation_key", "similarity", "read_records", "decisions_text"]
