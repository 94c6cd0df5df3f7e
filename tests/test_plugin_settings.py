"""The plugins' Pelican settings: declared once (tarjotin/plugin_settings.py), typed, documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tarjotin.plugin_settings import PluginSettings, PluginSettingsError, plugin_settings

from .site_support import FIXTURE_CONTENT, ROOT, build_site

DOCS = {name: (ROOT / "docs" / name).read_text(encoding="utf-8")
        for name in ("configuration.md", "search.md", "favourites.md")}


def test_defaults_and_pelicanconf_agree():
    """pelicanconf.py sets each setting to its declared default (so the docs' defaults hold)."""
    namespace: dict = {"__file__": str(ROOT / "pelicanconf.py")}
    exec(compile((ROOT / "pelicanconf.py").read_text(encoding="utf-8"), "pelicanconf.py", "exec"), namespace)
    settings = plugin_settings(namespace)
    for name, field in PluginSettings.model_fields.items():
        if name not in ("TRAY_CONFIG", "TRAY_TODAY"):   # paths and dates come from the environment
            assert getattr(settings, name) == field.default, name


def test_every_setting_is_documented_with_its_default():
    for name, field in PluginSettings.model_fields.items():
        assert field.description, f"{name} has no docstring"
        rows = [line for text in DOCS.values() for line in text.splitlines()
                if line.startswith(f"| `{name}` |")]
        assert rows, f"{name} is not in the docs' settings tables"
        if isinstance(field.default, (bool, int)) and name != "TRAY_TODAY":
            assert re.search(rf"\|\s*`?{field.default}`?\s*\|", rows[0]), f"{name}: the docs' default is not {field.default}"


@pytest.mark.parametrize("settings, message", [
    ({"SEARCH_CHUNK_SIZE": "16"}, "pelicanconf.py: SEARCH_CHUNK_SIZE: Input should be a valid integer"),
    ({"SEARCH_CHUNK_SIZE": 0}, "pelicanconf.py: SEARCH_CHUNK_SIZE: Input should be greater than or equal to 1"),
    ({"SEARCH_PRECOMPRESS": "no"}, "pelicanconf.py: SEARCH_PRECOMPRESS: Input should be a valid boolean"),
    ({"TRAY_TODAY": "3.12.2026"}, "pelicanconf.py: TRAY_TODAY: Value error, '3.12.2026' is not a date"),
    ({"SEARCH_CHUNKSIZE": 16}, "pelicanconf.py: SEARCH_CHUNKSIZE: not a Tarjotin setting"),
])
def test_a_wrong_setting_is_named_with_the_reason(settings, message):
    with pytest.raises(PluginSettingsError) as caught:
        plugin_settings(settings)
    assert str(caught.value).startswith(message)


def test_every_error_is_listed_at_once():
    with pytest.raises(PluginSettingsError) as caught:
        plugin_settings({"SEARCH_CHUNK_SIZE": "x", "FAVOURITES_BUCKET_SIZE": -1, "TRAY_PRECOMPRESSS": True})
    assert [line.split(":")[1].strip() for line in str(caught.value).splitlines()] == [
        "TRAY_PRECOMPRESSS", "SEARCH_CHUNK_SIZE", "FAVOURITES_BUCKET_SIZE"]


def test_a_build_with_a_wrong_setting_stops_with_one_clear_line(tmp_path: Path):
    result = build_site(FIXTURE_CONTENT, tmp_path / "out", extra={"SEARCH_CHUNK_SIZE": "16"})
    assert result.returncode == 1
    assert "ERROR: pelicanconf.py: SEARCH_CHUNK_SIZE: Input should be a valid integer" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_setting_changes_the_build(tmp_path: Path):
    """SEARCH_CHUNK_SIZE reaches the search files: 4 documents per text chunk."""
    import json

    result = build_site(FIXTURE_CONTENT, tmp_path / "out", extra={"SEARCH_CHUNK_SIZE": 4})
    assert result.returncode == 0, result.stderr
    facets = json.loads(next((tmp_path / "out" / "search" / "fi").glob("facets.*.json")).read_text(encoding="utf-8"))
    assert facets["chunkSize"] == 4 and len(facets["chunks"]) == -(-facets["n"] // 4)
