"""Command line: `python -m importers.ptv [--since WHEN | --full | --compare] [--force] [--offline [DIR]] …`.

The shared runner (importers/common/cli.py) does the rest; here are PTV's own flags, `--since`,
the recordings per API version (demo/recordings/ptv for v11, ptv-v12 for v12) and `--compare`
(both versions side by side, compare.py). Exit status: 0 success (for --compare: no
differences), 1 the run failed and changed nothing (for --compare: differences or a failed
run), 2 bad usage or configuration.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from importers.common.cli import (EXIT_FAILED, EXIT_OK, EXIT_USAGE, Command, add_force_flag, add_offline_flag,
                                  add_run_flags, demo_recordings, recorded_on, run_command)
from importers.common.errors import ImportFailure
from importers.common.progress import Progress
from importers.common.replay import ReplayServer
from tarjotin.config import ConfigError, load_config

from . import compare as comparing
from .importer import RunOptions, read_last_success, run_import
from .replay_v12 import V12Server
from .settings import BASE_URL_ENV, PtvSettings, load_settings

#: The key an offline replay sends (the replay server checks none).
REPLAY_KEY = "offline-replay"


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
    mode.add_argument("--compare", action="store_true",
                      help="run the v11 and the v12 adapter side by side and list every difference per record "
                           "(writes no records; with --offline: the demo's two recordings)")
    parser.add_argument("--v11-url", metavar="URL", help="--compare: the v11 API address (default: production)")
    parser.add_argument("--v12-url", metavar="URL", help="--compare: the v12 API address (default: production)")
    add_force_flag(parser)
    add_offline_flag(parser, "ptv")
    add_run_flags(parser, today_help="date that decides which opening hours are in force")
    return parser


def _options(args: argparse.Namespace, settings: PtvSettings, **common: Any) -> RunOptions:
    since = parse_since(args.since, common["root"] / settings.state_path) if args.since else None
    return RunOptions(since=since, **common)


def recordings(settings: PtvSettings) -> str:
    """The demo's recordings of the configured API version (below demo/recordings/)."""
    return "ptv-v12" if settings.api_version == "v12" else "ptv"


def recorded_version(directory: Path) -> str | None:
    """The API version of a recording directory: v11 answers live in `Service/…`, v12 objects in
    `service/…` and `reference/…`; None when it holds neither."""
    if (directory / "service").is_dir() or (directory / "reference").is_dir():
        return "v12"
    if (directory / "Service").is_dir() or (directory / "ServiceChannel").is_dir():
        return "v11"
    return None


def replay_server(directory: Path, settings: PtvSettings, options: RunOptions | None = None
                  ) -> ReplayServer | V12Server:
    """v11 recordings are answers per request; v12 ones are objects a local v12 API answers
    from. A recording is replayed through the adapter of its own version (`options.api_version`),
    whatever tray.toml names."""
    version = recorded_version(directory) or settings.api_version
    if options is not None and version != settings.api_version:
        options.api_version = version
    if version == "v12":
        return V12Server(directory)
    return ReplayServer(directory, prefix="/api/v11/")


def _replaying(options: RunOptions) -> None:
    if options.api_key is None:
        options.api_key = REPLAY_KEY


COMMAND = Command(source="ptv", label="PTV", parser=build_parser, load_settings=load_settings, options=_options,
                  run_import=run_import, replay_prefix="/api/v11/", replaying=_replaying, recordings=recordings,
                  replay_server=replay_server)


def run_compare(args: argparse.Namespace) -> int:
    """`--compare`: both adapters, one report of the differences (reports/compare-ptv.json)."""
    try:
        config = load_config(args.config)
        settings = load_settings(config)
    except ConfigError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    if os.environ.get(BASE_URL_ENV, "").strip():
        print(f"--compare: {BASE_URL_ENV} would send both versions to one address; unset it and give "
              "--v11-url and --v12-url instead", file=sys.stderr)
        return EXIT_USAGE
    root = Path(args.root)
    options = RunOptions(root=root, progress=Progress(enabled=None if not args.quiet else False, prefix="ptv: "))
    urls: dict[str, str | None] = {"v11": args.v11_url, "v12": args.v12_url}
    servers: list[ReplayServer | V12Server] = []
    try:
        if args.today:
            options.today = date.fromisoformat(args.today)
        if args.offline:
            for version in comparing.VERSIONS:
                folder = demo_recordings("ptv" if version == "v11" else "ptv-v12")
                server = replay_server(folder, settings.model_copy(update={"api_version": version}))
                servers.append(server)
                urls[version] = server.start()
            options.api_key = REPLAY_KEY
            options.today = options.today or recorded_on(demo_recordings("ptv"))
        result = comparing.compare(config, settings, options, urls)
    except ValueError as exc:
        print(f"--today: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ImportFailure as exc:
        print(f"PTV comparison failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        for server in servers:
            server.stop()
    report_path = root / "reports" / "compare-ptv.json"
    comparing.write(result, report_path)
    print(result.text())
    print(f"Report: {report_path}")
    return EXIT_OK if result.identical else EXIT_FAILED


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.compare:
        return run_compare(args)
    return run_command(COMMAND, argv)
