"""The importers a nightly run can call, and one importer run with its records kept on failure.

Each source is its importer's own command line (`python -m importers.<name> …`), run as a
child process so that a crash or a hang in one source cannot take the run down: the run waits
at most `import_timeout` seconds, reads the importer's JSON report (importers/common/report.py)
for the counts, and when the importer failed, puts the source's record directory back exactly
as it was before (the importers change nothing on a failure they notice; this also covers the
ones they do not: a crash, a kill, a timeout).
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..config import ROOT, ConfigError, TrayConfig


@dataclass(frozen=True)
class Source:
    """One importer as the nightly run calls it."""

    name: str
    module: str
    """The importer's package (`python -m <module>`)."""
    args: tuple[str, ...]
    """Its flags for a full run (PTV: `--full`, which also notices removed services)."""
    settings_module: str
    """Module with `load_settings(config)`, whose result has `output_dir` and `report_path`."""
    incremental_args: tuple[str, ...] = ()
    """Flags for a run that fetches only what changed since the last successful one; empty =
    the source always runs in full."""
    state_setting: str = ""
    """The importer setting naming its state file (the last successful run), which an
    incremental run needs; without the file the run is a full one."""

    def paths(self, config: TrayConfig) -> tuple[str, str]:
        """(record directory, report path), both relative to the repository root."""
        settings = importlib.import_module(self.settings_module).load_settings(config)
        return settings.output_dir, settings.report_path

    def arguments(self, config: TrayConfig, root: Path, *, full: bool) -> tuple[str, ...]:
        """The flags for tonight: incremental when the source can, `full` is not asked for and
        an earlier successful run is recorded; otherwise a full run."""
        if full or not self.incremental_args:
            return self.args
        settings = importlib.import_module(self.settings_module).load_settings(config)
        state = root / getattr(settings, self.state_setting)
        return self.incremental_args if state.is_file() else self.args


#: How the nightly run calls the built-in importers, where it differs from the plain default
#: of `nightly_source` (PTV: `--full`, and incremental runs on weekdays).
SOURCES: dict[str, Source] = {
    "ptv": Source("ptv", "importers.ptv", ("--full",), "importers.ptv.settings",
                  incremental_args=("--since", "last"), state_setting="state_path"),
    "lahella": Source("lahella", "importers.lahella", (), "importers.lahella.settings"),
}


def nightly_source(config: TrayConfig, name: str) -> Source:
    """How tonight's run calls the importer of a registered source (tarjotin/sources.py): an
    entry of `SOURCES`, else `python -m <importer>` with no flags, its package giving `load_settings`."""
    if name in SOURCES:
        return SOURCES[name]
    spec = config.source_registry.get(name)
    if spec is None or not spec.importer:
        raise ConfigError(f"{config.path}: nightly.sources: '{name}' is not a source with an importer; "
                          f"choose from {importable(config)}")
    return Source(name, spec.importer, (), spec.importer)


def importable(config: TrayConfig) -> list[str]:
    """The registered sources that have an importer."""
    return [spec.id for spec in config.source_registry.with_importer()]

#: Counts copied from an importer's report into the run report and the commit message.
COUNTS = ("added", "updated", "unchanged", "removed", "skipped", "invalid", "warnings")


@dataclass
class SourceResult:
    """What one importer did in this run."""

    name: str
    status: str = "ok"
    """ok | failed (its previous records were kept)."""
    exit_code: int | None = None
    message: str = ""
    """Why it failed: the importer's last lines on stderr."""
    counts: dict[str, int] = field(default_factory=dict)
    ids: dict[str, list[str]] = field(default_factory=dict)
    """Record ids added, updated and removed."""
    report: str = ""
    """Path of the importer's own JSON report (relative to the root)."""
    mode: str = "full"
    """full | incremental."""
    seconds: float = 0.0

    @property
    def reason(self) -> str:
        """Why it failed, in one line: the message's line that says what failed (before it may
        come retry lines, after it "Nothing was changed …"), else its last line."""
        lines = [line.strip() for line in self.message.splitlines() if line.strip()]
        return next((line for line in lines if "failed" in line.lower()), lines[-1] if lines else "")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "mode": self.mode, "exit_code": self.exit_code,
                "message": self.message,
                "counts": self.counts, **self.ids, "report": self.report, "seconds": round(self.seconds, 1)}


def run_source(source: Source, *, root: Path, config_path: Path, config: TrayConfig, env: Mapping[str, str],
               timeout: float, started: datetime, full: bool = True) -> SourceResult:
    """Run one importer into `root` (`full`: a full run even where an incremental one could
    do); on failure its record directory is as before."""
    result = SourceResult(source.name)
    try:
        records_dir, report_path = source.paths(config)
        arguments = source.arguments(config, root, full=full)
    except ConfigError as exc:
        result.status, result.message = "failed", str(exc)
        return result
    result.report = report_path
    records = root / records_dir
    kept = root / f".nightly-kept-{source.name}"
    shutil.rmtree(kept, ignore_errors=True)  # left by a run that was killed
    if records.exists():
        shutil.copytree(records, kept, symlinks=True)
    result.mode = "incremental" if arguments == source.incremental_args and not full else "full"
    command = [sys.executable, "-m", source.module, *arguments, "--root", str(root), "--config", str(config_path),
               "--quiet"]
    begin = datetime.now()
    try:
        # cwd: the engine, whose packages the importers are (root may be another checkout).
        finished = subprocess.run(command, cwd=ROOT, env=dict(env), capture_output=True, text=True, timeout=timeout)
        result.exit_code = finished.returncode
        if finished.returncode != 0:
            result.status = "failed"
            result.message = _tail(finished.stderr or finished.stdout) or f"exit status {finished.returncode}"
    except subprocess.TimeoutExpired:
        result.status, result.message = "failed", f"stopped after {timeout:g} s (nightly.import_timeout)"
    result.seconds = (datetime.now() - begin).total_seconds()
    data = _this_runs_report(root / report_path, started)
    if result.status == "failed":
        _restore(kept, records)
        if data and data.get("message"):
            result.message = str(data["message"])  # the importer's own reason, without its retry log
    else:
        shutil.rmtree(kept, ignore_errors=True)
        if data is None:
            result.message = f"{report_path}: no report written by this run"
        else:
            counts = data.get("counts", {})
            result.counts = {name: int(counts.get(name, 0)) for name in COUNTS}
            result.ids = {name: list(data.get(name, [])) for name in ("added", "updated", "removed")}
    return result


def _restore(kept: Path, records: Path) -> None:
    shutil.rmtree(records, ignore_errors=True)
    if kept.exists():
        os.rename(kept, records)


def _this_runs_report(path: Path, started: datetime) -> dict[str, Any] | None:
    """The importer's JSON report, None when it is missing, unreadable or older than this run
    (then it is the last run's: the importer did not get as far as writing one)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        begun = datetime.fromisoformat(str(data["started"]).replace("Z", "+00:00"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data if begun >= started.replace(microsecond=0) else None


def _tail(text: str, lines: int = 6) -> str:
    kept = [line.rstrip() for line in (text or "").splitlines() if line.strip()]
    return "\n".join(kept[-lines:])
