"""Finnish derivations in real headless Chromium (issue 14 item 3): the fixture site is built with
Voikko (plugins/search_index/morphology.py), so "liikkuminen", a form no fixture text has, finds
the records about "liikunta"; the page fetched the related-terms file of its stem first."""

from __future__ import annotations

import json

import pytest

from plugins.search_index import morphology

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(morphology.load("fi", warn=lambda line: None) is None,
                                 reason="libvoikko1 and voikko-fi are installed by ./run.sh test")]


def wait_results(page):
    page.wait_for_function("() => document.querySelector('#search-results').getAttribute('aria-busy') === 'false'"
                           " && !document.querySelector('#search-results .is-pending')")


def titles(page, fixture_url, query, fetched=None):
    if fetched is not None:
        page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{fixture_url}/haku/?q={query}")
    wait_results(page)
    return page.locator("#search-results .card-title").all_inner_texts()


def test_a_derivation_no_text_has_finds_the_records_of_its_base(page, fixture_url, fixture_site):
    index_name = next((fixture_site / "search" / "fi").glob("index.*.json")).name
    index = json.loads((fixture_site / "search" / "fi" / index_name).read_text(encoding="utf-8"))
    related_files = index["sharded"]["files"][index["related"]["offset"]:]
    fetched = []
    found = titles(page, fixture_url, "liikkuminen", fetched)
    assert found, "no result for liikkuminen"
    assert any(any(url.endswith("/" + name) for url in fetched) for name in related_files)
    # the same records as the word the texts use, nothing unrelated
    assert set(found) <= set(titles(page, fixture_url, "liikunta"))
