"""Reuse the previous build's page when nothing it shows has changed, instead of rendering it again.

tarjotin/build.py builds into a fresh directory beside the live output and tells the build where
that output is (TRAY_LIVE_OUTPUT). Each page is written with a fingerprint of what it is made of:

    the shared key   templates, catalogs, theme files, the engine's code, tray.toml, the plugin
                     settings, the date, and the shared data every page shows (branding, the
                     favourites script's hashed name, the open data links)
    its own data     the page's URL and the data handed to its template, as `repr` (a theme
                     page: its cards; a record page: the record itself, as JSON, since the
                     presenter makes its RecordView of the record and of what the shared key holds)

The fingerprints go to `.<output>.pages.json` beside the output, with each page file's size,
mtime and inode. A page whose fingerprint is unchanged and whose file in the live output is still
the one recorded is hard-linked (or copied) into the new build: the same bytes a render would give.
Anything else (no manifest, another shared key, a file that changed or is gone) is rendered.

Only data a page really shows may be in its fingerprint's "own data", and everything it shows must
be: the per-language favourites data files' hashes, which change with any record, are not part of
any page (base.html shows only the core script's name). A template that starts to show new shared
data adds it to the shared key (plugins/tray/generator.py, `shared_key`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 1


@dataclass
class PageJob:
    """One page to write: `write()` renders it; `data()` is what it shows (None: always render)."""

    lang: str
    write: Callable[[], None]
    save_as: str = ""
    data: Callable[[], Any] | None = None
    weight: float = 1.0
    """Its cost in pages, for sharing the jobs out between the workers (tarjotin/parallel.py)."""


def manifest_path(live_output: Path) -> Path:
    return live_output.with_name(f".{live_output.name}.pages.json")


def fingerprint(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


def files_digest(folders: Iterable[Path], suffixes: tuple[str, ...] = ()) -> str:
    """A hash of every file's path and bytes below `folders` (only `suffixes`, when given)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and (not suffixes or path.suffix in suffixes):
                digest.update(f"{path.relative_to(folder.parent)}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class PageReuse:
    """The previous build's fingerprints (read) and this build's (collected, then saved)."""

    def __init__(self, live_output: Path, new_output: Path, shared_key: str):
        self.live, self.new, self.shared_key = live_output, new_output, shared_key
        self.previous: dict[str, list] = {}
        try:
            saved = json.loads(manifest_path(live_output).read_text(encoding="utf-8"))
            if saved.get("format") == FORMAT and saved.get("shared") == shared_key:
                self.previous = saved["pages"]
        except (OSError, ValueError, KeyError, AttributeError):
            pass  # no usable manifest: every page is rendered
        self.pages: dict[str, list] = {}
        self.reused = 0

    def key(self, job: PageJob) -> str:
        return fingerprint(self.shared_key, job.save_as, job.data())

    def reuse(self, save_as: str, key: str) -> list[str] | None:
        """Put the previous build's page into the new build when it is still valid; returns the
        theme files it refers to, or None when it has to be rendered."""
        before = self.previous.get(save_as)
        if not before or before[0] != key:
            return None
        source = self.live / save_as
        try:
            stat = source.stat()
        except OSError:
            return None
        if [stat.st_size, stat.st_mtime_ns, stat.st_ino] != before[1:4]:
            return None  # not the file this fingerprint was recorded for
        target = self.new / save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
        self.record(save_as, key, before[4])
        self.reused += 1
        return before[4]

    def record(self, save_as: str, key: str, assets: Iterable[str]) -> None:
        stat = (self.new / save_as).stat()
        self.pages[save_as] = [key, stat.st_size, stat.st_mtime_ns, stat.st_ino, sorted(set(assets))]

    def save(self) -> None:
        path = manifest_path(self.live)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"format": FORMAT, "shared": self.shared_key, "pages": self.pages}, sort_keys=True),
                       encoding="utf-8")
        tmp.replace(path)
