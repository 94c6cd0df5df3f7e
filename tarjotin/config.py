"""The tray's configuration (`tray.toml`): area, themes, age groups, languages, site.

One typed model, loaded once and passed to everything that needs it (the record model's
validators, the Pelican plugins, the importers). Every field has a docstring; the docs test
checks that each one is described in `docs/configuration.md`.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, ValidationInfo, field_validator,
                      model_validator)

#: The repository root: configuration and content paths are relative to it.
ROOT = Path(__file__).resolve().parent.parent

#: Default configuration file; the environment variable TARJOTIN_CONFIG points elsewhere.
DEFAULT_CONFIG_PATH = ROOT / "tray.toml"

#: Languages the site's interface can be in: those with a message catalog under
#: theme/translations/ and a field in `Names`. `languages.ui` chooses among them.
UI_LANGUAGES = ("fi", "sv", "en")


class ConfigError(Exception):
    """The configuration file is missing or invalid; the message says where and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Names(_Strict):
    """A short text in each UI language."""

    fi: str
    """Finnish."""
    sv: str
    """Swedish."""
    en: str
    """English."""

    def get(self, lang: str) -> str:
        return getattr(self, lang)


class SiteConfig(_Strict):
    name: Names
    """Name of the site, shown in the header and the page titles."""
    tagline: Names
    """One sentence under the name on the front page."""
    url: str
    """Absolute address of the published site without a trailing slash (canonical and share links)."""
    owner: Names
    """Organisation that runs the tray, shown in the footer."""
    feedback_email: str
    """Address for corrections and feedback, shown in the footer and on record pages."""
    timezone: str = "Europe/Helsinki"
    """Time zone of the area: event times without an offset are read in it."""

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(value)
        except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
            raise ValueError(f"unknown time zone {value[:60]!r}; use an IANA name such as Europe/Helsinki") from None
        return value

    @field_validator("url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")) or value.endswith("/"):
            raise ValueError("must start with https:// and not end with '/'")
        return value


@lru_cache(maxsize=1)
def known_language_codes() -> frozenset[str]:
    """ISO 639 codes Babel's locale data names (CLDR: about 600, the Sámi languages included)."""
    from babel import Locale

    return frozenset(code for code in Locale("en").languages if re.fullmatch(r"[a-z]{2,3}", code))


class LanguagesConfig(_Strict):
    ui: list[str]
    """UI languages (those with a catalog: fi, sv, en); the first is the default language served at the site root."""
    content: list[str] = Field(default_factory=lambda: list(UI_LANGUAGES))
    """Languages record texts may be written in: the UI languages and any other ISO 639 code
    (`se`, `smn`, `sms`, `ru`, `so`, `ar`, …). A text in a language not listed is an error."""
    fallback: dict[str, list[str]]
    """For each UI language, the languages tried in order when a text is missing."""
    names: dict[str, Names] = Field(default_factory=dict)
    """Display names for language codes that Babel does not know (e.g. `fse`)."""

    @field_validator("ui")
    @classmethod
    def _ui_languages(cls, value: list[str]) -> list[str]:
        unknown = [code for code in value if code not in UI_LANGUAGES]
        if unknown:
            raise ValueError(f"{unknown} have no message catalog; UI languages are {list(UI_LANGUAGES)} "
                             "(other languages go in languages.content)")
        if not value or len(set(value)) != len(value):
            raise ValueError("list each UI language once, the default first")
        return value

    @model_validator(mode="after")
    def _check(self) -> LanguagesConfig:
        known = known_language_codes() | set(self.names)
        unknown = [code for code in self.content if code not in known]
        if unknown:
            raise ValueError(f"content: {', '.join(repr(c[:20]) for c in unknown[:5])} "
                             f"{'is not an ISO 639 language code' if len(unknown) == 1 else 'are not ISO 639 language codes'} "
                             "that Babel knows (e.g. se, smn, sms, ru, so, ar); give a name for an unlisted code "
                             "in [languages.names.<code>]")
        if len(set(self.content)) != len(self.content):
            raise ValueError("content: a language is listed twice")
        missing = [code for code in self.ui if code not in self.content]
        if missing:
            raise ValueError(f"content: must include the UI languages; add {missing}")
        for lang in self.ui:
            if lang not in self.fallback:
                raise ValueError(f"fallback: no fallback order for '{lang}'")
        for lang, order in self.fallback.items():
            stray = [code for code in order if code not in self.content]
            if stray:
                raise ValueError(f"fallback.{lang}: {stray} are not content languages")
        return self

    @cached_property
    def extra(self) -> list[str]:
        """Content languages that are not UI languages, in configured order (e.g. `se`, `ar`)."""
        return [code for code in self.content if code not in self.ui]


class Municipality(_Strict):
    code: str = Field(pattern=r"^\d{3}$")
    """Statistics Finland's three-digit municipality code, e.g. `092` for Vantaa; it must be on
    the shipped list of current municipalities (`tarjotin/data/municipalities.json`)."""
    name: Names
    """Municipality name in each language."""

    @field_validator("code")
    @classmethod
    def _known(cls, value: str) -> str:
        from .municipalities import is_municipality, unknown_code_message

        if not is_municipality(value):
            raise ValueError(unknown_code_message(value))
        return value


class AreaConfig(_Strict):
    name: Names
    """Name of the whole area (\"Vantaa ja Kerava\")."""
    municipalities: list[Municipality] = Field(min_length=1)
    """The municipalities the tray covers; search's location filter lists these."""


class AgeGroup(_Strict):
    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    """Identifier used in records and in search URLs (`?ika=nuoret`)."""
    name: Names
    """Display name."""
    min_age: int | None = None
    """Youngest age the group covers, when it is an age range (used by importers)."""
    max_age: int | None = None
    """Oldest age the group covers, when it is an age range (used by importers)."""


class Theme(_Strict):
    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    """Identifier in URLs (`/teema/<slug>/`, `?teema=<slug>`) and records; ASCII only."""
    name: Names
    """Display name of the theme."""


def _hex_color(value: str) -> str:
    if not re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", value):
        raise ValueError(f"{value!r} is not a CSS hex colour such as '#004f7c'")
    return value.lower()


#: A CSS colour in hex notation, `#rgb` or `#rrggbb`.
HexColor = Annotated[str, AfterValidator(_hex_color)]

#: Image formats a logo or favicon may have (browsers show them without a plugin).
IMAGE_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp", ".ico": "image/x-icon"}

#: Text and background pairs (foreground, background) that must reach WCAG 2.1 AA contrast 4.5:1.
CONTRAST_PAIRS = [("text", "background"), ("muted", "background"), ("primary", "background"),
                  ("primary_text", "primary"), ("primary_text", "primary_dark"), ("primary_dark", "background"),
                  ("primary_dark", "accent_background"),
                  ("text", "accent_background")]


def _luminance(color: str) -> float:
    digits = color[1:] if len(color) == 7 else "".join(c * 2 for c in color[1:])
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two hex colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class BrandColors(_Strict):
    """The theme's colours, written into a generated stylesheet as CSS custom properties."""

    primary: HexColor = "#004f7c"
    """Header, buttons and links (`--brand`)."""
    primary_dark: HexColor = "#00324f"
    """Hover colour of links and buttons, text of chips and labels (`--brand-dark`)."""
    primary_text: HexColor = "#ffffff"
    """Text on the primary colour: header, buttons (`--on-brand`)."""
    accent_background: HexColor = "#eef5f9"
    """Background of the footer, theme tiles, chips and notices (`--accent-bg`)."""
    text: HexColor = "#1b1b1b"
    """Body text (`--text`)."""
    muted: HexColor = "#4a4a4a"
    """Secondary text: counts, hints, dates (`--muted`)."""
    background: HexColor = "#ffffff"
    """Page background (`--bg`)."""
    border: HexColor = "#c4ced6"
    """Borders of cards and tiles (`--border`)."""
    focus: HexColor = "#b35900"
    """Keyboard focus outline (`--focus`)."""

    @model_validator(mode="after")
    def _readable(self) -> BrandColors:
        for fg, bg in CONTRAST_PAIRS:
            ratio = contrast(getattr(self, fg), getattr(self, bg))
            if ratio < 4.5:
                raise ValueError(f"{fg} {getattr(self, fg)} on {bg} {getattr(self, bg)} has contrast "
                                 f"{ratio:.1f}:1; WCAG AA needs 4.5:1")
        return self


def _link_url(value: str) -> str:
    if not (value.startswith("https://") or (value.startswith("/") and not value.startswith("//"))):
        raise ValueError("must start with https:// or be a path on this site starting with '/'")
    return value


class FooterLink(_Strict):
    label: Names
    """Text of the link in each language."""
    url: Annotated[str, Field(min_length=1)]
    """Address: `https://…`, or a path on this site such as `/saavutettavuus/`."""

    @field_validator("url")
    @classmethod
    def _address(cls, value: str) -> str:
        return _link_url(value)


def _image_file(value: str, info: ValidationInfo) -> str:
    """An image path relative to the configuration file: it must exist and be a known image type."""
    if not value:
        return value
    if Path(value).suffix.lower() not in IMAGE_TYPES:
        raise ValueError(f"must be one of {sorted(IMAGE_TYPES)} images")
    base = (info.context or {}).get("config_dir")
    if base is not None and not (Path(base) / value).is_file():
        raise ValueError(f"file {value} not found (paths are relative to the configuration file)")
    return value


class BrandingConfig(_Strict):
    """Logo, favicon, colours and footer links. Without this section the theme is neutral."""

    logo: str = ""
    """Image shown before the site name in the header (SVG, PNG or WebP), relative to the configuration file; empty = none."""
    logo_alt: Names | None = None
    """Text alternative of the logo in each language; leave out when the logo only repeats the site name."""
    favicon: str = ""
    """Icon of the browser tab (SVG, PNG or ICO), relative to the configuration file; empty = the theme's neutral icon."""
    colors: BrandColors = Field(default_factory=BrandColors)
    """Colours of the theme; each one left out keeps the theme's neutral default."""
    footer_links: list[FooterLink] = Field(default_factory=list)
    """Links in the footer (accessibility statement, privacy notice, the county's site), in order."""

    @field_validator("logo", "favicon")
    @classmethod
    def _exists(cls, value: str, info: ValidationInfo) -> str:
        return _image_file(value, info)


class SearchConfig(_Strict):
    hint_examples: dict[str, list[str]] = Field(default_factory=dict)
    """Example searches under the search box per UI language (`fi = ["uimahalli", "vertaistuki"]`); a language without examples gets a general hint."""
    filter_plugins: list[str] = Field(default_factory=list)
    """Modules with a `register_filters(registry)` hook that add search filters after the built-in ones (tarjotin/filters)."""

    @field_validator("filter_plugins")
    @classmethod
    def _usable_filter_plugins(cls, value: list[str]) -> list[str]:
        from tarjotin.filters.spec import registry_of   # imported here: tarjotin.filters is optional at load

        registry_of(tuple(value))
        return value

    @field_validator("hint_examples")
    @classmethod
    def _languages(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(value) - set(UI_LANGUAGES))
        if unknown:
            raise ValueError(f"unknown language(s) {unknown}; choose from {list(UI_LANGUAGES)}")
        return value


class MapConfig(_Strict):
    """The search page's map (docs/search.md). Off while `tile_url` is empty: no map button, the
    pages' Content-Security-Policy unchanged."""

    tile_url: str = ""
    """Tile address template, `https://tiles.example.fi/{z}/{x}/{y}.png` (`{s}`, `{r}` allowed as Leaflet has them); empty: no map."""
    attribution: str = ""
    """Text shown in the map's corner, e.g. `© OpenStreetMap contributors`; plain text, required with `tile_url`."""
    max_zoom: int = Field(default=18, ge=1, le=22)
    """The closest zoom level the tile server has."""
    center: tuple[float, float] | None = None
    """`[latitude, longitude]` the map opens at when the results have no coordinates; default: the middle of the area's records."""
    zoom: int = Field(default=11, ge=1, le=22)
    """Zoom level with `center`, before the map fits the results."""

    @field_validator("tile_url")
    @classmethod
    def _tile_url(cls, value: str) -> str:
        if not value:
            return value
        if not re.match(r"^https?://(\{s\}\.)?[A-Za-z0-9.-]+(:\d+)?/", value):
            raise ValueError(f"{value!r}: give an http(s):// address with a host, e.g. https://tiles.example.fi/{{z}}/{{x}}/{{y}}.png")
        missing = [p for p in ("{z}", "{x}", "{y}") if p not in value]
        if missing:
            raise ValueError(f"{value!r}: the template lacks {', '.join(missing)}")
        if any(c in value for c in "\"' ;"):
            raise ValueError(f"{value!r}: quotes, spaces and semicolons are not allowed in a tile address")
        return value

    @model_validator(mode="after")
    def _attributed(self) -> MapConfig:
        if self.tile_url and not self.attribution.strip():
            raise ValueError("attribution: required with tile_url (tile services require it to be shown)")
        return self

    @property
    def enabled(self) -> bool:
        return bool(self.tile_url)

    @property
    def tile_origin(self) -> str:
        """`https://tiles.example.fi`: what the pages' img-src allows besides themselves; `{s}`
        subdomains become a wildcard."""
        origin = re.match(r"^(https?://[^/]+)", self.tile_url).group(1)
        return re.sub(r"\{s\}", "*", origin)


class SourceDeclaration(_Strict):
    """`[sources.<id>]`: a source of records besides the built-in ones (tarjotin/sources.py);
    `<id>` is the records' `source` value (lower-case letters and digits)."""

    name: Names
    """Name of the source in each UI language: "Source: <name>." on the record page."""
    importer: str = ""
    """Module of its importer, run as `python -m <importer>` (e.g. `importers.linkedevents`);
    empty for a source whose records are written by hand."""
    link: str = ""
    """Link back to the source for corrections, for records without a `source_url` of their
    own: an https:// address in which `{key}` stands for the record id without its prefix."""
    records: str = ""
    """Folder of its records below `content/records/`; default: the id."""
    prefix: str = ""
    """Record ids start with `<prefix>-`; default: the id."""
    settings: dict[str, Any] = Field(default_factory=dict)
    """Settings of its importer (validated by the importer, like `[ptv]`)."""

    @field_validator("records", "prefix")
    @classmethod
    def _plain(cls, value: str) -> str:
        if value and not re.fullmatch(r"[a-z][a-z0-9]{1,30}", value):
            raise ValueError(f"{value[:40]!r}: use lower-case letters and digits, starting with a letter")
        return value

    @field_validator("link")
    @classmethod
    def _template(cls, value: str) -> str:
        if value and (not value.startswith(("https://", "http://")) or "{key}" not in value):
            raise ValueError("must start with https:// and contain {key}")
        return value

    @field_validator("importer")
    @classmethod
    def _module(cls, value: str) -> str:
        if value and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*", value):
            raise ValueError(f"{value[:60]!r} is not a Python module name such as importers.linkedevents")
        return value


class NonConformity(_Strict):
    """One known accessibility problem of the site, as the statement lists it."""

    criterion: str = Field(pattern=r"^\d\.\d{1,2}\.\d{1,2}$")
    """The WCAG success criterion it fails, such as "1.4.3"."""
    description: Names
    """What does not work, for whom, and what to do instead (or when it will be fixed)."""


class SupervisingAuthority(_Strict):
    """The authority a resident turns to when the site's answer does not satisfy them."""

    name: Names = Names(fi="Etelä-Suomen aluehallintovirasto, saavutettavuuden valvonnan yksikkö",
                        sv="Regionförvaltningsverket i Södra Finland, enheten för tillgänglighetstillsyn",
                        en="Regional State Administrative Agency for Southern Finland, Accessibility Supervision Unit")
    """Name of the authority and its unit."""
    url: str = "https://www.saavutettavuusvaatimukset.fi/"
    """The authority's web address, which explains how to make a report."""
    email: str = "saavutettavuus@avi.fi"
    """The authority's e-mail address."""
    phone: str = "0295 016 000"
    """The authority's telephone number (switchboard)."""


class AccessibilityConfig(_Strict):
    """The accessibility statement (Act on the Provision of Digital Services 306/2019, section 15)."""

    status: Literal["fully", "partially", "not"]
    """Whether the site meets the requirements: "fully", "partially" or "not" compliant."""
    non_conformities: list[NonConformity] = Field(default_factory=list)
    """Known problems, each with its WCAG criterion; required unless the status is "fully"."""
    assessed_on: date
    """When the site's accessibility was last assessed."""
    assessed_by: Names
    """How it was assessed (self-assessment, automated tests, an external audit: by whom)."""
    statement_date: date
    """When this statement was prepared or last updated."""
    feedback_email: str
    """Where to send accessibility feedback and requests for inaccessible content."""
    feedback_url: str | None = None
    """A feedback form's address, offered beside the e-mail address."""
    authority: SupervisingAuthority = Field(default_factory=SupervisingAuthority)
    """The supervising authority; the default is the one for all of Finland."""

    @model_validator(mode="after")
    def _problems_named(self):
        if self.status != "fully" and not self.non_conformities:
            raise ValueError(f"status {self.status!r} needs at least one entry in non_conformities")
        if self.status == "fully" and self.non_conformities:
            raise ValueError('status "fully" cannot list non_conformities: use "partially"')
        return self


class ReportProblemConfig(_Strict):
    """`[report_problem]`: where the "Report a problem" link of every record page leads.

    Without `form_url` it is a `mailto:` to `email` (default: `site.feedback_email`) whose subject
    and body carry the record's id, title and address, so the message can be routed without
    asking. With `form_url` it opens that form with the record's id (and address) as parameters.
    """

    email: str | None = None
    """Where reports go by e-mail; empty: `site.feedback_email`."""
    form_url: str | None = None
    """A feedback form's address (https://…); when set, the link opens it instead of e-mail."""
    id_parameter: str = "id"
    """Query parameter of the form that receives the record id."""
    url_parameter: str = "url"
    """Query parameter of the form that receives the record page's address; empty: not sent."""

    @field_validator("form_url")
    @classmethod
    def _https_form(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be an address starting with https://")
        return value

    @field_validator("id_parameter", "url_parameter")
    @classmethod
    def _parameter_name(cls, value: str) -> str:
        if value and not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]{1,40}", value):
            raise ValueError(f"{value[:40]!r} is not a query parameter name (letters, digits, _ . - [ ])")
        return value


class QualityConfig(_Strict):
    """`[quality]`: the data-quality report for editors (tarjotin/quality, docs/quality.md)."""

    stale_months: int = Field(default=12, ge=1, le=240)
    """A record whose source has not modified it for this many months is reported as stale."""
    languages: list[str] = Field(default_factory=list)
    """Languages every record should have a title and a summary in; empty = the UI languages."""

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: list[str]) -> list[str]:
        bad = [code for code in value if not re.fullmatch(r"[a-z]{2,3}", code)]
        if bad:
            raise ValueError(f"{bad[0][:40]!r} is not an ISO 639 language code such as fi, sv or en")
        return value


class DuplicatesConfig(_Strict):
    """`[duplicates]`: one record per real-world service across all sources (tarjotin/matching.py,
    docs/configuration.md "## [duplicates]")."""

    enabled: bool = True
    """Look for duplicates between the sources at build time (editors' decisions apply anyway)."""
    title_similarity: float = Field(default=0.85, ge=0.0, le=1.0)
    """Titles at least this alike (0–1), by the same organisation, serving a common area: merged."""
    title_similarity_with_evidence: float = Field(default=0.6, ge=0.0, le=1.0)
    """Less alike titles suffice when the two also share a phone number, a web page or a place."""
    organisation_similarity: float = Field(default=0.8, ge=0.0, le=1.0)
    """Organisation names at least this alike (legal forms such as ry/rf left out) are the same
    organisation; the same business id always is."""
    possible_similarity: float = Field(default=0.5, ge=0.0, le=1.0)
    """Pairs not merged are listed for editors when their titles are this alike and they share a
    phone, a web page or a place; `title_similarity_with_evidence`-alike titles of the same
    organisation, and `title_similarity`-alike titles of any, are listed too."""
    distance_m: float = Field(default=150.0, ge=0.0, le=5000.0)
    """Coordinates at most this many metres apart are the same place."""
    same_municipality: bool = True
    """Both must serve a common municipality (or both be nationwide)."""
    keep_order: list[str] = Field(default_factory=lambda: ["lahella", "ptv"])
    """Whose id, address (URL) and freshness dates a merged record keeps: the first source listed;
    unlisted imported sources come next, the editors' sources (no importer) last. The editors'
    texts win over imported ones whichever id is kept."""
    max_block: int = Field(default=400, ge=10, le=100_000)
    """A title word shared by more records than this in one municipality is too common to find
    candidate pairs by (it keeps the matching sub-quadratic); pairs still meet by rarer words."""

    @model_validator(mode="after")
    def _order(self) -> DuplicatesConfig:
        if self.title_similarity_with_evidence > self.title_similarity:
            raise ValueError("title_similarity_with_evidence must not exceed title_similarity")
        if self.possible_similarity > self.title_similarity_with_evidence:
            raise ValueError("possible_similarity must not exceed title_similarity_with_evidence")
        return self


class TrayConfig(_Strict):
    """The whole `tray.toml`."""

    site: SiteConfig
    """Site name, address, owner."""
    languages: LanguagesConfig
    """UI languages, fallbacks, extra language names."""
    area: AreaConfig
    """The area the tray covers."""
    age_groups: list[AgeGroup] = Field(min_length=1)
    """Controlled vocabulary of age groups, in display order."""
    themes: list[Theme] = Field(min_length=1)
    """The themes, in display order; each gets a theme page."""
    branding: BrandingConfig = Field(default_factory=BrandingConfig)
    """Logo, favicon, colours and footer links."""
    search: SearchConfig = Field(default_factory=SearchConfig)
    """Wording of the search page."""
    map: MapConfig = Field(default_factory=MapConfig)
    """The search page's map of results (off without a tile address)."""
    accessibility: AccessibilityConfig | None = None
    """The accessibility statement; without it no statement page is built (a public-sector site needs one)."""
    quality: QualityConfig = Field(default_factory=QualityConfig)
    """The data-quality report for editors: when a record counts as stale, which languages it needs."""
    report_problem: ReportProblemConfig = Field(default_factory=ReportProblemConfig)
    """Where a record page's "Report a problem" link leads (e-mail or a form)."""
    duplicates: DuplicatesConfig = Field(default_factory=DuplicatesConfig)
    """How the same service from two sources is found and shown once."""
    ptv: dict[str, Any] = Field(default_factory=dict)
    """Settings of the PTV importer (validated by `importers.ptv`)."""
    lahella: dict[str, Any] = Field(default_factory=dict)
    """Settings of the Lähellä.fi importer (validated by `importers.lahella`)."""
    sources: dict[str, SourceDeclaration] = Field(default_factory=dict)
    """Sources of records besides ptv, lahella and local, one table each (`[sources.<id>]`)."""
    deploy: dict[str, Any] = Field(default_factory=dict)
    """Where `nightly` and `deploy` publish the built site (validated by `tarjotin.deploy`)."""
    nightly: dict[str, Any] = Field(default_factory=dict)
    """The nightly run: sources, git commit and push, guards, notification (validated by `tarjotin.nightly`)."""

    _path: Path = PrivateAttr(default=Path("tray.toml"))

    @property
    def path(self) -> Path:
        """The file this configuration was read from, as error messages name it (relative to the
        working directory when below it)."""
        return _shown(self._path)

    @property
    def content_security_policy(self) -> str:
        """The pages' Content-Security-Policy (tarjotin/csp.py), widened for the map's tile host only."""
        from .csp import content_security_policy

        return content_security_policy(self.map.tile_origin if self.map.enabled else "")

    def file(self, relative: str) -> Path:
        """A path given in the configuration (logo, favicon), relative to the configuration file."""
        return self._path.parent / relative

    @model_validator(mode="after")
    def _unique_slugs(self) -> TrayConfig:
        for label, items in (("themes", self.themes), ("age_groups", self.age_groups)):
            slugs = [item.slug for item in items]
            dupes = sorted({s for s in slugs if slugs.count(s) > 1})
            if dupes:
                raise ValueError(f"{label}: duplicate slug(s) {dupes}")
        return self

    @model_validator(mode="after")
    def _sources_registered(self) -> TrayConfig:
        from .sources import BUILT_IN, SOURCE_ID_RE

        taken = {"id": [s.id for s in BUILT_IN], "prefix": [s.prefix for s in BUILT_IN],
                 "records": [s.records for s in BUILT_IN]}
        for source_id, declared in self.sources.items():
            if not SOURCE_ID_RE.match(source_id):
                raise ValueError(f"sources.{source_id[:40]}: a source id has lower-case letters and digits, "
                                 "starting with a letter")
            for what, value in (("id", source_id), ("prefix", declared.prefix or source_id),
                                ("records", declared.records or source_id)):
                if value in taken[what]:
                    raise ValueError(f"sources.{source_id}: {what} '{value}' is already a source's "
                                     f"(registered: {taken[what]})")
                taken[what].append(value)
        unknown = [name for name in self.duplicates.keep_order if name not in taken["id"]]
        if unknown:
            raise ValueError(f"duplicates.keep_order: {unknown[0][:40]!r} is not a registered source "
                             f"(registered: {taken['id']})")
        return self

    @cached_property
    def source_registry(self):  # -> tarjotin.sources.Registry (imported late: it imports this module)
        """The built-in sources and those of `[sources]` (tarjotin/sources.py)."""
        from .sources import BUILT_IN, Registry, SourceSpec

        declared = tuple(SourceSpec(source_id, d.name.model_dump(), importer=d.importer, link=d.link,
                                    records=d.records, prefix=d.prefix)
                         for source_id, d in self.sources.items())
        return Registry(BUILT_IN + declared)

    def source_settings(self, source_id: str) -> dict[str, Any]:
        """The importer settings of a source: `[ptv]`, `[lahella]` or `[sources.<id>.settings]`."""
        spec = self.source_registry.get(source_id)
        if spec is not None and spec.settings_section:
            return getattr(self, spec.settings_section)
        declared = self.sources.get(source_id)
        return dict(declared.settings) if declared else {}

    # Lookups used all over; cached because the model is frozen.
    @cached_property
    def theme_slugs(self) -> list[str]:
        return [t.slug for t in self.themes]

    @cached_property
    def age_group_slugs(self) -> list[str]:
        return [a.slug for a in self.age_groups]

    @cached_property
    def municipality_codes(self) -> list[str]:
        return [m.code for m in self.area.municipalities]

    @property
    def default_lang(self) -> str:
        return self.languages.ui[0]

    def theme(self, slug: str) -> Theme:
        return next(t for t in self.themes if t.slug == slug)

    def age_group(self, slug: str) -> AgeGroup:
        return next(a for a in self.age_groups if a.slug == slug)

    def municipality(self, code: str) -> Municipality | None:
        return next((m for m in self.area.municipalities if m.code == code), None)


#: Largest configuration file read, in bytes (tray.toml is about 20 kB).
MAX_CONFIG_BYTES = 1_000_000
#: Deepest nesting of tables and arrays in the configuration.
MAX_CONFIG_DEPTH = 20


def _shown(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def load_config(path: str | os.PathLike[str] | None = None) -> TrayConfig:
    """Read and validate the configuration; raise ConfigError with a readable message
    (`file: setting: reason`, one line per problem, naming the file really read)."""
    path = Path(path or os.environ.get("TARJOTIN_CONFIG") or DEFAULT_CONFIG_PATH).absolute()
    shown = _shown(path)
    data = _read_toml(path, shown)
    problems = list(_check_values(data, ""))
    if problems:
        raise ConfigError("\n".join(f"{shown}: {where}: {why}" for where, why in problems[:20]))
    try:
        config = TrayConfig.model_validate(data, context={"config_dir": path.parent})
    except ValidationError as exc:
        from .text import excerpt

        lines = []
        for err in exc.errors(include_url=False)[:20]:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{excerpt(str(p), 40).strip(chr(39))}"
                            for p in err["loc"]).lstrip(".")
            lines.append(f"{shown}: {where or '(top level)'}: {err['msg'].removeprefix('Value error, ')}")
        raise ConfigError("\n".join(lines)) from None
    config._path = path
    return config


def _read_toml(path: Path, shown: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{shown}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot be read: {exc.strerror or type(exc).__name__}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{shown}: is larger than {MAX_CONFIG_BYTES // 1000} kB; is it the right file?")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{shown}: is not UTF-8 text (byte 0x{raw[exc.start]:02x} at line {line}); save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: not valid TOML: {str(exc)[:200]}") from None
    except RecursionError:  # tomllib parses nested arrays recursively
        raise ConfigError(f"{shown}: (file): nested deeper than {MAX_CONFIG_DEPTH} levels") from None


def _check_values(value: Any, where: str, depth: int = 0) -> Any:
    """(setting, problem) for nesting beyond MAX_CONFIG_DEPTH and control characters in text
    (TOML allows them as escapes, e.g. "\\u0000"; they would reach every page)."""
    from .text import CONTROL_CHAR_RE, control_char_message

    if depth > MAX_CONFIG_DEPTH:
        yield where or "(file)", f"nested deeper than {MAX_CONFIG_DEPTH} levels"
        return
    if isinstance(value, str) and (found := CONTROL_CHAR_RE.search(value)):
        yield where or "(file)", control_char_message(found.group())
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{where}.{key[:40]}" if where else key[:40]
            if (found := CONTROL_CHAR_RE.search(key)):
                yield where or "(file)", "a setting name " + control_char_message(found.group())
                continue
            yield from _check_values(item, name, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _check_values(item, f"{where}[{index}]", depth + 1)
