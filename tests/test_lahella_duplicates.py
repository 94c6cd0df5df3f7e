"""Duplicates between Lähellä.fi and PTV: pairs that are and are not the same activity, the merged
record, the decisions file, the build hiding the twin, and editors overriding the importer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from importers.lahella import builders as b
from importers.lahella.duplicates import decisions_text, find_duplicates, merge
from tarjotin.content import load_content
from tarjotin.matching import find_matches
from tarjotin.model import validate_record
from tarjotin.recordfile import dump_record
from tests.lahella_support import FakeLahella, Harness, default_config, make_settings

CONFIG = default_config()
DUP = make_settings(CONFIG).duplicates
THRESHOLDS = CONFIG.duplicates


def ptv(title="Ruoka-apu ja yhteiset ateriat", org="Vantaan seurakuntayhtymä", municipalities=("092",), **extra):
    data = {
        "id": extra.pop("id", "ptv-9d7aabdc-7370-56fa-af73-0664984ec217"), "source": "ptv", "kind": "service",
        "title": {"fi": title, "sv": "Mathjälp och gemensamma måltider"},
        "summary": {"fi": "Ruokakasseja kaikille."},
        "provider": {"name": {"fi": org, "sv": "Vanda kyrkliga samfällighet"}, "business_id": "0202102-3"},
        "locations": [{"name": {"fi": "Tikkurilan kirkko"}, "street_address": {"fi": "Urpiaisentie 1"},
                       "municipality_code": "092", "latitude": 60.29043, "longitude": 25.04512}],
        "municipalities": list(municipalities), "themes": ["ravinto", "toimeentulo"], "service_languages": ["fi", "sv", "ar"],
        "keywords": ["ruoka-apu"], "age_groups": [],
        "contacts": {"phones": [{"number": "+358 9 830 6000"}], "websites": [{"url": "https://ptv.example.fi"}]},
        "source_url": "https://www.suomi.fi/palvelut/x/9d7aabdc-7370-56fa-af73-0664984ec217",
    }
    data.update(extra)
    return validate_record(data, CONFIG)


def lahella(title="Ruoka-apu ja yhteiset ateriat", org="Vantaan seurakuntayhtymä ry", rid="lahella-482700", kind="activity",
            municipality="092", street="Urpiaisentie 1", **extra):
    data = {
        "id": rid, "source": "lahella", "kind": kind, "title": {"fi": title, "en": "Food aid"},
        "provider": {"name": {"fi": org}},
        "locations": [{"name": {"fi": "Tikkurilan kirkon ruoka-apu"}, "street_address": {"fi": street},
                       "municipality_code": municipality,
                       "opening_hours": {"weekly": [{"days": ["tue", "thu"], "opens": "12:00", "closes": "14:00"}]}}],
        "themes": ["ravinto"], "service_languages": ["fi", "en"], "age_groups": ["aikuiset"],
        "contacts": {"phones": [{"number": "+358 9 830 6000"}]},
        "source_url": "https://www.lahella.fi/activity/482700",
    }
    if kind == "event":
        data["event"] = {"start": "2026-12-05T10:00"}
    data.update(extra)
    return validate_record(data, CONFIG)


# --- the same or not: the build's matcher, through the importer ---------------------------------------

@pytest.mark.parametrize("mine, outcome", [
    (lahella(), "merged"),
    (lahella(title="Ruoka-apu & yhteiset ateriat!"), "merged"),                         # punctuation
    (lahella(title="Yhteiset ateriat ja ruoka-apu"), "merged"),                          # word order
    (lahella(title="Ruoka apu, yhteiset ateriat", org="VANTAAN SEURAKUNTAYHTYMÄ"), "merged"),
    (lahella(title="Ruoka-apu"), "merged"),                                              # shorter, with the same address and phone
    (lahella(title="Ruoka-apu", street="Kielotie 3", contacts={}), "possible"),          # … without any: for an editor
    (lahella(title="Ruoka-apu ja kahvila", street="Kielotie 3", contacts={}), "possible"),  # near miss, same provider
    (lahella(org="Hakunilan Ruoka-apu ry"), "possible"),                                 # another organisation: never merged
    (lahella(municipality="245"), "apart"),                                              # another municipality
    (lahella(title="Joulupuuro"), "apart"),
    (lahella(kind="event"), "apart"),                                                    # an event only with an event
])
def test_pairs_that_are_and_are_not_the_same(mine, outcome):
    decisions = find_duplicates([mine], [ptv()], THRESHOLDS)
    found = "merged" if decisions.merges else "possible" if decisions.possible else "apart"
    assert found == outcome
    for match in decisions.merges + decisions.possible:
        assert (match.a, match.b) == (mine.id, ptv().id)     # the kept record first


def test_the_importer_decides_as_the_build_does(tmp_path):
    """One matcher: the importer merges the pairs the build would merge among the same records
    (each record at most once, the best pairs first) and lists the pairs the build would list,
    but for a pair of two records each merged with another (settled)."""
    same_phone = {"phones": [{"number": "09 830 6000"}]}
    mine = [lahella(rid="lahella-1"),
            lahella(rid="lahella-2", title="Ruoka-apu ja kahvila", street="Kielotie 3", contacts={}),
            lahella(rid="lahella-3", title="Joulupuuro", street="Kielotie 3", contacts={}),
            lahella(rid="lahella-4", title="Diakonian ruoka-apu", street="Kielotie 5", contacts=same_phone)]
    others = [ptv(), ptv(id="ptv-bbbbbbbb-0000-4000-8000-000000000001", title="Diakoniatyön ruoka-apu",
                         contacts={"phones": [{"number": "+358 9 830 6000"}]})]
    decisions = find_duplicates(mine, others, THRESHOLDS)
    built = load_content(_tree(tmp_path, {f"records/{r.source}/{r.id}.md": dump_record(r) for r in [*mine, *others]}),
                         CONFIG)
    assert built.errors == []
    assert {m.pair for m in decisions.merges} == {frozenset(pair) for pair in built.merged.items()} != set()
    merged = set(built.merged) | set(built.merged.values())
    assert {m.pair for m in decisions.possible} == {m.pair for m in built.possible if not m.pair <= merged} != set()


def test_the_thresholds_are_the_trays_duplicates_section():
    strict = CONFIG.duplicates.model_copy(update={"title_similarity": 1.0, "title_similarity_with_evidence": 1.0})
    mine = lahella(title="Ruoka-apu")                   # 0.8 alike, with the same address and phone
    assert find_duplicates([mine], [ptv()], THRESHOLDS).merges
    assert find_duplicates([mine], [ptv()], strict).merges == []


def test_same_business_id_counts_even_when_names_are_written_differently():
    mine = lahella(provider={"name": {"fi": "VSRY"}, "business_id": "0202102-3"})
    decisions = find_duplicates([mine], [ptv()], THRESHOLDS)
    assert [(m.a, m.organisation) for m in decisions.merges] == [(mine.id, "same")]
    other = lahella(provider={"name": {"fi": "VSRY"}, "business_id": "1234567-8"})
    assert find_duplicates([other], [ptv()], THRESHOLDS).merges == []


def test_one_merge_per_record_best_first_and_order_independent():
    twin_a = ptv(id="ptv-aaaaaaaa-0000-4000-8000-000000000001")
    twin_b = ptv(id="ptv-aaaaaaaa-0000-4000-8000-000000000002", title="Ruoka-apu ja yhteiset ateriat Tikkurila")
    first = lahella(rid="lahella-1")
    second = lahella(rid="lahella-2", title="Ruoka-apu ja yhteiset ateriat Tikkurila")
    one = find_duplicates([first, second], [twin_a, twin_b], THRESHOLDS)
    other = find_duplicates([second, first], [twin_b, twin_a], THRESHOLDS)
    pairs = [(m.a, m.b) for m in one.merges]
    assert pairs == [(m.a, m.b) for m in other.merges]
    assert pairs == [("lahella-1", twin_a.id), ("lahella-2", twin_b.id)]


def test_pairs_among_the_other_sources_are_not_the_importers():
    # Two PTV-like sources that match each other but not the Lähellä.fi record: nothing to merge here.
    twin = ptv(id="ptv-cccccccc-0000-4000-8000-000000000001")
    local = validate_record({"id": "local-ruoka-apu", "source": "local", "kind": "service",
                             "title": {"fi": "Ruoka-apu ja yhteiset ateriat"},
                             "provider": {"name": {"fi": "Vantaan seurakuntayhtymä"}}, "municipalities": ["092"]}, CONFIG)
    decisions = find_duplicates([lahella(title="Joulupuuro")], [twin, local], THRESHOLDS)
    assert decisions.merges == [] and decisions.possible == []


def test_near_misses_are_reported_not_merged():
    decisions = find_duplicates([lahella(title="Ruoka-apu ja kahvila", street="Kielotie 3", contacts={})], [ptv()],
                                THRESHOLDS)
    assert decisions.merges == [] and [m.b for m in decisions.possible] == [ptv().id]
    assert decisions.possible[0].verdict == "possible" and decisions.possible[0].organisation == "same"


def test_editors_refuse_and_force():
    refused = find_duplicates([lahella()], [ptv()], THRESHOLDS, refused={frozenset(("lahella-482700", ptv().id))})
    assert refused.merges == [] and refused.possible == []
    assert refused.refused[0].decided_by == "editor: not_duplicate_of"
    other = ptv(id="ptv-bbbbbbbb-0000-4000-8000-000000000001", title="Diakoniatyö", org="Muu")
    forced = find_duplicates([lahella()], [ptv(), other], THRESHOLDS, forced={"lahella-482700": other.id})
    assert [(m.a, m.b, m.decided_by) for m in forced.merges] == [("lahella-482700", other.id, "editor: duplicate_of")]
    missing = find_duplicates([lahella()], [ptv()], THRESHOLDS, forced={"lahella-482700": "ptv-nothing"},
                              against=["ptv"])
    assert missing.problems == [("lahella-482700", "duplicate_of_unknown",
                                 "duplicate_of: ptv-nothing is not a record of ['ptv']")]


# --- the merged record -------------------------------------------------------------------------------

def test_merge_takes_the_best_of_both():
    merged = merge(lahella(), ptv(), CONFIG)
    assert merged.id == "lahella-482700" and merged.source == "lahella" and merged.kind == "activity"
    assert merged.title.fi == "Ruoka-apu ja yhteiset ateriat" and merged.title.sv == "Mathjälp och gemensamma måltider"
    assert merged.title.en == "Food aid" and merged.summary.fi == "Ruokakasseja kaikille."
    location = merged.locations[0]
    assert location.opening_hours.weekly[0].days == ["tue", "thu"]           # Lähellä.fi's schedule
    assert (location.latitude, location.longitude) == (60.29043, 25.04512)  # PTV's coordinates
    assert merged.themes == ["ravinto", "toimeentulo"]                       # PTV's classification added
    assert merged.service_languages == ["fi", "en", "sv", "ar"]
    assert merged.age_groups == ["aikuiset"] and merged.provider.business_id == "0202102-3"
    assert [p.number for p in merged.contacts.phones] == ["+358 9 830 6000"]
    assert [w.url for w in merged.contacts.websites] == ["https://ptv.example.fi"]
    assert merged.source_url == "https://www.lahella.fi/activity/482700"
    assert [(s.source, s.id) for s in merged.other_sources] == [("ptv", ptv().id)]
    assert merge(merged, ptv(), CONFIG).other_sources == merged.other_sources  # idempotent


def test_decisions_file_is_deterministic():
    decisions = find_duplicates([lahella()], [ptv()], THRESHOLDS)
    text = decisions_text(decisions.merges)
    assert text == decisions_text(list(reversed(decisions.merges)))
    data = yaml.safe_load(text)
    assert data["merges"] == [{"keep": "lahella-482700", "hide": ptv().id, "decided_by": "detector",
                               "title_similarity": 1.0, "organisation": "same", "evidence": ["phone", "address"],
                               "municipalities": ["092"], "titles": {"keep": "Ruoka-apu ja yhteiset ateriat",
                                                                     "hide": "Ruoka-apu ja yhteiset ateriat"}}]
    assert decisions_text([]) is None


# --- the build ---------------------------------------------------------------------------------------

def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "content"


def _merged_tree(tmp_path: Path, **extra: str) -> Path:
    twin = ptv()
    merged = merge(lahella(), twin, CONFIG)
    files = {
        f"records/ptv/{twin.id}.md": dump_record(twin),
        "records/lahella/lahella-482700.md": dump_record(merged),
        "records/lahella/merges.yml": decisions_text(find_duplicates([lahella()], [twin], THRESHOLDS).merges),
    }
    files.update(extra)
    return _tree(tmp_path, files)


def test_build_hides_the_merged_twin(tmp_path):
    content = load_content(_merged_tree(tmp_path), CONFIG)
    assert content.errors == []
    assert [r.id for r in content.records] == ["lahella-482700"]
    assert content.hidden == [ptv().id] and content.merged == {ptv().id: "lahella-482700"}
    assert content.records[0].other_sources[0].id == ptv().id


@pytest.mark.parametrize("override", ["lahella-482700", "ptv"])
def test_not_duplicate_of_shows_both_again(tmp_path, override):
    twin_id = ptv().id
    if override == "ptv":
        extra = {f"overrides/{twin_id}.yml": "not_duplicate_of: lahella-482700\nreason: eri ryhmä\n"}
    else:
        extra = {"overrides/lahella-482700.yml": f"not_duplicate_of: [{twin_id}]\n"}
    content = load_content(_merged_tree(tmp_path, **extra), CONFIG)
    assert content.errors == []
    assert sorted(r.id for r in content.records) == ["lahella-482700", twin_id]
    assert content.hidden == [] and content.merged == {}
    assert next(r for r in content.records if r.id == "lahella-482700").other_sources == []


def test_twin_stays_when_the_kept_record_is_gone_and_bad_files_are_errors(tmp_path):
    root = _merged_tree(tmp_path)
    (root / "records" / "lahella" / "lahella-482700.md").unlink()
    content = load_content(root, CONFIG)
    assert [r.id for r in content.records] == [ptv().id] and content.hidden == []
    (root / "records" / "lahella" / "merges.yml").write_text("merges:\n  - keep: x\n", encoding="utf-8")
    (root / "overrides").mkdir()
    (root / "overrides" / f"{ptv().id}.yml").write_text("not_duplicate_of: {a: 1}\n", encoding="utf-8")
    errors = [str(e) for e in load_content(root, CONFIG).errors]
    assert "content/records/lahella/merges.yml: merges[0]: needs keep: <id> and hide: <id>" in errors
    assert any("not_duplicate_of: must be a record id or a list of ids" in e for e in errors)


# --- the importer end to end ---------------------------------------------------------------------------

def _harness(tmp_path, api):
    settings = make_settings(CONFIG)
    return Harness(api=api, root=tmp_path / "repo", config=CONFIG, settings=settings)


def _food_aid():
    return b.activity("482700", "support", {"fi": "Ruoka-apu ja yhteiset ateriat"}, group_key="g1",
                      regions=["city/FI/Vantaa"],
                      channels=[b.place({"fi": "Tikkurilan kirkon ruoka-apu"}, street="Urpiaisentie 1", postal_code="01300",
                                        city={"fi": "Vantaa"}, events=[b.weekly("2026-08-18", (2, "12:00", "14:00"))])])


def test_import_merges_writes_the_decision_and_reports_it(tmp_path):
    groups = {"g1": b.group("g1", {"fi": "Vantaan seurakuntayhtymä"})}
    with FakeLahella([_food_aid()], groups) as api:
        h = _harness(tmp_path, api)
        twin_dir = h.root / "content" / "records" / "ptv"
        twin_dir.mkdir(parents=True)
        (twin_dir / f"{ptv().id}.md").write_text(dump_record(ptv()), encoding="utf-8")
        report = h.run()
        assert [m["other"] for m in report.merges] == [ptv().id]
        data = yaml.safe_load((h.out / "merges.yml").read_text(encoding="utf-8"))
        assert data["merges"][0]["hide"] == ptv().id and data["merges"][0]["decided_by"] == "detector"
        assert h.report()["counts"]["merged"] == 1 and h.report()["merges"][0]["lahella"] == "lahella-482700"
        content = load_content(h.root / "content", CONFIG)
        assert [r.id for r in content.records] == ["lahella-482700"]
        assert content.records[0].locations[0].latitude == 60.29043

        # An editor refuses: the next import writes the record without PTV's data and no decision.
        overrides = h.root / "content" / "overrides"
        overrides.mkdir()
        (overrides / "lahella-482700.yml").write_text(f"not_duplicate_of: [{ptv().id}]\n", encoding="utf-8")
        report = h.run()
        assert report.merges == [] and report.merge_refused[0]["other"] == ptv().id
        assert not (h.out / "merges.yml").exists()
        content = load_content(h.root / "content", CONFIG)
        assert sorted(r.id for r in content.records) == ["lahella-482700", ptv().id]
        assert content.records[0].other_sources == [] and content.records[0].locations[0].latitude is None


def test_duplicates_can_be_switched_off(tmp_path):
    groups = {"g1": b.group("g1", {"fi": "Vantaan seurakuntayhtymä"})}
    with FakeLahella([_food_aid()], groups) as api:
        h = _harness(tmp_path, api)
        h.settings = h.settings.model_copy(update={"duplicates": DUP.model_copy(update={"enabled": False})})
        twin_dir = h.root / "content" / "records" / "ptv"
        twin_dir.mkdir(parents=True)
        (twin_dir / f"{ptv().id}.md").write_text(dump_record(ptv()), encoding="utf-8")
        assert h.run().merges == [] and not (h.out / "merges.yml").exists()
