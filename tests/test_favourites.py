"""Favourites without a browser: the per-language record data, list tokens, the built files and docs."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from plugins.favourites.data import bucket_count, bucket_of, list_token, token_value
from plugins.favourites.fonts import UNICODE_RANGES
from tarjotin.recordfile import parse_record
from tests.search_support import presenter
from tests.site_support import FIXTURE_CONTENT, ROOT, read

KUNTOSALI = "local-tikkurila-kuntosali"
FAMILY = "ptv-6a1f0c2e-3b7d-4c1a-9e55-0d2b8f41a7c3"
HOSTILE = "local-vaarallinen-nimi"
TRIP = "lahella-47001"


def entry_of(config, record_id, lang, url="/", today=date(2026, 11, 23)):
    """The favourites page's and the PDF's entry, as plugins/favourites writes it."""
    return presenter(config, lang, today.isoformat()).present(fixture_record(config, record_id)).json(url)


def fixture_record(config, record_id):
    path = next(FIXTURE_CONTENT.glob(f"records/*/{record_id}.md"))
    return parse_record(path.read_text(encoding="utf-8"), str(path), config)


def data_files(site, lang):
    records = {}
    for path in sorted((site / "favourites-files" / lang).glob("records-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["format"] == 1
        records.update(data["records"])
    return records


def test_entry_has_everything_a_client_needs_in_finnish(config):
    entry = entry_of(config, KUNTOSALI, "fi", "/palvelu/x/")
    assert entry["title"] == "Tikkurilan senioreiden kuntosali" and "titleLang" not in entry
    assert entry["provider"] == "Vantaan kaupunki, liikuntapalvelut" and entry["kind"] == "service" and entry["kindLabel"] == "Palvelu"
    first, second = entry["locations"]
    assert first["name"] == "Tikkurilan urheilutalo" and first["street"] == "Läntinen Valkoisenlähteentie 51"
    assert first["postal"] == "01300 Vantaa" and first["map"].startswith("https://www.openstreetmap.org/?mlat=60.29340")
    assert first["hours"]["rows"] == [["ma–pe", "8.00–16.00"], ["la", "10.00–14.00"]]
    assert first["hours"]["exceptions"][0] == {"dates": "24.12.2026–26.12.2026", "closed": True, "times": "suljettu",
                                                "note": "Joulu"}
    assert first["hours"]["exceptions"][1]["days"] == "ma–pe" and first["hours"]["exceptions"][1]["times"] == "10.00–14.00"
    assert second == {"name": "Myyrmäen liikuntapuisto", "street": "Raappavuorentie 6", "postal": "01600 Vantaa",
                      "map": second["map"]}
    assert entry["phones"] == [{"number": "+358 9 8392 4400", "tel": "+358983924400"}]
    assert entry["emails"] == ["liikunta@vantaa.fi"] and entry["websites"] == [{"url": "https://www.vantaa.fi/liikunta"}]
    assert entry["price"] == {"line": "Maksullinen", "note": "2 € kerta, Kaikukortilla maksuton."}
    assert entry["registration"] == {"line": "Ilmoittautuminen vaaditaan", "url": "https://www.vantaa.fi/ilmoittaudu"}
    assert entry["languages"] == ["suomi", "ruotsi", "suomalainen viittomakieli"]
    assert entry["ages"] == ["Ikääntyneet"] and entry["where"] == "Vantaa"


def test_entry_marks_fallback_languages_and_drops_past_exceptions(config):
    sv = entry_of(config, KUNTOSALI, "sv", "/sv/tjanst/x/")
    assert sv["title"] == "Dickursby gym för seniorer" and sv["locations"][0]["street"] == "Västra Vitkällavägen 51"
    assert sv["price"]["noteLang"] == "fi"                      # the note exists only in Finnish
    assert sv["locations"][0]["hours"]["exceptions"][1]["noteLang"] == "fi"
    later = entry_of(config, KUNTOSALI, "fi", today=date(2027, 1, 10))
    assert [e["dates"] for e in later["locations"][0]["hours"]["exceptions"]] == ["1.6.2027–15.8.2027"]
    family = entry_of(config, FAMILY, "fi")
    assert family["title"] == "Svenskspråkig familjerådgivning" and family["titleLang"] == "sv"
    assert family["hours"]["rows"] == [["ma, ke", "9.00–15.00"]] and family["hours"]["noteLang"] == "sv"
    assert family["where"] == "Vantaa, Kerava"


def test_event_entry_carries_its_last_day(config):
    trip = entry_of(config, TRIP, "fi")
    assert trip["kind"] == "event" and trip["when"] and re.fullmatch(r"\d{4}-\d\d-\d\d", trip["lastDay"])
    assert trip["lastDay"] < "2026-11-23"


def test_list_tokens_are_short_alphanumeric_and_stable():
    assert list_token(KUNTOSALI) == list_token(KUNTOSALI)
    assert re.fullmatch(r"[0-9A-Za-z]{8}", list_token(FAMILY))
    assert token_value(KUNTOSALI) < 2 ** 47
    # pinned values: changing the hash breaks every share link already sent
    assert list_token(KUNTOSALI) == "6XOVmR7X"
    assert list_token("lahella-48213") == "3J18IDyV"
    ids = [f"local-palvelu-{i}" for i in range(20000)]
    assert len({list_token(i) for i in ids}) == len(ids)
    assert bucket_count(0, 64) == 1 and bucket_count(65, 64) == 2
    assert all(0 <= bucket_of(i, 7) < 7 for i in ids[:100])


def test_built_files_and_pages(fixture_site):
    files = fixture_site / "favourites-files"
    for lang in ("fi", "sv", "en"):
        records = data_files(fixture_site, lang)
        assert HOSTILE in records and KUNTOSALI in records
        assert TRIP in records                                   # past events: shown as ended, not dropped
        assert "local-hidden-test" not in records                # hidden by an override
    assert data_files(fixture_site, "sv")[KUNTOSALI]["url"] == f"/sv/tjanst/{KUNTOSALI}/"
    names = sorted(p.name for p in (files / "js").iterdir())
    for stem in ("favourites", "favourites-page", "favourites-pdf", "jspdf.umd", "qrcode"):
        assert any(re.fullmatch(rf"{re.escape(stem)}\.[0-9a-f]{{10}}\.js", n) for n in names), stem
        assert any(re.fullmatch(rf"{re.escape(stem)}\.[0-9a-f]{{10}}\.js\.gz", n) for n in names), stem
    fonts = sorted((files / "fonts").glob("*.ttf"))
    assert [re.sub(r"\.[0-9a-f]{10}", "", f.name) for f in fonts] == ["DejaVuSans-Bold.ttf", "DejaVuSans.ttf"]
    assert all(100_000 < f.stat().st_size < 300_000 for f in fonts)     # cut from 757 / 706 kB
    assert "Bitstream" in (files / "fonts" / "DejaVu-LICENSE.txt").read_text()
    for url, lang in (("suosikit", "fi"), ("sv/favoriter", "sv"), ("en/favourites", "en")):
        html = read(fixture_site, url)
        assert f'<html lang="{lang}">' in html and 'id="favourites-page-config"' in html
        config = json.loads(re.search(r'id="favourites-page-config">(.*?)</script>', html, re.S).group(1))
        assert config["lang"] == lang and all((fixture_site / p).exists() for p in config["buckets"])
        assert all((fixture_site / p).exists() for p in (config["files"]["jspdf"], config["files"]["pdf"],
                                                         *config["files"]["fonts"].values()))
        assert '<meta name="robots" content="noindex">' in html
    assert "Suosikit" in read(fixture_site, "suosikit") and "Favoriter" in read(fixture_site, "sv/favoriter")


@pytest.mark.parametrize("url", ["", f"palvelu/{KUNTOSALI}", "teema/liikunta", "a-o", "haku", "suosikit", "sv/favoriter"])
def test_every_page_has_the_favourites_script_and_header_link_and_no_inline_script(fixture_site, url):
    html = read(fixture_site, url)
    assert re.search(r'<script src="/favourites-files/js/favourites\.[0-9a-f]{10}\.js" defer></script>', html)
    assert 'class="favourites-link"' in html and 'class="favourites-count" hidden' in html
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs


def test_hostile_record_is_escaped_in_pages_and_data(fixture_site):
    html = read(fixture_site, f"palvelu/{HOSTILE}")
    assert "<img src=x" not in html and "<script>window" not in html
    assert "&lt;img src=x onerror=" in html
    raw = (fixture_site / "favourites-files").glob("fi/records-*.json")
    text = "".join(p.read_text(encoding="utf-8") for p in raw)
    assert 'Vaarallinen <img src=x onerror=\\"window.__pwned=1\\">' in text   # data stays data: the page uses textContent


def test_font_ranges_cover_finnish_swedish_and_cyrillic():
    def covered(char):
        return any(first <= ord(char) <= last for first, last in UNICODE_RANGES)
    assert all(covered(c) for c in "äöåÄÖÅ€–”«»№Дружба ёЁ")


def test_settings_and_storage_format_are_documented():
    doc = (ROOT / "docs" / "favourites.md").read_text(encoding="utf-8")
    settings = re.findall(r"^(FAVOURITES_[A-Z_]+)\s*=", (ROOT / "pelicanconf.py").read_text(), re.M)
    assert settings and [s for s in settings if f"`{s}`" not in doc] == []
    for fragment in ("tarjotin.favourites", '"version": 1', "#list1.", "FNV-1a", "dejavu-fonts-ttf", "jsPDF"):
        assert fragment in doc, fragment
    core = (ROOT / "theme" / "static" / "js" / "favourites.js").read_text()
    assert "var KEY = 'tarjotin.favourites';" in core and "var VERSION = 1;" in core
