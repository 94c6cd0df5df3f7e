"""The repository's configuration and content are valid, the site builds and its pages hold together."""

from __future__ import annotations

import pytest

from tarjotin.content import load_content
from tarjotin.selfcheck import check_output
from tests.site.conftest import SITE_CONTENT
from tests.site_support import site_config_path


def test_the_configuration_and_its_importer_sections_are_valid(site_config):
    from importers.lahella.settings import load_settings as lahella_settings
    from importers.ptv.settings import load_settings as ptv_settings

    # ConfigError names the file and the key; pytest shows it
    if site_config.ptv:
        ptv_settings(site_config)
    if site_config.lahella:
        lahella_settings(site_config)
    assert site_config_path().is_file()


def test_every_record_override_and_theme_text_is_valid(site_config):
    content = load_content(SITE_CONTENT, site_config)
    assert [str(e) for e in content.errors] == [], "run ./run.sh check and fix what it lists"


def test_every_theme_page_and_language_is_built(site_output, site_config, urls):
    for lang in site_config.languages.ui:
        assert (site_output / urls.front(lang) / "index.html").is_file(), lang
        for theme in site_config.themes:
            assert (site_output / urls.save_as(urls.theme(lang, theme.slug))).is_file(), (lang, theme.slug)


def test_the_built_site_passes_the_self_check(site_output, site_config):
    """Every page has a lang and a title; every internal link, asset and data file resolves."""
    problems = [str(p) for p in check_output(site_output, site_config)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name", ["search", "favourites"])
def test_every_ui_language_has_its_data_files(site_output, site_config, name):
    from tarjotin.urls import PATH_WORDS

    for lang in site_config.languages.ui:
        prefix = "" if lang == site_config.default_lang else f"{lang}/"
        page = site_output / prefix / PATH_WORDS[name][lang] / "index.html"
        assert page.is_file(), f"{page.relative_to(site_output)}: missing"
        html = page.read_text(encoding="utf-8")
        assert '<script type="application/json"' in html, f"{page.relative_to(site_output)}: no page configuration"
