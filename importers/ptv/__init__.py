"""PTV (Suomi.fi Finnish Service Catalogue) importer.

    api.py        the adapter interface, the v11 adapter, make_api (picks the version)
    v12.py        the v12 adapter (key, search pages, connections by 20, reference lists)
    v12_shape.py  v12 JSON → the v11 shape normalisation reads (pure functions)
    normalize.py  PTV JSON → record data (pure functions); hours.py, vocab.py help it
    importer.py   PtvSource, a Source of the shared pipeline (importers/common/run.py): fetch, classify
    settings.py   the [ptv] section of tray.toml
    cli.py        `python -m importers.ptv` / `invoke import-ptv`
    compare.py    `--compare`: both versions side by side, differences per record
    builders.py   v11-shaped test and demo data; builders_v12.py converts it to the v12 form
    replay_v12.py a local v12 API over v12 objects (offline demo, tests)
"""

from .importer import RunOptions, run_import
from .settings import PtvSettings, load_settings

__all__ = ["RunOptions", "run_import", "PtvSettings", "load_settings"]
