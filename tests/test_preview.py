"""`./run.sh serve` (tarjotin.preview): serves the site and rebuilds it when content changes;
a failing rebuild prints its errors and keeps serving the previous site."""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from tests.config_support import write_config
from tests.site_support import FIXTURE_CONTENT, ROOT, TODAY

RECORD = "records/local/local-tikkurila-kuntosali.md"
PAGE = "palvelu/local-tikkurila-kuntosali/"


class Running:
    """The preview process, with its output lines collected by a thread."""

    def __init__(self, args: list[str]):
        env = {**os.environ, "TARJOTIN_TODAY": TODAY, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "tarjotin.preview", *args], cwd=ROOT, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stdout], daemon=True).start()

    def wait_for(self, pattern: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, f"preview exited:\n{''.join(self.seen)}"
                continue
            self.seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(self.seen)}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.fixture
def preview(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    running = Running(["--content", str(content), "--output", str(tmp_path / "out"),
                       "--config", str(write_config(tmp_path)), "--port", "0"])
    url = re.search(r"http://127\.0\.0\.1:\d+/", running.wait_for(r"^Serving http://")).group(0)
    yield running, content, url
    running.stop()


def test_an_edit_is_rebuilt_and_a_mistake_keeps_the_previous_site(preview):
    running, content, url = preview
    assert "<h1>Tikkurilan senioreiden kuntosali</h1>" in _get(url + PAGE)
    record = content / RECORD
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("fi: Tikkurilan senioreiden kuntosali", "fi: Tikkurilan kuntosali 65+"), encoding="utf-8")
    running.wait_for(r"^Rebuilt in \d+\.\d s")
    assert "<h1>Tikkurilan kuntosali 65+</h1>" in _get(url + PAGE)

    record.write_text(text.replace("themes: [liikunta]", "themes: [urheilu]"), encoding="utf-8")
    running.wait_for(r"^Build failed")
    running.wait_for(re.escape(f"{RECORD}: themes: unknown theme ['urheilu']"))
    assert "<h1>Tikkurilan kuntosali 65+</h1>" in _get(url + PAGE)   # the previous site is still served

    record.write_text(text, encoding="utf-8")
    running.wait_for(r"^Rebuilt in")
    assert "<h1>Tikkurilan senioreiden kuntosali</h1>" in _get(url + PAGE)
