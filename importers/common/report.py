"""The run report: counts, skips by reason, validation failures, warnings.

Written as JSON (default `reports/import-<source>.json`, see docs/importers.md) after every
run, successful or not, and summarised for a human on the terminal. The JSON is sorted and
stable, so two reports of the same data differ only in their times.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .text import without_control_characters as _clean

if TYPE_CHECKING:
    from .writer import WritePlan


@dataclass
class ImportReport:
    """Everything an operator or an editor needs to know about one run."""

    source: str
    mode: str = "full"
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    finished: datetime | None = None
    status: str = "running"
    """running → ok | failed."""
    message: str = ""
    """Why the run failed (or a note on success)."""
    base_url: str = ""
    since: str | None = None
    fetched: int = 0
    """Source items (services) received."""
    relevant: int = 0
    """Items that passed the area and relevance rules."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    """[{id, reason, title}] of items left out on purpose (not relevant, outside the area…)."""
    invalid: list[dict[str, str]] = field(default_factory=list)
    """[{id, reason}] of items that failed record validation and were skipped."""
    warnings: list[dict[str, str]] = field(default_factory=list)
    """[{id, kind, message, title}] data-quality notes that did not stop an item."""
    http: dict[str, Any] = field(default_factory=dict)
    dry_run: bool = False
    _warning_keys: set[tuple[str, str, str]] = field(default_factory=set, repr=False)

    # --- collecting ---

    # Texts here come from the source (titles, ids, quoted values): control characters are
    # removed so that neither the JSON nor the terminal summary carries an escape sequence.

    def skip(self, item_id: str, reason: str, title: str = "") -> None:
        self.skipped.append(_clean({"id": item_id, "reason": reason, "title": title}))

    def fail_item(self, item_id: str, reason: str) -> None:
        self.invalid.append(_clean({"id": item_id, "reason": reason}))

    def warn(self, item_id: str, kind: str, message: str, title: str = "") -> None:
        item_id, message, title = _clean(item_id), _clean(message), _clean(title)
        key = (item_id, kind, message)
        if key in self._warning_keys:
            return
        self._warning_keys.add(key)
        entry = {"id": item_id, "kind": kind, "message": message}
        if title:
            entry["title"] = title
        self.warnings.append(entry)

    def planned(self, plan: WritePlan) -> None:
        """Take the counts of what the run writes (or would write, in a dry run)."""
        self.added, self.updated, self.removed = plan.added, plan.updated, plan.removed
        self.unchanged = len(plan.unchanged)

    def finish(self, status: str, message: str = "") -> None:
        self.status = status
        self.message = _clean(message)
        self.finished = datetime.now(timezone.utc)

    # --- output ---

    @property
    def skipped_by_reason(self) -> dict[str, int]:
        return dict(sorted(Counter(item["reason"] for item in self.skipped).items()))

    @property
    def warnings_by_kind(self) -> dict[str, int]:
        return dict(sorted(Counter(item["kind"] for item in self.warnings).items()))

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "message": self.message,
            "mode": self.mode,
            "since": self.since,
            "dry_run": self.dry_run,
            "base_url": self.base_url,
            "started": _iso(self.started),
            "finished": _iso(self.finished),
            "counts": {
                "fetched": self.fetched,
                "relevant": self.relevant,
                "added": len(self.added),
                "updated": len(self.updated),
                "unchanged": self.unchanged,
                "removed": len(self.removed),
                "skipped": len(self.skipped),
                "invalid": len(self.invalid),
                "warnings": len(self.warnings),
            },
            "skipped_by_reason": self.skipped_by_reason,
            "warnings_by_kind": self.warnings_by_kind,
            "added": sorted(self.added),
            "updated": sorted(self.updated),
            "removed": sorted(self.removed),
            "invalid": sorted(self.invalid, key=lambda x: (x["id"], x["reason"])),
            "skipped": sorted(self.skipped, key=lambda x: (x["reason"], x["id"])),
            "warnings": sorted(self.warnings, key=lambda x: (x["kind"], x["id"], x["message"])),
            "http": self.http,
        }

    def write(self, path: Path) -> None:
        """Write the JSON report (atomically: a reader never sees half a file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n",
                       encoding="utf-8")
        os.replace(tmp, path)

    def summary(self) -> str:
        """A few lines for the terminal or a cron mail."""
        lines = [
            f"{self.source} import ({self.mode}{', since ' + self.since if self.since else ''}"
            f"{', dry run' if self.dry_run else ''}): {self.status.upper()}"
            + (f" — {self.message}" if self.message else ""),
            f"  fetched {self.fetched}, relevant {self.relevant}: added {len(self.added)}, "
            f"updated {len(self.updated)}, unchanged {self.unchanged}, removed {len(self.removed)}",
        ]
        if self.skipped:
            reasons = ", ".join(f"{reason} {count}" for reason, count in self.skipped_by_reason.items())
            lines.append(f"  skipped {len(self.skipped)}: {reasons}")
        if self.invalid:
            lines.append(f"  failed validation {len(self.invalid)}:")
            for item in sorted(self.invalid, key=lambda x: x["id"])[:20]:
                lines.append(f"    {item['id']}: {item['reason']}")
            if len(self.invalid) > 20:
                lines.append(f"    … and {len(self.invalid) - 20} more (see the JSON report)")
        if self.warnings:
            kinds = ", ".join(f"{kind} {count}" for kind, count in self.warnings_by_kind.items())
            lines.append(f"  warnings {len(self.warnings)}: {kinds}")
        if self.http.get("retries"):
            lines.append(f"  HTTP: {self.http.get('requests')} requests, {self.http.get('retries')} retries")
        return "\n".join(lines)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z") if value else None
