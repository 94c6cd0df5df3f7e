"""`python -m tarjotin.preview`: build, serve the site locally and rebuild when a file changes.

For editors (`./run.sh serve`): save a record, an override, a theme text, a template or the
configuration, and the page shows the change after the next reload. Every build is the same
Pelican build as `./run.sh build-site` (tarjotin/build.py: a fresh directory that replaces the
output only on success), so a mistake prints its `file: field: reason` lines and the previous
site stays up until the mistake is fixed.

Watching is plain polling of file times and sizes (no extra dependency, works on every file
system, a few milliseconds for a county's content). The build runs in a thread while the site
is served.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import threading
import time
from pathlib import Path

from .build import BuildResult, build
from .config import DEFAULT_CONFIG_PATH, ROOT


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file under `paths`: a change in any is a change."""
    seen: dict[str, tuple[int, int]] = {}
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in files:
            if "__pycache__" in path.parts:
                continue
            try:
                stat = path.stat()
            except FileNotFoundError:   # removed while we looked
                continue
            seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return seen


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output directory without a log line per request, so build messages stay readable."""

    def log_message(self, format, *args):   # noqa: A002 (the standard library's name)
        pass


class Preview:
    """Builds `content` into `output`, serves `output` and rebuilds on change."""

    def __init__(self, content: Path, output: Path, config: Path, *, port: int = 8000, interval: float = 0.5,
                 settings: Path = ROOT / "pelicanconf.py"):
        self.content, self.output, self.config = content.absolute(), output.absolute(), config.absolute()
        self.settings, self.port, self.interval = settings, port, interval
        self.watched = [self.content, self.config, ROOT / "theme", ROOT / "plugins"]
        self.running: threading.Thread | None = None
        self.result: BuildResult | None = None
        self.started = 0.0

    def _build(self) -> None:
        env = {**os.environ, "TARJOTIN_CONFIG": str(self.config)}
        self.result = build(content=self.content, output=self.output, settings=self.settings, env=env, capture=True)

    def start_build(self) -> None:
        """The same atomic build as `./run.sh build-site` (tarjotin/build.py), in a thread so the
        site stays served meanwhile."""
        self.started = time.monotonic()
        self.running = threading.Thread(target=self._build, daemon=True)
        self.running.start()

    def finish_build(self) -> bool:
        """Report the finished build: it replaced the served site, or its errors are printed and
        the previous site stays."""
        self.running.join()
        self.running = None
        result, seconds = self.result, time.monotonic() - self.started
        if result is None or not result.ok:
            log = result.log if result else "the build crashed"
            errors = [line.removeprefix("ERROR: ") for line in log.splitlines() if line.startswith("ERROR: ")]
            print(f"Build failed ({seconds:.1f} s); still serving the previous site. Fix these and save again:",
                  flush=True)
            print("\n".join(f"  {line}" for line in (errors or log.strip().splitlines()[-20:])), flush=True)
            return False
        print(f"Rebuilt in {seconds:.1f} s: reload the page.", flush=True)
        return True

    def run(self) -> None:
        state = snapshot(self.watched)
        self.start_build()
        self.finish_build()
        self.output.mkdir(parents=True, exist_ok=True)   # serve something even when the first build failed
        handler = functools.partial(QuietHandler, directory=str(self.output))
        with http.server.HTTPServer(("127.0.0.1", self.port), handler) as server:
            server.timeout = self.interval
            print(f"Serving http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops); "
                  f"watching {', '.join(str(p) for p in self.watched)}", flush=True)
            built_from = state
            while True:
                server.handle_request()   # returns after one request or `interval` seconds
                if self.running is not None:
                    if not self.running.is_alive():
                        self.finish_build()
                    continue
                state = snapshot(self.watched)
                if state != built_from:
                    built_from = state
                    print("Change seen: building…", flush=True)
                    self.start_build()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tarjotin.preview", description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content", help="content directory (default: content)")
    parser.add_argument("--output", default="output", help="output directory (default: output)")
    parser.add_argument("--config", default=os.environ.get("TARJOTIN_CONFIG") or str(DEFAULT_CONFIG_PATH),
                        help="configuration file (default: TARJOTIN_CONFIG or tray.toml)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0 = any free port)")
    args = parser.parse_args(argv)
    try:
        Preview(Path(args.content), Path(args.output), Path(args.config), port=args.port).run()
    except KeyboardInterrupt:
        print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
