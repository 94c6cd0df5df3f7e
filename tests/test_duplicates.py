"""One record per real-world service across all sources: the matcher on every pair of sources
(true pairs, near misses with the same provider, the same title in two municipalities), the
merge with provenance, editors' duplicate_of / not_duplicate_of for any pair, and their errors.

Own fixtures: a small configuration with a fourth source (`[sources.toy]`) and records written
here; never the repository's tray.toml or content/."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tarjotin.config import ConfigError, load_config
from tarjotin.content import load_content
from tarjotin.duplicates import possible_duplicates
from tarjotin.matching import (_quick_ratio, candidate_pairs, compare, contained, features, find_matches, phone_key,
                               similarity, title_words)
from tarjotin.model import validate_record
from tarjotin.recordfile import dump_record
from tests.config_support import NEUTRAL, write_config

TOY = """
[sources.toy]
name = { fi = "Lelulähde", sv = "Leksakskällan", en = "Toy source" }
importer = "tests.toy_source"
"""


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    return load_config(write_config(tmp_path_factory.mktemp("dup"), NEUTRAL + TOY))


SOURCES = ("ptv", "lahella", "local", "toy")
KEYS = {"ptv": "ptv-0c0c0c0c-1111-2222-3333-444455556666", "lahella": "lahella-900001",
        "local": "local-vantaa-uimahalli", "toy": "toy-uimahalli"}


def rec(config, source, title="Tikkurilan uimahalli", org="Vantaan kaupunki", rid=None, municipality="092",
        street="Läntinen Valkoisenlähteentie 52", phone="+358 9 8392 3000", **extra):
    data = {"id": rid or KEYS[source], "source": source, "kind": "activity" if source == "lahella" else "service",
            "title": {"fi": title}, "provider": {"name": {"fi": org}},
            "locations": [{"name": {"fi": title}, "street_address": {"fi": street}, "municipality_code": municipality}],
            "contacts": {"phones": [{"number": phone}]} if phone else {}}
    for key, value in extra.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return validate_record(data, config)


PAIRS = list(itertools.combinations(SOURCES, 2))


# --- the matcher on every pair of sources ---------------------------------------------------------

@pytest.mark.parametrize("a, b", PAIRS)
def test_a_true_pair_of_any_two_sources_is_confident(config, a, b):
    found = find_matches([rec(config, a), rec(config, b, title="Uimahalli Tikkurila")], config.duplicates)
    assert [(m.a, m.b, m.verdict) for m in found.confident] == [(*sorted((KEYS[a], KEYS[b])), "confident")]


@pytest.mark.parametrize("a, b", PAIRS)
def test_a_shorter_title_is_confident_only_with_evidence(config, a, b):
    # "Uimahallit" is in "Uimahallit Tikkurilassa, Myyrmäessä ja Hakunilassa": with the same phone
    # that is one service; without any shared contact or place it is only listed for an editor.
    long = rec(config, a, title="Uimahallit Tikkurilassa, Myyrmäessä ja Hakunilassa")
    assert compare(features(long), features(rec(config, b, title="Uimahallit")), config.duplicates).verdict == "confident"
    other = rec(config, b, title="Uimahallit", phone="+358 40 123 4567", street="Muu katu 1")
    assert compare(features(long), features(other), config.duplicates).verdict == "possible"


@pytest.mark.parametrize("a, b", PAIRS)
def test_near_misses_with_the_same_provider_are_not_merged(config, a, b):
    pool = rec(config, a, title="Tikkurilan uimahalli")
    for title in ("Tikkurilan kuntosali", "Senioriliikunta", "Tikkurilan kirjasto"):
        twin = rec(config, b, title=title, phone="+358 9 8392 9999", street="Muu katu 1")
        # Not merged; a district name in both may still get them listed for an editor.
        assert compare(features(pool), features(twin), config.duplicates).verdict != "confident", title
    senior = rec(config, b, title="Senioriliikunta", phone="+358 9 8392 9999", street="Muu katu 1")
    assert compare(features(pool), features(senior), config.duplicates).verdict == "none"


@pytest.mark.parametrize("a, b", PAIRS)
def test_the_same_title_in_two_municipalities_is_two_services(config, a, b):
    vantaa = rec(config, a, title="Uimahalli")
    kerava = rec(config, b, title="Uimahalli", municipality="245", org="Keravan kaupunki", street="Tuusulantie 1",
                 phone="+358 9 2949 2270")
    assert find_matches([vantaa, kerava], config.duplicates).confident == []
    assert compare(features(vantaa), features(kerava), config.duplicates).municipalities == []


def test_another_organisation_is_listed_not_merged_and_a_unit_is_the_same(config):
    mine = rec(config, "local", title="Nollalinja – auttava puhelin", org="Ensi- ja turvakotien liitto")
    theirs = rec(config, "ptv", title="Nollalinja – auttava puhelin", org="Nollalinja")
    assert compare(features(mine), features(theirs), config.duplicates).verdict == "possible"
    unit = rec(config, "local", title="Keravan uimahalli", org="Keravan kaupunki, liikuntapalvelut")
    town = rec(config, "ptv", title="Keravan uimahalli", org="Keravan kaupunki", phone="+358 9 1")
    assert compare(features(unit), features(town), config.duplicates).organisation == "same"


def test_events_merge_only_with_events_and_one_source_is_never_compared_with_itself(config):
    service = rec(config, "ptv")
    event = rec(config, "lahella", kind="event", event={"start": "2026-12-05T10:00"})
    assert compare(features(service), features(event), config.duplicates).verdict == "none"
    twins = [rec(config, "local"), rec(config, "local", rid="local-vantaa-uimahalli-2")]
    assert find_matches(twins, config.duplicates).compared == 0


@pytest.mark.parametrize("a, b", PAIRS)
def test_a_title_in_a_language_only_one_of_them_has_does_not_hide_the_pair(config, a, b):
    # Candidate pairs meet by a title's rarest words; words of an English title that the other
    # record lacks are the rarest of all (no one else has them) and must not crowd out the
    # Finnish words the two share.
    mine = rec(config, a, title="Ruoka-apu", phone=None)
    mine = mine.model_copy(update={"title": mine.title.model_copy(update={"en": "Food aid"})})
    theirs = rec(config, b, title="Ruoka-apu ja yhteiset ateriat", phone=None, street="Muu katu 1")
    theirs = theirs.model_copy(update={"title": theirs.title.model_copy(update={"sv": "Mathjälp och gemensamma måltider"})})
    found = find_matches([mine, theirs], config.duplicates)
    assert [(m.a, m.b, m.verdict) for m in found.possible] == [(*sorted((mine.id, theirs.id)), "possible")]


def test_title_words_phones_and_containment():
    assert title_words("Keravan uimahalli") == ("uimahalli",)
    assert title_words("MIELI ry:n Kriisipuhelin") == ("mieli", "kriisipuhelin")
    assert title_words("Simhallen i Vanda") == ("simhallen",)
    assert phone_key("09 2525 0111") == phone_key("+358 9 2525 0111") == "358925250111"
    assert contained(("uimahallit",), ("uimahalli", "tikkurila")) == 1.0
    assert contained(("kirjasto",), ("digituki", "kirjastossa")) == 0.0   # a case ending is another word


def _normalise_whole(text):
    # normalise() as first written: the whole text at once (it now works word by word, cached).
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@pytest.mark.parametrize("text", [
    "Ruoka-apu – Vantaa!", "Keravan  uimahalli\n", "Pääsky\u00a0ry:n kerho", "Straße ØRE", "a\u00a8b", "e\u0301 \u0301e",
    "ﬁlm ① Ｔａｎｓｓｉ", "Ὀδυσσεύς ja Ωμέγα", "Семья\u2003Друзья", "x\x1cy\u2028z", "  ", "---", "Café-Bar 2",
])
def test_normalise_word_by_word_is_the_whole_text_normalised(text):
    from tarjotin.matching import normalise

    assert normalise(text) == _normalise_whole(text)


def test_place_words_are_the_municipality_stems_plus_up_to_four_letters():
    from tarjotin.matching import _is_place_word, _place_stems

    stems = _place_stems()
    assert "vantaa"[:-1] in stems and "kerav" in stems
    words = {stem + ending for stem in stems for ending in ("", "a", "n", "lla", "ssa", "sta", "lle", "nkin", "ssakin")}
    words |= {stem[:-1] for stem in stems} | {"uimahalli", "kirjasto", "tikkurila", "a", ""}
    for word in sorted(words):
        expected = any(word.startswith(stem) and len(word) - len(stem) <= 4 for stem in stems)
        assert _is_place_word(word) == expected, word
    assert _is_place_word("keravan") and _is_place_word("vantaalla") and not _is_place_word("keravalaisillekin")


def test_the_result_does_not_depend_on_the_order_of_the_input(config):
    records = [rec(config, s, title=t) for s, t in zip(SOURCES, ("Uimahalli", "Uimahalli Tikkurila", "Tikkurilan uimahalli", "Uimahallit"))]
    first = find_matches(records, config.duplicates)
    again = find_matches(list(reversed(records)), config.duplicates)
    assert [(m.a, m.b) for m in first.confident] == [(m.a, m.b) for m in again.confident] != []


def test_the_shortcuts_find_what_comparing_every_candidate_pair_finds(config):
    # find_matches skips pairs compare() would call "none" (other town or kind, a title below what
    # its evidence and organisation need, bounds instead of difflib): the result must not change.
    import random
    from difflib import SequenceMatcher

    rng = random.Random(7)
    words = ["uimahalli", "uimahallit", "kirjasto", "lukupiiri", "kriisipuhelin", "perhekahvila", "kuntosali",
             "nuoret", "ryhmä", "kerho", "tikkurilan", "digituki"]
    orgs = ["Vantaan kaupunki", "Vantaan kaupunki, liikuntapalvelut", "MIELI ry", "Mieli", "Kerhot oy"]
    records = []
    for n in range(240):
        source = SOURCES[n % 4]
        title = " ".join(rng.sample(words, rng.randint(1, 3))).capitalize()
        records.append(rec(config, source, title=title, org=rng.choice(orgs), rid=f"{source}-{n:04d}" if source != "ptv"
                           else f"ptv-{n:08d}-0000-4000-8000-000000000000",
                           municipality=rng.choice(["092", "245"]), street=rng.choice(["Tie 1", "Tie 2", "Katu 3"]),
                           phone=rng.choice([None, "+358 9 1", "+358 9 2", "+358 9 3"]),
                           **({"kind": "event", "event": {"start": "2027-05-01T18:00"}} if n % 7 == 0
                              else {"kind": rng.choice(["service", "activity"])})))
    items = [features(r) for r in sorted(records, key=lambda r: r.id)]
    every = [compare(items[i], items[j], config.duplicates) for i, j in candidate_pairs(items, config.duplicates)]
    found = find_matches(records, config.duplicates)
    assert [vars(m) for m in found.confident] == [vars(m) for m in sorted(
        (m for m in every if m.verdict == "confident"), key=lambda m: (-m.title, -len(m.evidence), m.a, m.b))]
    assert [vars(m) for m in found.possible] == [vars(m) for m in sorted(
        (m for m in every if m.verdict == "possible"), key=lambda m: (m.a, m.b))]
    assert found.confident and found.possible and found.compared == len(every)
    for a, b in [("uimahalli", "kirjasto"), ("kriisipuhelin mieli", "mieli kriisipuhelin"), ("ab", "ba"), ("x", "xx")]:
        assert _quick_ratio(a, b) == SequenceMatcher(None, a, b, autojunk=False).quick_ratio()
        similarity.cache_clear()
        best = max(SequenceMatcher(None, a, b, autojunk=False).ratio(),
                   SequenceMatcher(None, " ".join(sorted(a.split())), " ".join(sorted(b.split())), autojunk=False).ratio())
        assert similarity(a, b) == round(best, 3)


def test_thresholds_come_from_the_configuration(tmp_path):
    strict = load_config(write_config(tmp_path, NEUTRAL + "\n[duplicates]\ntitle_similarity = 1.0\n"
                                                          "title_similarity_with_evidence = 1.0\n"))
    a, b = rec(strict, "ptv", title="Tikkurilan uimahalli"), rec(strict, "local", title="Uimahalli Tikkurila")
    assert compare(features(a), features(b), strict.duplicates).verdict != "confident"
    with pytest.raises(ConfigError, match="keep_order"):
        load_config(write_config(tmp_path, NEUTRAL + '\n[duplicates]\nkeep_order = ["nosuch"]\n', "bad.toml"))
    with pytest.raises(ConfigError, match="title_similarity_with_evidence must not exceed"):
        load_config(write_config(tmp_path, NEUTRAL + "\n[duplicates]\ntitle_similarity = 0.5\n", "bad2.toml"))


# --- the build: merge with provenance, editors' decisions -------------------------------------------

def tree(tmp_path: Path, records, overrides: dict[str, str] | None = None) -> Path:
    root = tmp_path / "content"
    for record in records:
        folder = root / "records" / record.source
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record.id}.md").write_text(dump_record(record), encoding="utf-8")
    for record_id, text in (overrides or {}).items():
        (root / "overrides").mkdir(parents=True, exist_ok=True)
        (root / "overrides" / f"{record_id}.yml").write_text(text, encoding="utf-8")
    return root


def test_a_confident_pair_is_one_record_with_the_editors_text_and_the_imported_freshness(tmp_path, config):
    imported = rec(config, "ptv", title="Tikkurilan uimahalli", summary={"fi": "PTV:n lyhyt kuvaus.", "sv": "Simhall."},
                   source_url="https://www.suomi.fi/palvelut/x", modified="2026-09-15T10:20:30Z",
                   imported_at="2026-12-03T13:03:58Z", themes=["liikunta"])
    local = rec(config, "local", title="Uimahalli Tikkurila", summary={"fi": "Toimittajan kuvaus."},
                keywords=["uinti"], themes=["liikunta", "mielekas-arki"], modified="2025-01-01T00:00:00Z")
    content = load_content(tree(tmp_path, [imported, local]), config)
    assert content.errors == []
    assert [r.id for r in content.records] == [imported.id]
    assert content.merged == {local.id: imported.id} and content.decided_by == {local.id: "detector"}
    merged = content.records[0]
    assert merged.title.fi == "Uimahalli Tikkurila" and merged.summary.fi == "Toimittajan kuvaus."
    assert merged.summary.sv == "Simhall."   # what the editor lacks comes from the source
    assert merged.modified == imported.modified and merged.imported_at == imported.imported_at
    assert str(merged.source_url) == "https://www.suomi.fi/palvelut/x"
    assert merged.keywords == ["uinti"] and merged.themes == ["liikunta", "mielekas-arki"]
    assert merged.provenance["title"] == ["local"] and merged.provenance["summary"] == ["local", "ptv"]
    assert merged.provenance["modified"] == ["ptv"] and merged.provenance["themes"] == ["local", "ptv"]
    assert [ref.id for ref in merged.other_sources] == [local.id]


def test_keep_order_decides_whose_id_stays(tmp_path, config):
    content = load_content(tree(tmp_path, [rec(config, "toy"), rec(config, "lahella", title="Uimahalli Tikkurila")]), config)
    assert [r.id for r in content.records] == [KEYS["lahella"]]     # lahella is first in keep_order


@pytest.mark.parametrize("where", ["local", "ptv"])
def test_not_duplicate_of_keeps_a_confident_pair_apart_from_either_side(tmp_path, config, where):
    records = [rec(config, "ptv"), rec(config, "local")]
    other = KEYS["ptv" if where == "local" else "local"]
    content = load_content(tree(tmp_path, records, {KEYS[where]: f"not_duplicate_of: [{other}]\n"}), config)
    assert content.errors == [] and content.merged == {}
    assert sorted(r.id for r in content.records) == sorted(KEYS[s] for s in ("ptv", "local"))
    assert possible_duplicates(content, config) == {}


@pytest.mark.parametrize("a, b", PAIRS)
def test_duplicate_of_merges_any_pair_the_matcher_would_not(tmp_path, config, a, b):
    first = rec(config, a, title="Kriisipuhelin", org="MIELI ry", phone="+358 9 2525 0111")
    second = rec(config, b, title="Keskusteluapua kriisissä", org="Toinen yhdistys", phone=None, street="Muu katu 2")
    plain = load_content(tree(tmp_path / "plain", [first, second]), config)
    assert plain.merged == {} and len(plain.records) == 2
    content = load_content(tree(tmp_path / "decided", [first, second], {second.id: f"duplicate_of: {first.id}\n"}), config)
    assert content.errors == []
    assert len(content.records) == 1 and set(content.merged.items()) <= {(first.id, second.id), (second.id, first.id)}
    assert set(content.decided_by.values()) == {"editor: duplicate_of"}


def test_possible_pairs_are_listed_for_both_records_until_an_editor_decides(tmp_path, config):
    mine = rec(config, "local", title="Nollalinja – auttava puhelin", org="Ensi- ja turvakotien liitto")
    theirs = rec(config, "ptv", title="Nollalinja – auttava puhelin", org="Nollalinja")
    content = load_content(tree(tmp_path / "a", [mine, theirs]), config)
    listed = possible_duplicates(content, config)
    assert sorted(listed) == [mine.id, theirs.id]
    assert listed[mine.id][0][0] == theirs.id and "duplicate_of" in listed[mine.id][0][1]
    decided = load_content(tree(tmp_path / "b", [mine, theirs], {mine.id: f"not_duplicate_of: {theirs.id}\n"}), config)
    assert possible_duplicates(decided, config) == {} and len(decided.records) == 2


def _errors(tmp_path, config, overrides, records=None):
    records = records or [rec(config, "ptv", title="Kriisipuhelin", phone=None, street="A 1"),
                          rec(config, "local", title="Uimala", phone=None, street="B 2"),
                          rec(config, "lahella", title="Kuoro", phone=None, street="C 3")]
    content = load_content(tree(tmp_path, records, overrides), config)
    return [str(e) for e in content.errors], content


def test_an_unknown_id_is_an_error_naming_file_and_field(tmp_path, config):
    errors, content = _errors(tmp_path, config, {KEYS["local"]: "duplicate_of: ptv-00000000-0000-0000-0000-000000000000\n"
                                                               "not_duplicate_of: [lahella-1234]\n"})
    assert errors == [
        f"content/overrides/{KEYS['local']}.yml: duplicate_of: no record with id 'ptv-00000000-0000-0000-0000-000000000000'",
        f"content/overrides/{KEYS['local']}.yml: not_duplicate_of[0]: no record with id 'lahella-1234'",
    ]
    assert content.merged == {}


def test_an_id_pointing_to_itself_is_an_error(tmp_path, config):
    errors, _ = _errors(tmp_path, config, {KEYS["local"]: f"duplicate_of: {KEYS['local']}\n"})
    assert errors == [f"content/overrides/{KEYS['local']}.yml: duplicate_of: '{KEYS['local']}' is this record itself; "
                      "name the other copy"]


def test_contradictory_decisions_are_an_error(tmp_path, config):
    errors, content = _errors(tmp_path, config, {KEYS["local"]: f"duplicate_of: {KEYS['ptv']}\n",
                                                 KEYS["ptv"]: f"not_duplicate_of: [{KEYS['local']}]\n"})
    assert errors == [f"content/overrides/{KEYS['local']}.yml: duplicate_of: contradicts not_duplicate_of: "
                      f"'{KEYS['ptv']}' is declared both the same service and not; keep one of the two"]
    assert content.merged == {}


def test_chains_and_cycles_are_errors(tmp_path, config):
    errors, _ = _errors(tmp_path / "chain", config, {KEYS["local"]: f"duplicate_of: {KEYS['lahella']}\n",
                                                     KEYS["lahella"]: f"duplicate_of: {KEYS['ptv']}\n"})
    assert errors == [f"content/overrides/{KEYS['local']}.yml: duplicate_of: a chain: '{KEYS['lahella']}' is itself "
                      f"duplicate_of '{KEYS['ptv']}'; write duplicate_of: {KEYS['ptv']} here"]
    errors, content = _errors(tmp_path / "cycle", config, {KEYS["local"]: f"duplicate_of: {KEYS['ptv']}\n",
                                                           KEYS["ptv"]: f"duplicate_of: {KEYS['local']}\n"})
    assert sorted(errors) == sorted(
        f"content/overrides/{a}.yml: duplicate_of: a cycle: '{b}' names this record in its own duplicate_of; "
        "write duplicate_of in one of the two files only"
        for a, b in ((KEYS["local"], KEYS["ptv"]), (KEYS["ptv"], KEYS["local"])))
    assert content.merged == {}


def test_provenance_cannot_be_written_in_a_file(tmp_path, config):
    root = tree(tmp_path, [rec(config, "local")])
    path = root / "records" / "local" / f"{KEYS['local']}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nprovenance: {title: [ptv]}\n", 1),
                    encoding="utf-8")
    errors = [str(e) for e in load_content(root, config).errors]
    assert errors == [f"content/records/local/{KEYS['local']}.md: provenance: is set by the build when it merges "
                      "duplicates; remove it from the file"]


# --- the built site: one page, the provenance on it, in three languages -------------------------------

def test_the_built_site_shows_a_merged_service_once_with_where_its_fields_come_from(tmp_path):
    import shutil

    from tests.site_support import FIXTURE_CONTENT, TEST_CONFIG, build_site, read

    site_config = load_config(TEST_CONFIG)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    imported = rec(site_config, "ptv", title="Tikkurilan uimahalli", summary={"fi": "PTV:n kuvaus."},
                   source_url="https://www.suomi.fi/palvelut/x", modified="2026-09-15T10:20:30Z",
                   imported_at="2026-11-20T13:03:58Z")
    local = rec(site_config, "local", title="Uimahalli Tikkurila", summary={"fi": "Toimittajan kuvaus."})
    for record in (imported, local):
        (content / "records" / record.source / f"{record.id}.md").write_text(dump_record(record), encoding="utf-8")
    out = tmp_path / "out"
    result = build_site(content, out)
    assert result.returncode == 0, result.stderr
    assert not (out / "palvelu" / local.id).exists()
    page = read(out, f"palvelu/{imported.id}")
    assert "Uimahalli Tikkurila" in page and "Toimittajan kuvaus." in page
    details = page[page.index('<details class="record-provenance">'):page.index("</details>")]
    assert "Mistä tiedot ovat peräisin" in details
    assert "<dt>Nimi</dt><dd>tarjottimen toimittajat</dd>" in details.replace("\n", "").replace("  ", "")
    sv = read(out, f"sv/tjanst/{imported.id}")
    assert "Varifrån uppgifterna kommer" in sv and "brickans redaktörer" in sv
    en = read(out, f"en/service/{imported.id}")
    assert "Where this information comes from" in en and "<dt>Last updated</dt>" in en
    assert "Suomi.fi Service Catalogue (PTV)" in en[en.index('<details class="record-provenance">'):]
