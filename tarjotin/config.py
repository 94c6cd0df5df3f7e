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
    """Statistics Finland's three-digit municipality code, e.g. `092` for Vantaa."""
    name: Names
    """Municipality name in each language."""


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
    deploy: dict[str, Any] = Field(default_factory=dict)
    """Where `nightly` and `deploy` publish the built site (validated by `tarjotin.deploy`)."""
    nightly: dict[str, Any] = Field(default_factory=dict)
    """The nightly run: sources, git commit and push, guards, notification (validated by `tarjotin.nightly`)."""

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


def load_config(path: str | os.PathLike[str] | None = None) -> TrayConfig:
    """Read and validate the configuration; raise ConfigError with a readable message."""
    path = Path(path or os.environ.get("TARJOTIN_CONFIG") or DEFAULT_CONFIG_PATH)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    try:
        return TrayConfig.model_validate(data)
    except ValidationError as exc:
        lines = [
            f"{path}: {'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        ]
        raise ConfigError("\n".join(lines)) from None
