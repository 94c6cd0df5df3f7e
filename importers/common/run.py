"""The frame of one import run, the same for every source.

    retries = RetryLog(options.log)                     # the HTTP client's on_retry
    with reporting(report, report_path, options.progress, lambda: http_stats(client, retries)):
        record = checked_record(outcome, record_id, config, report)      # per item
        plan = plan_keeping_invalid(writer, records, report, existing, now=now, full=True)

`reporting` finishes the report as ok or failed and writes it whatever happens, so an operator
always finds out what a run did, including one that changed nothing. It also guards the run
(interrupts.py): SIGTERM, SIGINT or a passed `run_deadline` fail the run the same way, with the
lock released, the staging directory removed and the report written as failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from tarjotin.config import TrayConfig
from tarjotin.model import Record, validate_record
from tarjotin.recordfile import errors_from_validation

from .errors import ImportFailure
from .interrupts import RunStopped, finishing, guarded_run
from .progress import Progress
from .report import ImportReport
from .text import without_control_characters
from .writer import RecordWriter, WritePlan


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
    """What a normaliser gives for one item that it did not skip."""

    record: dict[str, Any] | None
    warnings: list[tuple[str, str]]
    title: str


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
