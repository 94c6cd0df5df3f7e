"""The accessibility statement (tray.toml [accessibility], plugins/opendata): a page per UI
language in the model statement's structure, linked from every page's footer."""

from __future__ import annotations

import re
import tomllib

import pytest

from tarjotin.config import ConfigError, load_config
from tests.site_support import TEST_CONFIG, read

STATEMENTS = [("saavutettavuusseloste/", "fi"), ("sv/tillganglighetsutlatande/", "sv"),
              ("en/accessibility-statement/", "en")]


@pytest.mark.parametrize("url,lang", STATEMENTS)
def test_the_statement_page_in_each_language(fixture_site, url, lang):
    html = read(fixture_site, url)
    assert f'<html lang="{lang}">' in html
    headings = re.findall(r"<h[23]>([^<]+)</h[23]>", html)
    assert len(headings) == 6  # status, problems, assessment, feedback, authority, its contacts
    for criterion in ("1.1.1", "2.4.4"):
        assert f"WCAG" in html and criterion in html
    assert 'href="mailto:saavutettavuus@example.fi"' in html
    assert 'href="https://palaute.example.fi/saavutettavuus"' in html
    assert "14" in html
    assert 'href="https://www.saavutettavuusvaatimukset.fi/"' in html and 'href="mailto:saavutettavuus@avi.fi"' in html
    assert 'href="tel:0295016000"' in html


def test_the_statement_speaks_each_language(fixture_site):
    fi, sv, en = (read(fixture_site, url) for url, _ in STATEMENTS)
    assert "Etelä-Suomen aluehallintovirasto" in fi and "osittain" in fi and "Testikuvien tekstivastineet puuttuvat." in fi
    assert "14 päivän" in fi and "20.11.2026" in fi and "2.11.2026" in fi
    assert "Regionförvaltningsverket i Södra Finland" in sv and "delvis" in sv and "14 dagar" in sv
    assert "Regional State Administrative Agency for Southern Finland" in en and "partially" in en
    assert "Test images lack text alternatives." in en


def test_every_page_links_to_the_statement_and_open_data_of_its_language(fixture_site):
    pages = sorted(fixture_site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([a-z]+)"', html).group(1)
        footer = html.split('<footer class="site-footer">', 1)[1]
        statement = dict((lg, url) for url, lg in STATEMENTS)[lang]
        data = {"fi": "avoin-data/", "sv": "sv/oppen-data/", "en": "en/open-data/"}[lang]
        assert f'href="/{statement}"' in footer, path
        assert f'href="/{data}"' in footer, path


def _config_with(tmp_path, **accessibility):
    text = TEST_CONFIG.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    section = {**data["accessibility"], **accessibility}
    path = tmp_path / "tray.toml"
    head = text.split("\n[accessibility]", 1)[0]
    lines = [f"{k} = {_toml(v)}" for k, v in section.items() if k != "non_conformities"]
    problems = "".join(f"\n[[accessibility.non_conformities]]\ncriterion = {_toml(p['criterion'])}\n"
                       f"description = {_toml(p['description'])}\n" for p in section.get("non_conformities", []))
    path.write_text(head + "\n[accessibility]\n" + "\n".join(lines) + "\n" + problems, encoding="utf-8")
    return path


def _toml(value):
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def test_a_partial_statement_must_name_its_problems(tmp_path):
    with pytest.raises(ConfigError, match=r"accessibility.*non_conformities"):
        load_config(_config_with(tmp_path, non_conformities=[]))


def test_a_fully_compliant_statement_lists_no_problems(tmp_path):
    with pytest.raises(ConfigError, match=r"accessibility.*fully"):
        load_config(_config_with(tmp_path, status="fully"))
    assert load_config(_config_with(tmp_path, status="fully", non_conformities=[])).accessibility.status == "fully"


def test_a_criterion_must_be_a_wcag_number(tmp_path):
    bad = [{"criterion": "contrast", "description": {"fi": "x", "sv": "x", "en": "x"}}]
    with pytest.raises(ConfigError, match=r"accessibility\.non_conformities\[0\]\.criterion"):
        load_config(_config_with(tmp_path, non_conformities=bad))
