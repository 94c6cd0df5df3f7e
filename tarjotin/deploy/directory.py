"""Directory target: one release directory per deploy behind a `current` symlink (nginx serves it).

    <path>/releases/20261203T040512Z-3f2a9c01/   one complete build each, never changed once written
    <path>/current -> releases/20261203T040512Z-3f2a9c01

A deploy copies the build into `releases/<id>.partial/`, renames it to `releases/<id>/` and then
replaces `current` with a new symlink in one `rename(2)`: a visitor sees the old release or the new
one, never a mixture, and a deploy that dies half-way leaves only a `.partial` directory that the
next deploy removes. Files equal to the live release's are hard links to them, so a release costs
only the bytes that changed. The release id is the UTC time of the deploy and the start of the
build's digest, so releases sort by age. Rollback points `current` at the release before it.
The last `keep` releases stay, and never fewer than the live one and the one before it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import Field

from . import TARGETS, DeployError, DeployResult, SettingsModel, validate_settings
from .files import build_files, tree_digest


class DirectorySettings(SettingsModel):
    """`[deploy.directory]`."""

    path: str
    """Directory that holds `releases/` and the `current` symlink; relative to the configuration
    file's directory, or absolute. nginx's `root` is `<path>/current`."""
    keep: int = Field(default=5, ge=2)
    """How many releases to keep (at least 2: the live one and the one rollback returns to)."""


def _now() -> datetime:
    return datetime.now(UTC)


class DirectoryTarget:
    """Releases under one directory, switched with a symlink swap."""

    name = "directory"

    def __init__(self, settings: DirectorySettings, config_dir: Path, *, clock: Callable[[], datetime] = _now):
        path = Path(settings.path)
        self.root = path if path.is_absolute() else config_dir / path
        self.keep = settings.keep
        self.clock = clock

    @property
    def releases_dir(self) -> Path:
        return self.root / "releases"

    @property
    def current_link(self) -> Path:
        return self.root / "current"

    def releases(self) -> list[str]:
        """Finished releases, oldest first."""
        if not self.releases_dir.is_dir():
            return []
        return sorted(p.name for p in self.releases_dir.iterdir()
                      if p.is_dir() and not p.is_symlink() and not p.name.endswith(".partial"))

    def current(self) -> str | None:
        """Id of the live release, None before the first deploy."""
        if not self.current_link.is_symlink():
            return None
        return Path(os.readlink(self.current_link)).name

    # --- the interface ---

    def deploy(self, build: Path, *, dry_run: bool = False) -> DeployResult:
        files = build_files(build)
        if not files:
            raise DeployError(f"directory: {build}: the build is empty; nothing deployed")
        digest = tree_digest(build)
        live = self.current()
        live_dir = self.releases_dir / live if live else None
        live_files = set(build_files(live_dir)) if live_dir and live_dir.is_dir() else set()
        changed = [rel for rel in files if not (live_dir and _same_file(build / rel, live_dir / rel))]
        deleted = sorted(live_files - set(files))
        if live_dir and not changed and not deleted:
            return DeployResult(self.name, live, dry_run=dry_run, unchanged=len(files))
        release = self._new_id(digest)
        result = DeployResult(self.name, release, dry_run=dry_run, uploaded=changed, deleted=deleted,
                              unchanged=len(files) - len(changed))
        if dry_run:
            return result
        self.releases_dir.mkdir(parents=True, exist_ok=True)
        for stale in self.releases_dir.glob("*.partial"):
            shutil.rmtree(stale)
        partial = self.releases_dir / f"{release}.partial"
        try:
            for rel in files:
                target = partial / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if live_dir and rel not in changed:
                    try:
                        os.link(live_dir / rel, target)
                        continue
                    except OSError:
                        pass  # another file system, or links not allowed: copy instead
                shutil.copyfile(build / rel, target)
            partial.rename(self.releases_dir / release)
        except OSError as exc:
            shutil.rmtree(partial, ignore_errors=True)
            raise DeployError(f"directory: {self.releases_dir}: cannot write the release: {exc}") from None
        self._switch(release)
        self._prune()
        return result

    def rollback(self) -> DeployResult:
        live = self.current()
        releases = self.releases()
        if live is None or live not in releases:
            raise DeployError(f"directory: {self.current_link}: nothing is live, nothing to roll back")
        index = releases.index(live)
        if index == 0:
            raise DeployError(f"directory: {self.releases_dir}: {live} is the oldest release kept; "
                              "there is no previous release to roll back to")
        previous = releases[index - 1]
        self._switch(previous)
        return DeployResult(self.name, previous, uploaded=[], deleted=[],
                            unchanged=len(build_files(self.releases_dir / previous)))

    def live_page_count(self) -> int | None:
        live = self.current()
        if live is None:
            return None
        return sum(1 for _ in (self.releases_dir / live).rglob("index.html"))

    # --- helpers ---

    def _new_id(self, digest: str) -> str:
        moment = self.clock().astimezone(UTC)
        existing = set(self.releases())
        # ids sort by age (rollback takes the one before the live one): a second deploy within the
        # same second takes the next second rather than sorting by its digest before the first
        newest = max(existing, default="")
        try:
            newest_moment = datetime.strptime(newest[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        except ValueError:
            newest_moment = None
        if newest_moment is not None and moment.replace(microsecond=0) <= newest_moment:
            moment = newest_moment + timedelta(seconds=1)
        stamp = moment.strftime("%Y%m%dT%H%M%SZ")
        release = f"{stamp}-{digest[:8]}"
        n = 1
        while release in existing:  # the same build deployed twice within a second
            n += 1
            release = f"{stamp}-{digest[:8]}-{n}"
        return release

    def _switch(self, release: str) -> None:
        """Point `current` at `release` atomically: a new symlink renamed over the old one."""
        temporary = self.root / f".current.{os.getpid()}.tmp"
        temporary.unlink(missing_ok=True)
        os.symlink(Path("releases") / release, temporary)
        os.replace(temporary, self.current_link)

    def _prune(self) -> None:
        releases = self.releases()
        live = self.current()
        protected = {live}
        if live in releases and releases.index(live) > 0:
            protected.add(releases[releases.index(live) - 1])
        for old in releases[:-self.keep]:
            if old not in protected:
                shutil.rmtree(self.releases_dir / old)


def _same_file(a: Path, b: Path) -> bool:
    if not b.is_file() or a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            chunk = fa.read(1 << 16)
            if chunk != fb.read(1 << 16):
                return False
            if not chunk:
                return True


def _factory(settings: Mapping, config_dir: Path, env: Mapping[str, str]) -> DirectoryTarget:
    return DirectoryTarget(validate_settings(DirectorySettings, settings, "directory"), config_dir)


TARGETS["directory"] = _factory
