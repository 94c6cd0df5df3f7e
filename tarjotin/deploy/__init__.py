"""Deploy targets: publish a finished build, list what would change, roll back.

One small interface, chosen by `[deploy] target` in the configuration; secrets come only from the
environment. A target receives a complete, self-checked build directory and makes it live so that
no visitor ever sees a page pointing at a file that is not there yet:

* `directory` (`tarjotin/deploy/directory.py`): a new release directory per deploy, switched
  atomically with a symlink swap; the last N kept; rollback switches back.
* `s3` (`tarjotin/deploy/s3.py`): S3-compatible object storage behind a CDN; uploads only what
  changed, content-hashed files first and HTML last; old files removed after a grace period.

Targets register themselves in `TARGETS` (name → factory), like Pelican's readers: adding a target
is one module and one entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from ..config import TrayConfig


class DeployError(Exception):
    """The deploy could not be done; the message says which target, which file and why."""


@dataclass
class DeployResult:
    """What a deploy (or a dry run, or a rollback) did, for the run report."""

    target: str
    """Target name (`directory`, `s3`)."""
    release: str
    """Identifier of the release that is live afterwards (or would be, in a dry run)."""
    dry_run: bool = False
    uploaded: list[str] = field(default_factory=list)
    """Site paths written (or that would be written)."""
    deleted: list[str] = field(default_factory=list)
    """Site paths removed (or that would be removed)."""
    unchanged: int = 0
    """Files that were already live with the same bytes."""

    def summary(self) -> str:
        verb = "would upload" if self.dry_run else "uploaded"
        return (f"{self.target}: release {self.release}: {verb} {len(self.uploaded)}, "
                f"{'would delete' if self.dry_run else 'deleted'} {len(self.deleted)}, unchanged {self.unchanged}")


class DeployTarget(Protocol):
    """What every target does."""

    name: str

    def deploy(self, build: Path, *, dry_run: bool = False) -> DeployResult:
        """Make the complete build in `build` live (or only list what would change)."""

    def rollback(self) -> DeployResult:
        """Make the previous release live again; DeployError when there is none."""

    def live_page_count(self) -> int | None:
        """Number of HTML pages of the live release, None when nothing is live yet (guards)."""


class SettingsModel(BaseModel):
    """A target's `[deploy.<name>]` table: unknown keys are errors (a typo cannot pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Settings = TypeVar("Settings", bound=SettingsModel)


def validate_settings(model: type[Settings], settings: Mapping, name: str) -> Settings:
    """`[deploy.<name>]` validated as `model`; DeployError with one `deploy.<name>.<key>: reason` line per mistake."""
    try:
        return model.model_validate(dict(settings))
    except ValidationError as exc:
        raise DeployError("\n".join(
            f"deploy.{name}.{'.'.join(str(p) for p in err['loc']) or '(table)'}: {err['msg']}" for err in exc.errors()
        )) from None


#: name → factory(settings dict of `[deploy.<name>]`, config file's directory, environment).
TARGETS: dict[str, Callable[[Mapping, Path, Mapping[str, str]], DeployTarget]] = {}


def target_from_config(config: TrayConfig, config_dir: Path, env: Mapping[str, str]) -> DeployTarget | None:
    """The configured target, or None when `[deploy] target` is absent or `none`."""
    name = config.deploy.get("target", "none")
    if name == "none":
        return None
    factory = TARGETS.get(name)
    if factory is None:
        raise DeployError(f"deploy.target: '{name}' is not a deploy target; use one of {sorted(TARGETS) + ['none']}")
    return factory(config.deploy.get(name, {}), config_dir, env)


# The built-in targets register themselves (boto3 is imported only when an s3 target is made).
from . import directory, s3  # noqa: E402,F401
