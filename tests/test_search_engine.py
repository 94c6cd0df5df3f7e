"""Filter logic, counts and keyword semantics of theme/static/js/search-engine.js (Node, no browser).

A small fixture set built in Python, written with the real encoder, searched with the real JS.
"""

from __future__ import annotations

import json

import pytest

from tarjotin.filters import builtin_registry
from tests.search_support import record, run_node, write_bundle

TODAY = 20261123


def _event(day_from, day_to):
    return {"start": f"2026-11-{day_from}T18:00", "end": f"2026-11-{day_to}T20:00"}


@pytest.fixture(scope="module")
def fixture(config, tmp_path_factory):
    records = [
        record("local-a", title={"fi": "Kuntosali senioreille", "sv": "Gym för seniorer"}, municipalities=["092"],
               age_groups=["ikaantyneet"], service_languages=["fi", "sv"], themes=["liikunta"], keywords=["Kaikukortti"],
               summary={"fi": "Ohjattua kuntosaliharjoittelua ikäihmisille."}),
        record("local-b", kind="activity", title="Lukupiiri", municipalities=["245"], service_languages=["fi"],
               themes=["kulttuuri"], summary={"fi": "Luetaan kirjoja kirjastossa yhdessä."}),
        record("local-c", kind="event", title="Joulukonsertti", municipalities=["092"], themes=["kulttuuri"],
               event=_event(24, 24), keywords=["Kaikukortti"]),
        record("local-d", kind="event", title="Syysjuhla", municipalities=["092"], themes=["kulttuuri"],
               event=_event(25, 25)),
        record("local-e", title="Kriisipuhelin", nationwide=True, age_groups=["nuoret"], themes=["mielen-hyvinvointi"],
               summary={"fi": "Keskusteluapua puhelimessa."}),
        record("local-f", title="Uimahalli", municipalities=["092", "245"], age_groups=["lapset", "perheet"],
               themes=["liikunta"], summary={"fi": "Uintia ja kuntosali samassa talossa."}, keywords=["Kaikukortti"]),
        record("local-g", kind="volunteering", title="Ruoka-apu vapaaehtoiseksi", municipalities=["245"],
               service_languages=["en"], themes=["ravinto"], age_groups=["aikuiset"]),
    ]
    folder = tmp_path_factory.mktemp("engine")
    bundle = write_bundle(records, config, "fi", folder, chunk_size=3)
    number = {row["id"]: i for i, row in enumerate(row for chunk in bundle.chunks for row in chunk)}
    return folder, number, bundle


def search(fixture, q="", today=TODAY, **filters):
    folder, number, _ = fixture
    answer = run_node(folder, "fi", [{"op": "search", "state": {"q": q, "filters": filters}, "today": today}])
    result = answer["answers"][0]
    by_number = {v: k for k, v in number.items()}
    result["ids"] = [by_number[d] for d in result["docs"]]
    return result


def counts(result, group, fixture):
    _, _, bundle = fixture
    values = [v for v, _label in bundle.facets["values"][group]]
    return {v: c for v, c in zip(values, result["counts"][group]) if c}


def test_no_filter_lists_everything_current_in_title_order(fixture):
    result = search(fixture)
    assert result["ids"] == ["local-c", "local-e", "local-a", "local-b", "local-g", "local-d", "local-f"]
    assert result["total"] == 7


def test_ended_events_are_hidden_by_the_browser_date(fixture):
    assert "local-c" not in search(fixture, today=20261125)["ids"]        # ended on the 24th
    assert "local-d" in search(fixture, today=20261125)["ids"]            # ends today: still shown
    assert "local-d" not in search(fixture, today=20261126)["ids"]


def test_municipality_filter_includes_area_wide_records_and_counts_ignore_own_group(fixture):
    result = search(fixture, kunta=["092"])
    assert sorted(result["ids"]) == ["local-a", "local-c", "local-d", "local-f"]
    assert counts(result, "kunta", fixture) == {"092": 4, "245": 3, "koko-maa": 1}
    assert counts(result, "teema", fixture) == {"liikunta": 2, "kulttuuri": 2}


def test_or_within_a_group_and_across_groups(fixture):
    assert sorted(search(fixture, kunta=["092", "245"])["ids"]) == ["local-a", "local-b", "local-c", "local-d",
                                                                   "local-f", "local-g"]
    assert search(fixture, kunta=["koko-maa"])["ids"] == ["local-e"]
    both = search(fixture, kunta=["092"], teema=["liikunta"])
    assert sorted(both["ids"]) == ["local-a", "local-f"]
    assert counts(both, "tyyppi", fixture) == {"service": 2}
    assert counts(both, "teema", fixture) == {"liikunta": 2, "kulttuuri": 2}


def test_records_without_age_groups_are_for_everyone(fixture):
    result = search(fixture, ika=["nuoret"])
    assert sorted(result["ids"]) == ["local-b", "local-c", "local-d", "local-e"]
    assert counts(result, "ika", fixture)["nuoret"] == 4
    assert counts(result, "ika", fixture)["ikaantyneet"] == 4   # local-a + the three for everyone


def test_unknown_filter_values_are_ignored(fixture):
    assert search(fixture, teema=["ei-ole"], kunta=["<script>"])["total"] == 7


PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf",
                   "__defineGetter__", "prototype"]
GROUPS = builtin_registry().params   # every built-in filter, from its declaration


def test_prototype_names_as_filter_values_are_unknown_values(fixture):
    """Issue 9: "?teema=constructor" threw a TypeError and "?ika=__proto__" emptied the results."""
    folder, number, _ = fixture
    states = [{"q": "", "filters": {}}, {"q": "", "filters": {"kunta": ["245"]}}]
    for group in GROUPS:
        for name in PROTOTYPE_NAMES:
            states.append({"q": "", "filters": {group: [name]}})
            # with a real filter beside it (another group, or the same group): that one still applies
            other = "teema" if group != "teema" else "kunta"
            states.append({"q": "", "filters": {group: [name], other: ["kulttuuri" if other == "teema" else "245"]}})
    states.append({"q": "", "filters": {"kunta": ["constructor", "245", "__proto__"]}})
    states.append({"q": "kuntosali", "filters": {"teema": ["constructor"], "ika": ["__proto__"]}})
    answers = run_node(folder, "fi", [{"op": "search", "state": s, "today": TODAY} for s in states])["answers"]
    everything, kerava = answers[0], answers[1]
    assert everything["total"] == 7 and kerava["total"] == 3
    culture = search(fixture, teema=["kulttuuri"])
    for state, result in zip(states[2:], answers[2:]):
        filters = state["filters"]
        if state["q"]:
            expected = search(fixture, q="kuntosali")
        elif "245" in filters.get("kunta", []):
            expected = kerava
        elif "kulttuuri" in filters.get("teema", []):
            expected = culture
        else:
            expected = everything
        assert (result["docs"], result["counts"]) == (expected["docs"], expected["counts"]), state
        assert result["removals"] == [], state


def test_object_property_names_as_keywords(fixture):
    folder, _, _ = fixture
    answer = run_node(folder, "fi", [{"op": "search", "state": {"q": q, "filters": {}}} for q in PROTOTYPE_NAMES])
    assert [result["total"] for result in answer["answers"]] == [0] * len(PROTOTYPE_NAMES)


def test_no_results_offers_the_removals_that_help(fixture):
    result = search(fixture, q="kuntosali", kunta=["245"], tyyppi=["event"])
    assert result["total"] == 0
    removals = {r["group"]: r["total"] for r in result["removals"]}
    assert removals == {"kunta": 0, "tyyppi": 1, "q": 0}
    result = search(fixture, q="kuntosali", tyyppi=["volunteering"])
    assert {r["group"]: r["total"] for r in result["removals"]} == {"tyyppi": 2, "q": 1}


def test_keyword_all_words_narrow_and_fall_back(fixture):
    assert sorted(search(fixture, q="kuntosali")["ids"]) == ["local-a", "local-f"]
    assert search(fixture, q="kuntosali ikäihmisille")["ids"] == ["local-a"]
    both = search(fixture, q="kuntosali lukupiiri")
    assert both["keyword"]["partial"] is True and set(both["ids"]) == {"local-a", "local-b", "local-f"}


def test_keyword_title_hit_ranks_first_inflections_prefix_typo(fixture):
    assert search(fixture, q="kuntosalilla")["ids"][0] == "local-a"      # title beats summary (local-f)
    assert search(fixture, q="uimahalliin")["ids"] == ["local-f"]
    assert search(fixture, q="kuntos")["ids"][0] == "local-a"            # typing: prefix of the stem
    assert search(fixture, q="kuntosli")["ids"][0] == "local-a"          # one typo
    assert search(fixture, q="lukupiirii")["ids"] == ["local-b"]


def test_kaikukortti_finds_every_tagged_record(fixture):
    assert sorted(search(fixture, q="Kaikukortti")["ids"]) == ["local-a", "local-c", "local-f"]
    assert sorted(search(fixture, q="kaikukortilla")["ids"]) == ["local-a", "local-c", "local-f"]


def test_theme_kind_and_place_words_are_searchable(fixture):
    assert sorted(search(fixture, q="liikunta")["ids"]) == ["local-a", "local-f"]
    assert sorted(search(fixture, q="tapahtumat")["ids"]) == ["local-c", "local-d"]
    assert search(fixture, q="kuntosali keravalla")["ids"] == ["local-f"]


HOSTILE = ["a:b", "*", "~", "+", "-", "^", '"', "'", "kunto*", "*sali", "kuntosali~2", "+kuntosali -uima",
           "title:kuntosali", "^10", '"kuntosali', ":::", "ja", "ja ja on", "<script>alert(1)</script>",
           "\u0000", "𝕏𝕏 😀", "a" * 300, "\\", "%", "kuntosali^", "-", "--", "_", "?", "(", "[", "{"]


def test_hostile_queries_never_throw(fixture):
    folder, _, _ = fixture
    answer = run_node(folder, "fi", [{"op": "search", "state": {"q": q, "filters": {}}} for q in HOSTILE])
    for q, result in zip(HOSTILE, answer["answers"]):
        assert isinstance(result["total"], int), q
    only_stop = dict(zip(HOSTILE, answer["answers"]))["ja ja on"]
    assert only_stop["keyword"]["all"] is True and only_stop["total"] == 7   # shows everything, says why
    assert json.dumps(answer).count("kuntosali") >= 1


def test_many_filter_values_encode_and_filter(config, tmp_path):
    """More than 10 / 36 values per group use letters in the facet columns: check the far ones."""
    codes = ["fi", "sv", "en"] + [a + b for a in "bcdghjklmnpqrtuvwxyz" for b in "aeo"][:60]
    records = [record(f"local-l{i}", title=f"Kerho {i}", service_languages=[code], municipalities=["092"],
                      themes=["liikunta"]) for i, code in enumerate(codes)]
    write_bundle(records, config, "fi", tmp_path, chunk_size=8)
    far = codes[-1]
    answer = run_node(tmp_path, "fi", [{"op": "search", "state": {"q": "", "filters": {"kieli": [far]}}},
                                       {"op": "search", "state": {"q": "kerho", "filters": {"kieli": [codes[40]]}}}])
    assert answer["answers"][0]["total"] == 1
    assert answer["answers"][1]["total"] == 1
    assert sum(answer["answers"][0]["counts"]["kieli"]) == len(codes)


def test_summary_postings_load_per_query(fixture):
    """The summary field's postings come in shards: a word only in a summary needs its shard."""
    folder, number, _ = fixture
    missing, before, also = run_node(folder, "fi", [{"op": "missing", "q": "ohjattua"}, {"op": "match", "q": "ohjattua"},
                                                    {"op": "missing", "q": "ohjattua keskusteluapua"}],
                                     no_shards=True)["answers"]
    assert missing and before["docs"] == [] and set(missing) <= set(also)
    loaded, after, left = run_node(folder, "fi", [{"op": "load", "shards": missing}, {"op": "match", "q": "ohjattua"},
                                                  {"op": "missing", "q": "ohjattua"}], no_shards=True)["answers"]
    assert after["docs"] == [number["local-a"]] and left == []


def test_compound_words_are_found_from_their_parts(config, tmp_path):
    records = [record("local-j1", title="Tuolijumppa Kivistössä"), record("local-j2", title="Vesijumppaa uimahallissa"),
               record("local-j3", title="Perhekahvila"), record("local-j4", title="Lukupiiri")]
    bundle = write_bundle(records, config, "fi", tmp_path)
    ids = [row["id"] for chunk in bundle.chunks for row in chunk]
    answer = run_node(tmp_path, "fi", [{"op": "match", "q": "jumppa"}, {"op": "match", "q": "kahvila"}])["answers"]
    assert sorted(ids[d] for d in answer[0]["docs"]) == ["local-j1", "local-j2"]
    assert [ids[d] for d in answer[1]["docs"]] == ["local-j3"]
