"""What every importer's section of tray.toml (`[ptv]`, `[lahella]`, `[sources.<id>.settings]`)
has in common: `SourceSettings`, loaded with `load_source_settings`.

A section is strict (an unknown key is an error, so a typo cannot pass silently) and every
mistake is one line `<config file>: <section>.<key>: <reason>` (the file really read, which
TARJOTIN_CONFIG or --config may point elsewhere), so an operator finds what to fix.
Theme and age-group slugs a section maps to must be ones `[[themes]]` and `[[age_groups]]`
define. The API address can be overridden from the environment (tests, operators).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from tarjotin.config import ConfigError, TrayConfig

Section = TypeVar("Section", bound=BaseModel)


class StrictModel(BaseModel):
    """A table of settings: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class TransportSettings(StrictModel):
    """Limits every importer that talks HTTP shares (part of `[ptv]` and `[lahella]`)."""

    request_deadline: float = Field(default=60.0, gt=0)
    """Seconds one request may take in all: connecting, headers, body and redirects. A server
    that sends its answer a byte at a time is cut off here, and the run fails."""
    run_deadline: float = Field(default=1800.0, gt=0)
    """Seconds the whole run may take, retries and waits included; past it the run fails and
    changes nothing."""
    max_response_mb: float = Field(default=32.0, gt=0)
    """Largest answer accepted, in megabytes (10⁶ bytes) after decompression; a larger one fails
    the run."""

    @property
    def max_response_bytes(self) -> int:
        return max(1, int(self.max_response_mb * 1_000_000))


class SourceSettings(TransportSettings):
    """The settings every importer has (its own settings subclass this). `output_dir` and
    `report_path` default to `content/records/<records folder>` and `reports/import-<id>.json`
    of its registry entry (tarjotin/sources.py) when `load_source_settings` reads them."""

    output_dir: str = ""
    """Where the records are written, relative to the repository root."""
    report_path: str = ""
    """Where the JSON run report is written, relative to the repository root."""
    max_removal_share: float = Field(default=0.2, ge=0.0, le=1.0)
    """Removal guard: a run that would remove a larger share of the existing records changes
    nothing and fails, unless run with --force."""
    timeout: float = Field(default=60.0, gt=0)
    """Seconds to wait for an answer before retrying."""
    retries: int = Field(default=5, ge=1, le=20)
    """Attempts per request, the first included."""
    backoff: float = Field(default=2.0, ge=0)
    """Seconds before the first retry; doubles for each further one (at most 120 s)."""


def load_source_settings(model: type[Section], config: TrayConfig, source: str) -> Section:
    """The importer settings of a registered `source` validated as `model` (a SourceSettings),
    with the registry's defaults for `output_dir` and `report_path`; ConfigError naming the
    setting when something is wrong."""
    registry = config.source_registry
    spec = registry.get(source)
    if spec is None:
        raise ConfigError(f"{config.path}: sources: '{source}' is not a registered source; "
                          f"registered: {registry.ids} (declare it in [sources.{source}])")
    section = spec.settings_section or f"sources.{source}.settings"
    data = dict(config.source_settings(source))
    if "output_dir" in model.model_fields and not model.model_fields["output_dir"].default:
        data.setdefault("output_dir", f"content/records/{spec.records}")
    if "report_path" in model.model_fields and not model.model_fields["report_path"].default:
        data.setdefault("report_path", f"reports/import-{source}.json")
    return validate_section(model, config, section, data)


def _with_slash(value: str) -> str:
    return value if value.endswith("/") else value + "/"


def _base_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError("must start with https:// (or http:// for a local server)")
    return _with_slash(value)


#: An API address; ends with "/" so that relative paths join below it.
BaseUrl = Annotated[str, AfterValidator(_base_url)]


def base_url_from_environment(configured: str, variable: str) -> str:
    """`configured`, unless the environment `variable` names another address."""
    value = os.environ.get(variable, "").strip()
    return _with_slash(value) if value else configured


def validate_section(model: type[Section], config: TrayConfig, section: str,
                     data: Mapping[str, object] | None = None) -> Section:
    """`config.<section>` (or `data`, named `section` in errors) validated as `model`; ConfigError
    with one line per mistake."""
    try:
        return model.model_validate(getattr(config, section) if data is None else data)
    except ValidationError as exc:
        lines = [
            f"{config.path}: {section}.{'.'.join(str(p) for p in err['loc'])}: {err['msg'].removeprefix('Value error, ')}"
            for err in exc.errors()
        ]
        raise ConfigError("\n".join(lines)) from None


def check_slugs(config: TrayConfig, section: str, *, themes: Mapping[str, list[str]],
                age_groups: Mapping[str, list[str]]) -> None:
    """ConfigError naming every theme and age-group slug the configuration does not define.

    `themes` and `age_groups` map a setting's key below the section (`themes.codes.ht_urheilu`)
    to the slugs it gives."""
    problems = [
        f"{config.path}: {section}.{key}: unknown theme '{slug}'; choose from {config.theme_slugs}"
        for key, slugs in themes.items() for slug in slugs if slug not in config.theme_slugs
    ]
    problems += [
        f"{config.path}: {section}.{key}: unknown age group '{slug}'; choose from {config.age_group_slugs}"
        for key, slugs in age_groups.items() for slug in slugs if slug not in config.age_group_slugs
    ]
    if problems:
        raise ConfigError("\n".join(problems))
