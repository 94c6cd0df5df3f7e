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

from .config import TrayConfig
from .model import Record, validate_record
from .safe_yaml import load_mapping, top_level_key
from .text import CONTROL_CHAR_RE, control_char_message, cut, excerpt, label

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_LANG_MARKER_RE = re.compile(r"^:::[ \t]*(\S+)[ \t]*$", re.M)
#: A description section's language: any ISO 639 code; the model checks it is configured.
_LANG_CODE_RE = re.compile(r"^[a-z]{2,3}$")


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


class _Dumper(yaml.SafeDumper):
    """Block style, Unicode kept, multi-line strings as `|` blocks: readable git diffs."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


#: Largest content file read, in bytes: records are a few kilobytes; a bigger file is an accident.
MAX_FILE_BYTES = 1_000_000
#: Most errors listed per file: the same mistake repeated 10,000 times needs saying once.
MAX_ERRORS_PER_FILE = 20
#: Longest error message: values are quoted as short excerpts, this is the last safety net.
MAX_MESSAGE_LENGTH = 300


def read_text(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> str:
    """The text of a content file with LF newlines; RecordFileError when it cannot be read as
    UTF-8 text (not a regular file, too big, unreadable, not UTF-8)."""
    def fail(message: str) -> RecordFileError:
        return RecordFileError([RecordError(shown, "(file)", message)])

    try:
        if not path.is_file():
            raise fail("is not a regular file")
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or type(exc).__name__}") from None
    if len(raw) > limit:
        raise fail(f"is larger than {limit // 1000} kB; a content file is a few kilobytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at line {line}); save it as UTF-8") from None
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """CR LF and lone CR (both line breaks in YAML and Markdown) become LF; a BOM is dropped."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def limit_errors(errors: list[RecordError]) -> list[RecordError]:
    """At most MAX_ERRORS_PER_FILE errors, the last one saying how many more there were."""
    if len(errors) <= MAX_ERRORS_PER_FILE:
        return errors
    kept = errors[: MAX_ERRORS_PER_FILE - 1]
    more = len(errors) - len(kept)
    return kept + [RecordError(kept[-1].path, "(file)", f"… and {more} more errors in this file")]


@dataclass
class RecordText:
    """A record file read as far as possible: fields, descriptions and the problems found."""

    data: dict[str, Any]
    descriptions: dict[str, str]
    errors: list[RecordError]
    unparsed: set[str]
    """Top-level fields whose YAML did not parse ("(front matter)" when none did)."""


def read_record_text(text: str, path: str) -> RecordText:
    """Split a record (or theme/page) file into front matter and descriptions, collecting every
    problem instead of stopping at the first: a broken field's lines are reported with their
    line number and the remaining fields and sections are still read."""
    text = normalise_newlines(text)
    cleaned = CONTROL_CHAR_RE.sub("", text)
    match = _FRONT_MATTER_RE.match(cleaned)
    if not match:
        return RecordText({}, {}, [RecordError(
            path, "(file)", "the file must start with a line '---', the record's fields, and another '---'"
        )], {"(front matter)"})
    # Most files have no control character at all: the line-by-line search is for those that do.
    errors = _raw_control_chars(text, path, cleaned[: match.end()].count("\n")) if len(cleaned) != len(text) else []
    front = match.group(1) or ""
    mapping = load_mapping(front, first_line=2)  # line 1 is the opening '---'
    for field, problem in mapping.problems:
        errors.append(RecordError(path, "(front matter)" if field == "(file)" else _field_name(field), str(problem)))
    unparsed = {"(front matter)" if field == "(file)" else _field_name(field) for field in mapping.unparsed}
    data = mapping.data
    if "description" in data:
        errors.append(RecordError(path, "description", "write the description below the second '---', after a '::: fi' line"))
        del data["description"]
        unparsed.add("description")
    if "\\" in front:  # the text has none (cleaned above): only an escape ("\\0") can write one
        errors += control_char_errors(data, path)
    descriptions, body_errors = _split_descriptions(cleaned[match.end():], path)
    return RecordText(data, descriptions, errors + body_errors, unparsed)


def split_record_text(text: str, path: str) -> tuple[dict[str, Any], dict[str, str]]:
    """Split a record file into its front matter dict and its description per language;
    RecordFileError lists every problem found."""
    parts = read_record_text(text, path)
    if parts.errors:
        raise RecordFileError(limit_errors(parts.errors))
    return parts.data, parts.descriptions


def control_char_errors(value: Any, path: str, field: str = "") -> list[RecordError]:
    """Errors for control characters in the strings (and keys) of parsed YAML data: the ones
    written as escapes ("\0"); raw ones are reported by line before parsing."""
    if isinstance(value, str):
        found = CONTROL_CHAR_RE.search(value)
        return [RecordError(path, field or "(record)", control_char_message(found.group()))] if found else []
    errors: list[RecordError] = []
    if isinstance(value, dict):
        for key, item in value.items():
            name = _field_name(str(key))
            if CONTROL_CHAR_RE.search(str(key)):
                errors.append(RecordError(path, field or "(record)", "a field name " + control_char_message(
                    CONTROL_CHAR_RE.search(str(key)).group())))
                continue
            errors += control_char_errors(item, path, f"{field}.{name}" if field else name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            errors += control_char_errors(item, path, f"{field}[{index}]")
    return errors


def _field_name(name: str) -> str:
    return label(name)


def _raw_control_chars(text: str, path: str, front_lines: int) -> list[RecordError]:
    """One error per line that holds a control character, naming the field or section."""
    errors = []
    field = "(front matter)"
    for number, line in enumerate(text.split("\n")):
        if number < front_lines:
            key = top_level_key(line) if number else None
            field = _field_name(key) if key is not None else field
        else:
            marker = _LANG_MARKER_RE.match(line)
            field = f"description.{_field_name(marker.group(1))}" if marker else (
                field if field.startswith("description") else "description")
        found = CONTROL_CHAR_RE.search(line)
        if found:
            errors.append(RecordError(path, field, f"line {number + 1} {control_char_message(found.group())}"))
    return errors


def _split_descriptions(body: str, path: str) -> tuple[dict[str, str], list[RecordError]]:
    markers = list(_LANG_MARKER_RE.finditer(body))
    if not markers:
        return ({"fi": body.strip()} if body.strip() else {}), []
    errors = []
    if body[: markers[0].start()].strip():
        errors.append(RecordError(path, "description", "text before the first '::: fi' (or sv/en) line"))
    sections: dict[str, str] = {}
    for index, marker in enumerate(markers):
        lang = marker.group(1)
        end = markers[index + 1].start() if index + 1 < len(markers) else len(body)
        if not _LANG_CODE_RE.match(lang):
            errors.append(RecordError(path, "description", f"{excerpt('::: ' + lang, 40)} is not a language; "
                                      "use an ISO 639 code such as fi, sv, en or se"))
        elif lang in sections:
            errors.append(RecordError(path, "description", f"'::: {lang}' appears twice"))
        else:
            sections[lang] = body[marker.end():end].strip()
    return {lang: text for lang, text in sections.items() if text}, errors


def errors_from_validation(exc: ValidationError, path: str) -> list[RecordError]:
    """Turn pydantic's errors into RecordErrors with dotted field paths (`locations[0].latitude`).
    Echoed values are cut to short excerpts: an error must never repeat a whole input."""
    result = []
    for err in exc.errors(include_url=False):
        field = ""
        for part in err["loc"]:
            if isinstance(part, int):
                field += f"[{part}]"
            elif not str(part).startswith(("function-", "function[")) and part not in ("str", "list[str]"):
                field += ("." if field else "") + _field_name(str(part))
        if err["type"] == "content_language":  # a text in a language the site does not configure
            field += f".{err['ctx']['lang']}"
        message = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field (check the spelling; docs/content-format.md lists the fields)"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "literal_error":
            message = f"{excerpt(err.get('input'))} is not allowed; {message.lower()}"
        elif err["type"] not in ("value_error", "assertion_error", "content_language"):
            message = f"{message} (got {excerpt(err.get('input'))})"
        result.append(RecordError(path, field or "(record)", cut(CONTROL_CHAR_RE.sub("", message), MAX_MESSAGE_LENGTH)))
    return result


def check_record(data: dict[str, Any], path: str, config: TrayConfig, errors: list[RecordError] = (),
                 unparsed: set[str] = frozenset()) -> Record:
    """Validate record data read from `path`; raise RecordFileError with the problems found while
    reading (`errors`) and every validation error. Fields in `unparsed` are reported already:
    they are not called missing, and rules across fields are not checked without them."""
    errors = list(errors)
    record = None
    if "(front matter)" not in unparsed:
        try:
            record = validate_record(data, config)
        except ValidationError as exc:
            found = errors_from_validation(exc, path)
            if unparsed:
                found = [e for e in found if e.field != "(record)" and re.split(r"[.\[]", e.field)[0] not in unparsed]
            errors += found
    if errors or record is None:
        raise RecordFileError(limit_errors(errors or [RecordError(path, "(file)", "cannot be read")]))
    return record


def parse_record(text: str, path: str, config: TrayConfig) -> Record:
    """Parse and validate one record file; raise RecordFileError listing all problems in it."""
    parts = read_record_text(text, path)
    data = dict(parts.data)
    if parts.descriptions:
        data["description"] = parts.descriptions
    record = check_record(data, path, config, parts.errors, parts.unparsed)
    expected_stem = record.id
    if Path(path).stem != expected_stem:
        raise RecordFileError([RecordError(path, "id", f"the file must be named {expected_stem}.md after its id")])
    return record


def read_record(path: Path, config: TrayConfig, display_path: str | None = None) -> Record:
    """Read one record file from disk."""
    shown = display_path or str(path)
    return parse_record(read_text(path, shown), shown, config)


def dump_record(record: Record) -> str:
    """The canonical file text of a record: deterministic, readable, round-trips through parse."""
    data = record.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    descriptions = data.pop("description", {})
    front = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)
    parts = [f"---\n{front}---\n"]
    for lang, text in descriptions.items():  # fi, sv, en, then other languages by code
        if text:
            parts.append(f"\n::: {lang}\n{text.strip()}\n")
    return "".join(parts)
