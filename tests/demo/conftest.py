"""The demo group: tests of the bundled demo (Vantaa + Kerava), its recordings and its content.

They run against the repository's own configuration and content/ and only when the demo is
there (demo/recordings/). A county's fork deletes the demo as the README says; then every test
here is skipped, by the demo's absence and never by a failure, and the engine tests under tests/
and the site self-check under tests/site/ keep the suite meaningful.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjotin.config import load_config
from tests.site_support import ROOT, built_site, site_config_path

HERE = Path(__file__).resolve().parent
DEMO_RECORDINGS = ROOT / "demo" / "recordings"
SKIP_REASON = "the demo is not in this repository (no demo/recordings/): demo tests skipped"


def pytest_collection_modifyitems(config, items):
    present = DEMO_RECORDINGS.is_dir()
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.demo)
            if not present:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def demo_config():
    """The repository's configuration, which the demo's records and recordings are written for."""
    return load_config(site_config_path())


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """output/ of the bundled demo content/, built once per session."""
    return built_site(ROOT / "content", tmp_path_factory.mktemp("demo-site"), config=site_config_path())


@pytest.fixture(scope="session")
def demo_url(demo_site):
    from tests.browser_support import serve

    with serve(demo_site) as url:
        yield url
