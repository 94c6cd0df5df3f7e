"""Tarjotin's Pelican plugin: records, theme pages, front page and A–Z list in fi/sv/en."""

from .tray import register  # noqa: F401
