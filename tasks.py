"""Invoke tasks: `invoke --list` shows them. Run through ./run.sh on a fresh machine.

    invoke demo        replay the recorded API answers through the importers, then build (README)
    invoke build       build output/ from content/ (fails with a list of content errors; a failed
                       build leaves the previous output/ untouched)
    invoke check       validate content/ without building
    invoke import-ptv  import the area's services from PTV into content/records/ptv/
                       (--since 2d|last|DATE, --full, --compare, --force, --offline, --dry-run)
    invoke import-lahella  import associations' activities from Lähellä.fi into content/records/lahella/
                       (--offline, --file EXPORT.json, --force, --dry-run); run it after import-ptv
    invoke nightly     what a scheduler runs: import each source, commit and push the changed
                       records, build, check, deploy, report (docs/operating.md;
                       --no-deploy, --no-commit)
    invoke serve       build, serve output/ on http://127.0.0.1:8000/ and rebuild when content changes
    invoke messages    extract template strings and update + compile the fi/sv/en catalogs
    invoke test        run the whole test suite (engine, site self-check, demo, fork rehearsal)
    invoke deploy      self-check output/, then publish it with the [deploy] target (--dry-run lists only)
    invoke rollback    make the previous release live again (directory target; docs/deploy.md)
    invoke bench       run the benchmark scripts under bench/
    invoke update-municipalities  download Statistics Finland's municipality code list (yearly)
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PY = sys.executable
TRANSLATIONS = ROOT / "theme" / "translations"
LANGS = ("fi", "sv", "en")


@task(help={"publish": "use publishconf.py (absolute URLs of tray.toml's site.url)", "debug": "show tracebacks"})
def build(c, publish=False, debug=False):
    """Build the site into output/; a failed build leaves the previous output as it was (tarjotin/build.py)."""
    flags = (" --publish" if publish else "") + (" --debug" if debug else "")
    c.run(f"{PY} -m tarjotin.build{flags}", pty=False)


@task(help={"repair": "first settle import swaps a crash interrupted (see docs/importers.md)"})
def check(c, repair=False):
    """Validate every record, override and theme text without building."""
    c.run(f"{PY} -m tarjotin.check{' --repair' if repair else ''}", pty=False)


@task(help={"port": "port to listen on (default 8000)"})
def serve(c, port=8000):
    """Build, serve output/ on 127.0.0.1 and rebuild when content, templates or tray.toml change."""
    c.run(f"{PY} -m tarjotin.preview --port {port}", pty=False)


@task
def messages(c):
    """Extract msgids from the templates, the filters (tarjotin/filters), the quality rules (tarjotin/quality) and the presenter (tarjotin/presenter.py), update the fi/sv/en catalogs and compile them."""
    pot = TRANSLATIONS / "messages.pot"
    c.run(f"{PY} -m babel.messages.frontend extract -F theme/babel.cfg -o {pot} --sort-output --omit-header theme tarjotin/filters tarjotin/quality tarjotin/presenter.py")
    for lang in LANGS:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        action = "update" if po.exists() else "init"
        c.run(f"{PY} -m babel.messages.frontend {action} -i {pot} -d {TRANSLATIONS} -l {lang}"
              + (" --no-fuzzy-matching" if action == "update" else ""))
        # The creation date changes on every run and would make every update a diff.
        po.write_text("".join(line for line in po.read_text(encoding="utf-8").splitlines(keepends=True)
                              if not line.startswith('"POT-Creation-Date:')), encoding="utf-8")
    c.run(f"{PY} -m babel.messages.frontend compile -d {TRANSLATIONS} --statistics")


@task(help={"dry_run": "list what would be uploaded and deleted, change nothing",
            "output": "the built site to deploy (default output/)"})
def deploy(c, dry_run=False, output="output"):
    """Self-check the built site, then publish it with the configured target (docs/deploy.md)."""
    flags = " --dry-run" if dry_run else ""
    result = c.run(f"{PY} -m tarjotin.deploy{flags} {shlex.quote(output)}", pty=False, warn=True)
    if result.exited:
        sys.exit(result.exited)


@task
def rollback(c):
    """Make the previous release live again (directory target)."""
    result = c.run(f"{PY} -m tarjotin.deploy --rollback", pty=False, warn=True)
    if result.exited:
        sys.exit(result.exited)


@task(help={"k": "only tests matching this expression",
            "browser": "include browser tests and the fork rehearsal, which runs them in a copy (default yes)"})
def test(c, k="", browser=True):
    """Run the test suite: engine tests, site self-check, demo tests (browser tests need /usr/bin/chromium)."""
    args = ["-q"]
    if k:
        args += ["-k", repr(k)]
    if not browser:
        args += ["-m", "'not browser and not fork'"]
    c.run(f"{PY} -m pytest {' '.join(args)}", pty=False)


@task(help={
    "since": "incremental: only changes after this (2025-05-01, 2025-05-01T03:00:00 UTC, 36h, 2d or 'last')",
    "full": "re-fetch everything (the default; run it at least weekly)",
    "force": "allow removing more records than ptv.max_removal_share",
    "offline": "replay the recorded answers of the configured API version (demo/recordings/ptv or ptv-v12)",
    "dry_run": "fetch and report, but write no records",
    "compare": "run the v11 and the v12 adapter side by side and list every difference per record",
})
def import_ptv(c, since="", full=False, force=False, offline=False, dry_run=False, compare=False):
    """Import the area's wellbeing services from PTV into content/records/ptv/ (docs/importers.md)."""
    if sum(bool(x) for x in (since, full, compare)) > 1:
        sys.exit("use only one of --since, --full and --compare")
    args = [f"--since {since}"] if since else ["--compare"] if compare else ["--full"]
    if force:
        args.append("--force")
    if offline:
        args.append("--offline")
    if dry_run:
        args.append("--dry-run")
    result = c.run(f"{PY} -m importers.ptv {' '.join(args)}", pty=sys.stdout.isatty(), warn=True)
    if result.exited:
        sys.exit(result.exited)


@task(help={
    "force": "allow removing more records than lahella.max_removal_share",
    "offline": "replay the recorded answers in demo/recordings/lahella/ through a local server",
    "file": "read a JSON export of the admin API's answers instead of calling the API",
    "dry_run": "fetch and report, but write no records",
    "today": "date that decides which events are past (default $TARJOTIN_TODAY, else today)",
})
def import_lahella(c, force=False, offline=False, file="", dry_run=False, today=""):
    """Import Lähellä.fi activities, events and volunteering into content/records/lahella/ (docs/importers.md)."""
    if offline and file:
        sys.exit("use either --offline or --file")
    args = []
    if force:
        args.append("--force")
    if offline:
        args.append("--offline")
    if file:
        args.append(f"--file {shlex.quote(file)}")
    if dry_run:
        args.append("--dry-run")
    if today:
        args.append(f"--today {today}")
    result = c.run(f"{PY} -m importers.lahella {' '.join(args)}", pty=sys.stdout.isatty(), warn=True)
    if result.exited:
        sys.exit(result.exited)


@task(help={"no_deploy": "import, commit, build and check, but do not deploy",
            "no_commit": "no git at all: no pull, commit or push"})
def nightly(c, no_deploy=False, no_commit=False):
    """The nightly run (docs/operating.md). Exit status: 0 ok, 1 failed, 2 usage, 3 degraded."""
    flags = (" --no-deploy" if no_deploy else "") + (" --no-commit" if no_commit else "")
    result = c.run(f"{PY} -m tarjotin.nightly{flags}", pty=False, warn=True)
    if result.exited:
        sys.exit(result.exited)


@task
def demo(c):
    """Build the demo site: replay the recorded PTV and Lähellä.fi answers through the importers, then build.

    The replays go through the same code as a nightly import (a local HTTP server stands in for
    the APIs), so the site shows exactly what the importers produce. They are idempotent: the
    committed content/records/{ptv,lahella}/ do not change unless the recordings did.
    """
    import_ptv(c, offline=True)
    import_lahella(c, offline=True)
    build(c)


@task(help={"classification": "classification id, e.g. kunta_1_20270101 (default: 1 January of this year)"})
def update_municipalities(c, classification=""):
    """Download Statistics Finland's municipality list into tarjotin/data/municipalities.json."""
    result = c.run(f"{PY} -m tarjotin.municipalities {shlex.quote(classification)}", pty=False, warn=True)
    if result.exited:
        sys.exit(result.exited)


@task
def clean(c):
    """Remove output/ and caches."""
    for name in ("output", "cache", ".pytest_cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)


@task
def bench(c):
    """Run every benchmark under bench/ and print the figures."""
    for script in sorted((ROOT / "bench").glob("*.py")):
        if not script.name.startswith("_"):
            c.run(f"{PY} {script}", env={**os.environ}, pty=False)
