"""The templates' fixed UI texts, translated once per language instead of on every page.

A record page says `{{ _("Basic information") }}` some forty times over; each is a call through
Jinja's context to the catalog, a Markup and a `%`, on each of 30,000 pages (a fifth of a record
page's rendering). `ConstantTexts`, a Jinja extension listed in pelicanconf.py, replaces every
`{{ _("literal") }}` (also `gettext`) by the text itself while the template is compiled, exactly as
the call would have printed it (a Markup, `%%` as `%`). Calls with variables, `ngettext` and
`_()` inside other expressions are left as they are.

That is only right while a compiled template is used for the language it was compiled in, so:

* `TraySite.install_translations` (plugins/tray/generator.py), which switches a Jinja
  environment's language, hands the extension the catalog (`environment.constant_gettext`) and
  empties the environment's template cache, so that templates are compiled again in the new
  language;
* the plugins' generators take their templates through `LanguageTemplates.get_template`, which
  asks the environment each time instead of keeping Pelican's per-generator copy.

An environment whose language was never switched prints its texts through `_()` at render time,
as before. tests/test_template_texts.py holds the two to the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from jinja2 import TemplateNotFound
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup

#: Names a template calls the catalog by (jinja2.ext.i18n installs both).
GETTEXT_NAMES = {"_", "gettext"}
PATTERN = ("variable_begin", "name", "lparen", "string", "rparen", "variable_end")


class ConstantTexts(Extension):
    """`{{ _("literal") }}` → the literal's translation, as template text (see the module)."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(constant_gettext=None)

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        gettext: Callable[[str], str] | None = self.environment.constant_gettext
        if gettext is None:
            yield from stream
            return
        autoescape = self.environment.autoescape
        if callable(autoescape):
            autoescape = autoescape(stream.name)
        window: list[Token] = []
        for token in stream:
            window.append(token)
            if len(window) < len(PATTERN):
                continue
            if (tuple(t.type for t in window) == PATTERN and window[1].value in GETTEXT_NAMES):
                text = gettext(window[3].value)
                yield Token(window[0].lineno, "data", str((Markup(text) if autoescape else text) % {}))
                window = []
            else:
                yield window.pop(0)
        yield from window


class LanguageTemplates:
    """Mixin for a Pelican generator: its templates come from the environment's cache, which a
    language switch empties, never from the generator's own cache across languages."""

    def get_template(self, name: str):
        for ext in self.settings["TEMPLATE_EXTENSIONS"]:
            try:
                return self.env.get_template(name + ext)
            except TemplateNotFound:  # as Pelican: try the next extension
                continue
        return super().get_template(name)  # Pelican's error for a template that does not exist
