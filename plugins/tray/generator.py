"""TrayGenerator: reads content/ through the record model and writes every page in every UI language.

Records are their own content type, not Pelican articles: the generator reads them with
`tarjotin.content.load_content` (which validates each file and collects all errors), and writes

    <lang prefix>/                      front page
    <lang prefix>/<record word>/<id>/   one page per record and language (with fallback text)
    <lang prefix>/<theme word>/<slug>/  one page per configured theme
    <lang prefix>/<a–z word>/           all current records alphabetically, no JavaScript needed
    <lang prefix>/<search word>/        the search page (written by plugins/search_index)

and the theme's files under content-hashed names (`theme/css/tray.<hash>.css`; templates call
`asset("css/tray.css")`), with the brand stylesheet, logo and favicon of `[branding]` (branding.py).

One Pelican run writes all languages: the Jinja gettext translations are switched per language,
which keeps a single set of records in memory and avoids i18n_subsites' recursive runs.
Other plugins (search index, favourites) read `context["tray"]`, a `TraySite`.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.generators import Generator

from tarjotin.assessment import assessment_data
from tarjotin.assets import AssetError, ThemeAssets
from tarjotin.config import ConfigError, TrayConfig, load_config
from tarjotin.content import Content, load_content
from tarjotin.i18n import load_translations, memoised_gettext
from tarjotin.model import KINDS, Record
from tarjotin.page_reuse import PageJob, PageReuse, files_digest, fingerprint
from tarjotin import collector
from tarjotin.parallel import run_jobs, worker_count
from tarjotin.plugin_settings import PluginSettings, PluginSettingsError, plugin_settings
from tarjotin.presenter import Presenter
from tarjotin.safe_markdown import render_markdown
from tarjotin.template_texts import LanguageTemplates
from tarjotin.urls import UrlScheme
from tarjotin.views import Clock, LangView, initial_letter, sort_key

from .branding import publish_branding

logger = logging.getLogger(__name__)

#: Settings that say where and how a build runs, not what its pages show: not in the pages' fingerprint.
NOT_SHOWN_SETTINGS = {"TRAY_LIVE_OUTPUT", "TRAY_WORKERS", "QUALITY_PREVIOUS_OUTPUT"}

LANGUAGE_NATIVE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


@dataclass
class TraySite:
    """Everything the pages are made of; shared with other plugins through the Pelican context.

    Other plugins (search_index, favourites) use these methods rather than importing this
    package's modules: Pelican loads it as `tray`, tests as `plugins.tray`.
    """

    config: TrayConfig
    content: Content
    urls: UrlScheme
    clock: Clock
    translations_dir: Path
    records: list[Record] = field(default_factory=list)
    """All valid, visible records (past events included: their pages still exist)."""
    assets: ThemeAssets | None = None
    """The theme's files under hashed names; templates reach them with `asset("css/tray.css")`."""
    settings: PluginSettings = field(default_factory=PluginSettings)
    """The plugins' Pelican settings, validated once (tarjotin/plugin_settings.py)."""
    asset_errors: list[str] = field(default_factory=list)
    """Theme files templates referred to that do not exist; reported once all pages are rendered."""
    reuse: PageReuse | None = None
    """The previous build's page fingerprints, when there is a live output to reuse pages from."""
    page_assets: list[str] | None = None
    """Theme files the page being rendered refers to (recorded with its fingerprint)."""
    language_jobs: list[Callable[[str], list[PageJob]]] = field(default_factory=list, repr=False)
    """Other plugins' jobs for one UI language, run after that language's pages by the same worker,
    which has the records' views of that language in memory already (favourites: its data files)."""
    job_results: dict[str, Any] = field(default_factory=dict, repr=False)
    """What jobs hand back, by a key of their own, gathered from every worker by `write_pages`."""
    _presenters: dict[str, Presenter] = field(default_factory=dict, repr=False)
    _translations: dict[str, object] = field(default_factory=dict, repr=False)
    _record_data: dict[str, str] = field(default_factory=dict, repr=False)
    _views: dict[str, LangView] = field(default_factory=dict, repr=False)

    def current(self) -> list[Record]:
        """Records to list: past events are left out."""
        tz = ZoneInfo(self.config.site.timezone)
        return [r for r in self.records if not self.clock.event_is_past(r, tz)]

    def presenter(self, lang: str) -> Presenter:
        """The records' display data in one UI language (tarjotin/presenter.py), made once per language."""
        made = self._presenters.get(lang)
        if made is None:
            made = self._presenters[lang] = Presenter(self.config, lang, self.translations(lang).gettext,
                                                      lambda record_id: self.urls.record(lang, record_id), self.clock)
        return made

    def view(self, lang: str) -> LangView:
        """Formatting helpers (texts with fallback, dates, hours, names) for one UI language, made once."""
        made = self._views.get(lang)
        if made is None:
            made = self._views[lang] = LangView(lang, self.config)
        return made

    def translations(self, lang: str):
        """The UI catalog of one language (gettext/ngettext), read once."""
        made = self._translations.get(lang)
        if made is None:
            made = self._translations[lang] = load_translations(self.translations_dir, lang)
        return made

    def record_data(self, record: Record) -> str:
        """All of a record, as its page's own data for the page's fingerprint (tarjotin/page_reuse.py):
        its RecordView is made of the record and what the shared key holds (code, catalogs,
        config, date), so the record stands for it, at a tenth of the cost of the view's repr.
        A hash of the record's JSON, made once for its pages in every language."""
        made = self._record_data.get(record.id)
        if made is None:
            made = self._record_data[record.id] = hashlib.sha256(record.model_dump_json().encode()).hexdigest()
        return made

    @staticmethod
    def sort_key(text: str):
        """Alphabetical order of titles (å, ä, ö after z)."""
        return sort_key(text)

    def page_context(self, lang: str, url_for, page_name: str) -> dict:
        """What every page template gets; `url_for(lang)` is the page's URL in a language."""
        url = url_for(lang)
        switch = [(other, LANGUAGE_NATIVE_NAMES.get(other, other), url_for(other))
                  for other in self.config.languages.ui if other != lang]
        return {"page_url": url, "lang": lang, "L": self.view(lang), "tray": self.config, "urls": self.urls,
                "switch": switch, "page_name": page_name, "render_markdown": render_markdown,
                "area_name": self.config.area.name.get(lang)}

    def install_translations(self, env, lang: str) -> None:
        """Switch the Jinja environment's gettext to one language before rendering its pages."""
        translations = self.translations(lang)
        env.install_gettext_translations(translations, newstyle=True)
        env.globals["gettext"] = memoised_gettext(translations.gettext)
        # The fixed texts are compiled into the templates (tarjotin/template_texts.py), and
        # templates imported without context (macros.html) keep the module they were first made
        # with: emptying the cache compiles them again for this language.
        env.constant_gettext = translations.gettext
        if env.cache is not None:
            env.cache.clear()

    def write_pages(self, env, pages: list[PageJob]) -> None:
        """Write each page, with `env`'s translations switched to its language, on every core
        (tarjotin/parallel.py, TRAY_WORKERS); a page whose fingerprint is unchanged is taken from
        the live output instead (tarjotin/page_reuse.py). The workers report back the theme files
        their pages referred to, so that exactly those are published."""
        installed: list[str] = []
        reuse = self.reuse

        def render(page: PageJob) -> None:
            if installed != [page.lang]:
                self.install_translations(env, page.lang)
                installed[:] = [page.lang]
            page.write()

        def do(page: PageJob) -> None:
            if reuse is None or page.data is None:
                return render(page)
            key = reuse.key(page)
            assets = reuse.reuse(page.save_as, key)
            if assets is not None:
                for name in assets:
                    self.assets.url(name)
                return
            self.page_assets = []
            try:
                render(page)
                reuse.record(page.save_as, key, self.page_assets)
            finally:
                self.page_assets = None

        def collect() -> tuple[list[str], list[str], dict, int, dict]:
            return ((self.assets.names() if self.assets else []), self.asset_errors,
                    reuse.pages if reuse else {}, reuse.reused if reuse else 0, self.job_results)

        workers = worker_count(self.settings.TRAY_WORKERS, len(pages))
        reused_before = reuse.reused if reuse else 0
        for names, errors, fingerprints, reused, results in run_jobs(pages, do, collect, workers,
                                                                     weight=lambda page: page.weight):
            self.job_results.update(results)
            for name in names:
                self.assets.url(name)
            self.asset_errors.extend(error for error in errors if error not in self.asset_errors)
            if reuse:
                reuse.pages.update(fingerprints)
                reuse.reused += reused - reused_before  # a child started with the parent's count
        if reuse:
            logger.info("Tarjotin: %d pages in %d process(es); %d of them reused from %s", len(pages), workers,
                        reuse.reused - reused_before, reuse.live)
        else:
            logger.info("Tarjotin: rendering %d pages in %d process(es)", len(pages), workers)


class ContentErrors(Exception):
    """Raised with --debug instead of a clean exit, so the traceback is shown."""


class TrayGenerator(LanguageTemplates, Generator):
    """Reads records and texts from content/; writes the tray's pages for every UI language."""

    def generate_context(self):
        root = Path(self.settings["PATH"])
        try:
            settings = plugin_settings(self.settings)
        except PluginSettingsError as exc:
            self._stop(str(exc).splitlines(), what="setting")
        try:
            config = load_config(Path(settings.TRAY_CONFIG or "tray.toml"))
        except ConfigError as exc:
            self._stop([str(exc)])
        content = load_content(root, config, workers=worker_count(settings.TRAY_WORKERS, sys.maxsize))
        collector.settle()  # the records live until the build ends (tarjotin/collector.py)
        if content.errors:
            self._stop([str(e) for e in content.errors])
        assets = ThemeAssets(Path(self.theme) / "static", folder=self.settings.get("THEME_STATIC_DIR") or "theme")
        site = TraySite(config, content, UrlScheme(config.default_lang), Clock(settings.today()),
                        translations_dir=Path(self.theme) / "translations", records=content.records, assets=assets,
                        settings=settings)
        self.site = site
        self.context["tray"] = site
        self.context["asset"] = self._asset
        self.context["tray_assessment"] = content.assessment is not None   # the nav's link to /arvio/
        # macros.html is imported without context (made once, not per page): what it needs is global
        self.env.globals.update(SITEURL=self.settings.get("SITEURL", ""), render_markdown=render_markdown)
        self.context["branding"] = publish_branding(config, assets)
        # Theme files are published once every generator has rendered its pages (the favourites
        # plugin renders last), so that exactly the files the pages refer to are written.
        signals.finalized.connect(self._write_assets)
        logger.info("Tarjotin: %d records read (%d hidden by overrides)", len(site.records), len(content.hidden))

    def _stop(self, messages: list[str], what: str = "content") -> None:
        summary = f"{len(messages)} {what} error(s): fix them and build again"
        if logging.getLogger().isEnabledFor(logging.DEBUG):
            raise ContentErrors(summary + "\n" + "\n".join(messages))
        # A clean exit: one plain line per problem (file: field: reason), no Python traceback.
        # Printed rather than logged so that the log handler does not wrap the lines.
        print("\n".join(f"ERROR: {m}" for m in messages), file=sys.stderr)
        print(f"ERROR: {summary}", file=sys.stderr)
        sys.exit(1)

    # --- output ---

    def _asset(self, name: str) -> str:
        """The templates' `asset("css/tray.css")`: a theme file's hashed path. A missing file is
        collected and reported once all pages are rendered, as one line each, without a traceback."""
        if self.site.page_assets is not None:
            self.site.page_assets.append(name)
        try:
            return self.site.assets.url(name)
        except AssetError as exc:
            self.site.asset_errors.append(str(exc))
            return name

    def _write_assets(self, pelican) -> None:
        signals.finalized.disconnect(self._write_assets)
        if self.site.asset_errors:
            self._stop(sorted(set(self.site.asset_errors)), what="theme")
        self.site.assets.write(Path(self.output_path), precompress=self.site.settings.TRAY_PRECOMPRESS)
        if self.site.reuse:
            self.site.reuse.save()

    def shared_key(self) -> str:
        """What every page is made of besides its own data (tarjotin/page_reuse.py)."""
        site = self.site
        root = Path(__file__).resolve().parents[2]
        opendata = self.context.get("opendata")
        return fingerprint(
            files_digest([Path(self.theme)]), files_digest([root / "tarjotin", root / "plugins"], (".py",)),
            repr(site.config), repr(site.settings.model_dump(exclude=NOT_SHOWN_SETTINGS)), str(site.clock.today), self.settings.get("SITEURL", ""),
            repr(self.context.get("branding")), (self.context.get("favourites_assets") or {}).get("core"),
            [(opendata.page(lang), opendata.statement(lang)) for lang in site.config.languages.ui] if opendata else None)

    def generate_output(self, writer):
        if self.site.settings.TRAY_LIVE_OUTPUT:
            self.site.reuse = PageReuse(Path(self.site.settings.TRAY_LIVE_OUTPUT), Path(self.output_path),
                                        self.shared_key())
        pages = []
        for lang in self.site.config.languages.ui:
            pages += self._pages(writer, lang)
        self.site.write_pages(self.env, pages)  # on every core (TRAY_WORKERS)
        logger.info("Tarjotin: wrote %d pages for %d records and %d themes in %d languages", len(pages),
                    len(self.site.records), len(self.site.config.themes), len(self.site.config.languages.ui))

    def _pages(self, writer, lang: str) -> list[PageJob]:
        """The language's pages, for TraySite.write_pages; each with the data it shows, for its
        fingerprint, except 404."""
        site, urls, config = self.site, self.site.urls, self.site.config
        view = site.view(lang)
        current = site.current()
        pages: list[PageJob] = []

        def write(template: str, url_for, page_name: str, **extra):
            page = site.page_context(lang, url_for, page_name)
            writer.write_file(urls.save_as(page["page_url"]), self.get_template(template.removesuffix(".html")),
                              self.context, **page, **extra)

        def later(template: str, url_for, page_name: str, reusable: bool = True, **extra):
            pages.append(PageJob(lang, lambda: write(template, url_for, page_name, **extra), urls.save_as(url_for(lang)),
                                 (lambda: (template, page_name, extra)) if reusable else None))

        # Sorted by title once: the theme pages' groups and the A–Z list keep this order.
        by_title = sorted(current, key=lambda r: sort_key(view.text(r.title).text))
        by_theme: dict[str, dict[str, list[Record]]] = {t: defaultdict(list) for t in config.theme_slugs}
        for record in by_title:
            for slug in record.themes:
                by_theme[slug][record.kind].append(record)

        front_text = site.content.pages.get("front", {})
        later("index.html", urls.front, page_name="front",
              intro=front_text, theme_counts={t: sum(len(v) for v in by_theme[t].values()) for t in by_theme},
              record_count=len(current))

        present = site.presenter(lang)
        pages += [PageJob(lang, lambda r=record: write("record.html", lambda lg: urls.record(lg, r.id),
                                                       v=present.present(r), page_name="record"),
                          urls.save_as(urls.record(lang, record.id)), lambda r=record: ("record.html", site.record_data(r)))
                  for record in site.records]

        for theme in config.themes:
            groups = [(kind, present.kind_headings[kind],
                       [present.card(r) for r in by_theme[theme.slug][kind]])
                      for kind in KINDS if by_theme[theme.slug].get(kind)]
            later("theme.html", lambda lg, s=theme.slug: urls.theme(lg, s), theme=theme, page_name="theme", groups=groups,
                  theme_text=site.content.themes.get(theme.slug, {}))

        letters: dict[str, list[Record]] = defaultdict(list)
        for record in by_title:
            letters[initial_letter(view.text(record.title).text)].append(present.card(record))
        ordered = sorted(letters.items(), key=lambda item: sort_key(item[0]) if item[0] != "#" else ("", ""))
        later("az.html", urls.az, page_name="az", letters=ordered, record_count=len(current))

        card = site.content.assessment
        if card is not None:
            later("assessment.html", urls.assessment, page_name="assessment",
                  assessment=assessment_data(card, lang, config=config, urls=urls, view=view, present=present,
                                             records=current, theme_texts=site.content.themes))
        # One per language (404.html, sv/404.html, …): a web server or CDN serves the one of the
        # address's language prefix for unknown addresses; its language links go to the front pages.
        not_found = f"{urls.prefix(lang)}404.html"

        def write_not_found():
            page = site.page_context(lang, urls.front, "404")
            writer.write_file(not_found, self.get_template("404"), self.context, **{**page, "page_url": not_found})

        pages.append(PageJob(lang, write_not_found))
        for jobs_of in site.language_jobs:
            pages += jobs_of(lang)
        return pages
