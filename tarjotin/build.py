"""Build the site so that a failed or partial build never replaces the previous one.

    python -m tarjotin.build [--publish] [--debug] [--force] [--content DIR] [--output DIR] [--settings FILE]

Pelican writes into a fresh directory beside the output (`.output.build-XXXX`, same file system),
so its DELETE_OUTPUT_DIRECTORY only ever empties that directory. Only when Pelican succeeds (and
the optional `verify` finds nothing wrong) does the new directory take the place of the output:

    output → .output.previous,  .output.build-XXXX → output,  remove .output.previous

Whatever stops a build earlier (a content error, a crash, SIGKILL, a full disk) leaves the output
exactly as it was; the next build removes the leftovers. Pages that cannot have changed are
hard-linked from the live output into the new directory (fingerprints in `.output.pages.json`,
tarjotin/page_reuse.py), so a rebuild renders only what changed; when nothing it reads has changed
(tarjotin/build_inputs.py), no build is run at all and the output is kept (`--force` builds anyway). A crash between the two renames leaves no
output but a complete `.output.previous`, which the next build (or `recover`) puts back first.
A lock file keeps two builds of the same output from interleaving.

`invoke build`, `./run.sh build-site`, the demo and the nightly run all build through here.
Exit status: 0 built and replaced, 1 the build or its check failed (output untouched), 2 usage.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import build_inputs
from .config import ROOT

#: Pelican settings for a local build and for production (absolute URLs).
LOCAL_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"


@dataclass
class BuildResult:
    """What one build did."""

    ok: bool
    """True when the new build replaced the output."""
    output: Path
    returncode: int = 0
    """Pelican's exit status (0 also when `verify` refused the build)."""
    problems: list[str] = field(default_factory=list)
    """What `verify` found; a non-empty list means the output was not replaced."""
    log: str = ""
    """Pelican's output when it was captured."""
    pages: int = 0
    """Pages (`index.html` files) of the new build."""
    skipped: bool = False
    """True when the inputs were those of the live output, which was kept as it is (build_inputs.py)."""


def _siblings(output: Path) -> tuple[Path, Path, str]:
    return (output.with_name(f".{output.name}.previous"), output.with_name(f".{output.name}.lock"),
            f".{output.name}.build-")


@contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(output: Path) -> None:
    """Undo what an interrupted build left behind (call with the lock held, or via `build`).

    No output but a `.previous`: the crash came between the renames, so the previous output goes
    back. Both present: the crash came after the swap, so `.previous` is only waste. Temporary
    build directories are always waste: the build that made them did not finish."""
    previous, _, prefix = _siblings(output)
    if previous.exists():
        if output.exists() or output.is_symlink():
            shutil.rmtree(previous)
        else:
            os.rename(previous, output)
    if output.parent.is_dir():
        for stale in output.parent.glob(prefix + "*"):
            shutil.rmtree(stale, ignore_errors=True)


def _swap(new: Path, output: Path) -> None:
    previous, _, _ = _siblings(output)
    if output.exists() or output.is_symlink():
        os.rename(output, previous)
    os.rename(new, output)
    if previous.is_symlink() or previous.is_file():
        previous.unlink()
    elif previous.exists():
        shutil.rmtree(previous)


def count_pages(directory: Path) -> int:
    """Pages below `directory`: its `index.html` files, as the deploy targets count the live site's
    (`live_page_count`), so the nightly page guard compares like with like. (os.walk: a third
    faster than Path.rglob over 30,000 page folders.)"""
    return sum("index.html" in files for _, _, files in os.walk(directory))


def build(*, content: Path | None = None, output: Path | None = None, publish: bool = False, debug: bool = False,
          settings: Path | None = None, verify: Callable[[Path], list[str]] | None = None,
          env: Mapping[str, str] | None = None, capture: bool = False, force: bool = False) -> BuildResult:
    """Run Pelican into a fresh directory; replace `output` only when it and `verify` succeed.

    `verify(new_build)` returns problems (strings); any problem keeps the previous output. With
    `capture`, Pelican's output goes into the result's `log` instead of the terminal. When the
    inputs are those the live output was built from, nothing is run (`skipped`; tarjotin/build_inputs.py)
    but `verify` of the live output, unless `force`."""
    content = Path(content or ROOT / "content").resolve()
    output = Path(output or ROOT / "output").absolute()
    settings = Path(settings or (PUBLISH_SETTINGS if publish else LOCAL_SETTINGS)).resolve()
    _, lock, prefix = _siblings(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    run_env = dict(env if env is not None else os.environ)
    with _locked(lock):
        recover(output)
        digest = build_inputs.inputs_digest(root=ROOT, content=content, settings=settings, output=output, env=run_env,
                                            flags=("publish",) * publish + ("debug",) * debug)
        kept = None if force else build_inputs.unchanged(output, digest, count_pages)
        if kept is not None:
            problems = list(verify(output)) if verify else []
            message = f"Tarjotin: nothing changed since {output} was built ({kept} pages): kept as it is\n"
            if not capture:
                print(message, end="", file=sys.stderr)
            return BuildResult(ok=not problems, output=output, pages=kept, problems=problems, skipped=True,
                               log=message if capture else "")
        new = Path(tempfile.mkdtemp(prefix=prefix, dir=output.parent))
        try:
            # The live output's unchanged pages are reused rather than rendered (tarjotin/page_reuse.py).
            extra = [f"TRAY_LIVE_OUTPUT={json.dumps(str(output))}"]
            if output.is_dir():
                # The quality report says what changed since the build that is live now.
                extra.append(f"QUALITY_PREVIOUS_OUTPUT={json.dumps(str(output))}")
            # One -e with every setting: Pelican keeps only the last -e given.
            command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(new), "-e", *extra]
            if debug:
                command.append("--debug")
            if capture:
                run_env.setdefault("COLUMNS", "500")  # Pelican's log would wrap at 80 columns in a report
            # cwd: publishconf.py imports pelicanconf from the current directory.
            finished = subprocess.run(command, cwd=ROOT, env=run_env, capture_output=capture, text=True)
            result = BuildResult(ok=False, output=output, returncode=finished.returncode,
                                 log=(finished.stdout or "") + (finished.stderr or "") if capture else "")
            if finished.returncode != 0:
                return result
            result.pages = count_pages(new)
            result.problems = list(verify(new)) if verify else []
            if result.problems:
                return result
            os.chmod(new, 0o755)  # mkdtemp makes it 0700; the output is served
            build_inputs.forget(output)
            _swap(new, output)
            build_inputs.remember(output, digest, result.pages)
            result.ok = True
            return result
        finally:
            if new.exists():
                shutil.rmtree(new, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tarjotin.build", description=__doc__.split("\n\n")[0],
                                     epilog="Exit status: 0 built, 1 failed (the previous output is untouched), 2 usage.")
    parser.add_argument("--publish", action="store_true", help="production settings (publishconf.py: absolute URLs)")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    parser.add_argument("--content", metavar="DIR", help="content directory (default content/)")
    parser.add_argument("--output", metavar="DIR", help="output directory (default output/)")
    parser.add_argument("--settings", metavar="FILE", help="Pelican settings file (default pelicanconf.py, "
                                                           "publishconf.py with --publish)")
    parser.add_argument("--force", action="store_true",
                        help="build even when nothing changed since the live output was built")
    args = parser.parse_args(argv)
    result = build(content=Path(args.content) if args.content else None,
                   output=Path(args.output) if args.output else None, publish=args.publish, debug=args.debug,
                   settings=Path(args.settings) if args.settings else None, force=args.force)
    if not result.ok:
        print(f"build failed: {result.output} was left as it was", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
