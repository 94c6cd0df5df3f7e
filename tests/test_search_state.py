"""The search page's URL state parser (theme/static/js/search-state.js) under Node's test runner:
fast-check properties (any query string parses without throwing, within the caps, and round-trips)
and the issue 9 attacks (prototype names as values, a 300,000-value address)."""

from __future__ import annotations

import subprocess

from tests.site_support import ROOT

TESTS = ROOT / "tests" / "js" / "search-state.test.js"


def test_search_state_properties_under_node():
    result = subprocess.run(["node", "--test", str(TESTS)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 6" in result.stdout, result.stdout[-2000:]
