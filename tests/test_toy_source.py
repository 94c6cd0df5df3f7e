"""A third source added as docs/importers.md "Adding a source" says: a toy JSON-over-HTTP API.

The toy importer (tests/toy_source/) runs on the shared pipeline through the shared command line
against a real local server; its records then show on every page type of a real Pelican build:
the record page (source line and link back), a theme page, A–Z, the search index and the
favourites data. Outside its own package it needs exactly one thing, the registry entry: the
`[sources.toy]` table of this test's tray.toml (no engine file is changed for it).
"""

from __future__ import annotations

import json
import re
import shutil
from http.server import BaseHTTPRequestHandler

import pytest

from importers.common.replay import start_local_server
from tarjotin.config import load_config
from tarjotin.content import load_content
from tarjotin.model import validate_record
from tarjotin.nightly.sources import nightly_source
from tarjotin.urls import UrlScheme
from tests.site_support import FIXTURE_CONTENT, TEST_CONFIG, TODAY, build_site, read, relocated_config_text

#: The registry entry: all a new source needs outside its package.
REGISTRY_ENTRY = """
[sources.toy]
name = { fi = "Lelulähde", sv = "Leksakskällan", en = "Toy source" }
importer = "tests.toy_source"
link = "https://toy.example/items/{key}"

[sources.toy.settings]
base_url = "%s"
"""

ITEMS = {"items": [
    {"key": "vesijumppa", "name": {"fi": "Lelulähteen vesijumppa", "sv": "Leksakskällans vattengympa",
                                   "en": "Toy aqua aerobics"},
     "summary": {"fi": "Vesijumppaa lelulähteestä.", "sv": "Vattengympa.", "en": "Aqua aerobics."},
     "theme": "liikunta", "municipality": "092", "url": "https://toy.example/page/vesijumppa"},
    {"key": "lukupiiri", "name": {"fi": "Lelulähteen lukupiiri", "sv": "Leksakskällans läsecirkel",
                                  "en": "Toy reading circle"},
     "theme": "kulttuuri", "municipality": "245"},
    {"key": "kaukana", "name": {"fi": "Kaukainen kerho"}, "municipality": "091"},
]}
SWIM, CIRCLE = "toy-vesijumppa", "toy-lukupiiri"


class ToyApi(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        body = json.dumps(ITEMS).encode() if self.path == "/api/items.json" else b"{}"
        self.send_response(200 if self.path == "/api/items.json" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    """A copy of the fixture site with the toy source registered and imported, built with Pelican."""
    from tests.toy_source.cli import main

    root = tmp_path_factory.mktemp("toy")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    server = start_local_server(ToyApi)
    try:
        config_path = root / "tray.toml"
        config_path.write_text(relocated_config_text(TEST_CONFIG)
                               + REGISTRY_ENTRY % f"http://127.0.0.1:{server.server_address[1]}/api/",
                               encoding="utf-8")
        status = main(["--config", str(config_path), "--root", str(root), "--today", TODAY, "--quiet"])
    finally:
        server.shutdown()
        server.server_close()
    assert status == 0
    result = build_site(root / "content", root / "output", config=config_path)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return root, config_path


def test_the_import_ran_on_the_shared_pipeline(toy):
    root, _ = toy
    report = json.loads((root / "reports" / "import-toy.json").read_text(encoding="utf-8"))
    assert report["source"] == "toy" and report["status"] == "ok"
    assert report["added"] == [CIRCLE, SWIM]
    assert report["skipped"] == [{"id": "toy-kaukana", "reason": "outside_area", "title": "Kaukainen kerho"}]
    assert report["http"]["requests"] == 1
    assert sorted(p.name for p in (root / "content" / "records" / "toy").iterdir()) == [f"{CIRCLE}.md", f"{SWIM}.md"]


def test_record_page_names_the_source_and_links_back(toy):
    root, _ = toy
    output = root / "output"
    swim = read(output, f"palvelu/{SWIM}/")
    assert "Lähde: Lelulähde." in swim and "Lelulähteen vesijumppa" in swim
    assert '<a href="https://toy.example/page/vesijumppa">Katso tai korjaa tiedot lähteessä</a>' in swim
    # Without a source_url of its own the registry's link template gives the way back.
    circle = read(output, f"sv/tjanst/{CIRCLE}/")
    assert "Källa: Leksakskällan." in circle
    assert 'href="https://toy.example/items/lukupiiri"' in circle
    assert "Source: Toy source." in read(output, f"en/service/{CIRCLE}/")


def test_records_show_on_theme_page_az_search_and_favourites(toy):
    root, _ = toy
    output = root / "output"
    assert f"palvelu/{SWIM}/" in read(output, "teema/liikunta/")
    assert f"palvelu/{CIRCLE}/" in read(output, "teema/kulttuuri/")
    az = read(output, UrlScheme("fi").az("fi"))
    assert f"palvelu/{SWIM}/" in az and f"palvelu/{CIRCLE}/" in az
    search = "".join(p.read_text(encoding="utf-8") for p in (output / "search" / "fi").glob("*.json"))
    assert SWIM in search and "vesijumppa" in search
    favourites = "".join(p.read_text(encoding="utf-8") for p in (output / "favourites-files" / "fi").glob("records-*.json"))
    assert SWIM in favourites and "Lelulähteen vesijumppa" in favourites
    # favourites.js accepts the ids of every registered source, from the pattern the build passes it
    config = json.loads(re.search(r'<script type="application/json" id="favourites-config">(.*?)</script>',
                                  read(output, "haku/"), re.S).group(1))
    assert all(re.fullmatch(config["idPattern"], i) for i in (SWIM, "ptv-abc", "lahella-1", "local-x"))
    assert not re.fullmatch(config["idPattern"], "other-1")


def test_without_the_registry_entry_the_records_are_refused(toy, config):
    root, toy_config_path = toy
    record = {"id": SWIM, "source": "toy", "kind": "activity", "title": {"fi": "x"}}
    with pytest.raises(ValueError) as caught:
        validate_record(record, config)
    assert "unknown source 'toy'; registered sources: ptv, lahella, local" in str(caught.value)
    assert "write ptv-, lahella- or local- followed by" in str(caught.value)
    assert validate_record(record, load_config(toy_config_path)).source == "toy"
    errors = [f"{e.path}: {e.message}" for e in load_content(root / "content", config).errors]
    assert any("records/toy/" in e and "not records/toy/" in e for e in errors), errors
    assert not [e for e in load_content(root / "content", load_config(toy_config_path)).errors if "toy" in e.path]


def test_the_nightly_run_finds_the_importer_through_the_registry(toy):
    _, config_path = toy
    config = load_config(config_path)
    source = nightly_source(config, "toy")
    assert source.module == "tests.toy_source"
    assert source.paths(config) == ("content/records/toy", "reports/import-toy.json")


def test_a_source_declaration_is_checked(tmp_path):
    from tarjotin.config import ConfigError

    def problems(table: str) -> str:
        path = tmp_path / "tray.toml"
        path.write_text(relocated_config_text(TEST_CONFIG) + table, encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            load_config(path)
        return str(caught.value)

    assert "sources.ptv: id 'ptv' is already a source's" in problems(
        '[sources.ptv]\nname = { fi = "a", sv = "a", en = "a" }\n')
    assert "prefix 'lahella' is already a source's" in problems(
        '[sources.uusi]\nprefix = "lahella"\nname = { fi = "a", sv = "a", en = "a" }\n')
    assert "sources.uusi.link: must start with https:// and contain {key}" in problems(
        '[sources.uusi]\nlink = "https://x.example/"\nname = { fi = "a", sv = "a", en = "a" }\n')


@pytest.mark.browser
def test_a_toy_record_is_saved_as_a_favourite_and_listed(toy, page):
    from tests.browser_support import serve

    root, _ = toy
    with serve(root / "output") as url:
        page.clock.set_fixed_time("2026-11-23T12:00:00")
        page.goto(f"{url}/palvelu/{SWIM}/")
        page.locator("button.favourite-toggle").click()
        assert page.locator("button.favourite-toggle").get_attribute("aria-pressed") == "true"
        stored = page.evaluate("JSON.parse(localStorage.getItem('tarjotin.favourites'))")
        assert [item["id"] for item in stored["items"]] == [SWIM]
        page.goto(f"{url}/suosikit/")
        page.wait_for_selector("#favourites-page[data-state=ready]")
        assert [t.strip() for t in page.locator("#fav-list .fav-title").all_inner_texts()] == ["Lelulähteen vesijumppa"]


def test_duplicate_matching_may_compare_with_any_registered_source(toy, tmp_path):
    from importers.lahella.settings import load_settings
    from tarjotin.config import ConfigError

    _, config_path = toy
    text = config_path.read_text(encoding="utf-8")
    assert text.count('\nagainst = ["ptv"]\n') == 1

    def settings(against: str):
        path = tmp_path / "tray.toml"
        path.write_text(text.replace('\nagainst = ["ptv"]\n', f"\nagainst = {against}\n"), encoding="utf-8")
        return load_settings(load_config(path))

    assert settings('["ptv", "toy"]').duplicates.against == ["ptv", "toy"]
    with pytest.raises(ConfigError) as caught:
        settings('["ptv", "nosuch"]')
    assert "lahella.duplicates.against: ['nosuch'] not a registered source to compare with; " \
           "choose from ['ptv', 'local', 'toy']" in str(caught.value)


def test_cross_source_duplicates_work_for_any_pair_of_sources(toy):
    from importers.common.duplicates import DuplicateSettings, MergingReport, decisions_header, decisions_text, \
        merge_duplicates

    root, config_path = toy
    config = load_config(config_path)
    twin = validate_record({
        "id": "toy-kuntosali", "source": "toy", "kind": "service",
        "title": {"fi": "Tikkurilan senioreiden kuntosali"},
        "provider": {"name": {"fi": "Vantaan kaupunki, liikuntapalvelut"}}, "municipalities": ["092"]}, config)
    report = MergingReport(source="toy")
    records, decisions = merge_duplicates([twin], lambda record: True, config=config,
                                          settings=DuplicateSettings(against=["local"]),
                                          content_root=root / "content", report=report, source="toy")
    assert [(m.a, m.b) for m in decisions.merges] == [("toy-kuntosali", "local-tikkurila-kuntosali")]   # kept first
    assert report.merges[0]["toy"] == "toy-kuntosali" and report.to_json()["counts"]["merged"] == 1
    merged = records[0]
    assert [(ref.source, ref.id) for ref in merged.other_sources] == [("local", "local-tikkurila-kuntosali")]
    assert merged.title.sv == "Dickursby gym för seniorer"     # the twin's translation filled in
    text = decisions_text(decisions.merges, decisions_header("toy importer", "import-toy"))
    assert "keep: toy-kuntosali\n  hide: local-tikkurila-kuntosali\n" in text
