"""The record model: one pydantic model for every service, activity, event and volunteering task.

Importers (PTV, Lähellä.fi) normalise their data to `Record`; editors write the same fields by hand
in `content/records/local/`. The Pelican plugins, the search index and the favourites all read
`Record` and nothing else.

Vocabulary checks (themes, age groups) need the tray configuration: validate with
`validate_record(data, config)`, which passes it as pydantic validation context.
Error messages are written for an editor, not a programmer: they say what is wrong and what
is allowed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from email_validator import EmailNotValidError, validate_email
from pydantic_core import PydanticCustomError
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .config import UI_LANGUAGES, TrayConfig
from .municipalities import classification, is_municipality, unknown_code_message
from .sources import DEFAULT_REGISTRY, ID_REST, Registry
from .text import cut, excerpt

#: The built-in sources; a configuration's own are `config.source_registry` (tarjotin/sources.py).
SOURCES = tuple(DEFAULT_REGISTRY.ids)
KINDS = ("service", "activity", "event", "volunteering")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: Ways of using a service without going anywhere (Record.channels).
CHANNELS = ("phone", "chat", "online")

#: WGS84 bounding box of Finland incl. Åland and the sea areas next to the coast.
FINLAND_LAT = (59.3, 70.2)
FINLAND_LON = (19.0, 31.7)

#: The shape of every record id, `<source prefix>-<rest>`; the registry says which prefixes exist.
_ID_RE = re.compile(r"^[a-z][a-z0-9]{1,30}-" + ID_REST + "$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")


# --- small reusable types -------------------------------------------------------------------

def _check_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValueError(f"{excerpt(value)} is not a web address; it must start with https:// or http://")
    return value


def _check_email(value: str) -> str:
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"{excerpt(value)} is not an e-mail address: {cut(str(exc), 120)}") from None


def _check_time(value: Any) -> str:
    # YAML reads 08:00 as a string, but 8:00 as the sexagesimal integer 480: accept both.
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value // 60:02d}:{value % 60:02d}"
    value = str(value).strip().replace(".", ":")
    if len(value) == 4 and value[1] == ":":
        value = "0" + value
    if not _TIME_RE.match(value):
        raise ValueError(f"{excerpt(value)} is not a time of day; write it as HH:MM, e.g. 08:30 or 24:00")
    return value


def _to_list(value: Any) -> Any:
    # Editors write a single value as a plain string; lists are the canonical form.
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


#: Years a date may have: far-off dates are typos, and shifting them between time zones
#: (year 9999 at UTC-12) overflows Python's datetime at build time.
YEARS = (1900, 2199)


def _plausible_date(value: Any) -> Any:
    if isinstance(value, (date, datetime)) and not YEARS[0] <= value.year <= YEARS[1]:
        raise ValueError(f"{value.isoformat()} is not a plausible date; use a year from {YEARS[0]} to {YEARS[1]}")
    return value


Url = Annotated[str, AfterValidator(_check_url)]
Email = Annotated[str, AfterValidator(_check_email)]
TimeOfDay = Annotated[str, BeforeValidator(_check_time)]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class _Model(BaseModel):
    # Unknown keys are errors: a misspelt field must not vanish silently.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class LocalizedText(_Model):
    """A text in one or more languages: `fi`, `sv`, `en` and any other content language the
    configuration lists (`languages.content`, e.g. `se: Sámi text`). Missing languages fall back
    at display time."""

    # Other content languages are extra keys (ISO 639 code → text), kept sorted by code so that a
    # record dumps the same bytes whatever order its source listed them in.
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)
    __pydantic_extra__: dict[str, str | None]

    fi: str | None = None
    """Finnish text."""
    sv: str | None = None
    """Swedish text."""
    en: str | None = None
    """English text."""

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_finnish(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"fi": value}
        return value

    @model_validator(mode="after")
    def _languages_and_empties(self, info: ValidationInfo) -> LocalizedText:
        for lang in UI_LANGUAGES:
            if getattr(self, lang) == "":
                object.__setattr__(self, lang, None)
        extra = self.__pydantic_extra__ or {}
        bad = [code for code in extra if not _LANG_RE.match(code)]
        if bad:
            raise ValueError(f"{excerpt(bad[0], 40)} is not a language code; write texts under ISO 639 codes "
                             "such as fi, sv, en, se")
        if extra:
            self.__pydantic_extra__ = {code: extra[code] for code in sorted(extra) if extra[code]}
        config = _context_config(info)
        if config is not None:
            unknown = [code for code in self.languages() if code not in config.languages.content]
            if unknown:
                # the language travels in the error's context: readers report it as `title.se`
                raise PydanticCustomError(
                    "content_language",
                    "'{lang}' is not a content language of this site; languages.content in {file} lists {allowed}",
                    {"lang": unknown[0], "file": str(config.path), "allowed": ", ".join(config.languages.content)})
        return self

    def languages(self) -> list[str]:
        """Languages that have text: fi, sv, en, then the others by code."""
        return [lang for lang in UI_LANGUAGES if getattr(self, lang)] + list(self.__pydantic_extra__ or {})

    def get(self, lang: str) -> str | None:
        if lang in UI_LANGUAGES:
            return getattr(self, lang)
        return (self.__pydantic_extra__ or {}).get(lang)

    def items(self) -> list[tuple[str, str]]:
        """(language, text) pairs in `languages()` order."""
        return [(lang, self.get(lang)) for lang in self.languages()]

    def __bool__(self) -> bool:
        return bool(self.languages())


def _require_some_text(value: LocalizedText) -> LocalizedText:
    if not value:
        raise ValueError("needs text in at least one language (fi, sv, en or another content language)")
    return value


RequiredText = Annotated[LocalizedText, AfterValidator(_require_some_text)]


# --- opening hours ----------------------------------------------------------------------------

class TimeRange(_Model):
    """Regular weekly opening: the same hours on the listed weekdays."""

    days: Annotated[list[Weekday], BeforeValidator(_to_list)] = Field(min_length=1)
    """Weekdays: mon, tue, wed, thu, fri, sat, sun."""
    opens: TimeOfDay
    """Opening time, HH:MM."""
    closes: TimeOfDay
    """Closing time, HH:MM; an earlier time than `opens` means after midnight, 24:00 is midnight."""

    @model_validator(mode="after")
    def _not_empty(self) -> TimeRange:
        if self.opens == self.closes:
            raise ValueError(f"opens and closes are both {self.opens}; use open_24h for round-the-clock")
        return self


class HoursException(_Model):
    """A day or a period with other hours than usual, e.g. a public holiday or summer."""

    start: Annotated[date, AfterValidator(_plausible_date)]
    """First day (YYYY-MM-DD)."""
    end: Annotated[date, AfterValidator(_plausible_date)] | None = None
    """Last day, when the exception lasts several days."""
    days: Annotated[list[Weekday], BeforeValidator(_to_list)] = Field(default_factory=list)
    """Weekdays of the period these hours apply to (seasonal weekly hours, e.g. summer hours
    Mon–Fri); empty means every day of the period."""
    closed: bool = False
    """Closed for the whole period."""
    opens: TimeOfDay | None = None
    """Opening time on those days, when not closed."""
    closes: TimeOfDay | None = None
    """Closing time on those days, when not closed."""
    note: LocalizedText | None = None
    """Why, e.g. "Juhannus" / "Midsommar"."""

    @model_validator(mode="after")
    def _consistent(self) -> HoursException:
        if self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.closed and (self.opens or self.closes):
            raise ValueError("a closed period cannot have opening times")
        if not self.closed and not (self.opens and self.closes):
            raise ValueError("give both opens and closes, or closed: true")
        return self


class OpeningHours(_Model):
    """When a place or a service is open or reachable."""

    weekly: list[TimeRange] = Field(default_factory=list)
    """Regular weekly hours."""
    exceptions: list[HoursException] = Field(default_factory=list)
    """Holidays, closures and seasonal hours."""
    open_24h: bool = False
    """Open around the clock (e.g. an emergency line)."""
    note: LocalizedText | None = None
    """Free text for what the structure cannot say ("by appointment")."""

    def is_empty(self) -> bool:
        return not (self.weekly or self.exceptions or self.open_24h or self.note)


# --- places, contacts ------------------------------------------------------------------------

class Location(_Model):
    """A place where the service is given or the activity meets."""

    name: LocalizedText | None = None
    """Name of the place, e.g. "Tikkurilan uimahalli"."""
    street_address: LocalizedText | None = None
    """Street and number; Swedish street names differ in bilingual municipalities."""
    postal_code: str | None = Field(default=None, pattern=r"^\d{5}$")
    """Five-digit postal code."""
    post_office: LocalizedText | None = None
    """Post office name (VANTAA / VANDA)."""
    municipality_code: str | None = None
    """Three-digit municipality code from Statistics Finland's list, e.g. 092 (Vantaa)."""
    municipality_name: LocalizedText | None = None
    """Municipality name; filled from the configuration for the area's own municipalities."""
    latitude: float | None = None
    """WGS84 latitude in decimal degrees, when known."""
    longitude: float | None = None
    """WGS84 longitude in decimal degrees, when known."""
    accessibility: LocalizedText | None = None
    """Accessibility notes: entrances, lifts, toilets, hearing loops."""
    opening_hours: OpeningHours | None = None
    """Opening hours of this place."""

    @field_validator("municipality_code")
    @classmethod
    def _known_municipality(cls, value: str | None) -> str | None:
        if value is not None and not is_municipality(value):
            raise ValueError(unknown_code_message(value))
        return value

    @model_validator(mode="after")
    def _coordinates(self) -> Location:
        lat, lon = self.latitude, self.longitude
        if (lat is None) != (lon is None):
            raise ValueError("give both latitude and longitude, or neither")
        if lat is not None and lon is not None:
            if not (FINLAND_LAT[0] <= lat <= FINLAND_LAT[1]):
                raise ValueError(
                    f"latitude {lat} is outside Finland ({FINLAND_LAT[0]}–{FINLAND_LAT[1]}); "
                    "are latitude and longitude swapped, or is it EPSG:3067?"
                )
            if not (FINLAND_LON[0] <= lon <= FINLAND_LON[1]):
                raise ValueError(
                    f"longitude {lon} is outside Finland ({FINLAND_LON[0]}–{FINLAND_LON[1]}); "
                    "are latitude and longitude swapped, or is it EPSG:3067?"
                )
        if not (self.name or self.street_address or lat is not None):
            raise ValueError("a location needs at least a name, a street address or coordinates")
        return self


class Phone(_Model):
    """A phone number."""

    number: str = Field(pattern=r"^\+?[0-9][0-9 ()-]{4,24}$")
    """The number, preferably in international form: +358 9 123 4567."""
    label: LocalizedText | None = None
    """What the number is for ("Ajanvaraus")."""
    charge: LocalizedText | None = None
    """Call charge note, when not a normal local call."""


class WebLink(_Model):
    """A web page."""

    url: Url
    """Address starting with https://."""
    label: LocalizedText | None = None
    """Link text; the address is shown when missing."""


class Contacts(_Model):
    """How to reach the service."""

    phones: list[Phone] = Field(default_factory=list)
    """Phone numbers."""
    emails: list[Email] = Field(default_factory=list)
    """E-mail addresses."""
    websites: list[WebLink] = Field(default_factory=list)
    """Web pages (the service's own pages, booking, e-services)."""

    def is_empty(self) -> bool:
        return not (self.phones or self.emails or self.websites)


class Provider(_Model):
    """The organisation that provides the service or runs the activity."""

    name: RequiredText
    """Name of the organisation."""
    business_id: str | None = Field(default=None, pattern=r"^\d{7}-\d$")
    """Finnish business ID (Y-tunnus), e.g. 0124610-9."""
    url: Url | None = None
    """The organisation's web site."""


class Price(_Model):
    """What taking part costs."""

    free: bool
    """True when free of charge for the user."""
    note: LocalizedText | None = None
    """Details: fees, discounts, Kaikukortti."""


class Registration(_Model):
    """Whether and how to sign up."""

    required: bool
    """True when one must sign up or book in advance."""
    note: LocalizedText | None = None
    """How and by when to sign up."""
    url: Url | None = None
    """Sign-up or booking page."""


class EventTime(_Model):
    """When an event happens (events only)."""

    start: Annotated[datetime, AfterValidator(_plausible_date)]
    """Start, YYYY-MM-DDTHH:MM (local time of the area unless an offset is given) or a date."""
    end: Annotated[datetime, AfterValidator(_plausible_date)] | None = None
    """End, not before the start."""

    @field_validator("start", "end", mode="before")
    @classmethod
    def _date_means_midnight(cls, value: Any) -> Any:
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day)
        return value

    @field_validator("start", "end")
    @classmethod
    def _local_time(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        if value is not None and value.tzinfo is None:
            tz = _context_config(info).site.timezone if _context_config(info) else "Europe/Helsinki"
            value = value.replace(tzinfo=ZoneInfo(tz))
        return value

    @model_validator(mode="after")
    def _order(self) -> EventTime:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end.isoformat()} is before start {self.start.isoformat()}")
        return self


def _context_config(info: ValidationInfo) -> TrayConfig | None:
    return (info.context or {}).get("config") if info.context is not None else None


def _registry(info: ValidationInfo) -> Registry:
    config = _context_config(info)
    return config.source_registry if config is not None else DEFAULT_REGISTRY


def _registered_source(value: str, info: ValidationInfo) -> str:
    registry = _registry(info)
    if value not in registry:
        raise ValueError(f"unknown source {excerpt(value, 40)}; registered sources: {', '.join(registry.ids)} "
                         "(tray.toml [sources] declares more)")
    return value


def _record_id(value: str, info: ValidationInfo) -> str:
    registry = _registry(info)
    if not _ID_RE.match(value) or registry.by_prefix(value) is None:
        raise ValueError(
            f"{excerpt(value)} is not a valid id: write {registry.prefix_list()} followed by lower-case "
            "letters, digits and hyphens (e.g. local-kerava-senioritanssit)"
        )
    return value


class SourceRef(_Model):
    """Another source that describes the same record (kept when duplicates are merged)."""

    source: str
    """Where that copy came from: a registered source (ptv, lahella, local, or one of `[sources]`)."""
    id: str
    """Its record id."""
    url: Url | None = None
    """Its page at the source."""

    _source = field_validator("source")(_registered_source)
    _id = field_validator("id")(_record_id)


# --- the record ---------------------------------------------------------------------------------

class Record(_Model):
    """A service, activity, event or volunteering task on the tray."""

    id: str
    """Stable id, prefixed with the source: `ptv-<uuid>`, `lahella-<number>`, `local-<name>`.
    Lower-case letters, digits and hyphens; it is the record's URL and favourites key."""
    source: str
    """Where the record comes from: ptv, lahella, local (written by an editor) or another source
    registered in tray.toml `[sources]`."""
    kind: Literal["service", "activity", "event", "volunteering"]
    """service, activity (recurring), event (dated) or volunteering."""
    title: RequiredText
    """Name in fi/sv/en; at least one language."""
    summary: LocalizedText = Field(default_factory=LocalizedText)
    """One or two plain sentences shown in lists and search results."""
    description: LocalizedText = Field(default_factory=LocalizedText)
    """Longer description in Markdown (raw HTML is shown as text). In files it is the body."""
    provider: Provider | None = None
    """Organisation that provides it."""
    locations: list[Location] = Field(default_factory=list)
    """Places where it happens; empty for phone or online services."""
    municipalities: Annotated[list[str], BeforeValidator(_to_list)] = Field(default_factory=list)
    """Municipality codes of the area it serves (e.g. 092). Empty with nationwide: false means the
    municipalities of its locations."""
    nationwide: bool = False
    """Serves the whole country (e.g. a national helpline)."""
    age_groups: Annotated[list[str], BeforeValidator(_to_list)] = Field(default_factory=list)
    """Age groups from the configured vocabulary (lapset, nuoret, ...). Empty means everyone."""
    service_languages: Annotated[list[str], BeforeValidator(_to_list)] = Field(default_factory=list)
    """ISO 639 codes of the languages it is given in: fi, sv, en, ru, fse (Finnish Sign Language)..."""
    themes: Annotated[list[str], BeforeValidator(_to_list)] = Field(default_factory=list)
    """Theme slugs from the configuration (liikunta, kulttuuri, ...)."""
    keywords: Annotated[list[str], BeforeValidator(_to_list)] = Field(default_factory=list)
    """Free search words, e.g. Kaikukortti."""
    classes: list[LocalizedText] = Field(default_factory=list)
    """Names of the record's classifications at its source, in fi/sv/en: PTV's service classes and
    ontology terms (filled by the PTV importer). Not shown; the search indexes them (`classes`)."""
    contacts: Contacts = Field(default_factory=Contacts)
    """Phones, e-mails and web pages."""
    opening_hours: OpeningHours | None = None
    """Hours of the service itself (e.g. a phone line) when not tied to a location."""
    price: Price | None = None
    """Free or paid, with a note."""
    registration: Registration | None = None
    """Whether one must sign up."""
    channels: Annotated[list[str], BeforeValidator(_to_list)] = Field(default_factory=list)
    """Remote ways to use it: phone (a phone line), chat, online (video meeting, e-service, online
    course). Empty: used in person (the search's "remote" filter comes from these)."""
    event: EventTime | None = None
    """Start and end of an event (only for kind: event, and required there)."""
    source_url: Url | None = None
    """The record's page at its source, where corrections are made."""
    modified: Annotated[datetime, AfterValidator(_plausible_date)] | None = None
    """When the source last changed the record."""
    imported_at: Annotated[datetime, AfterValidator(_plausible_date)] | None = None
    """When an importer wrote the record (empty for hand-written records)."""
    other_sources: list[SourceRef] = Field(default_factory=list)
    """The same record at other sources (after a duplicate merge)."""
    provenance: dict[str, list[str]] = Field(default_factory=dict)
    """Set by the build when it merges duplicates (tarjotin/merging.py), never written in files:
    {field: [sources whose values it holds]}, e.g. {title: [local], modified: [ptv]}."""
    source_codes: Annotated[list[str], BeforeValidator(_to_list)] = Field(default_factory=list)
    """Codes from the source's vocabularies that the importer's mapping tables do not know yet
    (e.g. a new Lähellä.fi theme code), kept as they came so nothing is lost. Not shown on the
    site; the import report lists them so the mapping in tray.toml can be extended."""

    _id_shape = field_validator("id")(_record_id)
    _source = field_validator("source")(_registered_source)

    @field_validator("municipalities")
    @classmethod
    def _municipality_codes(cls, value: list[str]) -> list[str]:
        bad = [code for code in value if not re.fullmatch(r"\d{3}", str(code))]
        if bad:
            raise ValueError(f"{excerpt(bad)} are not municipality codes; use three digits such as 092 (Vantaa)")
        bad = [code for code in value if not is_municipality(code)]
        if bad:
            raise ValueError(f"{excerpt(bad)} are not Finnish municipality codes (Statistics Finland's "
                             f"{classification()['classification']}); e.g. 092 is Vantaa, 245 Kerava")
        return sorted(set(value))

    @field_validator("service_languages")
    @classmethod
    def _language_codes(cls, value: list[str]) -> list[str]:
        value = [code.lower() for code in value]
        bad = [code for code in value if not _LANG_RE.match(code)]
        if bad:
            raise ValueError(
                f"{excerpt(bad)} are not ISO 639 language codes; use e.g. fi, sv, en, ru, so, fse (Finnish Sign Language)"
            )
        return list(dict.fromkeys(value))

    @field_validator("channels")
    @classmethod
    def _known_channels(cls, value: list[str]) -> list[str]:
        value = [str(c).strip().lower() for c in value]
        bad = [c for c in value if c not in CHANNELS]
        if bad:
            raise ValueError(f"{excerpt(bad)} are not channels; choose from {', '.join(CHANNELS)}")
        return [c for c in CHANNELS if c in value]

    @field_validator("themes")
    @classmethod
    def _known_themes(cls, value: list[str], info: ValidationInfo) -> list[str]:
        config = _context_config(info)
        if config is not None:
            bad = [slug for slug in value if slug not in config.theme_slugs]
            if bad:
                raise ValueError(f"unknown theme {excerpt(bad)}; choose from {config.theme_slugs}")
        return list(dict.fromkeys(value))

    @field_validator("age_groups")
    @classmethod
    def _known_age_groups(cls, value: list[str], info: ValidationInfo) -> list[str]:
        config = _context_config(info)
        if config is not None:
            bad = [slug for slug in value if slug not in config.age_group_slugs]
            if bad:
                raise ValueError(f"unknown age group {excerpt(bad)}; choose from {config.age_group_slugs}")
        return list(dict.fromkeys(value))

    @field_validator("keywords")
    @classmethod
    def _clean_keywords(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(str(k).strip() for k in value if str(k).strip()))

    @field_validator("modified", "imported_at")
    @classmethod
    def _aware(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        if value is not None and value.tzinfo is None:
            config = _context_config(info)
            value = value.replace(tzinfo=ZoneInfo(config.site.timezone if config else "Europe/Helsinki"))
        return value

    @model_validator(mode="after")
    def _record_rules(self, info: ValidationInfo) -> Record:
        prefix = self.id.split("-", 1)[0]
        spec = _registry(info).get(self.source)
        if spec is not None and prefix != spec.prefix:
            raise ValueError(f"id '{self.id}' starts with '{prefix}-' but source is '{self.source}'"
                             + (f" (whose ids start with '{spec.prefix}-')" if spec.prefix != self.source else ""))
        if self.kind == "event" and self.event is None:
            raise ValueError("an event needs event: start (and usually end)")
        if self.kind != "event" and self.event is not None:
            raise ValueError(f"only events have event dates; this record's kind is '{self.kind}'")
        return self

    # --- helpers used by templates, search and importers ---

    def area_municipalities(self) -> list[str]:
        """Municipality codes the record serves: explicit ones, else those of its locations."""
        if self.municipalities:
            return self.municipalities
        return sorted({loc.municipality_code for loc in self.locations if loc.municipality_code})

    def text_languages(self) -> list[str]:
        """Languages the record has a title in."""
        return self.title.languages()


def validate_record(data: dict[str, Any], config: TrayConfig) -> Record:
    """Validate a record dict against the model and the configured vocabularies."""
    return Record.model_validate(data, context={"config": config})


# --- editors' overrides -------------------------------------------------------------------------

StrList = Annotated[list[str], BeforeValidator(_to_list)]

#: Record fields an override may not `set`: they name the file and the source it belongs to.
NOT_SETTABLE = ("id", "source")


class OverrideAdd(_Model):
    """Values an override appends to an imported record's lists."""

    themes: StrList = Field(default_factory=list)
    """Theme slugs to add."""
    keywords: StrList = Field(default_factory=list)
    """Search words to add, e.g. Kaikukortti."""
    age_groups: StrList = Field(default_factory=list)
    """Age group slugs to add."""
    service_languages: StrList = Field(default_factory=list)
    """Service language codes to add."""
    municipalities: StrList = Field(default_factory=list)
    """Municipality codes to add."""


class Override(_Model):
    """`content/overrides/<record id>.yml`: an editor's correction to an imported record.

    Values arrive as YAML text, so `hide: false`, `hide: no` and `hide: "no"` are all false;
    true, yes, on and 1 are true. The values it sets or adds are validated with the record."""

    hide: bool = False
    """Take the record off the site."""
    reason: str | None = None
    """Why, for the next editor."""
    add: OverrideAdd = Field(default_factory=OverrideAdd)
    """Values appended to the record's lists."""
    set: dict[str, Any] = Field(default_factory=dict)
    """Whole fields replaced."""
    not_duplicate_of: StrList = Field(default_factory=list)
    """Ids of records an importer wrongly merged with this one: both are shown."""
    duplicate_of: str | None = None
    """Id of a record this one duplicates: the next import merges them."""

    @field_validator("set", mode="before")
    @classmethod
    def _settable_fields(cls, value: Any) -> Any:
        if isinstance(value, dict):
            fixed = [key for key in value if key in NOT_SETTABLE]
            if fixed:
                raise ValueError(f"'{fixed[0]}' cannot be changed by an override")
            unknown = [key for key in value if key not in Record.model_fields]
            if unknown:
                raise ValueError(f"{excerpt(unknown[0], 40)} is not a record field; docs/content-format.md lists the fields")
        return value

    @field_validator("not_duplicate_of", mode="before")
    @classmethod
    def _id_list(cls, value: Any) -> Any:
        if not (value is None or isinstance(value, str) or
                isinstance(value, list) and all(isinstance(item, str) for item in value)):
            raise ValueError(f"must be a record id or a list of ids (got {excerpt(value)})")
        return value

    @field_validator("duplicate_of", mode="before")
    @classmethod
    def _one_id(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, str):
            raise ValueError(f"must be one record id (got {excerpt(value)})")
        return value

    @field_validator("not_duplicate_of", "duplicate_of")
    @classmethod
    def _record_ids(cls, value: Any, info: ValidationInfo) -> Any:
        registry = _registry(info)
        for record_id in value if isinstance(value, list) else [value]:
            if record_id is not None and not (_ID_RE.match(record_id) and registry.by_prefix(record_id)):
                prefixes = registry.prefix_list().replace("-,", "-…,").replace("- or", "-… or") + "…"
                raise ValueError(f"{excerpt(record_id, 60)} is not a record id ({prefixes})")
        return value
