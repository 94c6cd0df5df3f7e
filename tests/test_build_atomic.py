"""A failed or partial build never replaces the previous output (tarjotin/build.py).

Real Pelican builds of tests/fixtures/site/content through `python -m tarjotin.build`, as
`./run.sh build-site` runs it; the output is compared byte for byte before and after.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tarjotin.build import build, recover
from tests.site_support import FIXTURE_CONTENT, ROOT, TODAY

CONFIG = ROOT / "tests" / "fixtures" / "nightly" / "tray.toml"
HANG_SETTINGS = ROOT / "tests" / "fixtures" / "build" / "hangconf.py"

BROKEN_RECORD = "---\nid: local-rikki\nkind: [\n---\n"


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "TARJOTIN_CONFIG": str(CONFIG), "TARJOTIN_TODAY": TODAY, **extra}


def run_build(content: Path, output: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tarjotin.build", "--content", str(content), "--output", str(output),
                           *args], cwd=ROOT, env=env(), capture_output=True, text=True, timeout=300)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def leftovers(output: Path) -> list[str]:
    # The lock, the pages' fingerprints (tarjotin/page_reuse.py) and the inputs' digest
    # (tarjotin/build_inputs.py) are kept on purpose.
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.")
                  and not p.name.endswith((".lock", ".pages.json", ".inputs.json")))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A finished build in site/output and its bytes."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = run_build(FIXTURE_CONTENT, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output, snapshot(output)


def broken_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "records" / "local").mkdir(parents=True)
    (content / "records" / "local" / "local-rikki.md").write_text(BROKEN_RECORD, encoding="utf-8")
    return content


def test_a_successful_build_replaces_the_output_and_leaves_nothing_beside_it(built):
    output, files = built
    assert "index.html" in files and len(files) > 50
    assert leftovers(output) == []
    assert oct(output.stat().st_mode & 0o777) == "0o755"


def test_a_content_error_leaves_the_output_byte_identical(built, tmp_path):
    output, files = built
    result = run_build(broken_content(tmp_path), output)
    assert result.returncode == 1
    assert "content/records/local/local-rikki.md: kind: YAML syntax error at line 3" in result.stdout + result.stderr
    assert f"build failed: {output} was left as it was" in result.stderr
    assert snapshot(output) == files
    assert leftovers(output) == []


def test_a_build_killed_halfway_leaves_the_output_byte_identical(built, tmp_path):
    output, files = built
    marker = tmp_path / "hanging"
    process = subprocess.Popen([sys.executable, "-m", "tarjotin.build", "--content", str(FIXTURE_CONTENT),
                                "--output", str(output), "--settings", str(HANG_SETTINGS)],
                               cwd=ROOT, env=env(TARJOTIN_TEST_HANG_MARKER=str(marker)), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert process.poll() is None, "the build ended before it reached the hanging plugin"
            assert time.monotonic() < deadline, "the build never reached the hanging plugin"
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    # It was killed with a half-written build beside the untouched output.
    partial = [p for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.build-")]
    assert len(partial) == 1 and 0 < len(snapshot(partial[0])) < len(files)
    assert snapshot(output) == files
    # The next build clears what the killed one left and succeeds.
    again = run_build(FIXTURE_CONTENT, output)
    assert again.returncode == 0, again.stderr
    assert leftovers(output) == [] and snapshot(output) == files


def test_a_crash_between_the_renames_is_undone_by_the_next_build(built, tmp_path):
    output, files = built
    # The state a crash right after `output → .output.previous` leaves.
    previous = output.with_name(f".{output.name}.previous")
    os.rename(output, previous)
    (output.with_name(f".{output.name}.build-x1") / "palvelu").mkdir(parents=True)
    result = run_build(broken_content(tmp_path), output)   # even a failing build recovers first
    assert result.returncode == 1
    assert snapshot(output) == files
    assert leftovers(output) == []


def test_a_leftover_previous_after_the_swap_is_removed(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("new")
    previous = tmp_path / ".output.previous"
    previous.mkdir()
    (previous / "index.html").write_text("old")
    recover(output)
    assert (output / "index.html").read_text() == "new" and not previous.exists()


def test_a_build_the_check_refuses_keeps_the_previous_output(built):
    output, files = built
    seen = []

    def verify(new: Path) -> list[str]:
        seen.append((new.name, (new / "index.html").is_file()))
        return ["index.html: refused by the test"]

    result = build(content=FIXTURE_CONTENT, output=output, verify=verify, env=env(), capture=True, force=True)
    assert not result.ok and result.returncode == 0 and result.problems == ["index.html: refused by the test"]
    assert seen[0][0].startswith(".output.build-") and seen[0][1]
    assert result.pages > 10
    assert snapshot(output) == files and leftovers(output) == []
