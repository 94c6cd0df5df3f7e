"""One toy import run: `GET items.json` → one record per item, on the shared pipeline.

An item: {"key": "1", "kind": "activity", "name": {"fi": …}, "summary": {…}, "theme": "liikunta",
"municipality": "092", "url": "https://…" (optional: its page at the source)}.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from importers.common.errors import MalformedResponse
from importers.common.report import ImportReport
from importers.common.run import RetryLog, Run, RunOptions, http_client, http_stats, import_records, run_time
from tarjotin.config import TrayConfig
from tarjotin.model import Record

from .settings import ToySettings


@dataclass
class Outcome:
    """What `normalise` gives for one item."""

    record: dict[str, Any] | None = None
    skip_reason: str | None = None
    title: str = ""
    warnings: list[tuple[str, str]] = field(default_factory=list)


class ToySource:
    """The toy API as an `importers.common.run.Source`."""

    name = "toy"

    def __init__(self) -> None:
        self.http = None  # the HTTP client, made when the run fetches

    def http_stats(self, retries: RetryLog) -> dict[str, Any] | None:
        return http_stats(self, retries)

    def fetch(self, run: Run[ToySettings]) -> list[tuple[str, dict[str, Any]]]:
        self.http = http_client(run.settings, run.options, run.retries, run.options.base_url or run.settings.base_url)
        answer = self.http.get_json("items.json")
        if not isinstance(answer, dict) or not isinstance(answer.get("items"), list):
            raise MalformedResponse("items.json: expected {\"items\": [...]}")
        run.report.fetched = len(answer["items"])
        return sorted((f"toy-{item['key']}", item) for item in answer["items"])

    def normalise(self, item: dict[str, Any], run: Run[ToySettings]) -> Outcome:
        title = item["name"].get("fi", "")
        if item.get("municipality") not in run.config.municipality_codes:
            return Outcome(skip_reason="outside_area", title=title)
        record = {"id": f"toy-{item['key']}", "source": "toy", "kind": item.get("kind", "activity"),
                  "title": item["name"], "summary": item.get("summary") or {},
                  "themes": [item["theme"]] if item.get("theme") else [],
                  "municipalities": [item["municipality"]]}
        if item.get("url"):
            record["source_url"] = item["url"]
        return Outcome(record=record, title=title)

    def finish(self, run: Run[ToySettings], results: list[tuple[Record, Outcome]]) -> list[Record]:
        return [record for record, _ in results]


def run_import(config: TrayConfig, settings: ToySettings, options: RunOptions | None = None) -> ImportReport:
    options = options or RunOptions()
    report = ImportReport(source="toy", started=run_time(options.now), dry_run=options.dry_run)
    return import_records(ToySource(), config, settings, options, report)
