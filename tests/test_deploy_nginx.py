"""The shipped nginx configuration (deploy/nginx/tarjotin.conf) in real nginx, serving a directory
target's `current` release: headers, gzip_static, per-language 404 pages, release switch and
rollback while nginx runs, and the site used through it in Chromium under the header CSP."""

from __future__ import annotations

import shutil

import pytest
import requests

from tarjotin.deploy.directory import DirectorySettings, DirectoryTarget
from tarjotin.deploy.files import CACHE_IMMUTABLE, CACHE_SHORT, HASHED
from tests.deploy_support import NGINX_CONF, meta_csp, nginx


@pytest.fixture(scope="module")
def served(fixture_site, tmp_path_factory):
    """The fixture site deployed with the directory target and served by nginx: (url, target, tmp)."""
    tmp = tmp_path_factory.mktemp("nginx")
    target = DirectoryTarget(DirectorySettings(path=str(tmp / "www")), tmp)
    target.deploy(fixture_site)
    with nginx(tmp / "www" / "current", tmp / "nginx") as url:
        yield url, target, tmp


def get(url, path, **headers):
    return requests.get(url + path, headers={"Accept-Encoding": "identity", **headers}, timeout=10,
                        allow_redirects=False)


def assert_security_headers(response):
    assert response.headers["Content-Security-Policy"] == meta_csp()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def hashed_js(site):
    return next(p for p in sorted((site / "search" / "js").glob("search-engine.*.js")))


def test_the_shipped_hash_rule_is_the_deploy_targets_rule():
    assert HASHED.pattern in NGINX_CONF.read_text()
    assert CACHE_IMMUTABLE in NGINX_CONF.read_text() and CACHE_SHORT in NGINX_CONF.read_text()


def test_html_is_short_lived_and_carries_the_security_headers(served, fixture_site):
    url, _, _ = served
    for path, file in (("/", "index.html"), ("/haku/", "haku/index.html"), ("/sv/sok/", "sv/sok/index.html")):
        response = get(url, path)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert response.headers["Cache-Control"] == CACHE_SHORT
        assert response.content == (fixture_site / file).read_bytes()
        assert_security_headers(response)
    assert get(url, "/theme/favicon.svg").headers["Cache-Control"] == CACHE_SHORT
    redirect = get(url, "/haku")
    assert redirect.status_code == 301 and redirect.headers["Location"] == "/haku/"


def test_hashed_files_are_immutable_and_gz_twins_are_negotiated(served, fixture_site):
    url, _, _ = served
    js = hashed_js(fixture_site)
    path = "/" + js.relative_to(fixture_site).as_posix()
    plain = get(url, path)
    assert plain.status_code == 200 and plain.content == js.read_bytes()
    assert plain.headers["Cache-Control"] == CACHE_IMMUTABLE and "Content-Encoding" not in plain.headers
    assert plain.headers["Content-Type"].startswith("application/javascript")
    assert_security_headers(plain)
    gz = requests.get(url + path, headers={"Accept-Encoding": "gzip"}, timeout=10, stream=True)
    assert gz.headers["Content-Encoding"] == "gzip" and gz.headers["Cache-Control"] == CACHE_IMMUTABLE
    assert "Accept-Encoding" in gz.headers["Vary"]
    assert gz.raw.read(decode_content=False) == js.with_name(js.name + ".gz").read_bytes()   # the twin itself
    index = next((fixture_site / "search" / "fi").glob("index.*.json"))
    data = get(url, "/search/fi/" + index.name)
    assert data.headers["Content-Type"] == "application/json; charset=utf-8"
    assert data.headers["Cache-Control"] == CACHE_IMMUTABLE


def test_unknown_addresses_get_their_languages_404_page(served, fixture_site):
    url, _, _ = served
    for path, page in (("/sv/x", "sv/404.html"), ("/en/no/such/page/", "en/404.html"),
                       ("/palvelu/ei-ole/", "404.html"), ("/xy/z", "404.html")):
        response = get(url, path)
        assert response.status_code == 404, path
        assert response.content == (fixture_site / page).read_bytes(), path
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert_security_headers(response)
        assert response.headers["Cache-Control"] == CACHE_SHORT
    missing = get(url, "/search/fi/index.0123456789.json")   # a hashed name, but no such file
    assert missing.status_code == 404 and missing.headers["Cache-Control"] == CACHE_SHORT


def test_a_new_release_and_a_rollback_switch_what_nginx_serves(served, fixture_site):
    url, target, tmp = served
    before = get(url, "/").content
    changed = tmp / "changed"
    shutil.copytree(fixture_site, changed)
    (changed / "index.html").write_bytes(before.replace(b"</body>", b"<p>uusi julkaisu</p></body>"))
    target.deploy(changed)
    assert b"uusi julkaisu" in get(url, "/").content
    target.rollback()
    assert get(url, "/").content == before == (fixture_site / "index.html").read_bytes()


@pytest.mark.browser
def test_the_site_works_through_nginx_in_chromium_under_the_header_csp(served, browser):
    url, _, _ = served
    context = browser.new_context(locale="fi-FI")        # no bypass_csp: the header policy applies
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        front = page.goto(url + "/")
        assert front.status == 200 and front.headers["content-security-policy"] == meta_csp()
        assert page.locator("h1").count() >= 1
        search = page.goto(url + "/haku/")
        assert search.headers["cache-control"] == CACHE_SHORT
        page.wait_for_function("() => document.querySelector('#search-results').getAttribute('aria-busy') === 'false'")
        page.fill("#search-q", "kuntosali")
        page.keyboard.press("Enter")
        page.wait_for_function("() => (document.querySelector('#search-results .card-title')?.textContent || '')"
                               ".includes('Tikkurilan senioreiden kuntosali')")
        assert errors == [], errors
        missing = page.goto(url + "/sv/finns-inte/")      # Chromium logs the 404 itself: not an error here
        assert missing.status == 404 and page.locator("html").get_attribute("lang") == "sv"
    finally:
        context.close()
