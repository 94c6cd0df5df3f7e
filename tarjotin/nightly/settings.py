"""The `[nightly]` section of tray.toml: which importers run, git, guards, notification.

Strict like every section (an unknown key is an error) and reported as
`tray.toml: nightly.<key>: <reason>`. Every field is documented in docs/configuration.md and
docs/operating.md.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from ..config import ConfigError, TrayConfig
from .sources import SOURCES, importable

#: Environment variable of the webhook URL when the configuration cannot be read.
DEFAULT_WEBHOOK_ENV = "TARJOTIN_WEBHOOK_URL"


#: Day names of `full_import_day`, Monday first as in `date.weekday()` (not the locale's names).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class NightlySettings(BaseModel):
    """`[nightly]`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: list[str] = Field(default_factory=lambda: ["ptv", "lahella"])
    """Importers to run, in this order. Lähellä.fi goes after PTV: it matches its duplicates
    against PTV's records."""
    full_import_day: Literal["every", *WEEKDAYS] = "sunday"
    """Day of the week (in the site's time zone) on which sources that can import incrementally
    (PTV) make a full run, as DVV recommends; on other nights they fetch only what changed since
    their last successful run. `every`: a full run every night. A source with no recorded
    successful run always runs in full."""
    import_timeout: float = Field(default=3600.0, gt=0)
    """Seconds one importer may run; one that takes longer is stopped and counts as failed."""
    commit: bool = True
    """Commit the changed records of the imported sources to git (no commit when nothing changed)."""
    remote: str = ""
    """Git remote to pull from before the import and push to after the commit (e.g. `origin`);
    empty = neither pull nor push."""
    branch: str = ""
    """Branch to pull and push; empty = the checked-out branch."""
    pull: bool = True
    """With `remote` set: fast-forward to the remote branch before importing, so that editors'
    merged changes are built and the push is not rejected."""
    author_name: str = "Tarjotin nightly"
    """Author and committer name of the nightly commits."""
    author_email: str = "tarjotin-nightly@localhost"
    """Author and committer e-mail address of the nightly commits."""
    min_page_share: float = Field(default=0.8, ge=0.0, le=1.0)
    """Guard: refuse to deploy (the run fails) a build with fewer pages (`index.html` files) than
    this share of the live site's (without a deploy target: of the previous output/); 0 turns
    the guard off."""
    webhook_env: str = DEFAULT_WEBHOOK_ENV
    """Name of the environment variable that holds the webhook URL (a secret); unset or empty =
    no notification."""
    webhook_timeout: float = Field(default=10.0, gt=0)
    """Seconds to wait for the webhook to answer."""
    notify_ok: bool = False
    """Also notify after a run that went well (by default only failed and degraded runs)."""
    report_dir: str = "reports"
    """Directory of the run report (`nightly.json`, `nightly.txt`), relative to the repository root."""

    @field_validator("sources")
    @classmethod
    def _known_sources(cls, value: list[str], info: ValidationInfo) -> list[str]:
        config = (info.context or {}).get("config")
        known = list(dict.fromkeys([*SOURCES, *(importable(config) if config is not None else [])]))
        unknown = [name for name in value if name not in known]
        if unknown:
            raise ValueError(f"{unknown} not a source; choose from {sorted(known)}")
        if len(set(value)) != len(value):
            raise ValueError("a source is listed twice")
        return value


def load_settings(config: TrayConfig) -> NightlySettings:
    """`config.nightly` validated; ConfigError with one line per mistake."""
    try:
        return NightlySettings.model_validate(config.nightly, context={"config": config})
    except ValidationError as exc:
        raise ConfigError("\n".join(
            f"{config.path}: nightly.{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )) from None


def is_full_import_night(settings: NightlySettings, day: date) -> bool:
    """Do the sources run in full tonight (`full_import_day`)?"""
    return settings.full_import_day in ("every", WEEKDAYS[day.weekday()])
