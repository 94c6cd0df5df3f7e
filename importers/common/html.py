"""Rich text that arrives as HTML (Lähellä.fi descriptions) → safe Markdown or plain text.

Two layers, so that nothing a source sends can run in the built site:

1. `nh3` (ammonia) cleans the HTML against a small allow-list: paragraphs, line breaks,
   strong/em/u, links, lists, headings, quotes. `<script>`, `<style>`, `<iframe>`, `<object>` …
   are removed *with their content*; event handlers (`onerror=`), `style`, `class` and every
   other attribute go; links keep only `http:`, `https:`, `mailto:` and `tel:` addresses, so a
   `javascript:` or `data:` link loses its address and becomes plain text.
2. The clean tree is written out as Markdown in which every piece of text is escaped
   (`escape_inline`): text that merely *looks like* markup (`<b>`, `[x](javascript:…)`, `**`,
   a line starting with `#`) stays the characters it is. Link addresses are checked again and
   written percent-encoded.

`tarjotin.safe_markdown` renders the result at build time as a third layer (raw HTML off, nh3).

Text that merely *spells* markup (`&lt;script&gt;`, "javascript:", "onerror=") is kept for the
reader but defanged with an invisible word joiner (U+2060): `<⁠script`, `javascript⁠:`, `onerror⁠=`.
It could not run anyway; this way not even a copy-paste or a careless later template can make
it work, and a plain search of the files and pages for such strings finds nothing.
"""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import nh3

from .text import clean_plain, escape_inline, escape_line_start

_ALLOWED_TAGS = {
    "p", "br", "div", "span", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
}
_DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
    "textarea", "select", "head", "title", "canvas", "audio", "video", "form", "button",
}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_BLOCK_TAGS = {"p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li"}
_HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")
_JOINER = "\u2060"
_DEFANG = (
    (re.compile(r"<(?=[A-Za-z/!?])"), "<" + _JOINER),
    (re.compile(r"(?i)\b((?:java|vb)script|data|livescript)(\s*):"), r"\1\2" + _JOINER + ":"),
    (re.compile(r"(?i)\b(on[a-z]{3,})(\s*)="), r"\1\2" + _JOINER + "="),
)
_HSPACES = re.compile(r"[ \t\u00a0]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")


def defang(text: str) -> str:
    """Insert a word joiner into text that spells a tag, a script address or an event handler."""
    for pattern, replacement in _DEFANG:
        text = pattern.sub(replacement, text)
    return text


# Built once: configuring a cleaner costs far more than using it (~130 µs against ~4 µs a text).
_CLEANER = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    clean_content_tags=_DROPPED_WITH_CONTENT,
    attributes={"a": {"href"}},
    url_schemes=_URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)


def sanitise_html(text: str) -> str:
    """The first layer: the allow-listed subset of the HTML (scripts and handlers removed)."""
    return _CLEANER.clean(text)


def safe_url(value: str | None) -> str | None:
    """An address that is safe to write into a Markdown link, or None."""
    if not value:
        return None
    value = html_lib.unescape(value).strip()
    if any(ch in value for ch in "\x00\n\r\t"):
        return None
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in _URL_SCHEMES:
        return None
    if scheme in ("http", "https") and not parts.netloc:
        return None
    if scheme in ("mailto", "tel") and not parts.path:
        return None
    # Characters that would end a Markdown link or start markup are percent-encoded.
    return quote(value, safe="/:?#@!$&'*+,;=%~.-_")


class _Converter(HTMLParser):
    """Cleaned HTML → a list of Markdown blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, int | None]] = []  # (markdown, top-level list number)
        self.list_number = 0
        self.line: list[str] = []
        self.lists: list[list[int | str]] = []  # stack of ["ul"|"ol", counter]
        self.link: str | None = None
        self.link_text: list[str] = []
        self.heading: int | None = None
        self.quote = 0
        self.pending_prefix = ""

    # --- helpers ---

    def _out(self) -> list[str]:
        return self.link_text if self.link is not None else self.line

    def _flush(self) -> None:
        text = "".join(self.line)
        self.line = []
        text = _HSPACES.sub(" ", text.replace("\r", " ").replace("\n", " ").replace("\x03", "\n")).strip()
        text = re.sub(r" *\n *", "\n", text)
        prefix, self.pending_prefix = self.pending_prefix, ""
        if not text:
            if prefix:
                self.pending_prefix = prefix  # an empty <li> start: wait for its text
            return
        lines = [escape_line_start(part.strip()) for part in text.split("\n") if part.strip()]
        if self.heading and not prefix:
            self.blocks.append(("#" * self.heading + " " + " ".join(lines), None))
            return
        if prefix:
            indent = " " * len(prefix)
            body = ("  \n" + indent).join(lines)
            self.blocks.append((prefix + body, self.list_number if self.lists else None))
            return
        body = "  \n".join(lines)
        if self.quote:
            body = "\n".join("> " + line for line in body.split("\n"))
        self.blocks.append((body, None))

    # --- parser callbacks ---

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADINGS:
            self.heading = _HEADINGS[tag]
        elif tag == "blockquote":
            self.quote += 1
        elif tag in ("ul", "ol"):
            if not self.lists:
                self.list_number += 1
            self.lists.append([tag, 0])
        elif tag == "li":
            depth = max(0, len(self.lists) - 1)
            kind, number = self.lists[-1] if self.lists else ["ul", 0]
            if self.lists:
                self.lists[-1][1] = int(number) + 1
            marker = f"{int(number) + 1}. " if kind == "ol" else "- "
            self.pending_prefix = "    " * depth + marker  # Python-Markdown nests by 4 spaces
        elif tag == "br":
            self._out().append("\x03")
        elif tag in ("strong", "b"):
            self._out().append("\x01")
        elif tag in ("em", "i"):
            self._out().append("\x02")
        elif tag == "a":
            href = dict(attrs).get("href")
            if self.link is None:
                self.link = safe_url(href) or ""
                self.link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("strong", "b"):
            self._out().append("\x01")
        elif tag in ("em", "i"):
            self._out().append("\x02")
        elif tag == "a" and self.link is not None:
            text = _emphasis(_SPACES.sub(" ", "".join(self.link_text)).strip())
            url, self.link = self.link, None
            if url and text:
                self.line.append(f"[{text}]({url})")
            elif url:
                self.line.append(f"[{escape_inline(url)}]({url})")
            else:
                self.line.append(text)
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADINGS:
            self.heading = None
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        self._out().append(escape_inline(defang(_CONTROL.sub("", data))))

    def close(self) -> None:
        super().close()
        if self.link is not None:
            self.handle_endtag("a")
        self._flush()


def _emphasis(text: str) -> str:
    """Turn the \x01 / \x02 markers into ** / *, dropping empty or unbalanced ones."""
    for marker, markdown in (("\x01", "**"), ("\x02", "*")):
        parts = text.split(marker)
        if len(parts) % 2 == 0:  # unbalanced: keep the text, drop the markers
            text = "".join(parts)
            continue
        out = []
        for index, part in enumerate(parts):
            if index % 2 == 1:
                inner = part.strip()
                if inner:
                    lead = " " if part[:1].isspace() else ""
                    trail = " " if part[-1:].isspace() else ""
                    out.append(f"{lead}{markdown}{inner}{markdown}{trail}")
                else:
                    out.append(part)
            else:
                out.append(part)
        text = "".join(out)
    return text.replace("\x01", "").replace("\x02", "")


def html_to_markdown(text: str | None) -> str | None:
    """HTML rich text → safe Markdown (paragraphs, lists, headings, emphasis, http(s)/mailto/tel
    links); None when nothing readable remains."""
    if text is None:
        return None
    text = str(text)
    if not text.strip():
        return None
    converter = _Converter()
    converter.feed(sanitise_html(text))
    converter.close()
    blocks: list[str] = []
    previous_list: int | None = None
    for block, list_number in converter.blocks:
        block = _emphasis(block)
        if not block.strip():
            continue
        if blocks:
            blocks.append("\n" if list_number is not None and list_number == previous_list else "\n\n")
        blocks.append(block.rstrip())
        previous_list = list_number
    result = "".join(blocks).strip("\n")
    return result or None


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS or tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(defang(data))


def html_to_plain(text: str | None, *, single_line: bool = True) -> str | None:
    """HTML (or plain text) → plain text without any markup; None when empty. Used for titles,
    summaries and notes, which the site escapes as text."""
    if text is None:
        return None
    text = str(text)
    if "<" not in text and "&" not in text:
        return clean_plain(defang(text), single_line=single_line)
    parser = _Text()
    parser.feed(sanitise_html(text))
    parser.close()
    joined = "".join(parser.parts)
    if single_line:
        return clean_plain(joined, single_line=True)
    paragraphs = [clean_plain(p) for p in re.split(r"\n\s*\n|\n", joined)]
    return clean_plain("\n\n".join(p for p in paragraphs if p), single_line=False)


def html_paragraphs(text: str | None) -> list[str]:
    """The plain text of each block (paragraph, list item) of an HTML fragment."""
    plain = html_to_plain(text, single_line=False)
    return [p for p in (plain or "").split("\n\n") if p.strip()]


__all__ = ["html_to_markdown", "html_to_plain", "html_paragraphs", "sanitise_html", "safe_url", "defang"]
