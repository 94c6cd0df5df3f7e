"""What every target needs to know about the files of a build: which are immutable, their media
types and cache headers, and the order that keeps a half-finished deploy consistent.

The rule for immutable files is one regular expression, `HASHED`, shared by the S3 target and the
shipped nginx configuration (`deploy/nginx/tarjotin.conf`; the nginx test checks they agree): a
file is content-hashed when its name (the last path segment) carries a dot, at least 8 lowercase
hex digits and another dot, as `tarjotin.assets.hashed_name` writes them (`index.f0dd2b68c0.json`).
Such a file never changes its bytes under the same name, so CDNs and browsers may keep it for a
year; everything else (HTML, favicon, robots.txt, unhashed theme files) is short-lived.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections.abc import Iterable
from pathlib import Path

#: A content-hashed file name: `<stem>.<8+ hex>.<ext>` (and its `.gz` twin).
HASHED = re.compile(r"\.[0-9a-f]{8,}\.[^/]+$")

CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
"""Cache-Control of content-hashed files."""
CACHE_SHORT = "public, max-age=300"
"""Cache-Control of everything else (HTML above all): a new build is live within five minutes."""

#: Media types the site uses, fixed here rather than taken from the machine's mime.types so that
#: every deploy sends the same headers; text types say their charset.
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".ttf": "font/ttf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".gz": "application/gzip",
}


def is_hashed(site_path: str) -> bool:
    """Is this build file content-hashed (cacheable forever)?"""
    return HASHED.search(site_path) is not None


def cache_control(site_path: str, *, immutable: str = CACHE_IMMUTABLE, short: str = CACHE_SHORT) -> str:
    return immutable if is_hashed(site_path) else short


def content_type(site_path: str) -> str:
    """Media type of a build file by its extension (a `.gz` twin uploaded in its original's place
    takes the original's type: ask for the original's name)."""
    suffix = Path(site_path).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(site_path)[0] or "application/octet-stream"


def upload_rank(site_path: str) -> int:
    """Deploy order: hashed files first (nothing live points at them yet), then other assets,
    HTML last, so that no page that is already live ever names a file that is not there yet."""
    if is_hashed(site_path):
        return 0
    return 2 if site_path.endswith(".html") else 1


def in_upload_order(site_paths: Iterable[str]) -> list[str]:
    return sorted(site_paths, key=lambda path: (upload_rank(path), path))


def build_files(build: Path) -> list[str]:
    """Every regular file of a build as a site path (`search/fi/index.f0dd2b68c0.json`), sorted."""
    return sorted(path.relative_to(build).as_posix() for path in build.rglob("*") if path.is_file())


def tree_digest(root: Path) -> str:
    """SHA-256 over every file's path and bytes: equal digests, byte-identical trees."""
    digest = hashlib.sha256()
    for rel in build_files(root):
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((root / rel).read_bytes()).digest())
    return digest.hexdigest()
