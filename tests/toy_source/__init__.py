"""A toy third source for the tests: a tiny JSON-over-HTTP API (`GET items.json`).

It is written exactly as docs/importers.md "Adding a source" says a new source is, and is
registered the same way: one `[sources.toy]` table in the test's tray.toml
(tests/test_toy_source.py) and nothing else outside this package.

    settings.py   ToySettings (the shared SourceSettings plus base_url), load_settings
    importer.py   ToySource on the shared pipeline, run_import
    cli.py        `python -m tests.toy_source` (the shared command line)
"""

from .importer import RunOptions, run_import
from .settings import ToySettings, load_settings

__all__ = ["RunOptions", "run_import", "ToySettings", "load_settings"]
