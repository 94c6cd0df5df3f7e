"""Normalisation of one activity: mapping tables of tray.toml (types, themes, ages, languages,
regions, pricing, accessibility), unknown codes kept and reported, places and coordinates,
contacts, organisations, skip reasons. Every produced record must validate."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from importers.lahella import builders as b
from importers.lahella.normalize import Context, normalise_activity, record_id
from tarjotin.model import validate_record
from tests.lahella_support import GROUP, default_config, groups, make_settings

CONFIG = default_config()
SETTINGS = make_settings(CONFIG)
TODAY = date(2026, 11, 23)
VANTAA = {"fi": "Vantaa", "sv": "Vanda"}


def run(activity, settings=SETTINGS, today=TODAY, group_map=None):
    ctx = Context(config=CONFIG, settings=settings, groups=groups() if group_map is None else group_map, today=today,
                  now=datetime(2026, 11, 23, 3, tzinfo=timezone.utc))
    outcome = normalise_activity(activity, ctx)
    record = validate_record(outcome.record, CONFIG) if outcome.record else None
    return outcome, record


def weekly_place(**kwargs):
    return b.place({"fi": "Asukastila"}, street="Kielotie 1", postal_code="01300", city=VANTAA, lat=60.29, lon=25.04,
                   events=[b.weekly("2026-08-17", (2, "10:00", "11:00"))], **kwargs)


def act(key="1", kind="hobby", **kwargs):
    kwargs.setdefault("group_key", GROUP)
    kwargs.setdefault("regions", ["city/FI/Vantaa"])
    kwargs.setdefault("channels", [weekly_place()])
    if kind == "hobby":
        kwargs.setdefault("themes", ["ht_urheilu"])
    return b.activity(key, kind, kwargs.pop("names", {"fi": "Kerho"}), **kwargs)


# --- kinds ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, expected", [("hobby", "activity"), ("support", "activity"), ("voluntary", "volunteering")])
def test_activity_type_gives_the_kind(kind, expected):
    assert run(act(kind=kind))[1].kind == expected


def test_dated_hobby_and_support_become_events_volunteering_stays():
    dated = [b.place({"fi": "Sali"}, city=VANTAA, events=[b.single("2026-12-13T18:00", "2026-12-13T19:30")])]
    _, event = run(act(kind="support", channels=dated))
    assert event.kind == "event" and event.event.start.isoformat() == "2026-12-13T18:00:00+02:00"
    assert event.locations[0].opening_hours is None  # the date is the event's, not the place's hours
    _, volunteering = run(act(kind="voluntary", channels=dated))
    assert volunteering.kind == "volunteering" and volunteering.event is None
    assert volunteering.locations[0].opening_hours.exceptions[0].opens == "18:00"


def test_unknown_type_is_kept_and_reported():
    outcome, record = run(act(kind="course"))
    assert record.kind == "activity" and record.source_codes == ["course"]
    assert ("unknown_code", "activity type 'course' is not in the mapping tables of tray.toml; kept in source_codes") in outcome.warnings


def test_weekly_activity_with_a_special_day():
    channel = weekly_place()
    channel["events"].append(b.single_day("2026-12-18", "10:00", "13:00"))
    _, record = run(act(channels=[channel]))
    hours = record.locations[0].opening_hours
    assert record.kind == "activity" and hours.weekly[0].days == ["tue"]
    assert (hours.exceptions[0].start.isoformat(), hours.exceptions[0].opens) == ("2026-12-18", "10:00")


# --- classifications ----------------------------------------------------------------------------------

def test_theme_and_format_codes_and_type_themes():
    _, record = run(act(themes=["ht_urheilu", "ht_kulttuuri"], formats=["hm_ryhmat"]))
    assert record.themes == ["liikunta", "kulttuuri", "yhteisollisyys"]  # in [[themes]] order
    _, volunteering = run(act(kind="voluntary"))
    assert volunteering.themes == ["yhteisollisyys", "mielekas-arki"]


def test_text_rules_give_themes_and_keywords():
    _, record = run(act(kind="support", names={"fi": "Ruoka-apu Tikkurilassa"}, summary={"sv": "Kamratstöd för alla"},
                        pricing_text={"fi": "Kaikukortilla maksutta"}))
    assert record.themes == ["yhteisollisyys", "ravinto", "toimeentulo", "mielen-hyvinvointi"]
    assert record.keywords == ["ruoka-apu", "vertaistuki", "Kaikukortti"]
    _, other = run(act(kind="support", names={"fi": "Ystävänpäivän laulut"}, summary={"fi": "Päihteetön juhla"}))
    assert "paihteet" in other.themes  # rules match words, not meaning: "päihte" matches "päihteetön"
    outcome, plain = run(act(kind="support", names={"fi": "Kerho"}))
    assert plain.themes == [] and ("no_theme", "no theme code, type or text rule gives a theme") in outcome.warnings


def test_unknown_theme_and_format_codes_are_kept():
    outcome, record = run(act(themes=["ht_urheilu", "st_vertaistuki"], formats=["hm_uusi"]))
    assert record.themes == ["liikunta"] and record.source_codes == ["hm_uusi", "st_vertaistuki"]
    assert [w for w in outcome.warnings if w[0] == "unknown_code"] and len(outcome.warnings) == 2


def test_age_ranges():
    every = ["ageGroup/range:0-6", "ageGroup/range:7-12", "ageGroup/range:13-17", "ageGroup/range:18-29",
             "ageGroup/range:30-64", "ageGroup/range:65-99"]
    assert run(act(demographic=every))[1].age_groups == ["lapset", "nuoret", "aikuiset", "ikaantyneet", "perheet"]
    assert run(act(demographic=["ageGroup/range:65-99", "gender/gender"]))[1].age_groups == ["ikaantyneet"]
    outcome, record = run(act(demographic=["ageGroup/range:3-5", "ageGroup/range:16-20"]))  # unknown: by overlap
    assert record.age_groups == ["lapset", "nuoret", "aikuiset"]
    assert record.source_codes == ["ageGroup/range:16-20", "ageGroup/range:3-5"]
    assert run(act(demographic=[]))[1].age_groups == []  # nothing said: everyone
    assert run(act(demographic=["ageGroup/elderly", "ageGroup/range:0-1"]))[1].age_groups == ["lapset", "ikaantyneet", "perheet"]
    outcome, open_ended = run(act(demographic=["ageGroup/range:70+"]))
    assert open_ended.age_groups == ["ikaantyneet"] and open_ended.source_codes == ["ageGroup/range:70+"]


def test_gender_codes_become_keywords_unknown_ones_are_kept():
    _, record = run(act(demographic=["gender/female", "gender/other"]))
    assert record.keywords == ["naiset", "kvinnor", "women"] and record.source_codes == ["gender/other"]


def test_languages_including_sign_language_and_unknown_locales():
    outcome, record = run(act(locales=["fi-FI", "sv", "fisl", "uk-UA", "fa-IR", "so-SO", "??"]))
    assert record.service_languages == ["fi", "sv", "fse", "uk", "fa", "so"]
    assert record.source_codes == ["??", "fa-IR"]
    assert sum(w[0] == "unknown_code" for w in outcome.warnings) == 2


def test_pricing():
    _, free = run(act(pricing="free"))
    _, paid = run(act(pricing="paid", pricing_text={"fi": "<p>5 €, Kaikukortilla <b>maksutta</b></p>"}))
    assert free.price.free is True and paid.price.free is False and paid.price.note.fi == "5 €, Kaikukortilla maksutta"
    outcome, odd = run(act(pricing="donation", pricing_text={"fi": "Vapaaehtoinen maksu"}))
    assert odd.price is None and odd.source_codes == ["donation"] and "Vapaaehtoinen maksu" in odd.description.fi
    assert run(act(pricing=None))[1].price is None


# --- area ---------------------------------------------------------------------------------------------

def test_regions_map_to_municipalities():
    _, record = run(act(regions=["city/FI/Vantaa", "city/FI/Kerava"]))
    assert record.municipalities == ["092", "245"]
    online = [b.online({"fi": "Zoom"}, events=[b.weekly("2026-08-17", (1, "18:00", "19:00"))])]
    _, regional = run(act(regions=["state/FI/Uusimaa"], channels=online))
    assert regional.municipalities == ["092", "245"] and not regional.nationwide


def test_outside_the_area_and_nationwide():
    helsinki = [b.place({"fi": "Kallio"}, street="Viides linja 11", city={"fi": "Helsinki"}, lat=60.18, lon=24.95)]
    assert run(act(regions=["city/FI/Helsinki"], channels=helsinki))[0].skip_reason == "outside_area"
    online = [b.online({"fi": "Zoom"}, events=[b.weekly("2026-08-17", (1, "18:00", "19:00"))])]
    _, national = run(act(regions=[], channels=online))
    assert national.nationwide and national.municipalities == [] and national.opening_hours.weekly[0].days == ["mon"]
    assert "verkossa" in national.keywords
    no_nationwide = SETTINGS.model_copy(update={"include_nationwide": False})
    assert run(act(regions=[], channels=online), settings=no_nationwide)[0].skip_reason == "nationwide_excluded"
    # No region, but the place is in Vantaa: local, from the address.
    _, located = run(act(regions=[]))
    assert not located.nationwide and located.area_municipalities() == ["092"]
    # A region code of unknown shape is kept.
    assert run(act(regions=["city/FI/Vantaa", "kunta:92"]))[1].source_codes == ["kunta:92"]


# --- places -------------------------------------------------------------------------------------------

def test_place_address_coordinates_and_accessibility():
    channel = b.place({"fi": "Tikkurilan kirjasto", "sv": "Dickursby bibliotek"},
                      street={"fi": "Lummetie 4", "sv": "Näckrosvägen 4"}, postal_code="01300", city=VANTAA,
                      lat=60.293, lon=25.0404, accessibility=["ac_wheelchair", "ac_inductionloop", "ac_new"])
    outcome, record = run(act(channels=[channel]))
    location = record.locations[0]
    assert (location.latitude, location.longitude) == (60.293, 25.0404)  # GeoJSON [lon, lat] read the right way
    assert location.name.sv == "Dickursby bibliotek" and location.street_address.sv == "Näckrosvägen 4"
    assert (location.postal_code, location.municipality_code, location.post_office.sv) == ("01300", "092", "Vanda")
    assert location.accessibility.fi == "Esteetön pyörätuolilla. Induktiosilmukka."
    assert location.accessibility.en == "Wheelchair accessible. Induction loop."
    assert record.source_codes == ["ac_new"]


def test_coordinates_swapped_outside_or_zero():
    def coords(lon, lat):
        channel = weekly_place()
        channel["map"]["center"]["coordinates"] = [lon, lat]
        outcome, record = run(act(channels=[channel]))
        loc = record.locations[0]
        return (loc.latitude, loc.longitude), [w[0] for w in outcome.warnings]

    assert coords(60.29, 25.04) == ((60.29, 25.04), ["swapped_coordinates"])
    assert coords(2.35, 48.85) == ((None, None), ["coordinates_outside_finland"])
    assert coords(0, 0) == ((None, None), [])


def test_several_places_and_a_long_place_description():
    long_text = "Sisäänkäynti pihan puolelta. " * 8
    channels = [weekly_place(), b.place({"fi": f"Seurakuntatalo\n\n{long_text}"}, street="Papintie 6", postal_code="04200",
                                        city={"fi": "Kerava", "sv": "Kervo"}, events=[b.weekly("2026-08-17", (4, "18:00", "19:00"))])]
    _, record = run(act(channels=channels, description={"fi": "Kuvaus."}))
    assert [loc.municipality_code for loc in record.locations] == ["092", "245"]
    assert record.locations[1].name.fi == "Seurakuntatalo"
    assert record.description.fi.startswith("Kuvaus.\n\n**Seurakuntatalo:** Sisäänkäynti pihan puolelta.")


def test_place_without_name_address_or_coordinates_gives_activity_hours():
    channel = b.place(None, events=[b.weekly("2026-08-17", (3, "12:00", "13:00"))])
    outcome, record = run(act(channels=[channel], regions=["city/FI/Vantaa"]))
    assert record.locations == [] and record.opening_hours.weekly[0].days == ["wed"]


# --- contacts, registration, organisation, texts ------------------------------------------------

def test_contacts_and_registration():
    channel = weekly_place(registration_required=True, registration_url="ilmo.example.fi/lomake",
                           registration_email="ilmo@example.fi", registration={"fi": "Ilmoittaudu 1.12. mennessä."})
    outcome, record = run(act(channels=[channel], contacts=[
        b.contact("phone", "040 123 4567", {"fi": "Vetäjä"}), b.contact("phone", "12"),
        b.contact("email", "info@example.fi"), b.contact("email", "ei-osoite"),
        b.contact("www", "https://example.fi", {"fi": "Kotisivu"}), b.contact("www", "javascript:alert(1)"),
        b.contact("fax", "09 123")]))
    assert [p.number for p in record.contacts.phones] == ["+358 40 123 4567"]
    assert record.contacts.emails == ["ilmo@example.fi", "info@example.fi"]
    assert [w.url for w in record.contacts.websites] == ["https://example.fi"]
    assert record.registration.required and record.registration.url == "https://ilmo.example.fi/lomake"
    assert record.registration.note.fi == "Ilmoittaudu 1.12. mennessä."
    kinds = sorted(w[0] for w in outcome.warnings)
    assert kinds == ["invalid_email", "invalid_phone", "invalid_url", "unknown_code"] and record.source_codes == ["contact:fax"]


def test_sign_up_note_without_a_yes_or_no_goes_to_the_description():
    _, record = run(act(channels=[], registration={"fi": "Soita koordinaattorille."}))
    assert record.registration is None and record.description.fi.endswith("**Ilmoittautuminen:** Soita koordinaattorille.")


def test_organisation_from_the_linked_groups():
    _, record = run(act())
    assert record.provider.name.sv == "Testby förening rf" and record.provider.business_id == "1234567-8"
    assert record.provider.url == "https://testikyla.example.fi"
    flat = {GROUP: {"_key": GROUP, "name": {"fi": "Litteä ry"}, "businessCode": "7654321-0"}}
    assert run(act(), group_map=flat)[1].provider.business_id == "7654321-0"
    nameless = {GROUP: {"_key": GROUP}}
    outcome, record = run(act(), group_map=nameless)
    assert record.provider is None and outcome.warnings[0][0] == "organisation_unknown"
    _, unlinked = run(act(), group_map={})
    assert unlinked.provider is None
    no_site = {GROUP: {"_key": GROUP, "traits": {"translations": {"fi": {"name": "Seura"}}}}}
    assert run(act(), group_map=no_site)[1].provider.url == f"https://www.lahella.fi/fi-FI/organisation/{GROUP}"


def test_texts_per_language_and_missing_translations():
    outcome, record = run(act(names={"sv": "Seniorträff"}, summary={"sv": "<p>Kaffe &amp; <b>sång</b></p>"},
                              description={"sv": "Välkommen!"}))
    assert record.title.fi is None and record.title.sv == "Seniorträff" and record.summary.sv == "Kaffe & sång"
    assert ("missing_fi", "no name in fi") in outcome.warnings
    assert record.source_url == "https://www.lahella.fi/activity/1"


def test_ids_from_keys():
    assert record_id("128867852579") == "lahella-128867852579"
    assert record_id("AbC_12") == "lahella-abc-12"
    assert run(act(key="Ä1"))[1].id == "lahella-a1"


# --- skip reasons -------------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, reason", [
    ({"status": "draft"}, "not_published"),
    ({"status": "archived"}, "not_published"),
    ({"visibility": ("2026-01-01", "2026-10-31")}, "expired"),
    ({"visibility": ("2027-01-01", None)}, "not_yet_visible"),
    ({"names": {}}, "no_name"),
    ({"channels": [b.place({"fi": "Sali"}, city=VANTAA, events=[b.single("2026-06-01T10:00", "2026-06-01T12:00")])]}, "past_event"),
    ({"channels": [b.place({"fi": "Sali"}, city=VANTAA, events=[b.weekly("2026-01-05", (1, "10:00", "11:00"), until="2026-05-25")])]},
     "ended"),
])
def test_skip_reasons(changes, reason):
    assert run(act(**changes))[0].skip_reason == reason


def test_null_status_inside_the_visibility_window_is_imported():
    assert run(act(status=None, visibility=("2026-01-01", "2027-12-31")))[1] is not None
    assert run(act(status=None))[1] is not None


# --- robustness -------------------------------------------------------------------------------------------

def test_any_shape_of_junk_gives_a_valid_record_or_a_reason():
    """Seeded fuzzing: fields of real-shaped activities replaced by junk never crash normalisation,
    and every record it produces validates (except ids from keys that are no keys, which the
    transport sets aside before normalisation)."""
    import copy
    import json
    import random

    from pydantic import ValidationError

    from tarjotin.config import ROOT

    page = json.loads((ROOT / "tests" / "fixtures" / "lahella" / "activities.json").read_text(encoding="utf-8"))
    items = page["items"] + [act(kind=k) for k in ("hobby", "support", "voluntary")]
    junk = [None, "", 0, -1, 1.5, True, [], {}, "x", [None], [{}], {"a": 1}, "2027-13-45", 10**20, "<script>", ["fi-FI"]]

    def paths(obj, prefix=()):
        yield prefix
        children = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
        for key, value in children:
            yield from paths(value, prefix + (key,))

    rng = random.Random(20261123)
    for _ in range(400):
        activity = copy.deepcopy(rng.choice(items))
        for _ in range(rng.randint(1, 4)):
            path = rng.choice([p for p in paths(activity) if p and p != ("_key",)])
            target = activity
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = copy.deepcopy(rng.choice(junk))
        try:
            run(activity, group_map={**groups(), "8800001": page["links"]["groups"][0]})
        except ValidationError as exc:  # pragma: no cover - the failure message shows the input
            raise AssertionError(f"invalid record from {json.dumps(activity, ensure_ascii=False)[:400]}: {exc}") from None


# --- what the search filters read: price, registration, remote channels ------------------------------

def test_remote_channels_from_online_phone_and_hybrid_channels():
    weekly = [b.weekly("2026-08-17", (1, "18:00", "19:00"))]
    _, in_person = run(act())
    assert in_person.channels == []
    _, remote = run(act(channels=[b.online({"fi": "Zoom"}, events=weekly), b.online({"fi": "Puhelinpiiri"}, kind="phone", events=weekly)]))
    assert remote.channels == ["phone", "online"]
    hybrid = weekly_place(kind="hybrid")
    _, both = run(act(channels=[hybrid]))
    assert both.channels == ["online"] and both.locations        # a place and online at once
    untyped = b.online({"fi": "Jossain"}, events=weekly)
    untyped["type"] = []
    outcome, guessed = run(act(channels=[untyped]))
    assert guessed.channels == []
    unmapped = [m for k, m in outcome.warnings if k == "unmapped_channel"]
    assert len(unmapped) == 1 and unmapped[0].endswith(" has no type and no address: not shown as remote")


def test_what_the_filters_cannot_read_is_reported():
    outcome, _ = run(act(pricing="donation", pricing_text={"fi": "Vapaaehtoinen maksu"}))
    assert ("unmapped_pricing", "a price text without a pricing code: not shown as free of charge or paid") in outcome.warnings
    outcome, record = run(act(channels=[], registration={"fi": "Soita koordinaattorille."}))
    assert record.registration is None and any(k == "unmapped_registration" for k, _ in outcome.warnings)
    outcome, record = run(act(channels=[weekly_place(registration_required=False)]))
    assert record.registration.required is False and not any(k.startswith("unmapped") for k, _ in outcome.warnings)
