"""The demo shows each service once: the local↔PTV pairs it held twice are merged (by the matcher
or by the editors' duplicate_of in content/overrides/), and searching the built demo in real
Chromium for each of them finds it once."""

from __future__ import annotations

import re

import pytest

from tarjotin.content import load_content
from tests.site_support import ROOT, read
from tests.test_search_browser import wait_results

#: (search words, the local record, the PTV record it duplicates) — the pairs the demo held twice.
PAIRS = [
    ("kriisi", "local-mieli-kriisipuhelin", "ptv-9e99e52e-3e8d-560f-b2b7-e6462c8d80ce"),
    ("nollalinja", "local-nollalinja", "ptv-bb2b9e9a-bf1d-5aa9-a986-f59b1721863c"),
    ("sekasin", "local-sekasin-chat", "ptv-5da20f4b-f098-52dc-a034-f700d81048b6"),
    ("ohjaamo", "local-vantaa-ohjaamo", "ptv-aa357d52-f9ff-5943-94c4-82b5f64e6a11"),
    ("liikuntaneuvonta", "local-vantaa-liikuntaneuvonta", "ptv-c32b99be-10df-5315-afeb-b20dd1f8b87b"),
    ("uinti", "local-vantaa-uimahallit", "ptv-b1b09be0-3d9a-52f1-8b33-e139ff11b654"),
    ("uimahalli", "local-kerava-uimahalli", "ptv-44d1c70d-0121-507d-ac57-f88c8726c527"),
]


#: The service's name as a resident would recognise it among the results (each exactly once).
NAMES = {"kriisi": r"kriisipuhelin", "nollalinja": r"nollalinja", "sekasin": r"sekasin", "ohjaamo": r"ohjaamo",
         "liikuntaneuvonta": r"^liikuntaneuvonta", "uinti": r"vantaan uimahallit|^uimahallit",
         "uimahalli": r"keravan uimahalli"}


def test_each_pair_is_one_record_that_keeps_the_ptv_id(demo_config):
    content = load_content(ROOT / "content", demo_config)
    assert content.errors == []
    shown = {r.id: r for r in content.records}
    for _, local, ptv in PAIRS:
        assert content.merged.get(local) == ptv and local not in shown, local
        assert shown[ptv].provenance and "local" in shown[ptv].provenance["title"]
    # Decided by an editor as two services: both shown (content/overrides/local-vakehyva-talousneuvonta.yml).
    assert {"local-vakehyva-talousneuvonta", "ptv-1526d474-1c26-5612-ab2b-aa18ae60b9ca"} <= set(shown)


def test_a_merged_record_page_says_where_its_fields_come_from(demo_site):
    page = read(demo_site, "palvelu/ptv-9e99e52e-3e8d-560f-b2b7-e6462c8d80ce")
    assert "MIELI ry:n Kriisipuhelin" in page and '<details class="record-provenance">' in page
    assert not (demo_site / "palvelu" / "local-mieli-kriisipuhelin").exists()


@pytest.mark.browser
@pytest.mark.parametrize("query, local, ptv", PAIRS, ids=[p[0] + "-" + p[1] for p in PAIRS])
def test_searching_the_demo_finds_each_service_once(page, demo_url, query, local, ptv):
    page.goto(f"{demo_url}/haku/?q={query}")
    wait_results(page)
    hrefs = page.locator("#search-results .card-title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert f"/palvelu/{ptv}/" in hrefs, hrefs
    assert f"/palvelu/{local}/" not in hrefs
    assert len(hrefs) == len(set(hrefs))
    titles = page.locator("#search-results .card-title").all_inner_texts()
    assert len([t for t in titles if re.search(NAMES[query], t, re.I)]) == 1, titles
