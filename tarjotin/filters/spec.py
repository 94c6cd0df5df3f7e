"""What a search filter is: one `FilterSpec` declaration, and the registry that holds them.

Everything about a filter follows from its declaration (Datasette's facets are the model): the
search index files and `facets.json` (plugins/search_index/encode.py), the search page's filter
groups and URL state (theme/templates/search.html, tarjotin/urls.py, search-state.js), the
browser's behaviour (search-engine.js and search-ui.js read the flags from facets.json, they never
name a group), the table in docs/search.md and the benchmark's corpus.

A filter outside the built-in ones (tarjotin/filters/builtin.py) lives in a module of its own
with a `register_filters(registry)` function; `[search] filter_plugins` in tray.toml names such
modules and `registry_for(config)` calls them after the built-ins::

    from tarjotin.filters import FilterSpec

    def register_filters(registry):
        registry.add(FilterSpec(
            param="esteeton", key="accessible", label="Accessible", source="data",
            values=lambda ctx: ["kylla"], value_label=lambda ctx, v: ctx.gettext("Accessible entrance"),
            derive=lambda record, ctx: ["kylla"] if "esteetön" in record.keywords else [],
        ))
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Literal, Mapping, Sequence
from zoneinfo import ZoneInfo
from tarjotin.i18n import N_

#: Where a filter's values come from (shown in docs/search.md's table).
ValueSource = Literal["config", "data", "computed"]
#: How the browser decides whether a document passes: "values" compares the document's values
#: (facets.json "cols"); any other name is a matcher that search-engine.js registers
#: (`TarjotinSearch.registerMatcher`) and feeds with the filter's per-document `data`.
#: Built in: "values", "date" (event dates against today, a weekend, a week or a chosen range),
#: "hours" (open now / open today, theme/static/js/opening-hours.js).
MATCHERS = ("values", "date", "hours")

_PARAM_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_")


@dataclass
class FilterContext:
    """What a filter's functions may use while one language's search files are built."""

    config: Any
    """The TrayConfig."""
    lang: str
    """The UI language being built."""
    labels: Any
    """plugins/search_index.encode.Labels: names of municipalities, languages, themes, age groups, kinds."""
    records: Sequence[Any] = ()
    """The current records (past events removed), for filters whose values come from the data."""
    today: date | None = None
    """The build's today (TARJOTIN_TODAY / TRAY_TODAY pin it)."""
    messages: Mapping[str, str] = field(default_factory=dict)
    """The spec's own translations for this language (FilterSpec.messages), tried before the catalog."""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.config.site.timezone)

    def gettext(self, msgid: str) -> str:
        if msgid in self.messages:
            return self.messages[msgid]
        translate = getattr(self.labels, "gettext", None)
        return translate(msgid) if translate else msgid


@dataclass(frozen=True)
class FilterSpec:
    """One search filter, declared once."""

    param: str
    """URL parameter (`?teema=liikunta`) and the filter's name in facets.json; lower-case ASCII,
    the same in every language so a filtered view survives a language switch."""
    key: str
    """Python name for `UrlScheme.search(lang, key=value)` (theme, municipality, ...)."""
    label: str
    """msgid of the group's heading on the search page (translated through the theme catalog, or
    through `messages` for a filter that ships outside it)."""
    source: ValueSource
    """Where the values come from: "config" (tray.toml vocabularies), "data" (what the records
    carry) or "computed" (fixed values the build or the browser evaluates)."""
    values: Callable[[FilterContext], list[str]]
    """The values in display order; an empty list leaves the group off the page."""
    value_label: Callable[[FilterContext, str], str]
    """A value's label in the context's language."""
    doc_values: str = ""
    """For docs/search.md's table: what the values are (Markdown, one line)."""
    doc_match: str = ""
    """For docs/search.md's table: when a record matches (Markdown, one line)."""
    derive: Callable[[Any, FilterContext], list[str]] = lambda record, ctx: []
    """A record's values (of `values`); used by the "values" matcher and for the tags field."""
    empty_matches_all: bool = False
    """A record with no value passes every selection and counts for every value (age groups:
    no age group means everyone)."""
    multiple: bool = True
    """Several values may be chosen (checkboxes, OR within the group); False: one at a time (radio
    buttons with an "all" choice)."""
    sort: str | None = None
    """A sort column (`FilterRegistry.sorts`) that orders the results while the filter is active."""
    sort_when: tuple[str, ...] = ()
    """Only sort when one of these values is chosen (empty: whenever the filter is active)."""
    tags: bool = True
    """The labels of a record's values are indexed (Lunr "tags" field): typing "liikunta" finds
    the theme's records."""
    hide_unused: bool = False
    """The browser lists only the values with results (or chosen), except `always_shown`."""
    always_shown: Callable[[FilterContext], list[str]] = lambda ctx: []
    """Values listed even without results when `hide_unused` is set."""
    suggest: str | None = None
    """A value the page offers to add when the filter is active without it and the value has
    results (nationwide services next to a municipality)."""
    match: str = "values"
    """How the browser decides whether a document passes: "values" or a registered matcher (MATCHERS)."""
    data: Callable[[Any, FilterContext], str] | None = None
    """Per-document data for a matcher other than "values" (facets.json "data", comma-separated per
    document, so no commas in it), "" for none."""
    range: bool = False
    """The "date" matcher also takes a chosen range `YYYY-MM-DD..YYYY-MM-DD` (two date fields)."""
    messages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """{lang: {msgid: text}}: translations for a filter shipped outside the theme catalog."""

    def __post_init__(self):
        if not self.param or set(self.param) - _PARAM_CHARS or self.param == "q":
            raise ValueError(f"filter parameter {self.param!r}: use lower-case letters, digits, - or _ (not 'q')")
        if self.source not in ("config", "data", "computed"):
            raise ValueError(f"filter {self.param}: source {self.source!r} is not config, data or computed")
        if self.match != "values" and self.data is None:
            raise ValueError(f"filter {self.param}: matcher {self.match!r} needs data(record, ctx)")

    def context(self, ctx: FilterContext) -> FilterContext:
        """`ctx` with this spec's own translations for the context's language."""
        own = self.messages.get(ctx.lang, {})
        return ctx if not own else FilterContext(ctx.config, ctx.lang, ctx.labels, ctx.records, ctx.today, own)

    def flags(self, ctx: FilterContext, values: list[str]) -> dict:
        """What the browser needs to know about the filter (facets.json "filters")."""
        position = {v: i for i, v in enumerate(values)}
        out: dict[str, Any] = {"match": self.match, "multiple": self.multiple}
        if self.empty_matches_all:
            out["emptyMatchesAll"] = True
        if self.hide_unused:
            out["hideUnused"] = True
            out["alwaysShown"] = [position[v] for v in self.always_shown(ctx) if v in position]
        if self.sort:
            out["sort"] = self.sort
            if self.sort_when:
                out["sortWhen"] = [position[v] for v in self.sort_when if v in position]
        if self.suggest is not None and self.suggest in position:
            out["suggest"] = position[self.suggest]
        if self.range:
            out["range"] = True
        return out


@dataclass(frozen=True)
class SortSpec:
    """A sort column: a number per record (smaller first; None sorts after the rest). facets.json
    carries only the ranks (plugins/search_index/encode.py sort_ranks)."""

    name: str
    key: Callable[[Any, FilterContext], int | None]
    """The record's number (e.g. an event's start in minutes since 1970)."""
    doc: str = ""
    """For docs/search.md: what the order is ("the event's start time")."""


class FilterRegistry:
    """The filters of a site, in display order, and the sort columns they use."""

    def __init__(self):
        self._filters: dict[str, FilterSpec] = {}
        self.sorts: dict[str, SortSpec] = {}

    def add(self, spec: FilterSpec, *, before: str | None = None) -> FilterSpec:
        """Register a filter (after the others, or before the filter `before`)."""
        if spec.param in self._filters:
            raise ValueError(f"filter parameter {spec.param!r} is registered twice")
        if any(s.key == spec.key for s in self._filters.values()):
            raise ValueError(f"filter key {spec.key!r} is registered twice")
        if spec.sort and spec.sort not in self.sorts:
            raise ValueError(f"filter {spec.param}: sort column {spec.sort!r} is not registered (add_sort)")
        if before is None:
            self._filters[spec.param] = spec
        else:
            if before not in self._filters:
                raise ValueError(f"filter {spec.param}: no filter {before!r} to go before")
            items = list(self._filters.items())
            at = [k for k, _ in items].index(before)
            self._filters = dict(items[:at] + [(spec.param, spec)] + items[at:])
        return spec

    def add_sort(self, sort: SortSpec) -> SortSpec:
        if sort.name in self.sorts:
            raise ValueError(f"sort column {sort.name!r} is registered twice")
        self.sorts[sort.name] = sort
        return sort

    @property
    def filters(self) -> list[FilterSpec]:
        return list(self._filters.values())

    def get(self, param: str) -> FilterSpec:
        return self._filters[param]

    @property
    def params(self) -> list[str]:
        return list(self._filters)

    def search_params(self) -> dict[str, str]:
        """{key: URL parameter}, the query first (tarjotin/urls.py SEARCH_PARAMS)."""
        return {"query": "q", **{s.key: s.param for s in self._filters.values()}}


def docs_table(registry: FilterRegistry) -> str:
    """The Markdown table of docs/search.md "Filters and URL" (`python -m tarjotin.filters` prints it)."""
    rows = ["| filter | URL parameter | values (from) | choice | a record matches when |", "|---|---|---|---|---|"]
    for spec in registry.filters:
        choice = "several" if spec.multiple else "one"
        if spec.range:
            choice += ", or a date range `YYYY-MM-DD..YYYY-MM-DD`"
        notes = []
        if spec.empty_matches_all:
            notes.append("a record with none matches every value")
        if spec.sort:
            notes.append(f"results sorted by {registry.sorts[spec.sort].doc or spec.sort}"
                         + (f" when {', '.join(f'`{v}`' for v in spec.sort_when)} is chosen" if spec.sort_when else ""))
        match = spec.doc_match + "".join(f"; {note}" for note in notes)
        rows.append(f"| {spec.label} | `{spec.param}` | {spec.doc_values} ({spec.source}) | {choice} | {match} |")
    return "\n".join(rows) + "\n"


def builtin_registry() -> FilterRegistry:
    from . import builtin

    registry = FilterRegistry()
    builtin.register_filters(registry)
    return registry


_CACHE: dict[tuple[str, ...], FilterRegistry] = {}


def registry_for(config=None) -> FilterRegistry:
    """The built-in filters, then those of the `[search] filter_plugins` modules, in their order."""
    return registry_of(tuple(getattr(getattr(config, "search", None), "filter_plugins", None) or ()))


def registry_of(modules: tuple[str, ...]) -> FilterRegistry:
    """The built-in filters and those the `register_filters` hooks of `modules` add (cached);
    a ValueError names the module that cannot be used (tray.toml validation calls this)."""
    if modules not in _CACHE:
        registry = builtin_registry()
        for name in modules:
            try:
                module = importlib.import_module(name)
            except ImportError as exc:
                raise ValueError(f"cannot import {name!r}: {exc}") from None
            hook = getattr(module, "register_filters", None)
            if not callable(hook):
                raise ValueError(f"{name!r} has no register_filters(registry) function")
            try:
                hook(registry)
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from None
        _CACHE[modules] = registry
    return _CACHE[modules]
