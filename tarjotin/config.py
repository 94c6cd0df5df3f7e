"""The tray's configuration (`tray.toml`): area, themes, age groups, languages, site.

One typed model, loaded once and passed to everything that needs it (the record model's
validators, the Pelican plugins, the importers). Every field has a docstring; the docs test
checks that each one is described in `docs/configuration.md`.
"""

from __future__ import annotations

import os
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

#: The repository root: configuration and content paths are relative to it.
ROOT = Path(__file__).resolve().parent.parent

#: Default configuration file; the environment variable TARJOTIN_CONFIG points elsewhere.
DEFAULT_CONFIG_PATH = ROOT / "tray.toml"

#: Languages the record model carries text in. UI languages must be among them.
CONTENT_LANGUAGES = ("fi", "sv", "en")


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


class LanguagesConfig(_Strict):
    ui: list[str]
    """UI languages; the first is the default language served at the site root."""
    fallback: dict[str, list[str]]
    """For each UI language, the languages tried in order when a text is missing."""
    names: dict[str, Names] = Field(default_factory=dict)
    """Display names for service-language codes that Babel does not know (e.g. `fse`)."""

    @model_validator(mode="after")
    def _check(self) -> LanguagesConfig:
        unknown = [code for code in self.ui if code not in CONTENT_LANGUAGES]
        if unknown:
            raise ValueError(f"ui: {unknown} not supported; choose from {list(CONTENT_LANGUAGES)}")
        for lang in self.ui:
            if lang not in self.fallback:
                raise ValueError(f"fallback: no fallback order for '{lang}'")
        return self


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
    ptv: dict[str, Any] = Field(default_factory=dict)
    """Settings of the PTV importer (validated by `importers.ptv`)."""
    lahella: dict[str, Any] = Field(default_factory=dict)
    """Settings of the Lähellä.fi importer (validated by `importers.lahella`)."""

    @model_validator(mode="after")
    def _unique_slugs(self) -> TrayConfig:
        for label, items in (("themes", self.themes), ("age_groups", self.age_groups)):
            slugs = [item.slug for item in items]
            dupes = sorted({s for s in slugs if slugs.count(s) > 1})
            if dupes:
                raise ValueError(f"{label}: duplicate slug(s) {dupes}")
        return self

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


def load_config(path: str | os.PathLike[str] | None = None) -> TrayConfig:
    """Read and validate the configuration; raise ConfigError with a readable message
    (`file: setting: reason`, one line per problem)."""
    path = Path(path or os.environ.get("TARJOTIN_CONFIG") or DEFAULT_CONFIG_PATH)
    data = _read_toml(path)
    problems = list(_check_values(data, ""))
    if problems:
        raise ConfigError("\n".join(f"{path}: {where}: {why}" for where, why in problems[:20]))
    try:
        return TrayConfig.model_validate(data)
    except ValidationError as exc:
        from .text import excerpt

        lines = []
        for err in exc.errors(include_url=False)[:20]:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{excerpt(str(p), 40).strip(chr(39))}"
                            for p in err["loc"]).lstrip(".")
            lines.append(f"{path}: {where or '(top level)'}: {err['msg'].removeprefix('Value error, ')}")
        raise ConfigError("\n".join(lines)) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or type(exc).__name__}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: is larger than {MAX_CONFIG_BYTES // 1000} kB; is it the right file?")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}: is not UTF-8 text (byte 0x{raw[exc.start]:02x} at line {line}); save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {str(exc)[:200]}") from None
    except RecursionError:  # tomllib parses nested arrays recursively
        raise ConfigError(f"{path}: (file): nested deeper than {MAX_CONFIG_DEPTH} levels") from None


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
