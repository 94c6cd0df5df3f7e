"""Directory target: releases behind an atomically swapped `current` symlink, rollback, pruning, and
`python -m tarjotin.deploy` refusing a build that fails its self-check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tarjotin.deploy import DeployError, target_from_config
from tarjotin.deploy.__main__ import main as deploy_main
from tarjotin.deploy.directory import DirectorySettings, DirectoryTarget
from tarjotin.deploy.files import tree_digest
from tests.site_support import ROOT


class Clock:
    """A clock that moves one minute per call, so release ids differ and sort by age."""

    def __init__(self):
        self.now = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)

    def __call__(self):
        self.now += timedelta(minutes=1)
        return self.now


def make_build(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def target(tmp_path, keep=5) -> DirectoryTarget:
    return DirectoryTarget(DirectorySettings(path="site", keep=keep), tmp_path, clock=Clock())


def served(t: DirectoryTarget) -> dict[str, bytes]:
    """What a web server with root `<path>/current` would serve, read through the symlink."""
    root = t.root / "current"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


V1 = {"index.html": b"<p>one</p>", "sv/index.html": b"<p>ett</p>", "search/fi/index.aaaaaaaaaa.json": b"[1]"}
V2 = {"index.html": b"<p>two</p>", "sv/index.html": b"<p>ett</p>", "search/fi/index.bbbbbbbbbb.json": b"[2]",
      "uusi/index.html": b"<p>new</p>"}


def test_each_deploy_is_a_new_release_and_rollback_restores_the_previous_byte_for_byte(tmp_path):
    t = target(tmp_path)
    assert t.current() is None and t.live_page_count() is None
    first = t.deploy(make_build(tmp_path / "b1", V1))
    assert served(t) == V1 and t.current() == first.release
    assert os.readlink(t.root / "current") == f"releases/{first.release}"    # relative: the tree can move
    assert first.release.startswith("20261203T0401") and first.release.endswith(tree_digest(tmp_path / "b1")[:8])
    second = t.deploy(make_build(tmp_path / "b2", V2))
    assert served(t) == V2 and t.live_page_count() == 3
    assert sorted(second.uploaded) == ["index.html", "search/fi/index.bbbbbbbbbb.json", "uusi/index.html"]
    assert second.deleted == ["search/fi/index.aaaaaaaaaa.json"] and second.unchanged == 1
    # an unchanged file is a hard link to the previous release's (a release costs only what changed)
    assert (t.releases_dir / second.release / "sv/index.html").stat().st_ino == \
        (t.releases_dir / first.release / "sv/index.html").stat().st_ino

    back = t.rollback()
    assert back.release == first.release and t.current() == first.release
    assert served(t) == V1 and tree_digest(t.root / "current") == tree_digest(tmp_path / "b1")
    with pytest.raises(DeployError, match="oldest release"):
        t.rollback()


def test_nothing_changed_makes_no_release_and_a_dry_run_writes_nothing(tmp_path):
    t = target(tmp_path)
    build = make_build(tmp_path / "b1", V1)
    first = t.deploy(build)
    again = t.deploy(build)
    assert again.release == first.release and again.uploaded == [] and again.unchanged == 3
    assert t.releases() == [first.release]
    before = sorted(p.as_posix() for p in t.root.rglob("*"))
    dry = t.deploy(make_build(tmp_path / "b2", V2), dry_run=True)
    assert dry.dry_run and len(dry.uploaded) == 3 and dry.deleted == ["search/fi/index.aaaaaaaaaa.json"]
    assert sorted(p.as_posix() for p in t.root.rglob("*")) == before and t.current() == first.release


def test_keeps_the_last_n_releases(tmp_path):
    t = target(tmp_path, keep=2)
    ids = [t.deploy(make_build(tmp_path / f"b{n}", {"index.html": f"<p>{n}</p>".encode()})).release
           for n in range(4)]
    assert t.releases() == ids[-2:]
    t.rollback()
    assert t.current() == ids[2] and served(t) == {"index.html": b"<p>2</p>"}
    ids.append(t.deploy(make_build(tmp_path / "b4", {"index.html": b"<p>4</p>"})).release)
    assert t.releases() == [ids[3], ids[4]] and t.current() == ids[4]


def test_a_half_written_release_is_never_live_and_is_cleaned_up(tmp_path):
    t = target(tmp_path)
    first = t.deploy(make_build(tmp_path / "b1", V1))
    (t.releases_dir / "20261203T050000Z-deadbeef.partial").mkdir()     # a deploy that died
    assert t.releases() == [first.release]
    t.deploy(make_build(tmp_path / "b2", V2))
    assert not list(t.releases_dir.glob("*.partial"))


def test_empty_build_and_nothing_live_are_clear_errors(tmp_path):
    t = target(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(DeployError, match="the build is empty"):
        t.deploy(tmp_path / "empty")
    with pytest.raises(DeployError, match="nothing is live"):
        t.rollback()


def test_chosen_in_configuration_relative_to_the_config_file(config, tmp_path):
    configured = config.model_copy(update={"deploy": {"target": "directory",
                                                      "directory": {"path": "www", "keep": 3}}})
    t = target_from_config(configured, tmp_path, {})
    assert t.name == "directory" and t.root == tmp_path / "www" and t.keep == 3
    absolute = config.model_copy(update={"deploy": {"target": "directory",
                                                    "directory": {"path": str(tmp_path / "abs")}}})
    assert target_from_config(absolute, Path("/elsewhere"), {}).root == tmp_path / "abs"
    wrong = config.model_copy(update={"deploy": {"target": "directory",
                                                 "directory": {"path": "www", "keep": 1, "kep": 2}}})
    with pytest.raises(DeployError) as error:
        target_from_config(wrong, tmp_path, {})
    assert "deploy.directory.keep: Input should be greater than or equal to 2" in str(error.value)
    assert "deploy.directory.kep: Extra inputs are not permitted" in str(error.value)


def test_cli_deploys_a_self_checked_build_and_rolls_back(config, fixture_site, tmp_path, capsys):
    configured = config.model_copy(update={"deploy": {"target": "directory", "directory": {"path": "www"}}})
    run = lambda *argv: deploy_main(list(argv), config=configured, config_dir=tmp_path, env={})  # noqa: E731
    assert run("--dry-run", str(fixture_site)) == 0
    assert "upload index.html" in capsys.readouterr().out and not (tmp_path / "www").exists()
    assert run(str(fixture_site)) == 0
    assert tree_digest(tmp_path / "www" / "current") == tree_digest(fixture_site)

    broken = tmp_path / "broken"
    shutil.copytree(fixture_site, broken)
    (broken / "sv" / "404.html").unlink()
    capsys.readouterr()
    assert run(str(broken)) == 1
    err = capsys.readouterr().err
    assert "sv/404.html: missing" in err and "not deployed" in err
    assert tree_digest(tmp_path / "www" / "current") == tree_digest(fixture_site)
    assert run("--rollback") == 1 and "oldest release" in capsys.readouterr().err
    none = config.model_copy(update={"deploy": {}})
    assert deploy_main([str(fixture_site)], config=none, config_dir=tmp_path, env={}) == 2


def test_the_targets_register_on_import_without_boto3():
    code = ("import sys; import tarjotin.deploy as d; "
            "assert sorted(d.TARGETS) == ['directory', 's3'], d.TARGETS; assert 'boto3' not in sys.modules")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr


def test_file_rules():
    from tarjotin.deploy.files import cache_control, content_type, in_upload_order, is_hashed

    assert is_hashed("search/fi/index.f0dd2b68c0.json") and is_hashed("search/js/lunr.0c50d9002b.js.gz")
    assert is_hashed("theme/css/tray.0123abcd.css")
    assert not is_hashed("palvelu/ptv-0b7e5d11-8c2a-4f6e/index.html") and not is_hashed("theme/css/tray.css")
    assert not is_hashed("a.deadbeef0.x/index.html")           # only the file name counts
    assert cache_control("index.html") == "public, max-age=300"
    assert cache_control("x/y.0123456789.json") == "public, max-age=31536000, immutable"
    assert content_type("haku/index.html") == "text/html; charset=utf-8"
    assert content_type("x.json.gz") == "application/gzip" and content_type("LICENSE") == "application/octet-stream"
    assert in_upload_order(["index.html", "theme/favicon.svg", "a/b.0123456789.js"]) == \
        ["a/b.0123456789.js", "theme/favicon.svg", "index.html"]


def test_two_deploys_within_one_second_keep_their_order_for_rollback(tmp_path):
    # release ids sort by age: the second deploy of the same second must not sort before the
    # first because its digest does (found while the search files of the fixture site changed)
    frozen = datetime(2026, 12, 3, 4, 0, 0, 500000, tzinfo=UTC)
    t = DirectoryTarget(DirectorySettings(path="site", keep=5), tmp_path, clock=lambda: frozen)
    first_build = make_build(tmp_path / "b1", V1)
    first_digest = tree_digest(first_build)
    n = 0
    while True:   # a second build whose digest sorts before the first one's
        n += 1
        second_build = make_build(tmp_path / f"b2-{n}", {**V1, "index.html": f"<p>{n}</p>".encode()})
        if tree_digest(second_build)[:8] < first_digest[:8]:
            break
    first = t.deploy(first_build)
    second = t.deploy(second_build)
    assert t.releases() == [first.release, second.release] and t.current() == second.release
    t.rollback()
    assert t.current() == first.release and served(t) == V1
