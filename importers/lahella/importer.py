"""One Lähellä.fi import run: fetch → normalise → validate → merge duplicates → write (or nothing).

Every run is a full run (the admin API has no "changed since" filter): the record directory
afterwards holds exactly the activities that belong on the tray. Any fetch failure, malformed
answer or removal-guard hit raises `ImportFailure` before the writer touches the directory;
the report is written either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers.common.duplicates import MergingReport, merge_duplicates
from importers.common.run import TODAY_ENV, RetryLog, Run, http_stats, import_records, run_time  # noqa: F401
from importers.common.run import RunOptions as CommonRunOptions
from tarjotin.config import TrayConfig
from tarjotin.model import Record

from .duplicates import decisions_text, may_have_twin
from .normalize import SKIP_ENDED, SKIP_EXPIRED, SKIP_PAST, Context, Outcome, normalise_activity
from .normalize import record_id as make_record_id
from .settings import LahellaSettings
from .source import LahellaTransport, make_source

@dataclass
class RunOptions(CommonRunOptions):
    """The shared options (importers/common/run.py) plus Lähellä.fi's own."""

    file: Path | None = None
    """Read this JSON export instead of calling the API."""


@dataclass
class LahellaReport(MergingReport):
    """The shared report with the duplicate decisions, plus the transport used."""

    source_description: str = ""

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        if self.source_description:
            data["transport"] = self.source_description
        return data


def run_import(config: TrayConfig, settings: LahellaSettings, options: RunOptions | None = None,
               source: LahellaTransport | None = None) -> LahellaReport:
    """Run one import (`source`: the transport, default the configured one). Returns the report;
    raises ImportFailure (after writing the report) on failure."""
    options = options or RunOptions()
    report = LahellaReport(source="lahella", mode="full", started=run_time(options.now), dry_run=options.dry_run)
    importer = LahellaImport(source)
    return import_records(importer, config, settings, options, report, prepare=importer.open)


class LahellaImport:
    """Lähellä.fi on the shared pipeline (importers.common.run.Source): every run is a full run
    over the activities the transport lists; duplicates with PTV are merged in `finish`."""

    name = "lahella"

    def __init__(self, transport: LahellaTransport | None = None):
        self.transport = transport
        self.ctx: Context | None = None

    def open(self, run: Run[LahellaSettings]) -> None:
        """The transport is made inside the run's frame: missing credentials fail the run, reported."""
        settings, options, report = run.settings, run.options, run.report
        if self.transport is None:
            self.transport = make_source(settings, root=options.root, file=options.file, base_url=options.base_url,
                                         sleep=options.sleep, timeout=options.timeout, on_retry=run.retries,
                                         environ=options.environ,
                                         progress=lambda stage, done, total: options.progress.update(stage, done, total))
        report.source_description = getattr(self.transport, "description", "")
        report.base_url = options.base_url or (report.source_description if options.file is None
                                               and settings.transport == "api" else "")

    def http_stats(self, retries: RetryLog) -> dict[str, Any] | None:
        return http_stats(self.transport, retries, session_refreshes=getattr(self.transport, "refreshes", 0))

    def fetch(self, run: Run[LahellaSettings]) -> list[tuple[str, dict[str, Any]]]:
        assert self.transport is not None
        report = run.report
        fetched = self.transport.fetch()
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
        self.ctx = Context(config=run.config, settings=run.settings, groups=fetched.groups, today=run.today, now=run.now)
        return [(make_record_id(str(activity.get("_key"))), activity) for activity in fetched.activities]

    def normalise(self, activity: dict[str, Any], run: Run[LahellaSettings]) -> Outcome:
        assert self.ctx is not None
        return normalise_activity(activity, self.ctx)

    def finish(self, run: Run[LahellaSettings], results: list[tuple[Record, Outcome]]) -> list[Record]:
        settings = run.settings
        types = {record.id: outcome.activity_type for record, outcome in results}
        records, decisions = merge_duplicates(
            [record for record, _ in results],
            lambda record: may_have_twin(record, types.get(record.id, ""), settings.duplicates),
            config=run.config, settings=settings.duplicates,
            content_root=(run.options.root / settings.output_dir).parent.parent, report=run.report, source=self.name)
        run.files[settings.duplicates.file] = decisions_text(decisions.merges)
        # Activities still in the answer whose time is over leave the tray on purpose: they do not
        # count towards the removal guard, which is there to catch a source that lost its data.
        run.not_guarded = {item["id"] for item in run.report.skipped
                           if item["reason"] in (SKIP_PAST, SKIP_ENDED, SKIP_EXPIRED)}
        return records
