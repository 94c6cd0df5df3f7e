"""Editors' synonyms and concepts (tarjotin/synonyms.py, applied by plugins/search_index/encode.py
at build time): found by the real lunr.js in Node; the file's errors name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjotin.synonyms import load_synonyms, parse_synonyms
from tests.search_support import record, run_node, write_bundle

FIXTURES = Path(__file__).parent / "fixtures" / "synonyms"


def concepts(lang):
    parsed, errors = parse_synonyms((FIXTURES / f"synonyms.{lang}.yml").read_text(encoding="utf-8"), f"synonyms.{lang}.yml")
    assert errors == []
    return parsed


def _ids(bundle, answer):
    rows = [row["id"] for chunk in bundle.chunks for row in chunk]
    return sorted(rows[d] for d in answer["docs"])


def test_everyday_words_find_the_services_terms_fi(config, tmp_path):
    records = [
        record("local-v1", title="Talous- ja velkaneuvonta", summary={"fi": "Apua laskuihin."}),
        record("local-v2", title="Raha-asiat", description={"fi": "Maksutonta talousneuvontaa kaikille."}),
        record("local-v3", title="Ystävätoiminta", summary={"fi": "Kuuntelevia ystäviä."}),
        record("local-v4", title="Lukupiiri", summary={"fi": "Luetaan yhdessä."}),
    ]
    bundle = write_bundle(records, config, "fi", tmp_path, concepts=concepts("fi"))
    answers = run_node(tmp_path, "fi", [{"op": "match", "q": q} for q in ("rahapula", "yksinäisyys", "talousneuvonta", "lukupiiri")])["answers"]
    assert _ids(bundle, answers[0]) == ["local-v1", "local-v2"]
    assert _ids(bundle, answers[1]) == ["local-v3"]
    # the concept's own terms join too: "talousneuvonta" finds the "velkaneuvonta" service
    assert _ids(bundle, answers[2]) == ["local-v1", "local-v2"]
    assert _ids(bundle, answers[3]) == ["local-v4"]
    assert "concepts" in [name for name, _ in bundle.index["fields"]]


def test_a_phrase_finds_services_sv(config, tmp_path):
    records = [
        record("local-s1", title={"sv": "Skuldrådgivning"}, summary={"sv": "Hjälp med räkningar."}),
        record("local-s2", title={"sv": "Gym för seniorer"}),
    ]
    bundle = write_bundle(records, config, "sv", tmp_path, concepts=concepts("sv"))
    answers = run_node(tmp_path, "sv", [{"op": "match", "q": "ont om pengar"}, {"op": "match", "q": "penningbrist"}])["answers"]
    assert _ids(bundle, answers[0]) == ["local-s1"] and not answers[0]["partial"]
    assert _ids(bundle, answers[1]) == ["local-s1"]


def test_without_synonyms_the_index_has_no_concepts_field(config, tmp_path):
    bundle = write_bundle([record("local-x", title="Kuntosali")], config, "fi", tmp_path, concepts=concepts("fi"))
    assert "concepts" not in [name for name, _ in bundle.index["fields"]]


@pytest.mark.parametrize("text, where", [
    ("version: 2\nconcepts: []\n", "x.yml:1: version"),
    ("version: 1\nconcepts:\n  - words: [raha]\n", "x.yml:3: concepts[1].means: missing"),
    ("version: 1\nconcepts:\n  - words: [raha]\n    means: []\n", "x.yml:4: concepts[1].means"),
    ("version: 1\nconcepts:\n  - words: [raha]\n    means: [velka]\n    meens: [x]\n", "x.yml:5: concepts[1].meens: unknown key"),
    ("version: 1\nconcepts:\n  - words: [raha, {a: 1}]\n    means: [velka]\n", "x.yml:3: concepts[1].words: each entry"),
    ("version: 1\nconcepts: [\n", "x.yml:"),
    ("- a\n", "x.yml:1: (file): must be a mapping"),
])
def test_bad_files_name_file_line_and_reason(text, where):
    found, errors = parse_synonyms(text, "x.yml")
    assert errors and str(errors[0]).startswith(where), [str(e) for e in errors]


def test_check_reports_a_bad_synonyms_file(tmp_path, config):
    folder = tmp_path / "content" / "search"
    folder.mkdir(parents=True)
    (folder / "synonyms.fi.yml").write_text("version: 1\nconcepts:\n  - words: rahapula\n", encoding="utf-8")
    (folder / "synonyms.de.yml").write_text("version: 1\nconcepts: []\n", encoding="utf-8")
    (folder / "synonyms.sv.yml").write_bytes(b"\xff\xfe")
    found, errors = load_synonyms(tmp_path / "content", ["fi", "sv", "en"])
    messages = [str(e) for e in errors]
    assert "content/search/synonyms.fi.yml:3: concepts[1].means: missing" in messages
    assert any(m.startswith("content/search/synonyms.de.yml:1: (file): de is not a UI language") for m in messages)
    assert any(m.startswith("content/search/synonyms.sv.yml:1: (file): cannot be read") for m in messages)
