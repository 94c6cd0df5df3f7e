"""Plugin entry point: registers the tray generator (records, themes, front, A–Z, search page)."""

from __future__ import annotations

from pelican import signals

from tarjotin import collector

from .generator import TrayGenerator


def get_generators(pelican):
    return TrayGenerator


def register():
    collector.tune()  # before the content is read (tarjotin/collector.py)
    signals.get_generators.connect(get_generators)
