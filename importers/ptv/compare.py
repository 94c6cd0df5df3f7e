"""`--compare`: run the v11 and the v12 adapter on the same configuration and list every
difference per record, so an operator can switch `ptv.api_version` with confidence.

Each version runs a full import into its own scratch directory (nothing in content/ changes),
with the same run time, so the two record sets are comparable file by file. Differences are
records only one version writes, records whose files differ (a unified diff), and records
the two versions skip for different reasons. While PTV content is still edited in v11, v12
lags by 1–1.5 hours: a difference that disappears on the next comparison is that lag.
"""

from __future__ import annotations

import difflib
import json
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from importers.common.errors import ImportFailure
from tarjotin.config import TrayConfig

from .importer import RunOptions, run_import
from .settings import PtvSettings

VERSIONS = ("v11", "v12")
_IMPORTED_AT = re.compile(r"^imported_at: .*\n", re.M)


@dataclass
class Comparison:
    """What differs between the records of the two versions."""

    only: dict[str, list[str]] = field(default_factory=dict)
    """version → ids of records only that version writes."""
    differing: dict[str, list[str]] = field(default_factory=dict)
    """id → unified diff lines (v11 → v12) of a record both write."""
    skipped: dict[str, dict[str, str | None]] = field(default_factory=dict)
    """id → {version: skip or failure reason, None when written} where the versions disagree."""
    same: int = 0
    """Records both versions write identically."""
    counts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """version → the run's counts (fetched, relevant, added …)."""

    @property
    def identical(self) -> bool:
        return not (any(self.only.values()) or self.differing or self.skipped)

    def as_dict(self) -> dict[str, Any]:
        return {"identical": self.identical, "same": self.same, "only": self.only, "differing": self.differing,
                "skipped": self.skipped, "counts": self.counts}

    def text(self) -> str:
        lines = [f"PTV v11 ↔ v12: {self.same} records identical"
                 + ("; no differences" if self.identical else "")]
        for version in VERSIONS:
            for record_id in self.only.get(version, []):
                lines.append(f"{record_id}: only {version} writes it")
        for record_id, reasons in sorted(self.skipped.items()):
            lines.append(f"{record_id}: " + ", ".join(f"{v} {reasons.get(v) or 'writes it'}" for v in VERSIONS))
        for record_id, diff in sorted(self.differing.items()):
            lines.append(f"{record_id}: the files differ")
            lines.extend("    " + line.rstrip("\n") for line in diff)
        return "\n".join(lines)


def _outcomes(report: Any) -> dict[str, str]:
    found = {item["id"]: f"skips it ({item['reason']})" for item in report.skipped}
    found.update({item["id"]: f"cannot use it ({item['reason']})" for item in report.invalid})
    return found


def compare(config: TrayConfig, settings: PtvSettings, options: RunOptions,
            base_urls: dict[str, str | None]) -> Comparison:
    """Run both versions (`base_urls[version]`, None = the configured or production address)."""
    texts: dict[str, dict[str, str]] = {}
    outcomes: dict[str, dict[str, str]] = {}
    result = Comparison()
    with tempfile.TemporaryDirectory(prefix="ptv-compare-") as scratch:
        for version in VERSIONS:
            url = base_urls.get(version)
            changes: dict[str, Any] = {"api_version": version}
            if settings.api_version != version or url:
                changes["base_url"] = url
            run_settings = settings.model_copy(update=changes)
            root = Path(scratch) / version
            run_options = replace(options, root=root, since=None, dry_run=False, force=True, base_url=url,
                                  api_version=None)
            try:
                report = run_import(config, run_settings, run_options)
            except ImportFailure as exc:
                raise ImportFailure(f"the {version} run failed: {exc}") from None
            out = root / run_settings.output_dir
            texts[version] = {p.stem: _IMPORTED_AT.sub("", p.read_text(encoding="utf-8"))
                              for p in sorted(out.glob("*.md"))} if out.is_dir() else {}
            outcomes[version] = _outcomes(report)
            result.counts[version] = report.to_json()["counts"]
    v11, v12 = texts["v11"], texts["v12"]
    for version, mine, other in (("v11", v11, v12), ("v12", v12, v11)):
        result.only[version] = sorted(i for i in mine if i not in other and i not in outcomes[_other(version)])
    for record_id in sorted(set(v11) & set(v12)):
        if v11[record_id] == v12[record_id]:
            result.same += 1
        else:
            result.differing[record_id] = list(difflib.unified_diff(
                v11[record_id].splitlines(True), v12[record_id].splitlines(True), "v11", "v12", n=1))
    for record_id in sorted(set(outcomes["v11"]) | set(outcomes["v12"])):
        reasons = {v: outcomes[v].get(record_id) for v in VERSIONS}
        if reasons["v11"] != reasons["v12"]:
            result.skipped[record_id] = reasons
    return result


def _other(version: str) -> str:
    return "v12" if version == "v11" else "v11"


def write(comparison: Comparison, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(comparison.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                    encoding="utf-8")
