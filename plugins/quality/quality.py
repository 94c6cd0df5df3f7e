"""Pelican plugin: the data-quality report for editors, built with the site every build.

Runs after plugins/tray (it reads `context["tray"]`). Writes

    laaturaportti/, sv/kvalitetsrapport/, en/quality-report/     the summary: organisations, rules,
                                                               the change since the previous build
    <that page>/<organisation>/                                 one page per organisation: its records'
                                                               problems, how to fix them and where
    laaturaportti/report.json                                   the whole report, for machines
    laaturaportti/csv/<organisation>.csv                        one per organisation, to send to it

The pages are for editors: no resident page links to them, each says `noindex`, and the site has
no sitemap that could list them. The addresses of the files stay the same from build to build.

The previous build's report.json is read before Pelican empties its output directory (in the
generator's constructor), or from `QUALITY_PREVIOUS_OUTPUT` when the build writes into a fresh
directory (tarjotin/build.py passes the live output), and the report lists what is new and fixed.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import NamedTuple

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from tarjotin.template_texts import LanguageTemplates

from tarjotin.page_reuse import PageJob
from tarjotin.plugin_settings import PluginSettingsError, plugin_settings
from tarjotin.quality import (BY_ID, build_report, compare, hidden_by_overrides, import_facts, organisation_csv,
                              duplicate_findings, previous_problems)
from tarjotin.quality.report import SEVERITY_NAMES, Entry, Organisation, QualityReport
from tarjotin.quality.rules import NO_ORGANISATION_NAME, RULES, SEVERITIES, WHERE_TEXTS, Rule

logger = logging.getLogger(__name__)

FILES_DIR = "laaturaportti"
REPORT_JSON = f"{FILES_DIR}/report.json"
PAGE_WORDS = {"fi": "laaturaportti", "sv": "kvalitetsrapport", "en": "quality-report"}
#: A previous report larger than this is not compared (report.json of 10,000 records is ~5 MB).
MAX_PREVIOUS_BYTES = 100_000_000


def csv_path(organisation: Organisation) -> str:
    return f"{FILES_DIR}/csv/{organisation.slug}.csv"


class Presenter:
    """What the report's templates call (`q.…`), for one UI language."""

    def __init__(self, site, report: QualityReport, lang: str):
        self.site, self.report, self.lang = site, report, lang
        self.L = site.view(lang)
        self.gettext = site.translations(lang).gettext
        self.rules, self.severities, self.severity_names = RULES, SEVERITIES, SEVERITY_NAMES
        self._texts: dict[str, Markup] = {}

    def text(self, msgid: str) -> Markup:
        """A catalog message the data picks (a rule's message or fix, a severity name), as `_()`
        gives it, translated once per language: an organisation's page shows one per problem,
        and Jinja's `_()` of a variable costs 20 times more than a lookup."""
        text = self._texts.get(msgid)
        if text is None:
            text = self._texts[msgid] = Markup(self.gettext(msgid)) % {}
        return text

    def index(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        return f"{self.site.urls.prefix(lang)}{PAGE_WORDS.get(lang, PAGE_WORDS['en'])}/"

    def organisation_page(self, organisation: Organisation, lang: str | None = None) -> str:
        return f"{self.index(lang)}{organisation.slug}/"

    def csv(self, organisation: Organisation) -> str:
        return csv_path(organisation)

    def rule(self, rule_id: str) -> Rule:
        return BY_ID[rule_id]

    def known(self, rule_id: str) -> Rule | None:
        """A rule of a previous report, which may have been renamed since."""
        return BY_ID.get(rule_id)

    def sources(self, organisation: Organisation) -> str:
        return ", ".join(self.source_name(s) for s in organisation.sources)

    def name(self, organisation: Organisation) -> str:
        return self.L.text(organisation.name).text or self.gettext(NO_ORGANISATION_NAME)

    def record_page(self, entry: Entry) -> str | None:
        return None if entry.hidden else self.site.urls.record(self.lang, entry.id)

    def subject(self, rule: Rule, subject: str) -> str:
        if rule.subject == "language" and subject:
            return self.L.language_name(subject)
        return subject

    def source_name(self, source: str) -> str:
        spec = self.site.config.source_registry.get(source)
        return spec.display_name(self.lang) if spec else source

    def where(self, rule: Rule, entry: Entry) -> list[dict]:
        """Where this problem of this record is fixed: [{text, url}] in the rule's order."""
        spec = self.site.config.source_registry.get(entry.source)
        imported = bool(spec and spec.importer)
        out = []
        for place in rule.where:
            if place == "source" and imported:
                out.append({"text": self.gettext(WHERE_TEXTS["source"]) % {"source": spec.display_name(self.lang)},
                            "url": entry.source_link})
            elif place == "source" or (place == "override" and not imported):
                # The editors' own records are corrected in their file, not by an override.
                item = {"text": self.gettext(WHERE_TEXTS["file"]) % {"file": entry.file}, "url": None}
                if item not in out:
                    out.append(item)
            elif place == "override":
                out.append({"text": self.gettext(WHERE_TEXTS["override"]) % {"file": entry.override},
                            "url": None})
            elif place == "mapping" and imported:
                section = spec.settings_section or f"sources.{spec.id}.settings"
                out.append({"text": self.gettext(WHERE_TEXTS["mapping"])
                            % {"section": section}, "url": None})
        return out

    def where_text(self, rule: Rule, entry: Entry) -> str:
        return "; ".join(item["text"] for item in self.where(rule, entry))

    def problem_rows(self, entry: Entry) -> list[ProblemRow]:
        """The rows of a record's problem table on its organisation's page. Made here rather
        than by calls from the template: a page of 10,000 records has 30,000 rows, and each
        call from Jinja costs more than the text it returns."""
        rows = []
        for p in entry.problems:
            rule = BY_ID[p.rule]
            rows.append(ProblemRow(p.severity, p.rule, self.text(SEVERITY_NAMES[p.severity]), self.text(rule.message),
                                   self.subject(rule, p.subject) if p.subject else "", p.detail, self.text(rule.fix),
                                   self.where(rule, entry)))
        return rows


class ProblemRow(NamedTuple):
    """One problem of a record, in the page's language (`Presenter.problem_rows`)."""

    severity: str
    rule: str
    severity_name: Markup
    message: Markup
    subject: str
    detail: str
    fix: Markup
    where: list[dict]


class QualityGenerator(LanguageTemplates, Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pelican empties its output directory after making the generators and before they run:
        # the previous report is read now.
        self.previous_text = self._read_previous()

    def _read_previous(self) -> str | None:
        try:
            folder = plugin_settings(self.settings).QUALITY_PREVIOUS_OUTPUT or self.output_path
        except PluginSettingsError:
            return None  # plugins/tray stops the build with the setting's error
        path = Path(folder) / REPORT_JSON
        try:
            if path.stat().st_size > MAX_PREVIOUS_BYTES:
                logger.warning("Tarjotin quality: %s is too large to compare with", path)
                return None
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def generate_context(self):
        site = self.context.get("tray")
        if site is None:
            raise RuntimeError("quality needs the tray plugin: list 'tray' before 'quality' in PLUGINS")
        self.site = site
        content_root = Path(self.settings["PATH"])
        imports = import_facts(site.config)
        duplicates, merged = duplicate_findings(site.content, site.config, imports)
        hidden = hidden_by_overrides(site.content, content_root, site.config)
        report = build_report(site.config, site.current(), hidden, imports, duplicates, merged, site.clock.today)
        previous = previous_problems(self.previous_text) if self.previous_text is not None else None
        if self.previous_text is not None and previous is None:
            logger.warning("Tarjotin quality: the previous %s is not a report of this version; not compared", REPORT_JSON)
        report.change = compare(report, previous)
        self.report = report

    def generate_output(self, writer):
        site, report = self.site, self.report
        # The machine-readable files are jobs beside the pages, so that they are written while
        # another core renders an organisation's page.
        pages = [PageJob(site.config.default_lang, lambda: self._write_files(Path(self.output_path)))]
        for lang in site.config.languages.ui:
            q = Presenter(site, report, lang)
            pages.append(PageJob(lang, lambda q=q: self._write_page(writer, q, "quality", q.index,
                                                                    report_json=REPORT_JSON)))
            pages += [PageJob(lang, lambda q=q, o=organisation: self._write_page(
                          writer, q, "quality_organisation", lambda lg: q.organisation_page(o, lg), organisation=o))
                      for organisation in report.organisations]
        site.write_pages(self.env, pages)  # on every core: one page per organisation and language
        change = report.change
        logger.info("Tarjotin quality: %d problems in %d records of %d organisations%s", len(report.problems),
                    len(report.entries), len(report.organisations),
                    f"; {len(change.new)} new, {len(change.fixed)} fixed" if change.previous is not None else "")

    def _write_files(self, out: Path) -> None:
        """report.json (compact: json's C encoder, where `indent` would take its pure-Python one) and
        one CSV per organisation."""
        site, report = self.site, self.report
        data = json.dumps(report.to_json(csv_path), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
        _write(out / REPORT_JSON, data.encode("utf-8"))
        default = Presenter(site, report, site.config.default_lang)
        for organisation in report.organisations:
            text = organisation_csv(organisation, default.gettext, default.subject, default.where_text,
                                    default.lang, site.config)
            _write(out / csv_path(organisation), text.encode("utf-8"))

    def _write_page(self, writer, q: Presenter, template: str, url_for, **extra) -> None:
        page = self.site.page_context(q.lang, url_for, "quality")
        writer.write_file(self.site.urls.save_as(page["page_url"]), self.get_template(template), self.context,
                          **page, q=q, report=self.report, **extra)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def get_generators(pelican):
    return QualityGenerator


def register():
    signals.get_generators.connect(get_generators)
