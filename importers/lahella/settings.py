"""The `[lahella]` section of tray.toml, validated (every field documented in docs/configuration.md).

How Lähellä.fi's vocabularies (activity types, theme and format codes, age ranges, locale codes,
region codes, pricing, accessibility codes) become the tray's kinds, themes, age groups, service
languages and municipalities is configuration: another county edits tray.toml, not Python.
A code that no table knows is kept in the record's `source_codes` and reported (`unknown_code`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from importers.common.duplicates import check_against
from importers.common.settings import (BaseUrl, SourceSettings, StrictModel, base_url_from_environment,
                                      check_slugs, load_source_settings)
from tarjotin.config import TrayConfig

from .duplicates import DuplicateSettings

DEFAULT_BASE_URL = "https://hallinta.lahella.fi/"

#: Environment variable that overrides `base_url` (tests and operators point it at another server).
BASE_URL_ENV = "LAHELLA_BASE_URL"

Kind = Literal["service", "activity", "event", "volunteering"]


class LocalizedNote(StrictModel):
    """A short text in the content languages (at least Finnish)."""

    fi: str
    """Finnish."""
    sv: str | None = None
    """Swedish."""
    en: str | None = None
    """English."""


class TextRule(StrictModel):
    """Themes and keywords for activities whose name or summary contains one of the terms.

    Lähellä.fi's theme codes are known only for hobbies; support and volunteering activities
    carry none, so their themes come from words in their own texts."""

    match: list[str] = Field(min_length=1)
    """Terms, matched case-insensitively at the start of a word in the name, summary and price
    text (any language): `"ruoka-avu"` matches "ruoka-avun"; list every form that matters, e.g.
    `["ruoka-apu", "ruoka-avu", "mathjälp", "food aid"]`."""
    themes: list[str] = Field(default_factory=list)
    """Theme slugs added when a term matches."""
    keywords: list[str] = Field(default_factory=list)
    """Search keywords added when a term matches (e.g. `Kaikukortti`)."""


class ThemeMapping(StrictModel):
    """Lähellä.fi classifications → theme slugs (a record gets the union, in `[[themes]]` order)."""

    codes: dict[str, list[str]] = Field(default_factory=dict)
    """Theme (`ht_*`) and format (`hm_*`) code → theme slugs; `[]` = a known code without a theme."""
    types: dict[str, list[str]] = Field(default_factory=dict)
    """Activity type (`hobby`, `support`, `voluntary`) → theme slugs every such activity gets."""


class LahellaSettings(SourceSettings):
    """Settings of the Lähellä.fi importer (`[lahella]` in tray.toml)."""

    transport: Literal["api", "file"] = "api"
    """Where activities come from: `api` (the hallinta API over HTTP) or `file` (a JSON export
    of the same shape, `export_file` or `--file`)."""
    base_url: BaseUrl = DEFAULT_BASE_URL
    """Address of the Lähellä.fi admin API; LAHELLA_BASE_URL overrides it."""
    activities_path: str = "v1/activities"
    """Path of the activity list below `base_url` (one activity: `<path>/<key>`)."""
    refresh_path: str = "api/v1/auth/token"
    """Path that renews an expired session (POST `{"grant_type": "refresh_token"}`)."""
    export_file: str = ""
    """Path of a JSON export (relative to the repository root) for `transport = "file"`."""
    groups: list[str] = Field(default_factory=list)
    """Organisation (group) ids to list, each with `groups[0]=<id>`; empty = one listing without
    an organisation filter (needs an account that may read every organisation's activities)."""
    list_params: dict[str, str] = Field(default_factory=dict)
    """Extra query parameters for the list request (e.g. a region filter, if the granted API
    offers one); the importer filters by area itself either way."""
    page_size: int = Field(default=100, ge=1, le=1000)
    """Activities per list request (`limit`); the importer pages with `skip` until `hasMore` is false."""
    fetch_details: bool = False
    """Also GET every activity by its key (`links[files]=true`), for servers whose list answers
    carry shortened activities."""
    cookies_env: str = "LAHELLA_COOKIES"
    """Environment variable holding the session cookies (`AUTH_TOKEN=…; REFRESH_TOKEN=…`)."""
    token_env: str = "LAHELLA_TOKEN"
    """Environment variable holding an API token, sent as `Authorization: Bearer <token>`."""
    statuses: list[str] = Field(default_factory=lambda: ["published"])
    """Activity statuses to import; others (`draft`) are skipped as `not_published`."""
    regions: dict[str, list[str]] = Field(default_factory=dict)
    """Region code → municipality codes, e.g. `"city/FI/Vantaa" = ["092"]`. Activities whose
    regions (or place addresses) map to the tray's municipalities are imported."""
    include_nationwide: bool = True
    """Import activities without a region (Lähellä.fi's "whole country") that meet online or by phone."""
    kinds: dict[str, Kind] = Field(default_factory=lambda: {
        "hobby": "activity", "support": "activity", "voluntary": "volunteering"})
    """Activity type → record kind; an unknown type becomes `default_kind` and is reported."""
    default_kind: Kind = "activity"
    """Kind for activity types that `kinds` does not list."""
    dated_kind: Kind = "event"
    """Kind for activities of `dated_types` whose schedule is dated occurrences only (no weekly times)."""
    dated_types: list[str] = Field(default_factory=lambda: ["hobby", "support"])
    """Activity types that become `dated_kind` when they are one-off happenings."""
    themes: ThemeMapping = Field(default_factory=ThemeMapping)
    """Theme mapping of codes and types."""
    text_rules: list[TextRule] = Field(default_factory=list)
    """Themes and keywords from words in the name and summary (`[[lahella.text_rules]]`)."""
    age_groups: dict[str, list[str]] = Field(default_factory=dict)
    """Demographic age code → age group slugs, e.g. `"ageGroup/range:65-99" = ["ikaantyneet"]`.
    Other `ageGroup/range:A-B` codes use the overlap with `[[age_groups]]` min/max ages."""
    demographic_keywords: dict[str, list[str]] = Field(default_factory=dict)
    """Other demographic codes → keywords, e.g. `"gender/female" = ["naiset", "kvinnor", "women"]`;
    `[]` = known, nothing to add (`gender/gender`, any gender)."""
    languages: dict[str, str] = Field(default_factory=dict)
    """Locale code → service language code (ISO 639), e.g. `"fi-FI" = "fi"`, `"fisl" = "fse"`."""
    pricing: dict[str, bool] = Field(default_factory=lambda: {"free": True, "paid": False})
    """Pricing code → free of charge?"""
    accessibility: dict[str, LocalizedNote] = Field(default_factory=dict)
    """Accessibility code → note shown with the place, e.g. `ac_wheelchair`."""
    channel_keywords: dict[str, list[str]] = Field(default_factory=dict)
    """Channel type (`online`, `phone`, `hybrid`) → keywords, e.g. `online = ["verkossa", "etänä"]`."""
    expected_languages: list[str] = Field(default_factory=lambda: ["fi"])
    """Languages every activity should have a name in; a gap is a `missing_<lang>` warning."""
    duplicates: DuplicateSettings = Field(default_factory=DuplicateSettings)
    """Duplicate detection against other sources."""
    source_url: str = "https://www.lahella.fi/activity/{key}"
    """Public page of an activity (`{key}` = its key); empty = none. Unverified pattern."""
    organisation_url: str = "https://www.lahella.fi/fi-FI/organisation/{group}"
    """Public page of an organisation (`{group}` = its id), used when it gives no web site."""
    output_dir: str = "content/records/lahella"
    """Where the records are written, relative to the repository root."""
    report_path: str = "reports/import-lahella.json"
    """Where the JSON run report is written, relative to the repository root."""

    @field_validator("regions")
    @classmethod
    def _codes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for region, codes in value.items():
            bad = [code for code in codes if not (len(code) == 3 and code.isdigit())]
            if bad:
                raise ValueError(f"{region}: {bad}: municipality codes have three digits, e.g. 092")
        return value

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: dict[str, str]) -> dict[str, str]:
        bad = [f"{k} = {v}" for k, v in value.items() if not (2 <= len(v) <= 3 and v.isalpha() and v.islower())]
        if bad:
            raise ValueError(f"{bad}: service languages are ISO 639 codes such as fi, sv, fse")
        return value

    @field_validator("source_url")
    @classmethod
    def _template(cls, value: str) -> str:
        if value and "{key}" not in value:
            raise ValueError("must contain {key} (or be empty)")
        return value

    @field_validator("organisation_url")
    @classmethod
    def _org_template(cls, value: str) -> str:
        if value and "{group}" not in value:
            raise ValueError("must contain {group} (or be empty)")
        return value

    def effective_base_url(self) -> str:
        """`base_url`, unless the LAHELLA_BASE_URL environment variable says otherwise."""
        return base_url_from_environment(self.base_url, BASE_URL_ENV)

    def kind_for(self, activity_type: str) -> Kind:
        return self.kinds.get(activity_type, self.default_kind)


def load_settings(config: TrayConfig) -> LahellaSettings:
    """Validate `config.lahella` and cross-check theme and age-group slugs with the configuration."""
    settings = load_source_settings(LahellaSettings, config, "lahella")
    themes = {f"themes.codes.{code}": slugs for code, slugs in settings.themes.codes.items()}
    themes |= {f"themes.types.{code}": slugs for code, slugs in settings.themes.types.items()}
    themes |= {f"text_rules[{index}].themes": rule.themes for index, rule in enumerate(settings.text_rules)}
    check_slugs(config, "lahella", themes=themes,
                age_groups={f"age_groups.{code}": slugs for code, slugs in settings.age_groups.items()})
    check_against(config, "lahella", settings.duplicates, "lahella")
    return settings
