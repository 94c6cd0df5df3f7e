"""The nurse's appointment on the demo build: a Swedish-speaking senior client in Kerava, four
services and one event, notes, one page printed in Swedish from the Finnish page, the list sent to
the client's phone, and the shared computer left clean.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests.test_favourites_browser import KEY, flat, pdf_text, ready, save_list, session, titles  # noqa: F401
from tests.test_favourites_share_browser import MOCK_SHARE

pytestmark = pytest.mark.browser

SERVICES = ["local-kerava-palvelukeskuksen-lounas", "local-kerava-senioritanssit", "ptv-44d1c70d-0121-507d-ac57-f88c8726c527",
            "ptv-cc4ed5b6-e4ae-5e00-89cf-9180c4f1b4ef"]
EVENT = "lahella-482720"
NOTES_KEY = "tarjotin.favourites.notes"


def sv_entries(site) -> dict:
    out = {}
    for path in (site / "favourites-files" / "sv").glob("records-*.json"):
        out.update(json.loads(path.read_text(encoding="utf-8"))["records"])
    return out


def test_a_nurses_appointment_with_a_swedish_speaking_senior(session, demo_url, demo_site, tmp_path):
    page = session.page()
    page.add_init_script(MOCK_SHARE)
    save_list(page, f"{demo_url}/suosikit/", [(i, "x") for i in SERVICES + [EVENT]])
    page.goto(f"{demo_url}/suosikit/")
    ready(page)
    page.check("#fav-shared-computer")                                     # a shared computer
    page.select_option("#fav-slip-lang", "sv")                             # the client reads Swedish
    page.get_by_label("Muistiinpano koko listalle").fill("Nästa besök to 17.12. kl. 10")
    page.locator(f"textarea[data-note-id='{SERVICES[1]}']").fill("Ring må 9–11, fråga efter gruppledaren")
    page.wait_for_function("() => document.getElementById('fav-slip').lang === 'sv'"
                           " && document.getElementById('fav-slip').textContent.includes('gruppledaren')")
    data = sv_entries(demo_site)
    names = [data[i]["title"] for i in SERVICES + [EVENT]]
    phones = [p["number"] for i in SERVICES + [EVENT] for p in data[i].get("phones", [])[:1]]

    # one page, in Swedish, with every name, phone, the notes and the link
    with page.expect_download() as info:
        page.click("#fav-pdf")
    info.value.save_as(tmp_path / "slip.pdf")
    pages = subprocess.run(["pdfinfo", str(tmp_path / "slip.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", pages), pages
    text = flat(pdf_text(tmp_path / "slip.pdf"))
    for fragment in names + phones + ["Tjänster för dig", "Nästa besök to 17.12. kl. 10", "gruppledaren"]:
        assert fragment in text, fragment
    assert "/sv/favoriter/#list1." in re.sub(r"(?<=[./]) ", "", text)
    page.wait_for_function("() => !!document.getElementById('fav-undo')")   # cleared after the PDF…
    page.click("#fav-undo")                                                 # …brought back to send it too
    ready(page)
    page.wait_for_function("() => document.getElementById('fav-link').value.includes('/sv/favoriter/')")
    link = page.locator("#fav-link").input_value()
    assert "~" not in link and "gruppledaren" not in page.locator("#fav-email").get_attribute("href")

    # to the client's phone
    page.click("#fav-webshare")
    page.wait_for_function("() => window.__shared.length === 1 && !!document.getElementById('fav-undo')")
    assert page.evaluate("window.__shared[0]") == {"title": "Hyvinvointitarjotin: utvalda tjänster",
                                                   "text": "Tjänster vi valde tillsammans:", "url": link}
    # the shared computer is left clean: nothing in this tab, nothing in the browser
    left = page.evaluate(f"[{json.dumps(KEY)}, {json.dumps(NOTES_KEY)}].map(k => [localStorage.getItem(k), sessionStorage.getItem(k)])")
    assert left[0][0] is None and json.loads(left[0][1])["items"] == [] and left[1] == [None, None]
    next_client = session.page(page.context)
    next_client.goto(f"{demo_url}/suosikit/")
    next_client.wait_for_selector("#favourites-page[data-state]")
    assert next_client.locator("#fav-empty").is_visible()
    # the client opens the link on the phone: the list in Swedish
    phone = session.page(session.context(locale="sv-FI", viewport={"width": 360, "height": 740}))
    phone.goto(link)
    ready(phone)
    assert titles(phone) == names
