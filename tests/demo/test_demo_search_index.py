"""The search files of the demo build stay within their size budget."""

from __future__ import annotations

import gzip

from tests.test_search_index import _config


def test_search_files_are_small_at_demo_scale(demo_site):
    """A budget that fails loudly if the index format regresses (sizes gzip, demo content)."""
    _html, config = _config(demo_site, "haku")
    index = gzip.compress((demo_site / config["files"]["index"]).read_bytes(), 9)
    facets = gzip.compress((demo_site / config["files"]["facets"]).read_bytes(), 9)
    assert len(index) < 20_000 and len(facets) < 4_000
