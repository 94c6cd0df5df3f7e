"""Shared fixtures: the configuration and real builds of the fixture site and the demo site."""

from __future__ import annotations

import pytest

from tarjotin.config import load_config
from tests.site_support import FIXTURE_CONTENT, ROOT, build_site


@pytest.fixture(scope="session")
def config():
    return load_config(ROOT / "tray.toml")


def _built(content, output):
    result = build_site(content, output)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return output


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """output/ of tests/fixtures/site/content, built once per session (today = 2026-11-23)."""
    return _built(FIXTURE_CONTENT, tmp_path_factory.mktemp("fixture-site"))


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """output/ of the bundled demo content/, built once per session."""
    return _built(ROOT / "content", tmp_path_factory.mktemp("demo-site"))
