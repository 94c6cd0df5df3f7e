"""Every template string is in the catalogs and translated to Finnish and Swedish."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from tarjotin.i18n import Localized, localize, load_translations
from tarjotin.model import LocalizedText
from tests.site_support import ROOT

TRANSLATIONS = ROOT / "theme" / "translations"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "theme/babel.cfg",
                    "-o", str(pot), "--omit-header", "theme", "tarjotin/filters", "tarjotin/quality"], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as fh:
        return {m.id for m in read_po(fh) if m.id}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_catalog_translates_every_template_string(extracted, lang):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    translated = {m.id for m in catalog if m.id and m.string and (not isinstance(m.string, tuple) or all(m.string))
                  and "fuzzy" not in m.flags}
    missing = sorted(str(m) for m in extracted - translated)
    assert missing == [], f"run `invoke messages` and translate these in {lang}: {missing}"


def test_translations_load_from_po_files():
    assert load_translations(TRANSLATIONS, "sv").gettext("Opening hours") == "Öppettider"
    assert load_translations(TRANSLATIONS, "fi").ngettext("%(num)d item", "%(num)d items", 3) == "%(num)d kohdetta"


def test_localize_falls_back_in_configured_order():
    text = LocalizedText(sv="Hej", en="Hello")
    assert localize(text, "fi", ["sv", "en"]) == Localized("Hej", "sv", True)
    assert localize(text, "fi", ["en", "sv"]) == Localized("Hello", "en", True)
    assert localize(text, "en", ["fi", "sv"]) == Localized("Hello", "en", False)
    assert not localize(LocalizedText(), "fi", ["sv"])


def test_the_memoised_gettext_answers_what_jinjas_newstyle_gettext_does():
    # plugins/tray installs tarjotin.i18n.memoised_gettext over Jinja's: the same strings, escaped
    # the same way, with and without variables, in autoescaped and plain templates, called twice.
    from jinja2 import Environment

    from tarjotin.i18n import memoised_gettext

    catalog = {"Hello": "Hei <b>", "%(n)s records": "%(n)s tietuetta", "50%% off": "50%% alennus"}.get
    source = '{{ _("Hello") }}|{{ _("%(n)s records", n="<i>") }}|{{ _("50%% off") }}|{{ _("Hello") }}'
    for autoescape in (True, False):
        plain = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
        plain.install_gettext_callables(catalog, lambda s, p, n: s, newstyle=True)
        memo = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
        memo.install_gettext_callables(catalog, lambda s, p, n: s, newstyle=True)
        memo.globals["gettext"] = memoised_gettext(catalog)
        expected = plain.from_string(source).render()
        assert memo.from_string(source).render() == expected == (
            "Hei <b>|&lt;i&gt; tietuetta|50% alennus|Hei <b>" if autoescape  # a catalog's text is trusted
            else "Hei <b>|<i> tietuetta|50% alennus|Hei <b>")
