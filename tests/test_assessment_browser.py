"""The self-assessment (/arvio/) in real headless Chromium, on the fixture site with a toy card
(tests/fixtures/assessment/card.yml: three areas, needs 0/1/3).

Filled by keyboard only; suggestions for fixed answers (ties in card order); nothing stored until
Save; the saved result read back; the card's text stays text; axe in fi and on a phone.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.browser_support import describe, run_axe, serve
from tests.site_support import FIXTURE_CONTENT, ROOT, built_site
from tests.test_favourites_browser import session  # noqa: F401

pytestmark = pytest.mark.browser
CARD = ROOT / "tests" / "fixtures" / "assessment" / "card.yml"
KEY = "tarjotin.assessment"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("assessment")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    (root / "content" / "assessment").mkdir()
    shutil.copy(CARD, root / "content" / "assessment" / "card.yml")
    with serve(built_site(root / "content", root / "out")) as url:
        yield url


def storage(page) -> dict:
    return page.evaluate("() => ({local: Object.assign({}, localStorage), session: Object.assign({}, sessionStorage)})")


def answer(page, theme: str, label: str) -> None:
    page.locator(f"fieldset[data-theme='{theme}']").get_by_label(label, exact=True).check()


def suggested(page) -> list[str]:
    return page.eval_on_selector_all("#assessment-areas > li", "els => els.map(e => e.dataset.theme)")


def test_keyboard_only_gives_suggestions_in_need_order(session, site_url):
    page = session.page()
    page.goto(f"{site_url}/arvio/")
    before = storage(page)
    # Tab to the first area's radio group; arrows choose within a group (native radios)
    page.locator("#assessment-pro").focus()
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
    again = session.page(context)
    again.goto(f"{site_url}/arvio/")
    again.wait_for_selector("#assessment-result:not([hidden])")
    assert suggested(again) == ["liikunta"]
    assert again.locator("fieldset[data-theme='liikunta'] input[value='2']").is_checked()
    again.get_by_role("button", name="Poista tallennettu tulos").click()
    assert again.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_hostile_saved_data_and_card_text_stay_text(session, site_url):
    page = session.page()
    hostile = json.dumps({"version": 1, "answers": [["__proto__", 2], ["liikunta", 9], ["toimeentulo", 2],
                                                    ["<img src=x onerror=window.__pwned=1>", 1], "x", ["toimeentulo", 1]]})
    page.add_init_script(f"localStorage.setItem('{KEY}', {json.dumps(hostile)})")
    page.goto(f"{site_url}/arvio/")
    page.wait_for_selector("#assessment-result:not([hidden])")
    assert suggested(page) == ["toimeentulo"]
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
    page.click("button[type=submit]")
    page.get_by_label("Olen ammattilainen ja täytän tätä yhdessä asiakkaan kanssa").check()
    violations = run_axe(page)
    assert violations == [], describe(violations)
    context.close()
