"""Turn records into what the templates show, for one UI language.

Pure functions of (record, language, configuration): formatting of opening hours, dates, language
names, map links and the A–Z order live here so they are unit-tested without Pelican.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from urllib.parse import quote_plus

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time, get_day_names

from tarjotin.config import TrayConfig
from tarjotin.model import WEEKDAYS, Location, LocalizedText, OpeningHours, Record

from tarjotin.i18n import Localized, localize


class LangView:
    """Formatting helpers bound to one UI language (passed to templates as `L`)."""

    def __init__(self, lang: str, config: TrayConfig):
        self.lang = lang
        self.config = config
        self.fallbacks = config.languages.fallback[lang]
        self.locale = Locale.parse(lang)

    # -- text --
    def text(self, value: LocalizedText | None) -> Localized:
        return localize(value, self.lang, self.fallbacks)

    def text_dict(self, texts: dict[str, str] | None) -> Localized:
        """Pick from a {lang: text} dict (theme and page texts) with the same fallback."""
        return localize(LocalizedText(**(texts or {})), self.lang, self.fallbacks)

    def name(self, names) -> str:
        """A configured name (Names) in this language."""
        return names.get(self.lang)

    def theme_name(self, slug: str) -> str:
        return self.config.theme(slug).name.get(self.lang)

    def age_group_name(self, slug: str) -> str:
        return self.config.age_group(slug).name.get(self.lang)

    def municipality_name(self, code: str, fallback: LocalizedText | None = None) -> str:
        municipality = self.config.municipality(code)
        if municipality:
            return municipality.name.get(self.lang)
        return self.text(fallback).text or code

    def language_name(self, code: str) -> str:
        """Name of a service language in the UI language: Babel, then tray.toml [languages.names]."""
        configured = self.config.languages.names.get(code)
        if configured:
            return configured.get(self.lang)
        name = self.locale.languages.get(code)
        return name if name else code

    def rtl(self, code: str) -> bool:
        """Whether a language is written right to left (Arabic, Persian, …)."""
        return text_direction(code) == "rtl"

    def other_languages(self, record: Record) -> list[OtherLanguage]:
        """The record's texts in content languages that are not UI languages (Northern Sámi, Arabic, …),
        one entry per language in configured order; texts already shown as the page's fallback are
        not repeated."""
        out = []
        for code in self.config.languages.extra:
            texts = {}
            for field in ("title", "summary", "description"):
                value: LocalizedText = getattr(record, field)
                if value.get(code) and self.text(value).lang != code:
                    texts[field] = value.get(code)
            if texts:
                name = self.language_name(code)
                out.append(OtherLanguage(code, name[:1].upper() + name[1:], text_direction(code),
                                         texts.get("title", ""), texts.get("summary", ""), texts.get("description", "")))
        return out

    # -- dates and times --
    def date(self, value: date | datetime | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = value.astimezone(_tz(self.config)).date()
        return format_date(value, "d.M.yyyy", locale=self.locale)

    def datetime(self, value: datetime) -> str:
        local = value.astimezone(_tz(self.config))
        return format_datetime(local, "EEE d.M.yyyy 'klo' HH.mm" if self.lang == "fi" else
                               "EEE d.M.yyyy 'kl.' HH.mm" if self.lang == "sv" else "EEE d.M.yyyy HH:mm",
                               locale=self.locale)

    def time(self, value: str) -> str:
        # Finnish and Swedish write 8.30, English 8:30.
        hours, minutes = value.split(":")
        sep = ":" if self.lang == "en" else "."
        return f"{int(hours)}{sep}{minutes}"

    def event_range(self, record: Record) -> str:
        """'la 5.12.2026 klo 18.00–20.00' or a range over several days."""
        event = record.event
        if event is None:
            return ""
        start = event.start.astimezone(_tz(self.config))
        text = self.datetime(event.start)
        if event.end is None:
            return text
        end = event.end.astimezone(_tz(self.config))
        if end.date() == start.date():
            return f"{text}–{self.time(end.strftime('%H:%M'))}"
        return f"{text} – {self.datetime(event.end)}"

    def day_names(self, days: list[str]) -> str:
        """['mon','tue','wed'] → 'ma–ke'; ['mon','wed'] → 'ma, ke'."""
        names = get_day_names("abbreviated", context="format", locale=self.locale)
        indexes = sorted(WEEKDAYS.index(d) for d in days)
        runs: list[list[int]] = []
        for index in indexes:
            if runs and index == runs[-1][-1] + 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        parts = []
        for run in runs:
            first, last = names[run[0]].rstrip("."), names[run[-1]].rstrip(".")
            parts.append(first if len(run) == 1 else f"{first}, {last}" if len(run) == 2 else f"{first}–{last}")
        return ", ".join(parts)

    def hours_rows(self, hours: OpeningHours | None) -> list[tuple[str, str]]:
        """Weekly hours as (days, times) rows in Monday-first order."""
        if hours is None:
            return []
        rows = []
        for item in sorted(hours.weekly, key=lambda r: (min(WEEKDAYS.index(d) for d in r.days), r.opens)):
            rows.append((self.day_names(item.days), f"{self.time(item.opens)}–{self.time(item.closes)}"))
        return rows

    # -- places --
    def map_url(self, location: Location) -> str:
        """OpenStreetMap at the point, or an address search when the point is unknown."""
        if location.latitude is not None and location.longitude is not None:
            lat, lon = f"{location.latitude:.5f}", f"{location.longitude:.5f}"
            return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
        parts = [self.text(location.street_address).text, location.postal_code or "",
                 self.municipality_name(location.municipality_code, location.municipality_name)
                 if location.municipality_code else self.text(location.post_office).text]
        query = " ".join(p for p in parts if p)
        return f"https://www.openstreetmap.org/search?query={quote_plus(query)}" if query else ""

    def municipalities(self, record: Record) -> list[str]:
        if record.nationwide:
            return []
        return [self.municipality_name(code) for code in record.area_municipalities()]


@dataclass(frozen=True)
class OtherLanguage:
    """A record's texts in one non-UI content language, for a section of their own on the record page."""

    code: str
    name: str        # the language's name in the UI language, capitalised ("Pohjoissaame")
    dir: str         # "ltr" or "rtl"
    title: str
    summary: str
    description: str  # Markdown


@lru_cache(maxsize=None)
def text_direction(code: str) -> str:
    """'rtl' or 'ltr' from Babel's locale data; 'ltr' for a code it has no locale for."""
    try:
        return Locale.parse(code).text_direction
    except (ValueError, UnknownLocaleError):
        return "ltr"


def _tz(config: TrayConfig):
    from zoneinfo import ZoneInfo

    return ZoneInfo(config.site.timezone)


# Finnish and Swedish sort Å, Ä, Ö after Z; Ü counts as Y and W as V only in old Finnish rules,
# which modern dictionaries no longer apply.
_NORDIC_TAIL = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"}  # the ASCII characters after "z"


_TAIL_TABLE = str.maketrans(_NORDIC_TAIL)


@lru_cache(maxsize=65536)  # a title is sorted in every theme, A–Z and search list of each language
def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order for fi/sv/en titles: accents folded, å ä ö after z. (Decomposing the
    whole text at once is the same as letter by letter, since the marks it separates are dropped.)"""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_TAIL_TABLE))
    if not folded.isascii():
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    return folded, text


def initial_letter(text: str) -> str:
    """Heading letter for the A–Z list: Å/Ä/Ö kept, other accents folded, digits under '#'."""
    char = text.strip()[:1].upper()
    if not char:
        return "#"
    if char in "ÅÄÖ":
        return char
    base = unicodedata.normalize("NFKD", char)[0]
    return base if base.isalpha() else "#"


@dataclass(frozen=True)
class Clock:
    """What 'today' is for this build (pinned by TRAY_TODAY so builds are reproducible)."""

    today: date

    def event_is_past(self, record: Record, tz) -> bool:
        if record.event is None:
            return False
        last = record.event.end or record.event.start
        return last.astimezone(tz).date() < self.today
