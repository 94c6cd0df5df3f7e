"""Property-based tests of the content readers (Hypothesis): whatever YAML-ish text a record or
override file holds, the reader gives a record or `file: field: reason` errors, never a traceback,
in bounded time and memory, with short messages."""

from __future__ import annotations

import re
import time
import tracemalloc
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tarjotin.content import load_content
from tarjotin.model import Record
from tarjotin.recordfile import RecordFileError, parse_record

PATH = "content/records/local/local-korso-perhekahvila.md"
VALID = """---
id: local-korso-perhekahvila
source: local
kind: activity
title:
  fi: Korson perhekahvila
  sv: Familjecafé i Korso
locations:
  - name: Korson nuorisotila
    postal_code: 01450
    municipality_code: 092
    latitude: 60.35
    longitude: 25.08
    opening_hours:
      weekly:
        - days: [wed]
          opens: 9:30
          closes: 11:30
themes: [yhteisollisyys]
keywords: [Kaikukortti]
price: {free: true}
---
::: fi
Tervetuloa **perhekahvilaan**.

::: sv
Välkommen.
"""

PROPERTY_SETTINGS = settings(max_examples=150, deadline=timedelta(seconds=3), database=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
#: Longest acceptable error line beyond the file name.
MAX_REASON = 300

FIELDS = ["id", "source", "kind", "title", "fi", "sv", "locations", "name", "municipality_code",
          "municipalities", "keywords", "themes", "opening_hours", "weekly", "days", "opens", "event",
          "start", "price", "free", "hide", "add", "set", "reason", "not_duplicate_of", "description", "<<"]
TOKENS = ["&a ", "*a", "!!int ", "!!binary ", "! ", "[", "]", "{", "}", ", ", ": ", "- ", "? ", "|", ">",
          "#", "'", '"', "\\0", "\\x07", "\\ud800", "\t", "\x00", "\x1b", "\x85", "\ufeff", "~", "null", "yes",
          "no", "092", "999", "08:00", "1e999", "-.inf", ".nan", "---", "...", "%YAML 1.1", "\n", "\n  ", "\n    - ",
          "::: fi\n", "::: de\n", "x" * 100]
_WORDS = st.one_of(st.sampled_from(FIELDS), st.sampled_from(TOKENS), st.text(max_size=12))


@st.composite
def yamlish(draw) -> str:
    """Lines of `key: value`-like YAML made of field names, YAML syntax and arbitrary text."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 4, 6]))
        key = draw(st.sampled_from(FIELDS) | st.text(max_size=8))
        value = "".join(draw(st.lists(_WORDS, max_size=6)))
        lines.append(f"{indent}{key}: {value}")
    return "\n".join(lines)


@st.composite
def mutated_record(draw) -> str:
    """The valid record with a few characters inserted, deleted or replaced."""
    text = VALID
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 8))
        insert = draw(st.sampled_from(TOKENS) | st.text(max_size=4))
        text = text[:at] + insert + text[at + cut:]
    return text


def _alias_bomb(levels: int, width: int) -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(lines)


def _check_errors(errors, path: str) -> None:
    assert errors, "a RecordFileError must list at least one problem"
    for error in errors:
        line = str(error)
        assert line.startswith(f"{path}") and line.count(": ") >= 2, line
        assert error.field and error.message, line
        assert len(line) - len(error.path) <= MAX_REASON, line
        assert "\n" not in line and not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", line), line


def _parse_bounded(text: str, config) -> Record | None:
    tracemalloc.start()
    started = time.monotonic()
    try:
        return parse_record(text, PATH, config)
    except RecordFileError as exc:
        _check_errors(exc.errors, PATH)
        return None
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert time.monotonic() - started < 2.5
        assert peak < 50_000_000, f"{peak} bytes for {len(text)} characters"


@PROPERTY_SETTINGS
@given(front=yamlish(), body=st.sampled_from(["", "::: fi\nTeksti\n", "::: xx\n", "teksti\x00"]))
def test_any_front_matter_gives_a_record_or_errors(config, front, body):
    _parse_bounded(f"---\n{front}\n---\n{body}", config)


@PROPERTY_SETTINGS
@given(text=mutated_record())
def test_a_damaged_record_gives_a_record_or_errors(config, text):
    _parse_bounded(text, config)


@PROPERTY_SETTINGS
@given(text=st.text(max_size=400))
def test_arbitrary_text_gives_a_record_or_errors(config, text):
    _parse_bounded(text, config)
    _parse_bounded("---\n" + text + "\n---\n", config)


@settings(max_examples=20, deadline=timedelta(seconds=3), database=None)
@given(levels=st.integers(2, 12), width=st.integers(2, 12),
       field=st.sampled_from(["keywords", "title", "locations", "themes"]))
def test_alias_bombs_are_refused_in_bounded_memory(config, levels, width, field):
    bomb = _alias_bomb(levels, width).replace(f"a{levels - 1}: &a{levels - 1}", f"{field}:")
    text = f"---\nid: local-korso-perhekahvila\nsource: local\nkind: activity\n{bomb}\n---\n"
    with pytest.raises(RecordFileError) as info:
        parse_record(text, PATH, config)
    assert any("anchor (&a0) is not allowed" in str(e) for e in info.value.errors)
    assert _parse_bounded(text, config) is None


@pytest.fixture(scope="module")
def content_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("props") / "content"
    (root / "records" / "local").mkdir(parents=True)
    (root / "records" / "local" / "local-korso-perhekahvila.md").write_text(VALID, encoding="utf-8")
    (root / "overrides").mkdir()
    return root


OVERRIDE_FIELDS = ["hide", "reason", "add", "set", "not_duplicate_of", "duplicate_of", "themes", "keywords",
                   "title", "fi", "municipalities"]


@st.composite
def override_text(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 4]))
        key = draw(st.sampled_from(OVERRIDE_FIELDS) | st.text(max_size=6))
        value = "".join(draw(st.lists(_WORDS, max_size=5)))
        lines.append(f"{indent}{key}: {value}")
    return "\n".join(lines)


@PROPERTY_SETTINGS
@given(text=override_text() | st.text(max_size=300), raw=st.just(b"") | st.binary(max_size=40))
def test_any_override_gives_a_correction_or_errors(config, content_dir, text, raw):
    override = content_dir / "overrides" / "local-korso-perhekahvila.yml"
    override.write_bytes(text.encode("utf-8", "surrogatepass") + raw)
    started = time.monotonic()
    content = load_content(content_dir, config)
    assert time.monotonic() - started < 2.5
    for error in content.errors:
        _check_errors([error], "content/")
    ids = [r.id for r in content.records]
    # Either the override applied (record shown or hidden) or it is reported and the record
    # is shown uncorrected; never both missing and unreported.
    assert ids == ["local-korso-perhekahvila"] or content.hidden == ["local-korso-perhekahvila"] or content.errors


CONFIG_TOKENS = ["[", "]", "{", "}", "=", '"', "'''", "\\u0000", "\\", "\n", "[[area.municipalities]]\n",
                 'code = "999"\n', "1e400", "inf", "nan", "0x", "1979-05-27T07:32:00Z", "#", "\t", "\x00", "é"]


@st.composite
def mutated_config(draw) -> bytes:
    from tests.site_support import TEST_CONFIG

    text = TEST_CONFIG.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(CONFIG_TOKENS) | st.text(max_size=4)) + text[at + draw(st.integers(0, 6)):]
    return text.encode("utf-8", "surrogatepass")


@settings(max_examples=80, deadline=timedelta(seconds=3), database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(raw=mutated_config())
def test_a_damaged_configuration_gives_a_config_or_a_config_error(tmp_path, raw):
    from tarjotin.config import ConfigError, TrayConfig, load_config

    path = tmp_path / "tray.toml"
    path.write_bytes(raw)
    try:
        assert isinstance(load_config(path), TrayConfig)
    except ConfigError as exc:
        lines = str(exc).splitlines()
        assert lines and all(line.startswith(f"{path}: ") and len(line) < len(str(path)) + 400 for line in lines), lines
