"""Clean text from outside sources: plain text for titles and summaries, safe Markdown for
descriptions.

Sources send "Markdown-ish plain text". PTV, for instance, turns its rich text into a minimal
Markdown: unordered items `* text` (or `- text`), ordered items `1. text`, headings `### text`,
one block per line. `minimal_markdown_to_safe` keeps exactly those structures and escapes
everything else, so that text which merely *looks like* markup (`<b>`, `[x](javascript:…)`,
`**`, `<https://…>`, a line starting with `#` or `2024.`) is shown as the characters it is.
The site renders descriptions with `tarjotin.safe_markdown` as a second layer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from tarjotin.config import UI_LANGUAGES, TrayConfig
from tarjotin.text import CONTROL_CHAR_RE, strip_control_chars

#: The languages a missing text is taken from first, in order (other content languages follow).
#: Which languages an importer keeps at all is configuration: `content_languages(config)`.
LANGS = UI_LANGUAGES


def content_languages(config: TrayConfig) -> tuple[str, ...]:
    """The languages an importer keeps texts in (`languages.content`: fi, sv, en and e.g. the Sámi
    languages se, smn, sms); texts in other languages are left out of the records."""
    return tuple(config.languages.content)

# Characters that are Markdown syntax anywhere in a line. `>` is escaped too: that breaks
# autolinks (<https://…>, <a@b.fi>) and blockquotes. `<` needs no escape: raw HTML is shown as
# text by the renderer, and an HTML-looking tag cannot close without `>`.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]>])")
_BULLET = re.compile(r"^\s*[*\-•]\s+(.*)$")
_ORDERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
_HEADING = re.compile(r"^\s*###\s+(.*?)\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_DESCRIPTION_MARKER = re.compile(r"^:::")


def first_text(texts: Mapping[str, str]) -> str:
    """The text in the first language that has one (fi, sv, en, then the others by code); "" when none has."""
    for lang in [*LANGS, *sorted(set(texts) - set(LANGS))]:
        if texts.get(lang):
            return texts[lang]
    return ""


def slugify(text: str) -> str:
    """"Uimahallit – Vantaan kaupunki" → "uimahallit-vantaan-kaupunki" (ä → a, ö → o, å → a)."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def clean_plain(text: str | None, *, single_line: bool = True) -> str | None:
    """Normalise plain text: NFC, no control characters, collapsed spaces; None when empty."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if single_line:
        text = _SPACES.sub(" ", text.replace("\n", " ")).strip()
    else:
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text or None


def without_control_characters(value: Any) -> Any:
    """`value` (a record's data: dicts, lists, strings, numbers) with control characters removed
    from every string, keys included; tab and newline stay, CR LF and CR become newlines. The
    importers' last step before validation, so that no field (a phone, a URL, an address) can
    carry a NUL or an escape into the site's HTML and JSON."""
    if isinstance(value, str):
        # One definition of "control character" for importers and readers (tarjotin/text.py).
        return strip_control_chars(value) if CONTROL_CHAR_RE.search(value) else value
    if isinstance(value, dict):
        return {without_control_characters(k): without_control_characters(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(without_control_characters(v) for v in value)
    return value


def escape_inline(text: str) -> str:
    """Escape Markdown syntax inside one line of text."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _escape_line_start(text: str) -> str:
    """Escape what would start a block structure at the beginning of a paragraph line."""
    if re.match(r"^[#+\-=]", text):
        return "\\" + text
    match = re.match(r"^(\d+)([.)])(\s|$)", text)
    if match:
        return f"{match.group(1)}\\{match.group(2)}{text[match.end(2):]}"
    if _DESCRIPTION_MARKER.match(text):
        # "::: xx" lines separate the languages of a record file; keep such text from being one.
        return "\u2060" + text
    return text


#: Public name for other converters (importers/common/html.py).
escape_line_start = _escape_line_start


def minimal_markdown_to_safe(text: str | None) -> str | None:
    """Convert minimal Markdown (lists, `###` headings, one block per line) to safe Markdown.

    Each input line is a block: a heading, a list item or a paragraph. Consecutive list items
    of the same kind form one list; paragraphs and lists are separated by blank lines. All
    other Markdown and HTML-looking text is escaped so that it renders literally.
    """
    text = clean_plain(text, single_line=False)
    if not text:
        return None
    blocks: list[tuple[str, str]] = []  # (kind, markdown line)
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            blocks.append(("blank", ""))
            continue
        if match := _HEADING.match(line):
            content = match.group(1).strip()
            if content:
                blocks.append(("heading", "### " + escape_inline(content)))
            continue
        if match := _BULLET.match(line):
            content = match.group(1).strip()
            if content:
                blocks.append(("ul", "- " + _escape_line_start(escape_inline(content))))
            continue
        if match := _ORDERED.match(line):
            content = match.group(2).strip()
            if content:
                blocks.append(("ol", f"{int(match.group(1))}. " + _escape_line_start(escape_inline(content))))
            continue
        blocks.append(("p", _escape_line_start(escape_inline(line))))
    out: list[str] = []
    previous = None
    for kind, line in blocks:
        if kind == "blank":
            previous = None
            continue
        same_list = kind in ("ul", "ol") and kind == previous
        if out and not same_list:
            out.append("")
        out.append(line)
        previous = kind
    return "\n".join(out).strip() or None
