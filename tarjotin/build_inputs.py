"""Skip a build whose inputs are the ones the live output was built from.

Everything a build reads is hashed before Pelican starts:

    the content      every file below the content directory (records, texts, overrides, card)
    the engine       every file of the repository outside hidden folders, output folders,
                     reports, tests, docs and bench (tray.toml, settings, theme, templates, catalogs, plugins, tarjotin,
                     package-lock.json for the npm libraries, requirements*.txt for Python's)
    the config       TARJOTIN_CONFIG's file, when it lies outside the repository
    the imports      each importer's last run report (`report_path`), which the quality report
                     shows, wherever it is configured
    the run          the settings file, --publish/--debug, the output path, the Python version,
                     the environment's TARJOTIN_* and TRAY_* variables and today's date (it
                     decides which events are past, and the quality report's "not modified in
                     12 months")

tarjotin/build.py writes the digest beside the output (`.<output>.inputs.json`) after a build
replaced it, with the output folder's inode and page count. A later build with the same digest
and that same, complete output changes nothing, so it is not run: the site is byte for byte what
a new build would write, and it takes a second rather than a full build (bench/build.py,
"rebuild, nothing changed"). Anything else (another digest, no record, an output replaced or
emptied by another tool) builds as usual; `--force` always builds. Hashing reads the files, not
their modification times, so a `git checkout` that restores the same bytes still skips. (A build
that is run would write the same bytes too, the quality report's "changes since the previous
report" included: they stay those of the last build that changed something.)
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from datetime import date, datetime, timezone
from pathlib import Path

from .config import DEFAULT_CONFIG_PATH, ConfigError, load_config
from .quality.inputs import report_path

FORMAT = 1

#: Top-level folders of the repository that are not build inputs (besides hidden ones, every
#: `__pycache__` and the output): the npm libraries count through package-lock.json; Pelican
#: reads nothing of the tests, the docs or the benchmarks, and bench/search.py keeps ~1 GB of
#: built areas in bench/work, which hashing cost every build 5 s.
NOT_INPUTS = {"node_modules", "output", "reports", "tests", "docs", "bench"}


def record_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.inputs.json")


def _hash_tree(digest, folder: Path, skip: set[Path], top_level: set[str] = frozenset()) -> None:
    """Every file's relative path and bytes below `folder`, in a fixed order, but in `skip`, in
    `folder`'s folders named in `top_level`, and hidden ones."""
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and d != "__pycache__" and (here / d) not in skip
                             and not (here == folder and d in top_level))
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(".pyc"):
                continue
            path = here / name
            digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError as exc:  # unreadable: Pelican will say so; never skip on it
                digest.update(f"unreadable {exc}".encode())
            digest.update(b"\0")


def inputs_digest(*, root: Path, content: Path, settings: Path, output: Path, env: Mapping[str, str],
                  flags: tuple[str, ...] = ()) -> str:
    """The hash of everything a build of `content` into `output` reads (see the module's text)."""
    digest = hashlib.sha256(f"tarjotin-build-inputs {FORMAT}\0".encode())
    skip = {output.resolve()}
    digest.update(b"content\0")
    _hash_tree(digest, content, skip)
    digest.update(b"engine\0")
    _hash_tree(digest, root, skip | {content}, NOT_INPUTS)
    config = env.get("TARJOTIN_CONFIG")
    if config and Path(config).is_file():
        digest.update(b"config\0" + Path(config).read_bytes())
    digest.update(b"imports\0" + _import_reports(Path(config) if config else None))
    if settings.is_file():
        digest.update(b"settings\0" + settings.read_bytes())
    run = {
        "settings": str(settings), "output": str(output), "flags": list(flags), "python": sys.version,
        "env": sorted((k, v) for k, v in env.items() if k.startswith(("TARJOTIN_", "TRAY_"))),
        "today": date.today().isoformat(), "utc_today": datetime.now(timezone.utc).date().isoformat(),
    }
    digest.update(json.dumps(run, sort_keys=True).encode())
    return digest.hexdigest()


def _import_reports(config_path: Path | None) -> bytes:
    """The importers' run reports the quality report reads; a configuration that cannot be read
    gives a value no build has recorded (Pelican will report the error)."""
    try:
        config = load_config(config_path or DEFAULT_CONFIG_PATH)
    except ConfigError as exc:
        return f"unreadable configuration {exc} {os.urandom(8).hex()}".encode()
    parts = []
    for spec in config.source_registry.with_importer():
        path = report_path(config, spec.id)
        try:
            parts.append(str(path).encode() + b"\0" + path.read_bytes())
        except OSError:
            parts.append(str(path).encode() + b"\0missing")
    return b"\0\0".join(parts)


def _output_identity(output: Path, pages: int) -> dict:
    info = output.stat()
    return {"inode": info.st_ino, "device": info.st_dev, "pages": pages}


def unchanged(output: Path, digest: str, count_pages) -> int | None:
    """The live output's page count when it was built from inputs with this digest and is still
    the folder that build left; None when it must be built."""
    try:
        recorded = json.loads(record_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(recorded, dict) or recorded.get("format") != FORMAT or recorded.get("digest") != digest:
        return None
    if not output.is_dir() or output.is_symlink():
        return None
    pages = recorded.get("pages")
    if not isinstance(pages, int) or _output_identity(output, pages) != recorded.get("output"):
        return None
    return pages if count_pages(output) == pages else None


def forget(output: Path) -> None:
    """Drop the record before the output is replaced, so that a crash never leaves a record that
    describes another output."""
    try:
        record_path(output).unlink()
    except FileNotFoundError:
        pass


def remember(output: Path, digest: str, pages: int) -> None:
    path = record_path(output)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"format": FORMAT, "digest": digest, "output": _output_identity(output, pages),
                               "pages": pages}), encoding="utf-8")
    os.replace(tmp, path)
