"""A synthetic but realistic wellbeing area for the search benchmark (used by bench/search.py).

Finnish vocabulary built from real domain words: compound nouns (prefix + head: "uima" +
"halli"), inflected in the cases a service text uses (uimahallissa, uimahalliin, uimahallin,
uimahalleja ...), words drawn with a Zipf-like distribution, ten municipalities, every filter
field filled (kind, municipalities or nationwide, age groups, service languages, themes,
keywords incl. Kaikukortti, and the data of the filters declared in tarjotin/filters: price,
registration, remote channels), Swedish and English titles for part of the records, events with
dates (some already past). Deterministic for a given seed and size.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tarjotin.model import Record

MUNICIPALITIES = [  # code, fi, sv
    ("837", "Tampere", "Tammerfors"), ("536", "Nokia", "Nokia"), ("980", "Ylöjärvi", "Ylöjärvi"),
    ("211", "Kangasala", "Kangasala"), ("418", "Lempäälä", "Lempäälä"), ("604", "Pirkkala", "Birkala"),
    ("562", "Orivesi", "Orivesi"), ("908", "Valkeakoski", "Valkeakoski"), ("790", "Sastamala", "Sastamala"),
    ("508", "Mänttä-Vilppula", "Mänttä-Vilppula"),
]

# (prefix, weight) and heads: realistic service compounds; a head carries its theme.
PREFIXES = ("uima lasten nuoriso senioreiden perhe vertais liikunta kulttuuri kirjasto ruoka mielenterveys "
            "päihde talous asumis työ opiskelija maahanmuuttaja vammais omais vapaaehtois kansalais "
            "lähi terveys hyvinvointi luonto kaupunki kunta seurakunta yhdistys kerho harrastus musiikki "
            "taide tanssi kuntoutus ulkoilu retki kesä talvi ilta viikonloppu avoin digi").split()
HEADS = {  # head: theme
    "halli": "liikunta", "sali": "liikunta", "ryhmä": "yhteisollisyys", "kerho": "yhteisollisyys",
    "neuvonta": "toimeentulo", "tuki": "mielen-hyvinvointi", "talo": "yhteisollisyys", "keskus": "yhteisollisyys",
    "piiri": "kulttuuri", "kurssi": "mielekas-arki", "toiminta": "mielekas-arki", "palvelu": "toimeentulo",
    "paja": "kulttuuri", "ilta": "yhteisollisyys", "retki": "liikunta", "leiri": "liikunta", "kahvila": "ravinto",
    "ruokailu": "ravinto", "apu": "turvallisuus", "päivystys": "turvallisuus", "ohjaus": "mielen-hyvinvointi",
    "valmennus": "toimeentulo", "tila": "yhteisollisyys", "tapahtuma": "kulttuuri", "konsertti": "kulttuuri",
    "jumppa": "liikunta", "uinti": "liikunta", "kuntosali": "liikunta", "kirjasto": "kulttuuri",
    "puhelin": "mielen-hyvinvointi", "chat": "mielen-hyvinvointi", "vastaanotto": "paihteet",
}
# Finnish inflection: (ending for back-vowel words, ending for front-vowel words)
CASES = [("", ""), ("n", "n"), ("ssa", "ssä"), ("sta", "stä"), ("an", "än"), ("lla", "llä"), ("lle", "lle"),
         ("a", "ä"), ("t", "t"), ("ja", "jä"), ("ille", "ille"), ("issa", "issä"), ("ksi", "ksi")]
COMMON = ("ja on tai sekä myös kaikille maksuton avoin ilmainen ohjattu viikoittain kerran viikossa arkisin "
          "paikka tervetuloa mukaan ilman ennakkoilmoittautumista yhdessä muiden kanssa voit tulla osallistua "
          "toimintaa palvelua apua tukea tietoa neuvoja liikuntaa harrastuksia kokemuksia asiakkaille "
          "asukkaille ihmisille alueen kaupungin lähellä kotia").split()
ADJECTIVES = ("uusi pieni iso avoin maksuton helppo rauhallinen iloinen turvallinen yhteinen monipuolinen "
              "esteetön kevyt ohjattu vapaa suosittu lähin paikallinen").split()
PROVIDER_KINDS = ["kaupunki, liikuntapalvelut", "kaupunki, kulttuuripalvelut", "kaupunki, nuorisopalvelut",
                  "kirjasto", "seurakunta", "Pirkanmaan hyvinvointialue", "ry", "Setlementti ry", "Kansalaisopisto",
                  "Mielenterveysseura ry", "Martat ry", "SPR:n osasto", "Eläkeläiset ry", "Urheiluseura ry"]
LANGS = ["fi", "sv", "en", "ru", "ar", "so", "et", "uk", "fa", "fse"]
AGES = ["lapset", "nuoret", "aikuiset", "ikaantyneet", "perheet"]
THEMES = ["liikunta", "kulttuuri", "yhteisollisyys", "ravinto", "turvallisuus", "toimeentulo",
          "mielen-hyvinvointi", "paihteet", "mielekas-arki"]
#: The national-scale area (bench/search.py's 50,000 records): every current municipality
#: (tarjotin/data/municipalities.json), records spread Zipf-like over them with the big cities
#: first, as services are where people live.
BIG_CITIES = ["091", "049", "837", "092", "564", "853", "179", "398", "297", "109"]


def national_municipalities() -> list[tuple[str, str, str]]:
    from tarjotin.municipalities import names

    rest = sorted(code for code in names() if code not in BIG_CITIES)
    return [(code, names()[code]["fi"], names()[code]["sv"]) for code in BIG_CITIES + rest]


SV_WORDS = ("simhall gym bibliotek stöd grupp klubb rådgivning kurs verksamhet träff café hjälp jour "
            "familj barn unga äldre motion kultur musik dans natur utflykt").split()


def _front(word: str) -> bool:
    back = sum(word.count(v) for v in "aou")
    front = sum(word.count(v) for v in "äöy")
    return front > back


def inflect(word: str, rng: random.Random) -> str:
    back, front = rng.choice(CASES)
    ending = front if _front(word) else back
    if ending in ("ja", "jä", "ille", "issa", "issä") and word[-1] in "aä":
        word = word[:-1] + "o" if not _front(word) else word[:-1] + "ö"
    return word + ending


class Zipf:
    def __init__(self, items, rng, s=1.07):
        self.items = list(items)
        rng.shuffle(self.items)
        self.weights = [1 / (rank + 1) ** s for rank in range(len(self.items))]
        self.rng = rng

    def draw(self, k=1):
        return self.rng.choices(self.items, self.weights, k=k)


def generate(n: int, seed: int = 1, today: datetime | None = None, description_words: int = 0,
             area: list[tuple[str, str, str]] | None = None) -> list[Record]:
    """`description_words` > 0: each record also gets a description of about that many words (from
    a stream of its own, so the rest of the corpus is unchanged). `area`: the area's
    (code, fi, sv) list, default the ten of Pirkanmaa drawn evenly; a longer list (the national
    area) is drawn Zipf-like in its order, and a record for "the whole area" then serves a region
    of 5–15 of them."""
    national = area is not None
    area = area or MUNICIPALITIES
    rng = random.Random(seed)
    # the later filters' data draws from its own stream, so the rest of the corpus stays as it was
    extra = random.Random(seed * 7919 + 1)
    prose = random.Random(seed * 104729 + 3)
    today = today or datetime(2026, 11, 23, 12, 0)
    compounds = sorted({p + h for p in PREFIXES for h in HEADS} | {"kuntosali", "uimahalli", "kirjasto", "vertaistuki"})
    compound_z = Zipf(compounds, rng)
    for rank, popular in enumerate(("kuntosali", "uimahalli", "kirjasto", "vertaistuki")):
        compound_z.items.remove(popular)
        compound_z.items.insert(5 + rank * 7, popular)
    # a plain, larger vocabulary (like a real corpus' long tail): synthetic but Finnish-looking stems
    syllables = "ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru " \
                "sa se si so su ta te ti to tu va ve vi vo vu ja jo ju ha he hi ho hu ää ö y ly ky ty".split()
    tail = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(12000)})
    word_z = Zipf(COMMON * 30 + ADJECTIVES * 10 + tail, rng, s=1.0)
    providers = []
    for i in range(max(20, n // 12)):
        m = area[i % len(area)][1]
        kind = PROVIDER_KINDS[i % len(PROVIDER_KINDS)]
        providers.append(f"{m}n {kind}" if "kaupunki" in kind else f"{m}n {kind}" if kind in ("kirjasto", "seurakunta")
                         else kind if kind.startswith("Pirkanmaan") else f"{rng.choice(tail).capitalize()} {kind}")
    provider_z = Zipf(providers, rng, s=0.9)
    area_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(area))]
    records = []
    for i in range(n):
        head_word = compound_z.draw()[0]
        head = next(h for h in sorted(HEADS, key=len, reverse=True) if head_word.endswith(h))
        code, mfi, msv = rng.choices(area, area_weights)[0] if national else rng.choice(area)
        place = rng.choice([mfi, rng.choice(tail).capitalize()])
        title = f"{head_word.capitalize()} {inflect(place, rng) if rng.random() < 0.5 else ''}".strip()
        if rng.random() < 0.3:
            title = f"{rng.choice(ADJECTIVES).capitalize()} {head_word}"
        words = word_z.draw(rng.randint(12, 22))
        words = [inflect(w, rng) if rng.random() < 0.4 else w for w in words]
        summary = " ".join([inflect(head_word, rng).capitalize()] + words[:8] + [inflect(compound_z.draw()[0], rng)]
                           + words[8:]) + "."
        kind = rng.choices(["service", "activity", "event", "volunteering"], [45, 30, 15, 10])[0]
        nationwide = rng.random() < 0.04
        if nationwide:
            municipalities = []
        elif rng.random() < 0.1:
            municipalities = (sorted({code} | {c for c, *_ in rng.sample(area, rng.randint(5, 15))}) if national
                              else sorted(c for c, *_ in area))   # the whole area (a region when national)
        else:
            municipalities = sorted({code} | ({rng.choice(area)[0]} if rng.random() < 0.2 else set()))
        themes = sorted({HEADS[head]} | ({rng.choice(THEMES)} if rng.random() < 0.5 else set()))
        ages = sorted(rng.sample(AGES, rng.choice([0, 1, 1, 2, 3])))
        languages = ["fi"] + (["sv"] if rng.random() < 0.25 else []) + (["en"] if rng.random() < 0.3 else []) \
            + rng.sample(LANGS[3:], rng.choice([0, 0, 0, 1, 2]))
        keywords = (["Kaikukortti"] if rng.random() < 0.05 else []) + [inflect(w, rng) for w in compound_z.draw(rng.randint(0, 3))]
        data = {
            "id": f"ptv-{rng.getrandbits(128):032x}"[:40] if i % 3 else f"lahella-{100000 + i}",
            "kind": kind,
            "title": {"fi": title},
            "summary": {"fi": summary},
            "provider": {"name": {"fi": provider_z.draw()[0]}},
            "municipalities": municipalities,
            "nationwide": nationwide,
            "age_groups": ages,
            "service_languages": languages,
            "themes": themes,
            "keywords": keywords,
            "locations": [{"name": {"fi": f"{place} {head}"}, "municipality_code": code}] if not nationwide else [],
        }
        data["source"] = data["id"].split("-")[0]
        if rng.random() < 0.3:
            data["title"]["sv"] = f"{rng.choice(SV_WORDS).capitalize()} i {msv}"
            data["summary"]["sv"] = " ".join(rng.choices(SV_WORDS, k=12)).capitalize() + "."
        if rng.random() < 0.2:
            data["title"]["en"] = f"{head_word.capitalize()} in {mfi}"
        if kind == "event":
            start = today + timedelta(days=rng.randint(-20, 120), hours=rng.randint(-4, 8))
            data["event"] = {"start": start.isoformat(timespec="minutes"),
                             "end": (start + timedelta(hours=2)).isoformat(timespec="minutes")}
        if extra.random() < 0.5:
            data["price"] = {"free": extra.random() < 0.6}
        if kind in ("activity", "event") and extra.random() < 0.7:
            data["registration"] = {"required": extra.random() < 0.4}
        if nationwide or extra.random() < 0.12:
            data["channels"] = sorted(extra.sample(["phone", "chat", "online"], extra.choice([1, 1, 2])))
        if description_words:
            body = [inflect(w, prose) if prose.random() < 0.4 else w
                    for w in prose.choices(word_z.items, word_z.weights,
                                          k=prose.randint(description_words // 2, description_words * 3 // 2))]
            data["description"] = {"fi": " ".join(body).capitalize() + "."}
        records.append(Record.model_validate(data))
    return records
