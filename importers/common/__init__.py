"""Machinery shared by all importers (PTV, Lähellä.fi): see docs/importers.md, "Code layout"."""

from .errors import ImportFailure

__all__ = ["ImportFailure"]
