"""Full text in real headless Chromium: a word only in a record's description is found; the page
fetches the full-text shard for it (issue 14)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def wait_results(page):
    page.wait_for_function("() => document.querySelector('#search-results').getAttribute('aria-busy') === 'false'"
                           " && !document.querySelector('#search-results .is-pending')")


@pytest.mark.parametrize("path, word, title", [
    ("/haku/", "harjoitellaan", "Tikkurilan senioreiden kuntosali"),
    ("/en/search/", "instructor", None),
])
def test_a_word_only_in_a_description_is_found(page, fixture_url, path, word, title):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{fixture_url}{path}?q={word}")
    wait_results(page)
    titles = page.locator("#search-results .card-title").all_inner_texts()
    assert len(titles) == 1, titles
    if title:
        assert titles[0] == title
    assert any("/shard-" in url for url in fetched)
