"""Tarjotin's search index plugin: a Lunr index and a compact document list per UI language."""

from .search_index import register  # noqa: F401
