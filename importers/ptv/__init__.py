"""PTV (Suomi.fi Finnish Service Catalogue) importer.

    api.py        adapters per API version (v11 now), paging, by-id batches
    normalize.py  PTV JSON → record data (pure functions); hours.py, vocab.py help it
    importer.py   one run: fetch, classify, normalise, validate, write atomically, report
    settings.py   the [ptv] section of tray.toml
    cli.py        `python -m importers.ptv` / `invoke import-ptv`
    builders.py   v11-shaped test and demo data
"""

from .importer import RunOptions, run_import
from .settings import PtvSettings, load_settings

__all__ = ["RunOptions", "run_import", "PtvSettings", "load_settings"]
