"""Editors' search synonyms and concepts: `content/search/synonyms.<lang>.yml`, one file per language.

```yaml
version: 1
concepts:
  - words: [rahapula, rahahuolet, velat]            # what a resident types
    means: [velkaneuvonta, talousneuvonta]          # the terms the services use
```

A record whose indexed text has one of the `means` terms (every word of it, as a word or inside a
compound) gets every `words` and `means` term in its search field `concepts`, at build time
(plugins/search_index/encode.py): "rahapula" then finds the debt advice services and
"talousneuvonta" the "velkaneuvonta" ones. The browser does nothing extra. `check` and the
build report every problem as `<file>:<line>: <field>: <reason>`; docs/search.md and
docs/toimittajan-opas.md describe the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .recordfile import RecordError

FORMAT_VERSION = 1
FOLDER = "search"
NAME = re.compile(r"^synonyms\.([a-z]{2,3})\.yml$")
MAX_CONCEPTS = 5000
MAX_TERMS = 50          # words or means of one concept
MAX_CHARS = 80          # one word or phrase


@dataclass(frozen=True)
class Concept:
    """Everyday words (`words`) that mean what services call `means`; line: where it is written."""

    words: tuple[str, ...]
    means: tuple[str, ...]
    line: int = 0


def _strings(node, shown: str, where: str, errors: list[RecordError]) -> tuple[str, ...]:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        node = yaml.SequenceNode("tag:yaml.org,2002:seq", [node])   # one word without brackets
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        errors.append(RecordError(f"{shown}:{line}", where, "give a list of words, e.g. [rahapula, velat]"))
        return ()
    out = []
    for item in node.value:
        item_line = item.start_mark.line + 1
        if not isinstance(item, yaml.ScalarNode) or not isinstance(item.value, str) or not item.value.strip():
            errors.append(RecordError(f"{shown}:{item_line}", where, "each entry must be a word or a phrase"))
        elif len(item.value) > MAX_CHARS:
            errors.append(RecordError(f"{shown}:{item_line}", where, f"longer than {MAX_CHARS} characters"))
        elif any(ch in item.value for ch in "\n\t") or any(ord(ch) < 32 for ch in item.value):
            errors.append(RecordError(f"{shown}:{item_line}", where, "control characters are not allowed"))
        else:
            out.append(item.value.strip())
    if len(out) > MAX_TERMS:
        errors.append(RecordError(f"{shown}:{line}", where, f"more than {MAX_TERMS} entries; split the concept"))
    return tuple(out)


def parse_synonyms(text: str, shown: str) -> tuple[list[Concept], list[RecordError]]:
    """The concepts of one file and every problem found in it (never raises)."""
    errors: list[RecordError] = []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or "not valid YAML"
        return [], [RecordError(f"{shown}:{line}", "(file)", f"not valid YAML: {reason}")]
    if root is None:
        return [], [RecordError(f"{shown}:1", "(file)", "empty; write `version: 1` and `concepts:`")]
    if not isinstance(root, yaml.MappingNode):
        return [], [RecordError(f"{shown}:{root.start_mark.line + 1}", "(file)", "must be a mapping with version and concepts")]
    keys = {}
    for key, value in root.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else "?"
        if name not in ("version", "concepts"):
            errors.append(RecordError(f"{shown}:{key.start_mark.line + 1}", str(name)[:40],
                                      "unknown key; the file has only version and concepts"))
        keys[name] = value
    version = keys.get("version")
    if version is None or not isinstance(version, yaml.ScalarNode) or version.value != str(FORMAT_VERSION):
        line = version.start_mark.line + 1 if version is not None else 1
        errors.append(RecordError(f"{shown}:{line}", "version", f"must be {FORMAT_VERSION} (the format of this file)"))
    items = keys.get("concepts")
    if items is None:
        errors.append(RecordError(f"{shown}:1", "concepts", "missing: the list of concepts"))
        return [], errors
    if not isinstance(items, yaml.SequenceNode):
        errors.append(RecordError(f"{shown}:{items.start_mark.line + 1}", "concepts", "must be a list of concepts"))
        return [], errors
    if len(items.value) > MAX_CONCEPTS:
        errors.append(RecordError(f"{shown}:{items.start_mark.line + 1}", "concepts", f"more than {MAX_CONCEPTS} concepts"))
        return [], errors
    concepts = []
    for number, item in enumerate(items.value, start=1):
        line = item.start_mark.line + 1
        where = f"concepts[{number}]"
        if not isinstance(item, yaml.MappingNode):
            errors.append(RecordError(f"{shown}:{line}", where, "a concept is `- words: [...]` and `means: [...]`"))
            continue
        fields = {}
        for key, value in item.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            if name not in ("words", "means"):
                errors.append(RecordError(f"{shown}:{key.start_mark.line + 1}", f"{where}.{str(name)[:40]}",
                                          "unknown key; a concept has words and means"))
            else:
                fields[name] = value
        found = {}
        for name in ("words", "means"):
            if name not in fields:
                errors.append(RecordError(f"{shown}:{line}", f"{where}.{name}", "missing"))
            else:
                found[name] = _strings(fields[name], shown, f"{where}.{name}", errors)
        if found.get("words") and found.get("means"):
            concepts.append(Concept(words=found["words"], means=found["means"], line=line))
    return concepts, errors


def load_synonyms(content_root: Path, languages: list[str]) -> tuple[dict[str, list[Concept]], list[RecordError]]:
    """Every `content/search/synonyms.<lang>.yml`: {language: concepts}, and the problems found."""
    folder = content_root / FOLDER
    out: dict[str, list[Concept]] = {}
    errors: list[RecordError] = []
    if not folder.is_dir():
        return out, errors
    for path in sorted(folder.glob("synonyms*")):
        shown = f"{content_root.name}/{FOLDER}/{path.name}"
        match = NAME.match(path.name)
        if not match:
            errors.append(RecordError(f"{shown}:1", "(file)", "name it synonyms.<language>.yml, e.g. synonyms.fi.yml"))
            continue
        lang = match.group(1)
        if lang not in languages:
            errors.append(RecordError(f"{shown}:1", "(file)", f"{lang} is not a UI language of the site ({', '.join(languages)})"))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(RecordError(f"{shown}:1", "(file)", f"cannot be read as UTF-8 text ({exc.__class__.__name__})"))
            continue
        concepts, found = parse_synonyms(text, shown)
        errors += found
        out[lang] = concepts
    return out, errors
