"""The benchmark scripts still run against the current code (on a tiny corpus, no timing)."""

from __future__ import annotations

import importlib.util
import re
import sys

from tests.site_support import ROOT

sys.path.insert(0, str(ROOT / "bench"))  # bench/search.py imports bench/_search_corpus.py


def _load(name: str):
    # Loaded under unique names: "build" and "search" are too generic for sys.modules.
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_search_corpus = _load("_search_corpus")
build_bench = _load("build")
search_bench = _load("search")


def test_search_bench_builds_our_index_on_a_small_corpus(tmp_path):
    config = search_bench.bench_config()
    records = _search_corpus.generate(40)
    result = search_bench.build_ours(records, config, tmp_path / "site")
    assert result["files"] > 3
    assert (tmp_path / "site" / "haku" / "index.html").is_file() or list((tmp_path / "site").rglob("*.html"))


def test_search_bench_national_area_builds_the_finnish_files_only(tmp_path):
    area = _search_corpus.national_municipalities()
    assert len(area) > 300 and area[2][:2] == ("837", "Tampere")   # the filtered figure's municipality
    config = search_bench.bench_config(area)   # every code is a real one (tray.toml's validation)
    records = _search_corpus.generate(60, seed=3, area=area)
    assert len({code for r in records for code in r.municipalities}) > 10
    result = search_bench.build_ours(records, config, tmp_path / "site", finnish_only=True)
    assert result["build_fi"] == result["build_all"] and result["files"] > 3
    assert not list((tmp_path / "site" / "search").glob("sv/*")) and list((tmp_path / "site" / "search").glob("fi/*"))


def test_stemming_bench_prints_both_stemmers(capsys):
    _load("stemming").main()
    out = capsys.readouterr().out
    assert "Porter (lunr.js): joins" in out and "Porter2 (Snowball english): joins" in out and "demo English" in out


def test_build_bench_writes_a_valid_synthetic_area(tmp_path, config):
    build_bench.write_area(tmp_path / "area", 25)
    from tarjotin.content import load_content

    content = load_content(tmp_path / "area", config)
    assert content.errors == [] and len(content.records) == 25


def test_read_content_bench_measures_a_small_area(tmp_path, config):
    build_bench.write_area(tmp_path / "area", 30)
    read_bench = _load("read_content")
    for workers in (1, 2):
        wall, own, children, count = read_bench.timed_load(tmp_path / "area", config, workers)
        assert count == 30 and wall > 0 and own > 0 and children >= 0
    assert set(read_bench.parts(tmp_path / "area", config)) == {"read and validate the record files", "find_matches"}


def test_duplicates_bench_plants_twins_that_the_matcher_finds(tmp_path):
    duplicates_bench = _load("duplicates")
    from tarjotin.config import load_config
    from tarjotin.matching import find_matches

    path = tmp_path / "tray.toml"
    path.write_text(duplicates_bench.relocated_config_text(duplicates_bench.TEST_CONFIG) + duplicates_bench.TOY,
                    encoding="utf-8")
    config = load_config(path)
    records, planted = duplicates_bench.area(300, 0.2, 1, config)
    assert len(records) == 300 and len({r.source for r in records}) == 4 and len(planted) > 20
    found = find_matches(records, config.duplicates)
    listed = {m.pair for m in found.confident} | {m.pair for m in found.possible}
    assert planted <= listed


def test_finnish_bench_prints_the_pairs_joined_before_and_with_voikko(capsys):
    import pytest

    finnish = _load("finnish")
    if finnish.morphology.load("fi", warn=lambda line: None) is None:
        pytest.skip("libvoikko1 and voikko-fi are installed by ./run.sh test")
    finnish.main()
    out = capsys.readouterr().out
    before, after = (int(line.split("joins ")[1].split(" of")[0]) for line in out.splitlines()[:2])
    assert after > before
    assert "uiminen → uimahalli" in out.split("joined only with Voikko: ")[1].splitlines()[0]


def test_search_files_bench_prints_cpu_seconds_and_writes_the_files(tmp_path, capsys):
    search_files_bench = _load("search_files")
    build_bench.write_area(tmp_path / "area", 25)
    search_files_bench.main([str(tmp_path / "area"), "--out", str(tmp_path / "out"), "--profile", str(tmp_path / "p")])
    printed = capsys.readouterr().out
    assert re.search(r"^\d+ current records$", printed, re.M)   # the synthetic area's past events left out
    assert "build_bundle" in printed and "(fi " in printed and " sv " in printed and " en " in printed
    assert list((tmp_path / "out" / "search" / "fi").glob("index.*.json")) and (tmp_path / "p").exists()
