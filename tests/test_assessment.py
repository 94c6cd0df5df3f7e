"""The self-assessment card (content/assessment/card.yml) as `python -m tarjotin.check` reports it:
each problem names the file and line, the field, and what to write instead."""

from __future__ import annotations

import shutil

import pytest

from tarjotin.assessment import parse_card
from tarjotin.check import main
from tests.site_support import FIXTURE_CONTENT, ROOT, TEST_CONFIG

TOY_CARD = (ROOT / "tests" / "fixtures" / "assessment" / "card.yml").read_text(encoding="utf-8")
LANGS = ["fi", "sv", "en"]
THEMES = ["liikunta", "toimeentulo", "yhteisollisyys"]


def check_card(tmp_path, capsys, text: str) -> tuple[int, str]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "assessment").mkdir(exist_ok=True)
    (content / "assessment" / "card.yml").write_text(text, encoding="utf-8")
    status = main([str(content), "--config", str(TEST_CONFIG)])
    return status, capsys.readouterr().err


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_toy_card_is_valid(tmp_path, capsys):
    status, err = check_card(tmp_path, capsys, TOY_CARD)
    assert status == 0, err
    card, errors = parse_card(TOY_CARD, "card.yml", LANGS, THEMES)
    assert errors == [] and [a.theme for a in card.areas] == THEMES
    assert [a.need for a in card.scale] == [0, 1, 3]


@pytest.mark.parametrize("old, new, field, reason", [
    ("- theme: toimeentulo", "- theme: urheilu", "areas[2].theme", "'urheilu' is not a configured theme"),
    ("services: [local-ruokailu]", "services: [local-ruokailu, local-ei-ole]", "areas[2].services",
     "no record with id 'local-ei-ole'"),
    ("services: [local-ruokailu]", "services: [local-ruokailu, local-ruokailu]", "areas[2].services",
     "'local-ruokailu' is listed twice"),
    ("services: [local-ruokailu]", "services: local-ruokailu", "areas[2].services", "must be a list of 1 to 10 record ids"),
    ("  question: {fi: \"Kenelle", "  groups: [ikaantyneet, vanhukset]\n  question: {fi: \"Kenelle", "who.groups",
     "'vanhukset' is not an age group of tray.toml"),
    ("  question: {fi: \"Kenelle", "  age: 65\n  question: {fi: \"Kenelle", "who.age", "unknown key; use question, client, groups"),
    ("  question: {fi: \"Missä asut", "  kunta: '245'\n  question: {fi: \"Missä asut", "where.kunta", "unknown key; use question, client"),
    ("  question: {fi: \"Missä asut", "  question: 245\n  klient: {fi: \"Missä asut", "where.question", "must be a mapping"),
    ("- theme: yhteisollisyys", "- theme: liikunta", "areas[3].theme", "'liikunta' is already an area of the card"),
    ("  - need: 3", "  - need: many", "scale[3].need", "must be a whole number from 0 to 10"),
    ("version: 1", "version: 2", "version", "must be 1"),
])
def test_a_wrong_value_is_named_by_file_line_and_field(tmp_path, capsys, old, new, field, reason):
    text = TOY_CARD.replace(old, new, 1)
    status, err = check_card(tmp_path, capsys, text)
    assert status == 1
    line = TOY_CARD[:TOY_CARD.index(old)].count("\n") + 1  # the line that was changed
    assert f"content/assessment/card.yml:{line}: {field}: {reason}" in err, err
    assert "Traceback" not in err


def test_who_needs_both_texts_and_may_name_some_age_groups(tmp_path, capsys):
    text = TOY_CARD.replace("  client: {fi: \"Kenelle asiakas", "  klient: {fi: \"Kenelle asiakas", 1)
    status, err = check_card(tmp_path, capsys, text)
    assert status == 1
    assert f"content/assessment/card.yml:{line_of(text, 'Kenelle etsit')}: who.client: missing" in err, err
    card, errors = parse_card(TOY_CARD.replace("who:", "who:\n  groups: [lapset, ikaantyneet]", 1), "card.yml",
                              LANGS, THEMES, ["lapset", "nuoret", "ikaantyneet"])
    assert errors == [] and card.who.groups == ("lapset", "ikaantyneet")
    card, errors = parse_card(TOY_CARD, "card.yml", LANGS, THEMES, ["lapset", "nuoret"])
    assert card.who.groups == ("lapset", "nuoret")                    # default: every age group
    assert card.areas[1].services == ("local-ruokailu",)


def test_a_question_without_the_default_language_is_refused(tmp_path, capsys):
    text = TOY_CARD.replace('question: {fi: "Riittävätkö rahasi?", ', "question: {", 1)
    status, err = check_card(tmp_path, capsys, text)
    assert status == 1
    assert f"content/assessment/card.yml:{line_of(text, 'Räcker dina pengar')}: areas[2].question" in err, err


def test_a_scale_of_one_answer_is_refused(tmp_path, capsys):
    head, rest = TOY_CARD.split("scale:\n", 1)
    text = head + "scale:\n  - need: 1\n    label: {fi: Huonosti, sv: Dåligt, en: Badly}\nareas:\n" + rest.split("areas:\n", 1)[1]
    status, err = check_card(tmp_path, capsys, text)
    assert status == 1 and "scale: must be a list of 2 to" in err, err


def test_a_yaml_syntax_error_names_its_line(tmp_path, capsys):
    text = TOY_CARD.replace("  - theme: toimeentulo", "  - theme: [toimeentulo", 1)
    status, err = check_card(tmp_path, capsys, text)
    assert status == 1
    assert "content/assessment/card.yml:" in err and "not valid YAML" in err, err
    assert "Traceback" not in err
