"""The self-assessment (/arvio/) in real headless Chromium, on the fixture site with a toy card
(tests/fixtures/assessment/card.yml: three areas, needs 0/1/3, the "who" question) and the records
of tests/fixtures/assessment/records/ (yhteisollisyys for each age group).

Filled by keyboard only; suggestions for fixed answers (ties in card order); the services fit the
answer to "who" and the page's language; nothing stored until Save; the saved result read back;
the card's text stays text; axe in fi and on a phone.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tarjotin.assessment import pick_services, service_candidates
from tarjotin.config import load_config
from tarjotin.content import load_content
from tarjotin.views import LangView
from tests.browser_support import describe, run_axe, serve
from tests.site_support import FIXTURE_CONTENT, ROOT, TEST_CONFIG, built_site
from tests.test_favourites_browser import session  # noqa: F401

pytestmark = pytest.mark.browser
CARD = ROOT / "tests" / "fixtures" / "assessment" / "card.yml"
RECORDS = ROOT / "tests" / "fixtures" / "assessment" / "records"
KEY = "tarjotin.assessment"
#: Some of the fixture's yhteisollisyys services and activities, by whom they are for
YOUTH_ONLY = {"Bändikerho nuorille", "Bandklubb för unga", "Nuorisotila Pulssi", "Ungdomsgården Pulssi"}
CHILDREN_ONLY = {"Lasten kerho", "Perhekahvila Pikkuiset"}
SENIORS_ONLY = {"Eläkeläisten kuoro", "Seniorikahvila", "Seniorcafé"}


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    """The fixture site's content with the toy card and the records of RECORDS."""
    root = tmp_path_factory.mktemp("assessment")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    (root / "content" / "assessment").mkdir()
    shutil.copy(CARD, root / "content" / "assessment" / "card.yml")
    for record in RECORDS.glob("*.md"):
        shutil.copy(record, root / "content" / "records" / "local" / record.name)
    return root / "content"


@pytest.fixture(scope="module")
def site_url(content):
    with serve(built_site(content, content.parent / "out")) as url:
        yield url


def storage(page) -> dict:
    return page.evaluate("() => ({local: Object.assign({}, localStorage), session: Object.assign({}, sessionStorage)})")


def answer(page, theme: str, label: str) -> None:
    page.locator(f"fieldset[data-theme='{theme}']").get_by_label(label, exact=True).check()


def suggested(page) -> list[str]:
    return page.eval_on_selector_all("#assessment-areas > li", "els => els.map(e => e.dataset.theme)")


def services(page, theme: str) -> list[str]:
    """The services a suggestion shows (visible ones only)."""
    item = page.locator(f"#assessment-areas > li[data-theme='{theme}'] .assessment-services > li:visible")
    return item.evaluate_all("els => els.map(e => e.textContent.trim())")


def search_href(page, theme: str) -> str:
    return page.locator(f"#assessment-areas > li[data-theme='{theme}'] a.assessment-search").get_attribute("href")


def test_keyboard_only_gives_suggestions_in_need_order(session, site_url):
    page = session.page()
    page.goto(f"{site_url}/arvio/")
    before = storage(page)
    # Tab to the first area's radio group; arrows choose within a group (native radios)
    page.locator("#assessment-pro").focus()
    page.keyboard.press("Tab")                      # who: left unanswered
    page.keyboard.press("Tab")                      # where: left unanswered
    page.keyboard.press("Tab")                      # liikunta: first answer (Hyvin, need 0)
    page.keyboard.press("Space")
    page.keyboard.press("Tab")                      # toimeentulo
    page.keyboard.press("ArrowRight")               # lands on the 2nd answer … arrow moves and checks
    page.keyboard.press("ArrowRight")               # Huonosti (need 3)
    page.keyboard.press("Tab")                      # yhteisollisyys
    page.keyboard.press("ArrowRight")               # Vähän huonosti (need 1)
    page.keyboard.press("Tab")                      # the submit button
    page.keyboard.press("Enter")
    page.wait_for_selector("#assessment-result:not([hidden])")
    assert suggested(page) == ["toimeentulo", "yhteisollisyys"]     # need 0 is never suggested
    assert page.evaluate("document.activeElement.id") == "assessment-result"
    first = page.locator("#assessment-areas > li").first
    assert first.get_by_role("link", name="Hae palveluita: Toimeentulo").get_attribute("href") == "/haku/?teema=toimeentulo"
    assert first.get_by_role("link", name="Neuvoja: Toimeentulo").get_attribute("href") == "/teema/toimeentulo/"
    assert storage(page) == before                   # nothing written without Save


def test_a_senior_gets_services_for_seniors_or_everyone_and_a_child_for_children(session, site_url):
    page = session.page()
    page.goto(f"{site_url}/arvio/")
    before = storage(page)
    page.locator("#assessment-pro").focus()
    page.keyboard.press("Tab")                      # who: Lapset, Nuoret, Aikuiset, Ikääntyneet, Lapsiperheet
    for _ in range(3):
        page.keyboard.press("ArrowRight")           # … Ikääntyneet
    assert page.evaluate("document.activeElement.value") == "ikaantyneet"
    page.keyboard.press("Tab")                      # where: unanswered
    page.keyboard.press("Tab")                      # liikunta: unanswered
    page.keyboard.press("Tab")                      # toimeentulo: Vähän huonosti
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")                      # yhteisollisyys: Huonosti
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#assessment-result:not([hidden])")
    assert suggested(page) == ["yhteisollisyys", "toimeentulo"]
    # those only for seniors, then one for every age group; none only for the young or for children
    assert services(page, "yhteisollisyys") == ["Eläkeläisten kuoro", "Seniorikahvila", "Kirjaston lukunurkka"]
    assert search_href(page, "yhteisollisyys") == "/haku/?teema=yhteisollisyys&ika=ikaantyneet"
    # the editors' pick for toimeentulo is for adults and the young: nothing fits a senior
    toimeentulo = page.locator("#assessment-areas > li[data-theme='toimeentulo']")
    assert services(page, "toimeentulo") == [] and toimeentulo.locator(".assessment-services-none").is_visible()
    assert not toimeentulo.locator(".assessment-services-h").is_visible()

    # the answer changed by keyboard (arrows, Enter submits): a child gets children's services
    page.locator("#assessment-who input:checked").focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'assessment-result'")
    assert services(page, "yhteisollisyys") == ["Lasten kerho", "Perhekahvila Pikkuiset", "Kirjaston lukunurkka"]
    assert search_href(page, "yhteisollisyys") == "/haku/?teema=yhteisollisyys&ika=lapset"
    assert not set(services(page, "yhteisollisyys")) & (YOUTH_ONLY | SENIORS_ONLY)

    page.locator("#assessment-who input:checked").focus()
    page.keyboard.press("ArrowRight")               # Nuoret
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'assessment-result'")
    young = services(page, "yhteisollisyys")
    assert young == ["Bändikerho nuorille", "Nuorisotila Pulssi", "Kirjaston lukunurkka"], young
    assert services(page, "toimeentulo") == ["Community meal volunteers"]       # the editors' pick fits
    assert page.locator("#assessment-areas a[data-service-id='local-ruokailu']").get_attribute("lang") == "en"
    assert storage(page) == before                  # nothing written without Save


def test_without_an_answer_to_who_anyone_fits_and_the_page_language_comes_first(session, site_url):
    page = session.page()
    page.goto(f"{site_url}/arvio/")
    answer(page, "yhteisollisyys", "Huonosti")
    page.click("button[type=submit]")
    assert services(page, "yhteisollisyys") == ["Asukastila Olohuone", "Bändikerho nuorille", "Eläkeläisten kuoro"]
    assert search_href(page, "yhteisollisyys") == "/haku/?teema=yhteisollisyys"
    # in Swedish, those given in Swedish come first: the Finnish-only choir after the Swedish café
    page.goto(f"{site_url}/sv/bedomning/")
    answer(page, "yhteisollisyys", "Dåligt")
    page.locator("#assessment-who").get_by_label("Äldre", exact=True).check()
    page.click("button[type=submit]")
    assert services(page, "yhteisollisyys") == ["Seniorcafé", "Invånarlokalen Vardagsrummet", "Eläkeläisten kuoro"]
    link = page.locator("#assessment-areas a[data-service-id='local-arvio-elakelaisten-kuoro']")
    assert link.get_attribute("lang") == "fi" and link.get_attribute("href") == "/sv/tjanst/local-arvio-elakelaisten-kuoro/"
    # the page ships more than three candidates an area, but only ids, titles and addresses
    shipped = page.eval_on_selector_all("li[data-theme='yhteisollisyys'] .assessment-services > li", "els => els.length")
    assert shipped > 3


def test_services_where_the_person_lives_come_first(session, site_url):
    page = session.page()
    page.goto(f"{site_url}/arvio/")
    answer(page, "yhteisollisyys", "Huonosti")
    page.locator("#assessment-who").get_by_label("Ikääntyneet", exact=True).check()
    page.locator("#assessment-where").get_by_label("Kerava", exact=True).check()
    page.click("button[type=submit]")
    # only those in Kerava (the choir, the residents' room of both towns, the fixture's Kerava group):
    # the library corner (no place known) and the Vantaa senior café after them
    shown = page.eval_on_selector_all("#assessment-areas > li[data-theme='yhteisollisyys'] .assessment-services > li:not([hidden]) > a",
                                      "els => els.map(e => e.dataset.serviceId)")
    assert shown == ["local-arvio-elakelaisten-kuoro", "local-arvio-asukastila", "local-vaarallinen-nimi"]
    assert search_href(page, "yhteisollisyys") == "/haku/?teema=yhteisollisyys&ika=ikaantyneet&kunta=245"
    page.locator("#assessment-where").get_by_label("Vantaa", exact=True).check()
    page.click("button[type=submit]")
    assert services(page, "yhteisollisyys") == ["Seniorikahvila", "Asukastila Olohuone", "Kirjaston lukunurkka"]
    page.get_by_role("button", name="Tallenna tälle laitteelle").click()
    saved = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert saved["where"] == "092" and saved["who"] == "ikaantyneet"
    page.reload()
    page.wait_for_selector("#assessment-result:not([hidden])")
    assert page.locator("#assessment-where input[value='092']").is_checked()
    assert services(page, "yhteisollisyys") == ["Seniorikahvila", "Asukastila Olohuone", "Kirjaston lukunurkka"]


def test_the_browser_picks_as_pick_services_does_for_every_answer(session, site_url, content):
    """theme/static/js/assessment.js pick() and tarjotin/assessment.py pick_services() agree."""
    config = load_config(TEST_CONFIG)
    loaded = load_content(content, config)
    view = LangView("sv", config)
    page = session.page()
    page.goto(f"{site_url}/sv/bedomning/")
    for theme in ("liikunta", "toimeentulo", "yhteisollisyys"):
        answer(page, theme, "Dåligt")
    places = tuple(config.municipality_codes)
    for group in [None, *config.age_group_slugs]:
        for place in [None, *places]:
            page.click("button[type=reset]")
            for theme in ("liikunta", "toimeentulo", "yhteisollisyys"):
                answer(page, theme, "Dåligt")
            if group:
                page.locator(f"#assessment-who input[value='{group}']").check()
            if place:
                page.locator(f"#assessment-where input[value='{place}']").check()
            page.click("button[type=submit]")
            for area in loaded.assessment.areas:
                candidates = service_candidates(area, "sv", loaded.records, lambda r: view.text(r.title),
                                                tuple(config.age_group_slugs), places)
                expected = [c["id"] for c in pick_services(candidates, group, place)]
                shown = page.eval_on_selector_all(
                    f"#assessment-areas > li[data-theme='{area.theme}'] .assessment-services > li:not([hidden]) > a",
                    "els => els.map(e => e.dataset.serviceId)")
                assert shown == expected, (group, place, area.theme)


def test_ties_keep_the_card_order_and_at_most_three(session, site_url):
    page = session.page()
    page.goto(f"{site_url}/arvio/")
    for theme in ("yhteisollisyys", "toimeentulo", "liikunta"):
        answer(page, theme, "Vähän huonosti")
    page.click("button[type=submit]")
    assert suggested(page) == ["liikunta", "toimeentulo", "yhteisollisyys"]   # all need 1: card order
    answer(page, "yhteisollisyys", "Huonosti")
    page.click("button[type=submit]")
    assert suggested(page) == ["yhteisollisyys", "liikunta", "toimeentulo"]
    for theme in ("yhteisollisyys", "toimeentulo", "liikunta"):
        answer(page, theme, "Hyvin")
    page.click("button[type=submit]")
    assert suggested(page) == [] and page.locator("#assessment-none").is_visible()


def test_nothing_stored_until_save_then_read_back_and_deleted(session, site_url):
    context = session.context()
    page = session.page(context)
    page.goto(f"{site_url}/arvio/")
    answer(page, "liikunta", "Huonosti")
    page.click("button[type=submit]")
    page.get_by_role("button", name="Lisää palvelut suosikkeihin").wait_for()
    assert storage(page) == {"local": {}, "session": {}}
    page.get_by_role("button", name="Tallenna tälle laitteelle").click()
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')")) == {"version": 1, "answers": [["liikunta", 2]]}
    answer(page, "yhteisollisyys", "Huonosti")
    page.locator("#assessment-who").get_by_label("Lapsiperheet", exact=True).check()
    page.click("button[type=submit]")
    page.get_by_role("button", name="Tallenna tälle laitteelle").click()
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')")) == {
        "version": 1, "answers": [["liikunta", 2], ["yhteisollisyys", 2]], "who": "perheet"}
    again = session.page(context)
    again.goto(f"{site_url}/arvio/")
    again.wait_for_selector("#assessment-result:not([hidden])")
    assert suggested(again) == ["liikunta", "yhteisollisyys"]
    assert again.locator("fieldset[data-theme='liikunta'] input[value='2']").is_checked()
    assert again.locator("#assessment-who input[value='perheet']").is_checked()
    families = services(again, "yhteisollisyys")
    assert families == ["Perhekahvila Pikkuiset", "Kirjaston lukunurkka", "Asukastila Olohuone"]   # then one for everyone
    again.get_by_role("button", name="Lisää palvelut suosikkeihin").click()   # only the services shown
    kept = json.loads(again.evaluate("localStorage.getItem('tarjotin.favourites')"))
    ids = {item["id"] for item in kept["items"]}
    shown_ids = set(again.eval_on_selector_all("#assessment-areas .assessment-services > li:not([hidden]) > a",
                                               "els => els.map(e => e.dataset.serviceId)"))
    assert ids == shown_ids and "local-arvio-seniorikahvila" not in ids
    again.get_by_role("button", name="Poista tallennettu tulos").click()
    assert again.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_hostile_saved_data_and_card_text_stay_text(session, site_url):
    page = session.page()
    hostile = json.dumps({"version": 1, "answers": [["__proto__", 2], ["liikunta", 9], ["toimeentulo", 2],
                                                    ["<img src=x onerror=window.__pwned=1>", 1], "x", ["toimeentulo", 1]],
                          "who": "__proto__", "where": {"toString": 1}})
    page.add_init_script(f"localStorage.setItem('{KEY}', {json.dumps(hostile)})")
    page.goto(f"{site_url}/arvio/")
    page.wait_for_selector("#assessment-result:not([hidden])")
    assert suggested(page) == ["toimeentulo"]
    assert page.locator("#assessment-who input:checked, #assessment-where input:checked").count() == 0
    assert "Liikutko tarpeeksi? <img" in page.locator("fieldset[data-theme='liikunta'] legend").inner_text()
    assert "Koekortti <b>ei lihavoi</b>" in page.locator("main").inner_text()
    assert page.locator("main img, main b").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.add_init_script(f"localStorage.setItem('{KEY}', '{{broken')")
    page.reload()
    assert page.locator("#assessment-result").is_hidden()


def test_professional_mode_speaks_of_the_client_hides_save_and_clears(session, site_url):
    page = session.page()
    page.goto(f"{site_url}/arvio/")
    page.get_by_label("Olen ammattilainen ja täytän tätä yhdessä asiakkaan kanssa").check()
    legend = page.locator("fieldset[data-theme='toimeentulo'] legend")
    assert "Riittävätkö asiakkaan rahat?" in legend.inner_text() and "Riittävätkö rahasi?" not in legend.inner_text()
    answer(page, "toimeentulo", "Huonosti")
    page.click("button[type=submit]")
    assert suggested(page) == ["toimeentulo"]
    assert page.get_by_role("button", name="Tallenna tälle laitteelle").count() == 0
    page.get_by_role("button", name="Lisää palvelut suosikkeihin").click()
    page.goto(f"{site_url}/suosikit/")
    page.go_back()
    assert not page.locator("fieldset[data-theme='toimeentulo'] input[value='2']").is_checked()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_swedish_and_english_pages(session, site_url):
    page = session.page()
    page.goto(f"{site_url}/sv/bedomning/")
    assert "Räcker dina pengar?" in page.locator("main").inner_text()
    page.goto(f"{site_url}/en/self-assessment/")
    assert "Is your money enough?" in page.locator("main").inner_text()
    page.goto(f"{site_url}/teema/liikunta/")
    assert page.get_by_role("link", name="Itsearviointi", exact=True).count() == 1   # in the main menu
    assert page.get_by_role("link", name="Et tiedä, mistä aloittaa? Kokeile itsearviointia").count() == 1


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_axe_finds_nothing_in_fi_with_the_result_shown(browser, site_url, viewport):
    context = browser.new_context(locale="fi-FI", bypass_csp=True, viewport=viewport)
    page = context.new_page()
    page.goto(f"{site_url}/arvio/")
    assert run_axe(page) == [], describe(run_axe(page))
    answer(page, "liikunta", "Huonosti")
    answer(page, "toimeentulo", "Vähän huonosti")
    page.locator("#assessment-who").get_by_label("Ikääntyneet", exact=True).check()   # toimeentulo: no service fits
    page.click("button[type=submit]")
    assert page.locator(".assessment-services-none:visible").count() == 1
    page.get_by_label("Olen ammattilainen ja täytän tätä yhdessä asiakkaan kanssa").check()
    violations = run_axe(page)
    assert violations == [], describe(violations)
    context.close()
