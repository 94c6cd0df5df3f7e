"""The run report (`reports/nightly.json` for machines, `reports/nightly.txt` for people) and the
commit message, both made from the same results.

Status and exit code:

    ok        0  every source imported, the site was built, checked and deployed
    failed    1  the site was not updated (build, check, guard or deploy failed; or the run
                 could not start); the live site is as it was
    usage     2  bad command line or configuration (nothing was done)
    degraded  3  the site was updated, but something needs a look: a source failed (its
                 previous records were kept and published), or the pull, commit or push failed
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from .sources import SourceResult

EXIT_CODES = {"ok": 0, "failed": 1, "usage": 2, "degraded": 3}

#: Record ids listed per change kind in the commit message body (the JSON report has all).
IDS_IN_MESSAGE = 20


@dataclass
class RunReport:
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    finished: datetime | None = None
    day: date | None = None
    """The run's date in the area's time zone (the commit message's date)."""
    failures: list[str] = field(default_factory=list)
    """Why the site was not updated: any entry makes the run failed."""
    warnings: list[str] = field(default_factory=list)
    """What degraded the run."""
    notes: list[str] = field(default_factory=list)
    """Facts worth a line in the summary that are no problem (no deploy target, nothing to commit)."""
    sources: list[SourceResult] = field(default_factory=list)
    git: dict[str, Any] = field(default_factory=dict)
    build: dict[str, Any] = field(default_factory=dict)
    deploy: dict[str, Any] | None = None
    notification: dict[str, Any] = field(default_factory=dict)
    usage_error: bool = False

    @property
    def status(self) -> str:
        if self.usage_error:
            return "usage"
        if self.failures:
            return "failed"
        return "degraded" if self.warnings else "ok"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    # --- commit message ---

    def commit_message(self) -> str:
        """`Nightly import 2026-12-03: ptv +2 ~1 -0, lahella failed`, then a block per source."""
        heads, body = [], []
        for source in self.sources:
            if source.status == "failed":
                heads.append(f"{source.name} failed")
                reason = source.reason
                body.append(f"{source.name}: FAILED, previous records kept" + (f" ({reason})" if reason else ""))
                continue
            c = source.counts
            heads.append(f"{source.name} +{c.get('added', 0)} ~{c.get('updated', 0)} -{c.get('removed', 0)}")
            body.append(f"{source.name}: added {c.get('added', 0)}, updated {c.get('updated', 0)}, "
                        f"removed {c.get('removed', 0)}, unchanged {c.get('unchanged', 0)}, "
                        f"skipped {c.get('skipped', 0)}, invalid {c.get('invalid', 0)}, warnings {c.get('warnings', 0)}")
            for kind in ("added", "updated", "removed"):
                ids = source.ids.get(kind, [])
                if ids:
                    more = f" … and {len(ids) - IDS_IN_MESSAGE} more" if len(ids) > IDS_IN_MESSAGE else ""
                    body.append(f"  {kind}: {', '.join(ids[:IDS_IN_MESSAGE])}{more}")
        day = (self.day or self.started.date()).isoformat()
        return f"Nightly import {day}: {', '.join(heads)}\n\n" + "\n".join(body) + "\n"

    # --- output ---

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "exit_code": self.exit_code,
            "started": _iso(self.started),
            "finished": _iso(self.finished),
            "seconds": round(((self.finished or self.started) - self.started).total_seconds(), 1),
            "failures": self.failures,
            "warnings": self.warnings,
            "notes": self.notes,
            "sources": [s.to_json() for s in self.sources],
            "git": self.git,
            "build": self.build,
            "deploy": self.deploy,
            "notification": self.notification,
        }

    def summary(self) -> str:
        """A few lines for people: the notification text and `nightly.txt`."""
        shown = "CONFIGURATION ERROR" if self.status == "usage" else self.status.upper()
        lines = [f"Tarjotin nightly {shown} ({_iso(self.started)})"]
        lines += [f"FAILED: {line}" for line in self.failures]
        lines += [f"WARNING: {line}" for line in self.warnings]
        for source in self.sources:
            if source.status == "failed":
                lines.append(f"- {source.name}: failed, previous records kept")
            else:
                c = source.counts
                lines.append(f"- {source.name}: +{c.get('added', 0)} ~{c.get('updated', 0)} -{c.get('removed', 0)}, "
                             f"skipped {c.get('skipped', 0)}, invalid {c.get('invalid', 0)}, "
                             f"warnings {c.get('warnings', 0)}")
        if self.git.get("commit"):
            lines.append(f"- git: commit {self.git['commit'][:12]}" + (", pushed" if self.git.get("pushed") else ""))
        if self.build:
            lines.append(f"- build: {'ok' if self.build.get('ok') else 'FAILED'}, {self.build.get('pages', 0)} pages"
                         + (f" (live {self.build['live_pages']})" if self.build.get("live_pages") is not None else ""))
        if self.deploy:
            lines.append(f"- deploy: {self.deploy['summary']}")
        lines += [f"- {note}" for note in self.notes]
        return "\n".join(lines)

    def write(self, directory: Path) -> None:
        """Write nightly.json and nightly.txt atomically (a monitor never reads half a file)."""
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in (("nightly.json", json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"),
                           ("nightly.txt", self.summary() + "\n")):
            tmp = directory / f".{name}.tmp"
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, directory / name)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z") if value else None
