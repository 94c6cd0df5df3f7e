"""`python -m tests.toy_source [--force] [--offline DIR] …`: the shared command line."""

from __future__ import annotations

from importers.common.cli import Command, basic_parser, run_command
from importers.common.run import RunOptions

from .importer import run_import
from .settings import load_settings

COMMAND = Command(source="toy", label="Toy", load_settings=load_settings, run_import=run_import, replay_prefix="/",
                  parser=lambda: basic_parser("toy", "Import the toy source's items."),
                  options=lambda args, settings, **common: RunOptions(**common))


def main(argv: list[str] | None = None) -> int:
    return run_command(COMMAND, argv)
