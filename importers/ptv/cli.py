"""Command line: `python -m importers.ptv [--since WHEN | --full] [--force] [--offline [DIR]] …`.

Exit status: 0 success, 1 the run failed and changed nothing, 2 bad usage or configuration.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from importers.common.errors import ImportFailure
from importers.common.progress import Progress
from importers.common.replay import ReplayServer
from tarjotin.config import ROOT, ConfigError, load_config

from .importer import RunOptions, read_last_success, run_import
from .settings import load_settings

DEFAULT_RECORDINGS = ROOT / "demo" / "recordings" / "ptv"


def parse_since(value: str, state_path: Path, now: datetime | None = None) -> datetime:
    """`2025-05-01`, `2025-05-01T03:00:00` (UTC unless an offset is given), `36h`, `2d`, or `last`."""
    now = now or datetime.now(timezone.utc)
    value = value.strip()
    if value == "last":
        return read_last_success(state_path)
    if match := re.fullmatch(r"(\d+)\s*([hd])", value):
        amount = int(match.group(1))
        return now - (timedelta(hours=amount) if match.group(2) == "h" else timedelta(days=amount))
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--since {value!r}: use a date (2025-05-01), a UTC time (2025-05-01T03:00:00), 36h, 2d or last"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m importers.ptv",
        description="Import the area's wellbeing services from the PTV Open API into content/records/ptv/.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--full", action="store_true", help="re-fetch everything (the default)")
    mode.add_argument("--since", metavar="WHEN",
                      help="incremental: only changes after WHEN (date, UTC time, 36h, 2d or 'last')")
    parser.add_argument("--force", action="store_true", help="allow removing more records than the removal guard permits")
    parser.add_argument("--offline", nargs="?", const=str(DEFAULT_RECORDINGS), metavar="DIR",
                        help="replay recorded answers (default demo/recordings/ptv) through a local server")
    parser.add_argument("--dry-run", action="store_true", help="fetch and report, write no records")
    parser.add_argument("--config", metavar="PATH", help="tray.toml to use (default: TARJOTIN_CONFIG or ./tray.toml)")
    parser.add_argument("--root", metavar="DIR", default=str(ROOT), help="repository root for output and report paths")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="date that decides which opening hours are in force")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress line and no summary on success")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = load_config(args.config)
        settings = load_settings(config)
    except ConfigError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return 2
    root = Path(args.root)
    try:
        since = parse_since(args.since, root / settings.state_path) if args.since else None
    except argparse.ArgumentTypeError as exc:
        print(exc, file=sys.stderr)
        return 2
    except ImportFailure as exc:
        print(f"PTV import failed: {exc}", file=sys.stderr)
        return 1
    options = RunOptions(since=since, force=args.force, dry_run=args.dry_run, root=root,
                         progress=Progress(enabled=None if not args.quiet else False, prefix="ptv: "))
    if args.today:
        options.today = date.fromisoformat(args.today)
    server = None
    if args.offline:
        recordings = Path(args.offline)
        if not recordings.is_dir():
            print(f"--offline: {recordings} is not a directory of recorded answers", file=sys.stderr)
            return 2
        server = ReplayServer(recordings)
        options.base_url = server.start()
        if options.today is None:
            options.today = _recorded_on(recordings)
    try:
        report = run_import(config, settings, options)
    except ImportFailure as exc:
        print(f"PTV import failed: {exc}", file=sys.stderr)
        print(f"Nothing was changed in {settings.output_dir}/. Report: {settings.report_path}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.stop()
    if not args.quiet:
        print(report.summary())
        print(f"Report: {settings.report_path}")
    return 0


def _recorded_on(recordings: Path) -> date | None:
    """Recordings pin the date they were made, so a replay is the same whenever it runs."""
    meta = recordings / "_recording.json"
    if meta.is_file():
        import json

        value = json.loads(meta.read_text(encoding="utf-8")).get("today")
        if value:
            return date.fromisoformat(value)
    return None
