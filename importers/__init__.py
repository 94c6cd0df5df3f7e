"""Importers: fetch a source's data, normalise it to `tarjotin.model.Record`, write Markdown records.

    importers/common/   machinery shared by every source (HTTP with retries, the atomic writer
                        with the removal guard, the run report, progress, the replay server,
                        text and coordinate helpers)
    importers/ptv/      the Finnish Service Catalogue (PTV) Open API importer

A source package provides an API adapter (fetch), pure normalisation functions (source JSON →
record dict) and a `run()` that wires them to `common.writer.RecordWriter` and
`common.report.ImportReport`. See docs/importers.md for the operator's view.
"""

from importlib import import_module

#: Each source's section of tray.toml → the module whose `load_settings(config)` validates it.
SETTINGS_MODULES = {"ptv": "importers.ptv.settings", "lahella": "importers.lahella.settings"}


def check_settings(config) -> list[str]:
    """Every mistake in the sources' sections of the configuration (`file: section.key: reason`).

    A section the file leaves out is not checked: a tray may use only some of the sources."""
    from tarjotin.config import ConfigError

    problems: list[str] = []
    for section, module in SETTINGS_MODULES.items():
        if getattr(config, section):
            try:
                import_module(module).load_settings(config)
            except ConfigError as exc:
                problems += str(exc).splitlines()
    return problems
