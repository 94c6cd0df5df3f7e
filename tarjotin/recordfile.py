"""Read and write record files: YAML front matter + Markdown descriptions per language.

    ---
    id: local-kerava-senioritanssit
    source: local
    kind: activity
    title:
      fi: Senioritanssit
    ---
    ::: fi
    Markdown description in Finnish.

    ::: sv
    Beskrivning på svenska.

One file holds all languages of one record (see docs/content-format.md for why). Importers
write with `dump_record`, which is deterministic: the same record gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .config import CONTENT_LANGUAGES, TrayConfig
from .model import Record, validate_record

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_LANG_MARKER_RE = re.compile(r"^:::[ \t]*(\S+)[ \t]*$", re.M)


@dataclass(frozen=True, order=True)
class RecordError:
    """One problem in one file, in words an editor can act on."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class RecordFileError(Exception):
    """A record file could not be read; `errors` lists every problem found in it."""

    def __init__(self, errors: list[RecordError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


# libyaml's parser when PyYAML was built with it (the wheels are): ~10× faster on big trees.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """YAML that keeps scalars as strings (except null): `092`, `no` and `08:00` stay text.

    Plain YAML 1.1 would read the municipality code 092 as the float 92.0, the language code
    `no` as False and 8:00 as 480; pydantic converts the strings to the types the model wants.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class _Dumper(yaml.SafeDumper):
    """Block style, Unicode kept, multi-line strings as `|` blocks: readable git diffs."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def split_record_text(text: str, path: str) -> tuple[dict[str, Any], dict[str, str]]:
    """Split a record file into its front matter dict and its description per language."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        raise RecordFileError([RecordError(
            path, "(file)", "the file must start with a line '---', the record's fields, and another '---'"
        )])
    try:
        data = yaml.load(match.group(1) or "", Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 2}"  # +1 for 1-based, +1 for the opening '---'
        problem = getattr(exc, "problem", None) or str(exc)
        raise RecordFileError([RecordError(path, "(front matter)", f"YAML syntax error{where}: {problem}")]) from None
    if not isinstance(data, dict):
        raise RecordFileError([RecordError(path, "(front matter)", "must be a list of 'field: value' lines")])
    if "description" in data:
        raise RecordFileError([RecordError(
            path, "description", "write the description below the second '---', after a '::: fi' line"
        )])
    return data, _split_descriptions(text[match.end():], path)


def _split_descriptions(body: str, path: str) -> dict[str, str]:
    markers = list(_LANG_MARKER_RE.finditer(body))
    if not markers:
        return {"fi": body.strip()} if body.strip() else {}
    errors = []
    if body[: markers[0].start()].strip():
        errors.append(RecordError(path, "description", "text before the first '::: fi' (or sv/en) line"))
    sections: dict[str, str] = {}
    for index, marker in enumerate(markers):
        lang = marker.group(1)
        end = markers[index + 1].start() if index + 1 < len(markers) else len(body)
        if lang not in CONTENT_LANGUAGES:
            errors.append(RecordError(path, "description", f"'::: {lang}' is not a language; use fi, sv or en"))
        elif lang in sections:
            errors.append(RecordError(path, "description", f"'::: {lang}' appears twice"))
        else:
            sections[lang] = body[marker.end():end].strip()
    if errors:
        raise RecordFileError(errors)
    return {lang: text for lang, text in sections.items() if text}


def errors_from_validation(exc: ValidationError, path: str) -> list[RecordError]:
    """Turn pydantic's errors into RecordErrors with dotted field paths (`locations[0].latitude`)."""
    result = []
    for err in exc.errors(include_url=False):
        field = ""
        for part in err["loc"]:
            if isinstance(part, int):
                field += f"[{part}]"
            elif not part.startswith(("function-", "function[")) and part not in ("str", "list[str]"):
                field += ("." if field else "") + part
        message = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field (check the spelling; docs/content-format.md lists the fields)"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "literal_error":
            message = f"'{err.get('input')}' is not allowed; {message.lower()}"
        elif err["type"] not in ("value_error", "assertion_error"):
            message = f"{message} (got {err.get('input')!r})"
        result.append(RecordError(path, field or "(record)", message))
    return result


def parse_record(text: str, path: str, config: TrayConfig) -> Record:
    """Parse and validate one record file; raise RecordFileError listing all problems in it."""
    data, descriptions = split_record_text(text, path)
    if descriptions:
        data["description"] = descriptions
    try:
        record = validate_record(data, config)
    except ValidationError as exc:
        raise RecordFileError(errors_from_validation(exc, path)) from None
    expected_stem = record.id
    if Path(path).stem != expected_stem:
        raise RecordFileError([RecordError(path, "id", f"the file must be named {expected_stem}.md after its id")])
    return record


def read_record(path: Path, config: TrayConfig, display_path: str | None = None) -> Record:
    """Read one record file from disk."""
    return parse_record(path.read_text(encoding="utf-8"), display_path or str(path), config)


def dump_record(record: Record) -> str:
    """The canonical file text of a record: deterministic, readable, round-trips through parse."""
    data = record.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    descriptions = data.pop("description", {})
    front = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)
    parts = [f"---\n{front}---\n"]
    for lang in CONTENT_LANGUAGES:
        if descriptions.get(lang):
            parts.append(f"\n::: {lang}\n{descriptions[lang].strip()}\n")
    return "".join(parts)
