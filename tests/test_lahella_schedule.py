"""Schedules: weekly times (weekday 1 = Monday) → opening hours, dated events in the record's time
zone across the daylight-saving change, breaks, validity, past and ended schedules."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from importers.lahella import builders as b
from importers.lahella.schedule import (
    event_time,
    is_running,
    opening_hours,
    parse_instant,
    read_event,
    read_events,
)

HKI = ZoneInfo("Europe/Helsinki")
TODAY = date(2026, 11, 23)


def test_weekday_one_is_monday_and_seven_is_sunday():
    schedule = read_event(b.weekly("2026-08-17", (1, "10:00", "11:00"), (7, "17:00", "19:00"),
                                   (3, "10:00", "11:00")), "Europe/Helsinki")
    hours = opening_hours(schedule, TODAY)
    assert hours == {"weekly": [{"days": ["mon", "wed"], "opens": "10:00", "closes": "11:00"},
                                {"days": ["sun"], "opens": "17:00", "closes": "19:00"}]}


def test_bad_weekdays_and_times_are_warnings_not_crashes():
    event = b.weekly("2026-08-17", (0, "10:00", "11:00"), (8, "10:00", "11:00"), (2, "25:00", "26:00"),
                     (4, "18:00", "18:00"), (5, "9.30", "11"))
    schedule = read_event(event, "Europe/Helsinki")
    # weekdays 0 and 8, start 25:00, an end equal to the start; "9.30"–"11" is read as 09:30–11:00
    assert [w[0] for w in schedule.warnings].count("bad_schedule") == 4
    assert schedule.weekly[0].spans == [(4, "09:30", "11:00")]


def test_breaks_become_one_closed_period_per_run_of_missed_meetings():
    # Tuesdays; 22.12, 29.12 and 5.1 are off (one Christmas break); 16.2 alone (winter holiday).
    event = b.weekly("2026-08-18", (2, "18:00", "19:30"), until="2027-05-25",
                     exclude=["2026-12-22", "2026-12-29", "2027-01-05", "2027-02-16", "2026-10-20"])
    hours = opening_hours(read_event(event, "Europe/Helsinki"), TODAY)
    assert hours["exceptions"] == [
        {"start": "2026-12-22", "end": "2027-01-05", "closed": True},
        {"start": "2027-02-16", "closed": True},
    ]  # the October break is already past
    assert hours["note"] == {"fi": "Voimassa 25.5.2027 asti.", "sv": "Gäller till 25.5.2027.", "en": "Runs until 25 May 2027."}


def test_every_other_week_and_a_future_course_are_noted():
    every_other = read_event(b.weekly("2026-08-18", (2, "13:00", "15:00"), period="P2W"), "Europe/Helsinki")
    assert opening_hours(every_other, TODAY)["note"]["fi"] == "Joka toinen viikko."
    course = read_event(b.weekly("2027-02-01", (1, "17:30", "20:30"), until="2027-02-22"), "Europe/Helsinki")
    assert opening_hours(course, TODAY)["note"] == {"fi": "Voimassa 1.2.2027–22.2.2027.", "sv": "Gäller 1.2.2027–22.2.2027.",
                                                   "en": "Runs 1 February 2027–22 February 2027."}
    monthly = read_event(b.weekly("2026-09-05", (6, "10:00", "12:00"), period="P1M"), "Europe/Helsinki")
    assert opening_hours(monthly, TODAY)["note"]["en"] == "Once a month."


def test_every_other_week_break_merges_over_the_weeks_without_a_meeting():
    # Meetings on 8.12, 22.12, 5.1, 19.1 …: 22.12 and 5.1 off is one break.
    event = b.weekly("2026-08-18", (2, "13:00", "15:00"), period="P2W", exclude=["2026-12-22", "2027-01-05"])
    assert opening_hours(read_event(event, "Europe/Helsinki"), TODAY)["exceptions"] == [
        {"start": "2026-12-22", "end": "2027-01-05", "closed": True}]


def test_ended_weekly_schedule_is_not_running():
    schedule = read_event(b.weekly("2026-01-12", (1, "10:00", "11:00"), until="2026-05-25"), "Europe/Helsinki")
    assert not is_running(schedule, TODAY) and opening_hours(schedule, TODAY) is None
    assert is_running(schedule, date(2026, 5, 25))


def test_event_on_the_day_daylight_saving_starts_stored_as_local_midnight_plus_times():
    # The admin UI stores the day at local midnight (2027-03-27T22:00Z, still winter time) and
    # the times as wall-clock strings: 09:00 that Sunday is already summer time (+03:00).
    event = b.single_day("2027-03-28", "09:00", "11:00")
    assert event["start"] == int(datetime(2027, 3, 27, 22, 0, tzinfo=timezone.utc).timestamp() * 1000)
    occurrence = read_event(event, "Europe/Helsinki").occurrences[0]
    assert occurrence.start.isoformat() == "2027-03-28T09:00:00+03:00"
    assert occurrence.end.isoformat() == "2027-03-28T11:00:00+03:00"
    assert occurrence.start.astimezone(timezone.utc).hour == 6  # not 07:00 UTC, as midnight + 9 h would give


def test_event_given_as_instants_across_the_change():
    occurrence = read_event(b.single("2027-03-27T22:00", "2027-03-28T04:00"), "Europe/Helsinki").occurrences[0]
    assert occurrence.start.isoformat() == "2027-03-27T22:00:00+02:00"
    assert occurrence.end.isoformat() == "2027-03-28T04:00:00+03:00"
    utc = timezone.utc
    assert (occurrence.end.astimezone(utc) - occurrence.start.astimezone(utc)).total_seconds() == 5 * 3600  # 03–04 is skipped


def test_autumn_change_and_other_time_zones():
    autumn = read_event(b.single_day("2026-10-25", "02:00", "05:00"), "Europe/Helsinki").occurrences[0]
    assert autumn.start.isoformat() == "2026-10-25T02:00:00+03:00" and autumn.end.isoformat() == "2026-10-25T05:00:00+02:00"
    stockholm = read_event(b.single_day("2027-03-28", "09:00", "11:00", tz="Europe/Stockholm"), "Europe/Helsinki")
    assert stockholm.occurrences[0].start.isoformat() == "2027-03-28T09:00:00+02:00"


def test_times_over_midnight_and_missing_end():
    late = read_event(b.single_day("2026-12-31", "22:00", "01:00"), "Europe/Helsinki").occurrences[0]
    assert late.end.isoformat() == "2027-01-01T01:00:00+02:00"
    no_end = read_event(b.single_day("2026-12-31", "22:00"), "Europe/Helsinki").occurrences[0]
    assert no_end.end is None


def test_date_range_and_untimed_days():
    festival = read_event(b.date_range("2027-02-12T17:00", "2027-02-14T16:00"), "Europe/Helsinki").occurrences[0]
    assert (festival.start.isoformat(), festival.end.isoformat()) == ("2027-02-12T17:00:00+02:00", "2027-02-14T16:00:00+02:00")
    days = read_event(b.date_range("2027-06-01", "2027-06-03"), "Europe/Helsinki").occurrences[0]
    assert not days.timed and days.start.isoformat() == "2027-06-01T00:00:00+03:00" and days.last_day == date(2027, 6, 3)


def test_odd_inputs():
    assert parse_instant("1798000000", HKI) == parse_instant(1798000000000, HKI)  # seconds or milliseconds
    assert parse_instant("2027-03-28T10:00", HKI).isoformat() == "2027-03-28T10:00:00+03:00"
    assert parse_instant("2027-03-28T07:00:00Z", HKI).isoformat() == "2027-03-28T10:00:00+03:00"
    assert parse_instant(True, HKI) is None and parse_instant("soon", HKI) is None and parse_instant(0, HKI) is None
    bad_zone = read_event({**b.single("2026-12-01T10:00"), "timeZone": "Mars/Olympus"}, "Europe/Helsinki")
    assert bad_zone.warnings[0][0] == "bad_time_zone" and bad_zone.occurrences[0].start.utcoffset().seconds == 7200
    backwards = read_event(b.single("2026-12-01T10:00", "2026-12-01T09:00"), "Europe/Helsinki")
    assert backwards.occurrences[0].end is None and backwards.warnings[0][0] == "bad_schedule"
    assert read_event({"type": "4"}, "Europe/Helsinki").warnings[0][0] == "bad_schedule"
    assert read_events("not a list", "Europe/Helsinki").occurrences == []
    unknown = read_event({**b.single("2026-12-01T10:00"), "type": "9"}, "Europe/Helsinki")
    assert unknown.warnings[0][0] == "unknown_code" and unknown.occurrences


def test_event_time_runs_from_the_next_date_to_the_last():
    schedule = read_events([b.single("2026-11-14T10:00", "2026-11-14T14:00"), b.single("2026-12-05T10:00", "2026-12-05T14:00"),
                            b.single_day("2026-12-12", "10:00", "14:00")], "Europe/Helsinki")
    assert event_time(schedule.occurrences, TODAY) == {"start": "2026-12-05T10:00:00+02:00", "end": "2026-12-12T14:00:00+02:00"}
    assert opening_hours(schedule, TODAY)["exceptions"] == [
        {"start": "2026-12-05", "opens": "10:00", "closes": "14:00"},
        {"start": "2026-12-12", "opens": "10:00", "closes": "14:00"}]
    assert event_time(schedule.occurrences, date(2026, 12, 13)) is None


@pytest.mark.parametrize("today, running", [(date(2026, 12, 12), True), (date(2026, 12, 13), False)])
def test_an_event_is_over_after_its_last_day(today, running):
    schedule = read_events([b.single("2026-12-12T23:00", "2026-12-13T01:00")], "Europe/Helsinki")
    assert is_running(schedule, today) is True  # it ends on the 13th
    schedule = read_events([b.single("2026-12-12T10:00", "2026-12-12T14:00")], "Europe/Helsinki")
    assert is_running(schedule, today) is running


def test_other_spellings_of_weekdays_times_and_gaps():
    event = b.weekly("2026-08-18", (2, "18:00:00", "19:30:00"))
    event["recurrence"]["daySpecificTimes"].append({"weekday": "Thursday", "startTime": "9", "endTime": "10.15"})
    event["recurrence"]["gap"] = "P2W"
    schedule = read_event(event, "Europe/Helsinki")
    assert schedule.weekly[0].spans == [(1, "18:00", "19:30"), (3, "09:00", "10:15")]
    assert schedule.weekly[0].period == "P2W" and schedule.warnings == []
