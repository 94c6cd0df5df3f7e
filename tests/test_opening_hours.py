""""Open now" and "open today" (theme/static/js/opening-hours.js under Node, and the Python
reference tarjotin/opening_hours.py) with the clock set to chosen moments in Europe/Helsinki:
a weekday evening, exceptions, public holidays, past midnight, the DST changes, no hours."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tarjotin.filters import FilterContext
from tarjotin.filters.opening import day_number, hours_file, schedule_entry
from tarjotin.opening_hours import easter_sunday, finnish_holidays
from tests.opening_support import js_answers, local, py_answers, run_hours, utc
from tests.search_support import record, write_bundle

BUILD_DAY = date(2026, 11, 23)   # a Monday; the fixture site's build day

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
ALL_DAYS = WEEKDAYS + ["sat", "sun"]


def place(hours, name="Paikka"):
    return {"name": {"fi": name}, "opening_hours": hours}


def office(id="local-virasto", **extra):
    """Mon–Fri 08:00–16:00 at its one location."""
    return record(id, locations=[place({"weekly": [{"days": WEEKDAYS, "opens": "08:00", "closes": "16:00"}], **extra})])


def check(tmp_path, records, expected: dict, today: date = BUILD_DAY):
    """expected: {(record id, moment): (open now, open today)}; JS and Python must both give it."""
    moments = sorted({moment for _id, moment in expected})
    js, _local = js_answers(records, moments, today=today, folder=tmp_path)
    py = py_answers(records, moments, today=today)
    for key, want in expected.items():
        assert js[key] == want, f"JS: {key[0]} at {key[1].isoformat()}: got {js[key]}, want {want}"
        assert py[key] == want, f"Python: {key[0]} at {key[1].isoformat()}: got {py[key]}, want {want}"


def test_weekday_evening_closes_at_16(tmp_path):
    rid = "local-virasto"
    check(tmp_path, [office()], {
        (rid, local("2026-11-24 07:59")): (False, True),
        (rid, local("2026-11-24 08:00")): (True, True),
        (rid, local("2026-11-24 15:59")): (True, True),
        (rid, local("2026-11-24 16:00")): (False, True),
        (rid, local("2026-11-24 21:30")): (False, True),
        (rid, local("2026-11-29 12:00")): (False, False),     # Sunday
    })


def test_exceptions_close_a_day_and_give_other_hours(tmp_path):
    records = [office(exceptions=[
        {"start": "2026-12-01", "closed": True},                                     # a Tuesday
        {"start": "2026-12-02", "opens": "10:00", "closes": "12:00"},                # a Wednesday
        {"start": "2026-12-24", "opens": "10:00", "closes": "13:00"},                # Christmas Eve: open
        {"start": "2027-06-01", "end": "2027-08-15", "days": WEEKDAYS, "opens": "10:00", "closes": "14:00"},
        {"start": "2027-06-10", "closed": True},                                     # inside the summer
    ])]
    rid = "local-virasto"
    check(tmp_path, records, {
        (rid, local("2026-11-30 12:00")): (True, True),
        (rid, local("2026-12-01 12:00")): (False, False),
        (rid, local("2026-12-02 09:00")): (False, True),
        (rid, local("2026-12-02 11:00")): (True, True),
        (rid, local("2026-12-02 13:00")): (False, True),
        (rid, local("2026-12-24 12:30")): (True, True),      # a holiday, but the data says open
        (rid, local("2026-12-24 13:00")): (False, True),
        (rid, local("2027-06-09 13:30")): (True, True),      # summer hours
        (rid, local("2027-06-09 15:00")): (False, True),     # weekly hours would say open
        (rid, local("2027-06-10 12:00")): (False, False),    # the shorter period wins
        (rid, local("2027-06-12 12:00")): (False, False),    # a Saturday of the summer: no hours
    })


def test_public_holidays_without_an_exception_are_not_open(tmp_path):
    records = [
        office(),
        record("local-joka-paiva", locations=[place({"weekly": [{"days": ALL_DAYS, "opens": "10:00", "closes": "18:00"}]})]),
        record("local-paivystys", opening_hours={"open_24h": True}),
        record("local-aina-auki", opening_hours={"weekly": [{"days": ALL_DAYS, "opens": "00:00", "closes": "24:00"}]}),
    ]
    noon_independence = local("2026-12-06 12:00")        # a Sunday
    noon_epiphany = local("2027-01-06 12:00")            # a Wednesday
    after = local("2027-01-07 12:00")
    midsummer_eve = local("2027-06-25 12:00")            # a Friday
    check(tmp_path, records, {
        ("local-virasto", noon_epiphany): (False, False),
        ("local-virasto", after): (True, True),
        ("local-virasto", midsummer_eve): (False, False),
        ("local-joka-paiva", noon_independence): (False, False),
        ("local-joka-paiva", local("2026-12-07 12:00")): (True, True),
        ("local-paivystys", noon_independence): (True, True),
        ("local-paivystys", noon_epiphany): (True, True),
        ("local-aina-auki", noon_epiphany): (True, True),     # round the clock every day, written out
    })


def test_a_build_older_than_the_holiday_list_says_only_round_the_clock_places_are_open(tmp_path):
    records = [office(), record("local-paivystys", opening_hours={"open_24h": True})]
    late = local("2028-01-11 12:00")      # a Tuesday, 414 days after the build
    check(tmp_path, records, {("local-virasto", late): (False, False), ("local-paivystys", late): (True, True)})


@pytest.mark.parametrize("weekly", [
    [{"days": ["fri"], "opens": "22:00", "closes": "02:00"}],
    [{"days": ["fri"], "opens": "22:00", "closes": "24:00"}, {"days": ["sat"], "opens": "00:00", "closes": "02:00"}],
], ids=["one range", "two ranges"])
def test_hours_past_midnight(tmp_path, weekly):
    rid = "local-yokahvila"
    check(tmp_path, [record(rid, opening_hours={"weekly": weekly})], {
        (rid, local("2026-11-27 21:59")): (False, True),
        (rid, local("2026-11-27 22:00")): (True, True),
        (rid, local("2026-11-27 23:59")): (True, True),
        (rid, local("2026-11-28 00:00")): (True, True),
        (rid, local("2026-11-28 01:59")): (True, True),
        (rid, local("2026-11-28 02:00")): (False, True),
        (rid, local("2026-11-29 01:00")): (False, False),
        (rid, local("2026-11-26 23:00")): (False, False),
    })


def test_closing_at_24_00_is_midnight(tmp_path):
    rid = "local-ilta"
    hours = {"weekly": [{"days": ["mon", "tue"], "opens": "18:00", "closes": "24:00"}]}
    check(tmp_path, [record(rid, opening_hours=hours)], {
        (rid, local("2026-11-24 23:59")): (True, True),
        (rid, local("2026-11-25 00:00")): (False, False),    # Wednesday: nothing runs into it
        (rid, local("2026-11-24 00:30")): (False, True),     # Monday's hours end at midnight
    })


def test_dst_starts_last_sunday_of_march(tmp_path):
    # 2027-03-28 04:00 UTC+2 → 04:00 UTC+3 (02:59:59 EET is followed by 04:00 EEST). It is
    # Easter Sunday too, so only hours given for the date count.
    night = record("local-yo", opening_hours={"exceptions": [{"start": "2027-03-28", "opens": "00:00", "closes": "04:00"}]})
    early = record("local-aamu", opening_hours={"exceptions": [{"start": "2027-03-28", "opens": "03:30", "closes": "05:00"}]})
    records = [night, early, office()]
    check(tmp_path, records, {
        ("local-yo", utc("2027-03-28 00:59")): (True, True),         # 02:59 EET
        ("local-yo", utc("2027-03-28 01:00")): (False, True),        # 04:00 EEST
        ("local-aamu", utc("2027-03-28 00:30")): (False, True),      # 02:30 EET
        ("local-aamu", utc("2027-03-28 01:00")): (True, True),       # 04:00 EEST
        ("local-aamu", utc("2027-03-28 01:59")): (True, True),       # 04:59 EEST
        ("local-aamu", utc("2027-03-28 02:00")): (False, True),      # 05:00 EEST
        # 08:00 in Helsinki is 06:00 UTC before the change and 05:00 UTC after it
        ("local-virasto", utc("2027-03-26 05:59")): (False, False),  # Good Friday
        ("local-virasto", utc("2027-03-25 05:59")): (False, True),
        ("local-virasto", utc("2027-03-25 06:00")): (True, True),
        ("local-virasto", utc("2027-03-30 04:59")): (False, True),
        ("local-virasto", utc("2027-03-30 05:00")): (True, True),
        ("local-virasto", utc("2027-03-30 12:59")): (True, True),    # 15:59 EEST
        ("local-virasto", utc("2027-03-30 13:00")): (False, True),   # 16:00 EEST
    })


@pytest.mark.parametrize("day, today", [("2026-10-25", date(2026, 10, 20)), ("2027-10-31", BUILD_DAY)])
def test_dst_ends_last_sunday_of_october(tmp_path, day, today):
    # 04:00 EEST (UTC+3) → 03:00 EET (UTC+2) at 01:00 UTC: 03:00–03:59 happens twice.
    rid = "local-sunnuntaiyo"
    hours = {"weekly": [{"days": ["sun"], "opens": "00:00", "closes": "03:30"},
                        {"days": ["sun"], "opens": "12:00", "closes": "16:00"}]}
    check(tmp_path, [record(rid, opening_hours=hours)], {
        (rid, utc(f"{day} 00:20")): (True, True),      # 03:20 EEST
        (rid, utc(f"{day} 00:40")): (False, True),     # 03:40 EEST
        (rid, utc(f"{day} 01:10")): (True, True),      # 03:10 EET, the second time
        (rid, utc(f"{day} 01:30")): (False, True),     # 03:30 EET
        (rid, utc(f"{day} 09:59")): (False, True),     # 11:59 EET
        (rid, utc(f"{day} 10:00")): (True, True),      # 12:00 EET
        (rid, utc(f"{day} 13:59")): (True, True),      # 15:59 EET
        (rid, utc(f"{day} 14:00")): (False, True),     # 16:00 EET
    }, today=today)


def test_records_without_structured_hours_are_neither(tmp_path):
    records = [
        record("local-ei-aikoja"),
        record("local-vain-huomautus", opening_hours={"note": {"fi": "Ajanvarauksella."}}),
        record("local-paikka-ilman-aikoja", locations=[{"name": {"fi": "Talo"}}]),
    ]
    moments = [local("2026-11-24 12:00"), local("2026-11-29 03:00")]
    check(tmp_path, records, {(r.id, m): (False, False) for r in records for m in moments})
    assert hours_file(records, today=BUILD_DAY, timezone="Europe/Helsinki")["schedules"] == []
    assert [schedule_entry(r, FilterContext(config=None, lang="fi", labels=None, records=records)) for r in records] == ["", "", ""]


def test_a_record_is_open_when_its_own_hours_or_one_of_its_locations_say_so(tmp_path):
    rec = record("local-monta-paikkaa", opening_hours={"weekly": [{"days": ["sat"], "opens": "10:00", "closes": "12:00"}]},
                 locations=[place({"weekly": [{"days": ["mon"], "opens": "08:00", "closes": "10:00"}]}, "A"),
                            place({"weekly": [{"days": ["mon"], "opens": "12:00", "closes": "14:00"}]}, "B"),
                            {"name": {"fi": "C"}}])
    rid = rec.id
    check(tmp_path, [rec], {
        (rid, local("2026-11-30 09:00")): (True, True),
        (rid, local("2026-11-30 11:00")): (False, True),
        (rid, local("2026-11-30 13:00")): (True, True),
        (rid, local("2026-11-28 11:00")): (True, True),
        (rid, local("2026-11-29 11:00")): (False, False),
    })


def test_local_time_comes_from_the_site_time_zone_not_the_device(tmp_path):
    rid = "local-virasto"
    moment = utc("2026-11-24 14:30")      # 16:30 in Helsinki, 15:30 in Stockholm, 14:30 UTC
    for tz, want in (("Europe/Helsinki", (False, True)), ("Europe/Stockholm", (True, True))):
        records = [office()]
        data_js, local_times = js_answers(records, [moment], today=BUILD_DAY, folder=tmp_path, timezone=tz)
        assert data_js[(rid, moment)] == want, tz
        assert py_answers(records, [moment], today=BUILD_DAY, timezone=tz)[(rid, moment)] == want, tz
    assert local_times == [[day_number(date(2026, 11, 24)), 15 * 60 + 30]]


def test_finnish_holidays():
    assert [easter_sunday(y) for y in (2026, 2027, 2028)] == [date(2026, 4, 5), date(2027, 3, 28), date(2028, 4, 16)]
    days = finnish_holidays(date(2026, 1, 1), date(2026, 12, 31))
    assert len(days) == 15
    assert {days[date(2026, 6, 19)], days[date(2026, 6, 20)], days[date(2026, 10, 31)], days[date(2026, 5, 14)]} == {
        "juhannusaatto", "juhannuspäivä", "pyhäinpäivä", "helatorstai"}
    from dateutil.easter import easter   # Pelican's own dependency: an independent computus
    assert all(easter(year) == easter_sunday(year) for year in range(1900, 2200))


def test_the_search_engine_matcher_counts_and_goes_stale_at_a_closing_time(tmp_path, config):
    records = [office(), office("local-toinen-virasto"), record("local-paivystys", opening_hours={"open_24h": True}),
               record("local-ei-aikoja")]
    write_bundle(records, config, "fi", tmp_path)
    (tmp_path / "hours.json").write_text(json.dumps(hours_file(records, today=BUILD_DAY, timezone="Europe/Helsinki")))
    moments = [local("2026-11-24 15:58"), local("2026-11-24 15:59"), local("2026-11-24 16:00"), local("2026-11-24 16:01")]
    answer = run_hours({"file": str(tmp_path / "hours.json"), "facets": str(tmp_path / "facets.json"), "group": "auki",
                        "searches": [{"state": {"q": "", "filters": {"auki": ["nyt"]}}, "now": int(m.timestamp() * 1000),
                                      "today": 20261124} for m in moments]})
    results = answer["results"]
    assert [len(r["docs"]) for r in results] == [3, 3, 1, 1]
    assert [r["counts"] for r in results] == [[3, 3], [3, 3], [1, 3], [1, 3]]
    # before each search: did the answers change since the previous one? (the page then searches again)
    assert [r["staleBefore"] for r in results] == [True, False, True, False]
    assert not any(r["staleAfter"] for r in results)
