"""One record's display data in one UI language, computed once and used by every rendering.

The record page and the list cards (Jinja), a search result (search-ui.js, from the search's text
chunks), the favourites page (favourites-page.js) and the PDF (favourites-pdf.js) all show what
`Presenter.present` returns: texts already picked with the language fallback, dates, hours, price
and registration already written out in the UI language. The browser formats nothing and names no
filter; the JSON forms (`Card.json`, `RecordView.json`) carry named keys.

A text that fell back to another language is a `Shown` with that language in `lang` (and `dir`
for a right-to-left one), so every rendering can mark it with `lang="…"`.

"Today" on the build side is the site's `Clock` (tarjotin/views.py, pinned by TARJOTIN_TODAY);
in the browser it is `TarjotinClock.today` (theme/static/js/clock.js), loaded by base.html
on the search and favourites pages.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Callable
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from tarjotin.config import TrayConfig
from tarjotin.i18n import N_
from tarjotin.model import KINDS, Location, LocalizedText, OpeningHours, Record
from tarjotin.views import Clock, LangView, OtherLanguage, text_direction

#: "in Finnish": how the fallback note names a language; other languages by name ("in %(language)s").
IN_LANGUAGE = {"fi": N_("in Finnish"), "sv": N_("in Swedish"), "en": N_("in English")}
#: The kind of a record, as a label (cards, record page, search filter) and as a list heading.
KIND_LABELS = {"service": N_("Service"), "activity": N_("Activity"), "event": N_("Event"),
               "volunteering": N_("Volunteering")}
KIND_HEADINGS = {"service": N_("Services"), "activity": N_("Activities"), "event": N_("Events"),
                 "volunteering": N_("Volunteering opportunities")}
#: Words the presenter writes into display data (N_ marks them for the catalogs).
#: Field names for "Where this information comes from" (tarjotin/merging.py PROVENANCE_FIELDS).
PROVENANCE_LABELS = {"title": N_("Name"), "summary": N_("Summary"), "description": N_("Description"),
                     "provider": N_("Provider"), "locations": N_("Places"), "municipalities": N_("Area"),
                     "age_groups": N_("Age groups"), "service_languages": N_("Service languages"),
                     "themes": N_("Themes"), "keywords": N_("Search words"), "contacts": N_("Contact details"),
                     "opening_hours": N_("Opening hours"), "price": N_("Price"), "registration": N_("Registration"),
                     "channels": N_("Remote use"), "modified": N_("Last updated")}

WORDS = (N_("Whole country"), N_("Open 24 hours a day"), N_("closed"), N_("Free of charge"), N_("Chargeable"),
         N_("Registration required"), N_("No registration needed"))
#: The "Report a problem" e-mail's subject and body (RecordView.report_url).
REPORT_SUBJECT = N_("Problem in the information: %(title)s (%(id)s)")
REPORT_BODY = N_("Record: %(id)s\nPage: %(url)s\n\nWhat is wrong or missing?\n")
assert tuple(KIND_LABELS) == KINDS and tuple(KIND_HEADINGS) == KINDS


@dataclass(frozen=True)
class Shown:
    """A text as one UI language's page shows it."""

    text: str = ""
    lang: str = ""
    """The text's own language when it is not the page's (a fallback), else ""."""
    dir: str = ""
    """"rtl" when that language is written right to left, else ""."""

    def __bool__(self) -> bool:
        return bool(self.text)

    def __str__(self) -> str:
        return self.text

    def put(self, out: dict, key: str) -> None:
        """out[key] = text, and out[key + "Lang"] (and "Dir") when it is in another language."""
        if self.text:
            out[key] = self.text
            if self.lang:
                out[key + "Lang"] = self.lang
            if self.dir:
                out[key + "Dir"] = self.dir


NOTHING = Shown()


@dataclass(frozen=True)
class ExceptionLine:
    """One exception to the weekly hours: '24.12.2026–26.12.2026: closed (Christmas)'."""

    dates: str
    days: str
    times: str
    """'8.00–12.00', or the word for closed."""
    closed: bool
    note: Shown
    over: bool
    """It ended before today: the record page still lists it, a list handed to a client does not."""


@dataclass(frozen=True)
class HoursView:
    open24: str
    """'Open 24 hours a day' when it is, else ""."""
    rows: list[tuple[str, str]]
    """(days, times) in Monday-first order."""
    exceptions: list[ExceptionLine]
    """In date order."""
    note: Shown

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.open24:
            out["open24"] = self.open24
        if self.rows:
            out["rows"] = [list(row) for row in self.rows]
        exceptions = []
        for ex in self.exceptions:
            if ex.over:
                continue
            item: dict[str, Any] = {"dates": ex.dates, "times": ex.times}
            if ex.days:
                item["days"] = ex.days
            if ex.closed:
                item["closed"] = True
            ex.note.put(item, "note")
            exceptions.append(item)
        if exceptions:
            out["exceptions"] = exceptions
        self.note.put(out, "note")
        return out


@dataclass(frozen=True)
class LocationView:
    name: Shown
    street: Shown
    postal: str
    """'01300 Vantaa': postal code and municipality (or post office)."""
    map_url: str
    hours: HoursView | None
    accessibility: Shown

    @property
    def heading(self) -> Shown:
        return self.name or self.street

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        self.name.put(out, "name")
        self.street.put(out, "street")
        if self.postal:
            out["postal"] = self.postal
        if self.map_url:
            out["map"] = self.map_url
        if self.hours:
            out["hours"] = self.hours.json()
        self.accessibility.put(out, "accessibility")
        return out


@dataclass(frozen=True)
class PhoneView:
    number: str
    tel: str
    """The number as a tel: link wants it (no spaces, dashes or brackets)."""
    label: Shown
    charge: Shown

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"number": self.number, "tel": self.tel}
        self.label.put(out, "label")
        self.charge.put(out, "charge")
        return out


@dataclass(frozen=True)
class LinkView:
    url: str
    label: Shown

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"url": self.url}
        self.label.put(out, "label")
        return out


@dataclass(frozen=True)
class TermsLine:
    """Price or registration in one line: 'Free of charge' / 'Registration required', with a note."""

    line: str
    note: Shown
    url: str = ""
    """The sign-up page (registration only)."""
    flag: bool = False
    """Free of charge (price) or registration required (registration)."""

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line}
        self.note.put(out, "note")
        if self.url:
            out["url"] = self.url
        return out


@dataclass(frozen=True)
class SourceLink:
    """A source's name in this language and the record's page there (for corrections), or ""."""

    name: str
    url: str


@dataclass(frozen=True)
class Card:
    """What a record shows in any list: a theme or A–Z page, a search result, a favourites item."""

    id: str
    url: str
    """Site-relative URL of the record page in this language ('palvelu/<id>/')."""
    kind: str
    kind_label: str
    title: Shown
    provider: Shown
    where: str
    """Municipalities it serves ('Vantaa, Kerava'), or 'Whole country'."""
    when: str
    """The event's time ('la 5.12.2026 klo 18.00–20.00'), else ""."""
    summary: Shown
    keywords: tuple[str, ...]

    def json(self) -> dict[str, Any]:
        """The card with named keys (search text chunks; the favourites entry adds to it)."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "kindLabel": self.kind_label}
        self.title.put(out, "title")
        self.provider.put(out, "provider")
        if self.where:
            out["where"] = self.where
        if self.when:
            out["when"] = self.when
        self.summary.put(out, "summary")
        if self.keywords:
            out["keywords"] = list(self.keywords)
        return out


@dataclass(frozen=True)
class RecordView(Card):
    """Everything a record page, a favourites item and the PDF show of one record in one language."""

    description: Shown
    """Markdown source; templates render it with render_markdown."""
    is_past: bool
    last_day: date | None
    """The event's last day in the area's time zone (the favourites page marks ended events)."""
    nationwide: bool
    ages: list[str]
    languages: list[str]
    themes: list[tuple[str, str]]
    """(slug, name) of its themes."""
    locations: list[LocationView]
    hours: HoursView | None
    phones: list[PhoneView]
    emails: list[str]
    websites: list[LinkView]
    price: TermsLine | None
    registration: TermsLine | None
    modified: str
    """When the source last changed it, as a date in this language ('3.11.2026'), or ""."""
    checked: str
    """When the tray last fetched it from its source, or "" (hand-written records)."""
    report_url: str
    """"Report a problem": a mailto: with the record's id, title and page address in the subject
    and body, or the configured form with the id as a parameter (`[report_problem]`)."""
    source: SourceLink
    other_sources: list[SourceLink]
    """The same record at other sources (after a duplicate merge), those with a link."""
    provenance: list[tuple[str, str]]
    """After a merge of duplicates: (field name, the sources' names) per field, in this language,
    e.g. ('Name', 'the tray's editors'); empty for a record of one source."""
    fallback_note: tuple[str, str] | None
    """('This information is not available in Swedish.', 'It is shown in Finnish.') when the
    title or description fell back to another language."""
    other_languages: list[OtherLanguage]
    """Texts in content languages that are not UI languages (Northern Sámi, Arabic…)."""

    def json(self, absolute_url: str = "") -> dict[str, Any]:
        """The favourites page's and the PDF's entry (plugins/favourites/data.py): the card and more."""
        out = super().json()
        out["url"] = absolute_url
        if self.last_day:
            out["lastDay"] = self.last_day.isoformat()
        if self.nationwide:
            out["nationwide"] = True
        if self.ages:
            out["ages"] = self.ages
        if self.languages:
            out["languages"] = self.languages
        if self.locations:
            out["locations"] = [loc.json() for loc in self.locations]
        if self.hours:
            out["hours"] = self.hours.json()
        if self.phones:
            out["phones"] = [p.json() for p in self.phones]
        if self.emails:
            out["emails"] = list(self.emails)
        if self.websites:
            out["websites"] = [w.json() for w in self.websites]
        if self.price:
            out["price"] = self.price.json()
        if self.registration:
            out["registration"] = self.registration.json()
        return out


class Presenter:
    """Builds the views of records for one UI language; one per language and build (`TraySite.presenter`)."""

    def __init__(self, config: TrayConfig, lang: str, gettext: Callable[[str], str], record_url: Callable[[str], str],
                 clock: Clock):
        self.lang = lang
        self.view = LangView(lang, config)
        self.config = config
        self.gettext = gettext
        self.record_url = record_url
        self.clock = clock
        self.tz = ZoneInfo(config.site.timezone)
        self.kind_labels = {kind: gettext(msgid) for kind, msgid in KIND_LABELS.items()}
        self.kind_headings = {kind: gettext(msgid) for kind, msgid in KIND_HEADINGS.items()}
        self._words = {msgid: gettext(msgid) for msgid in WORDS}
        self._cards: dict[str, Card] = {}
        self._views: dict[str, RecordView] = {}

    def shown(self, value: LocalizedText | None) -> Shown:
        """The text in this language, or its fallback marked with the language it is in."""
        picked = self.view.text(value)
        if not picked:
            return NOTHING
        if picked.lang == self.lang:
            return Shown(picked.text)
        return Shown(picked.text, picked.lang, "rtl" if text_direction(picked.lang) == "rtl" else "")

    # -- the views --
    def card(self, record: Record) -> Card:
        cached = self._cards.get(record.id)
        if cached is None:
            cached = self._cards[record.id] = self._card(record)
        return cached

    def present(self, record: Record) -> RecordView:
        cached = self._views.get(record.id)
        if cached is None:
            cached = self._views[record.id] = self._record(record)
        return cached

    def _card(self, record: Record) -> Card:
        where = self._words["Whole country"] if record.nationwide else ", ".join(self.view.municipalities(record))
        return Card(
            id=record.id, url=self.record_url(record.id), kind=record.kind, kind_label=self.kind_labels[record.kind],
            title=self.shown(record.title),
            provider=self.shown(record.provider.name) if record.provider else NOTHING,
            where=where, when=self.view.event_range(record) if record.event else "",
            summary=self.shown(record.summary), keywords=tuple(record.keywords))

    def _record(self, record: Record) -> RecordView:
        view = self.view
        last_day = None
        if record.event:
            last_day = (record.event.end or record.event.start).astimezone(self.tz).date()
        contacts = record.contacts
        card = self.card(record)
        return RecordView(
            **{f.name: getattr(card, f.name) for f in fields(Card)},
            description=self.shown(record.description),
            is_past=last_day is not None and last_day < self.clock.today,
            last_day=last_day,
            nationwide=record.nationwide,
            ages=[view.age_group_name(slug) for slug in record.age_groups],
            languages=[view.language_name(code) for code in record.service_languages],
            themes=[(slug, view.theme_name(slug)) for slug in record.themes],
            locations=[self._location(loc) for loc in record.locations],
            hours=self._hours(record.opening_hours),
            phones=[PhoneView(p.number, "".join(c for c in p.number if c not in " -()"), self.shown(p.label),
                              self.shown(p.charge)) for p in contacts.phones],
            emails=list(contacts.emails),
            websites=[LinkView(w.url, self.shown(w.label)) for w in contacts.websites],
            price=self._terms(record.price.free, "Free of charge", "Chargeable", record.price.note)
            if record.price else None,
            registration=self._terms(record.registration.required, "Registration required", "No registration needed",
                                     record.registration.note, record.registration.url or "")
            if record.registration else None,
            modified=view.date(record.modified) if record.modified else "",
            checked=view.date(record.imported_at) if record.imported_at else "",
            report_url=self._report_url(record.id, card.title.text),
            source=self._source(record.source, record.id, record.source_url),
            other_sources=[link for link in (self._source(o.source, o.id, o.url) for o in record.other_sources)
                           if link.url],
            provenance=self._provenance(record),
            fallback_note=self._fallback_note(card.title, self.shown(record.description)),
            other_languages=view.other_languages(record),
        )

    def language_in(self, code: str) -> str:
        """'in Finnish', 'in Northern Sami'."""
        msgid = IN_LANGUAGE.get(code)
        if msgid:
            return self.gettext(msgid)
        return self.gettext(N_("in %(language)s")) % {"language": self.view.language_name(code)}

    def _fallback_note(self, title: Shown, description: Shown) -> tuple[str, str] | None:
        if not title.lang and not description.lang:
            return None
        shown = description.lang or title.lang
        return (self.gettext(N_("This information is not available %(in_language)s.")) % {"in_language": self.language_in(self.lang)},
                self.gettext(N_("It is shown %(in_language)s.")) % {"in_language": self.language_in(shown)})

    def _report_url(self, record_id: str, title: str) -> str:
        page = f"{self.config.site.url}/{self.record_url(record_id)}"
        channel = self.config.report_problem
        if channel.form_url:
            params = {channel.id_parameter: record_id}
            if channel.url_parameter:
                params[channel.url_parameter] = page
            return channel.form_url + ("&" if "?" in channel.form_url else "?") + urlencode(params)
        # RFC 6068: every reserved character percent-encoded, line breaks as CRLF.
        subject = self.gettext(REPORT_SUBJECT) % {"title": title, "id": record_id}
        body = (self.gettext(REPORT_BODY) % {"id": record_id, "url": page}).replace("\n", "\r\n")
        address = channel.email or self.config.site.feedback_email
        return f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    def _provenance(self, record: Record) -> list[tuple[str, str]]:
        registry = self.config.source_registry
        return [(self.gettext(PROVENANCE_LABELS[name]),
                 ", ".join(registry[s].display_name(self.lang, self.config.default_lang) if s in registry else s
                           for s in record.provenance[name]))
                for name in PROVENANCE_LABELS if record.provenance.get(name)]

    def _source(self, source_id: str, record_id: str, url: str | None) -> SourceLink:
        spec = self.config.source_registry[source_id]
        return SourceLink(spec.display_name(self.lang, self.config.default_lang), spec.link_for(record_id, url) or "")

    def _terms(self, flag: bool, yes: str, no: str, note: LocalizedText | None, url: str = "") -> TermsLine:
        return TermsLine(self._words[yes if flag else no], self.shown(note), url, flag)

    def _hours(self, hours: OpeningHours | None) -> HoursView | None:
        if hours is None or hours.is_empty():
            return None
        view, today = self.view, self.clock.today
        exceptions = []
        for ex in sorted(hours.exceptions, key=lambda e: (e.start, e.end or e.start)):
            exceptions.append(ExceptionLine(
                dates=view.date(ex.start) + (f"–{view.date(ex.end)}" if ex.end else ""),
                days=view.day_names(ex.days) if ex.days else "",
                times=self._words["closed"] if ex.closed else f"{view.time(ex.opens)}–{view.time(ex.closes)}",
                closed=ex.closed, note=self.shown(ex.note), over=(ex.end or ex.start) < today))
        return HoursView(open24=self._words["Open 24 hours a day"] if hours.open_24h else "",
                         rows=view.hours_rows(hours), exceptions=exceptions, note=self.shown(hours.note))

    def _location(self, loc: Location) -> LocationView:
        view = self.view
        place = (view.municipality_name(loc.municipality_code, loc.municipality_name) if loc.municipality_code
                 else view.text(loc.post_office).text)
        return LocationView(
            name=self.shown(loc.name), street=self.shown(loc.street_address),
            postal=" ".join(p for p in (loc.postal_code or "", place or "") if p),
            map_url=view.map_url(loc), hours=self._hours(loc.opening_hours),
            accessibility=self.shown(loc.accessibility))
