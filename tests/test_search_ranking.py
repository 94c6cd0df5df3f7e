"""Ranking a resident would agree with (issue 14): exact title first, all words above some, a
title hit above a description hit, events soonest first when the query is about events, no
duplicates. The real encoder and the real lunr.js in Node on fixture records."""

from __future__ import annotations

import pytest

from tests.search_support import record, run_node, write_bundle

TODAY = 20261123


def _event(day):
    return {"start": f"2026-12-{day:02d}T18:00", "end": f"2026-12-{day:02d}T20:00"}


@pytest.fixture(scope="module")
def fixture(config, tmp_path_factory):
    records = [
        # many words like "kuntosali" in the summary, so lunr's score alone would put it first
        record("local-r1", title="Ulkokuntosali ja kuntosaliohjaus",
               summary={"fi": "Kuntosali kuntosali kuntosali: kuntosaliharjoittelua kuntosalilla."}),
        record("local-r2", title="Kuntosali"),
        record("local-r3", title="Senioreiden kuntosali Keravalla", municipalities=["245"]),
        record("local-r4", title="Liikuntaneuvonta", description={"fi": "Neuvomme myös kuntosali-laitteiden käytössä."}),
        record("local-e1", kind="event", title="Joulukonsertti", event=_event(20), municipalities=["092"]),
        record("local-e2", kind="event", title="Kevätkonsertti", event=_event(5), municipalities=["092"]),
        record("local-e3", kind="event", title="Konserttisarjan avaus", event=_event(12), municipalities=["092"]),
        record("local-k1", title="Konserttitalo", summary={"fi": "Talo, jossa konsertit soivat."}),
    ]
    folder = tmp_path_factory.mktemp("ranking")
    bundle = write_bundle(records, config, "fi", folder, chunk_size=4)
    ids = [row["id"] for chunk in bundle.chunks for row in chunk]
    return folder, ids


def ranked(fixture, q, op="match"):
    folder, ids = fixture
    if op == "match":
        answer = run_node(folder, "fi", [{"op": "match", "q": q}])["answers"][0]
    else:
        answer = run_node(folder, "fi", [{"op": "search", "state": {"q": q, "filters": {}}, "today": TODAY}])["answers"][0]
    return [ids[d] for d in answer["docs"]]


def test_an_exact_title_comes_first(fixture):
    order = ranked(fixture, "kuntosali")
    assert order[0] == "local-r2"


def test_a_title_hit_ranks_above_a_description_hit(fixture):
    order = ranked(fixture, "kuntosali")
    assert order.index("local-r4") == len(order) - 1 and {"local-r1", "local-r3"} < set(order)


def test_all_words_above_some(fixture):
    # both words: only r3; when no record has all words, those with most come first
    assert ranked(fixture, "kuntosali keravalla") == ["local-r3"]
    order = ranked(fixture, "kuntosali keravalla joulukonsertti")
    assert order[0] == "local-r3" and "local-e1" in order


def test_events_soonest_first_when_the_query_is_about_events(fixture):
    order = ranked(fixture, "konsertti tapahtumat", op="search")
    assert order == ["local-e2", "local-e3", "local-e1"]
    # a query not about events keeps relevance order (an exact-ish title first)
    plain = ranked(fixture, "konsertti", op="search")
    assert set(plain) >= {"local-e1", "local-e2", "local-e3", "local-k1"}


def test_no_duplicates(fixture):
    for q in ("kuntosali", "kuntosali kuntosalilla kuntosaliohjaus", "konsertti konsertit", "k"):
        order = ranked(fixture, q, op="search")
        assert len(order) == len(set(order)), q
