"""The plain-paragraph fast path of tarjotin/safe_markdown.py gives exactly Markdown's HTML."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tarjotin.safe_markdown import _markdown, _plain_paragraphs, render_markdown

# Plain letters and the characters that mean something to Markdown somewhere, so that generated
# texts hit both paths and the edges between them.
ALPHABET = "aäöB 0123456789.\n\n\n-+=#>*_`&<[]()!:/\\\t\r\xa0\u2003\x0b\x02"


def markdown_html(text: str) -> str:
    return _markdown().reset().convert(text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_fast_path_is_markdowns_own_html(text):
    fast = _plain_paragraphs(text)
    if fast is not None:
        assert fast == markdown_html(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="abcåäö ,.?()0123456789'\"-–/", min_size=1, max_size=40), min_size=1, max_size=5),
       st.sampled_from(["\n", "\n\n", "\n\n\n"]))
def test_sentences_of_plain_text_take_the_fast_path(lines, gap):
    text = gap.join(line.strip() for line in lines)
    fast = _plain_paragraphs(text)
    expected = markdown_html(text)
    if fast is None:  # refused only for a reason Markdown would act on
        assert any(line.strip() != line or line[:1] in "-" or line.split(".")[0].isdigit() for line in text.split("\n"))
    else:
        assert fast == expected


def test_a_description_of_paragraphs_is_fast_and_markdown_still_works():
    plain = "Avoin ryhmä kaikille, klo 10–12.\nEi ilmoittautumista.\n\nTervetuloa! (Maksuton.)"
    assert _plain_paragraphs(plain) == "<p>Avoin ryhmä kaikille, klo 10–12.\nEi ilmoittautumista.</p>\n<p>Tervetuloa! (Maksuton.)</p>"
    assert render_markdown(plain) == markdown_html(plain)
    listed = "Palvelut:\n\n- neuvonta\n- *vertaistuki*"
    assert _plain_paragraphs(listed) is None
    assert render_markdown(listed) == "<p>Palvelut:</p>\n<ul>\n<li>neuvonta</li>\n<li><em>vertaistuki</em></li>\n</ul>"
    assert render_markdown("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
