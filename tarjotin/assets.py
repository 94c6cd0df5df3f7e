"""Content-hashed build files (theme files, search index, favourites data, browser libraries).

A file's name carries a hash of its bytes, so a CDN can cache it forever and a new build never
serves a stale copy. `.gz` siblings are written with mtime 0 so that builds stay byte-identical.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any


#: zlib level of the `.gz` twins. Level 7 of a 10,000-record site's 60 MB of search and favourites
#: files takes 1.6 s against level 9's 8.6 s, for 1.0 % more bytes (level 6: 1.1 s, 1.8 %).
PRECOMPRESS_LEVEL = 7


def hashed_name(stem: str, data: bytes, ext: str) -> str:
    """`index.3f2a9c01bd.json` for stem `index`, ext `json`."""
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}"


def dumps(value: Any) -> bytes:
    """Compact, deterministic JSON (sorted keys, UTF-8)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class HashedFiles:
    """Files to write, {output-relative path: bytes}, plus what templates need to find them."""

    def __init__(self, assets: dict | None = None):
        self.files: dict[str, bytes] = {}
        self.assets: dict = assets if assets is not None else {}

    def add(self, folder: str, stem: str, data: bytes, ext: str) -> str:
        """Keep `data` under `<folder>/<stem>.<hash>.<ext>`; return that path."""
        path = f"{folder}/{hashed_name(stem, data, ext)}"
        self.files[path] = data
        return path

    def write(self, output: Path, *, precompress: bool, uncompressed: tuple[str, ...] = ()) -> None:
        """Write every file under `output`; with `precompress`, a `.gz` beside each one except
        paths ending in one of `uncompressed`."""
        for rel, data in sorted(self.files.items()):
            path = output / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            if precompress and not rel.endswith(uncompressed):
                path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=PRECOMPRESS_LEVEL, mtime=0))


#: Files written beside a hashed file as `.gz` are those a host compresses anyway; images and
#: fonts in these formats are compressed already.
COMPRESSED_FORMATS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff", ".woff2", ".ico")

# url(...) in a stylesheet; group 2 is the address without quotes.
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+?)\1\s*\)""")


class AssetError(Exception):
    """A template or stylesheet refers to a theme file that does not exist."""


class ThemeAssets:
    """The theme's static files (`theme/static/**`) under content-hashed names.

    `url("css/tray.css")` (the templates' `asset()` helper) returns `theme/css/tray.<hash>.css`
    and marks the file for publishing; a stylesheet's `url(...)` references to other theme files
    are rewritten to their hashed names first, so the stylesheet's hash changes when an image it
    uses does. Only files something refers to are written: nothing unhashed or unused is left in
    the output. Generated files (the brand stylesheet, a logo from the configuration) are added
    with `add`.
    """

    def __init__(self, static_dir: Path, folder: str = "theme"):
        self.static_dir = static_dir.resolve()
        self.folder = folder
        self.out = HashedFiles()
        self._urls: dict[str, str] = {}

    def url(self, name: str) -> str:
        """Output path of theme file `name` (relative to `theme/static/`), hashed."""
        if name not in self._urls:
            source = (self.static_dir / name).resolve()
            if not source.is_relative_to(self.static_dir) or not source.is_file():
                raise AssetError(f"theme/static/{name}: no such file (referred to by a template or stylesheet)")
            data = source.read_bytes()
            if source.suffix == ".css":
                data = self._rewrite_css(data, source)
            self._urls[name] = self.add(str(Path(name).parent), data, Path(name).name)
        return self._urls[name]

    def names(self) -> list[str]:
        """The theme files referred to so far (what a page-rendering worker reports back)."""
        return list(self._urls)

    def add(self, folder: str, data: bytes, filename: str) -> str:
        """Publish `data` as `<folder>/<stem>.<hash>.<ext>` below this asset folder; return the path."""
        stem, dot, ext = filename.rpartition(".")
        if not dot or not stem:
            raise AssetError(f"{filename}: a theme file needs a name and an extension")
        target = "/".join(part for part in (self.folder, folder) if part not in ("", "."))
        return self.out.add(target, stem, data, ext)

    def _rewrite_css(self, data: bytes, source: Path) -> bytes:
        here = source.parent

        def replace(match: re.Match) -> str:
            address = match.group(2).strip()
            if address.startswith(("data:", "http:", "https:", "//", "/", "#")):
                return match.group(0)
            path, suffix = re.match(r"([^?#]*)(.*)", address).groups()   # keep ?query and #fragment
            target = (here / path).resolve()
            if not target.is_relative_to(self.static_dir):
                raise AssetError(f"{self._label(source)}: url({address}) is outside theme/static")
            try:
                hashed = self.url(target.relative_to(self.static_dir).as_posix())
            except AssetError:
                raise AssetError(f"{self._label(source)}: url({address}): no such file in theme/static") from None
            relative = os.path.relpath(hashed, os.path.dirname(self._output_of(source)))
            return f'url("{Path(relative).as_posix()}{suffix}")'

        return _CSS_URL.sub(replace, data.decode("utf-8")).encode("utf-8")

    def _label(self, source: Path) -> str:
        return f"theme/static/{source.relative_to(self.static_dir).as_posix()}"

    def _output_of(self, source: Path) -> str:
        """Where a theme file lands (folder only matters: hashed names keep the folder layout)."""
        return f"{self.folder}/{source.relative_to(self.static_dir).as_posix()}"

    def write(self, output: Path, *, precompress: bool) -> None:
        self.out.write(output, precompress=precompress, uncompressed=COMPRESSED_FORMATS)
