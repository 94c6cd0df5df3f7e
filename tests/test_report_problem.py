"""'Report a problem' and the two dates on every record page (issue 13, item 3).

The link is a mailto: whose subject and body carry the record's id and page address (RFC 6068
encoding, so mail clients keep every character), or a configured form with the id as a parameter.
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tarjotin.config import ConfigError, load_config
from tests.config_support import write_config
from tests.site_support import FIXTURE_CONTENT, TEST_CONFIG, built_site, read, relocated_config_text

PTV_ID = "ptv-6a1f0c2e-3b7d-4c1a-9e55-0d2b8f41a7c3"      # modified 2.10.2026, imported 22.11.2026
LOCAL_ID = "local-tikkurila-kuntosali"                  # hand-written: modified only
SITE = "https://tarjotin.example.fi"


def report_link(page: str) -> str:
    found = re.findall(r'<a href="([^"]+)" class="report-problem-link">', page)
    assert len(found) == 1, "one 'Report a problem' link per record page"
    return html_lib.unescape(found[0])


def dates(page: str) -> dict[str, str]:
    block = re.search(r'<dl class="record-dates">(.*?)</dl>', page, re.S)
    assert block, "the record page has its dates list"
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.group(1))
    return {html_lib.unescape(k): html_lib.unescape(v) for k, v in pairs}


def mailto_parts(link: str) -> tuple[str, dict[str, str]]:
    assert link.startswith("mailto:")
    address, _, query = link[len("mailto:"):].partition("?")
    # RFC 6068: no raw spaces or line breaks, '+' is a literal plus (so not parse_qs's form decoding)
    assert not re.search(r"[\s]", link) and "+" not in query
    fields = {}
    for item in query.split("&"):
        name, _, value = item.partition("=")
        fields[name] = unquote(value)
    return unquote(address), fields


def test_mailto_carries_id_title_and_page_in_the_page_language(fixture_site):
    address, fields = mailto_parts(report_link(read(fixture_site, f"palvelu/{LOCAL_ID}")))
    assert address == "tarjotin@example.fi"              # site.feedback_email by default
    assert fields["subject"] == f"Virhe tiedoissa: Tikkurilan senioreiden kuntosali ({LOCAL_ID})"
    assert f"Tieto: {LOCAL_ID}\r\n" in fields["body"]
    assert f"Sivu: {SITE}/palvelu/{LOCAL_ID}/\r\n" in fields["body"]

    _, sv = mailto_parts(report_link(read(fixture_site, f"sv/tjanst/{PTV_ID}")))
    assert sv["subject"] == f"Fel i uppgifterna: Svenskspråkig familjerådgivning ({PTV_ID})"
    assert f"Sida: {SITE}/sv/tjanst/{PTV_ID}/" in sv["body"]


def test_both_dates_an_imported_record_page_shows(fixture_site):
    assert dates(read(fixture_site, f"palvelu/{PTV_ID}")) == {
        "Muutettu viimeksi lähteessä": "2.10.2026", "Tarkistettu viimeksi tarjottimelle": "22.11.2026"}
    assert dates(read(fixture_site, f"en/service/{PTV_ID}")) == {
        "Last changed at the source": "2.10.2026", "Last checked by the tray": "22.11.2026"}


def test_a_hand_written_record_shows_only_its_change_date(fixture_site):
    assert dates(read(fixture_site, f"sv/tjanst/{LOCAL_ID}")) == {"Senast ändrad i källan": "1.9.2026"}


def test_the_link_is_named_for_screen_readers(fixture_site):
    page = read(fixture_site, f"en/service/{LOCAL_ID}")
    link = re.search(r'class="report-problem-link">(.*?)</a>', page, re.S).group(1)
    assert html_lib.unescape(re.sub(r"<[^>]+>", "", link)) == "Report a problem: Tikkurila seniors' gym"
    assert '<span class="visually-hidden">' in link


def form_config(tmp_path, table: str):
    text = relocated_config_text(TEST_CONFIG) + "\n[report_problem]\n" + table
    return write_config(tmp_path, text)


def test_a_form_gets_the_id_and_page_as_parameters(tmp_path):
    config = form_config(tmp_path, 'form_url = "https://palaute.example.fi/lomake?aihe=tarjotin"\n'
                                   'id_parameter = "tieto"\n')
    output = built_site(FIXTURE_CONTENT, tmp_path / "out", config=config)
    link = urlsplit(report_link(read(output, f"sv/tjanst/{PTV_ID}")))
    assert (link.scheme, link.netloc, link.path) == ("https", "palaute.example.fi", "/lomake")
    assert parse_qs(link.query) == {"aihe": ["tarjotin"], "tieto": [PTV_ID],
                                    "url": [f"{SITE}/sv/tjanst/{PTV_ID}/"]}


@pytest.mark.parametrize("table, reason", [
    ('form_url = "javascript:alert(1)"\n', "https://"),
    ('form_url = "https://x.example"\nid_parameter = "a b"\n', "query parameter name"),
])
def test_a_bad_channel_is_named(tmp_path, table, reason):
    with pytest.raises(ConfigError) as err:
        load_config(form_config(tmp_path, table))
    assert "report_problem" in str(err.value) and reason in str(err.value)
