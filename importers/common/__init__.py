"""The one pipeline and the machinery every importer shares (run.py: the `Source` protocol and
`import_records`): see docs/importers.md, "Code layout" and "Adding a source"."""

from .errors import ImportFailure

__all__ = ["ImportFailure"]
