"""Lähellä.fi importer: associations' activities, events and volunteering.

    source.py      transports: the admin API over HTTP (paging, auth, refresh) or a JSON export
    normalize.py   activity JSON → record data (pure); schedule.py turns schedules into hours/dates
    duplicates.py  which activities may have a PTV twin (the matching: importers/common/duplicates.py)
    importer.py    LahellaImport, a Source of the shared pipeline (importers/common/run.py)
    settings.py    the [lahella] section of tray.toml
    cli.py         `python -m importers.lahella` / `invoke import-lahella`
    builders.py    API-shaped test and demo data
"""

from .importer import RunOptions, run_import
from .settings import LahellaSettings, load_settings

__all__ = ["RunOptions", "run_import", "LahellaSettings", "load_settings"]
