"""The templates' fixed `_("…")` texts compiled in per language (tarjotin/template_texts.py): the
same bytes as Jinja's own gettext at render time, and the right language after a switch."""

from __future__ import annotations

import gettext as gettext_module
from pathlib import Path

from jinja2 import DictLoader, Environment

from plugins.tray.generator import TraySite
from tarjotin.template_texts import ConstantTexts, LanguageTemplates

CATALOGS = {
    "fi": {"Hello": "Hei <b>", "%(n)s records": "%(n)s tietuetta", "50%% off": "50%% alennus", "Area": "Alue"},
    "sv": {"Hello": "Hej <b>", "%(n)s records": "%(n)s poster", "50%% off": "50%% rabatt", "Area": "Område"},
}
SOURCE = ('{{ _("Hello") }}|{{ _("%(n)s records", n="<i>") }}|{{ _("50%% off") }}|'
          '{{ gettext("Area") }}|{{ _("Area") if x else "" }}|{% set t = _("Hello") %}{{ t }}')


class Catalog(gettext_module.NullTranslations):
    def __init__(self, lang: str):
        super().__init__()
        self.table = CATALOGS[lang]

    def gettext(self, message: str) -> str:
        return self.table.get(message, message)


class Site(TraySite):
    """install_translations of the real TraySite, with the test's catalogs."""

    def __init__(self):  # noqa: D107 - only what install_translations needs
        self._translations = {}

    def translations(self, lang: str):
        return Catalog(lang)


def environment(*extensions: str, autoescape: bool = True) -> Environment:
    return Environment(loader=DictLoader({"page.html": SOURCE}), autoescape=autoescape,
                       extensions=["jinja2.ext.i18n", *extensions])


def test_the_compiled_texts_are_what_gettext_prints_at_render_time():
    for autoescape in (True, False):
        for lang in CATALOGS:
            plain, folded = environment(autoescape=autoescape), environment(
                "tarjotin.template_texts.ConstantTexts", autoescape=autoescape)
            Site().install_translations(plain, lang)
            Site().install_translations(folded, lang)
            expected = plain.get_template("page.html").render(x=True)
            assert folded.get_template("page.html").render(x=True) == expected
            assert expected.startswith("Hei <b>|" if lang == "fi" else "Hej <b>|")
            if autoescape:
                assert "|&lt;i&gt; " in expected and "|50% " in expected
    # and the fixed ones really are text in the compiled template, not calls
    folded = environment("tarjotin.template_texts.ConstantTexts")
    Site().install_translations(folded, "fi")
    code = folded.compile('<p>{{ _("Hello") }}</p>{{ _("%(n)s records", n=2) }}', raw=True)
    assert "Hei <b>" in code and "'Hello'" not in code
    assert "'%(n)s records'" in code  # a call with variables stays a call


def test_an_environment_whose_language_was_never_switched_calls_gettext_as_before():
    env = environment("tarjotin.template_texts.ConstantTexts")
    env.install_gettext_callables(CATALOGS["sv"].get, lambda s, p, n: s, newstyle=True)
    assert env.constant_gettext is None
    assert env.from_string('{{ _("Area") }}').render() == "Område"
    assert "'Area'" in env.compile('{{ _("Area") }}', raw=True)


def test_after_a_switch_the_templates_are_compiled_again_in_the_new_language():
    class Generator(LanguageTemplates):
        settings = {"TEMPLATE_EXTENSIONS": [".html"]}

        def __init__(self, env):
            self.env = env

    env = environment("tarjotin.template_texts.ConstantTexts")
    generator, site = Generator(env), Site()
    seen = []
    for lang in ("fi", "sv", "fi"):
        site.install_translations(env, lang)
        seen.append(generator.get_template("page").render(x=False).split("|")[0])
    assert seen == ["Hei <b>", "Hej <b>", "Hei <b>"]


def test_the_pelican_settings_compile_the_texts_in():
    import pelicanconf

    assert "tarjotin.template_texts.ConstantTexts" in pelicanconf.JINJA_ENVIRONMENT["extensions"]
    assert ConstantTexts.__module__ == "tarjotin.template_texts"
