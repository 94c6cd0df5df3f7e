"""Record files: front matter + language sections, errors an editor can act on, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjotin.content import load_content
from tarjotin.recordfile import RecordFileError, dump_record, parse_record
from tests.site_support import FIXTURE_CONTENT

GOOD = """---
id: local-korso-perhekahvila
source: local
kind: activity
title:
  fi: Korson perhekahvila
locations:
  - name: Korson nuorisotila
    postal_code: 01450
    municipality_code: 092
    opening_hours:
      weekly:
        - days: [wed]
          opens: 9:30
          closes: 11:30
service_languages: [fi, no]
themes: [yhteisollisyys]
---
::: fi
Tervetuloa **perhekahvilaan**.

::: sv
Välkommen till familjecaféet.
"""


def parse(text, config, name="local-korso-perhekahvila.md"):
    return parse_record(text, f"content/records/local/{name}", config)


def messages(text, config, name="local-korso-perhekahvila.md"):
    with pytest.raises(RecordFileError) as info:
        parse(text, config, name)
    return [str(e) for e in info.value.errors]


def test_yaml_scalars_stay_text(config):
    # Plain YAML would read 01450 as octal 800, 092 as 92.0, `no` as False and 9:30 as 570.
    record = parse(GOOD, config)
    location = record.locations[0]
    assert (location.postal_code, location.municipality_code) == ("01450", "092")
    assert record.service_languages == ["fi", "no"]
    assert location.opening_hours.weekly[0].opens == "09:30"


def test_descriptions_per_language(config):
    record = parse(GOOD, config)
    assert record.description.fi == "Tervetuloa **perhekahvilaan**."
    assert record.description.sv == "Välkommen till familjecaféet."
    assert record.description.en is None


def test_body_without_markers_is_finnish(config):
    text = GOOD.split("::: fi")[0] + "Pelkkä suomi.\n"
    assert parse(text, config).description.fi == "Pelkkä suomi."


def test_dump_round_trips_and_is_stable(config):
    record = parse(GOOD, config)
    text = dump_record(record)
    again = parse(text, config)
    assert again == record
    assert dump_record(again) == text
    assert "postal_code: '01450'" in text and "::: sv\nVälkommen" in text


def test_missing_front_matter(config):
    assert "must start with a line '---'" in messages("id: local-x\n", config)[0]


def test_yaml_syntax_error_names_the_line(config):
    broken = GOOD.replace("kind: activity", "kind: [activity")
    [message] = messages(broken, config)
    # The broken field is named with its line; the other fields were read and are valid.
    assert message.startswith("content/records/local/local-korso-perhekahvila.md: kind: YAML syntax error at line 4: ")


def test_bad_language_marker_and_text_before_first_marker(config):
    text = GOOD.replace("---\n::: fi", "---\nIrrallinen rivi\n::: fi").replace("::: sv", "::: ruotsi")
    found = messages(text, config)
    assert any("text before the first" in m for m in found)
    assert any("'::: ruotsi' is not a language" in m for m in found)


def test_description_in_a_language_the_site_does_not_configure(config):
    # `::: de` is a language, but the fixture site's content languages are fi, sv, en
    found = messages(GOOD.replace("::: sv", "::: de"), config)
    assert [m for m in found if ": description.de: " in m] == [
        "content/records/local/local-korso-perhekahvila.md: description.de: 'de' is not a content language of "
        "this site; languages.content in tests/fixtures/tray.toml lists fi, sv, en"]


def test_description_in_front_matter_is_refused(config):
    text = GOOD.replace("kind: activity", "kind: activity\ndescription: Hei")
    assert "write the description below" in messages(text, config)[0]


def test_file_must_be_named_after_id(config):
    assert "must be named local-korso-perhekahvila.md" in messages(GOOD, config, name="perhekahvila.md")[0]


def test_every_problem_in_a_file_is_listed(config):
    text = GOOD.replace("themes: [yhteisollisyys]", "themes: [yhteisöllisyys]\ncolour: red").replace(
        "postal_code: 01450", "postal_code: 1450").replace("closes: 11:30", "closes: 11:75")
    found = messages(text, config)
    assert len(found) == 4
    joined = "\n".join(found)
    for fragment in ("themes: unknown theme", "colour: unknown field", "locations[0].postal_code",
                     "locations[0].opening_hours.weekly[0].closes: '11:75' is not a time of day"):
        assert fragment in joined


def test_fixture_tree_loads_with_overrides(config):
    content = load_content(FIXTURE_CONTENT, config)
    assert content.errors == []
    ids = [r.id for r in content.records]
    assert "local-hidden-test" not in ids and content.hidden == ["local-hidden-test"]
    concert = next(r for r in content.records if r.id == "lahella-48213")
    assert concert.keywords == ["Kaikukortti"] and concert.themes == ["kulttuuri", "yhteisollisyys"]


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "content"


def test_tree_level_errors(config, tmp_path):
    root = _tree(tmp_path, {
        "records/local/local-korso-perhekahvila.md": GOOD,
        "records/ptv/local-korso-perhekahvila.md": GOOD,                  # wrong folder for source
        "records/misc/local-a.md": GOOD,                                  # unknown folder
        "records/local/local-b.md": GOOD.replace("local-korso-perhekahvila", "local-b").replace("kind: activity", "kind: course"),
        "overrides/local-nothing.yml": "hide: true\n",                    # overrides a missing record
        "overrides/local-korso-perhekahvila.yml": "add:\n  title: x\n",   # not addable
        "themes/urheilu.md": "---\ntheme: urheilu\n---\n::: fi\nx\n",     # not a configured theme
    })
    errors = [str(e) for e in load_content(root, config).errors]
    joined = "\n".join(errors)
    assert "content/records/ptv/local-korso-perhekahvila.md: source: 'local' record in records/ptv/" in joined
    assert "records/misc/" in joined
    assert "content/records/local/local-b.md: kind: 'course' is not allowed" in joined
    assert "content/overrides/local-nothing.yml: (file): no record with id 'local-nothing'" in joined
    assert "add.title: cannot add to this field" in joined
    assert "content/themes/urheilu.md: (file): 'urheilu' is not a configured theme" in joined
    assert len(errors) == 6


def test_duplicate_id_across_files(config, tmp_path):
    root = _tree(tmp_path, {"records/local/local-korso-perhekahvila.md": GOOD,
                            "records/local/local-korso-perhekahvila2.md": GOOD})
    errors = [str(e) for e in load_content(root, config).errors]
    assert len(errors) == 1 and "does not match the file name" in errors[0]


def test_override_set_replaces_and_is_validated(config, tmp_path):
    root = _tree(tmp_path, {"records/local/local-korso-perhekahvila.md": GOOD,
                            "overrides/local-korso-perhekahvila.yml": "set:\n  title:\n    fi: Uusi nimi\n  themes: [x]\n"})
    errors = [str(e) for e in load_content(root, config).errors]
    assert errors == ["content/records/local/local-korso-perhekahvila.md (with content/overrides/local-korso-perhekahvila.yml): "
                      "themes: unknown theme ['x']; choose from " + str(config.theme_slugs)]
