"""Render record descriptions (Markdown from editors and importers) to HTML that cannot run script.

Two layers, because descriptions come from outside sources: Markdown's raw-HTML support is
switched off, so `<script>` in the text is shown as text; then the HTML is cleaned with nh3
(ammonia), which drops `javascript:` links, event handlers and anything not on the allow-list.

The result depends on the text alone, so it is kept by text: one description is shown on the
record page in each UI language (with fallback) and again in the open data, and rendering it is
the costliest part of a record page (bench/build.py). Most descriptions are plain paragraphs
with no Markdown in them at all; those take a fast path that builds the same HTML Markdown
would (`_plain_paragraphs`, compared with Markdown's own output in tests/test_safe_markdown.py)
at a twentieth of the cost, and the same cleaning follows.
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


@functools.cache
def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Treat raw HTML as text: remove the block- and inline-level HTML handlers.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    return md


def render_markdown(text: str | None, *, shift_headings: int = 1) -> str:
    """Markdown → safe HTML. Headings shift down (# → h2) because the page title is the h1."""
    if not text:
        return ""
    return _render(text, shift_headings)


# What can make a text more than plain paragraphs: a character with a meaning in Markdown
# anywhere (emphasis, code, links, escapes, HTML, entities, and control characters such as tab
# and carriage return, which it rewrites); whitespace at the start of a line (indented code,
# stripped) or at its end (a line break, stripped); a list, heading, quote or rule at the start of
# a line. Such a text goes through Markdown.
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>&\x00-\x09\x0b-\x1f\x7f]|^[^\S\n]|[^\S\n]$|^[-+=#>]|^\d+\.", re.MULTILINE)


def _plain_paragraphs(text: str) -> str | None:
    """Markdown's HTML for a text of plain paragraphs (blank lines between them), or None when
    the text may hold Markdown."""
    if _NOT_PLAIN.search(text):
        return None
    paragraphs = [part.strip("\n") for part in re.split(r"\n{2,}", text)]
    return "\n".join(f"<p>{part}</p>" for part in paragraphs if part)


@functools.lru_cache(maxsize=1 << 16)
def _render(text: str, shift_headings: int) -> str:
    html = _plain_paragraphs(text)
    if html is None:
        html = _markdown().reset().convert(text)
    if shift_headings:
        for level in range(6, 0, -1):
            new = min(level + shift_headings, 6)
            html = html.replace(f"<h{level}>", f"<h{new}>").replace(f"</h{level}>", f"</h{new}>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
