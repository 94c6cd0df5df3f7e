"""Formatting helpers of the templates, without Pelican."""

from __future__ import annotations

from datetime import date

import pytest

from tarjotin.views import LangView, initial_letter, sort_key
from tarjotin.model import Location, OpeningHours


@pytest.mark.parametrize("lang,days,expected", [
    ("fi", ["mon", "tue", "wed", "thu", "fri"], "ma–pe"),
    ("fi", ["mon", "wed"], "ma, ke"),
    ("fi", ["mon", "tue", "thu", "fri", "sat"], "ma, ti, to–la"),
    ("sv", ["sat", "sun"], "lör, sön"),
    ("en", ["sun", "mon", "tue"], "Mon, Tue, Sun"),
])
def test_day_names(config, lang, days, expected):
    assert LangView(lang, config).day_names(days) == expected


def test_hours_rows_sorted_monday_first_with_local_time_format(config):
    hours = OpeningHours.model_validate({"weekly": [
        {"days": ["sat"], "opens": "10:00", "closes": "14:00"},
        {"days": ["mon", "tue"], "opens": "08:30", "closes": "24:00"},
    ]})
    assert LangView("fi", config).hours_rows(hours) == [("ma, ti", "8.30–24.00"), ("la", "10.00–14.00")]
    assert LangView("en", config).hours_rows(hours)[0] == ("Mon, Tue", "8:30–24:00")


def test_language_names_from_babel_and_configuration(config):
    fi = LangView("fi", config)
    assert [fi.language_name(c) for c in ("sv", "so", "fse")] == ["ruotsi", "somali", "suomalainen viittomakieli"]
    assert LangView("sv", config).language_name("ru") == "ryska"
    assert fi.language_name("qqq") == "qqq"


def test_map_links(config):
    view = LangView("sv", config)
    with_point = Location(name={"fi": "x"}, latitude=60.29, longitude=25.04)
    assert view.map_url(with_point) == "https://www.openstreetmap.org/?mlat=60.29000&mlon=25.04000#map=17/60.29000/25.04000"
    no_point = Location(street_address={"fi": "Paalutori 3"}, postal_code="01600", municipality_code="092")
    assert view.map_url(no_point) == "https://www.openstreetmap.org/search?query=Paalutori+3+01600+Vanda"


def test_dates(config):
    assert LangView("fi", config).date(date(2026, 3, 5)) == "5.3.2026"


def test_nordic_alphabetical_order():
    words = ["Öljyvärikurssi", "Zumba", "Ämpäri", "Åbo", "avanto", "Ääni", "Café", "Cirkus"]
    assert sorted(words, key=sort_key) == ["avanto", "Café", "Cirkus", "Zumba", "Åbo", "Ämpäri", "Ääni", "Öljyvärikurssi"]
    assert [initial_letter(w) for w in ("Ämpäri", "Élan", "4H-kerho", "")] == ["Ä", "E", "#", "#"]


def _letter_by_letter_sort_key(text: str) -> tuple[str, str]:
    """sort_key as first written: each letter decomposed on its own (the reference)."""
    import unicodedata

    tail = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"}
    folded = []
    for char in text.casefold():
        if char in tail:
            folded.append(tail[char])
        else:
            folded.append("".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)))
    return "".join(folded), text


def test_sort_key_folds_a_whole_title_as_it_folds_letter_by_letter():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    letters = st.sampled_from(list("aAåÅäÄöÖæøéÉüßﬁǅ Zz-1") + ["a\u030a", "o\u0308", "\u0301", "e\u0301\u0327"])

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(letters, max_size=12).map("".join) | st.text(max_size=12))
    def same(text):
        assert sort_key.__wrapped__(text) == _letter_by_letter_sort_key(text)

    same()
