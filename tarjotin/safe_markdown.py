"""Render record descriptions (Markdown from editors and importers) to HTML that cannot run script.

Two layers, because descriptions come from outside sources: Markdown's raw-HTML support is
switched off, so `<script>` in the text is shown as text; then the HTML is cleaned with nh3
(ammonia), which drops `javascript:` links, event handlers and anything not on the allow-list.

The result depends on the text alone, so it is kept by text: one description is shown on the
record page in each UI language (with fallback) and again in the open data, and rendering it is
the costliest part of a record page (bench/build.py).
"""

from __future__ import annotations

import functools

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


@functools.lru_cache(maxsize=1 << 16)
def _render(text: str, shift_headings: int) -> str:
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
