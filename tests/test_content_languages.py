"""Content languages as configuration: UI languages (with catalogs) and content languages (any
ISO 639 code Babel knows) are set apart in tray.toml; records carry texts in every configured
content language, in hand-written files and from importers alike."""

from __future__ import annotations

import pytest

from tarjotin.config import ConfigError, load_config
from tarjotin.recordfile import RecordFileError, dump_record, parse_record
from tests.config_support import NEUTRAL, write_config

UI_LINE = 'ui = ["fi", "sv", "en"]'


FALLBACK_LINE = 'fallback = { fi = ["sv", "en"], sv = ["fi", "en"], en = ["fi", "sv"] }'


def _config_with(tmp_path, languages: str):
    return load_config(write_config(tmp_path, NEUTRAL.replace(FALLBACK_LINE, FALLBACK_LINE + "\n" + languages)))


@pytest.fixture
def sami_config(tmp_path):
    return _config_with(tmp_path, 'content = ["fi", "sv", "en", "se", "smn", "sms", "ar"]')


def test_content_languages_default_to_the_ui_languages(tmp_path):
    config = load_config(write_config(tmp_path))
    assert config.languages.content == ["fi", "sv", "en"]
    assert config.languages.extra == []


def test_content_languages_beyond_the_ui(sami_config):
    assert sami_config.languages.ui == ["fi", "sv", "en"]
    assert sami_config.languages.extra == ["se", "smn", "sms", "ar"]


@pytest.mark.parametrize("languages, message", [
    ('content = ["fi", "sv", "en", "xq"]',
     "languages: content: 'xq' is not an ISO 639 language code that Babel knows (e.g. se, smn, sms, ru, so, ar); "
     "give a name for an unlisted code in [languages.names.<code>]"),
    ('content = ["fi", "sv", "en", "Northern Sami"]', "'Northern Sami' is not an ISO 639 language code"),
    ('content = ["fi", "sv"]', "languages: content: must include the UI languages; add ['en']"),
    ('content = ["fi", "sv", "en", "se", "se"]', "languages: content: a language is listed twice"),
])
def test_content_language_errors_name_the_file_and_setting(tmp_path, languages, message):
    with pytest.raises(ConfigError) as caught:
        _config_with(tmp_path, languages)
    text = str(caught.value)
    assert text.startswith("conf/area.toml: ") or text.startswith(str(tmp_path)), text
    assert message in text


def test_a_ui_language_needs_a_catalog(tmp_path):
    text = NEUTRAL.replace(UI_LINE, 'ui = ["fi", "se"]')
    with pytest.raises(ConfigError, match=r"languages.ui: \['se'\] have no message catalog; UI languages are "
                                          r"\['fi', 'sv', 'en'\] \(other languages go in languages.content\)"):
        load_config(write_config(tmp_path, text))


def test_a_code_babel_lacks_is_allowed_when_named(tmp_path):
    config = _config_with(tmp_path, 'content = ["fi", "sv", "en", "fse"]\n'
                                    '[languages.names.fse]\nfi = "viittomakieli"\nsv = "teckenspråk"\nen = "sign language"')
    assert config.languages.extra == ["fse"]


def test_fallback_may_only_name_content_languages(tmp_path):
    text = NEUTRAL.replace('fi = ["sv", "en"]', 'fi = ["se", "en"]')
    with pytest.raises(ConfigError, match=r"fallback.fi: \['se'\] are not content languages"):
        load_config(write_config(tmp_path, text))


SAMI_RECORD = """---
id: local-saamelaiskahvila
source: local
kind: activity
title:
  fi: Saamelaiskahvila
  se: Sámi kafea
  ar: مقهى سامي
summary:
  se: Čoahkkaneapmi juohke vahkku.
  fi: Tapaaminen joka viikko.
locations:
- name:
    fi: Kirjasto
    smn: Kirjâráájus
  municipality_code: '092'
---
::: ar
وصف باللغة العربية.

::: fi
Kuvaus suomeksi.

::: se
Govvádus sámegillii.
"""


def test_record_file_with_extra_languages_round_trips(sami_config):
    record = parse_record(SAMI_RECORD, "local-saamelaiskahvila.md", sami_config)
    assert record.title.languages() == ["fi", "ar", "se"]
    assert record.title.get("se") == "Sámi kafea"
    assert record.description.get("ar") == "وصف باللغة العربية."
    assert record.locations[0].name.get("smn") == "Kirjâráájus"
    text = dump_record(record)
    # deterministic: fi, sv, en first, then the other languages by code, in fields and sections
    assert "title:\n  fi: Saamelaiskahvila\n  ar: مقهى سامي\n  se: Sámi kafea\n" in text
    assert "summary:\n  fi: Tapaaminen joka viikko.\n  se: Čoahkkaneapmi juohke vahkku.\n" in text
    assert text.index("::: fi") < text.index("::: ar") < text.index("::: se")
    again = parse_record(text, "local-saamelaiskahvila.md", sami_config)
    assert again == record
    assert dump_record(again) == text


def test_text_in_an_unconfigured_language_is_a_file_field_error(config):
    # the fixture site configures fi, sv and en only
    with pytest.raises(RecordFileError) as caught:
        parse_record(SAMI_RECORD, "local-saamelaiskahvila.md", config)
    lines = str(caught.value).splitlines()
    suffix = "is not a content language of this site; languages.content in tests/fixtures/tray.toml lists fi, sv, en"
    assert f"local-saamelaiskahvila.md: title.ar: 'ar' {suffix}" in lines
    assert f"local-saamelaiskahvila.md: summary.se: 'se' {suffix}" in lines
    assert f"local-saamelaiskahvila.md: locations[0].name.smn: 'smn' {suffix}" in lines
    assert f"local-saamelaiskahvila.md: description.ar: 'ar' {suffix}" in lines


def test_a_text_key_that_is_no_language_code(sami_config):
    text = SAMI_RECORD.replace("  se: Sámi kafea", "  Sami: Sámi kafea")
    with pytest.raises(RecordFileError, match="title: 'Sami' is not a language code"):
        parse_record(text, "local-saamelaiskahvila.md", sami_config)
