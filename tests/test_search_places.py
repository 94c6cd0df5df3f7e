"""The map's and "near me"'s build-time data (plugins/search_index/places.py), the `[map]`
settings and the pages' Content-Security-Policy with a map: on small fixtures."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from plugins.search_index.places import normalize, places_file, points_file, street_name
from tarjotin.config import MapConfig, load_config
from tarjotin.csp import content_security_policy
from tests.search_support import record
from tests.site_support import TEST_CONFIG

CONFIG = load_config(TEST_CONFIG)


def _at(lat, lon, **fields):
    return {"latitude": lat, "longitude": lon, **fields}


RECORDS = [
    record("local-a", title="Uimahalli", locations=[
        _at(60.29, 25.04, street_address={"fi": "Tikkurilantie 3", "sv": "Dickursvägen 3"}, postal_code="01300",
            post_office={"fi": "VANTAA", "sv": "VANDA"}, municipality_code="092"),
        _at(60.29, 25.04, name={"fi": "Sama paikka"})]),         # the same point twice: kept once
    record("local-b", title="Kirjasto", locations=[
        _at(60.31, 25.06, street_address={"fi": "Tikkurilantie 40 B 5"}, postal_code="01300"),
        _at(60.40, 25.10, street_address={"fi": "Keskikatu 1"}, postal_code="04200", municipality_code="245")]),
    record("local-c", title="Kriisipuhelin", nationwide=True),  # no place at all
    record("local-d", title="Osoite ilman pistettä", locations=[{"street_address": {"fi": "Tyhjätie 9"},
                                                                 "postal_code": "01999"}]),
]


def _places():
    return {entry[0]: entry for entry in places_file(RECORDS, CONFIG)["places"]}


def test_postal_codes_resolve_to_the_middle_of_their_records_points():
    places = _places()
    key, lat, lon, shown, kind = places["01300"]
    # two locations carry 01300 (the second place of local-a has no address)
    assert (kind, shown) == ("postal", "01300")
    assert (lat, lon) == (60.3, 25.05)
    assert places["04200"][1:3] == [60.4, 25.1]


def test_streets_lose_their_house_numbers_and_keep_each_language():
    places = _places()
    assert places["tikkurilantie"][4] == "street"
    assert places["tikkurilantie"][1:3] == [60.3, 25.05]
    assert places["dickursvägen"][3] == "Dickursvägen"
    assert "tikkurilantie 3" not in places and "keskikatu" in places


def test_districts_are_post_offices_and_municipality_names_in_every_language():
    places = _places()
    assert places["vantaa"][3:] == ["Vantaa", "district"]         # VANTAA written in capitals: shown as a name
    assert places["vanda"][4] == "district"
    kerava = places["kerava"]                                     # from the configuration's municipality 245
    assert kerava[1:3] == [60.4, 25.1] and places["kervo"][1:3] == [60.4, 25.1]


def test_places_without_coordinates_are_not_guessed():
    places = _places()
    assert "01999" not in places and "tyhjätie" not in places


def test_one_entry_per_key_a_postal_code_before_a_street_and_sorted():
    keys = [entry[0] for entry in places_file(RECORDS, CONFIG)["places"]]
    assert keys == sorted(keys) and len(keys) == len(set(keys))


def test_points_follow_the_languages_document_order():
    ids = ["local-d", "local-b", "local-c", "local-a"]
    data = points_file(ids, RECORDS)
    assert data["pts"] == [[], [60.31, 25.06, 60.4, 25.1], [], [60.29, 25.04]]
    assert data["center"] == [pytest.approx((60.31 + 60.4 + 60.29) / 3, abs=1e-5),
                              pytest.approx((25.06 + 25.1 + 25.04) / 3, abs=1e-5)]
    assert points_file(ids, RECORDS, (61.0, 24.0))["center"] == [61.0, 24.0]
    assert points_file(["local-c"], RECORDS)["center"] is None


def test_normalize_and_street_name():
    assert normalize("  Tikkurilan\u0301   TIE ") == normalize("tikkurilań tie")
    assert street_name("Myyrmäenraitti 2 A 5") == "Myyrmäenraitti"
    assert street_name("Tie 12-14 b") == "Tie"


def test_map_settings_are_checked_with_a_clear_reason():
    with pytest.raises(ValidationError, match="lacks {y}"):
        MapConfig(tile_url="https://tiles.example.fi/{z}/{x}.png", attribution="©")
    with pytest.raises(ValidationError, match="attribution: required"):
        MapConfig(tile_url="https://tiles.example.fi/{z}/{x}/{y}.png")
    with pytest.raises(ValidationError, match="http"):
        MapConfig(tile_url="javascript:alert(1)//{z}/{x}/{y}", attribution="©")
    with pytest.raises(ValidationError, match="semicolons"):
        MapConfig(tile_url="https://tiles.example.fi/{z}/{x}/{y}.png; script-src *", attribution="©")
    assert not MapConfig().enabled


def test_the_policy_is_widened_for_the_tile_host_only():
    plain = content_security_policy()
    assert plain == CONFIG.content_security_policy
    on = CONFIG.model_copy(update={"map": MapConfig(tile_url="https://{s}.tiles.example.fi/{z}/{x}/{y}.png",
                                                    attribution="© tiles")})
    widened = on.content_security_policy
    assert widened == plain.replace("img-src 'self' data:", "img-src 'self' data: https://*.tiles.example.fi")
    # nothing else changes: scripts, styles and connections stay the site's own
    assert [d for d in widened.split("; ") if "tiles" in d] == ["img-src 'self' data: https://*.tiles.example.fi"]


def _search_files(records, config):
    from datetime import date

    from plugins.search_index.search_index import build_search_files
    from plugins.tray.generator import TraySite
    from tarjotin.content import Content
    from tarjotin.urls import UrlScheme
    from tarjotin.views import Clock
    from tests.site_support import ROOT

    tray = TraySite(config, Content(), UrlScheme(config.default_lang), Clock(date(2026, 11, 23)),
                    translations_dir=ROOT / "theme" / "translations", records=records)
    return build_search_files(tray, ROOT / "theme", ROOT / "node_modules")


def test_the_search_files_carry_points_in_each_languages_order_and_leaflet_only_with_a_map():
    import json

    files = _search_files(RECORDS, CONFIG)
    assets = files.assets["sv"]
    assert assets["hasPoints"] and assets["map"] is None
    assert not [name for name in files.files if "leaflet" in name.lower() or "markercluster" in name.lower()]
    points = json.loads(files.files[assets["points"]])
    rows = [row for name in sorted(files.files) if name.startswith("search/sv/text-")
            for row in json.loads(files.files[name])]
    assert [points["ids"][i] or rows[i]["id"] for i in range(len(rows))] == [row["id"] for row in rows]
    assert points["titles"][[r["id"] for r in rows].index("local-b")] == "Kirjasto"
    with_map = CONFIG.model_copy(update={"map": MapConfig(tile_url="https://tiles.example.fi/{z}/{x}/{y}.png",
                                                          attribution="© tiles")})
    mapped = _search_files(RECORDS, with_map).assets["fi"]["map"]
    assert [p.split("/")[-1].split(".")[0] for p in mapped["scripts"]] == ["leaflet", "leaflet"]
    assert len(mapped["styles"]) == 2


def test_no_coordinates_anywhere_no_near_me():
    files = _search_files([RECORDS[2], RECORDS[3]], CONFIG)
    assert files.assets["fi"]["hasPoints"] is False


def test_the_files_of_chosen_languages_only_and_other_ui_languages_stay_out_of_other():
    # bench/search.py builds the Finnish files of 50,000 records only; a Swedish title is still
    # Swedish (the sv index's), not an "other" content language of the Finnish index
    import json
    from datetime import date

    from plugins.search_index.search_index import build_search_files
    from plugins.tray.generator import TraySite
    from tarjotin.content import Content
    from tarjotin.urls import UrlScheme
    from tarjotin.views import Clock
    from tests.site_support import ROOT

    records = RECORDS + [record("local-sv", title={"fi": "Uimahalli", "sv": "Simhall"})]
    tray = TraySite(CONFIG, Content(), UrlScheme(CONFIG.default_lang), Clock(date(2026, 11, 23)),
                    translations_dir=ROOT / "theme" / "translations", records=records)
    every = build_search_files(tray, ROOT / "theme", ROOT / "node_modules")
    finnish = build_search_files(tray, ROOT / "theme", ROOT / "node_modules", languages=["fi"])
    assert sorted(every.assets) == sorted(CONFIG.languages.ui) and list(finnish.assets) == ["fi"]
    assert not [name for name in finnish.files if name.startswith(("search/sv/", "search/en/"))]
    fi_index = {name: data for name, data in finnish.files.items() if name.startswith("search/fi/")}
    assert fi_index == {name: data for name, data in every.files.items() if name.startswith("search/fi/")}
    assert "other" not in json.loads(finnish.files[finnish.assets["fi"]["index"]])
