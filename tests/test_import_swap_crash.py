"""A process killed (SIGKILL) at each step of the two-rename swap: `check` and the build refuse
the content until the swap is settled, and settling gives the old or the new records, whole."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from importers.common.writer import RecordWriter
from tarjotin.check import repair_swaps
from tarjotin.content import load_content
from tests.site_support import FIXTURE_CONTENT, ROOT, build_site

PENDING = "content/records/ptv: (import): an interrupted import swap is pending; run the importer again or " \
          "`./run.sh check --repair`"

# Commits a plan that keeps only the first PTV record, killing itself at step `STEP`:
# 0 journal written, 1–3 after each rename, 4 journal removed (staging not yet).
KILLER = textwrap.dedent("""
    import os, shutil, signal, sys
    from pathlib import Path
    from importers.common import writer as w

    directory, step = Path(sys.argv[1]), int(sys.argv[2])
    renames = 0
    real_rename, real_rmtree = os.rename, shutil.rmtree

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def rename(a, b):
        global renames
        if renames == step == 0:
            die()
        real_rename(a, b)
        renames += 1
        if renames == step and step in (1, 2):
            die()

    def rmtree(path, *args, **kwargs):
        if renames == 3 and ".staging-" in str(path) and step == 4:
            die()
        return real_rmtree(path, *args, **kwargs)

    os.rename = rename
    w.shutil.rmtree = rmtree
    writer = w.RecordWriter(directory)
    files = sorted(p.name for p in directory.glob("*.md"))
    plan = w.WritePlan(texts={files[0][:-3]: (directory / files[0]).read_text(encoding="utf-8")},
                       removed=[files[1][:-3]], existing=2)
    if step == 3:  # die just before the journal goes: after the third rename
        real_unlink = Path.unlink
        def unlink(self, *args, **kwargs):
            if self.name == ".import-ptv.swap" and renames == 3:
                die()
            return real_unlink(self, *args, **kwargs)
        Path.unlink = unlink
    writer.commit(plan)
""")


@pytest.fixture()
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


def _ptv(content: Path) -> list[str] | None:
    directory = content / "records" / "ptv"
    return sorted(p.name for p in directory.glob("*.md")) if directory.is_dir() else None


def _kill_at(content: Path, step: int) -> None:
    env = {"TARJOTIN_NO_RENAME_EXCHANGE": "1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", KILLER, str(content / "records" / "ptv"), str(step)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == -9, result.stderr


@pytest.mark.parametrize(("step", "settled"), [(0, "old"), (1, "old"), (2, "new"), (3, "new")])
def test_a_kill_during_the_swap_is_refused_until_settled(content, config, step, settled):
    old = _ptv(content)
    _kill_at(content, step)
    assert [str(e) for e in load_content(content, config).errors] == [PENDING]
    assert repair_swaps(content)
    assert _ptv(content) == (old if settled == "old" else old[:1])
    assert load_content(content, config).errors == []
    assert sorted(p.name for p in content.iterdir() if p.name.startswith(".")) == []


def test_a_kill_after_the_swap_leaves_only_litter(content, config):
    old = _ptv(content)
    _kill_at(content, 4)
    assert load_content(content, config).errors == []  # the swap was complete: nothing pending
    assert _ptv(content) == old[:1]
    RecordWriter(content / "records" / "ptv").recover()
    assert sorted(p.name for p in content.iterdir() if p.name.startswith(".")) == []


def test_the_next_import_settles_an_interrupted_swap(content, config):
    old = _ptv(content)
    _kill_at(content, 1)
    assert _ptv(content) is None  # the state of the report: records/ptv gone
    writer = RecordWriter(content / "records" / "ptv")
    assert writer.existing_ids() == [name[:-3] for name in old]  # every run starts by recovering
    assert load_content(content, config).errors == []


def test_the_build_refuses_while_a_swap_is_pending(content, tmp_path):
    _kill_at(content, 1)
    result = build_site(content, tmp_path / "output")
    assert result.returncode != 0
    assert f"ERROR: {PENDING}" in result.stderr
    assert not (tmp_path / "output" / "index.html").exists()


def test_check_refuses_and_check_repair_settles(content, config, monkeypatch, capsys):
    from tarjotin import check

    monkeypatch.setattr(check, "load_config", lambda *args: config)
    _kill_at(content, 1)
    assert check.main([str(content)]) == 1
    assert PENDING in capsys.readouterr().err
    assert check.main(["--repair", str(content)]) == 0
    out = capsys.readouterr().out
    assert "content/records/ptv: the interrupted import swap was settled" in out and "all valid" in out
    assert _ptv(content) is not None
