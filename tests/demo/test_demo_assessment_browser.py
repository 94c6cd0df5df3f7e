"""The demo's self-assessment done with a Swedish-speaking senior in Kerava, by keyboard only
(content/assessment/card.yml, /sv/bedomning/): older people, in Kerava, lonely, money tight, moving
less; the mind fine. A professional would start with company, then money, then exercise — the
suggestions must say so, with services for older people or for everyone, in Swedish, in Kerava
first, and none for the young.
"""

from __future__ import annotations

import pytest

from tests.browser_support import describe, run_axe

pytestmark = pytest.mark.browser

# The card's areas in its order, and the answer given (0 Bra, 1 Ganska bra, 2 Ganska dåligt, 3 Dåligt)
ANSWERS = {"mielekas-arki": 0, "mielen-hyvinvointi": 1, "yhteisollisyys": 3, "toimeentulo": 2,
           "turvallisuus": 0, "ravinto": 0, "liikunta": 2, "paihteet": 0, "kulttuuri": 0}


def test_a_swedish_speaking_senior_fills_it_by_keyboard(browser, demo_url):
    context = browser.new_context(locale="sv-SE", bypass_csp=True)   # axe is injected as a script
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{demo_url}/sv/bedomning/")
    areas = page.eval_on_selector_all("fieldset[data-theme]", "els => els.map(e => e.dataset.theme)")
    assert areas == list(ANSWERS)
    page.locator("#assessment-pro").focus()
    page.keyboard.press("Tab")                            # who: Barn, Unga, Vuxna, Äldre, Barnfamiljer
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.labels[0].textContent.trim()") == "Äldre"
    page.keyboard.press("Tab")                            # where: Vanda, Kervo
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.labels[0].textContent.trim()") == "Kervo"
    for theme in areas:
        page.keyboard.press("Tab")                        # into the area's radio group
        if ANSWERS[theme] == 0:
            page.keyboard.press("Space")
        for _ in range(ANSWERS[theme]):
            page.keyboard.press("ArrowRight")             # moves to the next answer and chooses it
        focused = page.evaluate("[document.activeElement.closest('fieldset').dataset.theme, document.activeElement.value]")
        assert focused == [theme, str(ANSWERS[theme])]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#assessment-result:not([hidden])")
    shown = page.eval_on_selector_all("#assessment-areas > li", "els => els.map(e => e.dataset.theme)")
    assert shown == ["yhteisollisyys", "toimeentulo", "liikunta"]   # most need first, a tie in card order
    for theme in shown:
        item = page.locator(f"#assessment-areas > li[data-theme='{theme}']")
        hrefs = item.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert f"/sv/tema/{theme}/" in hrefs, hrefs
        assert any("/sv/" in h and ("/ptv-" in h or "/local-" in h or "/lahella-" in h) for h in hrefs), hrefs
        assert f"/sv/sok/?teema={theme}&ika=ikaantyneet&kunta=245" in hrefs, hrefs
        offered = item.locator(".assessment-services > li:visible")
        assert offered.count() == 3
        # none only for other age groups (the youth band, the family cafés); every title in Swedish
        for ages in offered.evaluate_all("els => els.map(e => e.dataset.ages.split(' ').filter(Boolean))"):
            assert not ages or "ikaantyneet" in ages, ages
        assert offered.locator("a[lang]").count() == 0
    company = page.locator("#assessment-areas > li[data-theme='yhteisollisyys'] .assessment-services > li:visible")
    assert company.all_inner_texts() == ["Seniordans i Kervo-salen", "Sällskap per telefon för äldre",
                                         "Lunch och dagcafé på servicecentralen Hopeahovi"]
    money = page.locator("#assessment-areas > li[data-theme='toimeentulo'] .assessment-services > li:visible")
    assert money.all_inner_texts() == ["Ekonomi- och skuldrådgivning", "Ekonomisk rådgivning och social kreditgivning",
                                       "Seniorrådgivning"]                       # the card's picks
    exercise = page.locator("#assessment-areas > li[data-theme='liikunta'] .assessment-services > li:visible")
    assert exercise.all_inner_texts() == ["Seniordans i Kervo-salen", "Kervo simhall", "Friluftsleder och motionsbanor"]
    assert "Bandklubb för unga i Dickursby" not in page.locator("#assessment-result").inner_text()
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0   # nothing kept without Save
    violations = run_axe(page)
    assert violations == [], describe(violations)
    assert errors == []
    context.close()
