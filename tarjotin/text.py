"""Small text helpers shared by the readers and the importers: control characters, excerpts.

Content files are hand-written or imported text that ends up in HTML, JSON and PDFs. Control
characters (NUL, escape, the C1 range …) have no meaning there and break or spoof the output:
importers remove them (`strip_control_chars`), the readers refuse them in hand-written files.
Error messages quote what an editor wrote, but never more than a short excerpt of it.
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

#: Unicode control characters (category Cc) except tab and newline. Carriage returns are
#: normalised to newlines by the readers before this applies.
CONTROL_CHAR_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: Longest quotation of an input value in an error message.
EXCERPT_LENGTH = 80

_repr = reprlib.Repr()
_repr.maxstring = _repr.maxother = EXCERPT_LENGTH
_repr.maxlist = _repr.maxdict = _repr.maxset = _repr.maxtuple = 4
_repr.maxlevel = 2


def strip_control_chars(text: str) -> str:
    """`text` without control characters; CR LF and lone CR become LF, tab and LF stay."""
    return CONTROL_CHAR_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def char_name(char: str) -> str:
    """`U+0000`: how an error message names an invisible character."""
    return f"U+{ord(char):04X}"


def control_char_message(char: str) -> str:
    return f"contains the control character {char_name(char)}; remove it"


def excerpt(value: Any, limit: int = EXCERPT_LENGTH) -> str:
    """A short, printable quotation of `value` for an error message (repr form, cut with …)."""
    text = _repr.repr(value) if not isinstance(value, str) else repr(value[: limit + 1])
    text = CONTROL_CHAR_RE.sub(lambda m: char_name(m.group()), text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label(name: str, limit: int = 40) -> str:
    """A field or file name as shown in an error line: control characters, tabs and newlines
    become `?` (one error stays one line), cut to `limit` characters."""
    return cut(CONTROL_CHAR_RE.sub("?", name.replace("\n", "?").replace("\t", "?")), limit)


def cut(text: str, limit: int) -> str:
    """`text`, cut to at most `limit` characters with …"""
    return text if len(text) <= limit else text[: limit - 1] + "…"
