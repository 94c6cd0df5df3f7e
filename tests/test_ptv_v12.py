"""The PTV v12 adapter against a local fake v12 API made from the tests' v11 world: the same
records as the v11 importer, byte for byte; paging, connection batches, faults, incremental
runs, and the API key kept out of every report, log and error."""

from __future__ import annotations

import copy
import json
import random
from datetime import timedelta
from urllib.parse import parse_qs

import pytest

from importers.common.errors import FetchError, ImportFailure, MalformedResponse
from importers.common.replay import Fault
from importers.ptv import builders as b
from importers.ptv import v12_shape as shape
from importers.ptv.builders_v12 import to_v12
from importers.ptv.replay_v12 import V12Server

from . import ptv_support as s
from .config_support import with_content_languages
from . import ptv_v12_support as v


def _pair(tmp_path, config, world=None, **kwargs):
    return v.Pair(world or s.build_world(), tmp_path, config, **kwargs)


def _params(key: str) -> dict[str, list[str]]:
    return parse_qs(key.split("@", 1)[1]) if "@" in key else {}


# --- the same records ----------------------------------------------------------------------------

def test_v12_writes_byte_identical_records(tmp_path, config):
    with _pair(tmp_path, config) as pair:
        v11, v12 = pair.run_both()
        assert v11 and v11 == v12
        assert v.outcome(pair.reports["v11"]) == v.outcome(pair.reports["v12"])
        kinds = lambda report: sorted((w["id"], w["kind"]) for w in report.warnings)  # noqa: E731
        assert kinds(pair.reports["v11"]) == kinds(pair.reports["v12"])
        headers = pair.v12.headers
    assert headers and all(h.get("x-api-key") == v.KEY for h in headers)


def test_locations_in_two_municipalities_keep_both(tmp_path, config):
    world = s.build_world()
    world.services.append(b.service(
        "11111111-aaaa-4aaa-8aaa-0000000000c1", {"fi": "Kirjasto ja nuorisotila"}, classes=["P25.1"],
        municipalities=["092", "245"], organization=(s.ORG_VANTAA, "Vantaan kaupunki"),
        channels=[b.connection(s.CH_LIBRARY, "Keravan kirjasto"), b.connection(s.CH_YOUTH, "Nuorisotila Kipinä")]))
    with _pair(tmp_path, config, world) as pair:
        v11, v12 = pair.run_both()
    name = "ptv-11111111-aaaa-4aaa-8aaa-0000000000c1.md"
    assert v12[name] == v11[name]
    assert "municipality_code: '245'" in v12[name] and "municipality_code: 092" in v12[name]
    assert "post_office:\n    fi: KERAVA" in v12[name] and "latitude: 60.4036" in v12[name]


def test_missing_translations_arrive_as_empty_strings(tmp_path, config):
    with _pair(tmp_path, config) as pair:
        library = pair.data.services[s.LIBRARY]
        assert library["languageVersions"]["sv"]["summary"] == ""  # the form DVV documents
        _, v12 = pair.run_both()
    record = v12[f"ptv-{s.LIBRARY}.md"]
    assert "summary:\n  fi: Lainaa kirjoja" in record and "\n  sv:" not in record.split("provider:")[0].split("summary:")[1]


def test_many_services_page_by_small_pages_and_connections_go_by_twenty(tmp_path, config):
    world = s.build_world()
    for index in range(25):
        world.services.append(b.service(
            f"33333333-cccc-4ccc-8ccc-{index:012d}", {"fi": f"Kuntosali {index}", "sv": f"Gym {index}"},
            summary={"fi": "Kuntosali.", "sv": "Gym."}, classes=["P27.1"], organization=(s.ORG_VANTAA, "Vantaan kaupunki"),
            channels=[b.connection(s.CH_SWIM_TIKKURILA, "Tikkurilan uimahalli",
                                   hours=[b.weekly_hours({"tue": ("10:00", f"{12 + index % 8}:00")})])]))
    with _pair(tmp_path, config, world) as pair:
        v11, v12 = pair.run_both()
        requests = list(pair.v12.requests)
    assert len(v12) == 31 and v11 == v12
    searches = [r for r in requests if r.startswith("service/search@") and "municipalities=092" in r]
    assert len(searches) >= 10  # 30 services in Vantaa, pages of 3
    batches = [_params(r)["serviceContentIds"] for r in requests if r.startswith("connection/search@")
               and "serviceContentIds" in r]
    assert batches and max(len(ids[0].split(",")) for ids in batches) == 20
    assert all(_params(r)["pageSize"] == ["100"] for r in requests if "pageSize" in r)


# --- faults ----------------------------------------------------------------------------------------

def test_wrong_or_missing_key_fails_without_showing_it(tmp_path, config, monkeypatch):
    log: list[str] = []
    with _pair(tmp_path, config) as pair:
        monkeypatch.setenv("PTV_API_KEY", "wrong-key-5d1e")
        with pytest.raises(ImportFailure, match="HTTP 401.*PTV_API_KEY") as failed:
            v.run(config, tmp_path / "out", "v12", pair.v12.base_url, log=log)
        monkeypatch.delenv("PTV_API_KEY")
        with pytest.raises(ImportFailure, match="needs an API key in the environment variable PTV_API_KEY"):
            v.run(config, tmp_path / "out", "v12", pair.v12.base_url)
    report = (tmp_path / "out" / "reports" / "import-ptv.json").read_text(encoding="utf-8")
    assert json.loads(report)["status"] == "failed"
    for text in (report, str(failed.value), "\n".join(log)):
        assert "wrong-key-5d1e" not in text and v.KEY not in text
    assert v.files(tmp_path / "out") == {}


def test_key_from_the_environment_never_reaches_report_or_log(tmp_path, config, monkeypatch):
    monkeypatch.setenv("PTV_API_KEY", v.KEY)
    log: list[str] = []
    with _pair(tmp_path, config) as pair:
        pair.v12.inject("service-channel/search", Fault(status=500), Fault(status=429, headers={"Retry-After": "2"}))
        v.run(config, tmp_path / "out", "v12", pair.v12.base_url, log=log)
    assert log and any("retrying" in line for line in log)
    texts = [p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert texts and all(v.KEY not in text for text in texts + log)


def test_retries_429_with_retry_after_500_and_truncated_json(tmp_path, config):
    sleeps: list[float] = []
    with _pair(tmp_path, config) as pair:
        pair.v12.inject("service/search@areaType=LimitedArea&municipalities=245",
                        Fault(status=429, headers={"Retry-After": "7"}), Fault(truncate=True))
        pair.v12.inject("connection/search", Fault(status=500))
        v11, v12 = pair.run_both(sleeps=sleeps)
        retries = pair.reports["v12"].http["retries"]
    assert v11 and v11 == v12
    assert 7.0 in sleeps and retries == 3


def test_persistent_truncated_json_fails_and_changes_nothing(tmp_path, config):
    with _pair(tmp_path, config) as pair:
        _, before = pair.run_both()
        pair.v12.inject("service/search", Fault(truncate=True), persistent=True)
        with pytest.raises(MalformedResponse, match="malformed JSON"):
            v.run(config, tmp_path / "out-v12", "v12", pair.v12.base_url, api_key=v.KEY)
    assert v.files(tmp_path / "out-v12") == before


def test_a_search_that_keeps_failing_stops_the_run(tmp_path, config):
    with _pair(tmp_path, config) as pair:
        pair.v12.inject("organization/", Fault(status=500), persistent=True)
        with pytest.raises(FetchError, match="HTTP 500"):
            v.run(config, tmp_path / "out", "v12", pair.v12.base_url, api_key=v.KEY)
    assert v.files(tmp_path / "out") == {}


def test_not_found_with_reason_means_gone(tmp_path, config):
    """The world's youth service links a channel PTV no longer has: by id it answers 404 with a
    `reason`, and both versions leave the channel out with the same warning."""
    with _pair(tmp_path, config) as pair:
        status, body = pair.v12.resolve(f"service-channel/{s.CH_MISSING}", {})
        assert status == 404 and body["reason"] == "Unknown"
        v11, v12 = pair.run_both()
    assert v11 and v11 == v12
    warned = [w for w in pair.reports["v12"].warnings if w["kind"] == "missing_channel"]
    assert [w["id"] for w in warned] == [f"ptv-{s.YOUTH}"]


def test_unsupported_extra_area_type_is_a_clear_failure(tmp_path, config):
    from importers.ptv.settings import AreaRef

    with _pair(tmp_path, config) as pair:
        with pytest.raises(ImportFailure, match="cannot search by area type HospitalDistrict"):
            v.run(config, tmp_path / "out", "v12", pair.v12.base_url, api_key=v.KEY,
                  settings={"extra_areas": [AreaRef(type="HospitalDistrict", code="25")]})


def test_a_missing_reference_list_is_reported_not_fatal(tmp_path, config):
    with _pair(tmp_path, config) as pair:
        pair.data.references.pop("postal-codes")
        pair.v12.inject("postal-codes", Fault(status=404), persistent=True)
        v.run(config, tmp_path / "out", "v12", pair.v12.base_url, api_key=v.KEY)
    report = json.loads((tmp_path / "out" / "reports" / "import-ptv.json").read_text(encoding="utf-8"))
    assert report["status"] == "ok" and report["warnings_by_kind"]["reference_unavailable"] == 1
    assert "post_office" not in v.files(tmp_path / "out")[f"ptv-{s.LIBRARY}.md"]


# --- incremental runs ------------------------------------------------------------------------------

def test_incremental_run_uses_published_at_and_archived_lists(tmp_path, config):
    with _pair(tmp_path, config) as pair:
        v.run(config, tmp_path / "out", "v12", pair.v12.base_url, api_key=v.KEY)
        before = v.files(tmp_path / "out")
    world = s.build_world()
    swim = next(x for x in world.services if x["id"] == s.SWIM)
    swim["serviceDescriptions"][0]["value"] = "Uimahallit ovat auki myös pyhinä."
    swim["modified"] = "2026-11-23T08:00:00"
    next(x for x in world.services if x["id"] == s.LIBRARY)["publishingStatus"] = "Deleted"
    mental = next(x for x in world.services if x["id"] == s.MENTAL)
    mental["serviceChannels"][0]["serviceHours"] = [b.weekly_hours({"wed": ("09:00", "11:00")})]
    mental["serviceChannels"][0]["modified"] = "2026-11-23T09:00:00"  # a connection-only edit
    since = s.NOW + timedelta(hours=1)
    with V12Server(to_v12(world, archived_at="2026-11-23T07:00:00.000Z"), api_key=v.KEY) as server:
        report = v.run(config, tmp_path / "out", "v12", server.base_url, api_key=v.KEY, since=since, now=s.LATER)
        requests = list(server.requests)
    after = v.files(tmp_path / "out")
    assert report.mode == "incremental"
    assert sorted(report.updated) == sorted([f"ptv-{s.MENTAL}", f"ptv-{s.SWIM}"])
    assert report.removed == [f"ptv-{s.LIBRARY}"] and f"ptv-{s.LIBRARY}.md" not in after
    assert "pyhinä" in after[f"ptv-{s.SWIM}.md"] and "09:00" in after[f"ptv-{s.MENTAL}.md"]
    unchanged = set(before) - {f"ptv-{x}.md" for x in (s.SWIM, s.MENTAL, s.LIBRARY)}
    assert all(after[name] == before[name] for name in unchanged)
    # The overlap (2 h) is subtracted from --since on every search and archived list.
    expected = "2026-11-23T02:00:00Z"
    for path in ("service/search", "service-channel/search", "connection/search", "service/archived"):
        asked = [_params(r) for r in requests if r.startswith(path + "@") and ("publishedAtOrAfter" in r or "archived" in path)]
        assert asked, path
        assert all((p.get("publishedAtOrAfter") or p.get("archivedAtOrAfter")) == [expected] for p in asked), path


# --- mutated worlds: v11 and v12 agree ------------------------------------------------------------

def _mutate(world: b.World, rng: random.Random) -> None:
    """Change the world the ways PTV data varies, within what both versions can say."""
    channels = {c["id"]: c for c in world.channels}
    for svc in world.services:
        choice = rng.random()
        if choice < 0.15:
            svc["serviceNames"] = [n for n in svc["serviceNames"] if n["language"] != "sv"]
        elif choice < 0.25:
            svc["serviceDescriptions"] = [d for d in svc["serviceDescriptions"] if d["type"] != "Summary"]
        elif choice < 0.3:
            svc["serviceChargeType"] = rng.choice(["FreeOfCharge", "Chargeable", None])
        elif choice < 0.35:
            svc["areaType"], svc["areas"] = "Nationwide", []
        elif choice < 0.4:
            svc["serviceNames"].append({"language": "fi", "value": "Toinen nimi", "type": "AlternativeName"})
        elif choice < 0.45:
            svc["type"] = "PermitOrObligation"
        elif choice < 0.5:
            svc["targetGroups"] = [b.target_group("KR2.1")]
        elif choice < 0.55:
            svc["keywords"] = [{"value": "Kaikukortti", "language": "fi"}, {"value": "gym", "language": "en"}]
        for conn in svc.get("serviceChannels") or []:
            pick = rng.random()
            if pick < 0.2:
                conn["serviceHours"] = [b.weekly_hours({"mon": ("08:00", "12:00"), "fri": ("20:00", "02:00")},
                                                       reservation=rng.random() < 0.5)]
            elif pick < 0.3:
                conn["serviceHours"] = [b.exceptional_hours("2026-12-31", opens="10:00", closes="13:00",
                                                            info={"fi": "Uudenvuodenaatto"})]
            elif pick < 0.4:
                conn["contactDetails"] = {"phoneNumbers": [b.phone("40 765 4321", info="Suora numero")],
                                          "emails": [{"value": "suora@example.fi", "language": "fi"}],
                                          "webPages": [], "addresses": []}
    for channel in channels.values():
        pick = rng.random()
        if channel["serviceChannelType"] == "ServiceLocation":
            street = channel["addresses"][0]["streetAddress"]
            if pick < 0.15:
                street["latitude"], street["longitude"] = street["longitude"], street["latitude"]
            elif pick < 0.25:
                street["latitude"] = street["longitude"] = "0"
            elif pick < 0.3:
                street["latitude"], street["longitude"] = "7777777.000", "999999.000"
            elif pick < 0.4:
                channel["displayNameType"] = [{"type": "AlternativeName", "language": "fi"}]
                channel["serviceChannelNames"].append({"language": "fi", "value": "Lempinimi", "type": "AlternativeName"})
        if pick > 0.6:
            channel["serviceHours"] = rng.choice([
                [b.weekly_hours({}, always_open=True)],
                [b.weekly_hours({"tue": ("09:00", "17:00")}), b.exceptional_hours("2026-12-24", until="2026-12-26", closed=True)],
                [b.weekly_hours({"sat": ("10:00", "14:00")}, valid_from="2026-11-01", valid_to="2027-02-28",
                                info={"fi": "Talviaika", "sv": "Vintertid"})],
                [b.weekly_hours({"mon": ("09:00", "15:00")}, over_midnight={"fri": ("sun", "18:00", "02:00")})],
                [b.weekly_hours({}, valid_from="2027-06-01", valid_to="2027-06-30", closed=True)],
                [b.exceptional_hours("2026-12-06", closed=True), b.weekly_hours({"wed": ("12:00", "00:00")})],
            ])
        if pick > 0.9 and channel.get("phoneNumbers"):
            channel["phoneNumbers"] = [b.phone("0800 12345", service_number=True, charge="FreeOfCharge"),
                                       b.phone("20 555 0100", prefix="+46", info="Sverige", lang="sv"),
                                       b.phone("9 555 0101", kind="Fax")]


@pytest.mark.parametrize("seed", range(12))
def test_mutated_worlds_give_the_same_records(tmp_path, config, seed):
    world = s.build_world()
    _mutate(world, random.Random(seed))
    with _pair(tmp_path, config, copy.deepcopy(world), max_page_size=1 + seed % 4) as pair:
        v11, v12 = pair.run_both()
        assert v.outcome(pair.reports["v11"]) == v.outcome(pair.reports["v12"])
    assert v11 and v11 == v12


# --- the v12 shape in detail -------------------------------------------------------------------------

def test_every_language_version_is_carried_to_the_record_model(config):
    raw = {"contentId": "44444444-dddd-4ddd-8ddd-000000000001", "serviceType": "Service",
           "languageVersions": {"fi": {"name": "Saamelaiskulttuuri", "summary": "Kulttuuria."},
                                "se": {"name": "Sámi kultuvra", "summary": "Kultuvra."},
                                "smn": {"name": "Säämi kulttuur", "summary": ""}}}
    service = shape.service(raw, shape.Lookups())
    assert {n["language"] for n in service["serviceNames"]} == {"fi", "se", "smn"}
    assert [d["language"] for d in service["serviceDescriptions"]] == ["fi", "se"]  # "" is no translation


def test_hours_shapes_become_v11_rows():
    rows = shape.hours_rows({
        "hours": [
            {"type": "ContinuousWeekdaysUntilFurtherNoticeServiceHour", "openingStatus": "Open", "fromDay": "Friday",
             "toDay": "Sunday", "fromTime": "18:00", "toTime": "02:00", "additionalInformation": {"fi": "Viikonloppu"}},
            {"type": "ExceptionalDateRangeServiceHour", "fromDate": "2026-12-24", "toDate": "2026-12-24",
             "weeklyHours": {"thursday": {"hours": [{"start": "00:00", "end": "00:00", "openingStatus": "Closed"}]}}},
            {"type": "SomethingNew"},
        ],
        "holidayServiceHours": {"repetition": {"type": "RepetitionInSelectedYears", "years": [2027]},
                                "holidays": [{"holidayName": "GoodFriday", "hours": []},
                                             {"holidayName": "MidsummerEve",
                                              "hours": [{"start": "10:00", "end": "14:00", "openingStatus": "Open"}]}]},
    })
    assert rows[0]["openingHour"] == [{"dayFrom": "Friday", "dayTo": "Sunday", "from": "18:00:00", "to": "02:00:00"}]
    assert rows[0]["additionalInformation"] == [{"value": "Viikonloppu", "language": "fi"}]
    assert rows[1]["serviceHourType"] == "Exceptional" and rows[1]["isClosed"] is True and rows[1]["validTo"] is None
    assert [(r["validFrom"], r["isClosed"]) for r in rows[2:]] == [("2027-03-26T00:00:00", True),
                                                                  ("2027-06-25T00:00:00", False)]
    assert len(rows) == 4  # the unknown type is left out


def test_coordinates_and_phones():
    assert shape.point([{"system": "Unknown", "easting": 1, "northing": 2},
                        {"system": "EPSG:3067", "easting": 391670.5, "northing": 6686540}]) == ("6686540", "391670.5")
    assert shape.point([]) == (None, None)
    domestic = shape.phone({"type": "DomesticPhone", "number": "0800 12345", "chargeType": "Free"}, "fi")
    assert domestic["isFinnishServiceNumber"] and domestic["prefixNumber"] is None
    assert domestic["serviceChargeType"] == "FreeOfCharge"
    foreign = shape.phone({"type": "InternationalPhone", "dialCode": "+46", "number": "20 555"}, "sv")
    assert foreign["prefixNumber"] == "+46" and foreign["language"] == "sv"


def test_compare_lists_every_difference_per_record(tmp_path, config):
    from importers.ptv import compare as comparing
    from importers.ptv.importer import RunOptions

    with _pair(tmp_path, config) as pair:
        pair.data.services[s.SWIM]["languageVersions"]["fi"]["name"] = "Uimahallit (v12)"
        del pair.data.services[s.LIBRARY]
        settings = s.make_settings(config)
        options = RunOptions(root=tmp_path / "unused", now=s.NOW, today=v.TODAY, sleep=lambda _: None, timeout=2.0,
                             log=lambda _: None, api_key=v.KEY)
        result = comparing.compare(config, settings, options, {"v11": pair.v11.base_url, "v12": pair.v12.base_url})
    assert not result.identical
    assert result.only == {"v11": [f"ptv-{s.LIBRARY}"], "v12": []}
    assert list(result.differing) == [f"ptv-{s.SWIM}"]
    assert "+  fi: Uimahallit (v12)\n" in result.differing[f"ptv-{s.SWIM}"]
    assert result.same == 4 and f"ptv-{s.SWIM}: the files differ" in result.text()
    assert not (tmp_path / "unused" / "content").exists()


def test_the_municipality_of_an_address_comes_from_the_location_area_or_the_search():
    one = {"contentId": "x", "area": {"areaType": "LimitedArea", "municipalities": ["245"]}}
    two = {"contentId": "y", "area": {"areaType": "LimitedArea", "municipalities": ["092", "245"]}}
    none = {"contentId": "z", "area": None}
    assert shape.location_municipality(one, ["092"]) == "245"
    assert shape.location_municipality(two) is None and shape.location_municipality(two, ["092"]) == "092"
    assert shape.location_municipality(two, ["091"]) is None
    assert shape.location_municipality(none, ["092"]) == "092" and shape.location_municipality(none, ["092", "245"]) is None


def _other_spelling(data) -> None:
    """The same content as another v12 writer might spell it: connections with
    `serviceChannelContentId`, classifications as URIs, times with seconds, closed exceptional
    days as hours marked Closed, evenings over midnight as continuous spans, absent (instead of
    empty) translations, coordinates as strings."""
    for item in data.connections:
        item["serviceChannelContentId"] = item.pop("channelContentId")
    for service in data.services.values():
        service["targetGroups"] = [f"http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/{c}" for c in service["targetGroups"]]
        service["serviceClasses"] = [f"http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/{c}" for c in service["serviceClasses"]]
        for lang, fields in list(service["languageVersions"].items()):
            for key in [k for k, value in fields.items() if value == ""]:
                del fields[key]
    holders = list(data.channels.values()) + data.connections
    for holder in holders:
        for entry in (holder.get("serviceHours") or {}).get("hours", []):
            for day in (entry.get("weeklyHours") or {}).values():
                for hour in day.get("hours", []):
                    hour["start"], hour["end"] = hour["start"] + ":00", hour["end"] + ":00"
            if entry["type"] == "ExceptionalDateRangeServiceHour" and not entry["weeklyHours"]:
                entry["weeklyHours"] = {"monday": {"hours": [{"start": "00:00", "end": "00:00", "openingStatus": "Closed",
                                                              "repetition": "Weekly", "additionalInformation": {}}]}}
        for address in (holder.get("location") or {}).get("streetAddresses", []):
            for point in address["coordinates"]:
                point["easting"], point["northing"] = f"{point['easting']:.3f}", f"{point['northing']:.3f}"


def test_other_spellings_of_the_same_content_give_the_same_records(tmp_path, config):
    with _pair(tmp_path, config) as pair:
        _other_spelling(pair.data)
        v11, v12 = pair.run_both()
    assert v11 and v11 == v12


def test_named_holidays_become_the_dated_exceptions_v11_writes(tmp_path, config):
    world = s.build_world()
    youth = next(c for c in world.channels if c["id"] == s.CH_YOUTH)
    youth["serviceHours"] = [b.weekly_hours({"mon": ("14:00", "20:00")}), b.exceptional_hours("2026-12-24", closed=True),
                             b.exceptional_hours("2027-03-26", opens="10:00", closes="12:00")]
    with _pair(tmp_path, config, world) as pair:
        hours = pair.data.channels[s.CH_YOUTH]["serviceHours"]
        hours["hours"] = hours["hours"][:1]
        hours["holidayServiceHours"] = {
            "repetition": {"type": "RepetitionInSelectedYears", "years": [2026, 2027]},
            "holidays": [{"holidayName": "ChristmasEve", "hours": []},
                         {"holidayName": "GoodFriday", "hours": [{"start": "10:00", "end": "12:00", "openingStatus": "Open",
                                                                  "additionalInformation": {}}]}]}
        v11, v12 = pair.run_both()
    record = v12[f"ptv-{s.YOUTH}.md"]
    assert "start: '2026-12-24'" in record and "start: '2027-03-26'" in record  # Good Friday 2027
    # 2027-12-24 (Christmas Eve of the second year) is an exception v11 did not have:
    assert record.replace("    - start: '2027-12-24'\n      closed: true\n", "") == v11[f"ptv-{s.YOUTH}.md"]


def test_a_service_the_adapter_cannot_read_fails_alone_and_keeps_its_record(tmp_path, config, monkeypatch):
    with _pair(tmp_path, config) as pair:
        v.run(config, tmp_path / "out", "v12", pair.v12.base_url, api_key=v.KEY)
        before = v.files(tmp_path / "out")
        real = shape.service

        def odd(raw, lookups):
            if raw.get("contentId") == s.LIBRARY:
                raise TypeError("an unexpected shape")
            return real(raw, lookups)

        monkeypatch.setattr(shape, "service", odd)
        report = v.run(config, tmp_path / "out", "v12", pair.v12.base_url, api_key=v.KEY)
    reasons = {i["id"]: i["reason"] for i in report.invalid}
    assert sorted(reasons) == sorted([f"ptv-{s.BROKEN}", f"ptv-{s.LIBRARY}"])
    assert "could not be read (TypeError: an unexpected shape)" in reasons[f"ptv-{s.LIBRARY}"]
    assert v.files(tmp_path / "out") == before  # the previous library record is kept


_ODD = [None, 0, 7.5, "", "x", [], {}, [None], {"fi": None}, True]


def _scramble(value, rng):
    """Replace about one value in 25 anywhere in a JSON tree with a value of another type."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in list(items):
        if rng.random() < 0.04:
            value[key] = rng.choice(_ODD)
        else:
            _scramble(child, rng)


@pytest.mark.parametrize("seed", range(6))
def test_odd_values_in_v12_answers_never_crash_the_run(tmp_path, config, seed):
    rng = random.Random(seed)
    with _pair(tmp_path, config) as pair:
        for obj in [*pair.data.services.values(), *pair.data.channels.values(), *pair.data.organizations.values()]:
            content = obj["contentId"]
            _scramble(obj, rng)
            obj["contentId"] = content
        for item in pair.data.connections:
            ids = item["serviceContentId"], item["channelContentId"]
            _scramble(item, rng)
            item["serviceContentId"], item["channelContentId"] = ids
        try:
            report = v.run(config, tmp_path / "out", "v12", pair.v12.base_url, api_key=v.KEY)
        except ImportFailure:
            return  # the scrambled fake itself failed (HTTP 500): the run stops cleanly
    assert report.status == "ok" and report.added


def test_services_of_a_county_are_found_through_its_municipalities(tmp_path, config):
    world = s.build_world()
    county = b.service("11111111-aaaa-4aaa-8aaa-0000000000c2", {"fi": "Perheneuvola", "sv": "Familjerådgivning"},
                       summary={"fi": "Tukea perheille."}, classes=["P3.7"], target_groups=["KR1.2"],
                       organization=(s.ORG_VANTAA, "Vantaan kaupunki"))
    county["areas"] = [{"type": "WellbeingServiceCounties", "code": "31", "name": None,
                        "municipalities": [b.municipality("092"), b.municipality("245")]}]
    world.services.append(county)
    with _pair(tmp_path, config, world) as pair:
        assert pair.data.services[county["id"]]["area"]["wellbeingServicesCounties"] == ["31"]
        v11, v12 = pair.run_both()
        searched = [r for r in pair.v12.requests if "wellbeingServicesCounties=31" in r]
    name = f"ptv-{county['id']}.md"
    assert name in v11 and v12 == v11
    assert "municipalities:\n- 092\n- '245'" in v12[name] and searched


class _LastValueOnly(V12Server):
    """A server that reads only the last value of a repeated parameter."""

    def resolve(self, path, params):
        return super().resolve(path, {key: values[-1:] for key, values in params.items()})


def test_a_server_that_reads_one_value_per_parameter_still_gives_every_record(tmp_path, config):
    with _pair(tmp_path, config) as pair:
        v11, _ = pair.run_both()
        with _LastValueOnly(pair.data, api_key=v.KEY, max_page_size=3) as naive:
            v.run(config, tmp_path / "naive", "v12", naive.base_url, api_key=v.KEY)
    assert v11 and v.files(tmp_path / "naive") == v11


def test_a_request_without_the_key_is_refused_with_401(tmp_path, config):
    from importers.common.http import HttpClient, RetryPolicy
    from importers.ptv.v12 import V12Api

    with _pair(tmp_path, config) as pair:
        api = V12Api(HttpClient(pair.v12.base_url, retry=RetryPolicy(attempts=1)), s.make_settings(config, api_version="v12"))
        with pytest.raises(ImportFailure, match=r"HTTP 401 \(http://127.0.0.1:\d+/api/v12/[a-z-/]+\): the API key in \$PTV_API_KEY"):
            list(api.area_services("Municipality", "092", include_nationwide=False))
        assert "x-api-key" not in pair.v12.headers[-1]


# --- Sámi texts: kept where the area configures them as content languages -----------------------

SAMI_SERVICE = "11111111-aaaa-4aaa-8aaa-0000000000d1"
CH_SAMI = "22222222-bbbb-4bbb-8bbb-0000000000d1"


def _sami_world() -> b.World:
    world = s.build_world()
    world.channels.append(b.location_channel(
        CH_SAMI, {"fi": "Saamelaistalo", "se": "Sámi dállu", "smn": "Säämi tálu"}, s.ORG_VANTAA,
        street={"fi": "Kielotie"}, number="30", postal_code="01300", post_office=s.FI_SV, municipality_code="092",
        lat=60.2931, lon=25.0390, languages=["fi", "se"],
        hours=[b.weekly_hours({"wed": ("12:00", "16:00")}, info={"fi": "Kahvila auki.", "se": "Kafea lea rabas."})]))
    world.services.append(b.service(
        SAMI_SERVICE, {"fi": "Saamelaiskulttuurin ilta", "se": "Sámi kultuvrra eahkes", "smn": "Sämikulttuur eehid",
                       "sms": "Sääʹmkulttuur ǩiõčč"},
        summary={"fi": "Saamelaista musiikkia ja kertomuksia.", "se": "Sámi musihkka ja muitalusat.",
                 "sms": "Sääʹm muusik."},
        description={"fi": "Tervetuloa kaikki.", "se": "Buresboahtin buohkat."},
        instructions={"fi": "Ei ilmoittautumista.", "se": "Ii dárbbaš dieđihit."},
        keywords=[("fi", "saamelaiskulttuuri"), ("se", "sámekultuvra")],
        classes=["P27.1"], languages=["fi", "se"], organization=(s.ORG_VANTAA, "Vantaan kaupunki"),
        channels=[b.connection(CH_SAMI, "Saamelaistalo")]))
    return world


def test_sami_texts_are_kept_when_configured_and_v11_v12_agree(tmp_path, config):
    sami = with_content_languages(tmp_path, ["fi", "sv", "en", "se", "smn", "sms"])
    with _pair(tmp_path, sami, _sami_world()) as pair:
        v11, v12 = pair.run_both()
        assert v.outcome(pair.reports["v11"]) == v.outcome(pair.reports["v12"])
    assert v11 and v11 == v12
    text = v12[f"ptv-{SAMI_SERVICE}.md"]
    assert ("title:\n  fi: Saamelaiskulttuurin ilta\n  se: Sámi kultuvrra eahkes\n  smn: Sämikulttuur eehid\n"
            "  sms: Sääʹmkulttuur ǩiõčč\n") in text
    assert "summary:\n  fi: Saamelaista musiikkia ja kertomuksia.\n  se: Sámi musihkka ja muitalusat.\n  sms: Sääʹm muusik.\n" in text
    assert "- name:\n    fi: Saamelaistalo\n    se: Sámi dállu\n    smn: Säämi tálu\n" in text
    assert "    note:\n      fi: Kahvila auki.\n      se: Kafea lea rabas.\n" in text
    assert "sámekultuvra" in text
    # the Sámi description, with the instructions after it (no Sámi heading word is known)
    assert text.endswith("::: se\nBuresboahtin buohkat.\n\nIi dárbbaš dieđihit.\n")
    assert "::: fi\nTervetuloa kaikki.\n\n### Ohjeet\n\nEi ilmoittautumista.\n" in text
    # every other record is the same as without Sámi configured
    with _pair(tmp_path / "plain", config, _sami_world()) as pair:
        plain, _ = pair.run_both()
    assert {k: t for k, t in v12.items() if SAMI_SERVICE not in k} == {k: t for k, t in plain.items() if SAMI_SERVICE not in k}


def test_sami_texts_are_left_out_when_not_configured(tmp_path, config):
    assert config.languages.content == ["fi", "sv", "en"]
    with _pair(tmp_path, config, _sami_world()) as pair:
        v11, v12 = pair.run_both()
    assert v11 and v11 == v12
    text = v12[f"ptv-{SAMI_SERVICE}.md"]
    assert "title:\n  fi: Saamelaiskulttuurin ilta\n" in text
    for word in ("Sámi", "Säämi", "Sääʹm", "sámekultuvra", "Kafea", "::: se", "  se:", "  smn:", "  sms:"):
        assert word not in text
