"""PTV answers we have not seen: mutated services and channels never crash normalisation.

Every field of the hand-written answers in tests/fixtures/ptv/ (and, in tests/demo/, of the demo's
recorded answers) is, in turn, dropped or replaced by a value of another type (null, "", 0, "0",
[], {}, junk). Each service must come out as record data that validates,
as data that fails validation with a reason, or as a skip — never as an exception.
"""

from __future__ import annotations

import copy
import json
import random
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from importers.ptv import normalize as n
from importers.ptv.settings import load_settings
from tarjotin.model import validate_record
from tests.site_support import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "ptv"
REPLACEMENTS = [None, "", 0, "0", [], {}, "junk", -1, [None], {"value": None}, "2026-13-45T99:99:99"]


def _load(path: Path) -> dict[str, dict]:
    """Answers by id, from a recording folder (one file each) or a fixture file (one or a list)."""
    if path.is_dir():
        return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.json"))}
    value = json.loads(path.read_text(encoding="utf-8"))
    return {item["id"]: item for item in (value if isinstance(value, list) else [value])}


def _paths(value, prefix=()):
    """Every (path) to a value inside a JSON tree."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, prefix + (index,))


def _mutate(tree, path, replacement):
    tree = copy.deepcopy(tree)
    if not path:
        return replacement
    target = tree
    for step in path[:-1]:
        target = target[step]
    if replacement is _DROP and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = None if replacement is _DROP else replacement
    return tree


_DROP = object()


def make_world(config, services: Path, channels: Path, organizations: Path):
    return config, load_settings(config), _load(services), _load(channels), _load(organizations)


@pytest.fixture(scope="module")
def world(config):
    return make_world(config, FIXTURES / "service_family_counselling.json", FIXTURES / "channels.json",
                      FIXTURES / "organization.json")


@pytest.fixture(scope="module")
def mutations():
    """Mutated fields per service and per channel and seed (one service here: many of its fields)."""
    return 200, 60


def _normalise(world, service, channels):
    config, settings, _, _, organizations = world
    ctx = n.Context(config=config, settings=settings, channels=channels, organizations=organizations,
                    today=date(2026, 11, 23))
    outcome = n.normalise_service(service, ctx, listed_in_area=True)
    if outcome.record is not None:
        try:
            validate_record(outcome.record, config)
        except ValidationError:
            pass  # reported by id and reason by the importer
    return outcome


@pytest.mark.parametrize("seed", range(4))
def test_mutated_services_never_crash(world, mutations, seed):
    _, _, services, channels, _ = world
    rng = random.Random(seed)
    for service_id, service in services.items():
        paths = list(_paths(service))
        for path in rng.sample(paths, min(mutations[0], len(paths))):
            replacement = rng.choice(REPLACEMENTS + [_DROP])
            mutated = _mutate(service, path, replacement)
            if not isinstance(mutated, dict):
                continue
            try:
                _normalise(world, mutated, channels)
            except Exception as exc:  # noqa: BLE001 - the point of the test
                pytest.fail(f"service {service_id}: {path} = {replacement!r}: {type(exc).__name__}: {exc}")


@pytest.mark.parametrize("seed", range(4))
def test_mutated_channels_never_crash(world, mutations, seed):
    _, _, services, channels, _ = world
    rng = random.Random(100 + seed)
    for channel_id, channel in channels.items():
        paths = list(_paths(channel))
        linked = [s for s in services.values()
                  if channel_id in json.dumps(s.get("serviceChannels"))][:2]
        for path in rng.sample(paths, min(mutations[1], len(paths))):
            replacement = rng.choice(REPLACEMENTS + [_DROP])
            mutated = _mutate(channel, path, replacement)
            for service in linked:
                try:
                    _normalise(world, service, {**channels, channel_id: mutated if isinstance(mutated, dict) else None})
                except Exception as exc:  # noqa: BLE001
                    pytest.fail(f"channel {channel_id}: {path} = {replacement!r}: {type(exc).__name__}: {exc}")
