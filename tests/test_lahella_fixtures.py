"""Golden files: tests/fixtures/lahella/activities.json → the record files in expected/, byte for byte.

Also runs the mapper on the upstream author's synthetic example activity from the shared research
folder when it is there (read in place, never copied into the repository)."""

from __future__ import annotations

import json
import sys
import tomllib
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

if __name__ == "__main__":  # `python tests/test_lahella_fixtures.py` rewrites expected/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from importers.lahella.normalize import Context, normalise_activity
from importers.lahella.settings import load_settings
from importers.lahella.source import ExportFileSource
from tarjotin.config import ROOT, TrayConfig, load_config
from tests.site_support import TEST_CONFIG
from tarjotin.model import validate_record
from tarjotin.recordfile import dump_record

FIXTURES = ROOT / "tests" / "fixtures" / "lahella"
UPSTREAM = ROOT.parent / "shared" / "fixtures" / "lahella" / "activity.synthetic-upstream-test.json"
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 3, tzinfo=timezone.utc)


def produce(config: TrayConfig | None = None, path: Path = FIXTURES / "activities.json"):
    config = config or load_config(TEST_CONFIG)
    settings = load_settings(config)
    fetched = ExportFileSource(path).fetch()
    ctx = Context(config=config, settings=settings, groups=fetched.groups, today=TODAY, now=NOW)
    results = {}
    for activity in fetched.activities:
        outcome = normalise_activity(activity, ctx)
        record = validate_record(outcome.record, config) if outcome.record else None
        results[outcome.record_id] = (outcome, record)
    return results


def test_the_fixture_answer_gives_the_expected_files():
    produced = {rid: dump_record(record) for rid, (_, record) in produce().items()}
    expected = {p.stem: p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "expected").glob("*.md"))}
    assert sorted(produced) == sorted(expected)
    for record_id, text in produced.items():
        assert text == expected[record_id], f"{record_id} differs; rewrite with python tests/test_lahella_fixtures.py"


def test_the_fixture_warnings():
    results = produce()
    kinds = {rid: sorted({w[0] for w in outcome.warnings}) for rid, (outcome, _) in results.items()}
    assert kinds == {"lahella-900101": [], "lahella-900102": ["no_theme"],
                     "lahella-900103": ["invalid_postal_code", "unknown_code"]}
    odd = results["lahella-900103"][1]
    assert odd.source_codes == ["ageGroup/range:16-35", "contact:telegram", "ht_tuntematon", "kunta/Vantaa", "xx-YY"]
    assert odd.service_languages == ["fse", "fi", "xx"] and odd.age_groups == ["nuoret", "aikuiset"]
    assert [(r.days, r.opens, r.closes) for r in odd.locations[0].opening_hours.weekly] == [
        (["mon"], "09:30", "11:00"), (["thu"], "18:00", "20:30")]


@pytest.mark.skipif(not UPSTREAM.is_file(), reason="the shared research folder is not present")
def test_the_upstream_synthetic_example_maps():
    # The example is a Helsinki activity: map Helsinki into the area for this test.
    data = tomllib.loads(TEST_CONFIG.read_text(encoding="utf-8"))
    data["area"]["municipalities"].append({"code": "091", "name": {"fi": "Helsinki", "sv": "Helsingfors", "en": "Helsinki"}})
    data["lahella"]["regions"]["city/FI/Helsinki"] = ["091"]
    config = TrayConfig.model_validate(data)
    # Its weekly Tuesday class ran 15.1.–15.5.2025: over by 2026-11-23 …
    outcome, record = produce(config, UPSTREAM)["lahella-12345"]
    assert outcome.skip_reason == "ended" and record is None
    # … but in force in spring 2025.
    fetched = ExportFileSource(UPSTREAM).fetch()
    ctx = Context(config=config, settings=load_settings(config), groups={}, today=date(2025, 3, 1), now=NOW)
    spring = normalise_activity(fetched.activities[0], ctx)
    record = validate_record(spring.record, config)
    assert record.kind == "activity" and record.title.en == "Tai chi course" and record.municipalities == ["091"]
    assert record.themes == ["liikunta", "mielen-hyvinvointi", "mielekas-arki"]
    assert record.age_groups == ["nuoret", "aikuiset"] and record.service_languages == ["fi"]
    location = record.locations[0]
    assert (location.latitude, location.longitude) == (60.2, 24.9) and location.municipality_code == "091"
    assert [(r.days, r.opens, r.closes) for r in location.opening_hours.weekly] == [(["tue"], "18:00", "19:30")]
    assert record.registration.required and record.registration.url == "https://example.com/register"
    assert record.price.free is False and record.price.note.fi == "100 euroa"
    assert record.contacts.emails == ["test@example.com"] and record.contacts.websites[0].label.en == "More info"
    assert [w[0] for w in spring.warnings] == ["organisation_unknown"]  # it names no group


if __name__ == "__main__":
    out = FIXTURES / "expected"
    for old in out.glob("*.md"):
        old.unlink()
    for record_id, (_, record) in produce().items():
        (out / f"{record_id}.md").write_text(dump_record(record), encoding="utf-8")
        print("wrote", record_id)
    print(json.dumps({rid: o.warnings for rid, (o, _) in produce().items()}, ensure_ascii=False, indent=1))
