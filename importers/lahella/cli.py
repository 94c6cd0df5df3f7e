"""Command line: `python -m importers.lahella [--force] [--offline [DIR] | --file PATH] …`.

Exit status: 0 success, 1 the run failed and changed nothing, 2 bad usage or configuration.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from importers.common.errors import ImportFailure
from importers.common.progress import Progress
from importers.common.replay import ReplayServer
from tarjotin.config import ROOT, ConfigError, load_config

from .importer import TODAY_ENV, RunOptions, run_import
from .settings import load_settings

DEFAULT_RECORDINGS = ROOT / "demo" / "recordings" / "lahella"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m importers.lahella",
        description="Import the area's association activities, events and volunteering from Lähellä.fi "
                    "into content/records/lahella/ (duplicates with PTV merged).",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--offline", nargs="?", const=str(DEFAULT_RECORDINGS), metavar="DIR",
                       help="replay recorded answers (default demo/recordings/lahella) through a local server")
    where.add_argument("--file", metavar="PATH", help="read a JSON export of the same shape instead of the API")
    parser.add_argument("--force", action="store_true", help="allow removing more records than the removal guard permits")
    parser.add_argument("--dry-run", action="store_true", help="fetch and report, write no records")
    parser.add_argument("--config", metavar="PATH", help="tray.toml to use (default: TARJOTIN_CONFIG or ./tray.toml)")
    parser.add_argument("--root", metavar="DIR", default=str(ROOT), help="repository root for output and report paths")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help=f"date that decides which events are past (default ${TODAY_ENV}, else today)")
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
    options = RunOptions(force=args.force, dry_run=args.dry_run, root=root,
                         progress=Progress(enabled=None if not args.quiet else False, prefix="lahella: "))
    try:
        if args.today:
            options.today = date.fromisoformat(args.today)
    except ValueError:
        print(f"--today {args.today!r}: use YYYY-MM-DD", file=sys.stderr)
        return 2
    if args.file:
        options.file = Path(args.file)
    server = None
    if args.offline:
        recordings = Path(args.offline)
        if not recordings.is_dir():
            print(f"--offline: {recordings} is not a directory of recorded answers", file=sys.stderr)
            return 2
        server = ReplayServer(recordings, prefix="/")
        options.base_url = server.start()
        options.environ = {}  # no credentials are sent to the replay server
        if options.today is None and not os.environ.get(TODAY_ENV):
            options.today = _recorded_on(recordings)
        elif options.today is None:
            options.today = date.fromisoformat(os.environ[TODAY_ENV])
    try:
        report = run_import(config, settings, options)
    except ImportFailure as exc:
        print(f"Lähellä.fi import failed: {exc}", file=sys.stderr)
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
    """Recordings pin the date they stand for, so a replay is the same whenever it runs."""
    meta = recordings / "_recording.json"
    if meta.is_file():
        value = json.loads(meta.read_text(encoding="utf-8")).get("today")
        if value:
            return date.fromisoformat(value)
    return None
