"""The browser's "open now" / "open today" (theme/static/js/opening-hours.js, from the encoded
hours file) agrees with the Python reference (tarjotin/opening_hours.py, from the records) on
generated hours and moments: weekly ranges past midnight and to 24:00, overlapping exceptions,
round-the-clock places, holidays, the DST changes and days outside the holiday list."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.opening_support import UTC, js_answers, py_answers
from tests.search_support import record

BUILD_DAY = date(2026, 11, 23)
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
#: Moments around which the local clock jumps (Europe/Helsinki), in UTC.
DST_CHANGES = [datetime(2027, 3, 28, 1, tzinfo=UTC), datetime(2027, 10, 31, 1, tzinfo=UTC)]

times = st.one_of(
    st.sampled_from(["00:00", "24:00", "08:00", "16:00", "22:00", "02:00", "03:30", "12:00"]),
    st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from([0, 15, 30, 45, 59])),
)
weekdays = st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True)
days_in_range = st.integers(-10, 420).map(lambda n: BUILD_DAY + timedelta(days=n))


@st.composite
def time_range(draw):
    opens = draw(times.filter(lambda t: t != "24:00"))
    closes = draw(times.filter(lambda t: t != opens))
    return {"days": draw(weekdays), "opens": opens, "closes": closes}


@st.composite
def exception(draw):
    start = draw(days_in_range)
    item = {"start": start.isoformat()}
    if draw(st.booleans()):
        item["end"] = (start + timedelta(days=draw(st.integers(0, 60)))).isoformat()
    if draw(st.booleans()):
        item["days"] = draw(weekdays)
    if draw(st.integers(0, 2)) == 0:
        item["closed"] = True
    else:
        item["opens"], item["closes"] = draw(times.filter(lambda t: t != "24:00")), draw(times)
    return item


@st.composite
def hours(draw):
    out = {"weekly": draw(st.lists(time_range(), max_size=4)), "exceptions": draw(st.lists(exception(), max_size=3))}
    if draw(st.integers(0, 5)) == 0:
        out["open_24h"] = True
    if not (out["weekly"] or out["exceptions"] or out.get("open_24h")):
        out["note"] = {"fi": "Ajanvarauksella."}
    return out


@st.composite
def records(draw):
    found = []
    for n in range(draw(st.integers(1, 25))):
        fields = {}
        if draw(st.booleans()):
            fields["opening_hours"] = draw(hours())
        fields["locations"] = [{"name": {"fi": f"Paikka {k}"}, **({"opening_hours": draw(hours())} if draw(st.booleans()) else {})}
                               for k in range(draw(st.integers(0, 2)))]
        found.append(record(f"local-r{n}", **fields))
    return found


moments = st.one_of(
    st.integers(-3 * 1440, 430 * 1440).map(lambda m: datetime(2026, 11, 23, tzinfo=UTC) + timedelta(minutes=m)),
    st.builds(lambda change, m: change + timedelta(minutes=m), st.sampled_from(DST_CHANGES), st.integers(-180, 180)),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(recs=records(), when=st.lists(moments, min_size=1, max_size=25, unique=True))
def test_js_and_python_agree(tmp_path, recs, when):
    js, _local = js_answers(recs, when, today=BUILD_DAY, folder=tmp_path)
    py = py_answers(recs, when, today=BUILD_DAY)
    differ = {key: (js[key], py[key]) for key in py if js[key] != py[key]}
    assert not differ, f"{len(differ)} differ, e.g. {next(iter(differ.items()))}"
    # "open now" implies "open today"
    assert all(today for now, today in py.values() if now)
