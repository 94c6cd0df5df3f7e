"""The source registry: where records come from, declared once.

Every record names its source (`source: ptv`) and its id starts with the source's prefix
(`ptv-…`). Everything else that depends on the source follows from its declaration here:

* the record model accepts exactly the registered sources, prefixes and `other_sources`
  (errors list the registered prefixes);
* the content loader reads `content/records/<records>/` of each registered source;
* the record page's "Source: …" line and its "Also at …" links use `name`, its link back to
  the source for corrections uses the record's `source_url` or else the `link` template;
* favourites accept ids with a registered prefix (the build passes the prefixes to the JS);
* the nightly run and `docs/importers.md` find the importer (`python -m <importer>`).

The built-in sources are `BUILT_IN` below. Another source is one `[sources.<id>]` table in
tray.toml (`tarjotin.config.SourceDeclaration`, docs/importers.md "Adding a source") next to its
package under importers/; the registry of a configuration is `config.source_registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

#: A source id and an id prefix: lower-case letters and digits, starting with a letter (no
#: hyphen: the first hyphen of a record id ends the prefix).
SOURCE_ID_RE = re.compile(r"^[a-z][a-z0-9]{1,30}$")

#: What follows the prefix in a record id.
ID_REST = r"[a-z0-9][a-z0-9-]{0,80}"


@dataclass(frozen=True)
class SourceSpec:
    """One source of records."""

    id: str
    """The records' `source` value, e.g. `ptv`."""
    name: Mapping[str, str]
    """Name per UI language, for "Source: <name>." on the record page and "Also at <name>"."""
    importer: str = ""
    """Module of its importer (`python -m <importer>`); empty for records written by editors."""
    link: str = ""
    """Link back to the source for corrections when a record has no `source_url`: a URL with
    `{key}` standing for the id without its prefix; empty = only the record's `source_url`."""
    records: str = ""
    """Folder of its records below content/records/; default: the id."""
    prefix: str = ""
    """Record ids start with `<prefix>-`; default: the id."""
    settings_section: str = ""
    """Top-level tray.toml table of its importer settings (`[ptv]`); default: `[sources.<id>.settings]`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "records", self.records or self.id)
        object.__setattr__(self, "prefix", self.prefix or self.id)

    def display_name(self, lang: str, fallback: str = "fi") -> str:
        return self.name.get(lang) or self.name.get(fallback) or next(iter(self.name.values()), self.id)

    def link_for(self, record_id: str, source_url: str | None = None) -> str | None:
        """Where a record is viewed and corrected at its source, or None."""
        if source_url:
            return source_url
        if self.link and record_id.startswith(self.prefix + "-"):
            return self.link.replace("{key}", record_id[len(self.prefix) + 1:])
        return None


BUILT_IN: tuple[SourceSpec, ...] = (
    SourceSpec("ptv", {"fi": "Suomi.fi-palvelutietovaranto (PTV)", "sv": "Suomi.fi-servicedatalagret (PTV)",
                       "en": "Suomi.fi Service Catalogue (PTV)"},
               importer="importers.ptv", settings_section="ptv"),
    SourceSpec("lahella", {"fi": "Lähellä.fi", "sv": "Lähellä.fi", "en": "Lähellä.fi"},
               importer="importers.lahella", settings_section="lahella"),
    SourceSpec("local", {"fi": "tarjottimen toimittajat", "sv": "brickans redaktörer", "en": "the tray's editors"}),
)


@dataclass(frozen=True)
class Registry:
    """The sources of one configuration, in declaration order (built-in ones first)."""

    specs: tuple[SourceSpec, ...]
    _by_id: dict[str, SourceSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update((spec.id, spec) for spec in self.specs)

    def __iter__(self) -> Iterator[SourceSpec]:
        return iter(self.specs)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._by_id

    def __getitem__(self, source_id: str) -> SourceSpec:
        return self._by_id[source_id]

    def get(self, source_id: str) -> SourceSpec | None:
        return self._by_id.get(source_id)

    @property
    def ids(self) -> list[str]:
        return [spec.id for spec in self.specs]

    @property
    def prefixes(self) -> list[str]:
        return [spec.prefix for spec in self.specs]

    @property
    def records_dirs(self) -> list[str]:
        return [spec.records for spec in self.specs]

    def with_importer(self) -> list[SourceSpec]:
        return [spec for spec in self.specs if spec.importer]

    def by_prefix(self, record_id: str) -> SourceSpec | None:
        prefix = record_id.split("-", 1)[0]
        return next((spec for spec in self.specs if spec.prefix == prefix), None)

    def by_records_dir(self, folder: str) -> SourceSpec | None:
        return next((spec for spec in self.specs if spec.records == folder), None)

    def prefix_list(self) -> str:
        """`ptv-, lahella- or local-` for error messages."""
        names = [f"{prefix}-" for prefix in self.prefixes]
        return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]

    def id_pattern(self) -> str:
        """A regular expression (JS and Python alike) that matches the ids of every source."""
        return "^(" + "|".join(re.escape(p) for p in self.prefixes) + ")-" + ID_REST + "$"

    def is_record_id(self, value: str) -> bool:
        return bool(re.fullmatch(self.id_pattern(), value))

    def client_data(self) -> dict[str, object]:
        """What the browser needs (favourites.js): the id prefixes."""
        return {"prefixes": self.prefixes, "idPattern": self.id_pattern()}


#: The registry of a configuration without `[sources]` tables (and of validation without one).
DEFAULT_REGISTRY = Registry(BUILT_IN)
