"""The `[ptv]` section of tray.toml, validated (every field documented in docs/configuration.md).

Which services belong on the tray, and how PTV's vocabularies map to the tray's themes and age
groups, is configuration: another county edits tray.toml, not Python.

Codes are matched hierarchically: `P5` matches P5, P5.7 and P5.7.1; `KR1` matches KR1.1.
Ontology terms are matched by URI (`http://www.yso.fi/onto/yso/p…`) or, for entries that are not
URIs, by their name in any language, case-insensitively.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from importers.common.settings import (BaseUrl, SourceSettings, StrictModel, base_url_from_environment,
                                      check_slugs, load_source_settings)
from tarjotin.config import TrayConfig

#: The production address of each API version (`base_url` when none is configured).
DEFAULT_BASE_URLS = {
    "v11": "https://api.palvelutietovaranto.suomi.fi/api/v11/",
    "v12": "https://api-gw.palvelutietovaranto.suomi.fi/api/v12/",
}
DEFAULT_BASE_URL = DEFAULT_BASE_URLS["v11"]
#: DVV's test environment for v12 (fictional organisations only; wiped at PTV upgrades).
V12_TEST_BASE_URL = "https://api-gw.palvelutietovaranto.trn.suomi.fi/api/v12/"

#: Environment variable that overrides `base_url` (tests and operators point it at another server).
BASE_URL_ENV = "PTV_BASE_URL"


class AreaRef(StrictModel):
    """An extra PTV area to fetch, besides the municipalities."""

    type: Literal["Municipality", "Region", "BusinessSubRegion", "HospitalDistrict", "WellbeingServiceCounties"]
    """PTV area type."""
    code: str = Field(pattern=r"^[0-9]{1,6}$")
    """Area code as PTV writes it (e.g. a wellbeing services county's code)."""


class RelevanceRule(StrictModel):
    """A service belongs on the tray when it matches at least one rule. Inside a rule, every
    criterion that is given must match (AND); inside a criterion, any listed value (OR)."""

    name: str
    """Short name of the rule, shown in the report for the services it admitted."""
    service_classes: list[str] = Field(default_factory=list)
    """Service class codes (ptvserclass2), e.g. `P27` or `P5.7`; prefixes match subclasses."""
    target_groups: list[str] = Field(default_factory=list)
    """Target group codes (ptvkohderyhmat), e.g. `KR1.1`; prefixes match subgroups."""
    ontology_terms: list[str] = Field(default_factory=list)
    """Ontology term URIs or names (YSO/KOKO), e.g. `http://www.yso.fi/onto/koko/p11070` or `uimahallit`."""

    @model_validator(mode="after")
    def _not_empty(self) -> RelevanceRule:
        if not (self.service_classes or self.target_groups or self.ontology_terms):
            raise ValueError(f"relevance rule '{self.name}' has no criteria")
        return self


class ThemeMapping(StrictModel):
    """How PTV classifications become the tray's theme slugs (the union of all matches)."""

    service_classes: dict[str, list[str]] = Field(default_factory=dict)
    """Service class code (prefix) → theme slugs, e.g. `"P27" = ["liikunta"]`."""
    ontology_terms: dict[str, list[str]] = Field(default_factory=dict)
    """Ontology term URI or name → theme slugs, e.g. `"velkaneuvonta" = ["toimeentulo"]`."""
    target_groups: dict[str, list[str]] = Field(default_factory=dict)
    """Target group code (prefix) → theme slugs (rarely needed)."""


class PtvSettings(SourceSettings):
    """Settings of the PTV importer (`[ptv]` in tray.toml)."""

    base_url: BaseUrl | None = None
    """Address of the PTV API including the version path; empty means the production address of
    `api_version` (v11 `https://api.palvelutietovaranto.suomi.fi/api/v11/`, v12
    `https://api-gw.palvelutietovaranto.suomi.fi/api/v12/`). The PTV_BASE_URL environment
    variable overrides it (e.g. `http://127.0.0.1:8765/api/v12/`)."""
    api_version: Literal["v11", "v12"] = "v12"
    """API adapter to use: `v12` (the search API, needs a key; the default) or `v11` (anonymous,
    switched off by DVV around April 2027). Both write the same records."""
    api_key_env: str = "PTV_API_KEY"
    """Name of the environment variable that holds the v12 API key (sent as `x-api-key`; never
    written to files, logs or reports). v11 sends no key."""
    page_size: int = Field(default=100, ge=1, le=100)
    """Items per page of a v12 search (`pageSize`; v12 allows at most 100)."""
    since_overlap_hours: float = Field(default=2.0, ge=0, le=48)
    """v12 incremental runs ask for changes this many hours before `--since` (`publishedAtOrAfter`,
    `archivedAtOrAfter`): while data is still edited in v11 it reaches v12 1–1.5 h late."""
    municipalities: list[str] = Field(default_factory=list)
    """Municipality codes to fetch; empty means the municipalities of `[area]`."""
    extra_areas: list[AreaRef] = Field(default_factory=list)
    """Other PTV areas to fetch too, e.g. the wellbeing services county."""
    include_nationwide: bool = True
    """Also fetch nationwide services (national helplines…); they still have to match a relevance rule."""
    locations_in_area: bool = True
    """Also fetch the area's service locations, to find services offered there whose own area
    does not list the municipalities (e.g. county- or region-wide services)."""
    general_descriptions: bool = True
    """Ask for general-description texts (serviceWithGD) and use them when a service has no
    summary or description of its own."""
    service_types: list[str] = Field(default_factory=lambda: ["Service"])
    """PTV service types to import; permits (PermitOrObligation) and qualifications are skipped."""
    business_only_target_groups: list[str] = Field(default_factory=lambda: ["KR2", "KR3"])
    """A service whose target groups all fall under these (businesses, authorities) is skipped."""
    relevance: list[RelevanceRule] = Field(min_length=1)
    """Rules that decide which services belong on the tray."""
    themes: ThemeMapping = Field(default_factory=ThemeMapping)
    """Mapping of PTV classifications to theme slugs."""
    age_groups: dict[str, list[str]] = Field(default_factory=dict)
    """Target group code (prefix) → age group slugs, e.g. `"KR1.2" = ["lapset", "perheet"]`."""
    expected_languages: list[str] = Field(default_factory=lambda: ["fi", "sv"])
    """Languages every record should have a name and summary in; a missing one is a report warning."""
    source_url: str = "https://www.suomi.fi/palvelut/{slug}/{id}"
    """Public page of a service; `{id}` is the PTV id and `{slug}` the service and organisation
    name in URL form, as Suomi.fi writes its links."""
    output_dir: str = "content/records/ptv"
    """Where the records are written, relative to the repository root."""
    report_path: str = "reports/import-ptv.json"
    """Where the JSON run report is written, relative to the repository root."""
    state_path: str = "reports/import-ptv-state.json"
    """Where the time of the last successful run is kept (for `--since last`)."""
    batch_size: int = Field(default=100, ge=1, le=100)
    """Ids per `list?guids=` request (PTV allows at most 100)."""

    @model_validator(mode="before")
    @classmethod
    def _renamed_keys(cls, data: object) -> object:
        if isinstance(data, dict) and "api" in data:
            raise ValueError(f"the API version is set with api_version = \"{data['api']}\" (not api)")
        return data

    @model_validator(mode="after")
    def _url_matches_version(self) -> PtvSettings:
        other = "v11" if self.api_version == "v12" else "v12"
        if self.base_url and f"/api/{other}/" in self.base_url:
            raise ValueError(f"base_url {self.base_url} is a {other} address but api_version is "
                             f"{self.api_version}; change both together (or leave base_url out)")
        return self

    @field_validator("municipalities")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        bad = [code for code in value if not (len(code) == 3 and code.isdigit())]
        if bad:
            raise ValueError(f"{bad}: municipality codes have three digits, e.g. 092")
        return value

    @field_validator("source_url")
    @classmethod
    def _template(cls, value: str) -> str:
        if "{id}" not in value:
            raise ValueError("must contain {id}")
        return value

    def effective_base_url(self) -> str:
        """`base_url` (or the version's production address), unless the PTV_BASE_URL
        environment variable says otherwise."""
        return base_url_from_environment(self.base_url or DEFAULT_BASE_URLS[self.api_version], BASE_URL_ENV)

    def area_codes(self, config: TrayConfig) -> list[str]:
        return list(self.municipalities or config.municipality_codes)


def load_settings(config: TrayConfig) -> PtvSettings:
    """Validate `config.ptv` and cross-check theme and age-group slugs with the configuration."""
    settings = load_source_settings(PtvSettings, config, "ptv")
    themes = settings.themes
    check_slugs(config, "ptv",
                themes={f"themes.{name}.{key}": slugs
                        for name, mapping in (("service_classes", themes.service_classes),
                                              ("ontology_terms", themes.ontology_terms),
                                              ("target_groups", themes.target_groups))
                        for key, slugs in mapping.items()},
                age_groups={f"age_groups.{key}": slugs for key, slugs in settings.age_groups.items()})
    return settings
