"""The [lahella] settings: validation, and documentation that stays true."""

from __future__ import annotations

import re
import tomllib

import pytest

from importers import check_settings
from importers.common.duplicates import RETIRED
from importers.lahella.settings import LahellaSettings, load_settings
from tarjotin.config import ROOT, ConfigError, TrayConfig, load_config
from tests.site_support import TEST_CONFIG
from tests.importer_support import fields_without_docstring, setting_keys, warning_kinds

CONFIG_DOC = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
IMPORTERS_DOC = (ROOT / "docs" / "importers.md").read_text(encoding="utf-8")


def test_every_lahella_setting_is_documented_under_its_heading():
    section = CONFIG_DOC.split("\n## [lahella]\n", 1)[1].split("\n## ", 1)[0]
    keys = setting_keys(LahellaSettings, "lahella.")
    assert "lahella.duplicates.types" in keys and "lahella.text_rules.match" in keys
    assert [key for key in keys if f"`{key}`" not in section] == []
    # The thresholds are [duplicates]'s alone: no row may still describe them as Lähellä.fi settings.
    assert [key for key in RETIRED if f"`lahella.duplicates.{key}`" in CONFIG_DOC] == []


def test_every_setting_has_a_docstring():
    import importers.lahella.settings as module

    assert fields_without_docstring(module) == []


def test_every_skip_reason_and_warning_kind_is_documented():
    import importers.lahella.normalize as n

    for reason in (*n.SKIP_REASONS, "gone"):
        assert f"`{reason}`" in IMPORTERS_DOC, reason
    kinds = warning_kinds("lahella", "normalize.py", "importer.py", "schedule.py", "duplicates.py")
    assert {"unknown_code", "bad_schedule", "possible_duplicate", "duplicate_of_unknown", "kept_previous_version"} <= kinds
    assert [k for k in sorted(kinds) if f"`{k}`" not in IMPORTERS_DOC] == []


def test_the_shipped_configuration_is_valid_and_complete():
    settings = load_settings(load_config(TEST_CONFIG))
    known_types = {"hobby", "support", "voluntary"}
    assert set(settings.kinds) == known_types
    codes = {f"ht_{c}" for c in ("digi_teknologia", "hyvinvointi", "kansainvalisyys", "kulttuuri", "kadentaidot", "luonto",
                                 "maanpuolustus", "pelastustoiminta", "urheilu", "uskonnot", "vaikuttaminen")}
    codes |= {f"hm_{c}" for c in ("esitykset", "harrastukset", "kohtaamispaikka", "kylatoiminta", "leirit", "nayttelyt",
                                  "oleskelu", "oppaat", "ryhmat", "tilaisuudet")}
    assert set(settings.themes.codes) == codes
    assert set(settings.languages) >= {"fi-FI", "sv", "en", "ar", "ku", "so-SO", "uk-UA", "ru-RU", "et-EE", "fisl", "se-SE"}
    assert settings.languages["fisl"] == "fse"
    assert set(settings.accessibility) == {"ac_unknow", "ac_wheelchair", "ac_rollator", "ac_inductionloop", "ac_itoilet", "ac_parking"}
    assert {f"ageGroup/range:{r}" for r in ("0-6", "7-12", "13-17", "18-29", "30-64", "65-99")} <= set(settings.age_groups)
    assert settings.regions == {"city/FI/Vantaa": ["092"], "city/FI/Kerava": ["245"], "state/FI/Uusimaa": ["092", "245"]}


def _config_with(changes: dict) -> TrayConfig:
    data = tomllib.loads(TEST_CONFIG.read_text(encoding="utf-8"))
    data["lahella"].update(changes)
    return TrayConfig.model_validate(data)


@pytest.mark.parametrize("changes, message", [
    ({"themes": {"codes": {"ht_urheilu": ["urheilu"]}}}, "lahella.themes.codes.ht_urheilu: unknown theme 'urheilu'"),
    ({"age_groups": {"ageGroup/range:0-6": ["vauvat"]}}, "unknown age group 'vauvat'"),
    ({"text_rules": [{"match": ["x"], "themes": ["nope"]}]}, "lahella.text_rules[0].themes: unknown theme 'nope'"),
    ({"regions": {"city/FI/Vantaa": ["92"]}}, "three digits"),
    ({"languages": {"fisl": "Finnish Sign Language"}}, "ISO 639"),
    ({"kinds": {"hobby": "course"}}, "lahella.kinds.hobby"),
    ({"base_url": "hallinta.lahella.fi"}, "must start with https://"),
    ({"source_url": "https://www.lahella.fi/activity"}, "must contain {key}"),
    ({"colour": "red"}, "lahella.colour: Extra inputs are not permitted"),
    ({"duplicates": {"agianst": ["ptv"]}}, "lahella.duplicates.agianst: Extra inputs are not permitted"),
])
def test_configuration_mistakes_are_reported(changes, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(_config_with(changes))


def test_a_threshold_left_in_the_importers_section_says_where_it_went(tmp_path):
    # A county's tray.toml from before the one matcher: the thresholds were also [lahella.duplicates]'s.
    text = TEST_CONFIG.read_text(encoding="utf-8").replace(
        '[lahella.duplicates]\n', '[lahella.duplicates]\ntitle_similarity = 0.85\ntitle_similarity_same_address = 0.6\n', 1)
    assert "title_similarity_same_address = 0.6" in text
    path = tmp_path / "old-tray.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)                           # the tray-wide sections are fine
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    lines = str(caught.value).splitlines()
    assert lines == [
        f"{config.path}: lahella.duplicates.title_similarity: thresholds are set once in [duplicates], for the "
        "build and every importer; move the value to [duplicates] title_similarity (docs/configuration.md) "
        "or delete this line",
        f"{config.path}: lahella.duplicates.title_similarity_same_address: thresholds are set once in [duplicates], "
        "for the build and every importer; move the value to [duplicates] title_similarity_with_evidence "
        "(docs/configuration.md) or delete this line"]
    assert check_settings(config) == lines              # `invoke check` says the same


def test_the_import_command_reports_a_stale_threshold_without_a_traceback(tmp_path, capsys):
    from importers.lahella.cli import main

    path = tmp_path / "old-tray.toml"
    path.write_text(TEST_CONFIG.read_text(encoding="utf-8").replace(
        '[lahella.duplicates]\n', '[lahella.duplicates]\nreport_similarity = 0.6\n', 1), encoding="utf-8")
    status = main(["--config", str(path), "--root", str(tmp_path), "--dry-run"])
    err = capsys.readouterr().err
    assert status != 0 and "Traceback" not in err
    assert "lahella.duplicates.report_similarity: thresholds are set once in [duplicates]" in err
    assert "[duplicates] possible_similarity" in err
