"""Pelican plugin: the open data files and page, and the accessibility statement.

Runs after plugins/tray (it reads `context["tray"]`, a `TraySite`). Writes

    avoin-data/hsds/<table>.json          HSDS 3.0 tables (hsds.py), language-neutral names
    avoin-data/services.csv               one row per service
    avoin-data/events-<lang>.ics          upcoming events per UI language (ical.py)
    avoin-data/, sv/oppen-data/, en/open-data/     the page that lists them with their licences
    saavutettavuusseloste/, sv/tillganglighetsutlatande/, en/accessibility-statement/
                                          the statement from tray.toml [accessibility]

and puts `opendata` (the two pages' URLs per language) into the context for the footer. The files
are built and written in a side job (tarjotin/parallel.py) started in `generate_context`, beside
the rest of the build; `generate_output` writes the pages with the counts it reports.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from tarjotin.template_texts import LanguageTemplates

from tarjotin.parallel import SideJob, parallel_allowed

from . import hsds, ical

logger = logging.getLogger(__name__)

FILES_DIR = "avoin-data"
PAGE_WORDS = {"fi": "avoin-data", "sv": "oppen-data", "en": "open-data"}
STATEMENT_WORDS = {"fi": "saavutettavuusseloste", "sv": "tillganglighetsutlatande", "en": "accessibility-statement"}


class Links:
    """The pages' URLs, for templates (`opendata.page(lang)`, `opendata.statement(lang)`)."""

    def __init__(self, site):
        self.site = site

    def _url(self, words: dict, lang: str) -> str:
        return f"{self.site.urls.prefix(lang)}{words.get(lang, words['en'])}/"

    def page(self, lang: str) -> str:
        return self._url(PAGE_WORDS, lang)

    def statement(self, lang: str) -> str | None:
        return self._url(STATEMENT_WORDS, lang) if self.site.config.accessibility else None

    @staticmethod
    def files(langs) -> list[tuple[str, str]]:
        """(kind, path) of every published file, in the order the page lists them."""
        return ([("hsds", f"{FILES_DIR}/hsds/{t}.json") for t in hsds.TABLES] + [("csv", f"{FILES_DIR}/services.csv")]
                + [("ics", f"{FILES_DIR}/events-{lang}.ics") for lang in langs])


class OpenDataGenerator(LanguageTemplates, Generator):
    def generate_context(self):
        site = self.context.get("tray")
        if site is None:
            raise RuntimeError("opendata needs the tray plugin: list 'tray' before 'opendata' in PLUGINS")
        self.site = site
        self.links = Links(site)
        self.context["opendata"] = self.links
        if site.config.accessibility is None:
            logger.warning("Tarjotin: tray.toml has no [accessibility] section: no accessibility statement is built")
        self.files = SideJob(lambda: write_files(site, Path(self.output_path)),
                             parallel=parallel_allowed(site.settings.TRAY_WORKERS), name="the open data files")

    def generate_output(self, writer):
        site = self.site
        langs = site.config.languages.ui
        counts = self.files.result()
        sources = sorted({r.source for r in site.current()})
        for lang in langs:
            site.install_translations(self.env, lang)
            page = site.page_context(lang, self.links.page, "opendata")
            writer.write_file(site.urls.save_as(page["page_url"]), self.get_template("opendata"), self.context,
                              **page, files=self.links.files(langs), counts=counts, licences=hsds.LICENCES,
                              excluded={s: why for s, why in hsds.EXCLUDED.items() if s in sources},
                              sources=[s for s in sources if s in hsds.LICENCES])
            if site.config.accessibility:
                page = site.page_context(lang, self.links.statement, "accessibility")
                writer.write_file(site.urls.save_as(page["page_url"]), self.get_template("accessibility"),
                                  self.context, **page, statement=site.config.accessibility)
        logger.info("Tarjotin open data: %s", ", ".join(f"{n} {k}" for k, n in counts.items()))


def write_files(site, out: Path) -> dict[str, int]:
    """Write the HSDS tables, the CSV and the events feeds; return how many of each there are.
    (The collector does not rescan the records while the tables' 400,000 new objects are made:
    the heap is frozen before the fork that starts this job, tarjotin/collector.py.)"""
    # The files are read away from the site, so their links are absolute ([site].url).
    siteurl = site.config.site.url
    records = hsds.publishable(site.current())
    events = ical.upcoming_events(records)
    tables = hsds.build(site, siteurl, records)
    for name, rows in tables.items():
        _write(out / FILES_DIR / "hsds" / f"{name}.json", table_json(rows))
    _write(out / FILES_DIR / "services.csv", hsds.services_csv(records, tables).encode("utf-8"))
    for lang, feed in ical.feeds(site, siteurl, events).items():
        _write(out / FILES_DIR / f"events-{lang}.ics", feed)
    counts = {name: len(rows) for name, rows in tables.items()}
    counts["events"] = len(events)
    return counts


#: Keys sorted, so that two builds of the same records write the same bytes.
_ROW = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def table_json(rows: list[dict]) -> bytes:
    """A table as a JSON list with one row per line. Without `indent`, json encodes in C (with it,
    in pure Python: 0.87 CPU s instead of 0.36 at 10,000 records), and a row per line still reads and diffs
    row by row."""
    if not rows:
        return b"[]\n"
    return ("[\n" + ",\n".join(map(_ROW.encode, rows)) + "\n]\n").encode()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def get_generators(pelican):
    return OpenDataGenerator


def register():
    signals.get_generators.connect(get_generators)
