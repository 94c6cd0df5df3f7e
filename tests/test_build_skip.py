"""A build whose inputs are those of the live output is not run (tarjotin/build_inputs.py): real
builds through tarjotin.build of the fixture site, then the same with one input changed each time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tarjotin.build import build
from tarjotin.build_inputs import record_path
from tests.site_support import FIXTURE_CONTENT, TEST_CONFIG, TODAY

GYM_PAGE = Path("palvelu/local-tikkurila-kuntosali/index.html")


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "TARJOTIN_CONFIG": str(TEST_CONFIG), "TARJOTIN_TODAY": TODAY, **extra}


def snapshot(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fixture content in a folder of its own, built once."""
    root = tmp_path_factory.mktemp("skip")
    content = root / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = root / "site" / "output"
    first = build(content=content, output=output, env=env(), capture=True)
    assert first.ok and not first.skipped, first.log[-3000:]
    return content, output


def test_a_rebuild_with_nothing_changed_keeps_the_output_as_it_is(site):
    content, output = site
    before, inode = snapshot(output), output.stat().st_ino
    again = build(content=content, output=output, env=env(), capture=True)
    assert again.ok and again.skipped, again.log
    assert "nothing changed" in again.log and again.pages > 50
    assert output.stat().st_ino == inode and snapshot(output) == before


def test_a_forced_build_runs_and_writes_the_same_bytes(site):
    content, output = site
    before, inode = snapshot(output), output.stat().st_ino
    forced = build(content=content, output=output, env=env(), capture=True, force=True)
    assert forced.ok and not forced.skipped, forced.log[-3000:]
    assert output.stat().st_ino != inode and snapshot(output) == before
    # and what the forced build left is again a record to skip by
    assert build(content=content, output=output, env=env(), capture=True).skipped


def config_with_reports(tmp_path: Path) -> Path:
    """The test configuration with the importers' run reports in `tmp_path`."""
    config = tmp_path / "tray.toml"
    text = TEST_CONFIG.read_text(encoding="utf-8")
    for source in ("ptv", "lahella"):
        text = text.replace(f"[{source}]\n", f"[{source}]\nreport_path = \"{tmp_path / f'import-{source}.json'}\"\n", 1)
    config.write_text(text, encoding="utf-8")
    return config


def test_a_new_import_report_builds_again_for_the_quality_report(site, tmp_path):
    content, output = site
    run_env = env(TARJOTIN_CONFIG=str(config_with_reports(tmp_path)))
    assert not build(content=content, output=output, env=run_env, capture=True).skipped
    assert build(content=content, output=output, env=run_env, capture=True).skipped
    (tmp_path / "import-lahella.json").write_text('{"warnings": [], "status": "failed", "finished": "x"}',
                                                  encoding="utf-8")
    rebuilt = build(content=content, output=output, env=run_env, capture=True)
    assert rebuilt.ok and not rebuilt.skipped, rebuilt.log[-3000:]
    assert "import-lahella.json" in (output / "laaturaportti" / "report.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("change", ["record", "new record", "date", "config"])
def test_any_changed_input_builds_again(site, change, tmp_path):
    content, output = site
    record = content / "records" / "local" / "local-tikkurila-kuntosali.md"
    original = record.read_text(encoding="utf-8")
    copy = record.with_name("local-skip-copy.md")
    run_env, shown = env(), None
    if change == "record":
        record.write_text(original.replace("Tikkurilan senioreiden kuntosali", "Tikkurilan punttisali", 1),
                          encoding="utf-8")
        shown = (GYM_PAGE, "Tikkurilan punttisali")
    elif change == "new record":
        copy.write_text(original.replace("id: local-tikkurila-kuntosali", "id: local-skip-copy", 1)
                        .replace("Tikkurilan senioreiden kuntosali", "Korson kuntosali", 1), encoding="utf-8")
        shown = (Path("palvelu/local-skip-copy/index.html"), "Korson kuntosali")
    elif change == "date":
        run_env = env(TARJOTIN_TODAY="2026-11-24")
    else:  # the same tray.toml but its name, outside the repository
        config = tmp_path / "tray.toml"
        config.write_text(TEST_CONFIG.read_text(encoding="utf-8").replace('fi = "Hyvinvointitarjotin"',
                                                                         'fi = "Hyvinvointitarjotin Kerava"', 1),
                          encoding="utf-8")
        run_env = env(TARJOTIN_CONFIG=str(config))
        shown = (Path("index.html"), "Hyvinvointitarjotin Kerava")
    try:
        result = build(content=content, output=output, env=run_env, capture=True)
        assert result.ok and not result.skipped, result.log[-3000:]
        if shown:
            assert shown[1] in (output / shown[0]).read_text(encoding="utf-8")
    finally:
        record.write_text(original, encoding="utf-8")
        copy.unlink(missing_ok=True)
    # back to the inputs of before: built again (the record describes the last build), then skipped
    assert not build(content=content, output=output, env=env(), capture=True).skipped
    assert build(content=content, output=output, env=env(), capture=True).skipped


def test_an_output_changed_by_hand_or_by_another_tool_is_built_again(site):
    content, output = site
    (output / GYM_PAGE).unlink()
    rebuilt = build(content=content, output=output, env=env(), capture=True)
    assert rebuilt.ok and not rebuilt.skipped and (output / GYM_PAGE).is_file()
    # an output folder put in place by something else (same pages, another folder)
    copy = output.with_name("copy")
    shutil.copytree(output, copy)
    shutil.rmtree(output)
    copy.rename(output)
    assert not build(content=content, output=output, env=env(), capture=True).skipped
    # a broken record of the inputs is no reason to skip either
    record_path(output).write_text("{not json", encoding="utf-8")
    assert not build(content=content, output=output, env=env(), capture=True).skipped


def test_a_skipped_build_still_runs_the_check_and_reports_its_problems(site):
    content, output = site
    seen = []

    def verify(folder: Path) -> list[str]:
        seen.append(folder)
        return ["page guard: too few pages"]

    result = build(content=content, output=output, env=env(), capture=True, verify=verify)
    assert result.skipped and not result.ok and result.problems == ["page guard: too few pages"]
    assert seen == [output] and (output / GYM_PAGE).is_file()


def test_the_tests_docs_and_benchmarks_are_not_build_inputs(tmp_path):
    """bench/search.py leaves built areas in bench/work: hashing them cost every build seconds."""
    from tarjotin.build_inputs import inputs_digest

    root, content = tmp_path / "repo", tmp_path / "repo" / "content"
    for folder in ("content", "theme", "bench/work", "tests", "docs"):
        (root / folder).mkdir(parents=True)
    (root / "theme" / "base.html").write_text("<html>")
    settings = root / "pelicanconf.py"
    settings.write_text("PATH = 'content'\n")

    def digest() -> str:
        return inputs_digest(root=root, content=content, settings=settings, output=root / "output", env={})

    before = digest()
    for name in ("bench/work/area.md", "tests/test_new.py", "docs/new.md"):
        (root / name).write_text("x")
    assert digest() == before
    (root / "theme" / "base.html").write_text("<html lang=fi>")
    assert digest() != before
