"""One presenter, four renderings: a record's display data from tarjotin/presenter.py is what the
record page, a search result, the favourites page and the PDF show, word for word, in real Chromium.

The expected strings are computed by the Presenter in Python (not written out here), so a
rendering that formats a field its own way (its own word for "closed", its own date format, a
kind label of its own) fails, and so does a presenter word that is missing from the catalogs.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tarjotin.recordfile import parse_record
from tests.browser_support import wait_for_results
from tests.search_support import presenter
from tests.site_support import FIXTURE_CONTENT, TODAY
from tests.test_favourites_browser import KEY, flat, pdf_text

pytestmark = pytest.mark.browser

KUNTOSALI = "local-tikkurila-kuntosali"
#: Page addresses per UI language: search, favourites.
PAGES = {"fi": ("haku", "suosikit"), "sv": ("sv/sok", "sv/favoriter"), "en": ("en/search", "en/favourites")}


def view_of(config, record_id, lang):
    path = next(FIXTURE_CONTENT.glob(f"records/*/{record_id}.md"))
    return presenter(config, lang, TODAY).present(parse_record(path.read_text(encoding="utf-8"), str(path), config))


def shown_everywhere(v) -> list[str]:
    """The strings of a record every full rendering (record page, favourites page, PDF) shows."""
    out = [v.title.text, v.kind_label, v.provider.text, v.where, v.price.line, v.registration.line,
           v.price.note.text, ", ".join(v.languages), ", ".join(v.ages)]
    for loc in v.locations:
        out += [loc.heading.text, loc.street.text, loc.postal]
        if loc.hours:
            out += [f"{days} {times}" for days, times in loc.hours.rows]
            out += [ex.dates for ex in loc.hours.exceptions if not ex.over]
            out += [ex.times for ex in loc.hours.exceptions if not ex.over]
    out += [p.number for p in v.phones] + v.emails + [w.url for w in v.websites]
    return [s for s in out if s]


def page_text(page, selector="main") -> str:
    """The text as shown, case-folded: the kind label is styled in capitals."""
    return flat(page.locator(selector).inner_text()).casefold()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_record_page_search_card_favourites_page_and_pdf_show_the_presenters_words(
        config, browser, fixture_url, tmp_path, lang):
    v = view_of(config, KUNTOSALI, lang)
    expected = shown_everywhere(v)
    assert len(expected) > 15 and v.price.line and v.registration.line
    search_path, favourites_path = PAGES[lang]
    context = browser.new_context(accept_downloads=True, timezone_id="Europe/Helsinki")
    errors: list[str] = []
    page = context.new_page()
    page.clock.set_fixed_time(datetime.fromisoformat(TODAY + "T12:00"))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        # the record page
        page.goto(f"{fixture_url}/{v.url}")
        text = page_text(page)
        missing = [s for s in expected if flat(s).casefold() not in text]
        assert not missing, f"record page lacks {missing}"

        # a search result: the card's fields
        page.goto(f"{fixture_url}/{search_path}/?q={v.title.text.split()[0]}")
        wait_for_results(page)
        card = page.locator("#search-results li", has=page.locator(f"a[href$='{KUNTOSALI}/']")).first
        assert card.locator("a").first.inner_text() == v.title.text
        assert card.locator(".kind").text_content() == v.kind_label
        assert card.locator(".where").text_content() == v.where
        assert card.locator(".provider").text_content() == v.provider.text
        assert flat(v.summary.text) in flat(card.inner_text())

        # the favourites page and its PDF
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, (
            '{"version": 1, "items": [{"id": "%s", "added": "2026-11-23T10:00:00.000Z", "title": "x", "lang": "%s"}]}'
            % (KUNTOSALI, lang))])
        page.goto(f"{fixture_url}/{favourites_path}/")
        page.wait_for_selector("#favourites-page[data-state=ready]")
        text = page_text(page, "#fav-list")
        missing = [s for s in expected if flat(s).casefold() not in text]
        assert not missing, f"favourites page lacks {missing}"
        page.check("#fav-layout-full")          # every detail: the referral slip is the default
        with page.expect_download() as info:
            page.click("#fav-pdf")
        path = tmp_path / f"{lang}.pdf"
        info.value.save_as(path)
        body = flat(pdf_text(path))
        # the PDF wraps long lines: compare with whitespace and hyphenless line breaks folded
        missing = [s for s in expected if flat(s) not in body and re.sub(r"\s", "", s) not in re.sub(r"\s", "", body)]
        assert not missing, f"PDF lacks {missing}"
    finally:
        context.close()
    assert errors == []
