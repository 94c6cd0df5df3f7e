"""Fork rehearsal: a county forks Tarjotin, sets up its own area as the README says, and the
README's test command stays green, with most of the suite still running, and the site it builds
shows nothing of the area it was forked from.

The copy holds this checkout's files (committed and not yet committed), the README's steps done:
another tray.toml (tests/fixtures/fork/: three Lapland municipalities, six themes with other
slugs, other age groups), other theme and front page texts, the demo's records, overrides and
recordings deleted, three records of its own. `.venv` and `node_modules` are links to this
checkout's and TARJOTIN_NO_SETUP=1 tells ./run.sh to install nothing (an `npm ci` through the
link would empty the checkout's node_modules). Inside the copy TARJOTIN_FORK_REHEARSAL=1 stops
this test from running again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tarjotin.urls import PATH_WORDS
from tarjotin.config import load_config
from tests.browser_support import AXE_JS
from tests.site_support import ROOT, site_config_path

pytestmark = pytest.mark.fork

FORK = ROOT / "tests" / "fixtures" / "fork"
GUARD = "TARJOTIN_FORK_REHEARSAL"
#: Share of this checkout's engine and site tests that must pass in the fork (the rest: demo tests).
MIN_PASSED_SHARE = 0.8
#: Built files that are not text (fonts, images, precompressed copies).
BINARY = {".gz", ".ttf", ".woff", ".woff2", ".png", ".jpg", ".jpeg", ".webp", ".ico", ".pdf"}


def _environment() -> dict[str, str]:
    """This process's environment for the copy, without what the test session set for itself."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.pop("TARJOTIN_CONFIG", None)      # the copy reads its own tray.toml
    env.pop("TARJOTIN_TODAY", None)
    env[GUARD] = "1"
    env["TARJOTIN_NO_SETUP"] = "1"       # use the linked environments as they are
    return env


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Fork rehearsal", "-c", "user.email=fork@example.org",
                           "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def _copy_checkout(target: Path) -> None:
    """The checkout's files as a fork would clone them, with this checkout's uncommitted changes."""
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in sorted(set(listed)):
        source = ROOT / name
        if not name or name in (".venv", "node_modules") or not source.is_file():
            continue  # deleted in the working tree, or the shared environments linked below
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
    for shared in (".venv", "node_modules"):
        (target / shared).symlink_to((ROOT / shared).resolve(), target_is_directory=True)


def _set_up_another_area(repo: Path) -> None:
    """The README's "Configure another area" steps."""
    shutil.copy(FORK / "tray.toml", repo / "tray.toml")
    content = repo / "content"
    for gone in (content / "records", content / "overrides", content / "themes", content / "assessment",
                 repo / "demo" / "recordings"):
        shutil.rmtree(gone, ignore_errors=True)
    shutil.copytree(FORK / "content" / "themes", content / "themes")
    shutil.copy(FORK / "content" / "pages" / "front.md", content / "pages" / "front.md")
    shutil.copytree(FORK / "content" / "records", content / "records")


def _engine_and_site_tests() -> int:
    """Tests this checkout collects outside the demo group."""
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "pytest", "--collect-only", "-q",
                             "-p", "no:cacheprovider"], cwd=ROOT, env=_environment(), capture_output=True,
                            text=True, timeout=300)
    ids = [line for line in result.stdout.splitlines() if "::" in line]
    assert ids, result.stdout + result.stderr
    return sum(not line.startswith("tests/demo/") for line in ids)


def _summary(output: str) -> dict[str, int]:
    """{'passed': n, 'skipped': n, ...} from pytest's last line."""
    line = [line for line in output.splitlines() if re.search(r"\d+ passed", line)][-1]
    return {word: int(n) for n, word in re.findall(r"(\d+) (passed|skipped|failed|errors?|deselected|xfailed)", line)}


def _traces(output: Path, words: set[str], slugs: set[str]) -> list[str]:
    """Where a built text file mentions an area word or a theme slug of the area forked from."""
    patterns = [rf"(?i)(?<!\w){re.escape(word)}(?!\w)" for word in sorted(words)]
    for slug in sorted(slugs):   # as a theme page, a search filter or a JSON value, not inside another slug
        patterns += [rf"/{re.escape(word)}/{re.escape(slug)}/" for word in sorted(set(PATH_WORDS["theme"].values()))]
        patterns += [rf"teema={re.escape(slug)}(?![\w-])", rf'"{re.escape(slug)}"']
    found = []
    for path in sorted(p for p in output.rglob("*") if p.is_file() and p.suffix not in BINARY):
        text = path.read_text(encoding="utf-8", errors="replace")
        hits = sorted({m.group() for pattern in patterns for m in re.finditer(pattern, text)})
        if hits:
            found.append(f"{path.relative_to(output)}: {hits}")
    return found


@pytest.mark.skipif(bool(os.environ.get(GUARD)), reason="inside the fork rehearsal's own copy")
def test_a_fork_for_another_area_keeps_the_readme_test_command_green(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("the fork rehearsal copies a git checkout; this is not one")
    expected = _engine_and_site_tests()
    repo = tmp_path / "fork"
    _copy_checkout(repo)
    _set_up_another_area(repo)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Our county's tray")

    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "./run.sh test" in readme
    run = subprocess.run(["./run.sh", "test"], cwd=repo, env=_environment(), capture_output=True, text=True,
                         timeout=1200)
    tail = (run.stdout + run.stderr)[-6000:]
    assert AXE_JS.is_file(), "the rehearsal changed this checkout's node_modules"
    assert run.returncode == 0, f"./run.sh test failed in the fork:\n{tail}"
    counts = _summary(run.stdout)
    print(f"fork rehearsal: {counts} (this checkout: {expected} engine and site tests)")
    assert counts.get("failed", 0) == 0 and counts.get("error", 0) == counts.get("errors", 0) == 0, tail
    assert counts["passed"] >= MIN_PASSED_SHARE * expected, \
        f"only {counts['passed']} of this checkout's {expected} engine and site tests passed in the fork:\n{tail}"

    build = subprocess.run(["./run.sh", "build-site"], cwd=repo, env=_environment(), capture_output=True,
                           text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    ours, theirs = load_config(repo / "tray.toml"), load_config(site_config_path())
    names = lambda config: {getattr(m.name, lang) for m in config.area.municipalities for lang in ("fi", "sv", "en")}  # noqa: E731
    words = names(theirs) - names(ours)
    slugs = set(theirs.theme_slugs) - set(ours.theme_slugs)
    assert (repo / "output" / "index.html").is_file()
    assert _traces(repo / "output", words, slugs) == [], f"the fork's site still shows the area it came from ({words})"
    assert "Rovaniemi" in (repo / "output" / "index.html").read_text(encoding="utf-8")
