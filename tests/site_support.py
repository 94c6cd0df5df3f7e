"""Helpers for tests that build real sites with the real Pelican command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site" / "content"
TODAY = "2026-11-23"


def build_site(content: Path, output: Path, *, today: str = TODAY, debug: bool = False,
               settings: str = "pelicanconf.py") -> subprocess.CompletedProcess:
    """Run `pelican` on a content tree, as an editor or CI would. Returns the finished process."""
    env = {**os.environ, "TARJOTIN_TODAY": today, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "random")}
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / settings), "-o", str(output)]
    if debug:
        command.append("--debug")
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def read(output: Path, url: str) -> str:
    """The HTML written for a site-relative directory URL such as 'sv/tjanst/x/'."""
    return (output / url / "index.html").read_text(encoding="utf-8")
