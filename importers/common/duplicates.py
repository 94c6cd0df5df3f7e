"""Duplicates between two sources: detection, merge, the decisions file, and the run step.

The same service or activity can arrive from two sources (Lähellä.fi transfers associations'
long-running activities to PTV). The importer of one source (the *keeping* source) compares its
candidate records with the records already on disk of the sources in `duplicates.against`
(`merge_duplicates`, run in its `finish` hook, importers/common/run.py) and:

1. **detects** likely pairs: records whose normalised titles in a shared language are at least
   `title_similarity` alike (`title_similarity_same_address` when they also share a street
   address), whose organisations are the same (business id, or names at least
   `organisation_similarity` alike with legal forms such as ry/rf left out), and which serve a
   common municipality. Each record takes part in at most one merge: the most similar pairs
   first, ties broken by id, so the result does not depend on the order of the input;
2. **merges** each pair into the keeping source's record (its id stays): its texts, kind,
   places and schedules win; missing translations, coordinates, business id, contacts and
   hours come from the twin; themes, keywords, service languages and municipalities are the
   union; the twin becomes an `other_sources` link;
3. **records the decision** in `content/records/<keeping source>/merges.yml` (written in the same
   atomic swap as the records), which the build reads to hide the twin (`tarjotin.content`), and
   lists every merge in the run report.

The comparison helpers (normalise, similarity) and `merge` are the shared ones of
tarjotin/matching.py and tarjotin/merging.py, which the build also uses to match every pair of
sources (tarjotin/duplicates.py).

Editors override in `content/overrides/`: `not_duplicate_of: [<id>]` (in either record's file)
undoes a wrong merge (at the next build: twin shown, link dropped; at the next import: no
merge), and `duplicate_of: <id>` in a keeping source's record file merges a pair the detector
missed. Nothing here knows a particular source: `find_duplicates` works for any pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pydantic import Field, ValidationError, model_validator

from tarjotin.config import ConfigError, TrayConfig
from tarjotin.matching import LANGS, normalise, organisation_key, similarity
from tarjotin.merging import merge
from tarjotin.content import load_overrides, refused_merges
from tarjotin.model import Record
from tarjotin.recordfile import RecordFileError, read_record

from .report import ImportReport
from .run import validation_reasons
from .settings import StrictModel

class DuplicateSettings(StrictModel):
    """How likely duplicates with other sources are found and merged (`[<source>.duplicates]`)."""

    enabled: bool = True
    """Look for duplicates at all."""
    against: list[str] = Field(default_factory=lambda: ["ptv"])
    """Sources whose records (content/records/<source>/) are compared with this source's."""
    title_similarity: float = Field(default=0.85, ge=0.0, le=1.0)
    """Least similarity (0–1) of the normalised titles in a shared language."""
    title_similarity_same_address: float = Field(default=0.6, ge=0.0, le=1.0)
    """Lower title similarity that suffices when the two also share a street address."""
    organisation_similarity: float = Field(default=0.8, ge=0.0, le=1.0)
    """Least similarity of the normalised organisation names (legal forms such as ry/rf left
    out); the same business id counts as 1."""
    same_municipality: bool = True
    """Both must serve a common municipality (or both be nationwide)."""
    report_similarity: float = Field(default=0.6, ge=0.0, le=1.0)
    """Pairs that are not merged are reported as `possible_duplicate` for an editor when they
    have the same organisation and titles at least this similar (or `title_similarity`-alike
    titles but another organisation)."""
    file: str = "merges.yml"
    """Name of the decisions file written next to the records (the build reads `merges.yml`)."""

    @model_validator(mode="after")
    def _order(self) -> DuplicateSettings:
        if self.title_similarity_same_address > self.title_similarity:
            raise ValueError("title_similarity_same_address must not exceed title_similarity")
        return self


def check_against(config: TrayConfig, section: str, settings: DuplicateSettings, source: str) -> None:
    """ConfigError unless every source in `against` is registered (and not `source` itself)."""
    registry = config.source_registry
    bad = [name for name in settings.against if name not in registry or name == source]
    if bad:
        choices = [name for name in registry.ids if name != source]
        raise ConfigError(f"{config.path}: {section}.duplicates.against: {bad} not a registered source to "
                          f"compare with; choose from {choices}")
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

    #: Keys of `as_report` besides the kept id's (which is keyed by its source's prefix).
    REPORT_KEYS = ("other", "decided_by", "title_similarity", "organisation_similarity", "organisation_by",
                   "same_address", "municipalities", "titles")

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
        # The kept id is listed under its source's prefix (`"lahella": "lahella-…"`).
        return {self.keep.split("-", 1)[0]: self.keep, "other": self.other, "decided_by": self.decided_by,
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


def decisions_header(importer: str, command: str) -> str:
    """The comment at the top of a decisions file written by `importer` (`invoke <command>`)."""
    return f"""\
# Duplicates merged by the {importer}. Written by
# `invoke {command}`; do not edit. The build hides each `hide` record: its data is merged
# into `keep`. An editor undoes a wrong merge with `not_duplicate_of: [<hide id>]` in
# content/overrides/<keep id>.yml, and asks for a missed one with `duplicate_of: <id>`.
"""


def decisions_text(merges: list[Match], header: str) -> str | None:
    """The decisions file (deterministic), or None when there is nothing to record."""
    if not merges:
        return None
    body = yaml.safe_dump({"merges": [m.as_yaml() for m in sorted(merges, key=lambda m: (m.keep, m.other))]},
                          sort_keys=False, allow_unicode=True, width=4096)
    return header + body


# --- the run step -----------------------------------------------------------------------------------

@dataclass
class MergingReport(ImportReport):
    """The shared report plus the duplicate decisions of a source that merges."""

    merges: list[dict[str, Any]] = field(default_factory=list)
    """Every merge made in this run."""
    merge_refused: list[dict[str, Any]] = field(default_factory=list)
    """Pairs the detector would merge but an editor declared different (`not_duplicate_of`)."""

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        data["counts"]["merged"] = len(self.merges)
        data["merges"] = self.merges
        data["merge_refused"] = self.merge_refused
        return data

    def summary(self) -> str:
        lines = [super().summary()]
        if self.merges:
            lines.append(f"  merged duplicates {len(self.merges)}:")
            for item in self.merges[:20]:
                kept = next(value for key, value in item.items() if key not in Match.REPORT_KEYS)
                lines.append(f"    {kept} ← {item['other']} ({item['decided_by']}, title {item['title_similarity']})")
        if self.merge_refused:
            lines.append(f"  merges refused by editors {len(self.merge_refused)}")
        return "\n".join(lines)


def merge_duplicates(records: list[Record], candidate: Callable[[Record], bool], *, config: TrayConfig,
                     settings: DuplicateSettings, content_root: Path, report: MergingReport, source: str
                     ) -> tuple[list[Record], Decisions]:
    """This run's `records` with their twins among the `against` sources' records merged in.

    `candidate(record)` says which records may have a twin (an editor's `duplicate_of` makes any
    record of `source` one). Merges, refusals, near misses and problems go into `report`;
    the decisions are returned for the decisions file."""
    if not settings.enabled:
        return records, Decisions()
    registry = config.source_registry
    prefix = registry[source].prefix if source in registry else source
    others: list[Record] = []
    for name in settings.against:
        folder = registry[name].records if name in registry else name
        found, problems = read_records(content_root / "records" / folder, config)
        others += found
        for problem in problems:
            report.warn("", "unreadable_twin", f"records/{folder}/{problem}; not compared")
    overrides, _ = load_overrides(content_root / "overrides", content_root, config)
    refused = refused_merges(overrides)
    forced = {record_id: str(o["duplicate_of"]) for record_id, o in overrides.items()
              if record_id.startswith(f"{prefix}-") and isinstance(o.get("duplicate_of"), str)}
    candidates = [r for r in records if candidate(r) or r.id in forced]
    decisions = find_duplicates(candidates, others, settings, refused=refused, forced=forced)
    by_id = {r.id: r for r in others}
    merged: dict[str, Record] = {}
    for match in decisions.merges:
        keep = next(r for r in records if r.id == match.keep)
        try:
            merged[keep.id] = merge(keep, by_id[match.other], config)
        except ValidationError as exc:
            reasons = validation_reasons(exc, keep.id)
            report.warn(keep.id, "merge_failed", f"merging {match.other} gave an invalid record ({reasons}); "
                                                 "both are kept as they are")
            continue
        report.merges.append(match.as_report())
    decisions.merges = [m for m in decisions.merges if m.keep in merged]
    for match in decisions.refused:
        report.merge_refused.append(match.as_report())
    for match in decisions.possible:
        report.warn(match.keep, "possible_duplicate",
                    f"may be the same as {match.other} ({match.titles[1]}): title similarity {match.title}, "
                    f"organisation {match.organisation}; not merged. Merge with duplicate_of in an override if it is.",
                    match.titles[0])
    for record_id, kind, message in decisions.problems:
        report.warn(record_id, kind, message)
    return [merged.get(r.id, r) for r in records], decisions


__all__ = ["DuplicateSettings", "Match", "Decisions", "MergingReport", "find_duplicates", "merge", "compare",
           "is_duplicate", "normalise", "organisation_key", "similarity", "read_records", "decisions_text",
           "decisions_header", "merge_duplicates", "check_against"]
