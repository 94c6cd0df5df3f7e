"""The site self-check: the repository's own configuration and content, whatever they are.

Runs against what `./run.sh build-site` would publish: TARJOTIN_CONFIG (as it was when pytest
started) or tray.toml, and content/. A county's fork gets these checks for its own area, themes
and records without writing a test; no page, theme or record name is assumed here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tarjotin.urls import PATH_WORDS, UrlScheme
from tarjotin.config import load_config
from tests.site_support import ROOT, build_site, site_config_path

HERE = Path(__file__).resolve().parent
SITE_CONTENT = ROOT / "content"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def site_config():
    return load_config(site_config_path())


@pytest.fixture(scope="session")
def site_output(tmp_path_factory):
    """output/ of the repository's content/ with its configuration, built as a deploy would (today)."""
    output = tmp_path_factory.mktemp("site")
    result = build_site(SITE_CONTENT, output, config=site_config_path(), today=date.today().isoformat())
    assert result.returncode == 0, f"the site does not build:\n{result.stdout}\n{result.stderr}"
    return output


@pytest.fixture(scope="session")
def site_url(site_output):
    from tests.browser_support import serve

    with serve(site_output) as url:
        yield url


@pytest.fixture(scope="session")
def urls(site_config):
    return UrlScheme(site_config.default_lang)


def record_ids(output: Path, lang: str, default_lang: str) -> list[str]:
    """Ids of the record pages built for one UI language, sorted."""
    folder = output / ("" if lang == default_lang else lang) / PATH_WORDS["record"][lang]
    return sorted(p.name for p in folder.iterdir() if (p / "index.html").is_file()) if folder.is_dir() else []
