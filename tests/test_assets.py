"""Cache safety: every published file except HTML and a few fixed names carries a hash of its bytes."""

from __future__ import annotations

import gzip
import shutil
import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tarjotin.assets import AssetError, ThemeAssets

#: Files that keep a fixed name on purpose (browsers ask for the icon by name; the fonts' licence
#: text must travel with them and nothing links to it).
FIXED_NAMES = {"theme/favicon.svg", "theme/favicon.png", "theme/favicon.ico", "robots.txt", "sitemap.xml",
               "favourites-files/fonts/DejaVu-LICENSE.txt"}
#: Open data (plugins/opendata) and the quality report's files (plugins/quality) keep stable addresses
#: for their users; they are served with the short cache time.
FIXED_FOLDERS = ("avoin-data/", "laaturaportti/")
HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{10})\.(?P<ext>[A-Za-z0-9]+)$")


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_every_file_but_html_and_fixed_names_has_a_hash_of_its_bytes(fixture_site):
    files = _files(fixture_site)
    unhashed, wrong = [], []
    for rel in files:
        name = rel.removesuffix(".gz")
        if name.endswith(".html") or name in FIXED_NAMES or name.startswith(FIXED_FOLDERS):
            continue
        match = HASHED.match(Path(name).name)
        if not match:
            unhashed.append(rel)
            continue
        data = (fixture_site / rel).read_bytes()
        if rel.endswith(".gz"):
            assert name in files, f"{rel} has no uncompressed twin"
            data = gzip.decompress(data)
        if hashlib.sha256(data).hexdigest()[:10] != match["hash"]:
            wrong.append(rel)
    assert unhashed == [] and wrong == []
    assert any(re.fullmatch(r"theme/css/tray\.[0-9a-f]{10}\.css", f) for f in files)
    assert any(re.fullmatch(r"theme/js/keep-state\.[0-9a-f]{10}\.js", f) for f in files)
    assert "theme/favicon.svg" in files


def test_text_assets_have_gzip_twins(fixture_site):
    for pattern in ("theme/css/*.css", "theme/js/*.js"):
        found = list(fixture_site.glob(pattern))
        assert found, pattern
        for path in found:
            twin = path.with_name(path.name + ".gz")
            assert gzip.decompress(twin.read_bytes()) == path.read_bytes()


_REF = re.compile(r'\b(?:src|href)="([^"]+)"')
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def _local(ref: str) -> str | None:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path or ref.startswith("#"):
        return None
    return unquote(parts.path)


def test_no_page_or_stylesheet_refers_to_a_missing_file(fixture_site):
    missing = []
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for ref in _REF.findall(html):
            path = _local(ref)
            if path is None:
                continue
            target = fixture_site / path.lstrip("/") if path.startswith("/") else page.parent / path
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.append(f"{page.relative_to(fixture_site)}: {ref}")
    for css in fixture_site.rglob("*.css"):
        for ref in _CSS_URL.findall(css.read_text(encoding="utf-8")):
            path = _local(ref)
            if path is not None and not (css.parent / path).is_file():
                missing.append(f"{css.relative_to(fixture_site)}: url({ref})")
    assert missing == []


def test_pages_keep_the_strict_content_security_policy(fixture_site):
    """Colours come from a stylesheet file: no inline style, no inline script besides JSON data."""
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<style" not in html and " style=" not in html, page
        for attrs in re.findall(r"<script([^>]*)>", html):
            assert "src=" in attrs or 'type="application/json"' in attrs, (page, attrs)
        assert re.search(r'<link rel="stylesheet" href="/theme/css/brand\.[0-9a-f]{10}\.css">', html), page


# --- ThemeAssets on its own theme tree ---

@pytest.fixture
def static(tmp_path):
    root = tmp_path / "static"
    (root / "css").mkdir(parents=True)
    (root / "img").mkdir()
    (root / "fonts").mkdir()
    (root / "img" / "logo.png").write_bytes(b"\x89PNG fake")
    (root / "fonts" / "a.woff2").write_bytes(b"wOF2 fake")
    (root / "css" / "site.css").write_text(
        'h1 { background: url(../img/logo.png); }\n'
        '@font-face { src: url("../fonts/a.woff2?v=2#x") format("woff2"); }\n'
        'i { background: url(data:image/gif;base64,R0lGOD); }\n'
        'b { background: url("https://example.org/x.png"); }\n', encoding="utf-8")
    return root


def test_stylesheet_references_become_hashed_names(static, tmp_path):
    assets = ThemeAssets(static)
    css_path = assets.url("css/site.css")
    assert re.fullmatch(r"theme/css/site\.[0-9a-f]{10}\.css", css_path)
    css = assets.out.files[css_path].decode()
    logo = next(p for p in assets.out.files if p.startswith("theme/img/logo."))
    font = next(p for p in assets.out.files if p.startswith("theme/fonts/a."))
    assert f'url("../img/{Path(logo).name}")' in css
    assert f'url("../fonts/{Path(font).name}?v=2#x")' in css
    assert "url(data:image/gif;base64,R0lGOD)" in css and 'url("https://example.org/x.png")' in css
    # the stylesheet's hash follows the image it uses
    (static / "img" / "logo.png").write_bytes(b"\x89PNG changed")
    assert ThemeAssets(static).url("css/site.css") != css_path
    out = tmp_path / "out"
    assets.write(out, precompress=True)
    assert (out / (css_path + ".gz")).is_file() and not (out / (logo + ".gz")).exists()
    assert sorted(_files(out)) == sorted([css_path, css_path + ".gz", logo, font])   # only what is referred to


def test_missing_theme_files_are_errors_that_name_the_reference(static):
    with pytest.raises(AssetError, match=r"theme/static/css/nope\.css: no such file"):
        ThemeAssets(static).url("css/nope.css")
    (static / "css" / "broken.css").write_text("a { background: url(../img/gone.svg); }", encoding="utf-8")
    with pytest.raises(AssetError, match=r"theme/static/css/broken\.css: url\(\.\./img/gone\.svg\): no such file"):
        ThemeAssets(static).url("css/broken.css")
    with pytest.raises(AssetError, match="no such file"):
        ThemeAssets(static).url("../static/css/../../outside.css")


def test_a_template_naming_a_missing_theme_file_stops_the_build_with_one_line(tmp_path):
    from tests.site_support import FIXTURE_CONTENT, ROOT, build_site

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("asset('js/keep-state.js')", "asset('js/gone.js')"),
                    encoding="utf-8")
    settings = tmp_path / "settings.py"
    settings.write_text(f"from pelicanconf import *\nTHEME = {str(theme)!r}\n"
                        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n", encoding="utf-8")
    result = build_site(FIXTURE_CONTENT, tmp_path / "out", settings=str(settings))
    assert result.returncode == 1
    assert "ERROR: theme/static/js/gone.js: no such file" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
