"""A real Pelican build of tests/fixtures/site/content, asserting on the HTML it writes."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pytest

from tests.site_support import FIXTURE_CONTENT, build_site, read

KUNTOSALI = "local-tikkurila-kuntosali"
FAMILY = "ptv-6a1f0c2e-3b7d-4c1a-9e55-0d2b8f41a7c3"   # Swedish only, hostile text in description
HELPLINE = "ptv-0b7e5d11-8c2a-4f6e-a1d3-7e9c2b5a4f10"  # nationwide, open 24 h
MEAL = "local-ruokailu"                               # English only, volunteering
CONCERT = "lahella-48213"                             # upcoming event, override adds Kaikukortti
TRIP = "lahella-47001"                                # event that ended before 2026-11-23


def main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_record_page_in_finnish(fixture_site):
    html = read(fixture_site, f"palvelu/{KUNTOSALI}")
    body = text(main(html))
    assert '<html lang="fi">' in html
    assert "<h1>Tikkurilan senioreiden kuntosali</h1>" in html
    assert "Vantaan kaupunki, liikuntapalvelut" in body
    assert "Läntinen Valkoisenlähteentie 51" in body and "01300 Vantaa" in body
    assert "Raappavuorentie 6" in body and "01600 Vantaa" in body          # second location
    assert "ma–pe 8.00–16.00" in body and "la 10.00–14.00" in body
    assert "24.12.2026–26.12.2026: suljettu (Joulu)" in body
    assert "1.6.2027–15.8.2027 ma–pe: 10.00–14.00 (Kesäaukiolo)" in body
    assert "suomi, ruotsi, suomalainen viittomakieli" in body
    assert 'href="https://www.openstreetmap.org/?mlat=60.29340&amp;mlon=25.03780' in html
    assert 'href="tel:+358983924400"' in html and 'href="mailto:liikunta@vantaa.fi"' in html
    assert "Maksullinen" in body and "Kaikukortilla maksuton" in body
    assert "Ilmoittautuminen vaaditaan" in body
    assert 'href="/teema/liikunta/"' in html
    assert "Muutettu viimeksi lähteessä 1.9.2026" in body
    assert "fallback-note" not in html


def test_record_page_in_swedish_uses_swedish_text(fixture_site):
    html = read(fixture_site, f"sv/tjanst/{KUNTOSALI}")
    body = text(main(html))
    assert '<html lang="sv">' in html
    assert "Dickursby gym för seniorer" in body and "Västra Vitkällavägen 51" in body and "01300 Vanda" in body
    assert "mån–fre 8.00–16.00" in body
    assert "finska, svenska, finskt teckenspråk" in body
    # the price note exists only in Finnish: shown, marked as Finnish
    assert '<span lang="fi">2 € kerta, Kaikukortilla maksuton.</span>' in html


def test_macros_speak_the_page_language(fixture_site):
    # macros.html is imported without context: its module must be made per language, not once
    # for the first language rendered (the caption of an hours table was Finnish on every page).
    captions = {url: re.findall(r'<caption class="visually-hidden">([^<]*)</caption>', read(fixture_site, url))
                for url in (f"palvelu/{KUNTOSALI}", f"sv/tjanst/{KUNTOSALI}", f"en/service/{KUNTOSALI}")}
    assert captions == {f"palvelu/{KUNTOSALI}": ["Viikoittaiset aukioloajat"],
                        f"sv/tjanst/{KUNTOSALI}": ["Öppettider per vecka"],
                        f"en/service/{KUNTOSALI}": ["Weekly hours"]}


def test_fallback_note_and_lang_attributes(fixture_site):
    html = read(fixture_site, f"palvelu/{FAMILY}")
    assert '<h1 lang="sv">Svenskspråkig familjerådgivning</h1>' in html
    assert "Tätä tietoa ei ole saatavilla suomeksi." in html and "Se näytetään ruotsiksi." in html
    assert '<div class="description" lang="sv">' in html
    english = read(fixture_site, f"en/service/{MEAL}")
    assert "fallback-note" not in english
    finnish = read(fixture_site, f"palvelu/{MEAL}")
    assert '<h1 lang="en">Community meal volunteers</h1>' in finnish and "Se näytetään englanniksi." in finnish


def test_untrusted_text_is_escaped(fixture_site):
    html = read(fixture_site, f"sv/tjanst/{FAMILY}")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html or "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "Ikäraja &lt;18 v. &amp; " in html


def test_service_hours_and_nationwide(fixture_site):
    body = text(main(read(fixture_site, f"en/service/{HELPLINE}")))
    assert "Open 24 hours a day" in body and "Whole country" in body and "Free of charge" in body
    assert "Arabic" in body
    family = text(main(read(fixture_site, f"sv/tjanst/{FAMILY}")))
    assert "Betjäningstider" in family and "mån, ons 9.00–15.00" in family and "Tidsbokning per telefon." in family
    assert "Vanda, Kervo" in family


def test_event_dates_and_past_event(fixture_site):
    body = text(main(read(fixture_site, f"palvelu/{CONCERT}")))
    assert "su 13.12.2026 klo 18.00–19.30" in body
    assert "Tapahtuma on päättynyt" not in body
    past = text(main(read(fixture_site, f"palvelu/{TRIP}")))
    assert "Tapahtuma on päättynyt." in past
    assert "Kaikukortti" in body  # keyword added by content/overrides/lahella-48213.yml


def test_hidden_record_has_no_page(fixture_site):
    assert not (fixture_site / "palvelu" / "local-hidden-test").exists()
    assert "Piilotettava" not in read(fixture_site, "a-o")


def test_language_switcher_points_to_the_same_page(fixture_site):
    html = read(fixture_site, f"palvelu/{KUNTOSALI}")
    assert f'<a href="/sv/tjanst/{KUNTOSALI}/" hreflang="sv" lang="sv">På svenska</a>' in html
    assert f'<a href="/en/service/{KUNTOSALI}/" hreflang="en" lang="en">In English</a>' in html
    theme = read(fixture_site, "sv/tema/liikunta")
    assert '<a href="/teema/liikunta/" hreflang="fi" lang="fi">Suomeksi</a>' in theme
    assert '<a href="/en/a-z/" hreflang="en" lang="en">In English</a>' in read(fixture_site, "sv/a-o")


def test_theme_page_groups_by_kind_and_links_to_search(fixture_site):
    html = read(fixture_site, "teema/liikunta")
    body = main(html)
    assert "<h1>Liikunta</h1>" in body
    assert 'href="/haku/?teema=liikunta"' in body
    assert '<a href="https://ukkinstituutti.fi/liikuntapiirakka" rel="noopener noreferrer">' in body
    assert "Palvelut" in body and KUNTOSALI in body
    assert TRIP not in body  # past events are not listed
    food = main(read(fixture_site, "teema/ravinto"))
    assert "Vapaaehtoistehtävät" in food and MEAL in food
    community = main(read(fixture_site, "en/theme/yhteisollisyys"))
    assert re.search(r"Events <span class=\"count\">\(1\)</span>", community) and CONCERT in community
    # theme text exists only in fi/sv: English falls back to Finnish, marked
    assert '<div class="theme-text" lang="fi">' in read(fixture_site, "en/theme/liikunta")


def test_a_to_z_lists_current_records_in_nordic_order(fixture_site):
    body = main(read(fixture_site, "a-o"))
    headings = re.findall(r'<h2 id="letter-\d+">(.+?)</h2>', body)
    assert headings == ["C", "J", "K", "S", "T", "V"]   # V: local-vaarallinen-nimi (favourites tests)
    assert TRIP not in body and "Piilotettava" not in body
    assert "6 kohdetta." in body
    sv = main(read(fixture_site, "sv/a-o"))
    assert re.findall(r'<h2 id="letter-\d+">(.+?)</h2>', sv) == ["C", "D", "J", "K", "S", "V"]


def test_front_page(fixture_site):
    html = read(fixture_site, "")
    assert '<form class="search-form" role="search" action="/haku/" method="get">' in html
    assert "Tervetuloa hyvinvointitarjottimelle." in html
    assert re.search(r'href="/teema/liikunta/"><span class="theme-name">Liikunta</span>\s*<span class="theme-count">1 kohde</span>', html)
    sv = read(fixture_site, "sv")
    assert "Välkommen till välfärdsbrickan." in sv and 'action="/sv/sok/"' in sv


def test_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out, seed in ((first, "1"), (second, "2")):
        import os
        os.environ["PYTHONHASHSEED"] = seed
        try:
            assert build_site(FIXTURE_CONTENT, out).returncode == 0
        finally:
            del os.environ["PYTHONHASHSEED"]
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(first, second, [str(f) for f in files], shallow=False)
    assert mismatch == [] and errors == [] and len(match) > 50


BAD_RECORD = """---
id: local-virheellinen
source: local
kind: event
title:
  fi: Virheellinen tapahtuma
themes: [liikunta, urheilu]
locations:
  - name: Jossain
    latitude: 25.0
    longitude: 60.2
contacts:
  emails: [ei-osoite]
event:
  start: 2026-12-05T18:00
  end: 2026-12-05T16:00
---
"""


def _bad_tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "records" / "local").mkdir(parents=True)
    (root / "records" / "local" / "local-virheellinen.md").write_text(BAD_RECORD)
    (root / "records" / "local" / "local-rikki.md").write_text("---\nid: local-rikki\nkind: [\n---\n")
    return root


def test_bad_content_stops_the_build_with_every_error_and_no_traceback(tmp_path):
    result = build_site(_bad_tree(tmp_path), tmp_path / "out")
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "Traceback" not in log
    for fragment in (
        # The broken field is named with its line, and the rest of the file is still checked.
        "content/records/local/local-rikki.md: kind: YAML syntax error at line 3",
        "content/records/local/local-rikki.md: source: required field is missing",
        "content/records/local/local-virheellinen.md: themes: unknown theme ['urheilu']",
        "content/records/local/local-virheellinen.md: locations[0]: latitude 25.0 is outside Finland",
        "content/records/local/local-virheellinen.md: contacts.emails[0]: 'ei-osoite' is not an e-mail address",
        "content/records/local/local-virheellinen.md: event: end 2026-12-05T16:00:00+02:00 is before start",
        "7 content error(s)",
    ):
        assert fragment in log, fragment
    assert not (tmp_path / "out" / "index.html").exists()


def test_debug_flag_shows_the_traceback(tmp_path):
    result = build_site(_bad_tree(tmp_path), tmp_path / "out", debug=True)
    assert result.returncode != 0
    assert "ContentErrors" in result.stdout + result.stderr
