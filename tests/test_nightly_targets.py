"""The nightly command deploying to the real targets: a release directory (the one nginx serves)
and S3-compatible storage (moto's S3 API on 127.0.0.1). A second run with nothing changed makes
no commit and uploads nothing; what is live is byte for byte the build."""

from __future__ import annotations

import pytest

from tarjotin.deploy.s3 import S3Settings, make_client
from tests.deploy_support import s3_server
from tests.nightly_support import env_for, fake_apis, files_of, git, make_case, run_nightly, run_report, set_deploy

AWS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "eu-north-1"}


@pytest.fixture(scope="module")
def apis(tmp_path_factory):
    with fake_apis(tmp_path_factory.mktemp("ptv-recordings")) as servers:
        yield servers


def _run_twice(repo, env):
    first = run_nightly(repo, env)
    assert first.returncode == 0, first.stdout + first.stderr
    report = run_report(repo)
    assert report["status"] == "ok" and report["git"]["commit"] and report["deploy"]["uploaded"] > 50
    head = git(repo, "rev-parse", "HEAD")
    second = run_nightly(repo, env)
    assert second.returncode == 0, second.stdout + second.stderr
    again = run_report(repo)
    assert git(repo, "rev-parse", "HEAD") == head and again["git"]["commit"] is None
    assert again["deploy"]["uploaded"] == 0 and again["deploy"]["deleted"] == 0
    assert again["deploy"]["release"] == report["deploy"]["release"]
    return report


def test_nightly_to_a_release_directory(apis, tmp_path):
    repo = make_case(tmp_path / "case")
    set_deploy(repo, '[deploy]\ntarget = "directory"\n\n[deploy.directory]\npath = "../live"\nkeep = 3\n')
    report = _run_twice(repo, env_for(apis))
    live = tmp_path / "case" / "live"
    assert (live / "current").is_symlink()
    assert (live / "current").resolve().name == report["deploy"]["release"]
    assert [p.name for p in (live / "releases").iterdir()] == [report["deploy"]["release"]]
    assert files_of((live / "current").resolve()) == files_of(repo / "output")


def test_nightly_to_s3(apis, tmp_path):
    with s3_server() as endpoint:
        settings = S3Settings(bucket="tray-nightly", endpoint_url=endpoint)
        client = make_client(settings, AWS)
        client.create_bucket(Bucket="tray-nightly", CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
        repo = make_case(tmp_path / "case")
        set_deploy(repo, f'[deploy]\ntarget = "s3"\n\n[deploy.s3]\nbucket = "tray-nightly"\nendpoint_url = "{endpoint}"\n')
        _run_twice(repo, {**env_for(apis), **AWS})
        pages = client.get_paginator("list_objects_v2").paginate(Bucket="tray-nightly")
        keys = {item["Key"] for page in pages for item in page.get("Contents", [])}
    built = {path for path in files_of(repo / "output") if not path.endswith(".gz")}
    assert built <= keys   # every file of the build is live (a .gz twin is uploaded as its file's object)
    assert {key for key in keys if not key.startswith(".tarjotin/")} == built
