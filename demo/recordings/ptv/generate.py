"""Generate the demo's recorded PTV v11 answers for Vantaa (092) and Kerava (245).

    .venv/bin/python demo/recordings/ptv/generate.py     # rewrites the recording files here
    invoke import-ptv --offline                          # replays them into content/records/ptv/

Written for Tarjotin in the shape of real v11 answers (importers/ptv/builders.py): 30 wellbeing
services across the nine themes and 5 services that must be skipped; lists paged 12 per page
(the real API pages by 100), several locations per service, a health-centre location shared by
three services with connection-specific hours, missing translations, "0" coordinates,
HTML-looking text, nationwide helplines. Names of places are real; addresses, coordinates,
phone numbers and hours are illustrative, not a directory to rely on.
"""

from __future__ import annotations

import shutil
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from importers.ptv import builders as b  # noqa: E402

RECORDED_ON = "2026-11-23"
NS = uuid.UUID("5b0c8d3e-7f61-4c2a-9e47-1d2f3a4b5c6d")
V = {"fi": "VANTAA", "sv": "VANDA"}
K = {"fi": "KERAVA", "sv": "KERVO"}


def gid(key: str) -> str:
    return str(uuid.uuid5(NS, key))


ORG = {
    "vantaa": gid("org/vantaa"),
    "kerava": gid("org/kerava"),
    "vake": gid("org/vake"),
    "mieli": gid("org/mieli"),
    "takuu": gid("org/takuusaatio"),
    "oikeusapu": gid("org/oikeusapu"),
    "seurakunnat": gid("org/vantaan-seurakunnat"),
    "nollalinja": gid("org/nollalinja"),
    "hus": gid("org/hus"),
    "kela": gid("org/kela"),
}
ORG_NAMES = {
    "vantaa": {"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"},
    "kerava": {"fi": "Keravan kaupunki", "sv": "Kervo stad", "en": "City of Kerava"},
    "vake": {"fi": "Vantaan ja Keravan hyvinvointialue", "sv": "Vanda och Kervo välfärdsområde",
             "en": "Vantaa and Kerava wellbeing services county"},
    "mieli": {"fi": "MIELI Suomen Mielenterveys ry", "sv": "MIELI Psykisk Hälsa Finland rf",
              "en": "MIELI Mental Health Finland"},
    "takuu": {"fi": "Takuusäätiö sr", "sv": "Garantistiftelsen sr", "en": "Guarantee Foundation"},
    "oikeusapu": {"fi": "Etelä-Suomen oikeusapu- ja edunvalvontapiiri", "sv": "Södra Finlands rättshjälps- och intressebevakningsdistrikt"},
    "seurakunnat": {"fi": "Vantaan seurakuntayhtymä", "sv": "Vanda kyrkliga samfällighet"},
    "nollalinja": {"fi": "Nollalinja", "sv": "Nollinjen", "en": "Nollalinja helpline"},
    "hus": {"fi": "HUS-yhtymä", "sv": "HUS-sammanslutningen", "en": "HUS Group"},
    "kela": {"fi": "Kansaneläkelaitos", "sv": "Folkpensionsanstalten", "en": "Social Insurance Institution of Finland"},
}

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def days(opens: str, closes: str, which=WEEKDAYS) -> dict[str, tuple[str, str]]:
    return {d: (opens, closes) for d in which}


def christmas(info=None):
    return b.exceptional_hours("2026-12-24", until="2026-12-26", closed=True,
                               info=info or {"fi": "Joulunpyhät", "sv": "Julhelgen", "en": "Christmas holidays"})


def new_year():
    return b.exceptional_hours("2026-12-31", opens="10:00", closes="14:00",
                               info={"fi": "Uudenvuodenaatto", "sv": "Nyårsafton", "en": "New Year's Eve"})


class Demo:
    def __init__(self) -> None:
        self.world = b.World(page_size=12)
        self.world.organizations = [
            b.organization(ORG[k], ORG_NAMES[k], business_code="0124610-9" if k == "vantaa" else None,
                           municipality_code={"vantaa": "092", "kerava": "245"}.get(k),
                           org_type="Municipality" if k in ("vantaa", "kerava") else "Organization")
            for k in ORG
        ]
        self.channels: dict[str, dict] = {}

    # channels ------------------------------------------------------------------------------
    def place(self, key, names, org, street, number, postal, office, muni, lat=None, lon=None, **kw):
        cid = gid("channel/" + key)
        self.channels[key] = b.location_channel(cid, names, ORG[org], street=street, number=number, postal_code=postal,
                                                post_office=office, municipality_code=muni, lat=lat, lon=lon, **kw)
        self.world.channels.append(self.channels[key])
        return key

    def phone_line(self, key, names, org, phones, hours=(), **kw):
        cid = gid("channel/" + key)
        self.channels[key] = b.phone_channel(cid, names, ORG[org], phones=phones, hours=list(hours), **kw)
        self.world.channels.append(self.channels[key])
        return key

    def web(self, key, names, org, pages, kind="WebPage", hours=(), **kw):
        cid = gid("channel/" + key)
        channel = b.web_channel(cid, names, ORG[org], pages=pages, kind=kind, **kw)
        channel["serviceHours"] = list(hours)
        self.channels[key] = channel
        self.world.channels.append(channel)
        return key

    def conn(self, key, hours=None, contacts=None):
        channel = self.channels[key]
        name = channel["serviceChannelNames"][0]["value"]
        return b.connection(channel["id"], name, hours=hours, contacts=contacts)

    # services ------------------------------------------------------------------------------
    def service(self, key, names, org, *, channels=(), **kw):
        self.world.services.append(
            b.service(gid("service/" + key), names, organization=(ORG[org], ORG_NAMES[org]["fi"]),
                      channels=list(channels), **kw))


def build() -> b.World:
    d = Demo()
    # --- shared places ---
    d.place("ts-tikkurila", {"fi": "Tikkurilan sosiaali- ja terveysasema", "sv": "Dickursby social- och hälsostation",
                             "en": "Tikkurila Health and Social Services Centre"}, "vake",
            {"fi": "Kielotie", "sv": "Liljekonvaljevägen"}, "11", "01300", V, "092", 60.29302, 25.03853,
            phones=[b.phone("9 4191 0000", info="Ajanvaraus ja neuvonta")],
            hours=[b.weekly_hours(days("08:00", "16:00")), christmas()])
    d.place("ts-kerava", {"fi": "Keravan sosiaali- ja terveysasema", "sv": "Kervo social- och hälsostation",
                          "en": "Kerava Health and Social Services Centre"}, "vake",
            {"fi": "Metsolantie", "sv": "Metsolavägen"}, "2", "04200", K, "245", 60.40561, 25.10978,
            hours=[b.weekly_hours(days("08:00", "16:00")), christmas()])
    d.place("ts-myyrmaki", {"fi": "Myyrmäen sosiaali- ja terveysasema", "sv": "Myrbacka social- och hälsostation"}, "vake",
            {"fi": "Jönsaksentie", "sv": "Jönsasvägen"}, "4", "01600", V, "092", 60.26111, 24.85447,
            hours=[b.weekly_hours(days("08:00", "16:00"))])

    # === liikunta ===
    swim_hours = b.weekly_hours({**days("06:30", "21:00", ("mon", "tue", "wed", "thu")), "fri": ("06:30", "20:00"),
                                 "sat": ("09:00", "18:00"), "sun": ("09:00", "18:00")},
                                info={"fi": "Kassa sulkeutuu tuntia ennen sulkemisaikaa.",
                                      "sv": "Kassan stänger en timme före stängningstid.",
                                      "en": "The ticket office closes an hour before closing time."})
    d.place("uh-tikkurila", {"fi": "Tikkurilan uimahalli", "sv": "Dickursby simhall", "en": "Tikkurila swimming hall"},
            "vantaa", {"fi": "Tikkurilantie", "sv": "Dickursvägen"}, "44", "01300", V, "092", 60.29686, 25.04091,
            phones=[b.phone("9 8392 4100", info="Kassa")], hours=[swim_hours, christmas(), new_year()])
    d.place("uh-myyrmaki", {"fi": "Myyrmäen uimahalli", "sv": "Myrbacka simhall", "en": "Myyrmäki swimming hall"},
            "vantaa", {"fi": "Raappavuorentie", "sv": "Raappavuorivägen"}, "5", "01600", V, "092", 60.26284, 24.84771,
            phones=[b.phone("9 8392 4140", info="Kassa")], hours=[swim_hours, christmas()])
    d.place("uh-martinlaakso", {"fi": "Martinlaakson uimahalli", "sv": "Mårtensdals simhall"}, "vantaa",
            {"fi": "Martinlaaksontie", "sv": "Mårtensdalsvägen"}, "36", "01620", V, "092", 60.27955, 24.84928,
            hours=[swim_hours,
                   b.weekly_hours({}, valid_from="2027-06-01", valid_to="2027-08-08", closed=True,
                                  info={"fi": "Suljettu kesähuollon ajan.", "sv": "Stängd för sommarunderhåll."})])
    d.service("uimahallit", {"fi": "Uimahallit", "sv": "Simhallar", "en": "Swimming halls"}, "vantaa",
              summary={"fi": "Vantaan kolme uimahallia: uintia, vesijumppaa ja saunat kaikenikäisille.",
                       "sv": "Vandas tre simhallar: simning, vattengymnastik och bastu för alla åldrar.",
                       "en": "Vantaa's three swimming halls: swimming, aqua aerobics and saunas for all ages."},
              description={"fi": "Uimahalleissa on 25 metrin altaat, lasten altaat ja saunat.\n### Ohjattu toiminta\n* vesijumppa\n* uimakoulut lapsille ja aikuisille\n* senioreiden aamu-uinti\nKaikukortilla pääset uimaan maksutta.",
                           "sv": "Simhallarna har 25 meters bassänger, barnbassänger och bastur.\n### Ledd verksamhet\n* vattengymnastik\n* simskolor\nMed Kaikukortet simmar du gratis.",
                           "en": "The halls have 25-metre pools, children's pools and saunas.\n* aqua aerobics\n* swimming lessons\nWith the Kaikukortti card you swim for free."},
              charge="Chargeable", charge_info={"fi": "Aikuiset 6,50 €, lapset 3 €. Kaikukortilla maksutta.",
                                                "sv": "Vuxna 6,50 €, barn 3 €. Gratis med Kaikukortet.",
                                                "en": "Adults €6.50, children €3. Free with Kaikukortti."},
              classes=["P27.1"], target_groups=["KR1"], languages=["fi", "sv", "en"],
              keywords=[("fi", "uinti"), ("fi", "Kaikukortti"), ("sv", "simning"), ("en", "swimming")],
              channels=[d.conn("uh-tikkurila",
                               hours=[b.weekly_hours({**days("06:30", "21:00", ("mon", "tue", "wed", "thu")),
                                                      "fri": ("06:30", "20:00"), "sat": ("09:00", "18:00"),
                                                      "sun": ("09:00", "18:00")}),
                                      b.exceptional_hours("2026-12-06", closed=True,
                                                          info={"fi": "Itsenäisyyspäivä", "sv": "Självständighetsdagen",
                                                                "en": "Independence Day"}), christmas(), new_year()]),
                        d.conn("uh-myyrmaki"), d.conn("uh-martinlaakso")])

    d.place("liikuntaneuvonta", {"fi": "Liikuntaneuvonta, Tikkurilan urheilupuisto", "sv": "Motionsrådgivning, Dickursby idrottspark"},
            "vantaa", {"fi": "Läntinen Valkoisenlähteentie", "sv": "Västra Vitkällavägen"}, "52", "01300", V, "092",
            60.29871, 25.03610, hours=[b.weekly_hours(days("09:00", "15:00", ("mon", "wed", "thu")), reservation=True)])
    d.service("liikuntaneuvonta", {"fi": "Liikuntaneuvonta", "sv": "Motionsrådgivning", "en": "Exercise counselling"}, "vantaa",
              summary={"fi": "Henkilökohtaista ohjausta liikunnan aloittamiseen ja sopivan lajin löytämiseen.",
                       "sv": "Personlig handledning för att komma i gång med motion."},
              description={"fi": "Liikuntaneuvoja tekee kanssasi liikuntasuunnitelman. Neuvonta on tarkoitettu erityisesti vähän liikkuville aikuisille.\n1. Varaa aika puhelimitse\n2. Tapaa neuvoja\n3. Seurantatapaaminen kolmen kuukauden päästä"},
              classes=["P27.1", "P5.17"], target_groups=["KR1", "KR1.4"], languages=["fi", "sv", "en"],
              channels=[d.conn("liikuntaneuvonta", contacts={"phoneNumbers": [b.phone("40 632 1234", info="Ajanvaraus")],
                                                              "emails": [{"value": "liikuntaneuvonta@vantaa.fi", "language": "fi"}]})])

    d.place("seniori-korso", {"fi": "Korson liikuntahalli"}, "vantaa", {"fi": "Urpiaisentie"}, "14", "01450", V, "092",
            60.35128, 25.08493, hours=[b.weekly_hours(days("09:00", "12:00", ("tue", "thu")))])
    d.place("seniori-hakunila", {"fi": "Hakunilan urheilupuisto"}, "vantaa", {"fi": "Hakunilantie"}, "50", "01200", V,
            "092", 60.27809, 25.10831, hours=[b.weekly_hours(days("10:00", "11:30", ("mon", "wed")))])
    d.service("senioriliikunta", {"fi": "Senioriliikunta"}, "vantaa",
              summary={"fi": "Ohjattuja liikuntaryhmiä yli 65-vuotiaille: kuntosali, tuolijumppa ja tasapainoharjoittelu."},
              description={"fi": "Ryhmiin ilmoittaudutaan kausittain. Tasapainoryhmät sopivat myös apuvälineen kanssa liikkuville.\n* kuntosaliryhmät\n* tuolijumppa\n* vesijumppa uimahalleissa"},
              charge="Chargeable", charge_info={"fi": "Kausimaksu 35 €."},
              classes=["P27.1"], target_groups=["KR1.1"], languages=["fi"],
              channels=[d.conn("seniori-korso"), d.conn("seniori-hakunila")])

    d.place("uh-kerava", {"fi": "Keravan uimahalli", "sv": "Kervo simhall"}, "kerava",
            {"fi": "Sarviniitynkatu", "sv": "Sarviniitynkatu"}, "2", "04200", K, "245", 60.39647, 25.08830,
            phones=[b.phone("9 2949 2270")],
            hours=[b.weekly_hours({**days("06:00", "20:30"), "sat": ("10:00", "17:00"), "sun": ("10:00", "17:00")}),
                   christmas()])
    d.service("keravan-uimahalli", {"fi": "Keravan uimahalli", "sv": "Kervo simhall"}, "kerava",
              summary={"fi": "Uintia, vesijumppaa ja kuntosali Keravan urheilupuistossa.",
                       "sv": "Simning, vattengymnastik och gym i Kervo idrottspark."},
              charge="Chargeable", classes=["P27.1"], target_groups=["KR1"], municipalities=["245"],
              keywords=[("fi", "Kaikukortti")], channels=[d.conn("uh-kerava")])

    d.web("ulkoilu-kerava-web", {"fi": "Ulkoilureittikartta"}, "kerava",
          [b.web_page("https://www.kerava.fi/liikunta/ulkoilureitit", "Ulkoilureitit kartalla")], municipalities=["245"])
    d.service("ulkoilureitit", {"fi": "Ulkoilureitit ja kuntoradat", "sv": "Friluftsleder och motionsbanor",
                                "en": "Outdoor trails and fitness tracks"}, "kerava",
              summary={"fi": "Valaistut kuntoradat ja merkityt ulkoilureitit ovat vapaasti kaikkien käytössä.",
                       "sv": "Belysta motionsbanor och märkta leder är fritt tillgängliga för alla.",
                       "en": "Lit fitness tracks and marked trails, free for everyone."},
              classes=["P27.2", "P27.1"], municipalities=["245"], languages=["fi", "sv", "en"],
              channels=[d.conn("ulkoilu-kerava-web")])

    # === kulttuuri ===
    lib_hours = b.weekly_hours({**days("09:00", "20:00", ("mon", "tue", "wed", "thu")), "fri": ("09:00", "18:00"),
                                "sat": ("10:00", "16:00")})
    summer = b.weekly_hours(days("10:00", "18:00"), valid_from="2027-06-07", valid_to="2027-08-08",
                            info={"fi": "Kesäaukioloajat", "sv": "Sommaröppettider", "en": "Summer opening hours"})
    d.place("kirjasto-tikkurila", {"fi": "Tikkurilan kirjasto", "sv": "Dickursby bibliotek", "en": "Tikkurila Library"},
            "vantaa", {"fi": "Lummetie", "sv": "Näckrosvägen"}, "4", "01300", V, "092", 60.29225, 25.04406,
            web=[b.web_page("https://www.vantaa.fi/kirjastot", "Vantaan kirjastot", "fi")],
            hours=[lib_hours, summer, christmas()])
    d.place("kirjasto-myyrmaki", {"fi": "Myyrmäen kirjasto", "sv": "Myrbacka bibliotek", "en": "Myyrmäki Library"},
            "vantaa", {"fi": "Paalutori", "sv": "Pålhusplatsen"}, "3", "01600", V, "092", 60.26116, 24.85529,
            hours=[lib_hours, christmas()])
    d.service("vantaan-kirjastot", {"fi": "Kirjastopalvelut", "sv": "Bibliotekstjänster", "en": "Library services"},
              "vantaa",
              summary={"fi": "Lainaa kirjoja, pelejä ja laitteita, käytä tietokoneita ja osallistu tapahtumiin.",
                       "sv": "Låna böcker, spel och apparater, använd datorer och delta i evenemang.",
                       "en": "Borrow books, games and devices, use computers and join events."},
              description={"fi": "Kirjastokortin saat maksutta henkilöllisyystodistusta vastaan.\n### Palvelut\n* lainaus ja varaukset\n* digituki\n* lukupiirit ja satutunnit",
                           "sv": "Bibliotekskortet är avgiftsfritt.\n* utlåning\n* digistöd",
                           "en": "A library card is free of charge.\n* lending\n* digital support"},
              classes=["P25.1"], target_groups=["KR1"], languages=["fi", "sv", "en", "ru", "so"],
              keywords=[("fi", "digituki"), ("fi", "lukupiiri")],
              channels=[d.conn("kirjasto-tikkurila"), d.conn("kirjasto-myyrmaki")])

    d.place("kirjasto-kerava", {"fi": "Keravan kirjasto", "sv": "Kervo bibliotek"}, "kerava",
            {"fi": "Paasikivenkatu", "sv": "Paasikivigatan"}, "12", "04200", K, "245", 60.40372, 25.10363,
            hours=[lib_hours, christmas()])
    d.service("keravan-kirjasto", {"fi": "Keravan kirjasto", "sv": "Kervo bibliotek"}, "kerava",
              summary={"fi": "Kirjasto, lukusali ja tapahtumia keskustassa.", "sv": "Bibliotek och evenemang i centrum."},
              classes=["P25.1"], municipalities=["245"], channels=[d.conn("kirjasto-kerava")])

    d.place("museo", {"fi": "Vantaan kaupunginmuseo", "sv": "Vanda stadsmuseum", "en": "Vantaa City Museum"}, "vantaa",
            {"fi": "Tikkurilantie", "sv": "Dickursvägen"}, "36", "01300", V, "092", 60.29491, 25.04168,
            hours=[b.weekly_hours({**days("11:00", "18:00", ("tue", "wed", "thu", "fri")), "sat": ("11:00", "16:00"),
                                   "sun": ("11:00", "16:00")})])
    d.service("museo", {"fi": "Vantaan kaupunginmuseo", "sv": "Vanda stadsmuseum", "en": "Vantaa City Museum"}, "vantaa",
              summary={"fi": "Vaihtuvia näyttelyitä ja opastuksia – sisäänpääsy on maksuton.",
                       "sv": "Växlande utställningar och guidningar – fritt inträde.",
                       "en": "Changing exhibitions and guided tours – free entry."},
              classes=["P25.3"], languages=["fi", "sv", "en"], channels=[d.conn("museo")])

    d.place("opisto-kerava", {"fi": "Keravan opisto"}, "kerava", {"fi": "Kullervonkatu"}, "2", "04200", K, "245",
            60.40012, 25.10620, hours=[b.weekly_hours(days("10:00", "15:00", ("mon", "tue", "wed", "thu")))])
    d.service("opisto", {"fi": "Keravan opiston kurssit", "en": "Kerava Adult Education Centre courses"}, "kerava",
              summary={"fi": "Kursseja kielistä kuvataiteeseen ja liikuntaan, myös senioreille.",
                       "en": "Courses from languages to visual arts and exercise."},
              description={"fi": "Ilmoittautuminen syyskaudelle alkaa elokuussa. Lue lisää [opiston sivuilta](https://www.keravanopisto.fi) tai kysy toimistolta."},
              charge="Chargeable", classes=["P25.7"], municipalities=["245"], languages=["fi", "en"],
              channels=[d.conn("opisto-kerava")])

    # === yhteisöllisyys ===
    d.place("asukastila-koivukyla", {"fi": "Asukastila Koivukylä"}, "vantaa", {"fi": "Karsikkokuja"}, "15", "01360", V,
            "092", 60.32284, 25.06050, hours=[b.weekly_hours(days("10:00", "15:00", ("mon", "tue", "wed", "thu")))])
    d.place("asukastila-hakunila", {"fi": "Asukastila Hakunila", "sv": "Invånarlokalen Håkansböle"}, "vantaa",
            {"fi": "Hakunilankuja", "sv": "Håkansbölegränden"}, "8", "01200", V, "092", 60.27710, 25.11210,
            hours=[b.weekly_hours({"tue": ("12:00", "18:00"), "thu": ("12:00", "18:00")})])
    d.service("asukastilat", {"fi": "Asukastilat", "sv": "Invånarlokaler"}, "vantaa",
              summary={"fi": "Avoimia olohuoneita, kahvia ja seuraa – tule sellaisena kuin olet.",
                       "sv": "Öppna vardagsrum med kaffe och sällskap."},
              classes=["P25.5", "P4.12"], languages=["fi", "sv"],
              ontology=[("http://www.yso.fi/onto/yso/p5540", {"fi": "yksinäisyys", "sv": "ensamhet", "en": "loneliness"})],
              channels=[d.conn("asukastila-koivukyla"), d.conn("asukastila-hakunila")])

    d.service("vertaistuki", {"fi": "Vertaistukiryhmät", "sv": "Kamratstödsgrupper", "en": "Peer support groups"}, "vake",
              summary={"fi": "Ryhmiä omaishoitajille, läheisensä menettäneille ja pitkäaikaissairaille.",
                       "sv": "Grupper för närståendevårdare, sörjande och långtidssjuka."},
              description={"fi": "Ryhmät kokoontuvat sote-asemilla. Ryhmiä ohjaavat koulutetut vapaaehtoiset yhdessä hyvinvointialueen työntekijöiden kanssa."},
              classes=["P5.16", "P4.12"], target_groups=["KR1", "KR1.4"], municipalities=["092", "245"],
              languages=["fi", "sv"],
              channels=[d.conn("ts-tikkurila", hours=[b.weekly_hours({"wed": ("17:00", "19:00")},
                                                                      info={"fi": "Ryhmät kokoontuvat iltaisin."})]),
                        d.conn("ts-kerava", hours=[b.weekly_hours({"tue": ("17:00", "19:00")})])])

    # === ravinto ===
    d.service("ravitsemus", {"fi": "Ravitsemusterapia ja -neuvonta", "sv": "Näringsterapi och kostrådgivning",
                             "en": "Nutrition therapy and advice"}, "vake",
              summary={"fi": "Ravitsemusterapeutin vastaanotto lähetteellä; ryhmäneuvontaa ilman lähetettä.",
                       "sv": "Näringsterapeutens mottagning med remiss; gruppråd utan remiss.",
                       "en": "Dietitian appointments with a referral; group advice without one."},
              classes=["P5.20"], target_groups=["KR1", "KR1.4"], municipalities=["092", "245"],
              languages=["fi", "sv", "en"],
              channels=[d.conn("ts-tikkurila", hours=[b.weekly_hours({"tue": ("08:00", "12:00"), "thu": ("12:00", "15:00")},
                                                                      reservation=True)]),
                        d.conn("ts-kerava", hours=[b.weekly_hours({"wed": ("08:00", "12:00")}, reservation=True)])])

    d.place("ruoka-tikkurila", {"fi": "Tikkurilan kirkon ruoka-apu", "sv": "Matutdelning i Dickursby kyrka"},
            "seurakunnat", {"fi": "Urpiaisentie", "sv": "Domherrevägen"}, "1", "01300", V, "092", 60.29043, 25.04512,
            hours=[b.weekly_hours({"tue": ("12:00", "14:00"), "thu": ("12:00", "14:00")}), christmas()])
    d.place("ruoka-myyrmaki", {"fi": "Myyrmäen kirkon ruokajakelu"}, "seurakunnat", {"fi": "Uomatie"}, "1", "01600", V,
            "092", northing="0", easting="0", hours=[b.weekly_hours({"wed": ("13:00", "15:00")})])
    d.service("ruoka-apu", {"fi": "Ruoka-apu ja yhteiset ateriat", "sv": "Mathjälp och gemensamma måltider"},
              "seurakunnat",
              summary={"fi": "Ruokakasseja ja edullisia yhteisiä aterioita kaikille niitä tarvitseville.",
                       "sv": "Matkassar och förmånliga gemensamma måltider för alla som behöver."},
              description={"fi": "Ruoka-apuun ei tarvita ennakkoilmoittautumista eikä tulotietoja.\nOta oma kassi mukaan. Jonoon voi tulla puoli tuntia ennen jakelua <3"},
              classes=["P4.14"], languages=["fi", "sv", "en", "ar"],
              ontology=[("http://www.yso.fi/onto/yso/p26690", {"fi": "ruoka-apu", "sv": "mathjälp", "en": "food aid"})],
              channels=[d.conn("ruoka-tikkurila"), d.conn("ruoka-myyrmaki")])

    # === turvallisuus ===
    d.phone_line("lahisuhde-puh", {"fi": "Lähisuhdeväkivaltatyön neuvonta", "sv": "Rådgivning om våld i nära relationer"},
                 "vake", [b.phone("9 4191 5050", info="Neuvonta ja ajanvaraus")],
                 hours=[b.weekly_hours(days("09:00", "15:00"))], municipalities=["092", "245"])
    d.service("lahisuhdevakivalta", {"fi": "Lähisuhdeväkivaltatyö", "sv": "Arbete mot våld i nära relationer",
                                     "en": "Support for domestic violence"}, "vake",
              summary={"fi": "Apua väkivaltaa kokeneille, sitä tehneille ja sen näkijöille. Voit asioida nimettömästi.",
                       "sv": "Hjälp för dem som utsatts för, utövat eller bevittnat våld.",
                       "en": "Help for those who have experienced, used or witnessed violence."},
              description={"fi": "Jos olet välittömässä vaarassa, soita hätänumeroon 112.\nKeskustelut ovat luottamuksellisia."},
              classes=["P3.6"], target_groups=["KR1", "KR1.2"], municipalities=["092", "245"], languages=["fi", "sv", "en"],
              ontology=[("http://www.yso.fi/onto/yso/p22069", {"fi": "lähisuhdeväkivalta", "sv": "våld i nära relationer"})],
              channels=[d.conn("lahisuhde-puh"), d.conn("ts-tikkurila", hours=[b.weekly_hours({"mon": ("12:00", "16:00")},
                                                                                             reservation=True)])])

    d.phone_line("nollalinja-puh", {"fi": "Nollalinja", "sv": "Nollinjen", "en": "Nollalinja helpline"}, "nollalinja",
                 [b.phone("080 005 005", service_number=True, charge="FreeOfCharge", info="Maksuton")],
                 hours=[b.weekly_hours({}, always_open=True)], area_type="Nationwide", municipalities=[],
                 languages=["fi", "sv", "en"])
    d.service("nollalinja", {"fi": "Nollalinja – apua väkivaltaa kokeneille", "sv": "Nollinjen – hjälp för våldsutsatta",
                             "en": "Nollalinja – help for those experiencing violence"}, "nollalinja",
              summary={"fi": "Maksuton auttava puhelin lähisuhdeväkivaltaa kokeneille, auki ympäri vuorokauden.",
                       "sv": "Avgiftsfri hjälptelefon för våldsutsatta, öppen dygnet runt.",
                       "en": "Free helpline for people experiencing domestic violence, open 24/7."},
              classes=["P19"], area_type="Nationwide", municipalities=[], languages=["fi", "sv", "en"],
              ontology=[("http://www.yso.fi/onto/yso/p22069", {"fi": "lähisuhdeväkivalta", "sv": "våld i nära relationer"})],
              channels=[d.conn("nollalinja-puh")])

    # === toimeentulo ===
    d.place("talousneuvonta", {"fi": "Talous- ja velkaneuvonta, Tikkurila", "sv": "Ekonomi- och skuldrådgivning, Dickursby"},
            "oikeusapu", {"fi": "Vernissakatu", "sv": "Vernissagatan"}, "1", "01300", V, "092", 60.29192, 25.04218,
            hours=[b.weekly_hours(days("09:00", "15:00", ("mon", "tue", "thu")), reservation=True)])
    d.service("velkaneuvonta", {"fi": "Talous- ja velkaneuvonta", "sv": "Ekonomi- och skuldrådgivning",
                                "en": "Financial and debt advice"}, "oikeusapu",
              summary={"fi": "Maksutonta apua velkojen järjestelyyn ja oman talouden suunnitteluun.",
                       "sv": "Avgiftsfri hjälp med skuldsanering och hushållsekonomi.",
                       "en": "Free help with debts and household finances."},
              classes=["P15.1"], municipalities=["092", "245"], languages=["fi", "sv", "en"],
              channels=[d.conn("talousneuvonta")])

    d.phone_line("velkalinja-puh", {"fi": "Velkalinja", "sv": "Skuldlinjen", "en": "Debt helpline"}, "takuu",
                 [b.phone("0800 9 8009", service_number=True, charge="FreeOfCharge")],
                 hours=[b.weekly_hours({"mon": ("09:00", "15:00"), "tue": ("09:00", "15:00"), "wed": ("12:00", "18:00"),
                                        "thu": ("09:00", "15:00")}), b.exceptional_hours("2026-12-24", until="2027-01-06", closed=True)],
                 area_type="Nationwide", municipalities=[])
    d.service("velkalinja", {"fi": "Velkalinja", "sv": "Skuldlinjen", "en": "Debt helpline"}, "takuu",
              summary={"fi": "Neuvoa raha- ja velkahuoliin puhelimessa ja chatissa nimettömästi.",
                       "sv": "Anonym rådgivning om pengar och skulder per telefon och chatt."},
              classes=["P15.1"], area_type="Nationwide", municipalities=[], languages=["fi", "sv"],
              channels=[d.conn("velkalinja-puh")])

    d.place("ohjaamo", {"fi": "Ohjaamo Vantaa", "sv": "Navigatorn Vanda", "en": "Ohjaamo Vantaa"}, "vantaa",
            {"fi": "Tikkurilantie", "sv": "Dickursvägen"}, "10", "01300", V, "092", 60.29367, 25.03973,
            hours=[b.weekly_hours({**days("10:00", "16:00", ("mon", "tue", "wed")), "thu": ("12:00", "18:00")})],
            emails=["ohjaamo@vantaa.fi"])
    d.service("ohjaamo", {"fi": "Ohjaamo – neuvontaa alle 30-vuotiaille", "sv": "Navigatorn – rådgivning för unga under 30",
                          "en": "Ohjaamo – guidance for under-30s"}, "vantaa",
              summary={"fi": "Apua opiskeluun, työhön, asumiseen ja raha-asioihin ilman ajanvarausta.",
                       "sv": "Hjälp med studier, arbete, boende och pengar utan tidsbokning.",
                       "en": "Help with studies, work, housing and money, no appointment needed."},
              classes=["P28.5"], target_groups=["KR1.3"], languages=["fi", "sv", "en"], channels=[d.conn("ohjaamo")])

    d.service("sosiaalineuvonta", {"fi": "Sosiaalineuvonta aikuisille", "sv": "Social rådgivning för vuxna"}, "vake",
              summary={"fi": "Neuvontaa toimeentuloon, asumiseen ja arjen pulmiin. Ei ajanvarausta arkisin klo 9–11."},
              description=None, gd_description={"fi": "Sosiaalineuvonnasta saat tietoa sosiaalipalveluista ja etuuksista sekä ohjausta niiden hakemiseen.",
                                                "sv": "Social rådgivning ger information om socialservice och förmåner."},
              classes=["P4.13"], target_groups=["KR1"], municipalities=["092", "245"], languages=["fi", "sv"],
              ontology=[("http://www.yso.fi/onto/yso/p3916", {"fi": "talousneuvonta"})],
              channels=[d.conn("ts-tikkurila", hours=[b.weekly_hours(days("09:00", "11:00"))]),
                        d.conn("ts-kerava", hours=[b.weekly_hours(days("09:00", "11:00", ("mon", "wed")))])])

    # === mielen hyvinvointi ===
    d.phone_line("mt-puh", {"fi": "Mielenterveys- ja päihdeneuvonta puhelimessa", "sv": "Rådgivning om psykisk hälsa och missbruk per telefon"},
                 "vake", [b.phone("9 4191 0500", info="Neuvonta")],
                 hours=[b.weekly_hours(days("08:00", "15:00")), christmas()], municipalities=["092", "245"])
    d.web("mt-chat", {"fi": "Mielenterveysneuvonnan chat", "sv": "Chatt för psykisk hälsa"}, "vake",
          [b.web_page("https://www.vakehyva.fi/fi/chat", "Avaa chat", "fi")], kind="EChannel")
    d.service("mt-matala-kynnys", {"fi": "Mielenterveys- ja päihdepalvelujen matalan kynnyksen vastaanotto",
                                   "sv": "Lågtröskelmottagning för psykisk hälsa och missbruk",
                                   "en": "Walk-in mental health and substance use services"}, "vake",
              summary={"fi": "Tule juttelemaan ilman ajanvarausta ja lähetettä, jos mieli painaa tai päihteet huolettavat.",
                       "sv": "Kom och prata utan tidsbokning eller remiss om du mår dåligt eller oroar dig för rusmedel.",
                       "en": "Come and talk without an appointment or referral if you feel low or worry about substances."},
              description={"fi": "Vastaanotolla arvioidaan tilanteesi ja sovitaan jatkosta.\n* keskusteluapu\n* päihdearvio\n* ohjaus ryhmiin ja omahoitoon",
                           "sv": "På mottagningen bedöms din situation.\n* samtalsstöd\n* missbruksbedömning"},
              classes=["P5.7"], target_groups=["KR1"], municipalities=["092", "245"], languages=["fi", "sv", "en"],
              channels=[d.conn("mt-puh"), d.conn("mt-chat"),
                        d.conn("ts-tikkurila", hours=[b.weekly_hours(days("08:00", "14:00")),
                                                      b.exceptional_hours("2026-12-24", until="2026-12-26", closed=True)]),
                        d.conn("ts-kerava", hours=[b.weekly_hours(days("12:00", "15:00", ("mon", "wed", "fri")))]),
                        d.conn("ts-myyrmaki")])

    d.place("perheneuvola-tikkurila", {"fi": "Perheneuvola Tikkurila", "sv": "Familjerådgivningen i Dickursby"}, "vake",
            {"fi": "Ratatie", "sv": "Banvägen"}, "11", "01300", V, "092", 60.29540, 25.04450,
            hours=[b.weekly_hours(days("08:00", "16:00"))])
    d.place("perheneuvola-kerava", {"fi": "Perheneuvola Kerava"}, "vake", {"fi": "Kauppakaari"}, "11", "04200", K, "245",
            60.40260, 25.10250, hours=[b.weekly_hours(days("08:00", "15:00", ("mon", "tue", "wed", "thu")))])
    d.service("perheneuvola", {"fi": "Perheneuvola", "sv": "Familjerådgivning", "en": "Family counselling"}, "vake",
              summary={"fi": "Tukea kasvatukseen, perheen ristiriitoihin ja eroon liittyviin kysymyksiin.",
                       "sv": "Stöd i frågor om uppfostran, konflikter i familjen och skilsmässa.",
                       "en": "Support with parenting, family conflicts and separation."},
              classes=["P3.7"], target_groups=["KR1.2"], municipalities=["092", "245"], languages=["fi", "sv", "en"],
              channels=[d.conn("perheneuvola-tikkurila"), d.conn("perheneuvola-kerava")])

    d.phone_line("kriisipuhelin", {"fi": "Kriisipuhelin", "sv": "Kristelefonen", "en": "Crisis Helpline"}, "mieli",
                 [b.phone("9 2525 0111", info="Suomeksi"), b.phone("9 2525 0112", info="På svenska", lang="sv")],
                 hours=[b.weekly_hours({}, always_open=True)], area_type="Nationwide", municipalities=[],
                 languages=["fi", "sv", "en"])
    d.service("kriisipuhelin", {"fi": "Kriisipuhelin", "sv": "Kristelefon", "en": "Crisis Helpline"}, "mieli",
              summary={"fi": "Keskusteluapua kriisissä oleville ja heidän läheisilleen ympäri vuorokauden.",
                       "sv": "Samtalsstöd dygnet runt för personer i kris och deras närstående.",
                       "en": "Round-the-clock support for people in crisis and those close to them."},
              classes=["P5.7"], area_type="Nationwide", municipalities=[], languages=["fi", "sv", "en"],
              ontology=[("http://www.yso.fi/onto/yso/p4577", {"fi": "kriisiapu", "sv": "krishjälp", "en": "crisis help"})],
              channels=[d.conn("kriisipuhelin")])

    d.web("sekasin-chat", {"fi": "Sekasin-chat"}, "mieli", [b.web_page("https://sekasin.fi", "Sekasin-chat")],
          kind="EChannel", municipalities=[],
          hours=[b.weekly_hours(days("09:00", "00:00"), over_midnight={"sat": ("sun", "15:00", "00:00")})])
    d.service("sekasin", {"fi": "Sekasin-chat nuorille", "sv": "Sekasin-chatt för unga"}, "mieli",
              summary={"fi": "Nimetön chat 12–29-vuotiaille, kun mieltä painaa.", "sv": "Anonym chatt för 12–29-åringar."},
              classes=["P5.7"], target_groups=["KR1.3"], area_type="Nationwide", municipalities=[],
              languages=["fi", "sv"], channels=[d.conn("sekasin-chat")])

    d.web("mielenterveystalo", {"fi": "Mielenterveystalo.fi", "sv": "Mentalhus.fi", "en": "Mielenterveystalo.fi"}, "hus",
          [b.web_page("https://www.mielenterveystalo.fi", "Mielenterveystalo.fi", "fi"),
           b.web_page("https://www.mentalhus.fi", "Mentalhus.fi", "sv")], municipalities=[])
    d.service("omahoito", {"fi": "Mielenterveyden omahoito-ohjelmat", "sv": "Program för egenvård av psykisk hälsa",
                           "en": "Self-care programmes for mental health"}, "hus",
              summary={"fi": "Maksuttomia verkko-ohjelmia esimerkiksi unettomuuteen, ahdistukseen ja stressiin.",
                       "sv": "Avgiftsfria webbprogram för till exempel sömnlöshet, ångest och stress."},
              classes=["P5.11"], area_type="Nationwide", municipalities=[], languages=["fi", "sv"],
              channels=[d.conn("mielenterveystalo")])

    # === päihteet ===
    d.place("paihde-tikkurila", {"fi": "Päihdepoliklinikka Tikkurila", "sv": "Missbrukspoliklinik Dickursby"}, "vake",
            {"fi": "Kielotie", "sv": "Liljekonvaljevägen"}, "13", "01300", V, "092", northing="0", easting="0",
            hours=[b.weekly_hours(days("08:00", "15:30"))],
            address_info={"fi": "Sisäänkäynti pihan puolelta"})
    d.place("paihde-kerava", {"fi": "Päihdepoliklinikka Kerava"}, "vake", {"fi": "Metsolantie"}, "2", "04200", K, "245",
            60.40561, 25.10978, hours=[b.weekly_hours(days("08:00", "15:00", ("mon", "tue", "thu")))])
    d.service("paihdepalvelut", {"fi": "Päihdepalvelut aikuisille", "sv": "Missbrukstjänster för vuxna",
                                 "en": "Substance use services for adults"}, "vake",
              summary={"fi": "Tukea alkoholin, huumeiden, lääkkeiden ja rahapelaamisen hallintaan.",
                       "sv": "Stöd för att hantera alkohol, droger, läkemedel och spel."},
              description={"fi": "Voit tulla itse tai läheisesi kanssa. <Ei lähetettä tarvita> – & kaikki keskustelut ovat luottamuksellisia.\n**Huom!** Katkaisuhoitoon ohjataan arvion jälkeen."},
              classes=["P5.7"], target_groups=["KR1"], municipalities=["092", "245"], languages=["fi", "sv"],
              ontology=[("http://www.yso.fi/onto/yso/p1282", {"fi": "päihdepalvelut"}),
                        ("http://www.yso.fi/onto/yso/p18734", {"fi": "peliriippuvuus"})],
              channels=[d.conn("paihde-tikkurila"), d.conn("paihde-kerava")])

    d.service("nuorten-paihdetyo", {"fi": "Nuorten päihde- ja mielenterveystyö"}, "vake",
              summary={"fi": "13–22-vuotiaille ja heidän perheilleen: keskusteluapua päihteisiin ja pelaamiseen."},
              classes=["P5.7"], target_groups=["KR1.3", "KR1.2"], municipalities=["092", "245"], languages=["fi"],
              ontology=[("http://www.yso.fi/onto/yso/p1282", {"fi": "päihdepalvelut"})],
              channels=[d.conn("ts-myyrmaki", hours=[b.weekly_hours({"mon": ("12:00", "17:00"), "thu": ("12:00", "17:00")})])])

    # === mielekäs arki ===
    d.place("nt-tikkurila", {"fi": "Nuorisotila Tikkurila"}, "vantaa", {"fi": "Kielotie"}, "28", "01300", V, "092",
            60.29410, 25.03550, hours=[b.weekly_hours({**days("14:00", "20:00", ("mon", "tue", "wed", "thu"))},
                                                      over_midnight={"fri": ("sat", "18:00", "00:30")})])
    d.place("nt-myyrmaki", {"fi": "Nuorisotila Myyrinki", "sv": "Ungdomslokalen Myyrinki"}, "vantaa",
            {"fi": "Myyrmäentie", "sv": "Myrbackavägen"}, "2", "01600", V, "092", 60.26030, 24.85300,
            hours=[b.weekly_hours(days("14:00", "20:00", ("tue", "wed", "thu", "fri")))])
    d.place("nt-hakunila", {"fi": "Nuorisotila Hakunila"}, "vantaa", {"fi": "Hakunilantie"}, "48", "01200", V, "092",
            60.27770, 25.10650, hours=[b.weekly_hours(days("15:00", "21:00", ("mon", "wed", "fri")))])
    d.service("nuorisotilat", {"fi": "Nuorisotilat", "sv": "Ungdomslokaler", "en": "Youth centres"}, "vantaa",
              summary={"fi": "Maksutonta tekemistä ja turvallisia aikuisia 10–17-vuotiaille.",
                       "sv": "Avgiftsfri verksamhet och trygga vuxna för 10–17-åringar.",
                       "en": "Free activities and safe adults for 10–17-year-olds."},
              description={"fi": "Nuorisotiloilla voi pelata, kokata, harrastaa musiikkia ja jutella nuorisonohjaajien kanssa.\n### Perjantait\nPerjantaisin Tikkurilassa on myöhäisilta yli 13-vuotiaille."},
              classes=["P28.1", "P28.2"], target_groups=["KR1.3"], languages=["fi", "sv", "en"],
              channels=[d.conn("nt-tikkurila"), d.conn("nt-myyrmaki"), d.conn("nt-hakunila")])

    d.place("nuoriso-kerava", {"fi": "Nuorisotalo Tunneli", "sv": "Ungdomsgården Tunneli"}, "kerava",
            {"fi": "Asemantie", "sv": "Stationsvägen"}, "4", "04200", K, "245", 60.40480, 25.10550,
            hours=[b.weekly_hours(days("13:00", "20:00", ("tue", "wed", "thu", "fri")))])
    d.service("keravan-nuorisopalvelut", {"fi": "Keravan nuorisopalvelut", "sv": "Kervo ungdomstjänster"}, "kerava",
              summary={"fi": "Harrastuksia, leirejä ja avointa toimintaa keravalaisille nuorille.",
                       "sv": "Hobbyer, läger och öppen verksamhet för unga i Kervo."},
              classes=["P28.2", "P28.1"], target_groups=["KR1.3"], municipalities=["245"], languages=["fi", "sv"],
              channels=[d.conn("nuoriso-kerava")])

    d.service("seniorineuvonta", {"fi": "Seniorineuvonta", "sv": "Seniorrådgivning", "en": "Advice for older people"}, "vake",
              summary={"fi": "Neuvontaa ikääntyneille ja läheisille: palvelut, harrastukset, etuudet ja arjen tuki.",
                       "sv": "Rådgivning för äldre och närstående om tjänster, hobbyer och förmåner."},
              classes=["P4.13", "P4.2"], target_groups=["KR1.1"], municipalities=["092", "245"], languages=["fi", "sv"],
              ontology=[("http://www.yso.fi/onto/yso/p3125", {"fi": "päivätoiminta"})],
              channels=[d.conn("ts-tikkurila", hours=[b.weekly_hours(days("09:00", "12:00", ("mon", "wed", "fri")))],
                               contacts={"phoneNumbers": [b.phone("9 4191 3311", info="Seniorineuvonta")],
                                         "emails": [{"value": "seniorineuvonta@vakehyva.fi", "language": "fi"}]}),
                        d.conn("ts-kerava", hours=[b.weekly_hours(days("09:00", "12:00", ("tue", "thu")))])])

    # === must be skipped ===
    d.place("rakennusvalvonta", {"fi": "Rakennusvalvonnan asiakaspalvelu"}, "vantaa", {"fi": "Kielotie"}, "20", "01300",
            V, "092", 60.29330, 25.03650)
    d.service("rakennuslupa", {"fi": "Rakennuslupa", "sv": "Bygglov", "en": "Building permit"}, "vantaa",
              summary={"fi": "Rakennuslupa tarvitaan uuden rakennuksen rakentamiseen."},
              classes=["P2.1"], service_type="PermitOrObligation", channels=[d.conn("rakennusvalvonta")])
    d.service("pysakointi", {"fi": "Asukaspysäköintitunnus", "sv": "Invånarparkeringstillstånd"}, "vantaa",
              summary={"fi": "Tunnus oikeuttaa pysäköimään asukaspysäköintialueella."}, classes=["P16.4"])
    d.service("hammashoito", {"fi": "Suun terveydenhuolto", "sv": "Mun- och tandvård"}, "vake",
              summary={"fi": "Hammashoitolat Vantaalla ja Keravalla."}, classes=["P5.10"],
              municipalities=["092", "245"], channels=[d.conn("ts-myyrmaki")])
    d.service("liikunta-avustukset", {"fi": "Liikunta-avustukset seuroille"}, "vantaa",
              summary={"fi": "Toiminta-avustukset vantaalaisille liikuntaseuroille."}, classes=["P27.1"],
              target_groups=["KR2.7"])
    d.service("asumistuki", {"fi": "Yleinen asumistuki", "sv": "Allmänt bostadsbidrag", "en": "General housing allowance"},
              "kela", summary={"fi": "Tukea asumismenoihin pienituloisille ruokakunnille."}, classes=["P1.4"],
              area_type="Nationwide", municipalities=[])
    return d.world


def main(argv: list[str] | None = None) -> None:
    """Write the recording into this directory, or into the directory given as the argument."""
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else HERE
    target.mkdir(parents=True, exist_ok=True)
    world = build()
    for path in target.iterdir():
        if path.is_dir():
            shutil.rmtree(path)
        elif path.suffix == ".json":
            path.unlink()
    written = world.write(target, ["092", "245"], today=RECORDED_ON)
    print(f"{len(world.services)} services, {len(world.channels)} channels, {len(world.organizations)} organisations: "
          f"{len(written)} files in {target}")


if __name__ == "__main__":
    main()
