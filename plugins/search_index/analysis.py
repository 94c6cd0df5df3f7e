"""Text analysis for the index: the same tokenizer, trimmer, stop words and stemmer as the browser.

The browser analyses queries with lunr.js 2.3.9 and lunr-languages 1.22.0; documents are
analysed here, at build time, so both sides must turn a word into the same term:

* tokenizer: lunr.js splits on `/[\\s\\-]+/` (JavaScript's `\\s`) and lower-cases;
* trimmer: lunr-languages strips characters outside its `wordCharacters` (plus ASCII digits)
  from both ends of a token; English uses lunr.js's `\\W` trimmer (ASCII word characters);
* stop words: `stopwords.FI` / `stopwords.SV` (equal to lunr-languages' lists) and lunr's English list;
* stemmer: NLTK's Snowball stemmers for Finnish and Swedish, which agree with lunr-languages'
  (see tests/test_search_agreement.py), and lunr.py's Porter stemmer for English.

The functions are registered with lunr.py's `Pipeline` under lunr-languages' labels
(`trimmer-fi`, `stopWordFilter-fi`, `stemmer-fi`, ...), so a full lunr.py index built with
`make_builder()` serialises with the pipeline names lunr.js expects.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stop_word_filter import WORDS as EN_STOP_WORDS

from . import porter, stopwords

#: JavaScript's `\s` (ECMAScript WhiteSpace + LineTerminator) plus the hyphen: lunr.tokenizer.separator.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
#: A token: a run of characters between separators (finding the runs is splitting on
#: `[<_JS_SPACE>-]+` and dropping the empty pieces, in one pass).
_TOKEN_RE = re.compile(f"[^{_JS_SPACE}\\-]+")
#: What Python's str.split() takes for whitespace and JavaScript's `\s` does not (that has U+FEFF more).
_PY_ONLY_SPACE = "\x1c\x1d\x1e\x1f\x85"

#: lunr-languages 1.22.0 `wordCharacters` (identical for fi and sv); its trimmer adds 0-9.
WORD_CHARACTERS = (
    "A-Za-z\xaa\xba\xc0-\xd6\xd8-\xf6\xf8-\u02b8\u02e0-\u02e4\u1d00-\u1d25\u1d2c-\u1d5c\u1d62-\u1d65"
    "\u1d6b-\u1d77\u1d79-\u1dbe\u1e00-\u1eff\u2071\u207f\u2090-\u209c\u212a\u212b\u2132\u214e"
    "\u2160-\u2188\u2c60-\u2c7f\ua722-\ua787\ua78b-\ua7ad\ua7b0-\ua7b7\ua7f7-\ua7ff\uab30-\uab5a"
    "\uab5c-\uab64\ufb00-\ufb06\uff21-\uff3a\uff41-\uff5a"
)
_LANG_TRIM = re.compile(f"^[^{WORD_CHARACTERS}0-9]+|[^{WORD_CHARACTERS}0-9]+$")
_EN_TRIM = re.compile(r"^\W+|\W+$", re.ASCII)
_DIGIT = re.compile("[0-9]")

#: The index field of texts in content languages that are not UI languages (encode.py).
OTHER_FIELD = "other"
#: The index field of the editors' concepts, terms analysed already (encode.py concept_field).
CONCEPT_FIELD = "concepts"

#: Languages with a full pipeline; any other UI language would need one added here.
LANGUAGES = ("fi", "sv", "en")

#: Content languages beyond the UI languages (`languages.content`) whose Snowball stemmer exists on
#: both sides and agrees word for word: NLTK here, lunr-languages 1.22.0 (`lunr.<code>.js`) in the
#: browser (tests/test_search_languages.py). Every other language (Sámi, Arabic, Somali, …) is
#: indexed with a plain tokenizer. lunr-languages' Arabic stemmer is not Snowball's (it disagrees
#: with NLTK's on half of the words tried), so Arabic is among the plain ones.
SNOWBALL = {"fi": "finnish", "sv": "swedish", "en": "porter", "ru": "russian", "de": "german", "fr": "french",
            "es": "spanish", "it": "italian", "pt": "portuguese", "nl": "dutch", "da": "danish",
            "no": "norwegian", "hu": "hungarian", "ro": "romanian"}


def tokenize(text: str | None) -> list[str]:
    """lunr.tokenizer: lower-case, split on whitespace and hyphens, drop empty pieces."""
    if not text:
        return []
    text = text.lower()
    if any(char in text for char in _PY_ONLY_SPACE):
        return _TOKEN_RE.findall(text)
    # str.split() is several times faster than the expression; it takes the same whitespace but these
    return text.replace("-", " ").replace("\ufeff", " ").split()


class _Memo(dict):
    """token → term, computed on first look-up: a plain dict read for every word seen before."""

    def __init__(self, compute):
        super().__init__()
        self._compute = compute

    def __missing__(self, token: str) -> str | None:
        term = self[token] = self._compute(token)
        return term


class Analyzer:
    """trimmer → stop-word filter → stemmer for one language, memoised per surface form."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"no search pipeline for language {lang!r}; supported: {LANGUAGES}")
        self.lang = lang
        if lang == "en":
            self._trim = _EN_TRIM
            self.stop_words = frozenset(EN_STOP_WORDS)
            self._stem = porter.stem
        else:
            from nltk.stem.snowball import SnowballStemmer

            self._trim = _LANG_TRIM
            self.stop_words = stopwords.FI if lang == "fi" else stopwords.SV
            self._stem = SnowballStemmer({"fi": "finnish", "sv": "swedish"}[lang]).stem
        #: every token analysed so far and its term (None: dropped); morphology.py reads the words
        self.seen: dict[str, str | None] = _Memo(self._term)

    def term(self, token: str) -> str | None:
        """The index term of one token, or None when the pipeline drops it (memoised)."""
        return self.seen[token]

    def trim(self, token: str) -> str:
        return self._trim.sub("", token)

    def stem(self, word: str) -> str:
        return self._stem(word)

    def _term(self, token: str) -> str | None:
        token = self.trim(token)
        if not token or token in self.stop_words:
            return None
        if _DIGIT.search(token):
            # Numbers (ages, postal codes, "24/7") are kept whole: lunr-languages' Finnish stemmer
            # cuts a trailing digit ("300" → "30") where NLTK's does not, so neither side stems them.
            return token
        term = self.stem(token)
        return term or None

    def terms(self, text: str | None) -> list[str]:
        """All index terms of a text, in order, repeated as often as they occur."""
        # the build's hottest loop (every word of every field): map over the memo, no method calls
        return [term for term in map(self.seen.__getitem__, tokenize(text)) if term is not None]

    # --- lunr.py interop: the same functions as pipeline steps under lunr-languages' labels ---

    def pipeline_functions(self):
        lang = self.lang
        suffix = "" if lang == "en" else f"-{lang}"

        def trimmer(token, i=None, tokens=None):
            return token.update(lambda s, metadata=None: self.trim(s))

        def stop_word_filter(token, i=None, tokens=None):
            # unlike lunr's own filter, also drop tokens the trimmer emptied ("–", "&"): they are no words
            if str(token) and str(token) not in self.stop_words:
                return token
            return None

        def stemmer(token, i=None, tokens=None):
            return token.update(lambda s, metadata=None: s if _DIGIT.search(s) else self.stem(s))

        functions = []
        for fn, label in ((trimmer, "trimmer"), (stop_word_filter, "stopWordFilter"), (stemmer, "stemmer")):
            fn.label = label + suffix  # the name written into a serialised index's pipeline
            Pipeline.registered_functions.setdefault(fn.label, fn)
            functions.append(fn)
        return functions


def _letter_or_digit(char: str) -> bool:
    # JavaScript's /[\p{L}\p{M}\p{N}]/u: letters, combining marks (Arabic vowel signs), numbers
    return unicodedata.category(char)[0] in "LMN"


def trim_unicode(token: str) -> str:
    """Strip what is not a letter, mark or number from both ends of a token, in any script
    (search-engine.js `trimUnicode` does the same with Unicode letter, mark and number classes)."""
    start, end = 0, len(token)
    while start < end and not _letter_or_digit(token[start]):
        start += 1
    while end > start and not _letter_or_digit(token[end - 1]):
        end -= 1
    return token[start:end]


class OtherAnalyzer:
    """Terms of a text in a content language that is not a UI language: lunr's tokenizer, a trimmer
    for every script, no stop words, and the language's Snowball stemmer where `SNOWBALL` has one.

    Their terms go into the index's low-boost `other` field; the browser analyses each query word
    the same way for each such language of the index (search-engine.js `otherTerms`)."""

    def __init__(self, lang: str):
        self.lang = lang
        self.stemmer_name = lang if lang in SNOWBALL else ""
        if lang == "en":
            self._stem = porter.stem
        elif lang in SNOWBALL:
            from nltk.stem.snowball import SnowballStemmer

            self._stem = SnowballStemmer(SNOWBALL[lang]).stem
        else:
            self._stem = None
        self.term = lru_cache(maxsize=None)(self._term)

    def _term(self, token: str) -> str | None:
        token = trim_unicode(token)
        if not token:
            return None
        if self._stem is None or _DIGIT.search(token):
            return token
        return self._stem(token) or None

    def terms(self, text: str | None) -> list[str]:
        return [term for token in tokenize(text) if (term := self.term(token)) is not None]


def make_builder(analyzer: Analyzer, fields: list[tuple[str, float]]) -> Builder:
    """A lunr.py Builder with this language's pipeline and our fields (documents are pre-joined text)."""
    trimmer, stop, stem = analyzer.pipeline_functions()
    builder = Builder()
    builder.pipeline.add(trimmer, stop, stem)
    for fn in (trimmer, stop, stem):
        # the `other` and `concepts` fields hold terms analysed already, each by its own language (OtherAnalyzer)
        builder.pipeline.skip(fn, [OTHER_FIELD, CONCEPT_FIELD])
    builder.search_pipeline.add(stem)
    builder.ref("ref")
    for name, boost in fields:
        # lunr.py's tokenizer splits on fewer whitespace characters than lunr.js: hand it a list of
        # tokens already split the lunr.js way (a list is taken element by element, as in lunr.js).
        builder.field(name, boost=boost, extractor=lambda doc, name=name: tokenize(doc.get(name)))
    return builder
