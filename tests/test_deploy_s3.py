"""S3 target against a real S3 API on 127.0.0.1 (moto in server mode): objects and headers,
upload order, nothing re-uploaded when nothing changed, grace period, dry run, and the site loaded
from the bucket in Chromium."""

from __future__ import annotations

import re

import json
import shutil
from datetime import UTC, datetime, timedelta

import pytest

from tarjotin.deploy import DeployError, target_from_config
from tarjotin.deploy.files import CACHE_IMMUTABLE, CACHE_SHORT, build_files, is_hashed, upload_rank
from tarjotin.deploy.s3 import STATE_KEY, S3Settings, S3Target, make_client
from tests.deploy_support import s3_server

ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "eu-north-1"}


@pytest.fixture(scope="module")
def endpoint():
    with s3_server() as url:
        yield url


class Clock:
    def __init__(self):
        self.now = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


_buckets = iter(range(1000))


@pytest.fixture
def s3(endpoint):
    """A fresh bucket and a target for it whose PutObject keys are recorded in call order."""
    settings = S3Settings(bucket=f"tray-{next(_buckets)}", endpoint_url=endpoint, grace_hours=48)
    client = make_client(settings, ENV)
    client.create_bucket(Bucket=settings.bucket, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    target = S3Target(settings, client, clock=Clock())
    target.puts = []
    client.meta.events.register("before-parameter-build.s3.PutObject",
                                lambda params, **_: target.puts.append(params["Key"]))
    return target


def keys(target):
    pages = target.client.get_paginator("list_objects_v2").paginate(Bucket=target.settings.bucket)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def head(target, key):
    return target.client.head_object(Bucket=target.settings.bucket, Key=key)


def body(target, key):
    return target.client.get_object(Bucket=target.settings.bucket, Key=key)["Body"].read()


def test_uploads_every_file_with_its_headers_hashed_first_html_last(s3, fixture_site):
    result = s3.deploy(fixture_site)
    files = build_files(fixture_site)
    expected = sorted(f for f in files if not (f.endswith(".gz") and f[:-3] in files))
    assert keys(s3) == sorted(expected + [STATE_KEY]) and not any(k.endswith(".gz") for k in keys(s3))
    assert sorted(result.uploaded) == expected and result.unchanged == 0

    page = head(s3, "sv/sok/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8" and page["CacheControl"] == CACHE_SHORT
    assert "ContentEncoding" not in page
    assert body(s3, "sv/sok/index.html") == (fixture_site / "sv/sok/index.html").read_bytes()
    index = next(f for f in expected if f.startswith("search/fi/index."))
    meta = head(s3, index)
    assert meta["ContentType"] == "application/json" and meta["CacheControl"] == CACHE_IMMUTABLE
    assert meta["ContentEncoding"] == "gzip"
    assert body(s3, index) == (fixture_site / (index + ".gz")).read_bytes()      # the twin's bytes, as the object
    js = next(f for f in expected if f.startswith("search/js/lunr."))
    assert head(s3, js)["ContentType"] == "text/javascript; charset=utf-8" and head(s3, js)["ContentEncoding"] == "gzip"
    assert head(s3, "theme/favicon.svg")["ContentType"] == "image/svg+xml"
    assert head(s3, "theme/favicon.svg")["CacheControl"] == CACHE_SHORT
    assert "ContentEncoding" not in head(s3, "favourites-files/fonts/DejaVu-LICENSE.txt")

    # order: every hashed file before any other asset, every asset before any HTML, the state last
    assert s3.puts[-1] == STATE_KEY and sorted(s3.puts[:-1]) == expected
    ranks = [upload_rank(key) for key in s3.puts[:-1]]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 2
    assert sum(is_hashed(k) for k in s3.puts) > 20
    assert s3.live_page_count() == sum(1 for f in files if f.endswith("index.html"))


def test_a_second_deploy_with_nothing_changed_uploads_nothing(s3, fixture_site):
    first = s3.deploy(fixture_site)
    s3.puts.clear()
    again = s3.deploy(fixture_site)
    assert s3.puts == [] and again.uploaded == [] and again.deleted == []
    assert again.release == first.release and again.unchanged == len(first.uploaded)


def test_old_files_stay_for_the_grace_period_then_go(s3, fixture_site, tmp_path):
    s3.deploy(fixture_site)
    new = tmp_path / "new"
    shutil.copytree(fixture_site, new)
    old_js = next((new / "search" / "js").glob("search-engine.*.js"))
    old_key = old_js.relative_to(new).as_posix()
    new_js = old_js.with_name("search-engine.0123456789.js")
    old_js.rename(new_js)
    old_js.with_name(old_js.name + ".gz").rename(new_js.with_name(new_js.name + ".gz"))
    (new / "haku" / "index.html").write_bytes((new / "haku" / "index.html").read_bytes().replace(
        old_js.name.encode(), new_js.name.encode()))
    s3.puts.clear()
    changed = s3.deploy(new)
    assert changed.uploaded == ["search/js/search-engine.0123456789.js", "haku/index.html"]
    assert s3.puts == changed.uploaded + [STATE_KEY] and changed.deleted == []
    assert old_key in keys(s3)                                    # a cached old /haku/ still finds it
    state = json.loads(body(s3, STATE_KEY))
    assert state["stale"] == {old_key: s3.clock.now.isoformat()}

    s3.clock.now += timedelta(hours=47)
    s3.puts.clear()
    assert s3.deploy(new).deleted == [] and old_key in keys(s3) and s3.puts == []
    s3.clock.now += timedelta(hours=1)
    dry = s3.deploy(new, dry_run=True)
    assert dry.deleted == [old_key] and dry.uploaded == [] and old_key in keys(s3) and s3.puts == []
    gone = s3.deploy(new)
    assert gone.deleted == [old_key] and old_key not in keys(s3)
    assert json.loads(body(s3, STATE_KEY))["stale"] == {}


def test_a_dry_run_lists_everything_and_changes_nothing(s3, fixture_site):
    dry = s3.deploy(fixture_site, dry_run=True)
    assert dry.dry_run and "index.html" in dry.uploaded and dry.uploaded[-1].endswith(".html")
    assert keys(s3) == [] and s3.puts == [] and s3.live_page_count() is None
    assert "would upload" in dry.summary()


def test_a_prefix_keeps_the_site_below_it(endpoint, fixture_site, config):
    configured = config.model_copy(update={"deploy": {"target": "s3", "s3": {
        "bucket": "tray-prefixed", "prefix": "/site/", "endpoint_url": endpoint, "grace_hours": 1}}})
    target = target_from_config(configured, fixture_site, ENV)
    target.client.create_bucket(Bucket="tray-prefixed", CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    target.client.put_object(Bucket="tray-prefixed", Key="other/keep.txt", Body=b"not ours")
    target.deploy(fixture_site)
    listed = keys(target)
    assert "site/index.html" in listed and "site/" + STATE_KEY in listed and "other/keep.txt" in listed
    assert all(k.startswith("site/") or k == "other/keep.txt" for k in listed)
    with pytest.raises(DeployError, match="deploy the previous build again"):
        target.rollback()


def test_errors_name_the_bucket_and_setting(endpoint, fixture_site, config):
    missing = S3Target(S3Settings(bucket="no-such-bucket", endpoint_url=endpoint),
                       make_client(S3Settings(bucket="x" * 3, endpoint_url=endpoint), ENV))
    with pytest.raises(DeployError, match=r"^s3: no-such-bucket/: list: NoSuchBucket"):
        missing.deploy(fixture_site)
    bad = config.model_copy(update={"deploy": {"target": "s3", "s3": {"bucket": "b", "endpoint_url": "s3.local"}}})
    with pytest.raises(DeployError) as error:
        target_from_config(bad, fixture_site, ENV)
    assert "deploy.s3.bucket: String should have at least 3 characters" in str(error.value)
    assert "deploy.s3.endpoint_url: Value error, must start with https://" in str(error.value)


@pytest.mark.browser
def test_the_site_loads_from_the_bucket_in_chromium(s3, fixture_site, browser):
    s3.deploy(fixture_site)
    # Public read, as for a bucket served directly or through a CDN without origin credentials.
    s3.client.put_bucket_policy(Bucket=s3.settings.bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{s3.settings.bucket}/*"}]}))
    # Virtual-host addressing (<bucket>.localhost resolves to 127.0.0.1 in Chromium) puts the site at
    # the root of an origin, as behind a CDN, so its root-relative links resolve.
    origin = f"http://{s3.settings.bucket}.localhost:{s3.settings.endpoint_url.rsplit(':', 1)[1]}"
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    errors: list[str] = []
    fetched: dict[str, dict] = {}
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda response: fetched.__setitem__(response.url[len(origin):], response.headers))
    try:
        front = page.goto(origin + "/index.html")
        assert front.status == 200 and front.headers["cache-control"] == CACHE_SHORT
        page.goto(origin + "/haku/index.html")
        page.wait_for_function("() => document.querySelector('#search-results').getAttribute('aria-busy') === 'false'")
        page.fill("#search-q", "kuntosali")
        page.keyboard.press("Enter")
        page.wait_for_function("() => (document.querySelector('#search-results .card-title')?.textContent || '')"
                               ".includes('Tikkurilan senioreiden kuntosali')")
    finally:
        context.close()
    assert errors == [], errors
    index = next(path for path in fetched if path.startswith("/search/fi/index."))
    assert fetched[index]["content-encoding"] == "gzip" and fetched[index]["cache-control"] == CACHE_IMMUTABLE
    assert fetched[next(p for p in fetched if re.fullmatch(r"/theme/css/tray\.[0-9a-f]{10}\.css", p))]["content-type"].startswith("text/css")
