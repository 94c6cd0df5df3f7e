"""Command line: `python -m importers.ptv [--since WHEN | --full] [--force] [--offline [DIR]] …`.

The shared runner (importers/common/cli.py) does the rest; here are PTV's own flags and
`--since`. Exit status: 0 success, 1 the run failed and changed nothing, 2 bad usage or configuration.
"""

from __future__ import annotations

import argparse
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from importers.common.cli import Command, add_force_flag, add_offline_flag, add_run_flags, run_command

from .importer import RunOptions, read_last_success, run_import
from .settings import PtvSettings, load_settings


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
    add_force_flag(parser)
    add_offline_flag(parser, "ptv")
    add_run_flags(parser, today_help="date that decides which opening hours are in force")
    return parser


def _options(args: argparse.Namespace, settings: PtvSettings, **common: Any) -> RunOptions:
    since = parse_since(args.since, common["root"] / settings.state_path) if args.since else None
    return RunOptions(since=since, **common)


COMMAND = Command(source="ptv", label="PTV", parser=build_parser, load_settings=load_settings, options=_options,
                  run_import=run_import, replay_prefix="/api/v11/")


def main(argv: list[str] | None = None) -> int:
    return run_command(COMMAND, argv)
