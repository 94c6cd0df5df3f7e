"""`python -m tarjotin.nightly`: the command a scheduler calls (docs/operating.md)."""

from __future__ import annotations

import argparse
import fcntl
import os
import sys
from pathlib import Path

from ..config import ROOT
from .report import EXIT_CODES
from .run import run_nightly

EPILOG = """exit status:
  0  ok        every source imported; built, checked and deployed
  1  failed    the site was not updated (build, check, page guard or deploy failed, or another
               nightly run holds the lock); the live site and output/ are as they were
  2  usage     bad command line or configuration; nothing was done
  3  degraded  the site was updated, but a source failed (its previous records were kept and
               published) or the pull, commit or push failed

report: <report_dir>/nightly.json and nightly.txt (default reports/)"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tarjotin.nightly", epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     description="Import every configured source, commit the changed records, "
                                                 "build with the production settings, check, deploy, report.")
    parser.add_argument("--root", metavar="DIR", default=str(ROOT),
                        help="repository to run in: content/, output/ and reports/ are below it (default: this one)")
    parser.add_argument("--config", metavar="PATH",
                        help="tray.toml to use (default: $TARJOTIN_CONFIG, else <root>/tray.toml)")
    parser.add_argument("--no-deploy", action="store_true", help="import, commit, build and check, but do not deploy")
    parser.add_argument("--no-commit", action="store_true", help="no git at all: no pull, commit or push")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    config = Path(args.config or os.environ.get("TARJOTIN_CONFIG") or root / "tray.toml").resolve()
    if not root.is_dir():
        print(f"--root: {root} is not a directory", file=sys.stderr)
        return EXIT_CODES["usage"]
    with (root / ".nightly.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"{root}: another nightly run is in progress (.nightly.lock); nothing done", file=sys.stderr)
            return EXIT_CODES["failed"]
        report = run_nightly(root, config, dict(os.environ), deploy=not args.no_deploy, commit=not args.no_commit)
    print(report.summary(), file=sys.stderr if report.exit_code else sys.stdout)
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
