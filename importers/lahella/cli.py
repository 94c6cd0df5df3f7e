"""Command line: `python -m importers.lahella [--force] [--offline [DIR] | --file PATH] …`.

The shared runner (importers/common/cli.py) does the rest; here are Lähellä.fi's own flags.
Exit status: 0 success, 1 the run failed and changed nothing, 2 bad usage or configuration.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from importers.common.cli import Command, add_force_flag, add_offline_flag, add_run_flags, run_command

from .importer import TODAY_ENV, RunOptions, run_import
from .settings import LahellaSettings, load_settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m importers.lahella",
        description="Import the area's association activities, events and volunteering from Lähellä.fi "
                    "into content/records/lahella/ (duplicates with PTV merged).",
    )
    where = parser.add_mutually_exclusive_group()
    add_offline_flag(where, "lahella")
    where.add_argument("--file", metavar="PATH", help="read a JSON export of the same shape instead of the API")
    add_force_flag(parser)
    add_run_flags(parser, today_help=f"date that decides which events are past (default ${TODAY_ENV}, else today)")
    return parser


def _options(args: argparse.Namespace, settings: LahellaSettings, **common: Any) -> RunOptions:
    return RunOptions(file=Path(args.file) if args.file else None, **common)


def _replaying(options: RunOptions) -> None:
    options.environ = {}  # no credentials are sent to the replay server


COMMAND = Command(source="lahella", label="Lähellä.fi", parser=build_parser, load_settings=load_settings,
                  options=_options, run_import=run_import, replay_prefix="/", replaying=_replaying)


def main(argv: list[str] | None = None) -> int:
    return run_command(COMMAND, argv)
