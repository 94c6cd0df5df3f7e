"""What the report reads besides the records: the importers' last run reports, the duplicates
known today, and the records that overrides hide.

Each is one small function, so that a better source can replace it without touching the rules:
`duplicate_findings` lists the build's merges (`Content.merged`) and the possible duplicates
that the build's matcher found over every pair of sources (`tarjotin.duplicates.possible_duplicates`),
with any an importer warned of.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tarjotin.config import ROOT, TrayConfig
from tarjotin.content import Content, load_overrides
from tarjotin.duplicates import possible_duplicates
from tarjotin.model import Record
from tarjotin.recordfile import RecordFileError, read_record
from tarjotin.text import strip_control_chars

logger = logging.getLogger(__name__)

#: Largest import report read (the demo's are a few kB; a county's a few MB).
MAX_REPORT_BYTES = 50_000_000


@dataclass
class ImportRun:
    """What the report says about one source's last import."""

    source: str
    path: str
    status: str = ""
    """ok | failed | "" when the report is missing or unreadable."""
    finished: str = ""
    problem: str = ""
    """Why the report could not be read."""


@dataclass
class ImportFacts:
    """The last import reports of every source with an importer."""

    runs: list[ImportRun] = field(default_factory=list)
    warnings: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """{record id: [{kind, message}]}."""


def report_path(config: TrayConfig, source: str) -> Path:
    """Where a source's importer writes its run report (its `report_path` setting, relative to
    the repository root as for the importer; default `reports/import-<source>.json`)."""
    configured = config.source_settings(source).get("report_path") or f"reports/import-{source}.json"
    return ROOT / str(configured)


def import_facts(config: TrayConfig) -> ImportFacts:
    """Read the last run report of each source that has an importer; a missing or broken report
    is noted (the report page says so), never an error: the build does not depend on it."""
    facts = ImportFacts()
    for spec in config.source_registry.with_importer():
        path = report_path(config, spec.id)
        run = ImportRun(spec.id, str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path))
        facts.runs.append(run)
        try:
            if path.stat().st_size > MAX_REPORT_BYTES:
                raise ValueError(f"larger than {MAX_REPORT_BYTES // 1_000_000} MB")
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("warnings", []), list):
                raise ValueError("not an import report (no warnings list)")
        except FileNotFoundError:
            run.problem = "no report (the importer has not run here)"
            continue
        except (OSError, ValueError) as exc:
            run.problem = f"unreadable: {str(exc)[:200]}"
            logger.warning("Tarjotin quality: %s: %s", run.path, run.problem)
            continue
        run.status, run.finished = str(data.get("status") or ""), str(data.get("finished") or "")
        for item in data.get("warnings") or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
                entry = {"kind": str(item.get("kind") or ""), "message": str(item.get("message") or "")}
                facts.warnings.setdefault(strip_control_chars(item["id"]), []).append(
                    {k: strip_control_chars(v) for k, v in entry.items()})
    return facts


_SAME_AS = re.compile(r"may be the same as (\S+)")


def duplicate_findings(content: Content, config: TrayConfig, imports: ImportFacts
                       ) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[str]]]:
    """({record id: [(other id, why)]} of pairs that may be one service but were not merged,
    {kept id: [merged ids]} of the pairs merged in this build).

    The near misses are the build's matcher's over every pair of sources
    (`tarjotin.duplicates.possible_duplicates`), plus any an importer warned of that the build
    did not see; a pair an editor decided (duplicate_of / not_duplicate_of) is left out."""
    possible: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for record_id, pairs in possible_duplicates(content, config).items():
        possible[record_id].extend(pairs)
    decided = {frozenset(pair) for pair in content.merged.items()} | content.kept_apart
    shown = {r.id for r in content.records}
    for record_id, warnings in imports.warnings.items():
        for warning in warnings:
            if warning["kind"] != "possible_duplicate":
                continue
            found = _SAME_AS.search(warning["message"])
            other = found.group(1) if found else ""
            if frozenset((record_id, other)) in decided or record_id not in shown:
                continue
            if other not in {o for o, _ in possible.get(record_id, [])}:
                possible[record_id].append((other, warning["message"]))
    merged: dict[str, list[str]] = defaultdict(list)
    for hidden, kept in sorted(content.merged.items()):
        merged[kept].append(hidden)
    return {key: sorted(value) for key, value in sorted(possible.items())}, dict(merged)


@dataclass
class HiddenRecord:
    id: str
    reason: str
    record: Record | None


def hidden_by_overrides(content: Content, content_root: Path, config: TrayConfig) -> list[HiddenRecord]:
    """Records an editor's override hides (not those a merge hides), with the override's reason
    and what the record's file holds, so the report can name the organisation."""
    ids = sorted(set(content.hidden) - set(content.merged))
    if not ids:
        return []
    overrides, _ = load_overrides(content_root / "overrides", content_root, config)
    found = []
    for record_id in ids:
        override: dict[str, Any] = overrides.get(record_id) or {}
        spec = config.source_registry.by_prefix(record_id)
        record = None
        if spec is not None:
            path = content_root / "records" / spec.records / f"{record_id}.md"
            try:
                record = read_record(path, config, f"content/records/{spec.records}/{record_id}.md")
            except RecordFileError:
                record = None   # a hidden record may be broken: the build reports that itself
        found.append(HiddenRecord(record_id, str(override.get("reason") or ""), record))
    return found
