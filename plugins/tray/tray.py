"""Plugin entry point: registers the tray generator and copies browser libraries into output/."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from pelican import signals

from .generator import TrayGenerator

logger = logging.getLogger(__name__)


def get_generators(pelican):
    return TrayGenerator


def copy_vendor_files(pelican):
    """Copy npm-installed files named in TRAY_VENDOR_FILES into output/vendor/ (never committed)."""
    root = Path(pelican.settings["PATH"]).resolve().parent
    output = Path(pelican.settings["OUTPUT_PATH"]) / "vendor"
    for source, name in sorted(pelican.settings.get("TRAY_VENDOR_FILES", {}).items()):
        path = root / "node_modules" / source
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run `npm ci` (./run.sh build does it)")
        output.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, output / name)


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(copy_vendor_files)
