"""Content-hashed build files (search index, favourites data, browser libraries).

A file's name carries a hash of its bytes, so a CDN can cache it forever and a new build never
serves a stale copy. `.gz` siblings are written with mtime 0 so that builds stay byte-identical.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any


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
                path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
