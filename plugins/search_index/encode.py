"""Turn records into the search files of one UI language.

Four kinds of file per language (all JSON, written with content-hashed names by
`search_index.py`), loaded by theme/static/js/search-engine.js (format: docs/search.md):

``facets``  one small file: the number of documents, the filter values with their labels, one
            compact column per filter (which values each document has), the last day of each
            event, and the names of the text chunks. Enough for filter-only browsing and counts.
``index``   the Lunr index in a compact form: the sorted vocabulary of analysed terms and, per
            indexed field, the postings (which documents contain each term, how often). Fields
            whose words follow from a document's facets or provider ("tags", "provider") are not
            stored per document at all: the browser derives them from small tables. The browser
            rebuilds lunr.js's own index from this (lunr.Builder's BM25 weights, the same inverted
            index and token set), so lunr.js stays the query engine.
``shard``   the summary field's postings for a range of terms, fetched when a query needs them;
            the index file keeps what scoring needs meanwhile (lengths, vector norms, df).
``text``    chunks of `chunk_size` documents with what a result shows: the presenter's card
            (`Card.json`: id, kind label, title, provider, where, when, summary, keywords, with
            named keys). Only the chunks of the results on screen are fetched.

Documents are numbered in title order (so filter-only browsing is alphabetical); a document's
Lunr ref is its number. Everything is deterministic: same records, same bytes.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from itertools import chain
from operator import sub
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable
from zoneinfo import ZoneInfo

from tarjotin.filters import NATIONWIDE, FilterContext, FilterRegistry, registry_for

from . import morphology as morph
from .analysis import _DIGIT, CONCEPT_FIELD, OTHER_FIELD, Analyzer, OtherAnalyzer, make_builder

#: Lunr fields and their boosts: title and editor keywords first, then curated tags (theme, kind,
#: age group, area names, service languages), provider, place names, the short summary, and last
#: the full text (description, accessibility, price and registration notes), whose postings
#: are only fetched when a query needs them (see SHARDED_FIELDS and docs/search.md).
FIELDS: list[tuple[str, int]] = [
    ("title", 10), ("keywords", 8), ("tags", 3), ("provider", 3), ("classes", 2), ("place", 2), ("summary", 1),
    ("text", 1),
]
#: Fields left out of an index where no document has a word in them (an index without them is
#: then byte for byte what it was): the source's classification names (PTV service classes and
#: ontology terms, Record.classes).
OPTIONAL_FIELDS = ("classes",)
#: The field of titles and summaries in content languages that are not UI languages (Sámi, Arabic, …),
#: each analysed by its own language; only in indexes whose records have such texts.
OTHER_BOOST = 1
#: The field of the editors' concepts (content/search/synonyms.<lang>.yml, tarjotin/synonyms.py):
#: everyday words given at build time to the records that have the services' terms; only in
#: indexes where some record got such words. Above the summary: an editor chose these words.
CONCEPT_BOOST = 2
#: A concept term found inside a longer word (a compound: "neuvonta" in "velkaneuvonta") when at
#: least this long; shorter ones must be whole terms.
CONCEPT_MIN_INNER = 5
#: Fields rebuilt in the browser from per-value tables instead of per-document postings.
DERIVED_FIELDS = ("tags", "provider")
OWN_FIELDS = tuple(name for name, _ in FIELDS if name not in DERIVED_FIELDS)

FORMAT_VERSION = 1
#: Fields whose postings are split into shard files loaded per query (the big ones). The browser
#: waits for a "later" field's shard only when a query word is found nowhere else; otherwise it
#: shows the results first and adds the full-text matches when the shard has arrived.
SHARDED_FIELDS = ("summary", "text")
LATER_FIELDS = ("text",)
#: Target raw size of one shard's postings (about a third of it after gzip).
SHARD_BYTES = 8000
#: lunr.Builder's BM25 parameters.
K1, B = 1.2, 0.75
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def b36(number: int) -> str:
    if number < 0:
        raise ValueError(number)
    if number < 36:
        return _B36[number]
    out = []
    while number:
        number, rest = divmod(number, 36)
        out.append(_B36[rest])
    return "".join(reversed(out))


def front_code(terms: list[str]) -> str:
    """Sorted terms as lines of <shared prefix length (one base-36 digit, max 35)><rest>."""
    lines, previous = [], ""
    for term in terms:
        shared = 0
        limit = min(len(previous), len(term), 35)
        # stop at characters outside the BMP: JavaScript counts them as two UTF-16 units
        while shared < limit and previous[shared] == term[shared] and ord(term[shared]) <= 0xFFFF:
            shared += 1
        lines.append(_B36[shared] + term[shared:])
        previous = term
    return "\n".join(lines)


def _utf16_key(text: str) -> bytes:
    # JavaScript sorts strings by UTF-16 code units; lunr.TokenSet.fromArray needs that order.
    return text.encode("utf-16-be")


def _value_char(index: int) -> str:
    """One character per filter value in the facet columns: '0'..'9', 'A'..'Z', 'a'..'z', then beyond."""
    return chr(48 + index + (7 if index >= 10 else 0) + (6 if index >= 36 else 0))


@dataclass
class Labels:
    """What a language calls things: the presenter's (tarjotin/presenter.py), see `Labels.of`."""

    text: Callable[[Any], Any]                 # LocalizedText → Localized(text, lang, fallback)
    municipality: Callable[[str], str]         # code → name
    language: Callable[[str], str]             # ISO code → name
    theme: Callable[[str], str]
    age_group: Callable[[str], str]
    kind: dict[str, str]                       # kind → label ("Tapahtuma")
    nationwide: str                            # "Koko maa"
    event_range: Callable[[Any], str]          # record → "su 13.12.2026 klo 18.00–19.30"
    gettext: Callable[[str], str] = str        # the UI catalog, for the filters' own msgids
    card: Callable[[Any], dict] | None = None  # record → what a result shows, with named keys

    @classmethod
    def of(cls, presenter) -> Labels:
        """The labels of a `tarjotin.presenter.Presenter`: one definition of every name."""
        view = presenter.view
        return cls(text=view.text, municipality=view.municipality_name, language=view.language_name,
                   theme=view.theme_name, age_group=view.age_group_name, kind=presenter.kind_labels,
                   nationwide=presenter.gettext("Whole country"), event_range=view.event_range,
                   gettext=presenter.gettext, card=lambda record: presenter.card(record).json())


@dataclass
class Bundle:
    """The three kinds of search file of one language, as JSON-ready objects."""

    lang: str
    facets: dict
    index: dict
    chunks: list[list[dict]]
    docs: list[dict] = field(default_factory=list)   # plain per-document text, for lunr.py/tests
    shards: list[dict] = field(default_factory=list)  # postings of the sharded field, by term range


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def dumps(obj: Any) -> bytes:
    return _dumps(obj).encode("utf-8")


def event_end_day(record, tz: ZoneInfo) -> int | None:
    """YYYYMMDD of the last day of an event in the area's time zone (None for non-events)."""
    if record.event is None:
        return None
    last = (record.event.end or record.event.start).astimezone(tz).date()
    return last.year * 10000 + last.month * 100 + last.day


def sort_ranks(keys: list[int | None]) -> str:
    """A sort column as ranks (equal keys, equal rank; None → ""): the browser needs only the order,
    and small ranks take fewer characters than the keys themselves."""
    rank = {key: i for i, key in enumerate(sorted({k for k in keys if k is not None}))}
    return ",".join("" if key is None else b36(rank[key]) for key in keys)


#: b36 of 0, 1, 2, …, grown on demand: postings are millions of small gaps, looked up instead of encoded.
_B36_TABLE: list[str] = []


def b36_table(size: int) -> list[str]:
    """A list whose item i is b36(i), for i < size (at least)."""
    if len(_B36_TABLE) < size:
        _B36_TABLE.extend(b36(i) for i in range(len(_B36_TABLE), size))
    return _B36_TABLE


def postings_by_term(doc_terms: list[list[int]]) -> dict[int, list[int]]:
    """term id → document numbers, ascending, a document repeated as often as the term occurs."""
    by_term: dict[int, list[int]] = defaultdict(list)
    for number, terms_of_doc in enumerate(doc_terms):
        # documents come in ascending order, so each term's list is ascending whatever the order of the terms
        for tid in terms_of_doc:
            by_term[tid].append(number)
    return by_term


def encode_postings(by_term: dict[int, list[int]], first: int, terms: range | None = None) -> str:
    """Postings of one field: `<term gap>:<doc gaps>` entries, `;`-separated, in term order.

    Term gaps count from `first` (the term before the first one); a document gap of 0 repeats the
    document (term frequency). `terms` limits the entries to a range of term ids (a shard).
    """
    tids = sorted(by_term) if terms is None else [t for t in terms if t in by_term]
    if not tids:
        return ""
    table = b36_table(max(max(tids) - first, max(max(by_term[t]) for t in tids)) + 1)
    entries, previous_term = [], first
    for tid in tids:
        docs = by_term[tid]
        # gaps from the previous document (the first from 0), each a table look-up
        gaps = map(table.__getitem__, map(sub, docs, chain((0,), docs)))
        entries.append(table[tid - previous_term - 1] + ":" + ",".join(gaps))
        previous_term = tid
    return ";".join(entries)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")   # [text](url) -> text
_MD_URL = re.compile(r"<?https?://\S+>?")


def plain_markdown(text: str) -> str:
    """The words of a Markdown description: link texts kept, addresses dropped (not search words)."""
    text = text or ""
    # most descriptions have neither: a substring test is much cheaper than a regular expression's scan
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    return _MD_URL.sub(" ", text) if "http" in text else text


def full_text(record, labels: Labels) -> str:
    """The full-text field: description, the locations' accessibility notes, price and
    registration notes, in the page's language (with the presenter's fallback)."""
    parts = [plain_markdown(labels.text(record.description).text)]
    for location in record.locations:
        if location.accessibility:
            parts.append(labels.text(location.accessibility).text)
    for item in (record.price, record.registration):
        if item is not None and item.note:
            parts.append(labels.text(item.note).text)
    return " ".join(p for p in parts if p)


@dataclass
class Sharded:
    meta: dict
    files: list[dict]


def shard_field(name: str, doc_terms: list[list[int]], df: list[int], n: int, boost: float,
                shard_bytes: int) -> Sharded:
    """Split one field's postings into files by term range, with what scoring needs without them.

    A query loads only the shards of its terms. lunr scores a document field by the cosine of
    the query and the field's BM25 vector; the vector's entries for the query's terms come from
    the loaded postings, its length (norm) from here: `norms` (6 significant digits), together
    with the field's `lengths` and the field's document frequencies `df` per term (so idf, which
    counts every field, is exact while most of the field is not loaded).
    """
    lengths = [len(terms) for terms in doc_terms]
    average = sum(lengths) / n if n else 0.0
    idf = [math.log(1 + abs((n - d + 0.5) / (d + 0.5))) for d in df]
    by_term = postings_by_term(doc_terms)
    n_terms = len(df)
    field_df = [0] * n_terms
    sizes = [0] * n_terms
    # lunr.Builder's BM25 weight of each (document, term), rounded as JavaScript's
    # Math.round(w * 1000) / 1000, squared and summed per document. Going term by term in id order
    # adds each document's squares in its terms' order, as lunr does (a float sum depends on the order).
    saturation = [K1 * (1 - B + B * (length / average)) for length in lengths] if average else []
    totals = [0.0] * len(doc_terms)
    k1_plus_1, floor = K1 + 1, math.floor
    for tid in sorted(by_term):
        docs = by_term[tid]
        tf_of = Counter(docs)   # ascending documents (a Counter keeps the order they came in)
        field_df[tid] = len(tf_of)
        sizes[tid] = 3 * len(docs) + 2 * len(tf_of)
        weight = idf[tid]
        for doc, tf in tf_of.items():
            score = weight * (k1_plus_1 * tf) / (saturation[doc] + tf) * boost
            totals[doc] += (floor(score * 1000 + 0.5) / 1000) ** 2
    norms = [f"{math.sqrt(total):.6g}" if total else "" for total in totals]
    # cut the vocabulary where the running size of the postings passes shard_bytes
    starts, running = [0], 0
    for tid in range(n_terms):
        if running >= shard_bytes and sizes[tid]:
            starts.append(tid)
            running = 0
        running += sizes[tid] + (4 if sizes[tid] else 0)
    files = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else n_terms
        files.append({"v": FORMAT_VERSION, "field": name, "first": start,
                      "postings": encode_postings(by_term, first=start - 1, terms=range(start, end))})
    meta = {
        "field": name,
        "lengths": ",".join(b36(x) for x in lengths),
        "norms": ",".join(norms),
        "df": ",".join(b36(d) if d else "" for d in field_df),
        "starts": starts,
    }
    if name in LATER_FIELDS:
        meta["later"] = True
    return Sharded(meta=meta, files=files)


def concept_field(analyzer: Analyzer, concepts: list, own_terms: dict[str, list[list[str]]],
                  extra_texts: list[str]) -> list[list[str]]:
    """Per document, the terms the editors' concepts give it (sorted; [] for most documents).

    A document has a concept when every term of one of its `means` phrases is among the
    document's terms (any field, its filter labels and provider included) or, for terms of at
    least CONCEPT_MIN_INNER characters, inside one of them (compounds). It then gets the terms of
    all the concept's `words` and `means`, minus those it has already.
    """
    prepared = []
    for concept in concepts:
        phrases = [terms for terms in (analyzer.terms(p) for p in concept.means) if terms]
        given = sorted({t for phrase in concept.words + concept.means for t in analyzer.terms(phrase)})
        if phrases and given:
            prepared.append((phrases, given))
    n = len(extra_texts)
    out: list[list[str]] = [[] for _ in range(n)]
    if not prepared:
        return out
    for d in range(n):
        have = set(analyzer.terms(extra_texts[d]))
        for per_doc in own_terms.values():
            have.update(per_doc[d])
        joined = "\n".join(sorted(have))

        def found(term: str) -> bool:
            return term in have or (len(term) >= CONCEPT_MIN_INNER and term in joined)

        got: set[str] = set()
        for phrases, given in prepared:
            if any(all(found(t) for t in phrase) for phrase in phrases):
                got.update(given)
        out[d] = sorted(got - have)
    return out


def build_bundle(records: list, config, lang: str, labels: Labels, *, sort_key: Callable[[str], Any],
                 chunk_size: int = 64, today: date | None = None, shard_bytes: int = SHARD_BYTES,
                 registry: FilterRegistry | None = None, concepts: list | None = None,
                 morphology: morph.Morphology | None = None) -> Bundle:
    """Build the search files of `lang` for `records` (already the current ones, past events removed).

    The filters are those of `registry` (default: `registry_for(config)`, tarjotin/filters);
    `concepts` are the editors' synonyms of this language (tarjotin/synonyms.py `Concept`);
    `morphology` (Finnish only, morphology.py) adds the table of related terms, None leaves it out.
    """
    registry = registry or registry_for(config)
    analyzer = Analyzer(lang)
    others = {code: OtherAnalyzer(code) for code in config.languages.extra}
    tz = ZoneInfo(config.site.timezone)

    prepared = []
    for record in records:
        title = labels.text(record.title)
        prepared.append((sort_key(title.text), record.id, record, title))
    prepared.sort(key=lambda item: (item[0], item[1]))

    # --- filters (tarjotin/filters), in display order ---
    specs = registry.filters
    # the caller's list itself, not one in this language's title order: no filter depends on the order,
    # and with the same list object for every language, filters/opening.py's schedule table is made once
    base_ctx = FilterContext(config=config, lang=lang, labels=labels, records=records, today=today)
    contexts = {spec.param: spec.context(base_ctx) for spec in specs}
    groups = [spec.param for spec in specs]
    tag_groups = [spec.param for spec in specs if spec.tags]
    values: dict[str, list[str]] = {spec.param: spec.values(contexts[spec.param]) for spec in specs}
    label_cache: dict[str, dict[str, str]] = {
        spec.param: {v: spec.value_label(contexts[spec.param], v) for v in values[spec.param]} for spec in specs}
    label_of: dict[str, Callable[[str], str]] = {g: labels_.__getitem__ for g, labels_ in label_cache.items()}
    position = {group: {value: i for i, value in enumerate(vals)} for group, vals in values.items()}
    char_of = {group: {value: _value_char(i) for value, i in at.items()} for group, at in position.items()}
    data_specs = [spec for spec in specs if spec.data is not None]
    sorts = sorted({spec.sort for spec in specs if spec.sort})

    def doc_values(record) -> dict[str, list[str]]:
        return {spec.param: spec.derive(record, contexts[spec.param]) for spec in specs}

    # --- providers: a table, referenced by number ---
    provider_names: dict[str, int] = {}

    docs: list[dict] = []
    columns: dict[str, list[str]] = {group: [] for group in groups}
    ends: list[str] = []
    data_columns: dict[str, list[str]] = {spec.param: [] for spec in data_specs}
    sort_keys: dict[str, list[int | None]] = {name: [] for name in sorts}
    provider_of: list[int] = []
    text_rows: list[dict] = []
    all_values: list[dict[str, list[str]]] = []
    other_terms: list[list[str]] = []          # per document: terms of its other-language texts
    other_langs: set[str] = set()
    for number, (_key, _id, record, title) in enumerate(prepared):
        vals = doc_values(record)
        all_values.append(vals)
        for group in groups:
            chars = char_of[group]
            try:
                columns[group].append("".join([chars[v] for v in vals[group]]))
            except KeyError:
                unknown = [v for v in vals[group] if v not in chars]
                raise ValueError(f"{record.id}: search filter {group}: {unknown} not among its values {values[group]}") from None
        end = event_end_day(record, tz)
        ends.append(b36(end) if end else "")
        for spec in data_specs:
            entry = spec.data(record, contexts[spec.param])
            if "," in entry:
                raise ValueError(f"{record.id}: search filter {spec.param}: its data {entry!r} has a comma")
            data_columns[spec.param].append(entry)
        for name in sorts:
            sort_keys[name].append(registry.sorts[name].key(record, base_ctx))

        provider = labels.text(record.provider.name) if record.provider else None
        if provider and provider.text:
            if provider.text not in provider_names:
                provider_names[provider.text] = len(provider_names)
            provider_of.append(provider_names[provider.text])
        else:
            provider_of.append(-1)

        summary = labels.text(record.summary)
        places = []
        for location in record.locations:
            name = labels.text(location.name).text if location.name else ""
            if name and name not in places:
                places.append(name)
        tags_text = " ".join([label_cache[g][v] for g in tag_groups for v in vals[g]])
        terms_of_doc = []
        for code, other in others.items():
            found = [t for value in (record.title, record.summary) for t in other.terms(value.get(code))]
            if found:
                other_langs.add(code)
                terms_of_doc += found
        other_terms.append(terms_of_doc)
        docs.append({
            "ref": str(number),
            "title": title.text,
            "keywords": " ".join(record.keywords),
            "tags": tags_text,
            "provider": provider.text if provider else "",
            "place": " ".join(places),
            "summary": summary.text,
            "text": full_text(record, labels),
            "classes": " ".join(labels.text(name).text for name in record.classes),
        })
        # what a result shows: the presenter's card, with named keys (tarjotin/presenter.py)
        text_rows.append(labels.card(record))

    # --- the index: vocabulary + postings of own fields + tables of derived fields ---
    own_terms: dict[str, list[list[str]]] = {f: [analyzer.terms(doc[f]) for doc in docs] for f in OWN_FIELDS}
    unused = {f for f in OPTIONAL_FIELDS if not any(own_terms[f])}
    for f in unused:
        del own_terms[f]
        for doc in docs:
            del doc[f]
    own_fields = tuple(f for f in OWN_FIELDS if f not in unused)
    fields = [(name, boost) for name, boost in FIELDS if name not in unused]
    if other_langs:
        own_fields, fields = own_fields + (OTHER_FIELD,), fields + [(OTHER_FIELD, OTHER_BOOST)]
        own_terms[OTHER_FIELD] = other_terms
        for doc, terms in zip(docs, other_terms):
            doc[OTHER_FIELD] = " ".join(terms)   # analysed already: lunr_index() passes them through
    value_terms = {group: [analyzer.terms(label_of[group](v)) for v in values[group]] for group in tag_groups}
    provider_terms = [analyzer.terms(name) for name in provider_names]
    concept_terms = concept_field(analyzer, concepts or [], own_terms, [doc["tags"] + " " + doc["provider"] for doc in docs])
    if any(concept_terms):
        # after the full text, before `other`
        at, at_field = own_fields.index("text") + 1, [name for name, _ in fields].index("text") + 1
        own_fields = own_fields[:at] + (CONCEPT_FIELD,) + own_fields[at:]
        fields = fields[:at_field] + [(CONCEPT_FIELD, CONCEPT_BOOST)] + fields[at_field:]
        own_terms[CONCEPT_FIELD] = concept_terms
        for doc, terms in zip(docs, concept_terms):
            doc[CONCEPT_FIELD] = " ".join(terms)   # analysed already: lunr_index() passes them through

    vocabulary: set[str] = set()
    for per_doc in (*own_terms.values(), *value_terms.values(), provider_terms):
        vocabulary.update(chain.from_iterable(per_doc))
    vocab = sorted(vocabulary, key=_utf16_key)
    term_id = {term: i for i, term in enumerate(vocab)}

    # documents per term and field (each once), and term ids per document and field (repeated = tf)
    id_of = term_id.__getitem__
    doc_terms: dict[str, list[list[int]]] = {f: [list(map(id_of, terms)) for terms in own_terms[f]]
                                            for f in own_fields}
    value_ids = {g: {v: list(map(id_of, value_terms[g][i])) for v, i in position[g].items()} for g in tag_groups}
    doc_terms["tags"] = [list(chain.from_iterable([value_ids[g][v] for g in tag_groups for v in doc_vals[g]]))
                         for doc_vals in all_values]
    doc_terms["provider"] = [[term_id[t] for t in provider_terms[p]] if p >= 0 else [] for p in provider_of]
    counted = Counter()          # lunr.idf: documents with the term, counted once per field
    for per_doc in doc_terms.values():
        counted.update(chain.from_iterable(map(set, per_doc)))
    df = [counted[t] for t in range(len(vocab))]

    postings = {f: encode_postings(postings_by_term(doc_terms[f]), first=-1) for f in own_fields
                if f not in SHARDED_FIELDS}
    sharded = [shard_field(f, doc_terms[f], df, len(docs), dict(FIELDS)[f], shard_bytes) for f in SHARDED_FIELDS]

    index = {
        "v": FORMAT_VERSION,
        "lang": lang,
        "fields": [[name, boost] for name, boost in fields],
        "pipeline": ["stemmer" if lang == "en" else f"stemmer-{lang}"],
        "terms": front_code(vocab),
        "postings": postings,
        "tags": {group: [" ".join(b36(term_id[t]) for t in terms) for terms in value_terms[group]]
                 for group in tag_groups},
        "tagGroups": list(tag_groups),
        "providers": [" ".join(b36(term_id[t]) for t in terms) for terms in provider_terms],
        "providerOf": ",".join("" if p < 0 else b36(p) for p in provider_of),
        # shard files are numbered across the fields in this order; names are filled in by the writer
        "sharded": {"fields": [part.meta for part in sharded], "files": []},
    }
    shards = [shard for part in sharded for shard in part.files]
    if morphology is not None:
        table = morph.related_terms(morphology, analyzer, index_words(analyzer, term_id))
        if table:
            # fetched per query like postings shards, numbered after them (same "files" list)
            index["related"], related_files = morph.encode_table(table, term_id, b36, front_code, offset=len(shards))
            shards += related_files
    if other_langs:
        # [language, lunr-languages stemmer ("" = none)]: the browser analyses queries for each
        index["other"] = [[code, others[code].stemmer_name] for code in others if code in other_langs]

    chunk_names = []
    chunks = [text_rows[i:i + chunk_size] for i in range(0, len(text_rows), chunk_size)] or [[]]
    facets = {
        "v": FORMAT_VERSION,
        "lang": lang,
        "n": len(docs),
        "groups": list(groups),
        "filters": {spec.param: spec.flags(contexts[spec.param], values[spec.param]) for spec in specs},
        "values": {group: [[v, label_of[group](v)] for v in values[group]] for group in groups},
        "cols": {group: ",".join(columns[group]) for group in groups},
        "data": {group: ",".join(column) for group, column in data_columns.items()},
        "sort": {name: sort_ranks(keys) for name, keys in sort_keys.items()},
        "end": ",".join(ends),
        "chunkSize": chunk_size,
        "chunks": chunk_names,   # filled with hashed file names by the writer
        "built": today.isoformat() if today else "",
    }
    return Bundle(lang=lang, facets=facets, index=index, chunks=chunks, docs=docs, shards=shards)


def index_words(analyzer: Analyzer, vocabulary) -> dict[str, str]:
    """Every word the analyser has made an index term of (trimmed, lower case; numbers left out),
    and its term. Read from the analyser's memo, so the texts are not tokenised again."""
    words: dict[str, str] = {}
    for token, term in analyzer.seen.items():
        if term is not None and term in vocabulary:
            word = analyzer.trim(token)
            if not _DIGIT.search(word):
                words[word] = term
    return words


def lunr_index(bundle: Bundle):
    """The same index built the ordinary lunr.py way (Builder.add + build): for tests and interop."""
    builder = make_builder(Analyzer(bundle.lang), [tuple(f) for f in bundle.index["fields"]])
    for doc in bundle.docs:
        builder.add(doc)
    return builder.build()
