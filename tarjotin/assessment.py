"""The self-assessment card: `content/assessment/card.yml`, the questions, the answer scale and the
texts of `/arvio/` (docs/assessment.md), so a county can use its own card; and the page's data.

```yaml
version: 1
texts:                      # optional: the page's own intro
  intro: {fi: "...", sv: "...", en: "..."}
who:                        # optional: "who are the services for?"; the answers are tray.toml's age groups
  question: {fi: "...", sv: "...", en: "..."}
  client: {fi: "...", sv: "...", en: "..."}
  groups: [lapset, ikaantyneet]                          # optional: default every age group
where:                      # optional: "where do you live?"; the answers are tray.toml's municipalities
  question: {fi: "...", sv: "...", en: "..."}
  client: {fi: "...", sv: "...", en: "..."}
scale:                      # the answers, best first; `need` is how much help the answer suggests
  - {need: 0, label: {fi: Hyvin, sv: Bra, en: Well}}
  - {need: 2, label: {fi: Huonosti, sv: Dåligt, en: Badly}}
areas:                      # one question per wellbeing area; `theme` is a configured theme
  - theme: liikunta
    question: {fi: "...", sv: "...", en: "..."}          # to the user ("you")
    client: {fi: "...", sv: "...", en: "..."}            # professional mode, about the client
    services: [local-x, ptv-y]                           # optional: the editors' picks, shown first
```

Every text needs the default language; other languages fall back to it on the page. `check` and
the build report each problem as `<file>:<line>: <field>: <reason>` (as tarjotin/synonyms.py).
The browser suggests the areas with the most need and picks each one's services for the answers to
`who` and `where` (theme/static/js/assessment.js); `assessment_data` ships it the candidates
(`service_candidates`, chosen as `pick_services` does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .recordfile import RecordError
from .urls import SEARCH_PARAMS
from .views import sort_key

FORMAT_VERSION = 1
PATH = Path("assessment") / "card.yml"
MAX_CHARS = 400
MAX_AREAS = 30
MAX_SCALE = 7
MAX_PICKS = 10
#: Services shown under a suggestion.
SHOWN_SERVICES = 3
#: pick_services' breadth of a record for everyone: after any list of age groups.
EVERYONE = 1000


@dataclass(frozen=True)
class Answer:
    need: int
    label: dict[str, str]


@dataclass(frozen=True)
class Area:
    theme: str
    question: dict[str, str]
    client: dict[str, str]
    services: tuple[str, ...] = ()
    """Record ids the editors picked for the area, in order: shown before the others."""


@dataclass(frozen=True)
class Who:
    """The optional "who are the services for?" question; its answers are age group slugs."""
    question: dict[str, str]
    client: dict[str, str]
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Where:
    """The optional "where do you live?" question; its answers are the tray's municipalities."""
    question: dict[str, str]
    client: dict[str, str]


@dataclass
class Card:
    scale: list[Answer] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    intro: dict[str, str] = field(default_factory=dict)
    who: Who | None = None
    where: Where | None = None


def _line(node) -> int:
    return node.start_mark.line + 1


class _Reader:
    def __init__(self, shown: str, languages: list[str]):
        self.shown, self.languages, self.errors = shown, languages, []

    def error(self, node_or_line, where: str, reason: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else _line(node_or_line)
        self.errors.append(RecordError(f"{self.shown}:{line}", where, reason))

    def mapping(self, node, where: str, allowed: tuple[str, ...]) -> dict | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, where, f"must be a mapping with {', '.join(allowed)}")
            return None
        out = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            if name not in allowed:
                self.error(key, f"{where}.{str(name)[:40]}" if where else str(name)[:40],
                           f"unknown key; use {', '.join(allowed)}")
            else:
                out[name] = value
        return out

    def texts(self, node, where: str, default: str) -> dict[str, str]:
        found = self.mapping(node, where, tuple(self.languages))
        if found is None:
            return {}
        out = {}
        for lang, value in found.items():
            if not isinstance(value, yaml.ScalarNode) or not isinstance(value.value, str) or not value.value.strip():
                self.error(value, f"{where}.{lang}", "must be a text")
            elif len(value.value) > MAX_CHARS:
                self.error(value, f"{where}.{lang}", f"longer than {MAX_CHARS} characters")
            elif any(ord(ch) < 32 for ch in value.value):
                self.error(value, f"{where}.{lang}", "control characters (line breaks, tabs) are not allowed")
            else:
                out[lang] = value.value.strip()
        if default not in out and not any(e.field.startswith(f"{where}.{default}") for e in self.errors):
            self.error(node, where, f"the text in {default} (the site's default language) is missing")
        return out


def parse_card(text: str, shown: str, languages: list[str], themes: list[str], age_groups: list[str] = (),
               record_ids: set[str] | None = None) -> tuple[Card | None, list[RecordError]]:
    """The card of one file and every problem in it (never raises). `age_groups` are the tray's;
    `record_ids` (None: not checked) are the ids an area's `services` may name."""
    r = _Reader(shown, languages)
    default = languages[0]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        r.error(mark.line + 1 if mark else 1, "(file)", f"not valid YAML: {getattr(exc, 'problem', None) or 'syntax'}")
        return None, r.errors
    if root is None:
        r.error(1, "(file)", "empty; write `version: 1`, `scale:` and `areas:`")
        return None, r.errors
    top = r.mapping(root, "", ("version", "texts", "who", "where", "scale", "areas"))
    if top is None:
        return None, r.errors
    version = top.get("version")
    if not isinstance(version, yaml.ScalarNode) or version.value != str(FORMAT_VERSION):
        r.error(version if version is not None else 1, "version", f"must be {FORMAT_VERSION} (the format of this file)")
    card = Card()
    if "texts" in top:
        texts = r.mapping(top["texts"], "texts", ("intro",)) or {}
        if "intro" in texts:
            card.intro = r.texts(texts["intro"], "texts.intro", default)
    if "who" in top:
        card.who = _who(r, top["who"], default, list(age_groups))
    if "where" in top:
        found = r.mapping(top["where"], "where", ("question", "client"))
        texts = _question_texts(r, top["where"], found or {}, "where", default) if found is not None else {}
        card.where = Where(texts["question"], texts["client"]) if texts.get("question") and texts.get("client") else None
    scale = top.get("scale")
    if not isinstance(scale, yaml.SequenceNode) or not (2 <= len(scale.value) <= MAX_SCALE):
        r.error(scale if scale is not None else 1, "scale", f"must be a list of 2 to {MAX_SCALE} answers")
    else:
        for number, item in enumerate(scale.value, start=1):
            where = f"scale[{number}]"
            found = r.mapping(item, where, ("need", "label"))
            if found is None:
                continue
            need = found.get("need")
            value = None
            if need is None:
                r.error(item, f"{where}.need", "missing: how much need the answer shows (0 = none)")
            elif not isinstance(need, yaml.ScalarNode) or not need.value.isdigit() or int(need.value) > 10:
                r.error(need, f"{where}.need", "must be a whole number from 0 to 10")
            else:
                value = int(need.value)
            if "label" not in found:
                r.error(item, f"{where}.label", "missing")
                continue
            label = r.texts(found["label"], f"{where}.label", default)
            if value is not None and label:
                card.scale.append(Answer(value, label))
        if card.scale and max(a.need for a in card.scale) == 0:
            r.error(scale, "scale", "at least one answer must have a need above 0")
    areas = top.get("areas")
    if not isinstance(areas, yaml.SequenceNode) or not (1 <= len(areas.value) <= MAX_AREAS):
        r.error(areas if areas is not None else 1, "areas", f"must be a list of 1 to {MAX_AREAS} areas")
    else:
        seen: set[str] = set()
        for number, item in enumerate(areas.value, start=1):
            where = f"areas[{number}]"
            found = r.mapping(item, where, ("theme", "question", "client", "services"))
            if found is None:
                continue
            theme = found.get("theme")
            slug = theme.value if isinstance(theme, yaml.ScalarNode) else None
            if theme is None:
                r.error(item, f"{where}.theme", "missing: the theme the area's advice and services come from")
            elif slug not in themes:
                r.error(theme, f"{where}.theme", f"'{str(slug)[:40]}' is not a configured theme; use {themes}")
                slug = None
            elif slug in seen:
                r.error(theme, f"{where}.theme", f"'{slug}' is already an area of the card")
                slug = None
            texts = {}
            for name in ("question", "client"):
                if name not in found:
                    r.error(item, f"{where}.{name}", "missing")
                else:
                    texts[name] = r.texts(found[name], f"{where}.{name}", default)
            picks = _ids(r, found["services"], f"{where}.services", record_ids) if "services" in found else ()
            if slug and texts.get("question") and texts.get("client"):
                seen.add(slug)
                card.areas.append(Area(slug, texts["question"], texts["client"], picks))
    return (None if r.errors else card), r.errors


def _who(r: _Reader, node, default: str, age_groups: list[str]) -> Who | None:
    found = r.mapping(node, "who", ("question", "client", "groups"))
    if found is None:
        return None
    texts = _question_texts(r, node, found, "who", default)
    groups = _slugs(r, found["groups"], "who.groups", age_groups, "an age group of tray.toml") if "groups" in found else age_groups
    if not (texts.get("question") and texts.get("client") and groups):
        return None
    return Who(texts["question"], texts["client"], tuple(groups))


def _question_texts(r: _Reader, node, found: dict, where: str, default: str) -> dict[str, dict[str, str]]:
    texts = {}
    for name in ("question", "client"):
        if name not in found:
            r.error(node, f"{where}.{name}", "missing")
        else:
            texts[name] = r.texts(found[name], f"{where}.{name}", default)
    return texts


def _slugs(r: _Reader, node, where: str, allowed: list[str], what: str) -> list[str]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        r.error(node, where, f"must be a list, each {what}")
        return []
    out: list[str] = []
    for item in node.value:
        value = item.value if isinstance(item, yaml.ScalarNode) else None
        if value not in allowed:
            r.error(item, where, f"'{str(value)[:40]}' is not {what}; use {allowed}")
        elif value in out:
            r.error(item, where, f"'{value}' is listed twice")
        else:
            out.append(value)
    return out


def _ids(r: _Reader, node, where: str, record_ids: set[str] | None) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode) or not (1 <= len(node.value) <= MAX_PICKS):
        r.error(node, where, f"must be a list of 1 to {MAX_PICKS} record ids")
        return ()
    out: list[str] = []
    for item in node.value:
        value = item.value if isinstance(item, yaml.ScalarNode) and isinstance(item.value, str) else None
        if not value:
            r.error(item, where, "must be a record id, such as local-kerava-hopeahovi")
        elif record_ids is not None and value not in record_ids:
            r.error(item, where, f"no record with id '{value[:80]}'")
        elif value in out:
            r.error(item, where, f"'{value}' is listed twice")
        else:
            out.append(value)
    return tuple(out)


def load_card(content_root: Path, languages: list[str], themes: list[str], age_groups: list[str] = (),
              record_ids: set[str] | None = None) -> tuple[Card | None, list[RecordError]]:
    """`content/assessment/card.yml`, or None without errors when the site has no self-assessment."""
    path = content_root / PATH
    shown = f"{content_root.name}/{PATH.as_posix()}"
    if not path.is_file():
        return None, []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [RecordError(f"{shown}:1", "(file)", f"cannot be read as UTF-8 text ({exc.__class__.__name__})")]
    return parse_card(text, shown, languages, themes, age_groups, record_ids)


# --- the page's data ---------------------------------------------------------------------------

def first_paragraph(markdown: str) -> str:
    """A theme text's opening paragraph as plain text: the summary the self-assessment shows."""
    for block in markdown.split("\n\n"):
        block = block.strip()
        if block and not block.startswith(("#", "-", "*", ":::", "|", ">")):
            plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)
            return re.sub(r"[*_`]", "", " ".join(plain.split()))[:400]
    return ""


def language_rank(record, lang: str) -> int:
    """1: the service is given in the page's language; 2: the tray does not know its languages;
    3: it is given in other languages only. (0 is an editor's pick, whatever its language.)"""
    if not record.service_languages:
        return 2
    return 1 if lang in record.service_languages else 3


def pick_services(candidates: list[dict], group: str | None, place: str | None = None) -> list[dict]:
    """The services shown for the answers `group` to `who` and `place` to `where` (None: not
    answered), as the browser picks them (theme/static/js/assessment.js pick()): only those for
    that age group or for everyone (no age groups); by rank; at the same rank those serving the
    place, then those for everywhere (nationwide, or no place known), then those elsewhere; then
    the more narrowly a record is meant for the group (fewer age groups) the sooner, those for
    everyone last; then in the candidates' order. A service elsewhere is still shown when nothing
    nearer fits."""
    def breadth(c: dict) -> int:
        return 0 if c["rank"] == 0 else len(c["ages"]) if group in c["ages"] else EVERYONE

    def distance(c: dict) -> int:
        return 0 if not place or place in c["places"] else 1 if not c["places"] else 2

    fits = [c for c in candidates if not group or not c["ages"] or group in c["ages"]]
    return sorted(fits, key=lambda c: (c["rank"], distance(c), breadth(c)))[:SHOWN_SERVICES]


def service_candidates(area: Area, lang: str, records: list, title, groups: tuple[str, ...],
                       places: tuple[str, ...] = ()) -> list[dict]:
    """What the page ships for an area's services: every record any answers to `who` (`groups`)
    and `where` (`places`) would show, in rank order: the editors' picks, then the theme's services
    and activities by language rank and title. Only these (ids, titles, addresses) are in the page,
    so it stays small. Each is {"id", "ages", "places", "rank", "record"}: `places` are the
    municipality codes it serves, [] for nationwide or unknown; `title(record)` is the title in
    the page's language."""
    by_id = {r.id: r for r in records}
    picked = [by_id[i] for i in area.services if i in by_id]   # a past event is no longer current
    others = sorted((r for r in records if area.theme in r.themes and r.kind in ("service", "activity")
                     and r.id not in area.services),
                    key=lambda r: (language_rank(r, lang), sort_key(title(r).text)))
    ranked = [(r, 0) for r in picked] + [(r, language_rank(r, lang)) for r in others]
    candidates = [{"id": r.id, "ages": list(r.age_groups), "places": [] if r.nationwide else r.area_municipalities(),
                   "rank": rank, "record": r} for r, rank in ranked]
    shown = {c["id"] for group in (None, *groups) for place in (None, *places)
             for c in pick_services(candidates, group, place)}
    return [c for c in candidates if c["id"] in shown]


def assessment_data(card: Card, lang: str, *, config, urls, view, present, records, theme_texts) -> dict:
    """The self-assessment page's data in `lang`: the card's texts (with fallback) and, per area,
    what the result shows: the theme's page, summary, filtered search and the service candidates.
    `records` are the current ones; `present` is the language's Presenter, `view` its LangView."""
    groups = card.who.groups if card.who else ()
    places = tuple(config.municipality_codes) if card.where else ()
    areas = []
    for area in card.areas:
        theme = config.theme(area.theme)
        text = view.text_dict(theme_texts.get(area.theme, {}))
        services = []
        for candidate in service_candidates(area, lang, records, lambda r: view.text(r.title), groups, places):
            title = present.card(candidate.pop("record")).title
            services.append({**candidate, "title": title.text, "titleLang": title.lang,
                             "url": urls.record(lang, candidate["id"])})
        areas.append({
            "theme": area.theme, "name": view.name(theme.name),
            "question": view.text_dict(area.question), "client": view.text_dict(area.client),
            "page": urls.theme(lang, area.theme), "search": urls.search(lang, theme=area.theme),
            "summary": first_paragraph(text.text) if text.text else "",
            "summaryLang": text.lang if text.text else lang,
            "services": services,
        })
    scale = [{"need": answer.need, "label": view.text_dict(answer.label)} for answer in card.scale]
    who = None
    if card.who:
        who = {"question": view.text_dict(card.who.question), "client": view.text_dict(card.who.client),
               "groups": [{"slug": slug, "name": view.age_group_name(slug)} for slug in card.who.groups]}
    where = None
    if card.where:
        where = {"question": view.text_dict(card.where.question), "client": view.text_dict(card.where.client),
                 "places": [{"code": code, "name": view.municipality_name(code)} for code in places]}
    return {"areas": areas, "scale": scale, "who": who, "where": where,
            "intro": view.text_dict(card.intro) if card.intro else None,
            # the search link's parameters for the answers (tarjotin/filters: age group, municipality)
            "params": {"who": SEARCH_PARAMS["age_group"], "where": SEARCH_PARAMS["municipality"]}}
