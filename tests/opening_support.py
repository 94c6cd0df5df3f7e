"""Helpers for the opening-hours tests: write the search's hours file for records and ask both the
JS evaluator (theme/static/js/opening-hours.js under Node) and the Python reference
(tarjotin/opening_hours.py) whether each record is open now / open today at given moments."""

from __future__ import annotations

import json
import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tarjotin.filters.opening import ScheduleTable, b36, hours_file
from tarjotin.opening_hours import Holidays, open_now, open_today, places_of
from tests.site_support import ROOT

RUNNER = ROOT / "tests" / "js" / "run_hours.js"
HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = ZoneInfo("UTC")


def local(text: str) -> datetime:
    """'2026-11-24 15:59' as a Helsinki wall-clock moment."""
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def js_answers(records, moments: list[datetime], *, today: date, folder: Path,
               timezone: str = "Europe/Helsinki") -> tuple[dict[tuple[str, datetime], tuple[bool, bool]], list]:
    """{(record id, moment): (open now, open today)} from the JS evaluator, and its local times."""
    data = hours_file(records, today=today, timezone=timezone)
    path = folder / "hours.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    number = ScheduleTable(records).number
    docs = [b36(number[r.id]) if r.id in number else "" for r in records]
    pairs = [(doc, moment) for doc in range(len(records)) for moment in moments]
    cases = [[doc, int(moment.timestamp() * 1000)] for doc, moment in pairs]
    answer = run_hours({"file": str(path), "docs": docs, "cases": cases})
    out = {(records[doc].id, moment): (now, today_) for (doc, moment), (now, today_) in zip(pairs, answer["answers"])}
    return out, answer["local"]


def run_hours(command: dict) -> dict:
    """Run tests/js/run_hours.js with `command`; its JSON answer."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(command, fh)
    try:
        result = subprocess.run(["node", str(RUNNER), fh.name], capture_output=True, text=True, timeout=120)
    finally:
        Path(fh.name).unlink()
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def py_answers(records, moments: list[datetime], *, today: date,
               timezone: str = "Europe/Helsinki") -> dict[tuple[str, datetime], tuple[bool, bool]]:
    """The same from the Python reference."""
    tz, holidays = ZoneInfo(timezone), Holidays.around(today)
    out = {}
    for record in records:
        places = places_of(record)
        for moment in moments:
            out[(record.id, moment)] = (open_now(places, moment, tz, holidays), open_today(places, moment, tz, holidays))
    return out
