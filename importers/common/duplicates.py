"""An importer's duplicate step: its records against the other sources' records on disk, with the
one matcher of the build.

The same service or activity can arrive from two sources (Lähellä.fi transfers associations'
long-running activities to PTV). The importer of one source (the *keeping* source) compares its
candidate records with the records already on disk of the sources in `duplicates.against`
(`merge_duplicates`, run in its `finish` hook, importers/common/run.py) and:

1. **matches** them with `tarjotin.matching.find_matches`, the matcher the build runs over every
   pair of sources (tarjotin/duplicates.py), with the thresholds of `[duplicates]` in tray.toml
   (`tarjotin.config.DuplicatesConfig`, declared once for the build and every importer). A
   *confident* pair is merged, a *possible* one is reported (`possible_duplicate`) for an editor.
   Each record takes part in at most one merge: the best pairs first (the matcher's order), so the
   result does not depend on the order of the input;
2. **merges** each pair into the keeping source's record (its id stays, `tarjotin.merging.merge`):
   its texts, kind, places and schedules win; missing translations, coordinates, business id,
   contacts and hours come from the twin; themes, keywords, service languages and municipalities
   are the union; the twin becomes an `other_sources` link;
3. **records the decision** in `content/records/<keeping source>/merges.yml` (written in the same
   atomic swap as the records), which the build reads to hide the twin (`tarjotin.content`), and
   lists every merge in the run report.

An importer's `[<source>.duplicates]` holds only what is about the importer (`DuplicateSettings`:
`enabled`, `against`, `file`, and the Lähellä.fi `types`); a threshold left there from an older
tray.toml is an error that says to set it in `[duplicates]`.

Editors override in `content/overrides/`: `not_duplicate_of: [<id>]` (in either record's file)
undoes a wrong merge (at the next build: twin shown, link dropped; at the next import: no
merge), and `duplicate_of: <id>` in a keeping source's record file merges a pair the matcher
missed. Nothing here knows a particular source: `find_duplicates` works for any pair.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from tarjotin.config import ConfigError, TrayConfig
from tarjotin.content import load_overrides, refused_merges
from tarjotin.matching import Match, Thresholds, compare, features, find_matches
from tarjotin.merging import merge
from tarjotin.model import Record
from tarjotin.recordfile import RecordFileError, read_record

from .report import ImportReport
from .run import validation_reasons
from .settings import StrictModel

#: Thresholds an importer's duplicates section had before there was one matcher → where they are now.
RETIRED = {
    "title_similarity": "title_similarity",
    "title_similarity_same_address": "title_similarity_with_evidence",
    "organisation_similarity": "organisation_similarity",
    "same_municipality": "same_municipality",
    "report_similarity": "possible_similarity",
}


class DuplicateSettings(StrictModel):
    """An importer's duplicate step (`[<source>.duplicates]`); the thresholds are `[duplicates]`'s."""

    enabled: bool = True
    """Look for duplicates at all."""
    against: list[str] = Field(default_factory=lambda: ["ptv"])
    """Sources whose records (content/records/<source>/) are compared with this source's."""
    file: str = "merges.yml"
    """Name of the decisions file written next to the records (the build reads `merges.yml`)."""

    @model_validator(mode="before")
    @classmethod
    def _no_thresholds(cls, data: Any) -> Any:
        # An older tray.toml set the thresholds here too; "extra inputs are not permitted" would
        # not say where they went.
        stale = [key for key in RETIRED if isinstance(data, Mapping) and key in data]
        if stale:
            raise ValidationError.from_exception_data(cls.__name__, [InitErrorDetails(
                type=PydanticCustomError("retired_threshold", (
                    "thresholds are set once in [duplicates], for the build and every importer; "
                    f"move the value to [duplicates] {RETIRED[key]} (docs/configuration.md) or delete this line")),
                loc=(key,), input=data[key]) for key in stale])
        return data


def check_against(config: TrayConfig, section: str, settings: DuplicateSettings, source: str) -> None:
    """ConfigError unless every source in `against` is registered (and not `source` itself)."""
    registry = config.source_registry
    bad = [name for name in settings.against if name not in registry or name == source]
    if bad:
        choices = [name for name in registry.ids if name != source]
        raise ConfigError(f"{config.path}: {section}.duplicates.against: {bad} not a registered source to "
                          f"compare with; choose from {choices}")


@dataclass
class Decisions:
    """What the matcher and the editors decided for one run. Each `Match` (tarjotin.matching) is
    oriented: `a` is the keeping source's record, `b` its twin."""

    merges: list[Match] = field(default_factory=list)
    possible: list[Match] = field(default_factory=list)
    refused: list[Match] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    """(record id, warning kind, message)."""


def _kept_first(match: Match, mine: set[str]) -> Match:
    # The matcher orders a pair by id; the decisions file and the report name the kept one first.
    if match.a in mine:
        return match
    return dataclasses.replace(match, a=match.b, b=match.a, titles=(match.titles[1], match.titles[0]))


def find_duplicates(candidates: Iterable[Record], others: Iterable[Record], thresholds: Thresholds, *,
                    refused: set[frozenset[str]] = frozenset(), forced: Mapping[str, str] | None = None,
                    against: Sequence[str] = ()) -> Decisions:
    """Pairs to merge (confident, or forced by an editor), possible pairs to report, refused pairs.

    `thresholds` is the tray's `[duplicates]` (`config.duplicates`); `against` names the other
    sources in the message about an editor's `duplicate_of` that names none of their records."""
    candidates = sorted(candidates, key=lambda r: r.id)
    others = sorted(others, key=lambda r: r.id)
    mine = {r.id for r in candidates}
    theirs = {r.id: r for r in others}
    # Pairs between two of the other sources are the build's business, not this importer's.
    ours = lambda m: (m.a in mine) != (m.b in mine)  # noqa: E731
    matches = find_matches([*candidates, *others], thresholds)
    decisions = Decisions()
    confident: list[Match] = []
    for match in (_kept_first(m, mine) for m in matches.confident if ours(m)):
        if match.pair in refused:
            match.decided_by = "editor: not_duplicate_of"
            decisions.refused.append(match)
        else:
            confident.append(match)
    decisions.possible = [_kept_first(m, mine) for m in matches.possible if ours(m) and m.pair not in refused]
    used: set[str] = set()
    for keep, other_id in sorted((forced or {}).items()):
        record = next((r for r in candidates if r.id == keep), None)
        if record is None:
            continue
        other = theirs.get(other_id)
        if other is None:
            decisions.problems.append((keep, "duplicate_of_unknown",
                                       f"duplicate_of: {other_id} is not a record of {sorted(against)}"))
            continue
        if other_id in used or keep in used:
            continue
        match = compare(features(record), features(other), thresholds)
        match.decided_by = "editor: duplicate_of"
        decisions.merges.append(match)
        used.update((keep, other_id))
    for match in confident:  # best first, as find_matches sorts them
        if match.a in used or match.b in used:
            continue
        decisions.merges.append(match)
        used.update(match.pair)
    decisions.possible = [m for m in decisions.possible if not (m.a in used and m.b in used)]
    decisions.merges.sort(key=lambda m: (m.a, m.b))
    decisions.possible.sort(key=lambda m: (m.a, m.b))
    return decisions


#: Keys of `as_report` besides the kept id's (which is keyed by its source's prefix).
REPORT_KEYS = ("other", "decided_by", "title_similarity", "organisation", "evidence", "municipalities", "titles")


def as_yaml(match: Match) -> dict[str, Any]:
    """One entry of the decisions file: the pair and why."""
    return {"keep": match.a, "hide": match.b, "decided_by": match.decided_by, "title_similarity": match.title,
            "organisation": match.organisation, "evidence": list(match.evidence),
            "municipalities": list(match.municipalities), "titles": {"keep": match.titles[0], "hide": match.titles[1]}}


def as_report(match: Match) -> dict[str, Any]:
    """One merge in the run report; the kept id is listed under its source's prefix (`"lahella": "lahella-…"`)."""
    return {match.a.split("-", 1)[0]: match.a, "other": match.b, "decided_by": match.decided_by,
            "title_similarity": match.title, "organisation": match.organisation, "evidence": list(match.evidence),
            "municipalities": list(match.municipalities), "titles": list(match.titles)}


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
    body = yaml.safe_dump({"merges": [as_yaml(m) for m in sorted(merges, key=lambda m: (m.a, m.b))]},
                          sort_keys=False, allow_unicode=True, width=4096)
    return header + body


# --- the run step -----------------------------------------------------------------------------------

@dataclass
class MergingReport(ImportReport):
    """The shared report plus the duplicate decisions of a source that merges."""

    merges: list[dict[str, Any]] = field(default_factory=list)
    """Every merge made in this run."""
    merge_refused: list[dict[str, Any]] = field(default_factory=list)
    """Pairs the matcher would merge but an editor declared different (`not_duplicate_of`)."""

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
                kept = next(value for key, value in item.items() if key not in REPORT_KEYS)
                lines.append(f"    {kept} ← {item['other']} ({item['decided_by']}, title {item['title_similarity']})")
        if self.merge_refused:
            lines.append(f"  merges refused by editors {len(self.merge_refused)}")
        return "\n".join(lines)


def merge_duplicates(records: list[Record], candidate: Callable[[Record], bool], *, config: TrayConfig,
                     settings: DuplicateSettings, content_root: Path, report: MergingReport, source: str
                     ) -> tuple[list[Record], Decisions]:
    """This run's `records` with their twins among the `against` sources' records merged in.

    `candidate(record)` says which records may have a twin (an editor's `duplicate_of` makes any
    record of `source` one); the thresholds are `config.duplicates`. Merges, refusals, possible
    pairs and problems go into `report`; the decisions are returned for the decisions file."""
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
    decisions = find_duplicates(candidates, others, config.duplicates, refused=refused, forced=forced,
                                against=settings.against)
    by_id = {r.id: r for r in others}
    merged: dict[str, Record] = {}
    for match in decisions.merges:
        keep = next(r for r in records if r.id == match.a)
        try:
            merged[keep.id] = merge(keep, by_id[match.b], config)
        except ValidationError as exc:
            reasons = validation_reasons(exc, keep.id)
            report.warn(keep.id, "merge_failed", f"merging {match.b} gave an invalid record ({reasons}); "
                                                 "both are kept as they are")
            continue
        report.merges.append(as_report(match))
    decisions.merges = [m for m in decisions.merges if m.a in merged]
    for match in decisions.refused:
        report.merge_refused.append(as_report(match))
    for match in decisions.possible:
        report.warn(match.a, "possible_duplicate",
                    f"may be the same as {match.b} ({match.titles[1]}): {match.why()}; not merged. "
                    "Merge with duplicate_of in an override if it is.", match.titles[0])
    for record_id, kind, message in decisions.problems:
        report.warn(record_id, kind, message)
    return [merged.get(r.id, r) for r in records], decisions


__all__ = ["DuplicateSettings", "RETIRED", "Decisions", "MergingReport", "find_duplicates", "as_yaml", "as_report",
           "read_records", "decisions_text", "decisions_header", "merge_duplicates", "check_against"]
