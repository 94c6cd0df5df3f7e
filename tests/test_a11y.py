"""axe-core in real headless Chromium: 0 WCAG 2.0/2.1/2.2 A/AA violations on each page type of the fixture
site, fi and sv (tests/site/ checks every page type of the repository's own site in each language)."""

from __future__ import annotations

import pytest

from tests.browser_support import describe, run_axe

pytestmark = pytest.mark.browser


def _first_record_path(site, lang_prefix, word):
    folder = site / lang_prefix / word if lang_prefix else site / word
    return f"{lang_prefix + '/' if lang_prefix else ''}{word}/{sorted(p.name for p in folder.iterdir())[0]}/"


@pytest.mark.parametrize("path", [
    "", "sv/",
    "teema/liikunta/", "sv/tema/mielen-hyvinvointi/",
    "a-o/", "sv/a-o/", "haku/", "en/",
    "saavutettavuusseloste/", "sv/tillganglighetsutlatande/", "en/accessibility-statement/",
    "avoin-data/", "sv/oppen-data/", "en/open-data/",
])
def test_pages_have_no_axe_violations(page, fixture_url, path):
    page.goto(f"{fixture_url}/{path}")
    violations = run_axe(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("lang_prefix,word", [("", "palvelu"), ("sv", "tjanst")])
def test_record_pages_have_no_axe_violations(page, fixture_site, fixture_url, lang_prefix, word):
    page.goto(f"{fixture_url}/{_first_record_path(fixture_site, lang_prefix, word)}")
    violations = run_axe(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("path", [
    "palvelu/ptv-6a1f0c2e-3b7d-4c1a-9e55-0d2b8f41a7c3/",   # fallback text in another language
    "sv/tjanst/local-tikkurila-kuntosali/",               # several locations, hours, exceptions
])
def test_edge_case_record_pages_have_no_axe_violations(page, fixture_url, path):
    page.goto(f"{fixture_url}/{path}")
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_axe_harness_catches_a_broken_page(page, fixture_url):
    """Guard against a harness that reports nothing: break a page on purpose and expect findings."""
    page.goto(f"{fixture_url}/")
    page.evaluate("""() => {
        document.documentElement.removeAttribute('lang');
        const img = document.createElement('img'); img.src = 'data:,'; document.body.appendChild(img);
        const input = document.createElement('input'); document.querySelector('main').appendChild(input);
    }""")
    ids = {v["id"] for v in run_axe(page)}
    assert {"html-has-lang", "image-alt", "label"} <= ids


def test_keyboard_skip_link_reaches_main(page, fixture_url):
    page.goto(f"{fixture_url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
