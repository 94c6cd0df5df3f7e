"""The demo's lahella-482710 carries a collection of hostile markup: none of it reaches a page."""

from __future__ import annotations

import re
from pathlib import Path

from tarjotin.config import ROOT
from tests.test_lahella_html import DANGER, _Collector


def test_the_demo_record_keeps_its_hostile_markup_out():
    text = (ROOT / "content" / "records" / "lahella" / "lahella-482710.md").read_text(encoding="utf-8")
    assert not DANGER.search(text), DANGER.search(text)
    assert "[lomakkeella](https://bandikerho.example.fi/ilmo)" in text and "**rokkia**" in text


def test_no_script_from_a_description_runs_in_the_built_site(demo_site: Path):
    pages = sorted(demo_site.rglob("*.html"))
    hostile = [p for p in pages if "lahella-482710" in str(p)]
    assert hostile, "the demo's hostile record has no page"
    for page in pages:
        collector = _Collector()
        collector.feed(page.read_text(encoding="utf-8"))
        assert collector.problems == [], f"{page.relative_to(demo_site)}: {collector.problems}"
    body = (demo_site / "palvelu" / "lahella-482710" / "index.html").read_text(encoding="utf-8")
    description = body.split('<div class="description">', 1)[1].split("</div>", 1)[0]
    assert not re.search(r"(?i)<(form|svg|img|style|button|input)", description), description
    assert "alert(" not in re.sub(r"<[^>]+>", "", body).replace("alert(3)", "").replace("alert(4)", "")
    assert '<a href="https://bandikerho.example.fi/ilmo" rel="noopener noreferrer">lomakkeella</a>' in body
