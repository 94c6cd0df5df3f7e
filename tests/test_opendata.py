"""Open data (plugins/opendata): HSDS 3.0 tables valid against the specification's own schemas,
the CSV, the iCalendar feed across the daylight-saving change, and the page that lists them."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarjotin.selfcheck import check_output
from tests.site_support import ROOT, build_site, read

HSDS_SCHEMAS = ROOT.parent / "shared" / "reference" / "hsds-3.0"
TABLE_SCHEMAS = {"organizations": "organization.json", "services": "service.json", "locations": "location.json",
                 "service_at_locations": "service_at_location.json", "taxonomies": "taxonomy.json",
                 "taxonomy_terms": "taxonomy_term.json"}
# The fixture's current records from sources whose licence allows republishing (PTV, local);
# the two Lähellä.fi records and the record hidden by an override are left out.
PUBLISHED = ["local-ruokailu", "local-tikkurila-kuntosali", "local-vaarallinen-nimi",
             "ptv-0b7e5d11-8c2a-4f6e-a1d3-7e9c2b5a4f10", "ptv-6a1f0c2e-3b7d-4c1a-9e55-0d2b8f41a7c3"]


def _table(site: Path, name: str) -> list[dict]:
    return json.loads((site / "avoin-data" / "hsds" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validators():
    if not HSDS_SCHEMAS.is_dir():
        pytest.skip(f"the HSDS 3.0 schemas are not present ({HSDS_SCHEMAS}: the shared reference folder)")
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in HSDS_SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012)) for name, schema in schemas.items())
    return {table: Draft202012Validator(schemas[file], registry=registry,
                                        format_checker=Draft202012Validator.FORMAT_CHECKER)
            for table, file in TABLE_SCHEMAS.items()}


def test_hsds_tables_are_valid_against_the_hsds_schemas(fixture_site, validators):
    for table, validator in validators.items():
        rows = _table(fixture_site, table)
        assert rows, f"{table} is empty"
        errors = [f"{table}[{i}] {'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for i, row in enumerate(rows) for e in validator.iter_errors(row)]
        assert errors == []


def test_the_schema_check_catches_a_broken_table(validators):
    broken = {"id": "not-a-uuid", "name": "x"}  # no status, id not a UUID
    messages = [e.message for e in validators["services"].iter_errors(broken)]
    assert any("status" in m for m in messages) and any("uuid" in m for m in messages)


def test_hsds_counts_and_links_on_the_fixture_site(fixture_site):
    services = _table(fixture_site, "services")
    assert [s["alternate_name"] for s in services] == PUBLISHED
    ids = {s["id"] for s in services}
    assert len(ids) == len(services)
    assert len(_table(fixture_site, "taxonomies")) == 1
    terms = _table(fixture_site, "taxonomy_terms")
    assert [t["code"] for t in terms][:2] == ["liikunta", "kulttuuri"] and len(terms) == 9
    term_ids = {t["id"] for t in terms}
    gym = next(s for s in services if s["alternate_name"] == "local-tikkurila-kuntosali")
    assert {a["taxonomy_term_id"] for a in gym["attributes"]} <= term_ids and gym["attributes"]
    assert gym["phones"][0]["number"] == "+358 9 8392 4400"
    assert {lang["code"] for lang in gym["languages"]} == {"fi", "sv", "fse"}
    organizations = {o["id"] for o in _table(fixture_site, "organizations")}
    assert {s["organization_id"] for s in services if "organization_id" in s} == organizations
    locations = {loc["id"] for loc in _table(fixture_site, "locations")}
    links = _table(fixture_site, "service_at_locations")
    gym_locations = [loc for loc in _table(fixture_site, "locations")
                     if loc["id"] in {sal["location_id"] for sal in links if sal["service_id"] == gym["id"]}]
    schedules = [s for loc in gym_locations for s in loc["schedules"]]
    assert schedules and all(s["freq"] == "WEEKLY" and re.fullmatch(r"(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*",
                                                                     s["byday"]) for s in schedules)
    assert gym_locations[0]["addresses"][0]["postal_code"] == "01300"
    assert {sal["location_id"] for sal in links} == locations and {sal["service_id"] for sal in links} <= ids
    assert not any(s["alternate_name"].startswith("lahella-") for s in services)


def test_each_table_file_has_one_row_per_line(fixture_site):
    """One JSON object per line (docs/opendata.md): a table still diffs and greps row by row."""
    for name in TABLE_SCHEMAS:
        text = (fixture_site / "avoin-data" / "hsds" / f"{name}.json").read_text(encoding="utf-8")
        rows = json.loads(text)
        if not rows:
            assert text == "[]\n"
            continue
        lines = text.split("\n")
        assert lines[0] == "[" and lines[-2:] == ["]", ""]
        assert [json.loads(line.removesuffix(",")) for line in lines[1:-2]] == rows, name


def test_the_ids_are_the_uuid5_of_the_tray_ids():
    from plugins.opendata.hsds import NAMESPACE, uid

    cases = [("service", "local-ruokailu"), ("location", "ptv-6a1f0c2e-3b7d-4c1a-9e55-0d2b8f41a7c3", "0"),
             ("organization", "Ääkkösten yhdistys ry"), ("theme",)] + [("phone", f"x-{n}", str(n)) for n in range(500)]
    for parts in cases:
        assert uid(*parts) == str(uuid.uuid5(NAMESPACE, "/".join(parts))), parts


def _plain_by_the_book(markup: str) -> str:
    """What plain_of_html must give: the simple patterns it replaces."""
    text = re.sub(r"<[^>]+>", " ", markup)
    return re.sub(r"[ \t]+", " ", re.sub(r"\s*\n\s*", "\n", html_lib.unescape(text))).strip()


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\r", "\xa0", "\u2028", "\x0b", "a", "ä", "b c", "<p>",
                                 "</p>", "<br />", "&amp;", "&#10;", "&nbsp;", "&#9;", "<", ">"]), max_size=40))
def test_plain_text_is_what_the_simple_patterns_give(parts):
    from plugins.opendata.hsds import plain_of_html

    markup = "".join(parts)
    assert plain_of_html(markup) == _plain_by_the_book(markup)


def test_the_csv_has_one_readable_row_per_service(fixture_site):
    raw = (fixture_site / "avoin-data" / "services.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["tray_id"] for r in rows] == PUBLISHED
    assert [r["id"] for r in rows] == [s["id"] for s in _table(fixture_site, "services")]
    gym = next(r for r in rows if r["tray_id"] == "local-tikkurila-kuntosali")
    assert gym["description"].startswith("Kuntosalilla harjoitellaan turvallisesti ohjaajan")  # Markdown made plain
    assert gym["postal_code"] == "01300" and gym["licence"] == "CC BY 4.0" and gym["themes"] == "liikunta"
    assert {r["licence"] for r in rows if r["source"] == "ptv"} == {"CC0 1.0"}


EVENT = """---
id: {id}
source: local
kind: event
title:
  fi: {fi}
  sv: {sv}
  en: {en}
themes: [kulttuuri]
event:
  start: {start}
  end: {end}
modified: 2027-01-05T10:00:00+02:00
---

::: fi
Tapahtuma.
"""


# Long texts with iCalendar's special characters and multi-byte ones, to be escaped and folded.
LONG_SUMMARY = ("Laulua, soittoa; ja \\kenoviivoja\\ – äänet ja €-hinnat 🎵 sekä pitkä teksti, joka taittuu "
                "monelle riville: ääkköset, puolipisteet; pilkut, ja vielä 🎻🎻🎻 loppuun asti.")
LONG_EVENT = f"""---
id: local-long
source: local
kind: event
title:
  fi: "Pitkä konsertti, jossa on pilkkuja; puolipisteitä ja ääkkösiä: {'ä' * 40}"
summary:
  fi: "{LONG_SUMMARY.replace(chr(92), chr(92) * 2)}"
themes: [kulttuuri]
locations:
  - name:
      fi: Talo, sali 2; ovi B
    street_address:
      fi: Kuninkaalantie 1
    postal_code: '01300'
event:
  start: 2027-04-10T19:00:00
---
"""


@pytest.fixture(scope="module")
def event_site(tmp_path_factory):
    """Three local events: one past, one the day before and one the day after the change to summer
    time (Sunday 28 March 2027), each at 18:00 local time; and one with long texts (LONG_EVENT)."""
    content = tmp_path_factory.mktemp("events-content")
    folder = content / "records" / "local"
    folder.mkdir(parents=True)
    for rid, start, end in [("local-past", "2027-02-01T18:00:00", "2027-02-01T20:00:00"),
                            ("local-winter", "2027-03-27T18:00:00", "2027-03-27T20:00:00"),
                            ("local-summer", "2027-03-29T18:00:00+03:00", "2027-03-29T20:00:00+03:00")]:
        (folder / f"{rid}.md").write_text(EVENT.format(id=rid, fi=f"Konsertti {rid}", sv=f"Konsert {rid}",
                                                       en=f"Concert {rid}", start=start, end=end), encoding="utf-8")
    (folder / "local-long.md").write_text(LONG_EVENT, encoding="utf-8")
    output = tmp_path_factory.mktemp("events-site")
    result = build_site(content, output, today="2027-03-01")
    assert result.returncode == 0, result.stderr
    return output


def test_the_event_feed_has_local_times_across_the_daylight_saving_change(event_site):
    cal = icalendar.Calendar.from_ical((event_site / "avoin-data" / "events-fi.ics").read_bytes())
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert sorted(events) == ["local-long", "local-summer", "local-winter"]  # the past one is left out
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    winter, summer = events["local-winter"]["dtstart"].dt, events["local-summer"]["dtstart"].dt
    assert (winter.hour, summer.hour) == (18, 18)
    assert winter.utcoffset() == timedelta(hours=2) and summer.utcoffset() == timedelta(hours=3)
    assert events["local-summer"]["dtend"].dt.hour == 20
    assert str(events["local-winter"]["summary"]) == "Konsertti local-winter"
    assert str(events["local-winter"]["url"]).endswith("/palvelu/local-winter/")
    # The raw text names the zone, so a calendar that reads only TZID still gets it right.
    raw = (event_site / "avoin-data" / "events-fi.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Helsinki:20270329T180000" in raw.replace("\r\n", "\n")
    assert datetime.fromisoformat("2027-03-27T16:00:00+00:00") == winter


def test_the_event_feed_is_per_language(event_site):
    cal = icalendar.Calendar.from_ical((event_site / "avoin-data" / "events-sv.ics").read_bytes())
    summaries = {str(e["uid"]).split("@")[0]: str(e["summary"]) for e in cal.walk("VEVENT")}
    assert summaries["local-summer"] == "Konsert local-summer" and summaries["local-winter"] == "Konsert local-winter"
    assert summaries["local-long"].startswith("Pitkä konsertti")  # no Swedish title: the Finnish one
    assert all("/sv/tjanst/" in str(e["url"]) for e in cal.walk("VEVENT"))


def test_the_event_feed_escapes_and_folds_long_texts(event_site):
    raw = (event_site / "avoin-data" / "events-fi.ics").read_bytes()
    (event,) = [e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT") if str(e["uid"]).startswith("local-long@")]
    assert str(event["description"]) == LONG_SUMMARY
    assert str(event["location"]) == "Talo, sali 2; ovi B, Kuninkaalantie 1, 01300"
    assert str(event["summary"]).endswith("ä" * 40)
    lines = raw.split(b"\r\n")
    assert max(map(len, lines)) <= 75 and sum(line.startswith(b" ") for line in lines) > 6


def test_the_event_feeds_are_what_icalendar_itself_writes(event_site, fixture_site):
    """ical.py writes the events' lines itself: read back and written again by icalendar, every feed
    keeps its bytes (property order, escaping, folding, the VTIMEZONE, none without events)."""
    for site, langs in ((event_site, ("fi", "sv", "en")), (fixture_site, ("fi",))):
        for lang in langs:
            raw = (site / "avoin-data" / f"events-{lang}.ics").read_bytes()
            assert icalendar.Calendar.from_ical(raw).to_ical() == raw, (site, lang)
    assert b"BEGIN:VTIMEZONE" not in (fixture_site / "avoin-data" / "events-fi.ics").read_bytes()  # no events


def test_folding_is_icalendars():
    from icalendar.parser import Contentline

    from plugins.opendata.ical import fold

    pieces = ["a", "ä", "€", "🎵", "\\,", "\\;", "\\n", "^", " "]
    for length in range(60, 200, 7):
        for shift in range(len(pieces)):
            text = "".join(pieces[(i * 5 + shift) % len(pieces)] for i in range(length))
            line = f"DESCRIPTION:{text}"
            assert fold(line) == Contentline(line).to_ical().decode() + "\r\n", line


@pytest.mark.parametrize("url,lang", [("avoin-data/", "fi"), ("sv/oppen-data/", "sv"), ("en/open-data/", "en")])
def test_the_open_data_page_lists_every_file_with_its_licence(fixture_site, url, lang):
    html = read(fixture_site, url)
    assert f'<html lang="{lang}">' in html
    published = sorted(str(p.relative_to(fixture_site)) for p in (fixture_site / "avoin-data").rglob("*")
                       if p.is_file() and p.name != "index.html")
    linked = sorted(h.lstrip("/") for h in re.findall(r'href="(/?avoin-data/[^"]+\.(?:json|csv|ics))"', html))
    assert linked == published and len(published) == 6 + 1 + 3
    assert "creativecommons.org/publicdomain/zero/1.0/" in html and "creativecommons.org/licenses/by/4.0/" in html
    assert "Lähellä.fi" in html  # says why its records are not included


def test_the_site_with_open_data_passes_the_self_check(fixture_site, config):
    assert check_output(fixture_site, config) == []


def test_deploys_send_the_open_data_with_its_media_type_and_a_short_cache():
    from tarjotin.deploy.files import CACHE_SHORT, cache_control, content_type

    assert content_type("avoin-data/events-fi.ics") == "text/calendar; charset=utf-8"
    assert content_type("avoin-data/services.csv") == "text/csv; charset=utf-8"
    assert cache_control("avoin-data/hsds/services.json") == CACHE_SHORT
