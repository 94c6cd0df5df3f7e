"""The browser's one "today" (theme/static/js/clock.js) under Node's test runner: the area's date
across midnight UTC and the daylight-saving change, an unknown zone."""

from __future__ import annotations

import subprocess

from tests.site_support import ROOT


def test_browser_today_is_the_areas_date():
    result = subprocess.run(["node", "--test", str(ROOT / "tests" / "js" / "clock.test.js")],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 4" in result.stdout, result.stdout[-2000:]
