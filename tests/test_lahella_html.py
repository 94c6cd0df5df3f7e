"""Descriptions arrive as HTML: hostile markup never survives, neither into the Markdown records
nor into the built pages (the fixture site's hostile records; the demo's lahella-482710 in tests/demo/)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from importers.common.html import html_to_markdown, html_to_plain, safe_url
from tarjotin.safe_markdown import render_markdown

HOSTILE = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<p onclick="alert(1)" style="background:url(javascript:alert(1))">klikkaa</p>',
    '<a href="javascript:alert(1)">linkki</a>',
    '<a href=" JaVaScRiPt:alert(1)">linkki</a>',
    '<a href="java&#x09;script:alert(1)">linkki</a>',
    '<a href="&#106;avascript:alert(1)">linkki</a>',
    '<a href="vbscript:msgbox(1)">linkki</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">linkki</a>',
    '<svg onload=alert(1)><circle r=1 /></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="x.swf">',
    '<form action="javascript:alert(1)"><button>Lähetä</button></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<<script>script>alert(1)<</script>/script>',
    '<p>[teksti](javascript:alert(1)) ja <b>**tähdet**</b></p>',
    '<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>',
    '<a href="https://ok.example/" onmouseover="alert(1)">ok</a>',
    '<details open ontoggle=alert(1)>x</details>',
    '<p>::: fi</p><p># ei otsikko</p><p>1. ei lista</p>',
]
DANGER = re.compile(r"(?i)<\s*/?\s*(script|iframe|object|embed|svg|form|style|img|details|math)|javascript\s*:|vbscript\s*:|"
                    r"data\s*:\s*text|\bon[a-z]+\s*=")


@pytest.mark.parametrize("html", HOSTILE)
def test_nothing_hostile_survives_into_the_markdown(html):
    markdown = html_to_markdown(html) or ""
    plain = html_to_plain(html) or ""
    assert not DANGER.search(markdown), markdown
    assert not DANGER.search(plain), plain
    rendered = render_markdown(markdown)
    assert not DANGER.search(rendered), rendered
    assert "::: " not in markdown.replace("\u2060::: ", "")  # cannot start a language section of the record file


def test_wanted_markup_is_kept():
    html = ('<p dir="ltr">Tule <strong>mukaan</strong> <em>nyt</em>!</p><ul><li>yksi</li><li>kaksi</li></ul>'
            '<ol><li>a</li></ol><p>Lisää: <a href="https://example.fi/a?b=1&amp;c=(2)">sivu</a>, '
            '<a href="mailto:info@example.fi">posti</a><br>rivi</p>')
    assert html_to_markdown(html) == ("Tule **mukaan** *nyt*!\n\n- yksi\n- kaksi\n\n1. a\n\n"
                                      "Lisää: [sivu](https://example.fi/a?b=1&c=%282%29), [posti](mailto:info@example.fi)  \nrivi")


def test_text_that_looks_like_markup_stays_text():
    assert html_to_markdown("<p>5 * 3 = 15 ja _alaviiva_ [a](b) `koodi` &gt; lainaus</p>") == (
        "5 \\* 3 = 15 ja \\_alaviiva\\_ \\[a\\](b) \\`koodi\\` \\> lainaus")
    assert safe_url("javascript:alert(1)") is None and safe_url("https://x.fi/a b") == "https://x.fi/a%20b"


# --- the built site -----------------------------------------------------------------------------------

class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not (values.get("src") or values.get("type") == "application/json"):
            self.problems.append("inline script")
        if tag in ("iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction", "data") and value and \
                    re.match(r"(?i)\s*(javascript|vbscript|data):", value):
                self.problems.append(f"{tag} {name}={value}")


def test_no_script_from_any_text_runs_in_the_fixture_site(fixture_site: Path):
    """The fixture site carries hostile titles and descriptions (local-vaarallinen-nimi and others)."""
    pages = sorted(fixture_site.rglob("*.html"))
    assert any("local-vaarallinen-nimi" in str(p) for p in pages)
    for page in pages:
        collector = _Collector()
        collector.feed(page.read_text(encoding="utf-8"))
        assert collector.problems == [], f"{page.relative_to(fixture_site)}: {collector.problems}"
