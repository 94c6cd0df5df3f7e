"""A rebuild takes unchanged pages from the live output (tarjotin/page_reuse.py): real builds
through tarjotin.build, as `invoke build` runs them."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
from pathlib import Path

from tarjotin.build import build
from tarjotin.page_reuse import manifest_path
from tests.site_support import FIXTURE_CONTENT, ROOT, TEST_CONFIG, TODAY, build_site

GYM = "local-tikkurila-kuntosali"
GYM_PAGES = {f"palvelu/{GYM}/index.html", f"sv/tjanst/{GYM}/index.html", f"en/service/{GYM}/index.html"}
GYM_LISTS = {"teema/liikunta/index.html", "sv/tema/liikunta/index.html", "en/theme/liikunta/index.html",
             "a-o/index.html", "sv/a-o/index.html", "en/a-z/index.html"}


def inodes(output: Path) -> dict[str, int]:
    """The inode of each page that has a fingerprint (front, record, theme and A–Z pages; the
    search page, 404 and other plugins' pages are always rendered)."""
    pages = json.loads(manifest_path(output).read_text(encoding="utf-8"))["pages"]
    return {page: (output / page).stat().st_ino for page in pages}


def rebuild(content: Path, output: Path, settings: Path | None = None) -> dict[str, int]:
    """A real build; `force`, so that a rebuild with nothing changed is run and reuses pages rather
    than being skipped as a whole (tests/test_build_skip.py)."""
    env = {**os.environ, "TARJOTIN_CONFIG": str(TEST_CONFIG), "TARJOTIN_TODAY": TODAY}
    result = build(content=content, output=output, settings=settings, env=env, capture=True, force=True)
    assert result.ok and not result.skipped, result.log[-3000:]
    return inodes(output)


def rendered(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """Pages of `after` that are new files (rendered)."""
    return {page for page, ino in after.items() if before.get(page) != ino}


def same_bytes(a: Path, b: Path) -> None:
    files = sorted(str(p.relative_to(a)) for p in a.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(b)) for p in b.rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    assert (mismatch, errors) == ([], []) and len(match) > 50


def test_a_rebuild_with_nothing_changed_reuses_every_page_and_writes_the_same_bytes(tmp_path):
    output = tmp_path / "site" / "output"
    first = rebuild(FIXTURE_CONTENT, output)
    second = rebuild(FIXTURE_CONTENT, output)
    assert rendered(first, second) == set()
    assert GYM_PAGES | GYM_LISTS | {"index.html", "sv/index.html"} <= set(second) and len(second) > 50
    fresh = tmp_path / "fresh"
    assert build_site(FIXTURE_CONTENT, fresh).returncode == 0
    same_bytes(output, fresh)


def test_a_changed_record_rerenders_its_pages_and_the_lists_that_show_it_only(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = tmp_path / "site" / "output"
    first = rebuild(content, output)
    record = content / "records" / "local" / f"{GYM}.md"
    text = record.read_text()
    for old, new in (("fi: Tikkurilan senioreiden kuntosali", "fi: Tikkurilan kuntosali"),
                     ("sv: Dickursby gym för seniorer", "sv: Dickursby gym"), ("en: Tikkurila seniors' gym", "en: Tikkurila gym")):
        text = text.replace(old, new)
    record.write_text(text)
    second = rebuild(content, output)
    assert rendered(first, second) == GYM_PAGES | GYM_LISTS
    assert "<h1>Tikkurilan kuntosali</h1>" in (output / f"palvelu/{GYM}/index.html").read_text()
    fresh = tmp_path / "fresh"
    assert build_site(content, fresh).returncode == 0
    same_bytes(output, fresh)


def test_a_changed_template_rerenders_every_page(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = tmp_path / "settings.py"
    settings.write_text(f"from pelicanconf import *\nTHEME = {str(theme)!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n")
    output = tmp_path / "site" / "output"
    first = rebuild(FIXTURE_CONTENT, output, settings)
    template = theme / "templates" / "record.html"
    template.write_text(template.read_text().replace('<footer class="record-source">', '<footer class="record-source changed">'))
    second = rebuild(FIXTURE_CONTENT, output, settings)
    assert rendered(first, second) == set(second)
    assert 'class="record-source changed"' in (output / f"palvelu/{GYM}/index.html").read_text()


def test_a_changed_catalog_rerenders_every_page(tmp_path):
    # The catalogs are read from the theme's .po files at build time: a changed translation is a
    # changed input of every page, though no template or record changed.
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = tmp_path / "settings.py"
    settings.write_text(f"from pelicanconf import *\nTHEME = {str(theme)!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n")
    output = tmp_path / "site" / "output"
    first = rebuild(FIXTURE_CONTENT, output, settings)
    assert "Yhteystiedot" in (output / f"palvelu/{GYM}/index.html").read_text()
    catalog = theme / "translations" / "fi" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgid "Contact information"\nmsgstr "Yhteystiedot"' in text
    catalog.write_text(text.replace('msgid "Contact information"\nmsgstr "Yhteystiedot"',
                                    'msgid "Contact information"\nmsgstr "Yhteystietoja"'), encoding="utf-8")
    second = rebuild(FIXTURE_CONTENT, output, settings)
    assert rendered(first, second) == set(second)
    assert "Yhteystietoja" in (output / f"palvelu/{GYM}/index.html").read_text()
    fresh = tmp_path / "fresh"
    assert build_site(FIXTURE_CONTENT, fresh, settings=str(settings)).returncode == 0
    same_bytes(output, fresh)
