"""The command line every importer shares: `python -m importers.<source> [--offline [DIR]] …`.

An importer describes itself in a `Command` (its parser, settings, run options and run) and its
`main` is `run_command(COMMAND, argv)`. What is the same for every source lives here: the shared
flags, configuration errors, `--today`, `--offline` (a replay server on 127.0.0.1 serving the
recorded answers, with the recording's own date pinned), the failure message and the summary.

Exit status: 0 success, 1 the run failed and changed nothing (SIGTERM and SIGINT included), 2 bad
usage or configuration. A SIGTERM that arrives during the directory swap waits for it: the run
completes, its report says ok, and then the process ends by that signal (status 143 in a shell).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tarjotin.config import ROOT, ConfigError, TrayConfig, load_config

from .errors import ImportFailure
from .progress import Progress
from .replay import ReplayServer
from .run import today_from_environment

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def demo_recordings(name: str) -> Path:
    """The demo's recordings folder `demo/recordings/<name>/`."""
    return ROOT / "demo" / "recordings" / name


def add_offline_flag(parser: argparse._ActionsContainer, source: str) -> None:
    """`--offline [DIR]`, by default the demo's recordings of `source` (a parser or a group)."""
    parser.add_argument("--offline", nargs="?", const=str(demo_recordings(source)), metavar="DIR",
                        help=f"replay recorded answers (default demo/recordings/{source}) through a local server")


def add_force_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="allow removing more records than the removal guard permits")


def add_run_flags(parser: argparse.ArgumentParser, *, today_help: str) -> None:
    """The flags that close every importer's list: --dry-run, --config, --root, --today, --quiet."""
    parser.add_argument("--dry-run", action="store_true", help="fetch and report, write no records")
    parser.add_argument("--config", metavar="PATH", help="tray.toml to use (default: TARJOTIN_CONFIG or ./tray.toml)")
    parser.add_argument("--root", metavar="DIR", default=str(ROOT), help="repository root for output and report paths")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=today_help)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress line and no summary on success")


def basic_parser(source: str, description: str) -> argparse.ArgumentParser:
    """The parser of an importer with no flags of its own: --force, --offline and the run flags."""
    parser = argparse.ArgumentParser(prog=f"python -m importers.{source}", description=description)
    add_force_flag(parser)
    add_offline_flag(parser, source)
    add_run_flags(parser, today_help="date that decides which events are past (default $TARJOTIN_TODAY, else today)")
    return parser


@dataclass(frozen=True)
class Command:
    """What the shared command line needs to know about one importer."""

    source: str
    """Source name, e.g. `ptv`: the progress line says `ptv: …`."""
    label: str
    """Name in the failure message, e.g. `PTV` in "PTV import failed: …"."""
    parser: Callable[[], argparse.ArgumentParser]
    """The importer's parser, made with the `add_…` helpers above plus its own flags."""
    load_settings: Callable[[TrayConfig], Any]
    """Its section of tray.toml (raises ConfigError)."""
    options: Callable[..., Any]
    """`(args, settings, force=, dry_run=, root=, progress=)` → the importer's RunOptions. May raise
    argparse.ArgumentTypeError (a bad flag value, exit 2) or ImportFailure (exit 1)."""
    run_import: Callable[[TrayConfig, Any, Any], Any]
    """`(config, settings, options)` → the report; raises ImportFailure when nothing was changed."""
    replay_prefix: str
    """The API's path prefix, below which the replay server answers (`/` for none)."""
    replaying: Callable[[Any], None] = lambda options: None
    """Adjusts the options for a replay, before the recording's date is pinned."""
    recordings: Callable[[Any], str] | None = None
    """`settings` → the folder below demo/recordings/ that a bare `--offline` replays, when it
    depends on the settings (PTV: one per API version); default the source's name."""
    replay_server: Callable[[Path, Any, Any], Any] | None = None
    """`(recordings, settings, options)` → the replay server (`start()` gives its base URL,
    `stop()`), when the shared `ReplayServer` cannot answer that API (PTV v12); it may adjust
    the options to the recording. Default `ReplayServer(recordings, prefix=replay_prefix)`."""


def run_command(command: Command, argv: list[str] | None = None) -> int:
    """Parse `argv`, run the import, print what happened; returns the exit status."""
    args = command.parser().parse_args(argv)
    try:
        config = load_config(args.config)
        settings = command.load_settings(config)
    except ConfigError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    progress = Progress(enabled=None if not args.quiet else False, prefix=f"{command.source}: ")
    try:
        options = command.options(args, settings, force=args.force, dry_run=args.dry_run, root=Path(args.root),
                                  progress=progress)
        if args.today:
            options.today = _parse_today(args.today)
    except argparse.ArgumentTypeError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except ImportFailure as exc:
        print(f"{command.label} import failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    server = None
    if args.offline:
        recordings = Path(args.offline)
        if command.recordings and recordings == demo_recordings(command.source):
            recordings = demo_recordings(command.recordings(settings))
        if not recordings.is_dir():
            print(f"--offline: {recordings} is not a directory of recorded answers", file=sys.stderr)
            return EXIT_USAGE
        command.replaying(options)
        if options.today is None:
            # $TARJOTIN_TODAY before the recording's own date; decided here because a replay may
            # run with an environment of its own (no credentials for the replay server).
            try:
                options.today = today_from_environment() or recorded_on(recordings)
            except ImportFailure as exc:
                print(f"{command.label} import failed: {exc}", file=sys.stderr)
                return EXIT_FAILED
        server = (command.replay_server(recordings, settings, options) if command.replay_server
                  else ReplayServer(recordings, prefix=command.replay_prefix))
        options.base_url = server.start()
    try:
        report = command.run_import(config, settings, options)
    except ImportFailure as exc:
        print(f"{command.label} import failed: {exc}", file=sys.stderr)
        print(f"Nothing was changed in {settings.output_dir}/. Report: {settings.report_path}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if server is not None:
            server.stop()
    if not args.quiet:
        print(report.summary())
        print(f"Report: {settings.report_path}")
    return EXIT_OK


def _parse_today(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--today {value!r}: use YYYY-MM-DD") from None


def recorded_on(recordings: Path) -> date | None:
    """Recordings pin the date they stand for (`_recording.json`), so a replay is the same
    whenever it runs: which events are past, which opening hours are in force."""
    meta = recordings / "_recording.json"
    if meta.is_file():
        value = json.loads(meta.read_text(encoding="utf-8")).get("today")
        if value:
            return date.fromisoformat(value)
    return None
