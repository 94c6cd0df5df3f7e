"""The PTV fuzz test (tests/test_ptv_fuzz.py) over every service and channel of the demo's recordings."""

from __future__ import annotations

import pytest

from tests.demo.conftest import DEMO_RECORDINGS
from tests.test_ptv_fuzz import (  # noqa: F401 - collected here with the demo's answers
    make_world,
    test_mutated_channels_never_crash,
    test_mutated_services_never_crash,
)


@pytest.fixture(scope="module")
def world(demo_config):
    ptv = DEMO_RECORDINGS / "ptv"
    return make_world(demo_config, ptv / "Service", ptv / "ServiceChannel", ptv / "Organization")


@pytest.fixture(scope="module")
def mutations():
    return 40, 25
