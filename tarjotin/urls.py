"""The site's URL scheme, fixed here so theme pages, search, favourites and share links agree.

Finnish lives at the root, other UI languages under /<lang>/. Path words are localised; search
parameters are the same in every language (?q= and the filters' parameters, ?teema=, ?kunta=, ...)
so a filtered view survives a language switch.
"""

from __future__ import annotations

from urllib.parse import urlencode

from tarjotin.filters import builtin_registry

#: Localised path words. A new UI language adds a column here and a catalog in theme/translations.
PATH_WORDS: dict[str, dict[str, str]] = {
    "record": {"fi": "palvelu", "sv": "tjanst", "en": "service"},
    "theme": {"fi": "teema", "sv": "tema", "en": "theme"},
    "search": {"fi": "haku", "sv": "sok", "en": "search"},
    "az": {"fi": "a-o", "sv": "a-o", "en": "a-z"},
    "favourites": {"fi": "suosikit", "sv": "favoriter", "en": "favourites"},
    "assessment": {"fi": "arvio", "sv": "bedomning", "en": "self-assessment"},
}

#: Search URL parameters {key: parameter}: the query and the built-in filters' declarations
#: (tarjotin/filters; their table is in docs/search.md).
SEARCH_PARAMS = builtin_registry().search_params()


class UrlScheme:
    """Build site-relative URLs (no leading slash, trailing slash for directories)."""

    def __init__(self, default_lang: str):
        self.default_lang = default_lang

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default_lang else f"{lang}/"

    def front(self, lang: str) -> str:
        return self.prefix(lang)

    def record(self, lang: str, record_id: str) -> str:
        return f"{self.prefix(lang)}{PATH_WORDS['record'][lang]}/{record_id}/"

    def theme(self, lang: str, slug: str) -> str:
        return f"{self.prefix(lang)}{PATH_WORDS['theme'][lang]}/{slug}/"

    def az(self, lang: str) -> str:
        return f"{self.prefix(lang)}{PATH_WORDS['az'][lang]}/"

    def search(self, lang: str, **filters: str) -> str:
        query = urlencode({SEARCH_PARAMS[key]: value for key, value in filters.items() if value})
        return f"{self.prefix(lang)}{PATH_WORDS['search'][lang]}/" + (f"?{query}" if query else "")

    def favourites(self, lang: str) -> str:
        return f"{self.prefix(lang)}{PATH_WORDS['favourites'][lang]}/"

    def assessment(self, lang: str) -> str:
        return f"{self.prefix(lang)}{PATH_WORDS['assessment'][lang]}/"

    @staticmethod
    def save_as(url: str) -> str:
        """Output file for a directory URL."""
        return url.split("?", 1)[0] + "index.html"
