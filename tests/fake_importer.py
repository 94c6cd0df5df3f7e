"""A stand-in importer for the nightly tests: `python -m tests.fake_importer --root DIR …`.

$FAKE_IMPORTER does what the test needs: `crash` (changes records halfway, then dies with a
traceback), `hang` (sleeps until it is stopped), otherwise it adds one record and writes its
report as the real importers do. `load_settings` gives the paths, like an importer's settings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

OUTPUT_DIR = "content/records/fake"
REPORT_PATH = "reports/import-fake.json"


def load_settings(config):
    return SimpleNamespace(output_dir=OUTPUT_DIR, report_path=REPORT_PATH)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root")
    parser.add_argument("--config")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    records = Path(args.root) / OUTPUT_DIR
    mode = os.environ.get("FAKE_IMPORTER", "")
    started = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    if mode == "hang":
        (records / "fake-half.md").write_text("half")
        time.sleep(120)
    if mode == "crash":
        (records / "fake-half.md").write_text("half")
        for path in sorted(records.glob("fake-old*.md"))[:1]:
            path.unlink()
        raise RuntimeError("the fake importer crashed")
    (records / "fake-new.md").write_text("new")
    report = {"source": "fake", "status": "ok", "message": "", "started": started,
              "counts": {"added": 1, "updated": 0, "unchanged": 2, "removed": 0, "skipped": 4, "invalid": 0,
                         "warnings": 5},
              "added": ["fake-new"], "updated": [], "removed": []}
    (Path(args.root) / REPORT_PATH).parent.mkdir(parents=True, exist_ok=True)
    (Path(args.root) / REPORT_PATH).write_text(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
