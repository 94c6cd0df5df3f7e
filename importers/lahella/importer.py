"""One Lähellä.fi import run: fetch → normalise → validate → merge duplicates → write (or nothing).

Every run is a full run (the admin API has no "changed since" filter): the record directory
afterwards holds exactly the activities that belong on the tray. Any fetch failure, malformed
answer or removal-guard hit raises `ImportFailure` before the writer touches the directory;
the report is written either way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from importers.common.errors import ImportFailure
from importers.common.progress import Progress
from importers.common.report import ImportReport
from importers.common.run import (RetryLog, checked_record, http_stats, plan_keeping_invalid, reporting, run_time,
                                  validation_reasons)
from importers.common.writer import RecordWriter
from tarjotin.config import ROOT, TrayConfig
from tarjotin.content import load_overrides, refused_merges
from tarjotin.model import Record

from .duplicates import Decisions, decisions_text, find_duplicates, merge, read_records
from .normalize import SKIP_ENDED, SKIP_EXPIRED, SKIP_PAST, Context, normalise_activity
from .normalize import record_id as make_record_id
from .settings import LahellaSettings
from .source import LahellaSource, make_source

#: Environment variable that pins "today" (the same one the build honours), e.g. 2026-11-23.
TODAY_ENV = "TARJOTIN_TODAY"


@dataclass
class RunOptions:
    """How to run: safety switches, transport choices and hooks that tests replace."""

    force: bool = False
    """Override the removal guard."""
    dry_run: bool = False
    """Fetch, normalise and report, but write no record files."""
    root: Path = ROOT
    """Repository root; output_dir, report_path and the content to compare with are relative to it."""
    base_url: str | None = None
    """Use this API address instead of the configured one (offline replay)."""
    file: Path | None = None
    """Read this JSON export instead of calling the API."""
    now: datetime | None = None
    """The run's time (imported_at of changed records, visibility windows); default: now."""
    today: date | None = None
    """Date that decides which events are past and which schedules have ended; default:
    $TARJOTIN_TODAY, else today in the site's time zone."""
    sleep: Callable[[float], None] | None = None
    """Backoff sleep (tests pass a recorder so no real time passes)."""
    timeout: float | None = None
    """Per-request timeout in seconds, instead of the configured one."""
    environ: dict[str, str] | None = None
    """Environment for credentials (default: os.environ)."""
    progress: Progress = field(default_factory=lambda: Progress(enabled=False))
    log: Callable[[str], None] = lambda message: print(message, file=sys.stderr)


@dataclass
class LahellaReport(ImportReport):
    """The shared report plus the duplicate decisions."""

    merges: list[dict[str, Any]] = field(default_factory=list)
    """Every merge made in this run."""
    merge_refused: list[dict[str, Any]] = field(default_factory=list)
    """Pairs the detector would merge but an editor declared different (`not_duplicate_of`)."""
    source_description: str = ""

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        data["counts"]["merged"] = len(self.merges)
        data["merges"] = self.merges
        data["merge_refused"] = self.merge_refused
        if self.source_description:
            data["transport"] = self.source_description
        return data

    def summary(self) -> str:
        lines = [super().summary()]
        if self.merges:
            lines.append(f"  merged duplicates {len(self.merges)}:")
            for item in self.merges[:20]:
                lines.append(f"    {item['lahella']} ← {item['other']} ({item['decided_by']}, title {item['title_similarity']})")
        if self.merge_refused:
            lines.append(f"  merges refused by editors {len(self.merge_refused)}")
        return "\n".join(lines)


def resolve_today(options: RunOptions, config: TrayConfig, now: datetime) -> date:
    if options.today is not None:
        return options.today
    env = (options.environ if options.environ is not None else os.environ).get(TODAY_ENV, "").strip()
    if env:
        try:
            return date.fromisoformat(env)
        except ValueError:
            raise ImportFailure(f"${TODAY_ENV}={env!r} is not a date (YYYY-MM-DD)") from None
    return now.astimezone(ZoneInfo(config.site.timezone)).date()


def run_import(config: TrayConfig, settings: LahellaSettings, options: RunOptions | None = None,
               source: LahellaSource | None = None) -> LahellaReport:
    """Run one import. Returns the report; raises ImportFailure (after writing the report) on failure."""
    options = options or RunOptions()
    now = run_time(options.now)
    report = LahellaReport(source="lahella", mode="full", started=now, dry_run=options.dry_run)
    retries = RetryLog(options.log)
    writer = RecordWriter(options.root / settings.output_dir, max_removal_share=settings.max_removal_share)
    # `source` is looked up when the run ends: it may be made inside the run.
    with reporting(report, options.root / settings.report_path, options.progress,
                   lambda: http_stats(source, retries, session_refreshes=getattr(source, "refreshes", 0)),
                   run_deadline=settings.run_deadline):
        today = resolve_today(options, config, now)
        if source is None:
            source = make_source(settings, root=options.root, file=options.file, base_url=options.base_url,
                                 sleep=options.sleep, timeout=options.timeout, on_retry=retries,
                                 environ=options.environ,
                                 progress=lambda stage, done, total: options.progress.update(stage, done, total))
        report.source_description = getattr(source, "description", "")
        report.base_url = options.base_url or (report.source_description if options.file is None
                                               and settings.transport == "api" else "")
        with writer.lock():
            _run(source, config, settings, options, report, writer, now, today)
    return report


def _run(source: LahellaSource, config: TrayConfig, settings: LahellaSettings, options: RunOptions,
         report: LahellaReport, writer: RecordWriter, now: datetime, today: date) -> None:
    existing = set(writer.existing_ids())
    fetched = source.fetch()
    report.fetched = len(fetched.activities) + len(fetched.keyless)
    for key in sorted(set(fetched.duplicate_keys)):
        report.warn(f"lahella-{key}", "duplicate_key", "the activity arrived twice (the list changed while paging); "
                                                       "the first copy is used")
    for key in fetched.gone:
        report.skip(f"lahella-{key}", "gone", "")
    if fetched.total is not None and fetched.total != len(fetched.activities) + len(fetched.keyless) + len(fetched.duplicate_keys):
        report.warn("", "total_mismatch", f"the server announced {fetched.total} activities but sent "
                                          f"{len(fetched.activities) + len(fetched.keyless)}")
    for item in fetched.keyless:
        name = ""
        traits = item.get("traits") if isinstance(item.get("traits"), dict) else {}
        for lang in ("fi", "sv", "en"):
            value = ((traits.get("translations") or {}).get(lang) or {}).get("name") if isinstance(traits.get("translations"), dict) else None
            if isinstance(value, str) and value.strip():
                name = value.strip()
                break
        report.fail_item("lahella-?", f"an activity without a _key ({name or 'no name'}); cannot be given an id")

    ctx = Context(config=config, settings=settings, groups=fetched.groups, today=today, now=now)
    records: list[Record] = []
    types: dict[str, str] = {}
    for index, activity in enumerate(fetched.activities):
        options.progress.update("normalising", index + 1, len(fetched.activities))
        try:
            outcome = normalise_activity(activity, ctx)
        except Exception as exc:  # noqa: BLE001 - one unreadable activity must not stop the run
            report.fail_item(make_record_id(str(activity.get("_key"))),
                             f"could not be read ({exc.__class__.__name__}: {exc}); please report it as an importer bug")
            continue
        if outcome.skip_reason:
            report.skip(outcome.record_id, outcome.skip_reason, outcome.title)
            continue
        report.relevant += 1
        if outcome.record_id in types:
            report.fail_item(outcome.record_id, f"key {outcome.key!r} gives the same id as another activity")
            continue
        record = checked_record(outcome, outcome.record_id, config, report)
        if record is not None:
            records.append(record)
            types[record.id] = outcome.activity_type

    records, decisions = _merge_duplicates(records, types, config, settings, options, report)

    plan = plan_keeping_invalid(writer, records, report, existing, now=now, full=True)
    writer.set_files(plan, {settings.duplicates.file: decisions_text(decisions.merges)})
    report.planned(plan)
    # Activities still in the answer whose time is over leave the tray on purpose: they do not
    # count towards the removal guard, which is there to catch a source that lost its data.
    timed_out = {item["id"] for item in report.skipped if item["reason"] in (SKIP_PAST, SKIP_ENDED, SKIP_EXPIRED)}
    replace(plan, removed=[i for i in plan.removed if i not in timed_out]).check_guard(options.force)
    if not options.dry_run:
        writer.commit(plan)


def _merge_duplicates(records: list[Record], types: dict[str, str], config: TrayConfig, settings: LahellaSettings,
                      options: RunOptions, report: LahellaReport) -> tuple[list[Record], Decisions]:
    dup = settings.duplicates
    if not dup.enabled:
        return records, Decisions()
    content_root = (options.root / settings.output_dir).parent.parent
    others: list[Record] = []
    for source_name in dup.against:
        found, problems = read_records(content_root / "records" / source_name, config)
        others += found
        for problem in problems:
            report.warn("", "unreadable_twin", f"records/{source_name}/{problem}; not compared")
    overrides, _ = load_overrides(content_root / "overrides", content_root)
    refused = refused_merges(overrides)
    forced = {record_id: str(o["duplicate_of"]) for record_id, o in overrides.items()
              if record_id.startswith("lahella-") and isinstance(o.get("duplicate_of"), str)}
    candidates = [r for r in records if (types.get(r.id) in dup.types and r.kind not in ("event", "volunteering"))
                  or r.id in forced]
    decisions = find_duplicates(candidates, others, dup, refused=refused, forced=forced)
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
