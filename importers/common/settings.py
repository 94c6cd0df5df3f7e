"""What every importer's section of tray.toml (`[ptv]`, `[lahella]`) has in common.

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


def validate_section(model: type[Section], config: TrayConfig, section: str) -> Section:
    """`config.<section>` validated as `model`; ConfigError with one line per mistake."""
    try:
        return model.model_validate(getattr(config, section))
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
