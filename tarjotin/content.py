"""Load the whole content tree: records (with editor overrides applied), theme texts, page texts.

Every problem in every file is collected, so an editor sees all of them in one build.
Used by the Pelican plugin and by `invoke check` (which validates without building).

    content/records/<source>/<id>.md     one record per file (ptv/ and lahella/ are imported)
    content/overrides/<id>.yml           editor corrections to imported records
    content/records/<source>/merges.yml  duplicates an importer merged (the other copy is hidden)

Then the duplicates of all sources are merged (tarjotin/duplicates.py): editors' duplicate_of /
not_duplicate_of decisions and the matcher's confident pairs.
    content/themes/<slug>.md             the text of a theme page, sections per language
    content/pages/<name>.md              other texts (front page introduction), sections per language
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import collector
from .config import TrayConfig
from .duplicates import resolve_duplicates
from .model import Override, OverrideAdd, Record
from .parallel import parallel_map
from .sources import DEFAULT_REGISTRY, Registry
from .recordfile import (
    RecordError,
    RecordFileError,
    check_record,
    control_char_errors,
    errors_from_validation,
    limit_errors,
    read_record_text,
    read_text,
)
from .safe_yaml import load_mapping, top_level_key
from .synonyms import Concept, load_synonyms
from .assessment import Card, load_card
from .text import CONTROL_CHAR_RE, control_char_message, excerpt, label

ADDABLE = tuple(OverrideAdd.model_fields)
#: Written by importers next to their records: [{keep: id, hide: id, …}] (see load_merges).
MERGES_FILE = "merges.yml"
#: An importer's record-directory swap (importers/common/writer.py) leaves these in content/
#: as `.import-<source><suffix>` while it runs; after a crash they mark a swap still pending.
SWAP_JOURNAL_SUFFIX = ".swap"
SWAP_BACKUP_SUFFIX = ".old-swap"


@dataclass
class Content:
    """Everything read from content/, or the errors that stop the build."""

    records: list[Record] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    themes: dict[str, dict[str, str]] = field(default_factory=dict)
    pages: dict[str, dict[str, str]] = field(default_factory=dict)
    errors: list[RecordError] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)
    """Records hidden because they were merged into another (by an importer, by an editor's
    duplicate_of or by the build's matcher): {hidden id: kept id}."""
    decided_by: dict[str, str] = field(default_factory=dict)
    """Who merged each of `merged` at build time: "detector" or "editor: duplicate_of" (importers'
    merges are not listed)."""
    kept_apart: set[frozenset[str]] = field(default_factory=set)
    """Pairs editors declared two services (`not_duplicate_of`)."""
    possible: list[Any] = field(default_factory=list)
    """tarjotin.matching.Match of pairs that may be one service, for an editor to decide."""
    synonyms: dict[str, list[Concept]] = field(default_factory=dict)
    """Editors' search concepts per UI language (content/search/synonyms.<lang>.yml, tarjotin/synonyms.py)."""
    assessment: Card | None = None
    """The self-assessment card (content/assessment/card.yml, tarjotin/assessment.py); None: no /arvio/."""


def _rel(path: Path, root: Path) -> str:
    try:
        shown = str(path.relative_to(root.parent))
    except ValueError:
        shown = str(path)
    # A file name is untrusted text too: it must not break the one-error-per-line output.
    return label(shown, 300)


def read_yaml_file(path: Path, shown: str) -> tuple[dict[str, Any], list[RecordError]]:
    """Read a YAML file of fields (an override, merges.yml): the fields that parsed, and every
    problem found (unreadable file, syntax error by line and field, control characters)."""
    try:
        text = read_text(path, shown)
    except RecordFileError as exc:
        return {}, exc.errors
    errors = []
    field_name = "(file)"
    for number, line in enumerate(text.split("\n")):
        key = top_level_key(line)
        field_name = label(key) if key is not None else field_name
        found = CONTROL_CHAR_RE.search(line)
        if found:
            errors.append(RecordError(shown, field_name, f"line {number + 1} {control_char_message(found.group())}"))
    mapping = load_mapping(CONTROL_CHAR_RE.sub("", text))
    errors += [RecordError(shown, label(name), str(problem)) for name, problem in mapping.problems]
    errors += control_char_errors(mapping.data, shown)
    return mapping.data, errors


def pending_swaps(content_root: Path) -> list[RecordError]:
    """One error per source whose import swap was interrupted: its records may be missing or
    half replaced, so neither `check` nor the build may pass them as the content."""
    sources = sorted({path.name.removeprefix(".import-").removesuffix(suffix)
                      for suffix in (SWAP_JOURNAL_SUFFIX, SWAP_BACKUP_SUFFIX)
                      for path in content_root.glob(f".import-*{suffix}")})
    return [RecordError(_rel(content_root / "records" / name, content_root), "(import)",
                        "an interrupted import swap is pending; run the importer again or "
                        "`./run.sh check --repair`")
            for name in sources]


def load_overrides(overrides_dir: Path, content_root: Path, config: TrayConfig | None = None
                   ) -> tuple[dict[str, dict[str, Any]], list[RecordError]]:
    """Read content/overrides/<id>.yml files: {record id: override as a dict, see model.Override}.

    An override with any problem is left out (and its errors returned), so a half-understood
    correction is never applied."""
    overrides: dict[str, dict[str, Any]] = {}
    errors: list[RecordError] = []
    if not overrides_dir.is_dir():
        return overrides, errors
    for path in sorted(overrides_dir.glob("*.yml")):
        shown = _rel(path, content_root)
        data, found = read_yaml_file(path, shown)
        try:
            override = Override.model_validate(data, context={"config": config} if config else None)
        except ValidationError as exc:
            found += [_addable_hint(error) for error in errors_from_validation(exc, shown)]
        if found:
            errors += limit_errors(found)
            continue
        overrides[path.stem] = {**override.model_dump(), "_path": shown}
    return overrides, errors


def _addable_hint(error: RecordError) -> RecordError:
    if error.field.startswith("add.") and error.message.startswith("unknown field"):
        return RecordError(error.path, error.field, f"cannot add to this field; addable: {list(ADDABLE)}")
    return error


def apply_override(data: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Return record data with an editor's override applied (set replaces, add appends)."""
    data = dict(data)
    for key, value in (override.get("set") or {}).items():
        data[key] = value
    for key, values in (override.get("add") or {}).items():
        if not values:
            continue
        current = data.get(key)
        current = [] if current is None else current if isinstance(current, list) else [current]
        data[key] = current + [v for v in values if v not in current]
    return data


def refused_merges(overrides: dict[str, dict[str, Any]]) -> set[frozenset[str]]:
    """Pairs of ids that editors declared not to be duplicates (`not_duplicate_of` in either
    record's override)."""
    return {frozenset((record_id, other)) for record_id, override in overrides.items()
            for other in override.get("not_duplicate_of") or [] if other != record_id}


def load_merges(records_dir: Path, content_root: Path, errors: list[RecordError],
                registry: Registry = DEFAULT_REGISTRY) -> list[tuple[str, str]]:
    """(kept id, hidden id) of every merge in `records/<source>/merges.yml`.

    Importers write these files when they find the same activity in two sources: the kept
    record carries the best fields of both and an `other_sources` link, and the build hides the
    other copy. Editors undo a wrong merge with `not_duplicate_of` in an override."""
    merges: list[tuple[str, str]] = []
    for path in sorted(records_dir.glob(f"*/{MERGES_FILE}")):
        shown = _rel(path, content_root)
        data, found = read_yaml_file(path, shown)
        errors.extend(limit_errors(found))
        if found:
            continue
        items = data.get("merges")
        if not isinstance(items, list):
            errors.append(RecordError(shown, "merges", "must be a list of {keep, hide}"))
            continue
        bad = []
        for index, item in enumerate(items):
            if not (isinstance(item, dict) and isinstance(item.get("keep"), str) and isinstance(item.get("hide"), str)):
                bad.append(RecordError(shown, f"merges[{index}]", "needs keep: <id> and hide: <id>"))
                continue
            source = path.parent.name
            spec = registry.by_records_dir(source)
            prefix = spec.prefix if spec else source
            if not item["keep"].startswith(f"{prefix}-"):
                # An importer writes merges.yml next to the records it keeps; anything else
                # would let a stray file hide any record.
                bad.append(RecordError(shown, f"merges[{index}].keep", f"{excerpt(item['keep'], 60)} is not a record of records/{source}/"))
                continue
            if item["hide"].split("-", 1)[0] == prefix:
                bad.append(RecordError(shown, f"merges[{index}].hide", f"{excerpt(item['hide'], 60)} is from the same source as keep"))
                continue
            merges.append((item["keep"], item["hide"]))
        errors.extend(limit_errors(bad))
    return merges


def load_sections(directory: Path, content_root: Path, errors: list[RecordError]) -> dict[str, dict[str, Any]]:
    """Read text files with front matter and `::: lang` sections: {stem: {"meta":…, "text": {lang: md}}}."""
    result: dict[str, dict[str, Any]] = {}
    if not directory.is_dir():
        return result
    for path in sorted(directory.glob("*.md")):
        shown = _rel(path, content_root)
        try:
            parts = read_record_text(read_text(path, shown), shown)
        except RecordFileError as exc:
            errors.extend(exc.errors)
            continue
        if parts.errors:
            errors.extend(limit_errors(parts.errors))
            continue
        result[path.stem] = {"meta": parts.data, "text": parts.descriptions}
    return result


#: Fewer record files than this per process are not worth a fork.
FILES_PER_WORKER = 200


@dataclass
class _Read:
    """What one record file gave: its errors, and a record, or the id an override hid."""

    errors: list[RecordError] = field(default_factory=list)
    record: Record | None = None
    hidden: str | None = None
    override: str | None = None
    """The id of the override applied to it (or that hid it)."""
    shown: str = ""


def _read_record_file(path: Path, content_root: Path, config: TrayConfig, overrides: dict[str, dict[str, Any]],
                      refused: set[frozenset[str]]) -> _Read:
    """Read, correct (content/overrides/) and validate one record file, on its own: what needs
    every file (ids used twice) is checked once all are read."""
    shown = _rel(path, content_root)
    folder = path.parent.name
    registry = config.source_registry
    if registry.by_records_dir(folder) is None:
        return _Read([RecordError(shown, "(file)", f"records live in records/{{{','.join(registry.records_dirs)}}}/ "
                                                   f"(the registered sources), not records/{folder}/")])
    try:
        parts = read_record_text(read_text(path, shown), shown)
    except RecordFileError as exc:
        return _Read(exc.errors)
    data = dict(parts.data)
    if "provenance" in data:
        return _Read([RecordError(shown, "provenance", "is set by the build when it merges duplicates; "
                                                       "remove it from the file")])
    if parts.descriptions:
        data["description"] = parts.descriptions
    override = overrides.get(str(data.get("id"))) if isinstance(data.get("id"), str) else None
    used = data["id"] if override is not None else None
    if override is not None:
        if override["hide"]:  # hidden, but still a broken file
            return _Read(limit_errors(parts.errors), hidden=data["id"], override=used)
        data = apply_override(data, override)
        shown = f"{shown} (with {override['_path']})"
    if refused and isinstance(data.get("other_sources"), list):
        # An editor undid this merge: drop the link to the other copy (which is shown again).
        data["other_sources"] = [
            ref for ref in data["other_sources"]
            if not (isinstance(ref, dict) and frozenset((str(data.get("id")), str(ref.get("id")))) in refused)
        ]
    try:
        record = check_record(data, shown, config, parts.errors, parts.unparsed)
    except RecordFileError as exc:
        return _Read(exc.errors, override=used)
    if path.stem != record.id:
        return _Read([RecordError(shown, "id", f"'{record.id}' does not match the file name; name the file {record.id}.md")],
                     override=used)
    if record.source != folder:
        return _Read([RecordError(shown, "source", f"'{record.source}' record in records/{folder}/; "
                                                   f"move it to records/{record.source}/")], override=used)
    return _Read(record=record, override=used, shown=shown)


def load_content(content_root: Path, config: TrayConfig, workers: int = 1) -> Content:
    """Read and validate all of content/; `Content.errors` lists every problem, sorted by file.

    The record files are read in `workers` processes (tarjotin/parallel.py): each file is read
    on its own, so the result is the same in any number of them."""
    with collector.paused():  # reading makes next to no cycles (tarjotin/collector.py)
        return _load_content(content_root, config, workers)


def _load_content(content_root: Path, config: TrayConfig, workers: int) -> Content:
    content = Content()
    content.errors.extend(pending_swaps(content_root))
    overrides, errors = load_overrides(content_root / "overrides", content_root, config)
    content.errors.extend(errors)
    refused = refused_merges(overrides)
    decisions = dict(overrides)  # the loop below takes out the overrides it applies
    seen: dict[str, str] = {}
    records_dir = content_root / "records"
    merges = load_merges(records_dir, content_root, content.errors, config.source_registry)
    paths = sorted(records_dir.glob("*/*.md"))
    workers = max(1, min(workers, len(paths) // FILES_PER_WORKER))
    read = parallel_map(lambda path: _read_record_file(path, content_root, config, decisions, refused), paths,
                        workers=workers)
    for item in read:
        content.errors.extend(item.errors)
        if item.override is not None:
            overrides.pop(item.override, None)
        if item.hidden is not None:
            content.hidden.append(item.hidden)
        if item.record is None:
            continue
        record = item.record
        if record.id in seen:
            content.errors.append(RecordError(item.shown, "id", f"'{record.id}' is already used by {seen[record.id]}"))
            continue
        seen[record.id] = item.shown
        content.records.append(record)
    for record_id, override in sorted(overrides.items()):
        content.errors.append(RecordError(override["_path"], "(file)", f"no record with id '{record_id}' to override"))
    _apply_merges(content, merges, refused, set(seen))
    resolve_duplicates(content, decisions, config)

    content.themes = {slug: item["text"] for slug, item in load_sections(content_root / "themes", content_root, content.errors).items()}
    for slug in sorted(set(content.themes) - set(config.theme_slugs)):
        content.errors.append(RecordError(f"content/themes/{slug}.md", "(file)", f"'{slug}' is not a configured theme; use {config.theme_slugs}"))
    content.pages = {name: item["text"] for name, item in load_sections(content_root / "pages", content_root, content.errors).items()}
    content.synonyms, errors = load_synonyms(content_root, list(config.languages.ui))
    content.errors.extend(errors)
    content.assessment, errors = load_card(content_root, list(config.languages.ui), list(config.theme_slugs),
                                           list(config.age_group_slugs), {r.id for r in content.records})
    content.errors.extend(errors)
    content.records.sort(key=lambda r: r.id)
    content.errors.sort()
    return content


def _apply_merges(content: Content, merges: list[tuple[str, str]], refused: set[frozenset[str]],
                  loaded: set[str]) -> None:
    """Hide the copies that importers merged into another record, unless an editor refused."""
    kept_exists = loaded | set(content.hidden)
    hide = {}
    for keep, other in merges:
        if frozenset((keep, other)) in refused or keep == other or keep not in kept_exists:
            continue
        if other in loaded and other not in hide:
            hide[other] = keep
    if hide:
        content.records = [r for r in content.records if r.id not in hide]
        content.hidden.extend(sorted(hide))
        content.merged.update(sorted(hide.items()))
