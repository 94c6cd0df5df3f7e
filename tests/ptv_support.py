"""Shared helpers for the PTV importer tests: a small v11 world, a replay server, a runner.

The world has 11 services (4 pages of 3 in each municipality list) chosen to exercise every
path: several locations with connection-specific hours, a phone line over midnight, missing
translations, "0" coordinates, HTML-looking text, a nationwide helpline, and services that
must be skipped (a permit, a dental service, a grant for clubs, one in another municipality).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from importers.common.replay import ReplayServer
from importers.ptv import builders as b
from importers.ptv import importer
from importers.ptv.settings import PtvSettings, load_settings
from tarjotin.config import TrayConfig
from tests.importer_support import LATER, NOW, default_config  # noqa: F401 - the tests use them from here
from tests.importer_support import RunHarness, quick_settings

ORG_VANTAA = "6a1f3c52-0b7e-4f6e-9a61-2c7d1e0a0092"
ORG_KERAVA = "7b2e4d63-1c8f-4a7f-8b72-3d8e2f1b0245"
ORG_MIELI = "8c3f5e74-2d90-4b80-9c83-4e9f3a2c0001"

SWIM = "11111111-aaaa-4aaa-8aaa-000000000001"
LIBRARY = "11111111-aaaa-4aaa-8aaa-000000000002"
YOUTH = "11111111-aaaa-4aaa-8aaa-000000000003"
MENTAL = "11111111-aaaa-4aaa-8aaa-000000000004"
HELPLINE = "11111111-aaaa-4aaa-8aaa-000000000005"
PERMIT = "11111111-aaaa-4aaa-8aaa-000000000006"
DENTAL = "11111111-aaaa-4aaa-8aaa-000000000007"
GRANTS = "11111111-aaaa-4aaa-8aaa-000000000008"
DEBT = "11111111-aaaa-4aaa-8aaa-000000000009"
BROKEN = "seniori_neuvonta"  # not a GUID: the record fails validation (bad id)
ESPOO = "11111111-aaaa-4aaa-8aaa-00000000000b"

CH_SWIM_TIKKURILA = "22222222-bbbb-4bbb-8bbb-000000000001"
CH_SWIM_MYYRMAKI = "22222222-bbbb-4bbb-8bbb-000000000002"
CH_LIBRARY = "22222222-bbbb-4bbb-8bbb-000000000003"
CH_YOUTH = "22222222-bbbb-4bbb-8bbb-000000000004"
CH_MENTAL_PHONE = "22222222-bbbb-4bbb-8bbb-000000000005"
CH_MENTAL_WEB = "22222222-bbbb-4bbb-8bbb-000000000006"
CH_HELPLINE = "22222222-bbbb-4bbb-8bbb-000000000007"
CH_MISSING = "22222222-bbbb-4bbb-8bbb-0000000000ff"
CH_DEBT = "22222222-bbbb-4bbb-8bbb-000000000008"
CH_PERMIT = "22222222-bbbb-4bbb-8bbb-000000000009"

FI_SV = {"fi": "VANTAA", "sv": "VANDA"}


def build_world(page_size: int = 3) -> b.World:
    world = b.World(page_size=page_size)
    world.organizations = [
        b.organization(ORG_VANTAA, {"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"},
                       business_code="0124610-9", municipality_code="092"),
        b.organization(ORG_KERAVA, {"fi": "Keravan kaupunki", "sv": "Kervo stad"}, business_code="0125186-1",
                       municipality_code="245"),
        b.organization(ORG_MIELI, {"fi": "MIELI Suomen Mielenterveys ry", "sv": "MIELI Psykisk Hälsa Finland rf"},
                       business_code="0215318-2", org_type="Organization"),
    ]
    weekday = b.weekly_hours({"mon": ("06:00", "21:00"), "tue": ("06:00", "21:00"), "wed": ("06:00", "21:00"),
                              "thu": ("06:00", "21:00"), "fri": ("06:00", "20:00"), "sat": ("09:00", "18:00"),
                              "sun": ("09:00", "18:00")},
                             info={"fi": "Kassa sulkeutuu tuntia ennen.", "sv": "Kassan stänger en timme tidigare."})
    world.channels = [
        b.location_channel(CH_SWIM_TIKKURILA, {"fi": "Tikkurilan uimahalli", "sv": "Dickursby simhall"}, ORG_VANTAA,
                           street={"fi": "Läntinen Valkoisenlähteentie", "sv": "Västra Vitkällavägen"}, number="48",
                           postal_code="01300", post_office=FI_SV, municipality_code="092",
                           northing="6686540.000", easting="391670.000",
                           phones=[b.phone("9 8392 4100", info="Kassa")], emails=["uimahallit@vantaa.fi"],
                           hours=[weekday, b.exceptional_hours("2026-12-24", until="2026-12-26", closed=True,
                                                                info={"fi": "Joulu", "sv": "Jul"})]),
        b.location_channel(CH_SWIM_MYYRMAKI, {"fi": "Myyrmäen uimahalli", "sv": "Myrbacka simhall"}, ORG_VANTAA,
                           street={"fi": "Raappavuorentie", "sv": "Raappavuorentie"}, number="5",
                           postal_code="01600", post_office=FI_SV, municipality_code="092",
                           northing="0", easting="0", hours=[weekday]),
        b.location_channel(CH_LIBRARY, {"fi": "Keravan kirjasto", "sv": "Kervo bibliotek"}, ORG_KERAVA,
                           street={"fi": "Paasikivenkatu", "sv": "Paasikivigatan"}, number="12",
                           postal_code="04200", post_office={"fi": "KERAVA", "sv": "KERVO"}, municipality_code="245",
                           lat=60.4036, lon=25.1036, web=[b.web_page("https://www.kerava.fi/kirjasto", "Kirjasto")],
                           hours=[b.weekly_hours({"mon": ("09:00", "20:00"), "tue": ("09:00", "20:00"),
                                                  "wed": ("09:00", "20:00"), "thu": ("09:00", "20:00"),
                                                  "fri": ("09:00", "18:00"), "sat": ("10:00", "16:00")}),
                                  b.weekly_hours({"mon": ("10:00", "18:00"), "tue": ("10:00", "18:00"),
                                                  "wed": ("10:00", "18:00"), "thu": ("10:00", "18:00"),
                                                  "fri": ("10:00", "16:00")}, valid_from="2027-06-01",
                                                 valid_to="2027-08-15", info={"fi": "Kesäaukioloajat"})]),
        b.location_channel(CH_YOUTH, {"fi": "Nuorisotila Kipinä"}, ORG_VANTAA,
                           street={"fi": "Kielotie"}, number="13", postal_code="01300", post_office=FI_SV,
                           municipality_code="092", lat=60.2925, lon=25.0403, languages=["fi"]),
        b.phone_channel(CH_MENTAL_PHONE, {"fi": "Mielenterveysneuvonta puhelimessa", "sv": "Rådgivning per telefon"},
                        ORG_VANTAA, phones=[b.phone("9 8393 5030", info="Neuvonta")],
                        hours=[b.weekly_hours({"mon": ("08:00", "15:00")},
                                              over_midnight={"fri": ("sat", "22:00", "02:00")})]),
        b.web_channel(CH_MENTAL_WEB, {"fi": "Chat-palvelu"}, ORG_VANTAA, kind="EChannel",
                      pages=[b.web_page("https://chat.example.fi/mielenterveys", "Avaa chat")]),
        b.phone_channel(CH_HELPLINE, {"fi": "Kriisipuhelin", "sv": "Krisjouren", "en": "Crisis helpline"}, ORG_MIELI,
                        phones=[b.phone("09 2525 0111", info="Kriisipuhelin", prefix="+358", charge="Chargeable",
                                        charge_description="Puhelun hinta: paikallisverkkomaksu")],
                        hours=[b.weekly_hours({}, always_open=True)], area_type="Nationwide", municipalities=[]),
        b.location_channel(CH_DEBT, {"fi": "Talous- ja velkaneuvonta Tikkurila"}, ORG_VANTAA,
                           street={"fi": "Asematie"}, number="7", postal_code="01300", post_office=FI_SV,
                           municipality_code="092", lat=60.2927, lon=25.0447,
                           hours=[b.weekly_hours({"tue": ("09:00", "12:00")}, reservation=True)]),
        b.location_channel(CH_PERMIT, {"fi": "Rakennusvalvonta"}, ORG_VANTAA, street={"fi": "Kielotie"}, number="20",
                           postal_code="01300", post_office=FI_SV, municipality_code="092", lat=60.2930, lon=25.0380),
    ]
    world.services = [
        b.service(SWIM, {"fi": "Uimahallit", "sv": "Simhallar", "en": "Swimming halls"},
                  summary={"fi": "Vantaan uimahallit ovat kaikkien käytössä.", "sv": "Vandas simhallar är öppna för alla.",
                           "en": "Vantaa's swimming halls are open to everyone."},
                  description={"fi": "### Palvelut\nUimahalleissa voit:\n* uida\n* käydä saunassa\n<b>Kaikukortti</b> käy.",
                               "sv": "Simhallarna har bastu."},
                  charge="Chargeable", charge_info={"fi": "Kertamaksu 6 €."},
                  classes=["P27.1"], target_groups=["KR1"], keywords=[("fi", "uinti"), ("fi", "Kaikukortti")],
                  languages=["fi", "sv", "en"], organization=(ORG_VANTAA, "Vantaan kaupunki"),
                  channels=[b.connection(CH_SWIM_MYYRMAKI, "Myyrmäen uimahalli"),
                            b.connection(CH_SWIM_TIKKURILA, "Tikkurilan uimahalli",
                                         hours=[b.weekly_hours({"mon": ("07:00", "09:00")},
                                                               info={"fi": "Aamu-uinti senioreille"})],
                                         contacts={"phoneNumbers": [b.phone("40 123 4567", info="Uinninopetus")]})]),
        b.service(LIBRARY, {"fi": "Keravan kirjasto", "sv": "Kervo bibliotek"},
                  summary={"fi": "Lainaa kirjoja ja osallistu tapahtumiin."}, classes=["P25.1"],
                  municipalities=["245"], organization=(ORG_KERAVA, "Keravan kaupunki"),
                  channels=[b.connection(CH_LIBRARY, "Keravan kirjasto")]),
        b.service(YOUTH, {"fi": "Avoin nuorisotyö"}, summary={"fi": "Nuorisotila 13–17-vuotiaille."},
                  description={"fi": "Tule [mukaan](javascript:alert(1)) <script>alert('x')</script>"},
                  classes=["P28.1"], target_groups=["KR1.3"], languages=["fi"], organization=(ORG_VANTAA, "Vantaan kaupunki"),
                  channels=[b.connection(CH_YOUTH, "Nuorisotila Kipinä"), b.connection(CH_MISSING, "Poistettu kanava")]),
        b.service(MENTAL, {"fi": "Mielenterveys- ja päihdeneuvonta", "sv": "Rådgivning om mental hälsa och missbruk"},
                  summary={"fi": "Matalan kynnyksen neuvontaa ilman lähetettä.", "sv": "Rådgivning utan remiss."},
                  classes=["P5.7"], target_groups=["KR1", "KR1.3"], languages=["fi", "sv", "en"],
                  organization=(ORG_VANTAA, "Vantaan kaupunki"),
                  channels=[b.connection(CH_MENTAL_PHONE, "Mielenterveysneuvonta puhelimessa"),
                            b.connection(CH_MENTAL_WEB, "Chat-palvelu")]),
        b.service(HELPLINE, {"fi": "Kriisipuhelin", "sv": "Kristelefon", "en": "Crisis Helpline"},
                  summary={"fi": "Keskusteluapua kriisissä.", "sv": "Samtalshjälp i kris.", "en": "Support in a crisis."},
                  classes=["P5.7"], area_type="Nationwide", municipalities=[], organization=(ORG_MIELI, "MIELI ry"),
                  ontology=[("http://www.yso.fi/onto/yso/p4577", {"fi": "kriisiapu", "sv": "krishjälp"})],
                  channels=[b.connection(CH_HELPLINE, "Kriisipuhelin")]),
        b.service(PERMIT, {"fi": "Rakennuslupa", "sv": "Bygglov"}, classes=["P2.1"], service_type="PermitOrObligation",
                  organization=(ORG_VANTAA, "Vantaan kaupunki"), channels=[b.connection(CH_PERMIT, "Rakennusvalvonta")]),
        b.service(DENTAL, {"fi": "Suun terveydenhuolto"}, classes=["P5.10"], organization=(ORG_VANTAA, "Vantaan kaupunki")),
        b.service(GRANTS, {"fi": "Liikunta-avustukset seuroille"}, classes=["P27.1"], target_groups=["KR2.7"],
                  organization=(ORG_VANTAA, "Vantaan kaupunki")),
        b.service(DEBT, {"fi": "Talous- ja velkaneuvonta", "sv": "Ekonomi- och skuldrådgivning"},
                  summary={"fi": "Apua raha-asioihin."}, classes=["P15.1"], target_groups=["KR1"],
                  organization=(ORG_VANTAA, "Vantaan kaupunki"), municipalities=["092", "245"],
                  channels=[b.connection(CH_DEBT, "Talous- ja velkaneuvonta Tikkurila")]),
        b.service(BROKEN, {"fi": "Seniorineuvonta"}, summary={"fi": "Neuvontaa ikääntyneille."}, classes=["P4.13"],
                  target_groups=["KR1.1"], organization=(ORG_VANTAA, "Vantaan kaupunki"),
                  channels=[b.connection(CH_DEBT, "Talous- ja velkaneuvonta Tikkurila",
                                         hours=[b.exceptional_hours("2026-12-31", until="2026-12-20", opens="10:00",
                                                                    closes="12:00")])]),
        b.service(ESPOO, {"fi": "Espoon liikuntaneuvonta"}, classes=["P27.1"], municipalities=["049"],
                  organization=(ORG_VANTAA, "Vantaan kaupunki")),
    ]
    return world


@dataclass
class Harness(RunHarness):
    """A recording directory, its replay server and a repository root for the output."""

    importer: ClassVar = importer
    recordings: Path
    root: Path
    server: ReplayServer
    world: b.World
    config: TrayConfig
    settings: PtvSettings
    sleeps: list[float] = field(default_factory=list)

    def write(self) -> None:
        self.world.write(self.recordings, ["092", "245"])

    def option_defaults(self) -> dict[str, Any]:
        return {**super().option_defaults(), "base_url": self.server.base_url}

    def service(self, service_id: str) -> dict[str, Any]:
        return next(s for s in self.world.services if s["id"] == service_id)


def make_settings(config: TrayConfig, **changes: Any) -> PtvSettings:
    """The configured settings for the v11 replay server (whatever version the configuration names)."""
    changes.setdefault("api_version", "v11")
    changes.setdefault("base_url", None)
    return quick_settings(load_settings, config, **changes)


def v11_config_file(config_path: Path, directory: Path) -> Path:
    """A copy of a tray.toml that names the v11 API (for command-line tests of the v11 replay)."""
    from tests.site_support import relocated_config_text

    text = relocated_config_text(config_path)
    text = re.sub(r'(?m)^api_version = "v12"', 'api_version = "v11"', text)
    text = re.sub(r'(?m)^base_url = "https://api-gw[^"]*"', "", text)
    if 'api_version = "v11"' not in text:
        text = text.replace("\n[ptv]\n", '\n[ptv]\napi_version = "v11"\n', 1)
    path = directory / "tray-v11.toml"
    path.write_text(text, encoding="utf-8")
    return path


def record_path(root: Path, service_id: str) -> Path:
    return root / "content" / "records" / "ptv" / f"ptv-{service_id}.md"
