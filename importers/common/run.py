"""The one import pipeline every source runs on, and the frame of a run.

A source's importer is a `Source` (below): it fetches its items and normalises one item to
record data; `import_records` does the rest, the same for every source:

    report = import_records(MySource(settings), config, settings, options)

    1. the run's time (`run_time`) and date (`resolve_today`: --today, else $TARJOTIN_TODAY, else
       today in the site's time zone), a report, the record writer and its lock;
    2. `source.fetch(run)` → (record id, item) pairs; the source reports what it skipped early;
    3. the per-item loop (`normalise_items`): normalise, report skips, failures ("could not be
       read … importer bug") and warnings, validate against the record model (`checked_record`);
    4. `source.finish(run, results)` → the records to write (duplicate merging, notes);
    5. the write plan (`plan_keeping_invalid`), the removal guard, the atomic commit.

`reporting` finishes the report as ok or failed and writes it whatever happens, so an operator
always finds out what a run did, including one that changed nothing. It also guards the run
(interrupts.py): SIGTERM, SIGINT or a passed `run_deadline` fail the run the same way, with the
lock released, the staging directory removed and the report written as failed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from tarjotin.config import ROOT, TrayConfig
from tarjotin.model import Record, validate_record
from tarjotin.recordfile import errors_from_validation

from .errors import ImportFailure
from .http import HttpClient, RetryPolicy
from .interrupts import RunStopped, finishing, guarded_run
from .progress import Progress
from .report import ImportReport
from .text import without_control_characters
from .writer import RecordWriter, WritePlan


#: Environment variable that pins "today" for every importer and the build, e.g. 2026-11-23.
TODAY_ENV = "TARJOTIN_TODAY"


@dataclass
class RunOptions:
    """How to run, for every source: safety switches, transport choices and hooks that tests
    replace. A source's own options subclass this (PTV: `since`; Lähellä.fi: `file`)."""

    force: bool = False
    """Override the removal guard."""
    dry_run: bool = False
    """Fetch, normalise and report, but write no record files."""
    root: Path = ROOT
    """Repository root; output_dir, report_path and the content to compare with are relative to it."""
    base_url: str | None = None
    """Use this API address instead of the configured one (offline replay)."""
    now: datetime | None = None
    """The run's time (imported_at of changed records); default: the current time."""
    today: date | None = None
    """Date that decides which events are past and which hours are in force; default:
    $TARJOTIN_TODAY, else today in the site's time zone."""
    sleep: Callable[[float], None] | None = None
    """Backoff sleep (tests pass a recorder so no real time passes)."""
    timeout: float | None = None
    """Per-request timeout in seconds, instead of the configured one."""
    environ: Mapping[str, str] | None = None
    """Environment for credentials and $TARJOTIN_TODAY (default: os.environ)."""
    progress: Progress = field(default_factory=lambda: Progress(enabled=False))
    log: Callable[[str], None] = lambda message: print(message, file=sys.stderr)

    @property
    def env(self) -> Mapping[str, str]:
        return self.environ if self.environ is not None else os.environ


def today_from_environment(environ: Mapping[str, str] | None = None) -> date | None:
    """$TARJOTIN_TODAY as a date, None when unset; ImportFailure when it is not a date."""
    value = (os.environ if environ is None else environ).get(TODAY_ENV, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ImportFailure(f"${TODAY_ENV}={value!r} is not a date (YYYY-MM-DD)") from None


def resolve_today(options: RunOptions, config: TrayConfig, now: datetime) -> date:
    """The run's "today": `options.today`, else $TARJOTIN_TODAY, else today in the site's time zone."""
    if options.today is not None:
        return options.today
    return today_from_environment(options.env) or now.astimezone(ZoneInfo(config.site.timezone)).date()


def run_time(now: datetime | None) -> datetime:
    """The run's time (`imported_at` of changed records): UTC, whole seconds; default now."""
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)


class RetryLog:
    """The HTTP client's `on_retry`: logs each retry as it happens and keeps it for the report."""

    def __init__(self, log: Callable[[str], None]):
        self.messages: list[str] = []
        self._log = log

    def __call__(self, url: str, reason: str, delay: float) -> None:
        message = f"retrying {url} in {delay:.1f} s ({reason})"
        self.messages.append(message)
        self._log(message)


def http_stats(client: object, retries: RetryLog, **extra: Any) -> dict[str, Any] | None:
    """The report's `http` part for a client with an `http` attribute (None without one);
    `extra` keys go last."""
    http = getattr(client, "http", None)
    if http is None:
        return None
    return {
        "requests": http.stats.requests,
        "retries": http.stats.retries,
        "retry_reasons": dict(sorted(http.stats.retry_reasons.items())),
        "retry_log": retries.messages[-50:],
        **extra,
    }


@contextmanager
def reporting(report: ImportReport, path: Path, progress: Progress,
              http: Callable[[], dict[str, Any] | None], *, run_deadline: float | None = None) -> Iterator[None]:
    """Finish `report` as ok, or as failed on ImportFailure (re-raised) or a signal or the run
    deadline (raised as ImportFailure), and write it to `path` whatever happens. `http` is
    asked at the end, when the client has done its requests."""
    stopped: RunStopped | None = None
    with guarded_run(run_deadline):
        try:
            yield
        except RunStopped as exc:
            stopped = exc
            report.finish("failed", f"{exc}; nothing was changed")
        except ImportFailure as exc:
            report.finish("failed", str(exc))
            raise
        except Exception as exc:  # a bug or a disk error: still a failed run, not one "running" forever
            report.finish("failed", f"{exc.__class__.__name__}: {exc}")
            raise
        else:
            report.finish("ok")
        finally:
            finishing()
            stats = http()
            if stats is not None:
                report.http = stats
            progress.done()
            report.write(path)
    if stopped is not None:
        raise ImportFailure(str(stopped)) from None


class Outcome(Protocol):
    """What a normaliser gives for one item: record data, or the reason it was skipped."""

    record: dict[str, Any] | None
    warnings: list[tuple[str, str]]
    title: str
    skip_reason: str | None


def validation_reasons(exc: ValidationError, record_id: str) -> str:
    return "; ".join(f"{e.field}: {e.message}" for e in errors_from_validation(exc, record_id))


def checked_record(outcome: Outcome, record_id: str, config: TrayConfig, report: ImportReport) -> Record | None:
    """The validated record, its warnings reported; None when it is invalid (reported why).
    Control characters are removed from every field first, whichever path the text took."""
    try:
        record = validate_record(without_control_characters(outcome.record or {}), config)
    except ValidationError as exc:
        report.fail_item(record_id, validation_reasons(exc, record_id))
        return None
    for kind, message in outcome.warnings:
        report.warn(record_id, kind, message, outcome.title)
    return record


def plan_keeping_invalid(writer: RecordWriter, records: list[Record], report: ImportReport, existing: set[str],
                         *, now: datetime, full: bool = True, remove: Iterable[str] = ()) -> WritePlan:
    """`writer.plan(…)`, except that in a full run a record that failed validation this time keeps
    its previous file (with a warning) instead of leaving the tray: one bad edit upstream should
    not take a service away. (Incremental runs leave unlisted records alone anyway.)"""
    kept = sorted({item["id"] for item in report.invalid} & existing) if full else []
    for record_id in kept:
        report.warn(record_id, "kept_previous_version", "failed validation; the previous file is kept")
    plan = writer.plan(records, now=now, full=full, remove=remove)
    for record_id in kept:
        plan.removed.remove(record_id)
        plan.texts[record_id] = writer.existing_text(record_id) or ""
        plan.unchanged.append(record_id)
    return plan


# --- the pipeline ---------------------------------------------------------------------------------

Item = TypeVar("Item")
Settings = TypeVar("Settings")


@dataclass
class Run(Generic[Settings]):
    """One run as the source's hooks see it."""

    config: TrayConfig
    settings: Settings
    options: RunOptions
    report: ImportReport
    writer: RecordWriter
    now: datetime
    """The run's time, UTC."""
    today: date
    """The run's date (`resolve_today`)."""
    retries: RetryLog
    """The HTTP client's `on_retry`."""
    full: bool = True
    """A full run: afterwards the directory holds exactly this run's records."""
    existing: set[str] = field(default_factory=set)
    """Ids of the records on disk before the run."""
    remove: set[str] = field(default_factory=set)
    """Incremental runs: ids to remove (full runs remove whatever they did not write)."""
    not_guarded: set[str] = field(default_factory=set)
    """Removed ids that do not count towards the removal guard (events that are over)."""
    files: dict[str, str | None] = field(default_factory=dict)
    """Other files to write next to the records (name → text, None = remove), e.g. merges.yml."""

    def progress(self, stage: str, done: int, total: int | None = None) -> None:
        self.options.progress.update(stage, done, total)


class Source(Protocol[Item]):
    """What a source's importer provides; `import_records` runs it (docs/importers.md)."""

    name: str
    """Its id in the source registry (tarjotin/sources.py): the report's `source`, the ids' prefix."""

    def fetch(self, run: Run) -> Iterable[tuple[str, Item]]:
        """The items to normalise, as (record id, item), in a stable order. Raise ImportFailure
        (FetchError, MalformedResponse) when the source cannot be read: nothing is changed.
        Items left out before normalising are reported here (`run.report.skip`)."""
        ...

    def normalise(self, item: Item, run: Run) -> Outcome:
        """Record data for one item (or its skip reason); may raise: the item is reported as
        unreadable and the run goes on."""
        ...

    def finish(self, run: Run, results: list[tuple[Record, Outcome]]) -> list[Record]:
        """The records to write, from the valid ones (merge duplicates, add notes); most
        sources return `[record for record, _ in results]`."""
        ...

    def http_stats(self, retries: RetryLog) -> dict[str, Any] | None:
        """The report's `http` part (`http_stats(client, retries)`), None without an HTTP client.
        Asked when the run ends, also when it failed."""
        ...


def http_client(settings: Any, options: RunOptions, retries: RetryLog, base_url: str,
                headers: Mapping[str, str] | None = None) -> HttpClient:
    """An HTTP client for `base_url` with the run's limits: `settings` is a SourceSettings
    (timeout, retries, backoff, request_deadline, max_response_mb), `options` may shorten the
    timeout and replace the backoff sleep (tests)."""
    timeout = options.timeout or settings.timeout
    return HttpClient(base_url, timeout=(min(10.0, timeout), timeout),
                      retry=RetryPolicy(attempts=settings.retries, backoff=settings.backoff, max_backoff=120.0),
                      headers=headers, on_retry=retries, deadline=settings.request_deadline,
                      max_bytes=settings.max_response_bytes, **({"sleep": options.sleep} if options.sleep else {}))


def normalise_items(source: Source, items: Iterable[tuple[str, Any]], run: Run) -> list[tuple[Record, Outcome]]:
    """The per-item loop: every item normalised, skipped, failed or validated, and reported."""
    items = list(items)
    results: list[tuple[Record, Outcome]] = []
    seen: set[str] = set()
    for index, (record_id, item) in enumerate(items):
        run.progress("normalising", index + 1, len(items))
        try:
            outcome = source.normalise(item, run)
        except Exception as exc:  # noqa: BLE001 - one unreadable item must not stop the run
            run.report.fail_item(record_id, f"could not be read ({exc.__class__.__name__}: {exc}); "
                                            "please report it as an importer bug")
            continue
        record_id = getattr(outcome, "record_id", None) or record_id
        if outcome.skip_reason:
            run.report.skip(record_id, outcome.skip_reason, outcome.title)
            continue
        run.report.relevant += 1
        if record_id in seen:
            run.report.fail_item(record_id, "gives the same id as another item of this run")
            continue
        seen.add(record_id)
        record = checked_record(outcome, record_id, run.config, run.report)
        if record is not None:
            results.append((record, outcome))
    return results


def import_records(source: Source, config: TrayConfig, settings: Any, options: RunOptions,
                   report: ImportReport, *, full: bool = True, retries: RetryLog | None = None,
                   prepare: Callable[[Run], None] | None = None) -> ImportReport:
    """Run one import of `source` (the pipeline in the module docstring) and return its report.

    `report` is the source's (its `started` is the run's time, `run_time`); `settings` has
    `output_dir`, `report_path`, `max_removal_share` and `run_deadline` (`SourceSettings`);
    `retries` is the log its HTTP client was given; `prepare(run)` runs first inside the report's
    frame (opening a transport that may fail: credentials, a file). Raises ImportFailure (after
    writing the report) when nothing was changed."""
    now = report.started
    retries = retries or RetryLog(options.log)
    writer = RecordWriter(options.root / settings.output_dir, max_removal_share=settings.max_removal_share)
    run = Run(config=config, settings=settings, options=options, report=report, writer=writer, now=now,
              today=now.date(), retries=retries, full=full)
    with reporting(report, options.root / settings.report_path, options.progress,
                   lambda: source.http_stats(retries), run_deadline=settings.run_deadline):
        run.today = resolve_today(options, config, now)
        if prepare is not None:
            prepare(run)
        with writer.lock():
            run.existing = set(writer.existing_ids())
            results = normalise_items(source, source.fetch(run), run)
            records = source.finish(run, results)
            written = {record.id for record in records}
            remove = run.remove & run.existing - written if not full else ()
            plan = plan_keeping_invalid(writer, records, report, run.existing, now=now, full=full, remove=remove)
            if run.files:
                writer.set_files(plan, run.files)
            report.planned(plan)
            guarded = plan if not run.not_guarded else replace(
                plan, removed=[i for i in plan.removed if i not in run.not_guarded])
            guarded.check_guard(options.force)
            if not options.dry_run:
                writer.commit(plan)
    return report
