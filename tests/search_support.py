"""Helpers for the search tests: build search files from records and run the JS engine in Node."""

from __future__ import annotations

import json
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from plugins.search_index.encode import Labels, build_bundle, dumps, lunr_index
from tarjotin.i18n import load_translations
from tarjotin.presenter import Presenter
from tarjotin.urls import UrlScheme
from tarjotin.views import Clock, sort_key
from tarjotin.content import load_content
from tarjotin.model import Record
from tests.site_support import ROOT, TODAY

RUNNER = ROOT / "tests" / "js" / "run_engine.js"


def presenter(config, lang: str, today: str = TODAY) -> Presenter:
    """The records' display data in one UI language, made as a build makes it (TraySite.presenter)."""
    gettext = load_translations(ROOT / "theme" / "translations", lang).gettext
    urls = UrlScheme(config.default_lang)
    return Presenter(config, lang, gettext, lambda record_id: urls.record(lang, record_id),
                     Clock(date.fromisoformat(today)))


def labels(config, lang: str, today: str = TODAY) -> Labels:
    return Labels.of(presenter(config, lang, today))


def current_records(content_root: Path, config, today: str = TODAY) -> list[Record]:
    content = load_content(content_root, config)
    assert not content.errors, content.errors
    clock, tz = Clock(date.fromisoformat(today)), ZoneInfo(config.site.timezone)
    return [r for r in content.records if not clock.event_is_past(r, tz)]


def synthetic_records(count: int, seed: int = 1) -> list[Record]:
    """The search benchmark's synthetic area (bench/_search_corpus.py): inflected Finnish domain
    words, Swedish and English titles for part of the records; deterministic for a seed."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_search_corpus", ROOT / "bench" / "_search_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(count, seed)


def write_bundle(records, config, lang: str, folder: Path, *, lunr_json: bool = False, chunk_size: int = 4,
                 today: str = TODAY, concepts: list | None = None, morphology=None):
    """Write facets.json, index.json, text-<n>.json (and lunr-index.json) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    bundle = build_bundle(records, config, lang, labels(config, lang), sort_key=sort_key, chunk_size=chunk_size,
                          today=date.fromisoformat(today), concepts=concepts, morphology=morphology)
    names = []
    for i, chunk in enumerate(bundle.chunks):
        names.append(f"text-{i}.json")
        (folder / names[-1]).write_bytes(dumps(chunk))
    bundle.facets["chunks"] = names
    bundle.index["sharded"]["files"] = []
    for i, shard in enumerate(bundle.shards):
        bundle.index["sharded"]["files"].append(f"shard-{i}.json")
        (folder / f"shard-{i}.json").write_bytes(dumps(shard))
    (folder / "facets.json").write_bytes(dumps(bundle.facets))
    (folder / "index.json").write_bytes(dumps(bundle.index))
    if lunr_json:
        (folder / "lunr-index.json").write_text(json.dumps(lunr_index(bundle).serialize(), ensure_ascii=False))
    return bundle


def run_node(folder: Path, lang: str, ops: list[dict], *, today: str = TODAY, lunr_index_path: Path | None = None,
             timeout: int = 120, index_optional: bool = False, no_shards: bool = False) -> dict:
    """Run tests/js/run_engine.js on the files in `folder` (none needed for analyse/tokenize ops)."""
    command = {"dir": str(folder), "lang": lang, "today": int(today.replace("-", "")), "ops": ops, "noShards": no_shards}
    if lunr_index_path:
        command["lunrIndex"] = str(lunr_index_path)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(command, fh, ensure_ascii=False)
    try:
        result = subprocess.run(["node", str(RUNNER), fh.name], capture_output=True, text=True, timeout=timeout)
    finally:
        Path(fh.name).unlink()
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def record(id: str, kind: str = "service", **fields) -> Record:
    """A record for filter tests: only what a test says, plus the required fields."""
    title = fields.pop("title", id)
    data = {"id": id, "source": id.split("-", 1)[0], "kind": kind, "title": title if isinstance(title, dict) else {"fi": title}}
    data.update(fields)
    return Record.model_validate(data)
