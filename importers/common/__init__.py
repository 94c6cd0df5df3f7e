"""Machinery shared by all importers (PTV now, Lähellä.fi next)."""

from .errors import ImportFailure

__all__ = ["ImportFailure"]
