"""The static site self-check (tarjotin/selfcheck.py) passes a good build and names each breakage."""

from __future__ import annotations

import shutil

from tarjotin.selfcheck import check_output


def _copy(fixture_site, tmp_path):
    target = tmp_path / "site"
    shutil.copytree(fixture_site, target)
    return target


def test_a_good_build_has_no_problems(fixture_site, config):
    assert check_output(fixture_site, config) == []


def test_every_ui_language_has_a_404_page(fixture_site, config):
    for lang in config.languages.ui:
        prefix = "" if lang == config.default_lang else f"{lang}/"
        assert f'<html lang="{lang}"' in (fixture_site / prefix / "404.html").read_text(encoding="utf-8")


def test_broken_link_missing_asset_title_and_lang_are_named(fixture_site, config, tmp_path):
    site = _copy(fixture_site, tmp_path)
    front = site / "index.html"
    html = front.read_text(encoding="utf-8")
    html = html.replace('href="/a-o/"', 'href="/ei-ole/"', 1).replace('<html lang="fi"', '<html lang="xx"', 1)
    front.write_text(html, encoding="utf-8")
    css = next((site / "theme").rglob("*.css"))
    css.unlink()
    az = site / "a-o" / "index.html"
    az.write_text(az.read_text(encoding="utf-8").split("<title>")[0] + "<title> </title></head></html>",
                  encoding="utf-8")
    index_file = next((site / "search" / "fi").glob("index.*.json"))
    index_file.unlink()
    problems = [str(p) for p in check_output(site, config)]
    assert "index.html: broken link: /ei-ole/" in problems
    assert any(p.startswith("index.html: <html lang> is 'xx'") for p in problems)
    assert "a-o/index.html: no <title>" in problems
    assert any(p.endswith(f"broken link: /{css.relative_to(site)}") for p in problems)
    assert any(f"missing file named in page configuration: search/fi/{index_file.name}" in p for p in problems)


def test_missing_404_and_empty_build(fixture_site, config, tmp_path):
    site = _copy(fixture_site, tmp_path)
    (site / "sv" / "404.html").unlink()
    assert any(str(p).startswith("sv/404.html: missing") for p in check_output(site, config))
    empty = tmp_path / "empty"
    empty.mkdir()
    assert [p.message for p in check_output(empty, config)] == ["no HTML pages: the build is empty"]


def test_links_outside_the_output_do_not_resolve(fixture_site, config, tmp_path):
    site = _copy(fixture_site, tmp_path)
    front = site / "index.html"
    front.write_text(front.read_text(encoding="utf-8").replace('href="/a-o/"', 'href="/../../etc/passwd"', 1),
                     encoding="utf-8")
    assert "index.html: broken link: /../../etc/passwd" in [str(p) for p in check_output(site, config)]
