"""The opening hours filter in a real build of the fixture site: one hashed hours file for every
language, named on each search page and fetched only on use; each language's facets map its
documents (in its own title order) to the file's schedules, and the real search engine with the
"hours" matcher answers as the Python reference does on the fixture records."""

from __future__ import annotations

import json
import re
from datetime import date

from tarjotin.config import load_config
from tarjotin.opening_hours import Holidays, open_now, open_today, places_of
from tests.opening_support import HELSINKI, local, run_hours
from tests.search_support import current_records
from tests.site_support import FIXTURE_CONTENT, TEST_CONFIG, TODAY, read

MOMENTS = [local("2026-11-24 12:00"), local("2026-11-24 17:30"), local("2026-11-28 11:00"), local("2026-11-25 18:00"),
           local("2026-11-25 10:00"), local("2026-12-06 12:00"), local("2026-12-24 12:00"), local("2027-06-09 15:00"),
           local("2026-11-29 03:00")]


def _config(site, page):
    block = re.search(r'<script type="application/json" id="search-config">(.*?)</script>', read(site, page), re.S)
    return json.loads(block.group(1))


def test_one_hours_file_named_on_every_search_page_and_not_preloaded(fixture_site):
    names = set()
    for page in ("haku", "sv/sok", "en/search"):
        html, files = read(fixture_site, page), _config(fixture_site, page)["files"]
        assert re.fullmatch(r"search/hours\.[0-9a-f]{10}\.json", files["hours"])
        assert (fixture_site / files["hours"]).exists() and (fixture_site / (files["hours"] + ".gz")).exists()
        assert re.search(r'<script src="/search/js/opening-hours\.[0-9a-f]{10}\.js" defer>', html)
        assert html.count(files["hours"]) == 1          # in the configuration block only: no preload
        names.add(files["hours"])
    assert len(names) == 1


def test_the_engine_answers_from_the_built_files_as_the_reference_does(fixture_site):
    config = load_config(TEST_CONFIG)
    by_id = {r.id: r for r in current_records(FIXTURE_CONTENT, config)}
    holidays = Holidays.around(date.fromisoformat(TODAY))
    opened = set()
    for page, lang in (("haku", "fi"), ("sv/sok", "sv"), ("en/search", "en")):
        files = _config(fixture_site, page)["files"]
        facets = json.loads((fixture_site / files["facets"]).read_text())
        ids = [row["id"] for name in facets["chunks"] for row in json.loads((fixture_site / f"search/{lang}" / name).read_text())]
        assert facets["filters"]["auki"] == {"match": "hours", "multiple": False}
        assert [v for v, _label in facets["values"]["auki"]] == ["nyt", "tanaan"]
        searches = [{"state": {"q": "", "filters": {"auki": [value]}}, "now": int(moment.timestamp() * 1000),
                     "today": int(moment.strftime("%Y%m%d"))} for moment in MOMENTS for value in ("nyt", "tanaan")]
        answer = run_hours({"file": str(fixture_site / files["hours"]), "facets": str(fixture_site / files["facets"]),
                            "group": "auki", "searches": searches})
        assert answer["needsData"] == [["hours"]] * len(searches) and answer["countsKnown"] == [False, True]
        for k, moment in enumerate(MOMENTS):
            now_ids = {rid for rid, r in by_id.items() if open_now(places_of(r), moment, HELSINKI, holidays)}
            today_ids = {rid for rid, r in by_id.items() if open_today(places_of(r), moment, HELSINKI, holidays)}
            got_now, got_today = answer["results"][2 * k], answer["results"][2 * k + 1]
            assert {ids[d] for d in got_now["docs"]} == now_ids, (lang, moment)
            assert {ids[d] for d in got_today["docs"]} == today_ids, (lang, moment)
            assert got_now["counts"] == [len(now_ids), len(today_ids)]
            opened |= now_ids
    assert len(opened) == 4     # each of the fixture's four records with structured hours is open at one moment
