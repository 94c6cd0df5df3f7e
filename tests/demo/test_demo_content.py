"""The bundled demo content is valid and covers what the demo must show (issue: foundation §8)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from tarjotin.config import UI_LANGUAGES
from tarjotin.content import load_content
from tests.site_support import ROOT, TODAY


@pytest.fixture(scope="module")
def demo(demo_config):
    return load_content(ROOT / "content", demo_config)


def test_demo_content_is_valid(demo):
    assert [str(e) for e in demo.errors] == []


def test_demo_covers_every_theme_kind_and_age_group(demo, demo_config):
    config = demo_config
    records = demo.records
    assert len(records) >= 60
    assert {t for r in records for t in r.themes} == set(config.theme_slugs)
    assert {r.kind for r in records} == {"service", "activity", "event", "volunteering"}
    assert {a for r in records for a in r.age_groups} == set(config.age_group_slugs)
    assert {r.source for r in records} == {"ptv", "lahella", "local"}
    assert {m for r in records for m in r.area_municipalities()} >= {"092", "245"}


def test_demo_has_many_service_languages_and_missing_translations(demo):
    languages = {code for r in demo.records for code in r.service_languages}
    assert {"fi", "sv", "en"} <= languages and len(languages - {"fi", "sv", "en"}) >= 3
    partial = [r for r in demo.records if set(r.title.languages()) != set(UI_LANGUAGES)]
    assert len(partial) >= 5
    assert any("fi" not in r.title.languages() for r in demo.records)


def test_demo_has_past_and_upcoming_events(demo):
    today = date.fromisoformat(TODAY)
    tz = ZoneInfo("Europe/Helsinki")
    ends = [(r.event.end or r.event.start).astimezone(tz).date() for r in demo.records if r.event]
    assert sum(d < today for d in ends) >= 2 and sum(d >= today for d in ends) >= 3


def test_every_theme_has_a_finnish_text_with_links(demo, demo_config):
    config = demo_config
    for slug in config.theme_slugs:
        text = demo.themes.get(slug, {}).get("fi", "")
        assert len(text.split()) >= 100, f"content/themes/{slug}.md: Finnish text too short"
        assert "](https://" in text, f"content/themes/{slug}.md: no links to advice programmes"
