"""The [ptv] settings: validation, environment override, and documentation that stays true."""

from __future__ import annotations

import pytest

from importers.ptv.settings import PtvSettings, load_settings
from tarjotin.config import ROOT, ConfigError, load_config
from tests.site_support import TEST_CONFIG
from tests.importer_support import fields_without_docstring, setting_keys, warning_kinds

CONFIG_DOC = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
IMPORTERS_DOC = (ROOT / "docs" / "importers.md").read_text(encoding="utf-8")


def test_every_ptv_setting_is_documented_under_its_heading():
    section = CONFIG_DOC.split("\n## [ptv]\n", 1)[1].split("\n## ", 1)[0]
    missing = [key for key in setting_keys(PtvSettings, "ptv.") if f"`{key}`" not in section]
    assert missing == []


def test_every_setting_has_a_docstring():
    import importers.ptv.settings as module

    assert fields_without_docstring(module) == []


def test_every_skip_reason_and_warning_kind_is_documented():
    import importers.ptv.normalize as n

    for reason in (n.SKIP_TYPE, n.SKIP_AREA, n.SKIP_BUSINESS, n.SKIP_RELEVANCE, n.SKIP_NO_NAME):
        assert f"`{reason}`" in IMPORTERS_DOC
    kinds = warning_kinds("ptv", "normalize.py", "importer.py", "v12.py")
    assert {"missing_channel", "kept_previous_version"} <= kinds
    assert [k for k in sorted(kinds) if f"`{k}`" not in IMPORTERS_DOC] == []


def test_the_test_configuration_is_valid(config):
    settings = load_settings(config)
    assert settings.area_codes(config) == ["092", "245"]
    assert settings.max_removal_share == 0.2


def test_unknown_theme_or_age_group_is_a_configuration_error():
    config = load_config(TEST_CONFIG)
    bad = config.model_copy(update={"ptv": {**config.ptv, "themes": {"service_classes": {"P27": ["urheilu"]}}}})
    with pytest.raises(ConfigError, match="ptv.themes.service_classes.P27: unknown theme 'urheilu'"):
        load_settings(bad)
    bad = config.model_copy(update={"ptv": {**config.ptv, "age_groups": {"KR1.1": ["seniorit"]}}})
    with pytest.raises(ConfigError, match="unknown age group 'seniorit'"):
        load_settings(bad)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"max_removal_share": 1.5}, "max_removal_share"),
        ({"relevance": []}, "relevance"),
        ({"relevance": [{"name": "empty"}]}, "has no criteria"),
        ({"municipalities": ["92"]}, "three digits"),
        ({"base_url": "ftp://x"}, "https://"),
        ({"api_version": "v13"}, "api_version"),
        ({"api": "v12"}, "api_version = \"v12\" \\(not api\\)"),
        ({"api_version": "v12", "base_url": "https://api.palvelutietovaranto.suomi.fi/api/v11/"},
         "is a v11 address but api_version is v12"),
        ({"page_size": 101}, "page_size"),
        ({"unknown_key": 1}, "unknown_key"),
    ],
)
def test_invalid_settings_are_reported_with_their_key(change, message):
    config = load_config(TEST_CONFIG)
    bad = config.model_copy(update={"ptv": {**config.ptv, **change}})
    with pytest.raises(ConfigError, match=message):
        load_settings(bad)


def test_base_url_from_the_environment(monkeypatch):
    settings = load_settings(load_config(TEST_CONFIG))
    monkeypatch.setenv("PTV_BASE_URL", "http://127.0.0.1:8765/api/v11")
    assert settings.effective_base_url() == "http://127.0.0.1:8765/api/v11/"
    monkeypatch.delenv("PTV_BASE_URL")
    v11 = settings.model_copy(update={"api_version": "v11", "base_url": None})
    assert v11.effective_base_url() == "https://api.palvelutietovaranto.suomi.fi/api/v11/"
    v12 = settings.model_copy(update={"api_version": "v12", "base_url": None})
    assert v12.effective_base_url() == "https://api-gw.palvelutietovaranto.suomi.fi/api/v12/"


def test_v11_sends_no_key(monkeypatch):
    from importers.ptv.api import V11Api, make_api

    monkeypatch.setenv("PTV_API_KEY", "secret")
    api = make_api(load_settings(load_config(TEST_CONFIG)).model_copy(update={"api_version": "v11", "base_url": None}))
    assert isinstance(api, V11Api)
    assert "x-api-key" not in api.http.session.headers and "Authorization" not in api.http.session.headers
