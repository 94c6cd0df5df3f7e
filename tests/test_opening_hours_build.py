"""The hours file of a real build of the fixture site: one hashed file for every language, named
on each search page, and the browser's answers from it match the Python reference on the
fixture records (each language numbers its documents in its own title order)."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from tarjotin.config import load_config
from tarjotin.opening_hours import Holidays, open_now, open_today, places_of
from tests.opening_support import HELSINKI, RUNNER, local
from tests.search_support import current_records
from tests.site_support import FIXTURE_CONTENT, TEST_CONFIG, TODAY, read

MOMENTS = [local("2026-11-24 12:00"), local("2026-11-24 17:30"), local("2026-11-28 11:00"), local("2026-11-25 18:00"), local("2026-11-25 10:00"),
           local("2026-12-06 12:00"), local("2026-12-24 12:00"), local("2027-06-09 15:00"), local("2026-11-29 03:00")]


def _config(site, page):
    block = re.search(r'<script type="application/json" id="search-config">(.*?)</script>', read(site, page), re.S)
    return json.loads(block.group(1))


def test_one_hours_file_named_on_every_search_page(fixture_site):
    names = set()
    for page in ("haku", "sv/sok", "en/search"):
        files = _config(fixture_site, page)["files"]
        assert re.fullmatch(r"search/hours\.[0-9a-f]{10}\.json", files["hours"])
        assert re.fullmatch(r"search/js/opening-hours\.[0-9a-f]{10}\.js", files["hoursScript"])
        assert (fixture_site / files["hours"]).exists() and (fixture_site / files["hoursScript"]).exists()
        names.add(files["hours"])
        # loaded only when the filters are used: no tag, no preload
        assert files["hours"] not in read(fixture_site, page).replace(json.dumps(files["hours"]), "")
    assert len(names) == 1


def test_answers_from_the_built_file_match_the_reference(fixture_site):
    config = load_config(TEST_CONFIG)
    by_id = {r.id: r for r in current_records(FIXTURE_CONTENT, config)}
    holidays = Holidays.around(date.fromisoformat(TODAY))
    with_hours, opened = 0, set()
    for page, lang in (("haku", "fi"), ("sv/sok", "sv"), ("en/search", "en")):
        files = _config(fixture_site, page)["files"]
        facets = json.loads((fixture_site / files["facets"]).read_text())
        ids = [row[0] for name in facets["chunks"] for row in json.loads((fixture_site / f"search/{lang}" / name).read_text())]
        assert len(ids) == facets["n"]
        pairs = [(doc, moment) for doc in range(len(ids)) for moment in MOMENTS]
        cases = [[doc, int(moment.timestamp() * 1000)] for doc, moment in pairs]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump({"file": str(fixture_site / files["hours"]), "lang": lang, "cases": cases}, fh)
        try:
            result = subprocess.run(["node", str(RUNNER), fh.name], capture_output=True, text=True, timeout=60)
        finally:
            Path(fh.name).unlink()
        assert result.returncode == 0, result.stderr
        answers = json.loads(result.stdout)["answers"]
        for (doc, moment), answer in zip(pairs, answers):
            places = places_of(by_id[ids[doc]])
            want = [open_now(places, moment, HELSINKI, holidays), open_today(places, moment, HELSINKI, holidays)]
            assert answer == want, (lang, ids[doc], moment)
            with_hours += bool(places)
            if answer[0]:
                opened.add(ids[doc])
    assert with_hours == 3 * 4 * len(MOMENTS)    # the fixture has four records with structured hours
    assert len(opened) == 4                      # and each of them is open at one of the moments
