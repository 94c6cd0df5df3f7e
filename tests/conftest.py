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
def demo_url(demo_site):
    from tests.browser_support import serve

    with serve(demo_site) as url:
        yield url


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
