"""Branding and wording from the configuration: logo, favicon, colours, footer links, search hints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tarjotin.config import ConfigError, contrast, load_config
from tests.config_support import NEUTRAL, write_config
from tests.site_support import FIXTURE_CONTENT, build_site, read

BRANDED = NEUTRAL + """
[branding]
logo = "look/logo.svg"
logo_alt = { fi = "Alueen logo", sv = "Områdets logotyp", en = "The area's logo" }
favicon = "look/icon.png"
colors = { primary = "#5a2d82", primary_dark = "#3b1d56" }

[[branding.footer_links]]
label = { fi = "Saavutettavuusseloste", sv = "Tillgänglighetsutlåtande", en = "Accessibility statement" }
url = "/saavutettavuus/"

[[branding.footer_links]]
label = { fi = "Tietosuoja", sv = "Dataskydd", en = "Privacy" }
url = "https://area.example.org/tietosuoja"

[search]
hint_examples = { fi = ["kirjasto", "kuoro"], sv = ["bibliotek"] }
"""


def _build(tmp_path: Path, config: Path) -> Path:
    out = tmp_path / "out"
    result = build_site(FIXTURE_CONTENT, out, config=config)
    assert result.returncode == 0, result.stderr
    return out


def _brand_css(out: Path) -> str:
    (css,) = (out / "theme" / "css").glob("brand.*.css")
    return css.read_text()


def test_a_fork_that_sets_nothing_gets_a_neutral_look(tmp_path):
    out = _build(tmp_path, write_config(tmp_path, NEUTRAL))
    front, search = read(out, ""), read(out, "haku")
    assert "site-logo" not in front and "footer-links" not in front
    assert '<link rel="icon" href="/theme/favicon.svg" type="image/svg+xml">' in front
    hint = re.search(r'<p id="search-hint" class="hint">(.*?)</p>', search).group(1)
    assert hint == "Hae palvelun nimellä tai sillä, mitä tarvitset."
    for word in ("Kaikukortti", "uimahalli", "vertaistuki"):
        assert word not in search
    css = _brand_css(out)
    assert "--brand: #004f7c;" in css and "--on-brand: #ffffff;" in css


def test_logo_favicon_colours_links_and_hints_come_from_the_configuration(tmp_path):
    out = _build(tmp_path, write_config(tmp_path, BRANDED))
    front = read(out, "")
    logo = re.search(r'<img class="site-logo" src="/(theme/brand/logo\.[0-9a-f]{10}\.svg)" alt="Alueen logo">', front)
    assert logo and (out / logo.group(1)).read_text().startswith("<svg")
    assert '<link rel="icon" href="/theme/favicon.png" type="image/png">' in front
    assert (out / "theme" / "favicon.png").read_bytes() == b"\x89PNG\r\n\x1a\n icon"
    assert not (out / "theme" / "favicon.svg").exists()
    assert '<a href="/saavutettavuus/">Saavutettavuusseloste</a>' in front
    assert '<a href="https://area.example.org/tietosuoja">Tietosuoja</a>' in front
    assert '<a href="https://area.example.org/tietosuoja">Privacy</a>' in read(out, "en")
    assert "--brand: #5a2d82;" in _brand_css(out) and "--brand-dark: #3b1d56;" in _brand_css(out)
    assert '<p id="search-hint" class="hint">Esimerkiksi: kirjasto, kuoro</p>' in read(out, "haku")
    assert '<p id="search-hint" class="hint">Till exempel: bibliotek</p>' in read(out, "sv/sok")
    assert '<p id="search-hint" class="hint">Search by the name of a service or by what you need.</p>' in read(out, "en/search")


@pytest.mark.parametrize(("section", "message"), [
    ('[branding]\ncolors = { primary = "blue" }', "branding.colors.primary: 'blue' is not a CSS hex colour"),
    ('[branding]\ncolors = { primary = "#7fb2d9" }', "branding.colors: primary #7fb2d9 on background #ffffff has contrast 2.3:1; WCAG AA needs 4.5:1"),
    ('[branding]\ncolors = { primary_text = "#00324f" }', "branding.colors: primary_text #00324f on primary #004f7c"),
    ('[branding]\nlogo = "look/missing.svg"', "branding.logo: file look/missing.svg not found (paths are relative to the configuration file)"),
    ('[branding]\nfavicon = "look/logo.gif"', "branding.favicon: must be one of"),
    ('[[branding.footer_links]]\nlabel = { fi = "a", sv = "b", en = "c" }\nurl = "javascript:alert(1)"', "branding.footer_links[0].url: must start with https://"),
    ('[[branding.footer_links]]\nlabel = { fi = "a", sv = "b", en = "c" }\nurl = "//evil.example"', "branding.footer_links[0].url: must start with https://"),
    ('[search]\nhint_examples = { de = ["Bad"] }', "search.hint_examples: unknown language(s) ['de']"),
])
def test_branding_mistakes_name_the_file_the_key_and_the_reason(tmp_path, section, message):
    path = write_config(tmp_path, NEUTRAL + "\n" + section + "\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert f"{path}: {message}" in str(error.value)


def test_contrast_ratio():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54   # the lightest grey that passes AA on white
    assert round(contrast("#fff", "#777"), 2) == round(contrast("#777777", "#ffffff"), 2) == 4.48
