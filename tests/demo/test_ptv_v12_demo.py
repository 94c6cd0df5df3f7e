"""The demo's recorded v12 answers (demo/recordings/ptv-v12, made from the same demo services as
the v11 recordings) replay through the v12 adapter into exactly the committed records, and
`--compare` finds no difference between the two versions."""

from __future__ import annotations

import pytest

from importers.ptv.cli import main
from tarjotin.config import ROOT
from tests.importer_support import generator_differences, texts_without_import_time
from tests.ptv_support import v11_config_file
from tests.site_support import relocated_config_text, site_config_path

RECORDINGS = ROOT / "demo" / "recordings" / "ptv-v12"
COMMITTED = ROOT / "content" / "records" / "ptv"


def _config(tmp_path, version):
    """The repository's configuration, naming `version`."""
    if version == "v11":
        return v11_config_file(site_config_path(), tmp_path)
    text = relocated_config_text(site_config_path()).replace('api_version = "v11"', 'api_version = "v12"')
    path = tmp_path / "tray-v12.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_recordings_are_what_the_generator_writes(tmp_path):
    assert generator_differences(RECORDINGS, tmp_path) == [], "run demo/recordings/ptv-v12/generate.py and commit the result"


@pytest.mark.parametrize("version", ["v11", "v12"])
def test_either_version_replays_into_the_committed_records(tmp_path, version, monkeypatch):
    monkeypatch.delenv("PTV_API_KEY", raising=False)  # an offline replay needs no key
    root = tmp_path / "repo"
    assert main(["--offline", "--config", str(_config(tmp_path, version)), "--root", str(root), "--quiet"]) == 0
    produced = texts_without_import_time(root / "content/records/ptv", "*.md")
    assert produced == texts_without_import_time(COMMITTED, "*.md")
    assert (root / "reports/import-ptv.json").read_text(encoding="utf-8").count(f"/api/{version}/") == 1


def test_compare_finds_no_difference(tmp_path, capsys):
    root = tmp_path / "repo"
    assert main(["--compare", "--offline", "--config", str(_config(tmp_path, "v12")), "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "29 records identical; no differences" in out
    assert (root / "reports" / "compare-ptv.json").is_file()


def test_a_recording_replays_through_the_adapter_of_its_own_version(tmp_path, monkeypatch):
    """`--offline DIR` with a v11 recording uses the v11 adapter even when tray.toml names v12."""
    from tests.ptv_support import build_world

    monkeypatch.setenv("TARJOTIN_NO_PROGRESS", "1")
    recordings = tmp_path / "v11"
    build_world().write(recordings, ["092", "245"], today="2026-11-23")
    root = tmp_path / "repo"
    assert main(["--offline", str(recordings), "--config", str(_config(tmp_path, "v12")), "--root", str(root),
                 "--quiet"]) == 0
    report = (root / "reports/import-ptv.json").read_text(encoding="utf-8")
    assert "/api/v11/" in report and len(list((root / "content/records/ptv").glob("*.md"))) == 6


def test_compare_refuses_one_address_for_both_versions(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PTV_BASE_URL", "http://127.0.0.1:9/api/v12/")
    assert main(["--compare", "--offline", "--root", str(tmp_path)]) == 2
    assert "unset it" in capsys.readouterr().err
