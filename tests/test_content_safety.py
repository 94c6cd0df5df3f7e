"""Hostile or broken content files: always `file: field: reason`, never a traceback, a hang or
gigabytes of memory (issue 9: aliases, deep nesting, bad bytes, duplicate keys, control
characters, unknown municipality codes, overrides read as text)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import pytest

from tarjotin.config import ConfigError, load_config
from tarjotin.content import load_content
from tarjotin.recordfile import RecordFileError, parse_record
from tests.site_support import ROOT, TEST_CONFIG

RECORD = """---
id: local-korso-perhekahvila
source: local
kind: activity
title:
  fi: Korson perhekahvila
municipalities: ['092']
themes: [yhteisollisyys]
---
::: fi
Tervetuloa perhekahvilaan.
"""
PATH = "content/records/local/local-korso-perhekahvila.md"


def messages(text: str, config) -> list[str]:
    with pytest.raises(RecordFileError) as info:
        parse_record(text, PATH, config)
    found = [str(e) for e in info.value.errors]
    assert found and all(m.startswith(PATH + ": ") and len(m) < 400 for m in found), found
    return found


def tree(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "content"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def errors_of(root: Path, config) -> list[str]:
    return [str(e) for e in load_content(root, config).errors]


# --- 2. aliases, nesting, long echoes -------------------------------------------------------

def _alias_bomb(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines)


def test_alias_bomb_is_refused_quickly_in_little_memory(config):
    text = RECORD.replace("themes: [yhteisollisyys]", "themes: [yhteisollisyys]\n" + _alias_bomb(9)
                          .replace("a8: &a8", "keywords:").replace("a0:", "k0:"))
    assert len(text.encode()) < 900
    tracemalloc.start()
    started = time.monotonic()
    try:
        found = messages(text, config)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.monotonic() - started < 2
    assert peak < 20_000_000, f"peak {peak} bytes"
    assert any("anchor (&a0) is not allowed" in m for m in found), found
    assert sum(len(m) for m in found) < 2000


def test_deep_nesting_is_refused_without_recursion_error(config):
    for depth in (30, 5000):
        text = RECORD.replace("themes: [yhteisollisyys]", "keywords: " + "[" * depth + "x" + "]" * depth)
        [message] = messages(text, config)
        assert "keywords: YAML syntax error at line 8: nested deeper than 20 levels" in message


def test_very_deep_nesting_does_not_crash_the_process(tmp_path):
    # libyaml's C composer recursed and crashed (SIGSEGV) at 200,000 levels; the check must
    # answer with an error line, in bounded time and memory.
    root = tree(tmp_path, {"records/local/local-korso-perhekahvila.md":
                           RECORD.replace("themes: [yhteisollisyys]", "keywords: " + "[" * 200_000)})
    script = textwrap.dedent(f"""
        import resource, sys
        from tarjotin.check import main
        code = main([{str(root)!r}])
        print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
        sys.exit(code)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "keywords: YAML syntax error at line 8: nested deeper than 20 levels" in result.stderr
    rss_kb = int(result.stderr.split("maxrss_kb")[1])
    assert rss_kb < 400_000


def test_error_messages_quote_only_an_excerpt(config):
    huge = "x" * 20_000
    text = RECORD.replace("kind: activity", f"kind: {huge}").replace(
        "themes: [yhteisollisyys]", f"themes: [{huge}]\nsource_url: {huge}\nlocations: [{{municipality_code: '{huge}'}}]")
    found = messages(text, config)
    assert len(found) == 4 and all(len(m) - len(PATH) <= 300 for m in found), [len(m) for m in found]
    assert "kind: 'xxxxx" in "\n".join(found) and "…" in "\n".join(found)


def test_errors_per_file_are_capped(config):
    locations = "\n".join(f"  - name: Paikka {i}\n    postal_code: bad" for i in range(5000))
    text = RECORD.replace("themes: [yhteisollisyys]", "locations:\n" + locations)
    found = messages(text, config)
    assert len(found) == 20 and found[-1].endswith("… and 4981 more errors in this file")


def test_tags_are_refused(config):
    for value in ("!!int 1" + "1" * 5000, "!!binary aGVsbG8=", "!!python/name:os.system x"):
        [message] = messages(RECORD.replace("kind: activity", f"kind: {value}"), config)
        assert "kind: YAML syntax error at line 4: a tag" in message


# --- 9. duplicate keys, control characters ---------------------------------------------------

def test_duplicate_keys_are_errors(config):
    text = RECORD.replace("title:", "kind: service\ntitle:").replace("  fi: Korson", "  fi: Toinen\n  fi: Korson")
    found = messages(text, config)
    assert f"{PATH}: kind: YAML syntax error at line 5: duplicate key 'kind'; write each field once" in found
    assert f"{PATH}: title: YAML syntax error at line 8: duplicate key 'fi'; write each field once" in found


def test_raw_control_characters_are_refused_by_line_and_field(config):
    text = RECORD.replace("Korson perhekahvila", "Korson\x00 perhekahvila").replace(
        "Tervetuloa", "Terve\x1b[31mtuloa")
    found = messages(text, config)
    assert found == [f"{PATH}: title: line 6 contains the control character U+0000; remove it",
                     f"{PATH}: description.fi: line 11 contains the control character U+001B; remove it"]


def test_escaped_control_characters_are_refused_by_field(config):
    text = RECORD.replace("fi: Korson perhekahvila", 'fi: "Korson\\0 perhe\\x85kahvila"')
    assert messages(text, config) == [f"{PATH}: title.fi: contains the control character U+0000; remove it"]


def test_control_characters_in_overrides_themes_and_pages(config, tmp_path):
    root = tree(tmp_path, {
        "records/local/local-korso-perhekahvila.md": RECORD,
        "overrides/local-korso-perhekahvila.yml": 'reason: "a\\x07b"\nadd:\n  keywords: [Kaikukortti\x00]\n',
        "themes/liikunta.md": "---\ntheme: liikunta\n---\n::: fi\nLiiku\x0c!\n",
        "pages/front.md": "---\npage: front\n---\n::: sv\nHej\x7f\n",
    })
    assert errors_of(root, config) == [
        "content/overrides/local-korso-perhekahvila.yml: add: line 3 contains the control character U+0000; remove it",
        "content/overrides/local-korso-perhekahvila.yml: reason: contains the control character U+0007; remove it",
        "content/pages/front.md: description.sv: line 5 contains the control character U+007F; remove it",
        "content/themes/liikunta.md: description.fi: line 5 contains the control character U+000C; remove it",
    ]


# --- 3. overrides through a typed model -----------------------------------------------------

@pytest.mark.parametrize("value", ["false", "no", '"no"', "False", "off"])
def test_override_hide_false_keeps_the_record(config, tmp_path, value):
    root = tree(tmp_path, {"records/local/local-korso-perhekahvila.md": RECORD,
                           "overrides/local-korso-perhekahvila.yml": f"hide: {value}\nadd:\n  keywords: Kaikukortti\n"})
    content = load_content(root, config)
    assert content.errors == [] and content.hidden == []
    assert [r.keywords for r in content.records] == [["Kaikukortti"]]


@pytest.mark.parametrize("value", ["true", "yes", '"yes"'])
def test_override_hide_true_hides(config, tmp_path, value):
    root = tree(tmp_path, {"records/local/local-korso-perhekahvila.md": RECORD,
                           "overrides/local-korso-perhekahvila.yml": f"hide: {value}\n"})
    content = load_content(root, config)
    assert content.errors == [] and content.hidden == ["local-korso-perhekahvila"] and content.records == []


@pytest.mark.parametrize(("text", "expected"), [
    ("hide: maybe\n", "hide: Input should be a valid boolean, unable to interpret input (got 'maybe')"),
    ("hide:\n", "hide: Input should be a valid boolean (got None)"),
    ("set: [title, x]\n", "set: Input should be a valid dictionary (got ['title', 'x'])"),
    ("set: Uusi nimi\n", "set: Input should be a valid dictionary (got 'Uusi nimi')"),
    ("add: Kaikukortti\n", "add: Input should be a valid dictionary or instance of OverrideAdd (got 'Kaikukortti')"),
    ("add:\n  keywords: {a: b}\n", "add.keywords: Input should be a valid list (got {'a': 'b'})"),
    ("set:\n  colour: red\n", "set: 'colour' is not a record field; docs/content-format.md lists the fields"),
    ("set:\n  id: local-x\n", "set: 'id' cannot be changed by an override"),
    ("hidden: true\n", "hidden: unknown field (check the spelling; docs/content-format.md lists the fields)"),
    ("duplicate_of: [a, b]\n", "duplicate_of: must be one record id (got ['a', 'b'])"),
    ("not_duplicate_of: Vantaa\n", "not_duplicate_of: 'Vantaa' is not a record id (ptv-…, lahella-… or local-…)"),
    ("- hide\n", "(file): must be a list of 'field: value' lines"),
    ("hide: true\nhide: false\n", "hide: YAML syntax error at line 2: duplicate key 'hide'; write each field once"),
])
def test_bad_overrides_are_errors_not_tracebacks(config, tmp_path, text, expected):
    root = tree(tmp_path, {"records/local/local-korso-perhekahvila.md": RECORD,
                           "overrides/local-korso-perhekahvila.yml": text})
    content = load_content(root, config)
    assert [str(e) for e in content.errors] == [f"content/overrides/local-korso-perhekahvila.yml: {expected}"]
    assert [r.id for r in content.records] == ["local-korso-perhekahvila"]  # shown, uncorrected


# --- 5. tracebacks: bytes, files that are not files, tabs -----------------------------------

def test_invalid_utf8_names_the_file(config, tmp_path):
    root = tree(tmp_path, {
        "records/local/local-korso-perhekahvila.md": RECORD.encode().replace(b"Korson", b"K\xf6rson"),
        "overrides/local-x.yml": b"reason: \xff\n",
        "records/lahella/merges.yml": b"merges: \xc3\n",
        "themes/liikunta.md": b"---\ntheme: liikunta\n---\n\xe4\n",
    })
    assert errors_of(root, config) == [
        "content/overrides/local-x.yml: (file): is not UTF-8 text (byte 0xff at line 1); save it as UTF-8",
        "content/records/lahella/merges.yml: (file): is not UTF-8 text (byte 0xc3 at line 1); save it as UTF-8",
        "content/records/local/local-korso-perhekahvila.md: (file): is not UTF-8 text (byte 0xf6 at line 6); save it as UTF-8",
        "content/themes/liikunta.md: (file): is not UTF-8 text (byte 0xe4 at line 4); save it as UTF-8",
    ]


def test_files_that_are_not_regular_files_or_too_big(config, tmp_path):
    root = tree(tmp_path, {"records/local/local-korso-perhekahvila.md": RECORD,
                           "records/local/local-big.md": RECORD + "x" * 1_100_000})
    (root / "records/local/local-dir.md").mkdir()
    (root / "overrides").mkdir()
    (root / "overrides/local-zero.yml").symlink_to("/dev/zero")
    assert errors_of(root, config) == [
        "content/overrides/local-zero.yml: (file): is not a regular file",
        "content/records/local/local-big.md: (file): is larger than 1000 kB; a content file is a few kilobytes",
        "content/records/local/local-dir.md: (file): is not a regular file",
    ]


def test_a_tab_names_its_line_and_the_rest_is_still_checked(config, tmp_path):
    broken = RECORD.replace("  fi: Korson perhekahvila", "\tfi: Korson perhekahvila").replace(
        "themes: [yhteisollisyys]", "themes: [urheilu]").replace("::: fi", "::: de")
    root = tree(tmp_path, {"records/local/local-korso-perhekahvila.md": broken,
                           "records/local/local-b.md": RECORD.replace("korso-perhekahvila", "b").replace("kind: activity", "kind: x")})
    found = errors_of(root, config)
    assert found == [
        "content/records/local/local-b.md: kind: 'x' is not allowed; input should be 'service', 'activity', 'event' or 'volunteering'",
        "content/records/local/local-korso-perhekahvila.md: description.de: 'de' is not a content language of this "
        "site; languages.content in tests/fixtures/tray.toml lists fi, sv, en",
        "content/records/local/local-korso-perhekahvila.md: themes: unknown theme ['urheilu']; choose from " + str(config.theme_slugs),
        "content/records/local/local-korso-perhekahvila.md: title: YAML syntax error at line 6: a tab in the indentation; YAML indents with spaces only",
    ]


def test_overrides_and_merges_keep_checking_after_a_syntax_error(config, tmp_path):
    root = tree(tmp_path, {"records/local/local-korso-perhekahvila.md": RECORD,
                           "overrides/local-korso-perhekahvila.yml": "reason: [unclosed\nhide: perhaps\n",
                           "records/lahella/merges.yml": "merges:\n  - keep: a\n\thide: b\n"})
    assert errors_of(root, config) == [
        "content/overrides/local-korso-perhekahvila.yml: hide: Input should be a valid boolean, unable to interpret input (got 'perhaps')",
        "content/overrides/local-korso-perhekahvila.yml: reason: YAML syntax error at line 1: did not find expected ',' or ']'",
        "content/records/lahella/merges.yml: (file): YAML syntax error at line 3: a tab in the indentation; YAML indents with spaces only",
    ]


def test_odd_keys_and_documents(config):
    for front, fragment in [("~: x", "(front matter): YAML syntax error at line 2: a key must be a plain name"),
                            ("? [a, b]\n: x", "(front matter): YAML syntax error at line 2: a key must be a plain name"),
                            ("- just\n- a list", "(front matter): must be a list of 'field: value' lines"),
                            ("%YAML 1.1\n---\nid: x", "(front matter): YAML syntax error at line 2"),
                            ('title: "\\ud800"', "(front matter): YAML syntax error at line 2: found invalid Unicode")]:
        text = f"---\n{front}\n---\n"
        found = messages(text, config)
        assert any(fragment in m for m in found), (front, found)


# --- 8. municipality codes ------------------------------------------------------------------

@pytest.mark.parametrize("code", ["999", "000", "998", "588"])
def test_nonexistent_municipality_codes_are_refused(config, code):
    text = RECORD.replace("['092']", f"['092', '{code}']").replace(
        "themes:", f"locations:\n  - name: Paikka\n    municipality_code: '{code}'\nthemes:")
    found = messages(text, config)
    assert f"{PATH}: municipalities: ['{code}'] are not Finnish municipality codes" in found[1]
    assert found[0].startswith(f"{PATH}: locations[0].municipality_code: '{code}' is not a Finnish municipality code")


def test_real_codes_across_the_country_pass(config):
    text = RECORD.replace("['092']", "['091', '478', '890', '005', '992']")
    assert parse_record(text, PATH, config).municipalities == ["005", "091", "478", "890", "992"]


def test_municipality_list_is_complete_and_sourced():
    from tarjotin.municipalities import classification, names

    data = classification()
    assert len(names()) == len(data["municipalities"]) == 308
    assert data["classification"] == "kunta_1_20260101" and "data.stat.fi" in data["source"]
    assert names()["092"] == {"fi": "Vantaa", "sv": "Vanda"} and names()["853"]["sv"] == "Åbo"


def _config_text(**replace: str) -> str:
    text = TEST_CONFIG.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def test_config_refuses_unknown_area_codes(tmp_path):
    path = tmp_path / "tray.toml"
    path.write_text(_config_text(**{'code = "245"': 'code = "999"'}), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert f"{path}: area.municipalities[1].code: '999' is not a Finnish municipality code" in str(info.value)


# --- tray.toml: bad bytes, nesting, control characters --------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    (b"[site]\nname = \"\xff\"\n", "is not UTF-8 text (byte 0xff at line 2); save it as UTF-8"),
    (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested deeper than 20 levels"),
    (b"[site]\nname = 1\nname = 2\n", "not valid TOML: Cannot overwrite a value (at line 3, column 9)"),
])
def test_config_file_problems_are_config_errors(tmp_path, text, expected):
    path = tmp_path / "tray.toml"
    path.write_bytes(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: ") and expected in str(info.value)
    assert len(str(info.value)) < 2000


def test_config_refuses_control_characters(tmp_path):
    path = tmp_path / "tray.toml"
    path.write_text(_config_text(**{'fi = "Hyvinvointitarjotin"': 'fi = "Hyvinvointi\\u0000tarjotin"'}), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value) == f"{path}: site.name.fi: contains the control character U+0000; remove it"


# --- both composers refuse the same things ---------------------------------------------------

@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(("text", "expected"), [
    ("a: &x [1]\nb: *x\n", "is not allowed; write the value out"),
    ("a: !!int 5\n", "line 1: a tag (tag:yaml.org,2002:int)"),
    ("a: !!set {x}\n", "line 1: a tag (tag:yaml.org,2002:set)"),
    ("a: 1\nb:\n  c: 1\n  c: 2\n", "line 4: duplicate key 'c'"),
    ("a: " + "[" * 21 + "]" * 21 + "\n", "nested deeper than 20 levels"),
    ("a:\n" + "".join(" " * i + "- \n" for i in range(1, 23)), "nested deeper than 20 levels"),
    ("? [a]\n: b\n", "a key must be a plain name"),
])
def test_fast_and_python_composers_refuse_alike(monkeypatch, fast, text, expected):
    import re

    import yaml

    from tarjotin import safe_yaml

    # The fast path is normally skipped for text with &, * or !; force each path in turn.
    monkeypatch.setattr(safe_yaml, "_MAY_HAVE_ANCHORS_RE", re.compile(r"(?!)" if fast else r""))
    monkeypatch.setattr(safe_yaml, "_C_SAFE_DEPTH", 1000 if fast else -1)
    with pytest.raises(yaml.YAMLError) as info:
        safe_yaml.load(text)
    problem = safe_yaml.problem(info.value, text)
    assert expected in f"line {problem.line}: {problem.message}"
    assert safe_yaml.load("a: [x, {b: '092'}]\nc: no\n") == {"a": ["x", {"b": "092"}], "c": "no"}


_FIXTURES = Path(__file__).parent / "fixtures"

#: Plain data in every way YAML can write it: what the event builder must read as the composers do.
PLAIN_DATA = [
    "a: b\n", "", "# only a comment\n", "~\n", "- x\n- 092\n", "a:\nb: ~\nc: null\nd: 'null'\ne: \"~\"\nf: NULL\ng: Null\n",
    "a: no\nb: 08:00\nc: 1e3\nd: 0x10\ne: true\nf: 2026-01-01\ng: '<<'\n<<: x\n",
    "a: |\n  two\n  lines\nb: >-\n  folded\n  text\nc: \"esc\\u00e4 \\\\ \\x41\"\nd: 'it''s'\n",
    "a: [x, {b: '092', c: [], d: {}}, [y, [z]]]\ne: {f: {g: {h: ~}}}\n",
    "? complex key\n: value\n? |\n  block key\n: v\n\"quoted key\": 1\n'': empty quoted key\n",
    "%YAML 1.1\n---\na: b\n...\n", "--- x\n", "a: " + "[" * 19 + "]" * 19 + "\n",  # 20 levels with the top mapping
    "- a*b\n- c&d\n- e!f\n",
] + [path.read_text(encoding="utf-8").split("---\n")[1]
     for path in sorted(_FIXTURES.glob("*/content/records/*/*.md")) + sorted(_FIXTURES.glob("*/records/*/*.md"))]

#: What `load` refuses, each of which the event builder must leave to the composers.
REFUSED = [
    "a: &x [1]\nb: *x\n", "a: &x b\n", "a: &x\n", "a: !!int 5\n", "a: ! b\n", "a: !local [1]\n", "!!map {a: b}\n",
    "a: 1\nb:\n  c: 1\n  c: 2\n", "a: 1\na: 2\n", "a: " + "[" * 20 + "]" * 20 + "\n",
    "a:\n" + "".join(" " * i + "- \n" for i in range(1, 23)), "? [a]\n: b\n", "? {a: b}\n: c\n", ": x\n",
    "~: x\n", "null: x\n", "a: b\n---\nc: d\n", "a: [b\n", "a: b\n c: d\n", "a:\t- b\n", "'a: b\n",
]


@pytest.mark.parametrize("text", PLAIN_DATA)
def test_the_event_builder_reads_plain_data_as_the_composers_do(text):
    from tarjotin import safe_yaml

    assert safe_yaml._load_plain(text) == safe_yaml._load_composed(text)
    assert repr(safe_yaml._load_plain(text)) == repr(safe_yaml._load_composed(text))  # str stays str, None None
    assert len(PLAIN_DATA) > 20  # the record fixtures were found


@pytest.mark.parametrize("text", REFUSED)
def test_the_event_builder_leaves_every_refusal_to_the_composers(text):
    import yaml

    from tarjotin import safe_yaml

    with pytest.raises((safe_yaml._Refused, yaml.YAMLError)):
        safe_yaml._load_plain(text)
    with pytest.raises(yaml.YAMLError) as composed:
        safe_yaml._load_composed(text)
    with pytest.raises(yaml.YAMLError) as loaded:
        safe_yaml.load(text)
    assert str(loaded.value) == str(composed.value)


def test_check_of_a_missing_directory_is_an_error(capsys):
    from tarjotin.check import main

    assert main(["/nonexistent/content"]) == 1
    assert "/nonexistent/content: (file): no such content directory" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["9999-12-31T23:59-12:00", "0001-01-01T00:00", "1899-12-31"])
def test_far_off_dates_are_refused_before_they_overflow(config, value):
    # 9999-12-31T23:59-12:00 validated, then crashed the build with OverflowError when shown in
    # Helsinki time.
    text = RECORD.replace("kind: activity", f"kind: event\nevent:\n  start: '{value}'")
    [message] = messages(text, config)
    assert "event.start: " in message and "is not a plausible date; use a year from 1900 to 2199" in message


@pytest.mark.parametrize("value", ["Mars/Phobos", "../../etc/passwd", ""])
def test_config_refuses_an_unknown_time_zone(tmp_path, value):
    path = tmp_path / "tray.toml"
    path.write_text(_config_text(**{'timezone = "Europe/Helsinki"': f'timezone = "{value}"'}), encoding="utf-8")
    with pytest.raises(ConfigError, match="site.timezone: unknown time zone"):
        load_config(path)


def test_a_hidden_record_still_reports_a_broken_file(config, tmp_path):
    root = tree(tmp_path, {"records/local/local-korso-perhekahvila.md": RECORD.replace("Korson", "Kor\x00son"),
                           "overrides/local-korso-perhekahvila.yml": "hide: true\n"})
    content = load_content(root, config)
    assert content.hidden == ["local-korso-perhekahvila"]
    assert [str(e) for e in content.errors] == [f"{PATH}: title: line 6 contains the control character U+0000; remove it"]


def test_long_lines_are_read_in_linear_time(config, tmp_path):
    # The top-level key pattern once backtracked quadratically on a long line without a colon
    # (30,000 spaces took 2 s; 300,000 would take minutes).
    line = "x" + " \t" * 300_000 + "y"
    root = tree(tmp_path, {"records/local/local-korso-perhekahvila.md": RECORD.replace("themes:", line + "\nthemes:"),
                           "overrides/local-korso-perhekahvila.yml": f"reason: x\n{line}\n"})
    started = time.monotonic()
    errors = errors_of(root, config)
    assert time.monotonic() - started < 3
    assert errors and all(len(e) < 400 for e in errors)


def test_strip_control_chars_for_importers():
    from tarjotin.text import strip_control_chars

    assert strip_control_chars("a\x00b\x1b[31mc\x7f\x85d\te\r\nf\rg\u2028") == "ab[31mcd\te\nf\ng\u2028"


def test_merges_can_only_hide_another_source_for_a_record_of_their_own(config, tmp_path):
    other = RECORD.replace("local-korso-perhekahvila", "local-toinen")
    root = tree(tmp_path, {"records/local/local-korso-perhekahvila.md": RECORD,
                           "records/local/local-toinen.md": other,
                           "records/lahella/merges.yml": "merges:\n  - keep: ptv-x\n    hide: local-korso-perhekahvila\n",
                           "records/local/merges.yml": "merges:\n  - keep: local-toinen\n    hide: local-korso-perhekahvila\n"})
    content = load_content(root, config)
    assert [str(e) for e in content.errors] == [
        "content/records/lahella/merges.yml: merges[0].keep: 'ptv-x' is not a record of records/lahella/",
        "content/records/local/merges.yml: merges[0].hide: 'local-korso-perhekahvila' is from the same source as keep",
    ]
    assert content.hidden == []
