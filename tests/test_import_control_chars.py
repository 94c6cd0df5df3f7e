"""NUL and other control characters in any text a source sends never reach a record file:
the importers remove them (tab and newline stay) and the records are imported as usual."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest

from importers.common.replay import ReplayServer
from importers.common.report import ImportReport
from importers.common.run import checked_record
from importers.common.text import clean_plain, without_control_characters
from tarjotin.model import validate_record
from tarjotin.recordfile import split_record_text
from tests.site_support import FIXTURE_CONTENT
from tests import lahella_support as ls
from tests import ptv_support as s

#: C0 controls but tab and newline, DEL and C1 controls: what no record file may hold.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
JUNK = "\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\x85\x9f\r"

#: Keys whose values are identifiers or vocabulary codes, which must match exactly to be read.
CODES = {"id", "_key", "language", "type", "code", "uri", "serviceChannelType", "publishingStatus", "status",
         "areaType", "serviceType", "municipality", "postalCode", "dayFrom", "dayTo", "from", "to",
         "serviceHourType", "validFrom", "validTo", "modified", "isClosed", "validForNow", "isOverMidnight",
         "latitude", "longitude", "coordinateState", "groups", "group", "key", "_type", "mode", "dates",
         "start", "end", "startDate", "endDate", "timezone", "weekday", "days", "created", "updated", "value_type",
         "coordinates", "lat", "lon", "businessCode", "organizationType", "roleType", "serviceChargeType"}


def poisoned(value: Any, key: str = "") -> Any:
    """`value` with control characters inside every string that is not an id or a code."""
    if isinstance(value, dict):
        return {k: poisoned(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poisoned(v, key) for v in value]
    if isinstance(value, str) and key not in CODES and len(value) > 1 and not _looks_like_a_code(value):
        middle = len(value) // 2
        return value[:middle] + JUNK + value[middle:]
    return value


def _looks_like_a_code(value: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z]{1,4}[0-9][0-9.]*|[0-9a-f-]{36}|[a-z_]+/[A-Za-z/_-]+|[a-z]{2}(-[A-Z]{2})?|"
                             r"[a-z]+_[a-z_]+|\d{4}-\d\d-\d\d.*|\d\d:\d\d(:\d\d)?|[A-Z][a-z]+[A-Z][A-Za-z]+", value))


def _records_are_clean(files: dict[str, bytes]) -> list[str]:
    return [f"{name}: {match!r}" for name, data in files.items()
            for match in CONTROL.findall(data.decode("utf-8"))]


def test_text_helpers_remove_controls_but_tab_and_newline():
    assert without_control_characters({"a\x00b": ["x\x1by\tz\nw\r\n", 3, None, "\x85\x7fq"]}) == \
        {"ab": ["xy\tz\nw\n", 3, None, "q"]}
    assert clean_plain("Uima\x00halli\x85 \x9f") == "Uimahalli"


@dataclass
class _Outcome:
    record: dict[str, Any]
    warnings: list[tuple[str, str]] = field(default_factory=list)
    title: str = ""


def _everywhere(value: Any) -> Any:
    """Control characters in every string, ids and codes included."""
    if isinstance(value, dict):
        return {k: _everywhere(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_everywhere(v) for v in value]
    return value[:1] + JUNK.replace("\r", "") + value[1:] if isinstance(value, str) and value else value


@pytest.mark.parametrize("path", sorted((FIXTURE_CONTENT / "records").glob("[pl]*/*.md")), ids=lambda p: p.stem)
def test_the_run_frame_cleans_every_field_before_validation(path, config):
    data, descriptions = split_record_text(path.read_text(encoding="utf-8"), path.name)
    data["description"] = descriptions
    report = ImportReport(source=data["source"])
    record = checked_record(_Outcome(_everywhere(data)), data["id"], config, report)
    assert report.invalid == [] and record == validate_record(data, config)


def test_ptv_records_hold_no_control_characters(tmp_path):
    config = s.default_config()
    world = s.build_world()
    recordings = tmp_path / "recordings"
    with ReplayServer(recordings) as server:
        h = s.Harness(recordings, tmp_path / "clean", server, world, config, s.make_settings(config))
        h.write()
        h.run()
        clean = h.files()
        world.services = poisoned(world.services)
        world.channels = poisoned(world.channels)
        world.organizations = poisoned(world.organizations)
        h.write()
        h.root = tmp_path / "poisoned"
        report = h.run()
    assert sorted(h.files()) == sorted(clean)  # every record still imported
    assert _records_are_clean(h.files()) == []
    assert not CONTROL.search((h.root / h.settings.report_path).read_text(encoding="utf-8"))
    assert not CONTROL.search(report.summary())


@pytest.fixture()
def lahella(tmp_path):
    config = s.default_config()
    activities = ls.world_activities()
    with ls.FakeLahella(activities, ls.groups()) as api:
        yield ls.Harness(api=api, root=tmp_path / "clean", config=config, settings=ls.make_settings(config)), tmp_path


def test_lahella_records_hold_no_control_characters(lahella):
    h, tmp_path = lahella
    h.run()
    clean = h.files()
    h.api.activities[:] = poisoned(h.api.activities)
    h.api.groups.update(poisoned(h.api.groups))
    h.root = tmp_path / "poisoned"
    report = h.run()
    assert sorted(h.files()) == sorted(clean)
    assert _records_are_clean(h.files()) == []
    assert not CONTROL.search((h.root / h.settings.report_path).read_text(encoding="utf-8"))
    assert not CONTROL.search(report.summary())
