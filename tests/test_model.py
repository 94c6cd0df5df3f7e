"""The record model's rules, one by one: what is accepted and what an editor is told."""

from __future__ import annotations

import copy
from datetime import datetime, timezone

import pytest
from pydantic import ValidationError

from tarjotin.model import validate_record
from tarjotin.recordfile import errors_from_validation

VALID = {
    "id": "local-myyrmaki-lukupiiri",
    "source": "local",
    "kind": "activity",
    "title": {"fi": "Myyrmäen lukupiiri", "sv": "Läsecirkel i Myrbacka"},
    "locations": [{
        "name": {"fi": "Myyrmäen kirjasto"},
        "street_address": {"fi": "Paalutori 3", "sv": "Pålplatsen 3"},
        "postal_code": "01600",
        "municipality_code": "092",
        "latitude": 60.2612,
        "longitude": 24.8543,
        "opening_hours": {"weekly": [{"days": ["mon", "tue"], "opens": "10:00", "closes": "20:00"}]},
    }],
    "age_groups": ["aikuiset"],
    "service_languages": ["fi", "fse"],
    "themes": ["kulttuuri"],
    "contacts": {"emails": ["kirjasto@vantaa.fi"], "websites": [{"url": "https://vantaa.fi/kirjasto"}]},
}


def errors(data, config):
    """Validate and return {field: message} of every error (empty when valid)."""
    try:
        validate_record(data, config)
    except ValidationError as exc:
        return {e.field: e.message for e in errors_from_validation(exc, "x.md")}
    return {}


def changed(**changes):
    data = copy.deepcopy(VALID)
    for dotted, value in changes.items():
        target = data
        *parents, last = dotted.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is ...:
            del target[last]
        else:
            target[last] = value
    return data


def test_valid_record_passes(config):
    record = validate_record(VALID, config)
    assert record.title.fi == "Myyrmäen lukupiiri"
    assert record.locations[0].latitude == pytest.approx(60.2612)
    assert record.area_municipalities() == ["092"]


@pytest.mark.parametrize("bad_id", ["Local-x", "local_x", "foo-bar", "local-", "local-ä", "ptv-x"])
def test_id_shape_and_prefix(config, bad_id):
    assert "id" in errors(changed(id=bad_id), config) or "(record)" in errors(changed(id=bad_id), config)


def test_id_prefix_must_match_source(config):
    assert "starts with 'ptv-' but source is 'local'" in errors(changed(id="ptv-abc"), config)["(record)"]


def test_title_needs_one_language(config):
    assert "at least one language" in errors(changed(title={}), config)["title"]
    assert errors(changed(title={"sv": "Bara svenska"}), config) == {}


def test_unknown_language_in_text_is_an_error(config):
    assert errors(changed(title={"fi": "x", "de": "y"}), config) == {"title.de": errors(changed(title={"fi": "x", "de": "y"}), config)["title.de"]}


def test_unknown_field_is_reported_not_dropped(config):
    result = errors(changed(colour="red"), config)
    assert "unknown field" in result["colour"]


@pytest.mark.parametrize("kind", ["service", "activity", "volunteering"])
def test_kinds(config, kind):
    assert errors(changed(kind=kind), config) == {}


def test_bad_kind_lists_choices(config):
    message = errors(changed(kind="course"), config)["kind"]
    assert "'course' is not allowed" in message and "service" in message


@pytest.mark.parametrize("lat,lon,fragment", [
    (72.0, 25.0, "latitude 72.0 is outside Finland"),
    (60.2, 40.0, "longitude 40.0 is outside Finland"),
    (25.0, 60.2, "swapped"),
    (6685000.0, 385000.0, "EPSG:3067"),
])
def test_coordinates_outside_finland(config, lat, lon, fragment):
    result = errors(changed(locations__0__latitude=lat, locations__0__longitude=lon), config)
    assert fragment in result["locations[0]"]


def test_latitude_without_longitude(config):
    result = errors(changed(locations__0__longitude=...), config)
    assert "both latitude and longitude" in result["locations[0]"]


def test_location_without_coordinates_is_fine(config):
    assert errors(changed(locations__0__latitude=..., locations__0__longitude=...), config) == {}


def test_unknown_theme_and_age_group(config):
    result = errors(changed(themes=["liikunta", "urheilu"], age_groups=["vauvat"]), config)
    assert "unknown theme ['urheilu']" in result["themes"]
    assert "unknown age group ['vauvat']" in result["age_groups"]


@pytest.mark.parametrize("url", ["www.vantaa.fi", "javascript:alert(1)", "ftp://x.fi/a", "https://"])
def test_bad_urls(config, url):
    result = errors(changed(contacts={"websites": [{"url": url}]}), config)
    assert "is not a web address" in result["contacts.websites[0].url"]


@pytest.mark.parametrize("email", ["kirjasto.vantaa.fi", "a@", "a b@vantaa.fi"])
def test_bad_emails(config, email):
    result = errors(changed(contacts={"emails": [email]}), config)
    assert "is not an e-mail address" in result["contacts.emails[0]"]


def test_bad_phone(config):
    assert "contacts.phones[0].number" in errors(changed(contacts={"phones": [{"number": "call us"}]}), config)


@pytest.mark.parametrize("value", ["25:00", "8", "klo 8", "08:60"])
def test_bad_times(config, value):
    result = errors(changed(locations__0__opening_hours={"weekly": [{"days": ["mon"], "opens": value, "closes": "16:00"}]}), config)
    assert "is not a time of day" in result["locations[0].opening_hours.weekly[0].opens"]


def test_time_forms_normalised(config):
    data = changed(locations__0__opening_hours={"weekly": [{"days": "sat", "opens": "8.30", "closes": "24:00"}]})
    hours = validate_record(data, config).locations[0].opening_hours.weekly[0]
    assert (hours.days, hours.opens, hours.closes) == (["sat"], "08:30", "24:00")


def test_bad_weekday(config):
    result = errors(changed(locations__0__opening_hours={"weekly": [{"days": ["maanantai"], "opens": "08:00", "closes": "16:00"}]}), config)
    assert "locations[0].opening_hours.weekly[0].days[0]" in result


def test_exception_rules(config):
    hours = {"exceptions": [{"start": "2026-12-24", "end": "2026-12-20", "closed": True}]}
    assert "before start" in errors(changed(locations__0__opening_hours=hours), config)["locations[0].opening_hours.exceptions[0]"]
    hours = {"exceptions": [{"start": "2026-12-24"}]}
    assert "closed: true" in errors(changed(locations__0__opening_hours=hours), config)["locations[0].opening_hours.exceptions[0]"]
    hours = {"exceptions": [{"start": "24.12.2026", "closed": True}]}
    assert "locations[0].opening_hours.exceptions[0].start" in errors(changed(locations__0__opening_hours=hours), config)


def test_event_rules(config):
    event = changed(kind="event", event={"start": "2026-12-05T18:00", "end": "2026-12-05T20:00"})
    record = validate_record(event, config)
    assert record.event.start.utcoffset().total_seconds() == 2 * 3600  # Helsinki winter time
    assert "an event needs event" in errors(changed(kind="event"), config)["(record)"]
    assert "only events have event dates" in errors(changed(event={"start": "2026-12-05"}), config)["(record)"]
    backwards = changed(kind="event", event={"start": "2026-12-05T18:00", "end": "2026-12-05T17:00"})
    assert "is before start" in errors(backwards, config)["event"]
    assert "event.start" in errors(changed(kind="event", event={"start": "5.12.2026"}), config)


def test_event_in_summer_time_gets_summer_offset(config):
    record = validate_record(changed(kind="event", event={"start": "2027-03-28T12:00"}), config)
    assert record.event.start.utcoffset().total_seconds() == 3 * 3600


def test_municipality_and_language_codes(config):
    assert "municipality codes" in errors(changed(municipalities=["Vantaa"]), config)["municipalities"]
    assert "ISO 639" in errors(changed(service_languages=["finnish"]), config)["service_languages"]
    record = validate_record(changed(municipalities=["245", "092", "092"], service_languages=["FI", "fi", "ru"]), config)
    assert record.municipalities == ["092", "245"]
    assert record.service_languages == ["fi", "ru"]


def test_plain_string_text_is_finnish_and_single_values_become_lists(config):
    record = validate_record(changed(summary="Lyhyt kuvaus", themes="kulttuuri", keywords="Kaikukortti"), config)
    assert record.summary.fi == "Lyhyt kuvaus" and record.themes == ["kulttuuri"] and record.keywords == ["Kaikukortti"]


def test_price_registration_provider(config):
    assert "price.free" in errors(changed(price={"note": "5 €"}), config)
    assert "provider.business_id" in errors(changed(provider={"name": "Yhdistys", "business_id": "123"}), config)
    assert errors(changed(price={"free": False, "note": {"fi": "5 €"}}, registration={"required": True, "url": "https://x.fi"}), config) == {}


def test_modified_dates(config):
    record = validate_record(changed(modified="2026-10-01T09:00:00Z"), config)
    assert record.modified == datetime(2026, 10, 1, 9, tzinfo=timezone.utc)
    assert "modified" in errors(changed(modified="eilen"), config)


def test_many_errors_reported_at_once(config):
    data = changed(themes=["x"], contacts={"emails": ["bad"]}, colour="red", kind="course")
    assert len(errors(data, config)) == 4
