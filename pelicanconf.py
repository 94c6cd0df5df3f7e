"""Pelican settings for a local build. Area, themes, languages: tray.toml, not here.

`publishconf.py` imports this and changes what differs in production (absolute SITEURL).
Settings named TRAY_* belong to plugins/tray and are documented in docs/configuration.md.
"""

import os

AUTHOR = "Tarjotin"
SITENAME = "Tarjotin"  # the shown name comes from tray.toml [site].name, per language
SITEURL = ""
TIMEZONE = "Europe/Helsinki"
DEFAULT_LANG = "fi"

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
THEME_STATIC_DIR = "theme"
# Theme files are published by plugins/tray under content-hashed names (templates: asset("css/tray.css")),
# so Pelican's own unhashed copy of theme/static/ is switched off.
THEME_STATIC_PATHS = []
DELETE_OUTPUT_DIRECTORY = True

# Pelican's own articles and pages are not used: records, theme pages and the front page are
# written by plugins/tray, which reads content/ itself.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["tray", "search_index", "favourites", "opendata", "quality"]  # search_index and favourites read what tray builds: keep tray first

# ConstantTexts compiles the templates' fixed `_("…")` texts in per language (tarjotin/template_texts.py).
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n", "tarjotin.template_texts.ConstantTexts"],
                     "trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# --- plugins/tray ---
#: tray.toml path (relative to this file); TARJOTIN_CONFIG in the environment wins.
TRAY_CONFIG = os.environ.get("TARJOTIN_CONFIG") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "tray.toml")
#: The date that decides which events are past ("YYYY-MM-DD"); empty = today. Tests pin it.
TRAY_TODAY = os.environ.get("TARJOTIN_TODAY", "")
#: Also write <file>.gz beside each hashed theme file (CSS, JS, SVG), for hosts that serve precompressed files.
TRAY_PRECOMPRESS = True

# --- plugins/search_index (documented in docs/search.md) ---
#: Documents per result-text file of the search; smaller = fewer bytes before the first result.
SEARCH_CHUNK_SIZE = 16
#: Also write <file>.gz beside each search file, for hosts that serve precompressed files.
SEARCH_PRECOMPRESS = True
#: Also write the plain lunr.py index search/<lang>/lunr-index.json (for lunr.Index.load; slower).
SEARCH_LUNR_JSON = False

# --- plugins/favourites (documented in docs/favourites.md) ---
#: Records per favourites data file (on average); the page fetches only the files it needs.
FAVOURITES_BUCKET_SIZE = 64
#: Also write <file>.gz beside each favourites file, for hosts that serve precompressed files.
FAVOURITES_PRECOMPRESS = True
#: Cut the PDF fonts to Latin, Greek, Cyrillic and Arabic with fontTools (False: whole fonts).
FAVOURITES_FONT_SUBSET = True

# --- plugins/quality (documented in docs/quality.md and docs/configuration.md) ---
#: Directory of the previous build to compare the quality report with; empty = the output directory
#: itself before Pelican empties it (tarjotin/build.py passes the live output).
QUALITY_PREVIOUS_OUTPUT = ""
