"""Helpers for tests that build real sites with the real Pelican command.

Two configurations: the engine tests' own (`TEST_CONFIG`, with the fixture site's content) and
the repository's (`site_config_path()`: TARJOTIN_CONFIG or tray.toml, with content/), which only
the site self-check (tests/site/) and the demo tests (tests/demo/) use.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_CONFIG = ROOT / "tests" / "fixtures" / "tray.toml"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site" / "content"
TODAY = "2026-11-23"

# tests/conftest.py points TARJOTIN_CONFIG at TEST_CONFIG for the whole session (so no engine
# test can read the repository's tray.toml by accident); the value it had before is kept here.
_REPOSITORY_CONFIG = os.environ.get("TARJOTIN_CONFIG") or ""


def site_config_path() -> Path:
    """The repository's configuration, as `./run.sh build-site` would read it."""
    return Path(_REPOSITORY_CONFIG) if _REPOSITORY_CONFIG else ROOT / "tray.toml"


def build_site(content: Path, output: Path, *, config: Path = TEST_CONFIG, today: str = TODAY,
               debug: bool = False, settings: str = "pelicanconf.py",
               extra: dict | None = None) -> subprocess.CompletedProcess:
    """Run `pelican` on a content tree with `config` as tray.toml, as an editor or CI would;
    `extra` settings are passed as `pelican -e NAME=<JSON value>`."""
    env = {**os.environ, "TARJOTIN_CONFIG": str(config), "TARJOTIN_TODAY": today,
           "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "random")}
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / settings), "-o", str(output)]
    for name, value in (extra or {}).items():
        command += ["-e", f"{name}={json.dumps(value)}"]
    if debug:
        command.append("--debug")
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def built_site(content: Path, output: Path, config: Path = TEST_CONFIG) -> Path:
    """`output`, after a real build of `content` with `config` that must succeed."""
    result = build_site(content, output, config=config)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return output


def read(output: Path, url: str) -> str:
    """The HTML written for a site-relative directory URL such as 'sv/tjanst/x/'."""
    return (output / url / "index.html").read_text(encoding="utf-8")


def relocated_config_text(config_path: Path) -> str:
    """A configuration's text for a copy elsewhere: its branding files' relative paths made absolute
    (they are relative to the configuration file, docs/configuration.md)."""
    base = config_path.resolve().parent

    def absolute(match: re.Match) -> str:
        value = match.group(2)
        return match.group(0) if value.startswith("/") else f'{match.group(1)}"{base / value}"'

    return re.sub(r'(?m)^((?:logo|favicon)\s*=\s*)"([^"]+)"', absolute, config_path.read_text(encoding="utf-8"))
