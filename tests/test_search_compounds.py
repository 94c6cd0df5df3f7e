"""Compounds both ways (issue 14): a query compound the index does not know is split into words it
knows, in the browser, from the index's own vocabulary; a query word finds compounds that
contain it (fi, sv; real lunr.js in Node)."""

from __future__ import annotations

from tests.search_support import record, run_node, write_bundle


def _ids(bundle, answer):
    rows = [row["id"] for chunk in bundle.chunks for row in chunk]
    return [rows[d] for d in answer["docs"]]


def test_an_unknown_finnish_compound_is_split_into_known_words(config, tmp_path):
    records = [
        record("local-s1", title="Senioriliikunta", summary={"fi": "Ohjattuja liikuntaryhmiä ikäihmisille."}),
        record("local-s2", title="Lasten liikuntaryhmä"),
        record("local-s3", title="Senioreiden lukupiiri"),
    ]
    bundle = write_bundle(records, config, "fi", tmp_path)
    split, plain = run_node(tmp_path, "fi", [{"op": "match", "q": "senioriliikuntaryhmä"},
                                             {"op": "match", "q": "liikuntaryhmä"}])["answers"]
    # every part is required: the senior exercise groups, not every group or every senior thing
    assert _ids(bundle, split) == ["local-s1"] and not split["partial"]
    assert split["words"] == ["seniori", "liikuntaryhmä"]   # longest known first part, then the rest
    assert sorted(_ids(bundle, plain)) == ["local-s1", "local-s2"]   # a known word is not split


def test_swedish_both_directions(config, tmp_path):
    records = [record("local-d1", title={"sv": "Seniordans i Kervo-salen"}),
               record("local-d2", title={"sv": "Dansgrupp för barn"}),
               record("local-d3", title={"sv": "Gym för seniorer"})]
    bundle = write_bundle(records, config, "sv", tmp_path)
    dans, split = run_node(tmp_path, "sv", [{"op": "match", "q": "dans"}, {"op": "match", "q": "seniorgym"}])["answers"]
    assert sorted(_ids(bundle, dans)) == ["local-d1", "local-d2"]      # the first word inside a compound
    assert _ids(bundle, split) == ["local-d3"]                          # an unknown compound split
