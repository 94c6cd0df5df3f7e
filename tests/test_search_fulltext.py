"""Full text (issue 14): descriptions, accessibility, price and registration notes are indexed as a
low-boost field whose postings come in shards of their own (Node, the real lunr.js)."""

from __future__ import annotations

import pytest

from tests.search_support import record, run_node, write_bundle


@pytest.fixture(scope="module")
def fixture(config, tmp_path_factory):
    records = [
        record("local-t1", title="Vesijumppa", summary={"fi": "Jumppaa vedessä."},
               description={"fi": "Ryhmä kokoontuu [Tikkurilan uimahallissa](https://example.org/halli). "
                                  "Mukaan pyyhe ja uimalakki."}),
        record("local-t2", title="Uimalakki-lainaamo", summary={"fi": "Lainaa uimalakki."}),
        record("local-t3", title="Kuntosali", locations=[{"name": {"fi": "Liikuntakeskus"},
                                                           "accessibility": {"fi": "Induktiosilmukka aulassa."}}],
               price={"free": False, "note": {"fi": "Kaikukortilla maksutta."}},
               registration={"required": True, "note": {"fi": "Ilmoittautuminen puhelimitse."}}),
    ]
    folder = tmp_path_factory.mktemp("fulltext")
    bundle = write_bundle(records, config, "fi", folder, chunk_size=3)
    number = {row["id"]: i for i, row in enumerate(row for chunk in bundle.chunks for row in chunk)}
    return folder, {v: k for k, v in number.items()}, bundle


def ids(fixture, answer):
    return [fixture[1][d] for d in answer["docs"]]


def test_a_word_only_in_a_description_is_found_after_its_shard(fixture):
    folder = fixture[0]
    missing, later, before = run_node(folder, "fi", [{"op": "missing", "q": "pyyhe"}, {"op": "missing", "q": "pyyhe", "later": True},
                                                     {"op": "match", "q": "pyyhe"}], no_shards=True)["answers"]
    # found nowhere else: the page waits for the full-text shard before showing results
    assert missing and later == [] and before["docs"] == []
    loaded, after = run_node(folder, "fi", [{"op": "load", "shards": missing}, {"op": "match", "q": "pyyhe"}],
                             no_shards=True)["answers"]
    assert ids(fixture, after) == ["local-t1"]


def test_accessibility_price_and_registration_notes_are_found(fixture):
    folder = fixture[0]
    answers = run_node(folder, "fi", [{"op": "match", "q": q} for q in ("induktiosilmukka", "kaikukortilla", "puhelimitse")])["answers"]
    assert [ids(fixture, a) for a in answers] == [["local-t3"]] * 3


def test_link_addresses_are_not_words(fixture):
    _, _, bundle = fixture
    text = next(doc["text"] for doc in bundle.docs if "pyyhe" in doc["text"])
    assert "Tikkurilan uimahallissa" in text and "example" not in text


def test_a_title_hit_ranks_above_a_description_hit_and_does_not_wait(fixture):
    folder = fixture[0]
    missing, later = run_node(folder, "fi", [{"op": "missing", "q": "uimalakki"}, {"op": "missing", "q": "uimalakki", "later": True}],
                              no_shards=True)["answers"]
    # the title has the word: the first results need no full-text shard, it comes afterwards
    assert later and not set(later) & set(missing)
    answer = run_node(folder, "fi", [{"op": "match", "q": "uimalakki"}])["answers"][0]
    assert ids(fixture, answer) == ["local-t2", "local-t1"]


def test_the_sources_classification_names_are_a_field(config, tmp_path):
    records = [record("local-c1", title="Perheneuvola", classes=[{"fi": "Kasvatus- ja perheneuvonta"}, {"fi": "lähisuhdeväkivalta"}]),
               record("local-c2", title="Kuntosali")]
    bundle = write_bundle(records, config, "fi", tmp_path)
    assert ["classes", 2] in bundle.index["fields"]
    answers = run_node(tmp_path, "fi", [{"op": "match", "q": "lähisuhdeväkivalta"}, {"op": "match", "q": "kasvatus"}])["answers"]
    rows = [row["id"] for chunk in bundle.chunks for row in chunk]
    assert [[rows[d] for d in a["docs"]] for a in answers] == [["local-c1"], ["local-c1"]]
    # without classification names the index has no such field (and is what it was)
    plain = write_bundle(records[1:], config, "fi", tmp_path / "plain")
    assert "classes" not in [name for name, _ in plain.index["fields"]]
