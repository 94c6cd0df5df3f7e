"""Pelican plugin: the favourites page, its record data, the PDF's libraries and fonts.

Runs after plugins/tray (PLUGINS = [..., "tray", ..., "favourites"]): its generator reads
`context["tray"]` (a `TraySite`), prepares the scripts, fonts and texts in `generate_context` and
puts their content-hashed names into `context["favourites_assets"]`, which theme/templates/base.html
(the favourites script on every page) and theme/templates/favourites.html (the page's JSON
configuration block) turn into URLs. The records' data files, the bulk of the work, are built and
written per language by the worker that rendered that language's record pages (`TraySite.language_jobs`,
tarjotin/parallel.py), from the record views it made for them. `generate_output` writes
the other files and, with the data files' names, one favourites page per UI language (suosikit/,
sv/favoriter/, en/favourites/):

    favourites-files/js/favourites.<hash>.js        toggles, header badge, storage (every page)
    favourites-files/js/favourites-slip.<hash>.js   the referral slip's model and printed form
    favourites-files/js/favourites-calendar.<hash>.js  .ics files of the list's events
    favourites-files/js/favourites-page.<hash>.js   the favourites page: list, share link, print
    favourites-files/js/favourites-pdf.<hash>.js    the PDF (loaded when "Download PDF" is pressed)
    favourites-files/js/jspdf.umd.<hash>.js         jsPDF 4 (npm, loaded with the PDF script)
    favourites-files/js/qrcode.<hash>.js            qrcode-generator (npm; QR code on page and PDF)
    favourites-files/fonts/DejaVuSans*.<hash>.ttf   the PDF's fonts (npm dejavu-fonts-ttf, cut)
    favourites-files/fonts/DejaVu-LICENSE.txt       the fonts' licence, which must travel with them
    favourites-files/<lang>/records-<n>.<hash>.json record details per language (see data.py)
    favourites-files/<lang>/strings.<hash>.json     the page's, slip's and PDF's texts per language
                                                    (theme/templates/favourites_strings.html), so
                                                    the slip can be in the client's language

Settings (pelicanconf.py; documented in docs/favourites.md):

FAVOURITES_BUCKET_SIZE   records per data file, on average (default 64)
FAVOURITES_PRECOMPRESS   also write `<file>.gz` next to each file (default True)
FAVOURITES_FONT_SUBSET   cut the PDF fonts to the scripts in fonts.UNICODE_RANGES (default True)
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from babel import Locale, UnknownLocaleError
from pelican import signals
from pelican.generators import Generator

from tarjotin.template_texts import LanguageTemplates

from tarjotin.assets import HashedFiles, dumps
from tarjotin.page_reuse import PageJob

from .data import bucket_count, bucket_of, calendar_times
from .fonts import subset_font

logger = logging.getLogger(__name__)

OUTPUT_DIR = "favourites-files"
OWN_SCRIPTS = {"core": "js/favourites.js", "slip": "js/favourites-slip.js", "calendar": "js/favourites-calendar.js",
               "page": "js/favourites-page.js", "pdf": "js/favourites-pdf.js"}
LIBRARIES = {"jspdf": "jspdf/dist/jspdf.umd.min.js", "qrcode": "qrcode-generator/dist/qrcode.js"}
FONTS = {"regular": "dejavu-fonts-ttf/ttf/DejaVuSans.ttf", "bold": "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"}
FONT_LICENSE = "dejavu-fonts-ttf/LICENSE"


def language_name(code: str) -> str:
    """The language's own name ('svenska'): the slip's language menu is read by whoever speaks it."""
    try:
        name = Locale.parse(code).get_display_name(code)
    except (ValueError, UnknownLocaleError):
        name = None
    return name[:1].upper() + name[1:] if name else code


class FavouritesFiles(HashedFiles):
    """The favourites' files, all under OUTPUT_DIR, and the URLs the templates need."""

    def __init__(self):
        super().__init__({"buckets": {}})
        self.lang_pages: list[dict] = []
        """{code, name, pageUrl} of each UI language's favourites page."""

    def add(self, folder: str, stem: str, data: bytes, ext: str) -> str:
        return super().add(f"{OUTPUT_DIR}/{folder}", stem, data, ext)


def build_files(site, settings: dict, theme_dir: Path, node_modules: Path,
                render_strings=None, with_records: bool = True) -> FavouritesFiles:
    """Every favourites file (without the records' data files unless `with_records`: see
    `record_files` and `add_records`); `render_strings(lang)` gives the texts of a language as a dict."""
    out = FavouritesFiles()
    for key, source in OWN_SCRIPTS.items():
        out.assets[key] = out.add("js", Path(source).stem, (theme_dir / "static" / source).read_bytes(), "js")
    libraries = {}
    for key, source in LIBRARIES.items():
        path = node_modules / source
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run `npm ci` (./run.sh build does it)")
        libraries[key] = out.add("js", Path(source).name.removesuffix(".min.js").removesuffix(".js"),
                                 path.read_bytes(), "js")
    fonts = {}
    cache_dir = Path(settings.get("CACHE_PATH") or "cache") / "favourites-fonts"
    for key, source in FONTS.items():
        path = node_modules / source
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run `npm ci` (./run.sh build does it)")
        data = subset_font(path.read_bytes(), cache_dir, site.settings.FAVOURITES_FONT_SUBSET)
        fonts[key] = out.add("fonts", Path(source).stem, data, "ttf")
    out.files[f"{OUTPUT_DIR}/fonts/DejaVu-LICENSE.txt"] = (node_modules / FONT_LICENSE).read_bytes()
    out.assets["pdfFiles"] = {"jspdf": libraries["jspdf"], "qrcode": libraries["qrcode"], "fonts": fonts}

    out.assets["strings"], out.assets["stringFiles"], out.assets["langNames"] = {}, {}, {}
    for lang in site.config.languages.ui:
        strings = render_strings(lang) if render_strings else {}
        out.assets["strings"][lang] = strings
        out.assets["stringFiles"][lang] = out.add(lang, "strings", dumps({"format": 1, "strings": strings}), "json")
        out.assets["langNames"][lang] = language_name(lang)
    siteurl = settings.get("SITEURL", "")
    out.lang_pages = [{"code": lang, "name": out.assets["langNames"][lang],
                       "pageUrl": f"{siteurl}/{site.urls.favourites(lang)}"} for lang in site.config.languages.ui]
    if with_records:
        add_records(out, record_files(site, siteurl))
    return out


def record_files(site, siteurl: str, languages: list[str] | None = None) -> FavouritesFiles:
    """The records' data files of every UI language (or of `languages`); `assets["buckets"]`:
    {lang: [file, …]}."""
    out = FavouritesFiles()
    records = sorted(site.records, key=lambda r: r.id)
    buckets = bucket_count(len(records), site.settings.FAVOURITES_BUCKET_SIZE)
    for lang in languages or site.config.languages.ui:
        present = site.presenter(lang).present
        groups: list[dict] = [{} for _ in range(buckets)]
        for record in records:
            view = present(record)
            entry = view.json(f"{siteurl}/{view.url}")
            times = calendar_times(record)
            if times:
                entry["calendar"] = times
            groups[bucket_of(record.id, buckets)][record.id] = entry
        out.assets["buckets"][lang] = [
            out.add(lang, f"records-{i}", dumps({"format": 1, "records": group}), "json")
            for i, group in enumerate(groups)
        ]
    return out


def add_records(out: FavouritesFiles, records: FavouritesFiles | dict) -> None:
    """Join the data files' names (a `record_files` result or its `assets["buckets"]`) to the
    other files' assets: what the page needs to make the slip, the PDF and the link in another language."""
    if isinstance(records, FavouritesFiles):
        out.files.update(records.files)
        records = records.assets["buckets"]
    out.assets["buckets"] = records
    out.assets["langs"] = [{**lang, "strings": out.assets["stringFiles"][lang["code"]], "buckets": records[lang["code"]]}
                           for lang in out.lang_pages]


class FavouritesGenerator(LanguageTemplates, Generator):
    """Prepares the favourites files in generate_context; writes them and the pages in generate_output."""

    def generate_context(self):
        site = self.context.get("tray")
        if site is None:
            raise RuntimeError("favourites needs the tray plugin: list 'tray' before 'favourites' in PLUGINS")
        node_modules = Path(__file__).resolve().parents[2] / "node_modules"
        if not node_modules.exists():
            node_modules = Path(self.settings["PATH"]).resolve().parent / "node_modules"
        self.site = site
        self.favourites = build_files(site, self.settings, Path(self.theme), node_modules, self._strings,
                                      with_records=False)
        self.context["favourites_assets"] = self.favourites.assets
        output, siteurl = Path(self.output_path), self.settings.get("SITEURL", "")

        def data_files(lang: str) -> list[PageJob]:
            # After the language's record pages, in the worker that presented their records: the
            # views are made once, for the pages and for these files.
            def write() -> None:
                data = record_files(site, siteurl, [lang])
                data.write(output, precompress=site.settings.FAVOURITES_PRECOMPRESS)
                site.job_results[f"favourites:{lang}"] = data.assets["buckets"][lang]
            # Its weight: a language's data files cost about as much as a fifth of its record pages.
            return [PageJob(lang, write, weight=len(site.records) / 5)]

        site.language_jobs.append(data_files)

    def _strings(self, lang: str) -> dict:
        self.site.install_translations(self.env, lang)
        return json.loads(self.get_template("favourites_strings").render(self.context))

    def generate_output(self, writer):
        add_records(self.favourites, {lang: self.site.job_results[f"favourites:{lang}"]
                                      for lang in self.site.config.languages.ui})
        self.favourites.write(Path(self.output_path), precompress=self.context["tray"].settings.FAVOURITES_PRECOMPRESS,
                              uncompressed=(".txt",))
        self._write_pages(writer)

    def _write_pages(self, writer):
        site, config, urls = self.site, self.site.config, self.site.urls
        for lang in config.languages.ui:
            site.install_translations(self.env, lang)
            page = site.page_context(lang, urls.favourites, "favourites")
            writer.write_file(urls.save_as(page["page_url"]), self.get_template("favourites"), self.context, **page)
        logger.info("Tarjotin favourites: %d records in %d data file(s) per language",
                    len(site.records), len(self.favourites.assets["buckets"][config.default_lang]))


def get_generators(pelican):
    return FavouritesGenerator


def register():
    signals.get_generators.connect(get_generators)
