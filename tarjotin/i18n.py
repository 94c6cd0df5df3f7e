"""UI translations and language fallback for the templates.

Template strings are English msgids translated through Babel catalogs in
theme/translations/<lang>/LC_MESSAGES/messages.po. The .po files are read directly at build time
(no compiled .mo files to forget); `invoke messages` extracts, updates and compiles them.
Record text falls back through the configured languages; `Localized` tells the template which
language it got so the page can mark it with a `lang` attribute and a note.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from tarjotin.model import LocalizedText


def N_(msgid: str) -> str:
    """Marks a msgid for the catalog extraction (`invoke messages`); translated where it is shown."""
    return msgid


def load_translations(translations_dir: Path, lang: str) -> NullTranslations:
    """Gettext translations for one language, compiled in memory from its .po file."""
    po_path = translations_dir / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


def memoised_gettext(func):
    """Jinja's new-style `gettext` (jinja2.ext `_make_new_gettext`) for `func`, with the answers
    to calls without variables kept: a page calls `_()` hundreds of times with the same few
    msgids, and each call made a Markup and %-formatted it. Same strings, once per catalog."""
    from jinja2 import pass_context
    from markupsafe import Markup

    kept: dict[tuple[str, bool], str] = {}

    @pass_context
    def gettext(__context, __string: str, **variables):
        autoescape = __context.eval_ctx.autoescape
        if not variables:
            try:
                return kept[(__string, autoescape)]
            except KeyError:
                pass
        rv = __context.call(func, __string)
        if autoescape:
            rv = Markup(rv)
        rv = rv % variables  # always a format string, as in Jinja ("50%%" is "50%")
        if not variables:
            kept[(__string, autoescape)] = rv
        return rv

    return gettext


@dataclass(frozen=True)
class Localized:
    """A text picked for a UI language: `lang` is the language it is really in."""

    text: str
    lang: str
    fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


EMPTY = Localized("", "", False)


def localize(value: LocalizedText | None, lang: str, fallback_order: list[str]) -> Localized:
    """Pick the text in `lang`, else the first available in `fallback_order`, else (a record only
    in, say, Northern Sámi) the first language it has at all."""
    if value is None:
        return EMPTY
    text = value.get(lang)
    if text:
        return Localized(text, lang, False)
    for other in fallback_order:
        text = value.get(other)
        if text:
            return Localized(text, other, True)
    for other, text in value.items():
        return Localized(text, other, True)
    return EMPTY
