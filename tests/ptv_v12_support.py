"""The v12 side of the PTV tests: the tests' v11 world (ptv_support.build_world) converted to
the v12 form, served by a local fake v12 API with an API key and small pages, next to the v11
replay of the same world, so the two importers can be compared file by file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importers.common.replay import ReplayServer
from importers.ptv import builders as b
from importers.ptv import importer
from importers.ptv.builders_v12 import V12Data, to_v12
from importers.ptv.replay_v12 import V12Server
from tarjotin.config import TrayConfig
from tests.importer_support import NOW, TODAY
from tests.ptv_support import make_settings

KEY = "test-v12-key-7f3c9a1e"
"""The fake API's key (it must never appear in a report, a log or an error)."""


def run(config: TrayConfig, root: Path, version: str, base_url: str, *, log: list[str] | None = None,
        sleeps: list[float] | None = None, **options: Any) -> importer.ImportReport:
    """One import run of `version` against `base_url` into `root`."""
    settings = make_settings(config, api_version=version, base_url=None)
    settings = settings.model_copy(update=options.pop("settings", {}))
    defaults = dict(root=root, now=NOW, today=TODAY, sleep=(sleeps if sleeps is not None else []).append,
                    timeout=2.0, log=(log.append if log is not None else lambda message: None), base_url=base_url)
    return importer.run_import(config, settings, importer.RunOptions(**{**defaults, **options}))


def files(root: Path) -> dict[str, str]:
    out = root / "content" / "records" / "ptv"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.md"))} if out.is_dir() else {}


def outcome(report: Any) -> dict[str, Any]:
    """What a run decided, without the parts that name the API (base URL, request counts)."""
    data = report.to_json()
    return {key: data[key] for key in ("counts", "skipped_by_reason", "added", "removed", "invalid", "skipped")}


@dataclass
class Pair:
    """The same world as v11 recordings and as a fake v12 API."""

    world: b.World
    tmp: Path
    config: TrayConfig
    max_page_size: int = 3
    v11: ReplayServer | None = None
    v12: V12Server | None = None
    data: V12Data | None = None
    reports: dict[str, Any] = field(default_factory=dict)

    def __enter__(self) -> Pair:
        recordings = self.tmp / "v11-recordings"
        self.world.write(recordings, ["092", "245"])
        self.data = to_v12(self.world)
        self.v11 = ReplayServer(recordings)
        self.v11.start()
        self.v12 = V12Server(self.data, api_key=KEY, max_page_size=self.max_page_size)
        self.v12.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for server in (self.v11, self.v12):
            if server is not None:
                server.stop()

    def run_both(self, **options: Any) -> tuple[dict[str, str], dict[str, str]]:
        assert self.v11 and self.v12
        self.reports["v11"] = run(self.config, self.tmp / "out-v11", "v11", self.v11.base_url, **options)
        self.reports["v12"] = run(self.config, self.tmp / "out-v12", "v12", self.v12.base_url, api_key=KEY, **options)
        return files(self.tmp / "out-v11"), files(self.tmp / "out-v12")
