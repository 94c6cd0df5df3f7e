"""Helpers for the nightly tests: a deploy target of their own, a webhook receiver, a scratch repo.

`TestDirTarget` ("test-dir") stands in for a host: each deploy that changes something copies the
build into `<path>/releases/<n>/` and points `<path>/current` at it; a deploy of the same bytes
uploads nothing. It is registered into `tarjotin.deploy.TARGETS` when this module is imported;
`run_nightly` starts `python -m tarjotin.nightly` in a child process that imports it first.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from importers.common.replay import ReplayServer
from tarjotin.deploy import TARGETS, DeployError, DeployResult
from tests import lahella_support as lahella
from tests import ptv_support as ptv
from tests.site_support import FIXTURE_CONTENT, ROOT

FIXTURE_CONFIG = ROOT / "tests" / "fixtures" / "nightly" / "tray.toml"
TODAY = "2026-11-23"


def files_of(directory: Path | None) -> dict[str, bytes]:
    if directory is None or not directory.is_dir():
        return {}
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


class TestDirTarget:
    """A test-only deploy target: numbered release folders and a `current` file."""

    name = "test-dir"

    def __init__(self, settings: Mapping, config_dir: Path, env: Mapping[str, str]):
        if "path" not in settings:
            raise DeployError("deploy.test-dir.path: missing")
        self.root = (config_dir / settings["path"]).resolve()

    def live(self) -> Path | None:
        current = self.root / "current"
        return self.root / "releases" / current.read_text().strip() if current.is_file() else None

    def deploy(self, build: Path, *, dry_run: bool = False) -> DeployResult:
        new, old = files_of(build), files_of(self.live())
        uploaded = sorted(p for p, data in new.items() if old.get(p) != data)
        deleted = sorted(set(old) - set(new))
        live = self.live()
        if dry_run or (not uploaded and not deleted and live is not None):
            return DeployResult(self.name, live.name if live else "", dry_run=dry_run, uploaded=uploaded,
                                deleted=deleted, unchanged=len(new) - len(uploaded))
        releases = self.root / "releases"
        release = f"{len(list(releases.iterdir())) + 1 if releases.is_dir() else 1:04d}"
        shutil.copytree(build, releases / release)
        (self.root / "current").write_text(release)
        return DeployResult(self.name, release, uploaded=uploaded, deleted=deleted, unchanged=len(new) - len(uploaded))

    def rollback(self) -> DeployResult:
        raise DeployError("test-dir: no rollback")

    def live_page_count(self) -> int | None:
        live = self.live()
        return None if live is None else sum(1 for _ in live.rglob("index.html"))  # as the real targets


TARGETS["test-dir"] = TestDirTarget


class WebhookReceiver:
    """`with WebhookReceiver() as hook: …; hook.posts` — JSON bodies POSTed to 127.0.0.1."""

    def __init__(self, status: int = 200):
        self.posts: list[dict[str, Any]] = []
        self.status = status

    def __enter__(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.posts.append({"content_type": self.headers.get("Content-Type"), "json": json.loads(body)})
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/hooks/tarjotin"

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


#: No user or system git configuration (signing, hooks, templates) reaches the tests' repositories.
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.fi", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.fi"}

NIGHTLY_SECTIONS = """
[deploy]
target = "test-dir"

[deploy.test-dir]
path = "../live"

[nightly]
full_import_day = "every"   # the replayed recordings answer full runs only (incremental: test_nightly_steps)
remote = "origin"
branch = "main"
author_name = "Tarjotin nightly"
author_email = "nightly@example.fi"
min_page_share = 0.8
"""


def make_case(case: Path) -> Path:
    """`case/repo` (a git checkout: tray.toml, the fixture site's hand-written content, no
    imported records) with `case/remote.git` as origin; `case/live` is the deploy target.
    Returns the repository."""
    repo = case / "repo"
    content = repo / "content"
    for part in ("themes", "pages", "records/local"):
        shutil.copytree(FIXTURE_CONTENT / part, content / part)
    (repo / "tray.toml").write_text(FIXTURE_CONFIG.read_text(encoding="utf-8") + NIGHTLY_SECTIONS, encoding="utf-8")
    (repo / ".gitignore").write_text("/output/\n/reports/\n/.output.*\n/.nightly*\n", encoding="utf-8")
    subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(case / "remote.git")], check=True,
                   env={**os.environ, **GIT_ENV})
    git(repo.parent, "init", "--quiet", "-b", "main", str(repo))
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "Fork of the tray")
    git(repo, "remote", "add", "origin", "../remote.git")
    git(repo, "push", "--quiet", "origin", "main")
    return repo


def run_nightly(repo: Path, env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess:
    """`python -m tarjotin.nightly --root repo` in a child process, with the test target registered."""
    code = "import sys, tests.nightly_support; from tarjotin.nightly.__main__ import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, "--root", str(repo), *args], cwd=ROOT,
                          env={**os.environ, **GIT_ENV, "TARJOTIN_TODAY": TODAY, "TARJOTIN_CONFIG": str(repo / "tray.toml"),
                               **env},
                          capture_output=True, text=True, timeout=600)


def run_report(repo: Path) -> dict[str, Any]:
    return json.loads((repo / "reports" / "nightly.json").read_text(encoding="utf-8"))


@contextmanager
def fake_apis(recordings: Path) -> Iterator[tuple[ReplayServer, lahella.FakeLahella]]:
    """A fake PTV (the recordings of tests/ptv_support.py's world, replayed) and a fake Lähellä.fi
    admin API on 127.0.0.1, for as long as the block runs."""
    ptv.build_world().write(recordings, ["092", "245"])
    with ReplayServer(recordings) as ptv_api, lahella.FakeLahella(lahella.world_activities(), lahella.groups()) as la:
        yield ptv_api, la


def env_for(apis: tuple[ReplayServer, lahella.FakeLahella], **extra: str) -> dict[str, str]:
    """The environment that points a nightly run at the fake APIs."""
    ptv_api, la = apis
    return {"PTV_BASE_URL": ptv_api.base_url, "LAHELLA_BASE_URL": la.base_url, "TARJOTIN_WEBHOOK_URL": "", **extra}


def set_deploy(repo: Path, sections: str) -> None:
    """Replace the case's `[deploy]` sections (the test-dir target) with `sections`."""
    path = repo / "tray.toml"
    text = path.read_text(encoding="utf-8")
    old = '[deploy]\ntarget = "test-dir"\n\n[deploy.test-dir]\npath = "../live"\n'
    assert old in text
    path.write_text(text.replace(old, sections), encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "Deploy target")
