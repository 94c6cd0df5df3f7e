"""The YAML reader for content files: plain data only, bounded in size and depth.

Record front matter, overrides and merges.yml are read with `load`. Compared with
`yaml.safe_load` it

* keeps scalars as strings (except null): `092`, `no` and `08:00` stay text, and pydantic
  converts them to the types the model wants (plain YAML 1.1 would read 092 as 92.0, the
  language code `no` as False and 8:00 as 480);
* refuses anchors, aliases and tags (`&a`, `*a`, `!!int`): content never needs them, and eight
  nested aliases in a 450-byte file expand to gigabytes ("billion laughs");
* refuses duplicate keys, which YAML would otherwise resolve silently to the last one;
* refuses nesting deeper than MAX_DEPTH before building anything, so `[[[[…` cannot exhaust
  the stack (libyaml's own composer is recursive C and crashes on deep input).

Parsing stays in libyaml (fast, streaming). A plain-data document is built straight from its
events (`_load_plain`), which gives up at the first thing that may be refused; such text is read
again by the composers, which say why: text that could hold anchors or deep nesting is composed
in Python, which stops at the first alias or at MAX_DEPTH; other text is composed by libyaml and
the tree is then checked for the same things (see "the fast path" below).
`load_mapping` reads a mapping of fields and, after a syntax error, each top-level field alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import (AliasEvent, CollectionStartEvent, DocumentEndEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
from yaml.nodes import MappingNode, ScalarNode
from yaml.resolver import Resolver

from .text import CONTROL_CHAR_RE, cut, excerpt

#: Deepest nesting of lists and mappings (a record needs 6: locations[0].opening_hours.exceptions[0].note).
MAX_DEPTH = 20

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"

try:
    from yaml.cyaml import CParser as _CParser  # libyaml, in every PyYAML wheel
except ImportError:  # pragma: no cover - only without libyaml
    _CParser = None
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner


class _Composer(Composer):
    """Build nodes from parser events, refusing what content files must not contain."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise ComposerError(None, None, f"an alias (*{cut(event.anchor, 40)}) is not allowed; write the value out", event.start_mark)
        if event.anchor is not None:
            raise ComposerError(None, None, f"an anchor (&{cut(event.anchor, 40)}) is not allowed; write the value out", event.start_mark)
        if event.tag is not None:
            raise ComposerError(None, None, f"a tag ({cut(event.tag, 40)}) is not allowed; write plain values", event.start_mark)
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor: Any) -> MappingNode:
        node = super().compose_mapping_node(anchor)
        _check_keys(node)
        return node


if _CParser is not None:
    class Loader(_Composer, _CParser, SafeConstructor, Resolver):  # type: ignore[misc,valid-type]
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
else:  # pragma: no cover
    class Loader(Reader, Scanner, Parser, _Composer, SafeConstructor, Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


# Only null is resolved implicitly; everything else stays a string (see the module docstring).
Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == _NULL_TAG]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


# --- the fast path -------------------------------------------------------------------------
#
# Composing in Python costs about 2 ms per record file; libyaml's C composer is three times
# faster but recursive (it crashes at ~50,000 levels) and expands aliases. Text that cannot
# nest deeper than _C_SAFE_DEPTH and has no `&`, `*` or `!` where a token starts is composed in
# C and then checked node by node for everything the Python composer refuses; other text takes
# the Python composer. The check alone is enough for safety: the pre-test only picks the path.

#: Upper bound of nesting for the C composer (it handled 20,000 levels in tests).
_C_SAFE_DEPTH = 1000
_MAY_HAVE_ANCHORS_RE = re.compile(r"(?:^|[\s\[\]{},:?-])[&*!]")
_SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"

if _CParser is not None:
    class _FastLoader(_CParser, Resolver):  # type: ignore[misc,valid-type]
        """libyaml's parser and composer; the values are built by `_plain`."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            Resolver.__init__(self)

    _FastLoader.yaml_implicit_resolvers = Loader.yaml_implicit_resolvers


def _depth_bound(text: str) -> int:
    # Each level of nesting needs a bracket, a new line or a `-`/`?` indicator.
    return sum(text.count(char) for char in "[{\n-?") + 1


def _check_tree(root: Any) -> None:
    """Refuse what _Composer refuses, in a tree composed by libyaml (aliases show as shared nodes)."""
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise ComposerError(None, None, "an alias (*…) is not allowed; write the value out", node.start_mark)
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.tag not in (_STR_TAG, _NULL_TAG):
                raise ComposerError(None, None, f"a tag ({cut(node.tag, 40)}) is not allowed; write plain values", node.start_mark)
            continue
        if node.tag != (_MAP_TAG if isinstance(node, MappingNode) else _SEQ_TAG):
            raise ComposerError(None, None, f"a tag ({cut(node.tag, 40)}) is not allowed; write plain values", node.start_mark)
        if depth + 1 > MAX_DEPTH:
            raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", node.start_mark)
        if isinstance(node, MappingNode):
            _check_keys(node)
            children = [child for pair in node.value for child in pair]
        else:
            children = node.value
        stack.extend((child, depth + 1) for child in reversed(children))


def _plain(node: Any) -> Any:
    """The value of a tree `_check_tree` passed: only strings, nulls, lists and mappings with
    string keys are left, so this is what SafeConstructor would build, without its generators
    (a third of the time of reading a record). The depth is at most MAX_DEPTH."""
    if isinstance(node, ScalarNode):
        return None if node.tag == _NULL_TAG else node.value
    if isinstance(node, MappingNode):
        return {key.value: _plain(value) for key, value in node.value}
    return [_plain(child) for child in node.value]


def _check_keys(node: MappingNode) -> None:
    seen: set[str] = set()
    for key, _value in node.value:
        if not isinstance(key, ScalarNode) or key.tag != _STR_TAG:
            raise ComposerError(None, None, "a key must be a plain name (not empty, a list or a mapping)", key.start_mark)
        if key.value in seen:
            raise ComposerError(None, None, f"duplicate key {excerpt(key.value, 40)}; write each field once", key.start_mark)
        seen.add(key.value)


class _Refused(Exception):
    """`_load_plain` met something `load` may refuse: the composers above decide and say why."""


#: The plain scalars YAML reads as null (Resolver's null pattern), the only type resolved here.
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))


def _load_plain(text: str) -> Any:
    """The value of a plain-data document, built straight from libyaml's events: no nodes, no
    resolver, no second pass over a tree (half the CPU time of `_load_composed`).

    Stricter than `_load_composed`: any anchor, alias or tag (even `!`), nesting deeper than
    MAX_DEPTH, a key that is not a string, a key written twice, a second document or a syntax
    error raises `_Refused` (or the parser's error) at once, and `load` then reads the text again
    with `_load_composed`, so every refused file gets the same message as before. What it accepts is
    exactly what they would build (tests/test_content_safety.py compares the two)."""
    parser = _CParser(text)
    try:
        next_event = parser.get_event
        next_event()  # the stream's start
        if type(next_event()) is StreamEndEvent:  # no document at all
            return None
        open_: list[tuple[Any, Any]] = []  # (collection, its pending key) of each enclosing level
        top: Any = None  # the collection being filled; None at the document's top level
        key: Any = None  # in a mapping: the key read, waiting for its value (None: a key is next)
        root: Any = None
        while True:
            event = next_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Refused
                value = None if event.implicit[0] and event.value in _NULL_WORDS else event.value
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if (event.anchor is not None or event.tag is not None or len(open_) >= MAX_DEPTH
                        or (type(top) is dict and key is None)):  # a list or mapping as a key
                    raise _Refused
                open_.append((top, key))
                top, key = ({} if kind is MappingStartEvent else []), None
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = top
                top, key = open_.pop()
            elif kind is DocumentEndEvent:
                break
            else:  # an alias
                raise _Refused
            if top is None:
                root = value
            elif type(top) is list:
                top.append(value)
            elif key is None:
                if type(value) is not str or value in top:
                    raise _Refused
                key = value
            else:
                top[key] = value
                key = None
        if type(next_event()) is not StreamEndEvent:
            raise _Refused  # a second document
        return root
    finally:
        parser.dispose()


def load(text: str) -> Any:
    """Parse one YAML document; raise yaml.YAMLError (with `problem_mark`) when it is refused."""
    if _CParser is not None:
        try:
            return _load_plain(text)
        except (_Refused, yaml.YAMLError):
            pass  # read again, for the exact reason
    return _load_composed(text)


def _load_composed(text: str) -> Any:
    """`load` by composing a tree of nodes: slower, and the one that words every refusal."""
    if _CParser is not None and _depth_bound(text) <= _C_SAFE_DEPTH and not _MAY_HAVE_ANCHORS_RE.search(text):
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_tree(node)
            return _plain(node)
        finally:
            loader.dispose()
    return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a SafeConstructor


@dataclass
class YamlProblem:
    """A YAML error in words: 1-based line in the file (None when unknown) and what is wrong."""

    line: int | None
    message: str
    syntax: bool = True
    """False for a well-formed document of the wrong shape (a list where fields belong)."""

    def __str__(self) -> str:
        if not self.syntax:
            return self.message
        where = f" at line {self.line}" if self.line is not None else ""
        return f"YAML syntax error{where}: {self.message}"


def problem(exc: yaml.YAMLError, text: str, first_line: int = 1) -> YamlProblem:
    """Describe `exc` raised for `text`, whose first line is line `first_line` of the file."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    message = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context_mark = getattr(exc, "context_mark", None)
    if context_mark is not None and mark is not None and mark.index >= len(text.rstrip()):
        mark = context_mark  # "expected ']' but got <stream end>": the line where the list opened
    if mark is None:
        return YamlProblem(None, cut(message, 200))
    message = message.replace("but got '<stream end>'", "but the text ended")
    lines = text.split("\n")
    line = mark.line
    while line > 0 and (line >= len(lines) or not lines[line].strip()):
        line -= 1  # an error at the end of the text belongs to its last line, not the blank after it
    source_line = lines[line] if line < len(lines) else ""
    indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    if "\t" in indent or "'\t'" in message:
        message = "a tab in the indentation; YAML indents with spaces only"
    return YamlProblem(line + first_line, cut(CONTROL_CHAR_RE.sub("", message), 200))


#: A top-level `key:` line of a mapping (the start of one field's lines).
TOP_KEY_RE = re.compile(r"^(?P<key>[^\s#:'\"\[\]{}&*!|>%@`-][^:]*|'[^']*'|\"[^\"]*\"):(?:[ \t]|$)")


def top_level_key(line: str) -> str | None:
    """The key when `line` starts a top-level `key:` field, else None."""
    match = TOP_KEY_RE.match(line)
    return match.group("key").strip().strip("'\"") if match else None


@dataclass
class Mapping:
    """A YAML mapping read as far as possible: what parsed, and what did not."""

    data: dict[str, Any]
    problems: list[tuple[str, YamlProblem]]
    """(field, problem): `field` is the top-level key whose lines did not parse, or "(file)"."""

    @property
    def unparsed(self) -> set[str]:
        return {name for name, _ in self.problems}


def load_mapping(text: str, first_line: int = 1) -> Mapping:
    """Read a YAML mapping of fields; after a syntax error, read each top-level field alone.

    One tab or stray quote must not hide every other problem in the file: when the whole text
    does not parse, each top-level `key:` block is parsed on its own, so the editor learns which
    field's lines are broken and the remaining fields are still validated.
    """
    try:
        data = load(text)
    except yaml.YAMLError as exc:
        whole = problem(exc, text, first_line)
    else:
        if data is None:
            return Mapping({}, [])
        if not isinstance(data, dict):
            return Mapping({}, [("(file)", YamlProblem(None, "must be a list of 'field: value' lines", syntax=False))])
        return Mapping(data, [])
    blocks = _top_level_blocks(text)
    if len(blocks) < 2:
        return Mapping({}, [("(file)", whole)])
    data: dict[str, Any] = {}
    problems: list[tuple[str, YamlProblem]] = []
    for key, start, block in blocks:
        try:
            part = load(block)
        except yaml.YAMLError as exc:
            problems.append((key, problem(exc, block, first_line + start)))
            continue
        if not isinstance(part, dict) or len(part) != 1:
            problems.append((key, YamlProblem(first_line + start, "cannot read this field")))
            continue
        name = next(iter(part))
        if name in data:
            problems.append((name, YamlProblem(first_line + start, f"duplicate key {excerpt(name, 40)}; write each field once")))
            continue
        data.update(part)
    return Mapping(data, problems or [("(file)", whole)])


def _top_level_blocks(text: str) -> list[tuple[str, int, str]]:
    """(key, 0-based first line, text) of each top-level `key:` block; [] when the text has
    lines before the first key that belong to none."""
    lines = text.split("\n")
    starts = []
    for number, line in enumerate(lines):
        key = top_level_key(line)
        if key is not None:
            starts.append((key, number))
        elif number == 0 or not starts:
            if line.strip() and not line.lstrip().startswith("#"):
                return []
    blocks = []
    for index, (key, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(lines)
        blocks.append((key, start, "\n".join(lines[start:end]) + "\n"))
    return blocks
