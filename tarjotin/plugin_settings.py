"""The Pelican settings Tarjotin's plugins read, declared once with their types and defaults.

Everything about the area lives in tray.toml; these are the few build knobs set in pelicanconf.py
(and publishconf.py). Each plugin reads them through `plugin_settings(pelican_settings)`, which
validates them once: a wrong type or value stops the build with `pelicanconf.py: NAME: reason`
instead of a traceback deep inside a plugin. Each setting's docstring is its documentation;
tests/test_docs.py checks that docs/configuration.md, docs/search.md or docs/favourites.md name
every one with its default.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError

from .text import excerpt


def _iso_date_or_empty(value: str) -> str:
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{excerpt(value)} is not a date; write YYYY-MM-DD or leave it empty") from None
    return value


class PluginSettings(BaseModel):
    """Settings of plugins/tray (TRAY_*), plugins/search_index (SEARCH_*), plugins/favourites
    (FAVOURITES_*) and plugins/quality (QUALITY_*). Pelican's own settings (PATH, THEME, SITEURL, …) are not repeated here."""

    # Pelican's settings dict holds many other keys: they are not ours to check.
    model_config = ConfigDict(extra="ignore", frozen=True, use_attribute_docstrings=True)

    TRAY_CONFIG: str = "tray.toml"
    """Path of tray.toml; the environment variable TARJOTIN_CONFIG wins (pelicanconf.py)."""
    TRAY_TODAY: Annotated[str, AfterValidator(_iso_date_or_empty)] = ""
    """The date (YYYY-MM-DD) that decides which events are past; empty means today."""
    TRAY_PRECOMPRESS: StrictBool = True
    """Also write <file>.gz beside each hashed theme file (CSS, JS, SVG)."""
    TRAY_LIVE_OUTPUT: str = ""
    """The output directory this build will replace (tarjotin/build.py passes it): a page whose
    fingerprint is unchanged is taken from there instead of rendered; empty = render every page."""
    TRAY_WORKERS: StrictInt = Field(0, ge=0, le=64)
    """Processes that render the pages (forked once the records are read); 0 = one per available
    core, 1 = all in the build's own process."""

    SEARCH_CHUNK_SIZE: StrictInt = Field(16, ge=1, le=10_000)
    """Documents per result-text file of the search; smaller = fewer bytes before the first result."""
    SEARCH_PRECOMPRESS: StrictBool = True
    """Also write <file>.gz beside each search file."""
    SEARCH_LUNR_JSON: StrictBool = False
    """Also write the plain lunr.py index search/<lang>/lunr-index.json (slower builds)."""

    FAVOURITES_BUCKET_SIZE: StrictInt = Field(64, ge=1, le=100_000)
    """Records per favourites data file, on average; the page fetches only the files it needs."""
    FAVOURITES_PRECOMPRESS: StrictBool = True
    """Also write <file>.gz beside each favourites file."""
    FAVOURITES_FONT_SUBSET: StrictBool = True
    """Cut the PDF fonts to the scripts the site needs with fontTools (False: whole fonts)."""

    QUALITY_PREVIOUS_OUTPUT: str = ""
    """Directory of the previous build whose quality report (laaturaportti/report.json) the new one
    is compared with; empty = the output directory itself, read before Pelican empties it.
    tarjotin/build.py passes the live output, since it builds into a fresh directory beside it."""

    def today(self) -> date:
        return date.fromisoformat(self.TRAY_TODAY) if self.TRAY_TODAY else date.today()


class PluginSettingsError(ValueError):
    """Invalid plugin settings; the message lists each as `pelicanconf.py: NAME: reason`."""


#: Name prefixes that are ours: a misspelt setting (SEARCH_CHUNKSIZE) is an error, not ignored.
PREFIXES = ("TRAY_", "SEARCH_", "FAVOURITES_", "QUALITY_")


def plugin_settings(settings: dict[str, Any]) -> PluginSettings:
    """The plugins' settings from Pelican's settings dict, validated (PluginSettingsError)."""
    known = PluginSettings.model_fields
    ours = {name: settings[name] for name in known if settings.get(name) is not None}
    lines = [f"pelicanconf.py: {name}: not a Tarjotin setting; the settings are {', '.join(known)}"
             for name in sorted(settings) if name.startswith(PREFIXES) and name not in known]
    try:
        result = PluginSettings(**ours)
    except ValidationError as exc:
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"])
            lines.append(f"pelicanconf.py: {name}: {error['msg']} (got {excerpt(repr(error.get('input')))})")
    if lines:
        raise PluginSettingsError("\n".join(lines))
    return result
