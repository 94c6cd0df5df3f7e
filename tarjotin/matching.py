"""Is this the same real-world service? Pure functions over `Record`, for every pair of sources.

Used by the build (tarjotin/duplicates.py: every registered source against every other) and by
the importers (importers/common/duplicates.py: one source against the records on disk). Two
records are compared on what a resident would recognise the service by:

* **title** in a shared language, with the area's place names and small words left out
  ("Keravan uimahalli" = "Uimahalli"), as the better of the character similarity and the share
  of the shorter title's words found in the longer one (a word may differ by a plural ending:
  "uimahalli" ~ "uimahallit", not by a case ending: "kirjasto" ≠ "kirjastossa"), the latter
  counting at most `CONTAINED_WEIGHT`, so containment alone never merges;
* **organisation**: the same business id, or names alike with legal forms (ry, oy) left out;
* **evidence**: a shared phone number, a shared web page (a bare home page does not count: two
  services of one town both link to it), a shared street address or coordinates within
  `distance_m`;
* **area**: a shared municipality (or both nationwide), and kinds that can be one service
  (an event only with an event, volunteering only with volunteering).

`[duplicates]` in tray.toml (`DuplicatesConfig`) sets the thresholds, for the build and the
importers alike. Candidate pairs are found by blocking (records sharing a title word's first
letters in a shared municipality, or a phone number), so 10,000 records are not 50 million
comparisons (bench/duplicates.py measures it).
`find_matches` then leaves out, before the costly title similarity, the candidate pairs that
`compare` would call "none" (another town or kind, a title below what the pair's evidence and
organisation need): the same matches, a few times faster.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Protocol
from urllib.parse import urlsplit

from .model import Record

LANGS = ("fi", "sv", "en")

#: Legal-form words left out of organisation names before comparing them.
LEGAL_FORMS = {"ry", "rf", "r y", "r f", "rs", "sr", "oy", "oyj", "ab", "abp", "ky", "kb", "ay", "osk", "tmi"}

#: Words that say nothing about which service it is.
SMALL_WORDS = {"ja", "sekä", "tai", "och", "eller", "and", "or", "the", "of", "for", "in", "i", "för", "at",
               "ry", "rf", "ryn", "rfs", "n", "s"}

#: The weight of "every word of the shorter title is in the longer one" against full similarity.
CONTAINED_WEIGHT = 0.8

#: First letters of a title word that put two records in one candidate block.
BLOCK_PREFIX = 5

#: How many of a record's rarest title words it is blocked by (see `candidate_pairs`).
BLOCK_WORDS = 2


class Thresholds(Protocol):
    """What the matcher needs of `tarjotin.config.DuplicatesConfig` (the build and the importers pass it)."""

    title_similarity: float
    title_similarity_with_evidence: float
    organisation_similarity: float
    possible_similarity: float
    distance_m: float
    same_municipality: bool
    max_block: int


# --- normalising ----------------------------------------------------------------------------------

def normalise(text: str | None) -> str:
    """Case, accents and punctuation removed: "Ruoka-apu – Vantaa!" → "ruoka apu vantaa"."""
    if not text:
        return ""
    # Word by word, each once: the same words recur in thousands of titles and addresses. The
    # same result as the whole text at once, as no step joins or reorders across white space.
    return " ".join(word for piece in text.split() if (word := _normalise_piece(piece)))


@functools.lru_cache(maxsize=100_000)
def _normalise_piece(piece: str) -> str:
    text = piece.casefold()
    if not text.isascii():  # ASCII has nothing to decompose
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NOT_LETTER_OR_DIGIT_RE.sub(" ", text).split())


_NOT_LETTER_OR_DIGIT_RE = re.compile(r"[^a-z0-9]+")


def organisation_key(name: str | None) -> str:
    text = " " + normalise(name) + " "
    for form in sorted(LEGAL_FORMS, key=len, reverse=True):
        text = text.replace(f" {form} ", " ")
    return " ".join(text.split())


@functools.lru_cache(maxsize=200_000)
def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """0–1: the better of the character similarity and the word-order-free similarity.

    With `at_least`, pairs that cannot reach it are answered 0.0 from the cheap upper bounds
    (lengths, letter counts) without the full comparison."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    best = 0.0
    forms = [(a, b)]
    in_order = (" ".join(sorted(a.split())), " ".join(sorted(b.split())))
    if in_order != (a, b):
        forms.append(in_order)
    for left, right in forms:
        # ratio() ≤ difflib's quick_ratio() ≤ real_quick_ratio(), computed here without building
        # a SequenceMatcher: a form whose bound cannot reach the threshold or beat the other
        # form's ratio is not compared in full (the same answer, less work).
        floor = max(at_least, best)
        length = len(left) + len(right)
        if 2.0 * min(len(left), len(right)) / length < floor:
            continue
        bound = _quick_ratio(left, right)
        if bound < floor or (best and bound <= best):
            continue
        best = max(best, SequenceMatcher(None, left, right, autojunk=False).ratio())
    return round(best, 3)


@functools.lru_cache(maxsize=100_000)
def _letters(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


def _quick_ratio(a: str, b: str) -> float:
    """difflib's `SequenceMatcher(None, a, b).quick_ratio()`: the letters the two have in common."""
    left, right = _letters(a), _letters(b)
    if len(left) > len(right):
        left, right = right, left
    matches = sum(min(n, right.get(ch, 0)) for ch, n in left.items())
    return 2.0 * matches / (len(a) + len(b))


@functools.lru_cache(maxsize=100_000)
def _is_place_word(word: str) -> bool:
    # A municipality's name in any case ending: a stem plus at most 4 letters, so one of the
    # word's last five prefixes is a stem (a set lookup each, not hundreds of stems to try).
    # Cached: titles repeat their words.
    stems = _place_stems()
    return any(word[:length] in stems for length in range(max(1, len(word) - 4), len(word) + 1))


def phone_key(number: str) -> str:
    """Digits in international form: "09 2525 0111" and "+358 9 2525 0111" → "358925250111"."""
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    return "358" + digits[1:] if digits.startswith("0") else digits


def page_key(url: str) -> str:
    """A web page without scheme, `www.`, query or trailing slash; "" for a bare home page."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    if not path:
        return ""
    return parts.netloc.lower().removeprefix("www.") + path.lower()


def _distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


@functools.lru_cache(maxsize=1)
def _place_stems() -> frozenset[str]:
    from .municipalities import names

    stems = set()
    for item in names().values():
        for name in item.values():
            word = normalise(name)
            if " " not in word and len(word) >= 4:
                stems.add(word[:-1] if word.endswith(("a", "ä", "i", "o")) else word)
    return frozenset(stems)


def title_words(text: str | None) -> tuple[str, ...]:
    """The words of a title that name the service: place names of Finnish municipalities in any
    case ("Keravan", "Vanda") and small words left out."""
    words = []
    for word in normalise(text).split():
        if word in SMALL_WORDS:
            continue
        if _is_place_word(word):
            continue
        words.append(word)
    return tuple(words)


def _same_word(a: str, b: str) -> bool:
    # A plural or a short ending (uimahalli ~ uimahallit), not a case ending (kirjasto ≠ kirjastossa).
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and long.startswith(short) and len(long) - len(short) <= 1


def contained(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter title's words found in the longer one."""
    if not a or not b:
        return 0.0
    short, long = sorted((a, b), key=len)
    return sum(1 for word in short if any(_same_word(word, other) for other in long)) / len(short)


# --- the features of one record -------------------------------------------------------------------

@dataclass(frozen=True)
class Features:
    """What is compared of one record, computed once."""

    id: str
    source: str
    kind: str
    titles: dict[str, tuple[str, ...]]
    """{lang: title words}."""
    shown_title: str
    organisations: frozenset[str]
    business_id: str
    phones: frozenset[str]
    pages: frozenset[str]
    streets: frozenset[str]
    points: tuple[tuple[float, float], ...]
    areas: frozenset[str]
    """Municipality codes served, or {"nationwide"}."""
    title_texts: dict[str, str] = field(default_factory=dict)
    """{lang: the title words joined}, as `similarity` compares them (joined once, not per pair)."""


def features(record: Record) -> Features:
    streets, points = set(), []
    for loc in record.locations:
        street = loc.street_address
        if street and (text := normalise(street.fi or street.sv or street.en)):
            streets.add(text)
        if loc.latitude is not None and loc.longitude is not None:
            points.append((loc.latitude, loc.longitude))
    provider = record.provider
    organisations = frozenset(key for lang in LANGS if provider and (key := organisation_key(provider.name.get(lang))))
    pages = {page_key(str(w.url)) for w in record.contacts.websites}
    if record.source_url:
        pages.add(page_key(str(record.source_url)))
    titles = {lang: words for lang in LANGS if (words := title_words(record.title.get(lang)))}
    return Features(
        id=record.id, source=record.source, kind=record.kind,
        titles=titles, title_texts={lang: " ".join(words) for lang, words in titles.items()},
        shown_title=record.title.fi or record.title.sv or record.title.en or "",
        organisations=organisations,
        business_id=(provider.business_id or "") if provider else "",
        phones=frozenset(phone_key(p.number) for p in record.contacts.phones),
        pages=frozenset(p for p in pages if p),
        streets=frozenset(streets), points=tuple(points),
        areas=frozenset(["nationwide"]) if record.nationwide else frozenset(record.area_municipalities()),
    )


# --- comparing two records ------------------------------------------------------------------------

@dataclass
class Match:
    """One compared pair and why it matched (or nearly did)."""

    a: str
    b: str
    title: float
    organisation: str
    """same | different | unknown (one has no provider)."""
    evidence: list[str]
    """Shared things besides the title: phone, web page, address, coordinates."""
    municipalities: list[str]
    titles: tuple[str, str]
    verdict: str = "none"
    """confident | possible | none."""
    decided_by: str = "detector"

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))

    def why(self) -> str:
        """One line for an editor: 'title similarity 0.8, same organisation, same phone'."""
        parts = [f"title similarity {self.title}", f"{self.organisation} organisation"]
        parts += [f"same {item}" for item in self.evidence]
        return ", ".join(parts)


def kinds_compatible(a: str, b: str) -> bool:
    """An event is one only with an event, volunteering with volunteering; services and
    recurring activities may be one (PTV calls a Lähellä.fi activity a service)."""
    special = ("event", "volunteering")
    return a == b or (a not in special and b not in special)


def title_score(a: Features, b: Features, at_least: float = 0.0) -> float:
    """0–1; below `at_least` it may be answered lower than it is (cheap bounds first)."""
    best = 0.0
    for lang in a.titles.keys() & b.titles.keys():
        if CONTAINED_WEIGHT >= at_least:  # containment alone can reach the threshold
            best = max(best, CONTAINED_WEIGHT * contained(a.titles[lang], b.titles[lang]))
        # Sorted, with one `at_least` per run: the same two titles recur, the cache answers them.
        first, second = sorted((a.title_texts[lang], b.title_texts[lang]))
        best = max(best, similarity(first, second, at_least))
    return round(best, 3)


def _organisation(a: Features, b: Features, settings: Thresholds) -> str:
    if not a.organisations or not b.organisations:
        return "unknown"
    if a.business_id and a.business_id == b.business_id:
        return "same"
    if a.organisations & b.organisations or any(
            _same_organisation(x, y, settings.organisation_similarity)
            for x in a.organisations for y in b.organisations):
        return "same"
    return "different"


def _same_organisation(a: str, b: str, at_least: float) -> bool:
    # "Keravan kaupunki, liikuntapalvelut" is a unit of "Keravan kaupunki".
    short, long = sorted((a, b), key=len)
    return long.startswith(short + " ") or similarity(a, b, at_least) >= at_least


def _evidence(a: Features, b: Features, settings: Thresholds) -> list[str]:
    found = []
    if a.phones & b.phones:
        found.append("phone")
    if a.pages & b.pages:
        found.append("web page")
    if a.streets & b.streets:
        found.append("address")
    elif any(_distance_m(p, q) <= settings.distance_m for p in a.points for q in b.points):
        found.append("coordinates")
    return found


def compare(a: Features, b: Features, settings: Thresholds) -> Match:
    """The pair's similarities and verdict (see the module docstring)."""
    shared = sorted(a.areas & b.areas)
    titles = (a.shown_title, b.shown_title)
    if (settings.same_municipality and not shared) or not kinds_compatible(a.kind, b.kind):
        return Match(a.id, b.id, title_score(a, b), "unknown", [], shared, titles)
    title = title_score(a, b, settings.possible_similarity)
    if title < settings.possible_similarity:
        return Match(a.id, b.id, title, "unknown", [], shared, titles)   # nothing to list: skip the rest
    match = Match(a.id, b.id, title, _organisation(a, b, settings), _evidence(a, b, settings), shared, titles)
    if match.organisation != "different" and (
            match.title >= settings.title_similarity
            or (match.evidence and match.title >= settings.title_similarity_with_evidence)):
        match.verdict = "confident"
    elif (match.title >= settings.title_similarity
          or (match.title >= settings.title_similarity_with_evidence and match.organisation == "same")
          or (match.title >= settings.possible_similarity and match.evidence)):
        match.verdict = "possible"
    return match


def _title_needed(a: Features, b: Features, settings: Thresholds) -> float:
    """The least title similarity that gives the pair a verdict in `compare`, given its evidence
    and organisation (cheaper than the title): without either only `title_similarity` does."""
    if _evidence(a, b, settings):
        return settings.possible_similarity
    if _organisation(a, b, settings) == "same":
        return min(settings.title_similarity_with_evidence, settings.title_similarity)
    return settings.title_similarity


# --- every pair that matters ----------------------------------------------------------------------

def candidate_pairs(items: Sequence[Features], settings: Thresholds) -> list[tuple[int, int]]:
    """Index pairs (i < j) of records of different sources worth comparing. Every record is listed
    under each title word (its first `BLOCK_PREFIX` letters) per municipality and under its phone
    numbers; it is then paired with the records listed under its own `BLOCK_WORDS` rarest words
    of each title language and its phones. Two copies of one service share the rarer word of the
    shorter title ("Kriisipuhelin" in "MIELI ry:n Kriisipuhelin"), while a word such as
    "palvelut" would pair half the county: a list longer than `max_block` is not used."""
    def areas_of(item: Features) -> frozenset[str]:
        return item.areas if settings.same_municipality else frozenset(["*"])

    # Per language: two copies share a language to be compared in (title_score), and the words of
    # a title only one of them has (often English) would otherwise be the rarest and crowd out the
    # shared ones.
    keys_of = [{lang: sorted({word[:BLOCK_PREFIX] for word in words if len(word) >= 3})
                for lang, words in item.titles.items()} for item in items]
    lists: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (item, keys) in enumerate(zip(items, keys_of)):
        for area in areas_of(item):
            for key in sorted(set().union(*keys.values())):
                lists[(key, area)].append(index)
        for phone in item.phones:
            lists[("tel:" + phone, "*")].append(index)
    pairs: set[tuple[int, int]] = set()
    for i, (item, keys) in enumerate(zip(items, keys_of)):
        chosen = {("tel:" + phone, "*") for phone in item.phones}
        for area in areas_of(item):
            for words in keys.values():
                chosen.update(sorted(((key, area) for key in words), key=lambda k: (len(lists[k]), k))[:BLOCK_WORDS])
        for block in sorted(chosen):
            members = lists[block]
            if len(members) > settings.max_block:
                continue
            for j in members:
                if j != i and items[j].source != item.source:
                    pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


@dataclass
class Matches:
    """Every pair of one run: `confident` to merge, `possible` to list for an editor."""

    confident: list[Match] = field(default_factory=list)
    possible: list[Match] = field(default_factory=list)
    compared: int = 0


def find_matches(records: Iterable[Record], settings: Thresholds) -> Matches:
    """Confident and possible pairs among `records` (of different sources), sorted, best first:
    the result does not depend on the order of the input."""
    items = [features(r) for r in sorted(records, key=lambda r: r.id)]
    result = Matches()
    for i, j in candidate_pairs(items, settings):
        result.compared += 1
        a, b = items[i], items[j]
        if (settings.same_municipality and not a.areas & b.areas) or not kinds_compatible(a.kind, b.kind):
            continue  # compare() would say "none" (a phone block pairs across towns and kinds)
        needed = _title_needed(a, b, settings)
        # A bound a rounding below `needed`: a similarity of 0.8496 is 0.85 once rounded.
        if title_score(a, b, needed - 0.0005) < needed:
            continue  # compare() would say "none": skip its exact similarity at the lower threshold
        match = compare(a, b, settings)
        if match.verdict == "confident":
            result.confident.append(match)
        elif match.verdict == "possible":
            result.possible.append(match)
    order = lambda m: (-m.title, -len(m.evidence), m.a, m.b)  # noqa: E731
    result.confident.sort(key=order)
    result.possible.sort(key=lambda m: (m.a, m.b))
    return result


__all__ = ["Thresholds", "Features", "Match", "Matches", "features", "compare", "find_matches", "candidate_pairs",
           "normalise", "organisation_key", "similarity", "title_words", "contained", "phone_key", "page_key",
           "kinds_compatible", "LANGS", "LEGAL_FORMS"]
