"""Helpers shared by the PTV and Lähellä.fi importer tests.

* the pinned run times, and `RunHarness`: one run into a scratch repository with the tests'
  defaults (no real sleeping, short timeouts, quiet) and what it wrote;
* checks that keep the documentation true: every setting has a docstring and a place in
  docs/configuration.md, every warning kind is in docs/importers.md;
* the demo: recordings that are what their generator writes, records compared without their
  import time.
"""

from __future__ import annotations

import ast
import filecmp
import inspect
import json
import re
import runpy
import typing
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

from pydantic import BaseModel

from tarjotin.config import ROOT, TrayConfig, load_config
from tests.site_support import TEST_CONFIG

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc)
LATER = datetime(2026, 11, 24, 3, 0, tzinfo=timezone.utc)

IMPORTED_AT = re.compile(r"^imported_at: .*$", re.M)


def default_config() -> TrayConfig:
    return load_config(TEST_CONFIG)


def quick_settings(load_settings: Callable[[TrayConfig], Any], config: TrayConfig, **changes: Any) -> Any:
    """The configured settings with few, short retries (the tests' servers answer at once)."""
    changes.setdefault("retries", 3)
    changes.setdefault("backoff", 1.0)
    return load_settings(config).model_copy(update=changes)


class RunHarness:
    """Runs of one importer into `root` (a dataclass subclass has `root`, `config`, `settings`
    and `sleeps`, and names its importer module)."""

    importer: ClassVar[ModuleType]
    """The importer module: its RunOptions and run_import."""
    root: Path
    config: TrayConfig
    settings: Any
    sleeps: list[float]

    def option_defaults(self) -> dict[str, Any]:
        return dict(root=self.root, now=NOW, today=TODAY, sleep=self.sleeps.append, timeout=2.0,
                    log=lambda message: None)

    def options(self, **kwargs: Any) -> Any:
        return self.importer.RunOptions(**{**self.option_defaults(), **kwargs})

    def run(self, **kwargs: Any):
        return self.importer.run_import(self.config, self.settings, self.options(**kwargs))

    @property
    def out(self) -> Path:
        return self.root / self.settings.output_dir

    def files(self) -> dict[str, bytes]:
        if not self.out.is_dir():
            return {}
        return {p.name: p.read_bytes() for p in sorted(self.out.iterdir())}

    def report(self) -> dict[str, Any]:
        return json.loads((self.root / self.settings.report_path).read_text(encoding="utf-8"))


# --- documentation stays true --------------------------------------------------------------------

def setting_keys(model: type[BaseModel], prefix: str) -> list[str]:
    """Every key of a settings model, nested tables (also inside lists and dicts) included."""
    keys = []
    for name, field in model.model_fields.items():
        keys.append(prefix + name)
        for arg in typing.get_args(field.annotation) or (field.annotation,):
            for inner in typing.get_args(arg) or (arg,):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    keys.extend(setting_keys(inner, f"{prefix}{name}."))
    return keys


def fields_without_docstring(module: ModuleType) -> list[str]:
    """`Class.field` of every annotated class attribute in `module` not followed by a docstring."""
    missing = []
    tree = ast.parse(inspect.getsource(module))
    for node in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
        body = node.body
        for index, stmt in enumerate(body):
            if isinstance(stmt, ast.AnnAssign):
                following = body[index + 1] if index + 1 < len(body) else None
                if not (isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)):
                    missing.append(f"{node.name}.{stmt.target.id}")
    return missing


def warning_kinds(source: str, *files: str) -> set[str]:
    """The warning kinds an importer's code (`importers/<source>/<file>`, plus the shared
    pipeline and duplicate matching) can report, found by the ways the code spells a warning."""
    paths = [ROOT / "importers" / source / name for name in files] + [
        ROOT / "importers" / "common" / name for name in ("run.py", "duplicates.py")]
    text = "".join(path.read_text(encoding="utf-8") for path in paths)
    kinds = (set(re.findall(r'warn\([^,]+, "([a-z_]+)"', text)) | set(re.findall(r'\.warn\("([a-z_]+)"', text))
             | set(re.findall(r'append\(\("([a-z_]+)", ', text)) | set(re.findall(r'\(keep, "([a-z_]+)"', text)))
    kinds.discard("missing_")  # missing_<lang>, documented as such
    return kinds


# --- the demo ------------------------------------------------------------------------------------

def generator_differences(recordings: Path, scratch: Path) -> list[str]:
    """Files that differ between `recordings` and what its generate.py writes into `scratch`."""
    runpy.run_path(str(recordings / "generate.py"), run_name="not_main")["main"]([str(scratch)])
    comparison = filecmp.dircmp(scratch, recordings, ignore=["generate.py", "README.md", "__pycache__"])

    def differences(cmp: filecmp.dircmp) -> list[str]:
        found = cmp.left_only + cmp.right_only + cmp.diff_files
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    return differences(comparison)


def texts_without_import_time(directory: Path, pattern: str = "*") -> dict[str, str]:
    """name → text of the files in `directory`, `imported_at` left out (it is the run's time)."""
    return {p.name: IMPORTED_AT.sub("", p.read_text(encoding="utf-8"))
            for p in sorted(directory.glob(pattern)) if p.is_file()}
