"""A record with Northern Sámi and Arabic texts on a site that configures them as content
languages: built with Pelican, its record page shows each as a section of its own (lang, dir,
heading in the page's language), and the search finds it by its Sámi and Arabic words in real
Chromium on the Finnish, Swedish and English search pages."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.config_support import with_content_languages
from tests.site_support import FIXTURE_CONTENT, built_site, read
from tests.test_search_browser import wait_results

RECORD = """---
id: local-saamelaiskahvila
source: local
kind: activity
title:
  fi: Saamelais- ja arabiakahvila
  se: Sámi kafea
  ar: مقهى العائلات
summary:
  fi: Kahvia ja juttuja kaikilla kielillä.
  se: Čoahkkaneapmi juohke vahkku giellabeassis.
  ar: لقاء أسبوعي للعائلات في المكتبة.
municipalities: ['092']
---
::: fi
Tervetuloa kahville.

::: se
Bures boahtin kafeai.

::: ar
مرحبا بكم في المقهى.
"""

ONLY_ARABIC = """---
id: local-arabiaryhma
source: local
kind: activity
title:
  ar: مجموعة القراءة
summary:
  ar: نقرأ معا كل يوم خميس.
---
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("content-languages")
    content = tmp / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "records" / "local" / "local-saamelaiskahvila.md").write_text(RECORD, encoding="utf-8")
    (content / "records" / "local" / "local-arabiaryhma.md").write_text(ONLY_ARABIC, encoding="utf-8")
    config = with_content_languages(tmp, ["fi", "sv", "en", "se", "ar"])
    return built_site(content, tmp / "output", config=config.path.absolute())


@pytest.mark.parametrize("url, heading_se, heading_ar", [
    ("palvelu/local-saamelaiskahvila/", "Pohjoissaame", "Arabia"),
    ("sv/tjanst/local-saamelaiskahvila/", "Nordsamiska", "Arabiska"),
    ("en/service/local-saamelaiskahvila/", "Northern Sami", "Arabic"),
])
def test_record_page_has_a_section_per_other_language(site, url, heading_se, heading_ar):
    html = read(site, url)
    sections = re.findall(r'<section class="other-language" aria-labelledby="text-(\w+)-h">\s*'
                          r'<h2 id="text-\1-h">([^<]+)</h2>\s*<div lang="(\w+)" dir="(\w+)">', html)
    assert sections == [("se", heading_se, "se", "ltr"), ("ar", heading_ar, "ar", "rtl")]
    assert "<h3>Sámi kafea</h3>" in html and "<h3>مقهى العائلات</h3>" in html
    assert "<p>Bures boahtin kafeai.</p>" in html and "<p>مرحبا بكم في المقهى.</p>" in html


def test_a_record_only_in_arabic_falls_back_with_lang_and_dir(site):
    html = read(site, "palvelu/local-arabiaryhma/")
    assert '<h1 lang="ar" dir="rtl">مجموعة القراءة</h1>' in html
    assert '<p class="lead" lang="ar" dir="rtl">نقرأ معا كل يوم خميس.</p>' in html
    assert "It is shown" not in html and "Se näytetään kielellä arabia." in html
    assert 'class="other-language"' not in html   # its only texts are the page's fallback already


@pytest.mark.browser
@pytest.mark.parametrize("path", ["haku/", "sv/sok/", "en/search/"])
@pytest.mark.parametrize("query, title", [
    ("giellabeassis", "Saamelais- ja arabiakahvila"),
    ("Sámi kafea", "Saamelais- ja arabiakahvila"),
    ("العائلات", "Saamelais- ja arabiakahvila"),
    ("خميس", "مجموعة القراءة"),
])
def test_search_finds_records_by_their_sami_and_arabic_words(site, browser, path, query, title):
    from tests.browser_support import serve

    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        with serve(site) as url:
            page.goto(f"{url}/{path}?q={query}")
            wait_results(page)
            first = page.locator("#search-results a").first
            assert first.inner_text() == title
            if title.startswith("مجموعة"):
                assert first.get_attribute("lang") == "ar" and first.get_attribute("dir") == "rtl"  # as on the record page
                assert first.evaluate("a => getComputedStyle(a).direction") == "rtl"
    finally:
        context.close()
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("url", ["palvelu/local-saamelaiskahvila/", "en/service/local-saamelaiskahvila/",
                                 "palvelu/local-arabiaryhma/"])
def test_record_page_with_other_languages_passes_axe(site, page, url):
    from tests.browser_support import describe, run_axe, serve

    with serve(site) as base:
        page.goto(f"{base}/{url}")
        assert page.locator("section.other-language [lang='ar']").count() == (0 if "arabiaryhma" in url else 1)
        violations = run_axe(page)
    assert violations == [], describe(violations)
