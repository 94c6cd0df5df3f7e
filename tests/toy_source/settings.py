"""`[sources.toy.settings]` in tray.toml."""

from __future__ import annotations

from importers.common.settings import BaseUrl, SourceSettings, load_source_settings
from tarjotin.config import TrayConfig


class ToySettings(SourceSettings):
    """Settings of the toy importer."""

    base_url: BaseUrl = "https://toy.example/api/"
    """Address of the toy API."""


def load_settings(config: TrayConfig) -> ToySettings:
    return load_source_settings(ToySettings, config, "toy")
