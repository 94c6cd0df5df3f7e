"""Shared fixtures: the engine tests' configuration, a real build of the fixture site, a browser.

Engine tests use `config` (tests/fixtures/tray.toml) and tests/fixtures/site/content, never the
repository's tray.toml, content/ or demo/: a county's fork replaces those and keeps a green suite.
The repository's own configuration and content are tested by tests/site/ (the site self-check)
and, when the demo is present, tests/demo/.
"""

from __future__ import annotations

import os

import pytest

from tarjotin.config import load_config
from tests.site_support import FIXTURE_CONTENT, TEST_CONFIG, built_site

# Code under test that falls back to the default configuration (load_config() without a path,
# the importers' command lines without --config) reads the tests' own, never tray.toml.
os.environ["TARJOTIN_CONFIG"] = str(TEST_CONFIG)


@pytest.fixture(scope="session")
def config():
    """The engine tests' configuration (tests/fixtures/tray.toml)."""
    return load_config(TEST_CONFIG)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """output/ of tests/fixtures/site/content, built once per session (today = 2026-11-23)."""
    return built_site(FIXTURE_CONTENT, tmp_path_factory.mktemp("fixture-site"))


# --- browser fixtures (tests marked `browser`) ---

@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser_support import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def fixture_url(fixture_site):
    from tests.browser_support import serve

    with serve(fixture_site) as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh browser context and page; script errors on the page fail the test."""
    # bypass_csp lets the tests inject axe-core; the pages themselves run under their own CSP.
    context = browser.new_context(bypass_csp=True, locale="fi-FI")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.script_errors = errors
    yield page
    context.close()
    assert errors == [], f"script or console errors: {errors}"
