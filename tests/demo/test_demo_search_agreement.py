"""Python ↔ lunr.js agreement (tests/test_search_agreement.py) on every word of the demo's records."""

from __future__ import annotations

import pytest

from tests.search_support import ROOT, current_records
from tests.test_search_agreement import (  # noqa: F401 - collected here with the demo's records
    built,
    test_browser_index_equals_the_lunr_py_index,
    test_every_word_is_analysed_the_same_in_python_and_lunr_languages,
    test_same_clauses_give_the_same_results_in_lunr_js_and_lunr_py,
)


@pytest.fixture(scope="module")
def records(demo_config):
    return current_records(ROOT / "content", demo_config)


@pytest.fixture(scope="module")
def config(demo_config):
    return demo_config
