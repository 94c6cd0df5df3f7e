"""Importers: fetch a source's data, normalise it to `tarjotin.model.Record`, write Markdown records.

    importers/common/   machinery shared by every source (HTTP with retries, the atomic writer
                        with the removal guard, the run report, progress, the replay server,
                        text and coordinate helpers)
    importers/ptv/      the Finnish Service Catalogue (PTV) Open API importer

A source package provides an API adapter (fetch), pure normalisation functions (source JSON →
record dict) and a `run()` that wires them to `common.writer.RecordWriter` and
`common.report.ImportReport`. See docs/importers.md for the operator's view.
"""
