"""PTV's minimal Markdown → safe Markdown; plain-text cleaning."""

from __future__ import annotations

import pytest

from importers.common.text import clean_plain, minimal_markdown_to_safe
from tarjotin.recordfile import split_record_text
from tarjotin.safe_markdown import render_markdown


def html(text: str) -> str:
    return render_markdown(minimal_markdown_to_safe(text))


def test_lists_and_headings_survive():
    out = minimal_markdown_to_safe("### Aukiolo\nAvoinna:\n* maanantaisin\n* tiistaisin\n1. yksi\n2. kaksi\nLoppu")
    assert out == "### Aukiolo\n\nAvoinna:\n\n- maanantaisin\n- tiistaisin\n\n1. yksi\n2. kaksi\n\nLoppu"
    rendered = render_markdown(out)
    assert "<ul>" in rendered and "<ol>" in rendered and "<h4>Aukiolo</h4>" in rendered


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[klikkaa](javascript:alert(1))",
        "[linkki](https://evil.example)",
        "<https://evil.example>",
        "<evil@example.fi>",
        "![kuva](https://evil.example/x.png)",
    ],
)
def test_html_and_link_syntax_stay_text(hostile):
    rendered = html(f"Teksti {hostile} loppuu")
    assert "<a " not in rendered and "<img" not in rendered and "<script" not in rendered
    assert "Teksti" in rendered and "loppuu" in rendered


def test_emphasis_code_and_block_syntax_are_escaped():
    rendered = html("**lihava** _kursiivi_ `koodi`\n# ei otsikko\n> ei lainaus\n2024. vuonna\n    ei koodia\n---")
    for tag in ("<strong>", "<em>", "<code>", "<h", "<blockquote>", "<ol>", "<pre>", "<hr"):
        assert tag not in rendered, tag
    assert "**lihava**" in rendered and "2024. vuonna" in rendered


def test_language_marker_lines_cannot_split_a_record_file():
    body = minimal_markdown_to_safe("Ensimmäinen\n::: sv\nToinen")
    text = f"---\nid: ptv-x\n---\n::: fi\n{body}\n"
    _, sections = split_record_text(text, "x.md")
    assert list(sections) == ["fi"]


def test_blank_lines_and_control_characters():
    assert minimal_markdown_to_safe("Yksi\n\n\n\nKaksi\x07\u200b") == "Yksi\n\nKaksi"
    assert minimal_markdown_to_safe("  \n ") is None
    assert minimal_markdown_to_safe(None) is None


def test_clean_plain():
    assert clean_plain("  Uima\u00a0halli \n  Tikkurila ") == "Uima halli Tikkurila"
    assert clean_plain("Cafe\u0301") == "Café"  # NFC
    assert clean_plain("") is None and clean_plain(None) is None
