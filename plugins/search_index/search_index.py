"""Pelican plugin: builds the search files of every UI language and the search page's assets.

Runs after plugins/tray (list it after "tray" in PLUGINS): its generator reads `context["tray"]`
(a `TraySite`). The files are built and written in a side job (tarjotin/parallel.py) started in
`generate_context`, while the other plugins and the tray's pages go on; `generate_output` takes
their hashed names into `context["search_assets"]` and writes the search page of each language
(theme/templates/search.html turns them into the page's JSON configuration block):

    search/<lang>/facets.<hash>.json      filter columns, value labels, chunk names
    search/<lang>/index.<hash>.json       compact Lunr index (see encode.py)
    search/<lang>/shard-<n>.<hash>.json   postings of the summary field by term range, per query
    search/<lang>/text-<n>.<hash>.json    result texts, `SEARCH_CHUNK_SIZE` documents per file
    search/hours.<hash>.json              structured opening hours (tarjotin/filters/opening.py)
    search/<lang>/points.<hash>.json      the results' coordinates and titles, for the map and "near me"
    search/places.<hash>.json             postal codes, districts, streets → a point (places.py)
    search/map/<name>.<hash>.{js,css}     Leaflet and leaflet.markercluster, with `[map] tile_url`
    search/js/<name>.<hash>.js            lunr.js, lunr-languages and our search scripts

Content-hashed names let a CDN cache every file forever; `.gz` siblings (SEARCH_PRECOMPRESS)
serve hosts that support precompressed files (nginx gzip_static, many CDNs).

Settings (pelicanconf.py; documented in docs/search.md):

SEARCH_CHUNK_SIZE     documents per text chunk (default 64)
SEARCH_PRECOMPRESS    also write `<file>.gz` next to each search file (default True)
SEARCH_LUNR_JSON      also write the plain lunr.py index `search/<lang>/lunr-index.json`,
                      loadable with `lunr.Index.load` (default False; slower build, for interop)
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from tarjotin.template_texts import LanguageTemplates

from tarjotin import collector
from tarjotin.assets import HashedFiles
from tarjotin.parallel import SideJob, parallel_allowed

from tarjotin.filters import FilterContext, registry_for
from tarjotin.filters.opening import hours_file

from . import morphology
from .encode import Labels, build_bundle, dumps, lunr_index
from .places import places_file, points_file

logger = logging.getLogger(__name__)

#: Scripts the search page loads, in order: (node_modules path or theme path, output base name).
#: The page loads search-ui.js at once; the rest only when search is used.
LIBRARIES = {
    "lunr": "lunr/lunr.min.js",
    "stemmer": "lunr-languages/min/lunr.stemmer.support.min.js",
    "fi": "lunr-languages/min/lunr.fi.min.js",
    "sv": "lunr-languages/min/lunr.sv.min.js",
}
OWN_SCRIPTS = {"engine": "js/search-engine.js", "state": "js/search-state.js", "ui": "js/search-ui.js",
               "hours": "js/opening-hours.js", "places": "js/search-map.js"}
#: The map's libraries (only with `[map] tile_url`), loaded when the map is first shown.
MAP_LIBRARIES = {"leaflet": "leaflet/dist/leaflet.js", "cluster": "leaflet.markercluster/dist/leaflet.markercluster.js"}
MAP_STYLES = {"leaflet": "leaflet/dist/leaflet.css", "cluster": "leaflet.markercluster/dist/MarkerCluster.css"}
#: Matchers defined outside search-engine.js: their script, loaded when a filter uses the matcher.
MATCHER_SCRIPTS = {"hours": "hours"}

OUTPUT_DIR = "search"


def labels_for(site, lang: str) -> Labels:
    """The language's names for filter values and its result cards: the tray's presenter."""
    return Labels.of(site.presenter(lang))


class SearchFiles(HashedFiles):
    """All files of the search feature: {output path: bytes}, and the page's asset URLs per language."""


def build_search_files(site, theme_dir: Path, node_modules: Path, languages: list[str] | None = None) -> SearchFiles:
    """`languages`: only these UI languages' files (bench/search.py builds the one it measures);
    default all of them. A text in another UI language stays that language's, never "other"."""
    # Millions of small lists and strings, no cycles: the collector's passes over the whole build
    # were a third of this stage's CPU at 10,000 records (bench/search_files.py).
    with collector.paused():
        return _build_search_files(site, theme_dir, node_modules, languages)


def _build_search_files(site, theme_dir: Path, node_modules: Path, languages: list[str] | None) -> SearchFiles:
    out = SearchFiles()
    scripts = {}
    for key, source in LIBRARIES.items():
        path = node_modules / source
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run `npm ci` (./run.sh build does it)")
        scripts[key] = out.add(f"{OUTPUT_DIR}/js", Path(source).name.removesuffix(".min.js"), path.read_bytes(), "js")
    for key, source in OWN_SCRIPTS.items():
        data = (theme_dir / "static" / source).read_bytes()
        scripts[key] = out.add(f"{OUTPUT_DIR}/js", Path(source).stem, data, "js")

    chunk_size = site.settings.SEARCH_CHUNK_SIZE
    records = site.current()
    matchers = {spec.match for spec in registry_for(site.config).filters}
    extra = [scripts[key] for match, key in MATCHER_SCRIPTS.items() if match in matchers]
    # the opening hours matcher's data, fetched by the page only when its filter is used
    hours_path = out.add(OUTPUT_DIR, "hours", dumps(hours_file(records, today=site.clock.today,
                                                               timezone=site.config.site.timezone)), "json")
    # "near me" and the map (search-map.js): fetched only when used
    places_path = out.add(OUTPUT_DIR, "places", dumps(places_file(records, site.config)), "json")
    map_files = map_libraries(out, site.config, node_modules)
    for lang in languages or site.config.languages.ui:
        started = time.perf_counter()
        labels = labels_for(site, lang)
        # Finnish derivations (Voikko); without it one warning line and the index of before
        morph = morphology.load(lang, warn=logger.warning)
        bundle = build_bundle(records, site.config, lang, labels, sort_key=site.sort_key, chunk_size=chunk_size,
                              today=site.clock.today, concepts=site.content.synonyms.get(lang, []),
                              morphology=morph)
        folder = f"{OUTPUT_DIR}/{lang}"
        chunk_paths = [out.add(folder, f"text-{i}", dumps(chunk), "json") for i, chunk in enumerate(bundle.chunks)]
        bundle.facets["chunks"] = [Path(p).name for p in chunk_paths]
        shard_paths = [out.add(folder, f"shard-{i}", dumps(shard), "json") for i, shard in enumerate(bundle.shards)]
        bundle.index["sharded"]["files"] = [Path(p).name for p in shard_paths]
        index_path = out.add(folder, "index", dumps(bundle.index), "json")
        rows = [row for chunk in bundle.chunks for row in chunk]
        points = points_file([row["id"] for row in rows], records, site.config.map.center)
        # a marker names its result (and links it when its card is not on the list yet)
        points["titles"] = [row["title"] if pts else "" for row, pts in zip(rows, points["pts"])]
        points["ids"] = [row["id"] if pts else "" for row, pts in zip(rows, points["pts"])]
        points_path = out.add(folder, "points", dumps(points), "json")
        facets_path = out.add(folder, "facets", dumps(bundle.facets), "json")
        if site.settings.SEARCH_LUNR_JSON:
            serialized = lunr_index(bundle).serialize()
            out.files[f"{folder}/lunr-index.json"] = json.dumps(serialized, sort_keys=True,
                                                                separators=(",", ":"), ensure_ascii=False).encode()
        # lunr-languages for the page's language and for the stemmers of its other content languages
        stemmers = sorted({lang, *(name for _code, name in bundle.index.get("other", []))} - {"", "en"})
        for name in stemmers:
            if name not in scripts:
                source = f"lunr-languages/min/lunr.{name}.min.js"
                scripts[name] = out.add(f"{OUTPUT_DIR}/js", f"lunr.{name}", (node_modules / source).read_bytes(), "js")
        lib = [scripts["lunr"]] + ([scripts["stemmer"]] + [scripts[name] for name in stemmers] if stemmers else [])
        out.assets[lang] = {
            "facets": facets_path,
            "index": index_path,
            "chunkBase": f"{folder}/",
            "scripts": lib + [scripts["engine"]] + extra + [scripts["state"]],
            "ui": scripts["ui"],
            "hours": hours_path,
            "points": points_path,
            "places": places_path,
            "placesScript": scripts["places"],
            "map": map_files,
            # no result has a place: no "near me" controls and no map on the page
            "hasPoints": any(points["pts"]),
        }
        logger.info("Tarjotin search: %s index of %d records in %.1f s", lang, len(records),
                    time.perf_counter() - started)
    return out


def map_libraries(out: SearchFiles, config, node_modules: Path) -> dict | None:
    """Leaflet and its clustering plugin from the npm install, when a map is configured."""
    if not config.map.enabled:
        return None
    found = {}
    for kind, table in (("scripts", MAP_LIBRARIES), ("styles", MAP_STYLES)):
        found[kind] = []
        for source in table.values():
            path = node_modules / source
            if not path.exists():
                raise FileNotFoundError(f"{path} is missing: run `npm ci` (./run.sh build does it)")
            name = Path(source).name
            found[kind].append(out.add(f"{OUTPUT_DIR}/map", name.rsplit(".", 1)[0], path.read_bytes(), name.rsplit(".", 1)[1]))
    return found


def search_filters(site) -> dict[str, list[dict]]:
    """Per UI language, the filters the search page declares: [{param, label}] in display order."""
    registry = registry_for(site.config)
    out = {}
    for lang in site.config.languages.ui:
        ctx = FilterContext(config=site.config, lang=lang, labels=labels_for(site, lang))
        out[lang] = [{"param": spec.param, "label": spec.context(ctx).gettext(spec.label)} for spec in registry.filters]
    return out


class SearchIndexGenerator(LanguageTemplates, Generator):
    """Builds and writes the search files beside the rest of the build, then the search pages."""

    def generate_context(self):
        site = self.context.get("tray")
        if site is None:
            raise RuntimeError("search_index needs the tray plugin: PLUGINS = ['tray', 'search_index']")
        self.site = site
        # lunr.js and lunr-languages come from the repository's npm install (package-lock.json)
        node_modules = Path(__file__).resolve().parents[2] / "node_modules"
        output, theme = Path(self.output_path), Path(self.theme)

        def build_and_write() -> dict:
            files = build_search_files(site, theme, node_modules)
            files.write(output, precompress=site.settings.SEARCH_PRECOMPRESS, uncompressed=("lunr-index.json",))
            return files.assets

        self.files = SideJob(build_and_write, parallel=parallel_allowed(site.settings.TRAY_WORKERS),
                             name="the search files")
        self.context["search_filters"] = search_filters(site)

    def generate_output(self, writer):
        site, urls = self.site, self.site.urls
        self.context["search_assets"] = self.files.result()
        for lang in site.config.languages.ui:
            site.install_translations(self.env, lang)
            page = site.page_context(lang, lambda lg: urls.search(lg), "search")
            writer.write_file(urls.save_as(page["page_url"]), self.get_template("search"), self.context, **page)


def get_generators(pelican):
    return SearchIndexGenerator


def register():
    signals.get_generators.connect(get_generators)
