"""PTV service hours → OpeningHours."""

from __future__ import annotations

from datetime import date

from importers.ptv import builders as b
from importers.ptv.hours import convert_hours, parse_day, parse_time
from tarjotin.model import OpeningHours

TODAY = date(2026, 11, 23)


def convert(rows):
    result, warnings = convert_hours(rows, TODAY)
    if result is not None:
        OpeningHours.model_validate(result)  # always valid for the record model
    return result, warnings


def test_weekly_rows_grouped_by_identical_times():
    result, _ = convert([b.weekly_hours({"mon": ("08:00", "16:00"), "tue": ("08:00", "16:00"), "sat": ("10:00", "14:00")})])
    assert result["weekly"] == [{"days": ["mon", "tue"], "opens": "08:00", "closes": "16:00"},
                                {"days": ["sat"], "opens": "10:00", "closes": "14:00"}]


def test_split_day_and_midnight():
    rows = [b.weekly_hours([("mon", "08:00", "12:00"), ("mon", "13:00", "16:00"), ("tue", "18:00", "00:00")])]
    result, _ = convert(rows)
    assert result["weekly"] == [{"days": ["mon"], "opens": "08:00", "closes": "12:00"},
                                {"days": ["mon"], "opens": "13:00", "closes": "16:00"},
                                {"days": ["tue"], "opens": "18:00", "closes": "24:00"}]


def test_over_midnight_and_longer_spans():
    rows = [b.weekly_hours({}, over_midnight={"fri": ("sat", "22:00", "04:00"), "sat": ("mon", "20:00", "06:00")})]
    result, _ = convert(rows)
    assert result["weekly"] == [  # in weekday order
        {"days": ["mon"], "opens": "00:00", "closes": "06:00"},
        {"days": ["fri"], "opens": "22:00", "closes": "04:00"},  # closes < opens = after midnight
        {"days": ["sat"], "opens": "20:00", "closes": "24:00"},
        {"days": ["sun"], "opens": "00:00", "closes": "24:00"},
    ]


def test_always_open_and_reservation_note():
    result, _ = convert([b.weekly_hours({}, always_open=True, reservation=True, info={"fi": "Päivystys"})])
    assert result["open_24h"] is True and result["weekly"] == []
    assert result["note"] == {"fi": "Ajanvarauksella. Päivystys", "sv": "Med tidsbokning.", "en": "By appointment."}


def test_exceptional_days_closed_and_special_hours():
    rows = [b.weekly_hours({"mon": ("08:00", "16:00")}),
            b.exceptional_hours("2026-12-24", until="2026-12-26", closed=True, info={"fi": "Joulu"}),
            b.exceptional_hours("2026-12-31", opens="08:00", closes="12:00"),
            b.exceptional_hours("2026-01-06", closed=True)]  # already past: dropped
    result, _ = convert(rows)
    assert result["exceptions"] == [
        {"start": "2026-12-24", "end": "2026-12-26", "closed": True, "note": {"fi": "Joulu"}},
        {"start": "2026-12-31", "opens": "08:00", "closes": "12:00"},
    ]


def test_seasonal_hours_become_exceptions_with_weekdays():
    rows = [b.weekly_hours({"mon": ("08:00", "20:00")}),
            b.weekly_hours({"mon": ("10:00", "18:00"), "tue": ("10:00", "18:00"), "wed": ("10:00", "16:00")},
                           valid_from="2027-06-01", valid_to="2027-08-15", info={"fi": "Kesä"})]
    result, _ = convert(rows)
    assert result["weekly"] == [{"days": ["mon"], "opens": "08:00", "closes": "20:00"}]
    period = {"start": "2027-06-01", "end": "2027-08-15", "note": {"fi": "Kesä"}}
    assert result["exceptions"] == [
        {**period, "days": ["mon", "tue"], "opens": "10:00", "closes": "18:00"},
        {**period, "days": ["wed"], "opens": "10:00", "closes": "16:00"},
        {**period, "days": ["thu", "fri", "sat", "sun"], "closed": True},
    ]


def test_the_regular_hours_in_force_today_win():
    rows = [b.weekly_hours({"mon": ("08:00", "16:00")}, valid_from="2025-01-01"),
            b.weekly_hours({"mon": ("09:00", "15:00")}, valid_from="2026-09-01"),
            b.weekly_hours({"mon": ("10:00", "14:00")}, valid_from="2027-01-01")]
    result, _ = convert(rows)
    assert result["weekly"] == [{"days": ["mon"], "opens": "09:00", "closes": "15:00"}]


def test_row_order_does_not_matter():
    rows = [b.weekly_hours({"tue": ("08:00", "16:00"), "mon": ("08:00", "16:00")}),
            b.exceptional_hours("2026-12-31", closed=True), b.exceptional_hours("2026-12-24", closed=True)]
    assert convert(rows) == convert(list(reversed(rows)))


def test_unreadable_rows_are_warnings_not_guesses():
    rows = [{"serviceHourType": "DaysOfTheWeek", "validFrom": None, "validTo": None, "isClosed": False,
             "isAlwaysOpen": False, "openingHour": [{"dayFrom": "Someday", "dayTo": "", "from": "08:00:00", "to": "x"}]},
            {"serviceHourType": "Exceptional", "validFrom": None, "isClosed": True, "openingHour": []}]
    result, warnings = convert(rows)
    assert result is None
    assert len(warnings) == 2


def test_empty():
    assert convert([]) == (None, [])
    assert convert(None) == (None, [])


def test_time_and_date_parsing():
    assert parse_time("08:00:00") == "08:00" and parse_time("8:5") == "08:05" and parse_time("24:00:00") == "24:00"
    assert parse_time("25:00") is None and parse_time("") is None
    assert parse_day("2026-12-24T00:00:00") == date(2026, 12, 24)
    assert parse_day("2026-12-23T22:00:00Z") == date(2026, 12, 24)  # UTC instant of Helsinki midnight
    assert parse_day("2026-06-18T21:00:00") == date(2026, 6, 19)  # naive evening = UTC (summer time)


def test_bad_periods_are_warnings_and_never_invalid_records():
    rows = [b.weekly_hours({"mon": ("10:00", "18:00")}, valid_from="2027-08-01", valid_to="2027-06-01"),
            b.exceptional_hours("2026-12-31", until="2026-12-20", opens="10:00", closes="12:00"),
            b.weekly_hours({}, over_midnight={"fri": ("sat", "22:00", "22:00")})]
    result, warnings = convert(rows)
    assert result["exceptions"] == [{"start": "2026-12-31", "opens": "10:00", "closes": "12:00"}]
    assert result["weekly"] == [{"days": ["fri"], "opens": "22:00", "closes": "24:00"},
                                {"days": ["sat"], "opens": "00:00", "closes": "22:00"}]
    assert len(warnings) == 2
