"""Normalisation PTV v11 JSON → record data: pure functions against hand-written fixtures."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from importers.ptv import normalize as n
from importers.ptv.settings import load_settings
from tarjotin.model import validate_record

FIXTURES = Path(__file__).parent / "fixtures" / "ptv"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def settings(config):
    return load_settings(config)


@pytest.fixture()
def service():
    return json.loads((FIXTURES / "service_family_counselling.json").read_text(encoding="utf-8"))


@pytest.fixture()
def ctx(config, settings):
    channels = {c["id"]: c for c in json.loads((FIXTURES / "channels.json").read_text(encoding="utf-8"))}
    org = json.loads((FIXTURES / "organization.json").read_text(encoding="utf-8"))
    return n.Context(config=config, settings=settings, channels=channels, organizations={org["id"]: org}, today=TODAY)


def normalise(service, ctx):
    outcome = n.normalise_service(service, ctx, listed_in_area=True)
    assert outcome.skip_reason is None, outcome.skip_reason
    return outcome, validate_record(outcome.record, ctx.config)


def test_identity_links_and_dates(service, ctx):
    _, record = normalise(service, ctx)
    assert record.id == "ptv-3c0e6a52-5d1b-4c7e-9f0a-6b2d8e4f1a77"  # lower-cased GUID
    assert (record.source, record.kind) == ("ptv", "service")
    assert record.source_url == ("https://www.suomi.fi/palvelut/perheneuvola-vantaan-ja-keravan-hyvinvointialue/"
                                 "3c0e6a52-5d1b-4c7e-9f0a-6b2d8e4f1a77")
    assert record.modified.isoformat() == "2026-04-02T11:22:33+00:00"  # 7 decimals, UTC, to the second


def test_texts_per_language_missing_ones_stay_missing(service, ctx):
    outcome, record = normalise(service, ctx)
    assert record.title.fi == "Perheneuvola" and record.title.sv == "Familjerådgivning"
    assert record.title.en == "Family counselling"  # AlternativeName when there is no Name
    assert record.summary.fi == "Tukea lapsiperheille arjen haasteisiin."  # whitespace collapsed
    assert record.summary.en == "Support for families."  # general description fills a gap
    assert record.description.sv == "Allmän beskrivning från GD."
    assert record.description.en is None
    fi = record.description.fi
    assert fi.startswith("### Kenelle\n\nAlle 18-vuotiaiden lasten perheille.\n\n- kasvatuskysymykset\n- eroon")
    assert "1. Soita\n2. Sovi aika" in fi
    assert "<img src=x onerror=alert(1)\\>" in fi  # HTML-looking text is escaped, not markup
    assert "### Ohjeet\n\nVaraa aika puhelimitse." in fi
    assert ("missing_sv", "no Swedish name") not in outcome.warnings


def test_mapping_tables_from_configuration(service, ctx):
    _, record = normalise(service, ctx)
    # P3.7 via the old URN → mielen-hyvinvointi; ontology term "lähisuhdeväkivalta" → turvallisuus.
    assert record.themes == ["turvallisuus", "mielen-hyvinvointi"]
    assert record.age_groups == ["lapset", "perheet"]  # KR1.2
    assert record.service_languages == ["fi", "sv", "en", "ru"]  # invalid code dropped, order stable
    assert record.keywords == ["familjerådgivning", "perheneuvonta"]
    assert record.municipalities == ["092", "245"]  # only the configured area's codes
    assert record.nationwide is False
    assert record.price.free is True


def test_provider_is_the_responsible_organisation_with_localised_names(service, ctx):
    _, record = normalise(service, ctx)
    assert record.provider.name.fi == "Vantaan ja Keravan hyvinvointialue"
    assert record.provider.name.sv == "Vanda och Kervo välfärdsområde"
    assert record.provider.business_id == "3221323-6"


def test_provider_falls_back_to_embedded_name(service, ctx):
    ctx.organizations = {}
    outcome, record = normalise(service, ctx)
    assert record.provider.name.fi == "Vantaan ja Keravan hyvinvointialue" and record.provider.name.sv is None
    assert any(kind == "organisation_not_found" for kind, _ in outcome.warnings)


def test_every_service_location_with_connection_hours_and_contacts(service, ctx):
    outcome, record = normalise(service, ctx)
    assert len(record.locations) == 2
    tikkurila, kerava = record.locations  # sorted by name: "Keravan…" after "Perheneuvola…"? in-area both; by name
    assert {tikkurila.name.fi, kerava.name.fi} == {"Perheneuvola Tikkurila", "Keravan perheneuvola"}
    by_name = {loc.name.fi: loc for loc in record.locations}
    tikkurila, kerava = by_name["Perheneuvola Tikkurila"], by_name["Keravan perheneuvola"]
    # displayNameType: AlternativeName in Finnish, Name in Swedish
    assert tikkurila.name.sv == "Familjerådgivningen i Dickursby"
    assert tikkurila.street_address.fi == "Kielotie 11 A" and tikkurila.street_address.sv == "Liljekonvaljevägen 11 A"
    assert tikkurila.postal_code == "01300" and tikkurila.municipality_code == "092"
    assert tikkurila.post_office.sv == "VANDA"
    assert tikkurila.latitude == pytest.approx(60.285316, abs=1e-6)
    assert tikkurila.longitude == pytest.approx(24.920078, abs=1e-6)
    # The connection's own hours win over the channel's (07–20 Monday).
    weekly = [(r.days, r.opens, r.closes) for r in tikkurila.opening_hours.weekly]
    assert weekly == [(["mon", "tue"], "08:00", "16:00"), (["wed"], "12:00", "19:00")]
    assert tikkurila.opening_hours.note.fi == "Ajanvarauksella. Perheneuvolan vastaanotto"
    # "0" coordinates → unknown; a four-digit postal code is dropped with a warning
    assert kerava.latitude is None and kerava.longitude is None
    assert kerava.postal_code is None
    assert kerava.municipality_name.fi == "Kerava"  # filled from the configuration
    kinds = {kind for kind, _ in outcome.warnings}
    assert {"missing_coordinates", "invalid_postal_code", "invalid_phone", "invalid_email", "missing_channel"} <= kinds


def test_contacts_connection_overrides_channel(service, ctx):
    _, record = normalise(service, ctx)
    numbers = [p.number for p in record.contacts.phones]
    # Phone channel first; Tikkurila's connection phone replaces the channel's switchboard (9 83911).
    assert numbers == ["0800 123 456", "+358 9 8392 3000"]
    assert record.contacts.phones[0].charge.fi == "pvm/mpm"
    assert record.contacts.phones[1].label.fi == "Ajanvaraus"
    assert record.contacts.emails == ["perheneuvola@vantaa.fi"]  # channel's vaihde@ overridden; invalid dropped
    urls = [w.url for w in record.contacts.websites]
    assert urls == ["https://www.kerava.fi/perheneuvola", "https://www.kerava.fi/sv/familjeradgivning"]
    assert record.contacts.websites[1].label.sv == "Familjerådgivning"


def test_phone_channel_hours_become_the_service_hours(service, ctx):
    _, record = normalise(service, ctx)
    hours = record.opening_hours
    assert [(r.days, r.opens, r.closes) for r in hours.weekly] == [(["mon", "thu"], "09:00", "12:00")]
    # 2026-12-23T22:00Z is Christmas Eve in Helsinki
    assert [(e.start.isoformat(), e.closed, e.note.fi) for e in hours.exceptions] == [("2026-12-24", True, "Jouluaatto")]


def test_nationwide_service(service, ctx):
    service["areaType"] = "Nationwide"
    service["areas"] = []
    _, record = normalise(service, ctx)
    assert record.nationwide is True and record.municipalities == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda s: s.update(type="PermitOrObligation"), n.SKIP_TYPE),
        (lambda s: s.update(serviceClasses=[{"code": "P2.1"}], ontologyTerms=[]), n.SKIP_RELEVANCE),
        (lambda s: s.update(targetGroups=[{"code": "KR2.7"}, {"code": "KR3"}]), n.SKIP_BUSINESS),
        (lambda s: s.update(serviceNames=[]), n.SKIP_NO_NAME),
    ],
)
def test_skip_reasons(service, ctx, change, reason):
    change(service)
    assert n.normalise_service(service, ctx, listed_in_area=True).skip_reason == reason


def test_outside_area_unless_located_here(service, ctx):
    service["areas"][0]["municipalities"] = [{"code": "049", "name": []}]
    assert n.normalise_service(service, ctx, listed_in_area=False).skip_reason is None  # it has locations in 092/245
    only_far = copy.deepcopy(service)
    only_far["serviceChannels"] = only_far["serviceChannels"][2:3]  # the phone channel only
    assert n.normalise_service(only_far, ctx, listed_in_area=False).skip_reason == n.SKIP_AREA


def test_relevance_rule_criteria_are_combined(settings):
    from importers.ptv.settings import PtvSettings, RelevanceRule

    custom = PtvSettings.model_validate({**settings.model_dump(), "relevance": [
        RelevanceRule(name="seniors sport", service_classes=["P27"], target_groups=["KR1.1"]).model_dump()]})
    sport = {"serviceClasses": [{"code": "P27.1"}], "targetGroups": [{"code": "KR1.1"}]}
    assert n.matching_rule(sport, custom) == "seniors sport"
    assert n.matching_rule({**sport, "targetGroups": [{"code": "KR1.3"}]}, custom) is None


def test_codes_from_code_new_uri_and_old_urn():
    from importers.ptv.vocab import service_class_code, target_group_code

    assert service_class_code({"code": "P27.1"}) == "P27.1"
    assert service_class_code({"uri": "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P28.4"}) == "P28.4"
    assert service_class_code({"uri": "http://urn.fi/URN:NBN:fi:au:ptvl:v1211"}) == "P27.1"
    assert target_group_code({"uri": "http://urn.fi/URN:NBN:fi:au:ptvl:v2002"}) == "KR1.1"
    assert service_class_code({"name": [{"value": "Koulutus"}]}) is None  # trimmed data: no match, no crash


def test_theme_mapping_table(config, settings):
    def themes(classes=(), terms=()):
        svc = {"serviceClasses": [{"code": c} for c in classes],
               "ontologyTerms": [{"uri": f"http://x/{t}", "name": [{"language": "fi", "value": t}]} for t in terms]}
        return n.map_themes(svc, settings, config)

    assert themes(["P27.1"]) == ["liikunta"]
    assert themes(["P25.1"]) == ["kulttuuri"]
    assert themes(["P28.1"]) == ["yhteisollisyys", "mielekas-arki"]
    assert themes(["P5.7"]) == ["mielen-hyvinvointi", "paihteet"]
    assert themes(["P5.20"]) == ["ravinto"]
    assert themes(["P15.1"]) == ["toimeentulo"]
    assert themes(["P4.12"]) == ["yhteisollisyys"]
    assert themes([], ["Ruoka-apu"]) == ["ravinto", "toimeentulo"]  # names match case-insensitively
    assert themes([], ["lähisuhdeväkivalta"]) == ["turvallisuus"]
    assert themes(["P50"]) == []  # prefix match is hierarchical, not textual


def test_age_group_table(config, settings):
    def ages(*codes):
        return n.map_age_groups({"targetGroups": [{"code": c} for c in codes]}, settings, config)

    assert ages("KR1.1") == ["ikaantyneet"]
    assert ages("KR1.2") == ["lapset", "perheet"]
    assert ages("KR1.3", "KR1.1") == ["nuoret", "ikaantyneet"]
    assert ages("KR1") == []  # all citizens: no age restriction


def test_phone_formatting():
    assert n.format_phone({"prefixNumber": "+358", "number": "09 8392 3000"}) == "+358 9 8392 3000"
    assert n.format_phone({"prefixNumber": "358", "number": "40 123"}) == "+358 40 123"
    assert n.format_phone({"isFinnishServiceNumber": True, "number": "0800 123 456"}) == "0800 123 456"
    assert n.format_phone({"prefixNumber": "+358", "number": ""}) is None


def test_slugify():
    assert n.slugify("Uimahallit – Vantaan kaupunki") == "uimahallit-vantaan-kaupunki"
    assert n.slugify("Mielenterveys- ja päihdeneuvonta Åbo") == "mielenterveys-ja-paihdeneuvonta-abo"


def test_normalisation_is_deterministic_whatever_the_order(service, ctx):
    first = n.normalise_service(service, ctx, listed_in_area=True).record
    shuffled = copy.deepcopy(service)
    shuffled["serviceChannels"].reverse()
    shuffled["keywords"].reverse()
    shuffled["organizations"].reverse()
    assert n.normalise_service(shuffled, ctx, listed_in_area=True).record == first


def test_municipalities_from_the_area_listing(service, ctx):
    # A county-wide area without a municipality list: the listing that returned it is the evidence.
    service["areas"] = [{"type": "WellbeingServiceCounties", "code": "32", "name": [], "municipalities": []}]
    outcome = n.normalise_service(service, ctx, listed_codes={"092"})
    assert outcome.record["municipalities"] == ["092"]
    outcome = n.normalise_service(service, ctx, listed_codes={"092", "245"})
    assert outcome.record["municipalities"] == ["092", "245"]


def _add_channel(service, ctx, channel_id, kind, names, **extra):
    ctx.channels[channel_id] = {"id": channel_id, "serviceChannelType": kind,
                                "serviceChannelNames": [{"language": "fi", "value": names, "type": "Name"}], **extra}
    service["serviceChannels"].append({"serviceChannel": {"id": channel_id, "name": names}})


def test_remote_channels_from_the_channel_types(service, ctx):
    outcome, record = normalise(service, ctx)
    assert record.channels == ["phone"]            # the counselling phone line; locations are in person
    assert not [w for w in outcome.warnings if w[0] == "unmapped_channel"]
    _add_channel(service, ctx, "9a0b1c2d-0000-4000-8000-0000000000c1", "EChannel", "Perheneuvolan chat")
    outcome, record = normalise(service, ctx)
    assert record.channels == ["phone", "chat"]   # in the model's order
    _add_channel(service, ctx, "9a0b1c2d-0000-4000-8000-0000000000c2", "WebPage", "Omahoito-ohjelma")
    _add_channel(service, ctx, "9a0b1c2d-0000-4000-8000-0000000000c3", "Phone", "Numeroton linja", phoneNumbers=[])
    _add_channel(service, ctx, "9a0b1c2d-0000-4000-8000-0000000000c4", "Telepathy", "Uusi kanavatyyppi")
    outcome, record = normalise(service, ctx)
    assert record.channels == ["phone", "chat"]   # a web page is about the service, not a way to use it
    _add_channel(service, ctx, "9a0b1c2d-0000-4000-8000-0000000000c5", "EChannel", "Sähköinen ajanvaraus")
    outcome, record = normalise(service, ctx)
    assert record.channels == ["phone", "chat", "online"]
    unmapped = sorted(m for kind, m in outcome.warnings if kind == "unmapped_channel")
    assert unmapped == ["channel 9a0b1c2d-0000-4000-8000-0000000000c4: type 'telepathy' is not a known channel type",
                        "phone channel 9a0b1c2d-0000-4000-8000-0000000000c3 has no phone number: not shown as by phone"]



def test_no_theme_names_the_service_classes_no_mapping_catches(service, ctx):
    """The data-quality report shows which classification to map (docs/quality.md, no_theme)."""
    import dataclasses

    themes = ctx.settings.themes.model_copy(update={"service_classes": {}, "ontology_terms": {}, "target_groups": {}})
    bare = dataclasses.replace(ctx, settings=ctx.settings.model_copy(update={"themes": themes}))
    outcome, record = normalise(service, bare)
    assert record.themes == [] and n.service_classes(service) == ["P3.7"]
    assert [m for kind, m in outcome.warnings if kind == "no_theme"] == [
        "relevant by rule 'kasvatus- ja perheneuvonta' but no theme mapping matches its classes (service classes: P3.7)"]


def test_classification_names_are_kept_for_the_search(service, ctx):
    service["serviceClasses"].append({"name": [{"value": "P27.1", "language": "fi"}], "code": "P27.1", "uri": None})
    _, record = normalise(service, ctx)
    # service classes and ontology terms with their names per language; a bare code is no name
    assert [c.model_dump(exclude_none=True) for c in record.classes] == [
        {"fi": "Kasvatus- ja perheneuvonta"}, {"fi": "lähisuhdeväkivalta"},
        {"fi": "perheneuvonta", "sv": "familjerådgivning"}]
