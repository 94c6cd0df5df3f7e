"""The demo's recorded PTV answers replay, through the real importer, into the committed records."""

from __future__ import annotations

import pytest

from importers.ptv.cli import main
from tarjotin.config import ROOT
from tarjotin.content import load_content
from tests.importer_support import generator_differences, texts_without_import_time
from tests.site_support import site_config_path

RECORDINGS = ROOT / "demo" / "recordings" / "ptv"
COMMITTED = ROOT / "content" / "records" / "ptv"


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo-import")
    assert main(["--offline", str(RECORDINGS), "--root", str(root), "--config", str(site_config_path()), "--quiet"]) == 0
    return root


def test_recordings_are_what_the_generator_writes(tmp_path):
    assert generator_differences(RECORDINGS, tmp_path) == [], "run demo/recordings/ptv/generate.py and commit the result"


def test_replay_gives_the_committed_records(replayed):
    produced = texts_without_import_time(replayed / "content/records/ptv", "*.md")
    assert produced == texts_without_import_time(COMMITTED, "*.md"), \
        "run `invoke import-ptv --offline` and commit content/records/ptv/"


def test_demo_covers_the_brief(replayed, demo_config):
    import json

    report = json.loads((replayed / "reports/import-ptv.json").read_text(encoding="utf-8"))
    assert report["counts"]["added"] == 29 and report["counts"]["invalid"] == 0
    assert report["skipped_by_reason"] == {"businesses_only": 1, "no_matching_rule": 3, "not_a_service": 1}
    pages = sorted(RECORDINGS.glob("Service/list/area/Municipality/code/092@includeWholeCountry=true*.json"))
    assert len(pages) >= 3
    content = load_content(replayed / "content", demo_config)
    assert content.errors == []
    records = content.records
    config = demo_config
    assert {t for r in records for t in r.themes} == set(config.theme_slugs)
    assert any(len(r.locations) >= 3 for r in records)
    assert any(r.nationwide for r in records)
    assert any(loc.latitude is None for r in records for loc in r.locations)  # "0" coordinates
    assert any(r.title.sv is None for r in records) and any(r.title.en is None for r in records)
    assert any("\\<" in (r.description.fi or "") or "<" in (r.description.fi or "") for r in records)
    assert any(e.days for r in records for loc in r.locations if loc.opening_hours for e in loc.opening_hours.exceptions)
    assert all(r.source_url.startswith("https://www.suomi.fi/palvelut/") for r in records)
