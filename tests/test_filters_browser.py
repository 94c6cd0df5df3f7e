"""Filters from their declarations in real Chromium: a toy filter registered through the
`[search] filter_plugins` hook, and the new filters (free of charge, no registration, remote, event
date) on a phone-sized viewport in Finnish and Swedish, with the browser's clock pinned."""

from __future__ import annotations

import re
import shutil
from datetime import datetime

import pytest

from tarjotin.recordfile import dump_record
from tests.browser_support import serve, url_params as params, wait_for_results as wait
from tests.search_support import record
from tests.site_support import FIXTURE_CONTENT, TEST_CONFIG, built_site, relocated_config_text

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
WEDNESDAY = datetime(2026, 11, 25, 12, 0)     # the browser's clock (Europe/Helsinki); built on 23.11.


def _event(day, hour=18, last=None):
    return {"start": f"2026-{day}T{hour:02d}:00", "end": f"2026-{last or day}T{hour + 2:02d}:00"}


RECORDS = [
    record("local-free", title={"fi": "Avoin kuntosali", "sv": "Öppet gym"}, municipalities=["092"],
           price={"free": True}, registration={"required": False}, keywords=["lelu:pehmo"]),
    record("local-paid", title={"fi": "Vesijumppa", "sv": "Vattengympa"}, kind="activity", municipalities=["092"],
           price={"free": False}, registration={"required": True}, keywords=["lelu:palikka", "lelu:pehmo"]),
    record("local-phone", title={"fi": "Kriisipuhelin", "sv": "Krisjouren"}, nationwide=True,
           contacts={"phones": [{"number": "09 123 4567"}]}),
    record("local-chat", title={"fi": "Nuorten chat", "sv": "Chatt för unga"}, municipalities=["245"],
           channels=["chat", "online"], keywords=["lelu:palikka"]),
    record("local-today", title={"fi": "Adventtikonsertti", "sv": "Adventskonsert"}, kind="event",
           municipalities=["092"], event=_event("11-25", 19), price={"free": True}),
    record("local-sat", title={"fi": "Joulumyyjäiset", "sv": "Julbasar"}, kind="event", municipalities=["245"],
           event=_event("11-28", 10)),
    record("local-early", title={"fi": "Aamutapahtuma", "sv": "Morgonevenemang"}, kind="event",
           municipalities=["245"], event=_event("11-28", 8)),
    record("local-later", title={"fi": "Kevätkonsertti", "sv": "Vårkonsert"}, kind="event", municipalities=["245"],
           event=_event("12-10", 18), registration={"required": False}),
]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("filters-site")
    content = root / "content"
    shutil.copytree(FIXTURE_CONTENT / "themes", content / "themes")
    shutil.copytree(FIXTURE_CONTENT / "pages", content / "pages")
    (content / "records" / "local").mkdir(parents=True)
    for r in RECORDS:
        (content / "records" / "local" / f"{r.id}.md").write_text(dump_record(r), encoding="utf-8")
    config = root / "tray.toml"
    # the toy filter: one declaration (tests/toy_filter.py) registered through the hook
    config.write_text(relocated_config_text(TEST_CONFIG) + '\n[search]\nfilter_plugins = ["tests.toy_filter"]\n',
                      encoding="utf-8")
    output = built_site(content, root / "output", config=config)
    with serve(output) as url:
        yield url


def open_page(browser, url, *, locale="fi-FI", phone=False):
    context = browser.new_context(locale=locale, timezone_id="Europe/Helsinki", **(PHONE if phone else {}))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.clock.set_fixed_time(WEDNESDAY)
    page.goto(url)
    wait(page)
    return context, page, errors


def titles(page):
    return page.locator("#search-results .card-title").all_inner_texts()


def total(page):
    return int(re.match(r"\d+", page.locator("#search-count").inner_text()).group())


def value_count(page, group, value):
    label = page.locator(f'#filter-{group} input[value="{value}"] + label .value-count')
    return int(label.inner_text().strip("()"))


@pytest.mark.parametrize("lang, path, heading, soft", [("fi", "haku", "Lelu", "Pehmolelu"),
                                                       ("sv", "sv/sok", "Leksak", "Mjukisdjur")])
def test_toy_filter_on_the_page_in_the_url_and_counted(browser, site_url, lang, path, heading, soft):
    context, page, errors = open_page(browser, f"{site_url}/{path}/", locale=f"{lang}-FI")
    group = page.locator("#filter-lelu")
    assert group.locator("legend").inner_text() == heading
    assert value_count(page, "lelu", "pehmo") == 2 and value_count(page, "lelu", "palikka") == 2
    group.locator("label", has_text=soft).click()
    wait(page)
    assert params(page) == {"lelu": ["pehmo"]} and total(page) == 2
    assert sorted(titles(page)) == sorted(["Avoin kuntosali", "Vesijumppa"] if lang == "fi" else ["Öppet gym", "Vattengympa"])
    assert page.locator("#active-filters .chip", has_text=soft).count() == 1
    # the address carries the state: a reload (or a shared link) gives the same view
    page.goto(f"{site_url}/{path}/?lelu=palikka&kunta=245")
    wait(page)
    assert total(page) == 1 and page.locator('#filter-lelu input[value="palikka"]').is_checked()
    assert value_count(page, "lelu", "pehmo") == 0 and value_count(page, "lelu", "palikka") == 1
    assert errors == []
    context.close()


def test_free_no_registration_and_remote_on_a_phone_in_finnish(browser, site_url):
    context, page, errors = open_page(browser, f"{site_url}/haku/", phone=True)
    page.locator("#filters-toggle").tap()
    assert page.locator("#filter-hinta legend").inner_text() == "Hinta"
    assert value_count(page, "hinta", "maksuton") == 2
    assert value_count(page, "ilmoittautuminen", "ei") == 2
    assert value_count(page, "etapalvelu", "puhelin") == 1 and value_count(page, "etapalvelu", "chat") == 1
    page.locator("#filter-hinta label", has_text="Maksuton").tap()
    wait(page)
    assert params(page) == {"hinta": ["maksuton"]} and sorted(titles(page)) == ["Adventtikonsertti", "Avoin kuntosali"]
    page.locator("#filter-ilmoittautuminen label").first.tap()
    wait(page)
    assert params(page) == {"hinta": ["maksuton"], "ilmoittautuminen": ["ei"]} and titles(page) == ["Avoin kuntosali"]
    assert "Rajaukset (2)" in page.locator("#filters-toggle").inner_text()
    page.goto(f"{site_url}/haku/?etapalvelu=puhelin&etapalvelu=chat")
    wait(page)
    assert sorted(titles(page)) == ["Kriisipuhelin", "Nuorten chat"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert errors == []
    context.close()


def test_event_date_on_a_phone_in_swedish(browser, site_url):
    context, page, errors = open_page(browser, f"{site_url}/sv/sok/", locale="sv-FI", phone=True)
    page.locator("#filters-toggle").tap()
    legend = page.locator("#filter-aika legend")
    assert legend.inner_text() == "Evenemangets datum"
    # Wednesday 25.11.: today one concert; the weekend 28.–29.11. two events; the week three
    assert [value_count(page, "aika", v) for v in ("tanaan", "viikonloppu", "7pv")] == [1, 2, 3]
    assert page.locator('#filter-aika input[value=""]').is_checked()          # "Alla": no date chosen
    page.locator("#filter-aika label", has_text="I helgen").tap()
    wait(page)
    assert params(page) == {"aika": ["viikonloppu"]}
    assert titles(page) == ["Morgonevenemang", "Julbasar"]                   # by start time, not title
    page.locator("#filter-aika label", has_text="Närmaste 7 dagarna").tap()
    wait(page)
    assert params(page) == {"aika": ["7pv"]} and titles(page) == ["Adventskonsert", "Morgonevenemang", "Julbasar"]
    # a chosen range
    page.fill("#f-aika-from", "2026-12-01")
    page.fill("#f-aika-to", "2026-12-31")
    page.locator("#f-aika-apply").tap()
    wait(page)
    assert params(page) == {"aika": ["2026-12-01..2026-12-31"]} and titles(page) == ["Vårkonsert"]
    chip = page.locator("#active-filters .chip:not(.chip-clear)")
    assert chip.count() == 1 and "2026" in chip.inner_text()
    assert not page.locator("#filter-aika input[type=radio]:checked").count()
    page.locator("#filter-aika label", has_text="Alla").tap()
    wait(page)
    assert "aika" not in params(page) and total(page) == len(RECORDS)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert errors == []
    context.close()


def test_events_by_start_time_when_kind_is_event(browser, site_url):
    context, page, errors = open_page(browser, f"{site_url}/haku/?tyyppi=event")
    assert titles(page) == ["Adventtikonsertti", "Aamutapahtuma", "Joulumyyjäiset", "Kevätkonsertti"]
    page.goto(f"{site_url}/haku/?aika=tanaan")
    wait(page)
    assert titles(page) == ["Adventtikonsertti"]
    # "today" is the browser's today in the area's time zone: a day later the concert is gone
    page.clock.set_fixed_time(datetime(2026, 11, 28, 9, 0))
    page.goto(f"{site_url}/haku/?aika=tanaan")
    wait(page)
    assert titles(page) == ["Aamutapahtuma", "Joulumyyjäiset"]
    assert errors == []
    context.close()


@pytest.mark.parametrize("path", ["haku/?aika=2026-12-01..2026-12-31&hinta=maksuton", "sv/sok/?etapalvelu=chat&lelu=palikka"])
def test_new_filter_groups_have_no_axe_violations(browser, site_url, path):
    from tests.browser_support import describe, run_axe

    context = browser.new_context(bypass_csp=True, locale="fi-FI", timezone_id="Europe/Helsinki")
    page = context.new_page()
    page.clock.set_fixed_time(WEDNESDAY)
    page.goto(f"{site_url}/{path}")
    wait(page)
    violations = run_axe(page)
    assert violations == [], describe(violations)
    context.close()
