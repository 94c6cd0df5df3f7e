"""lunr.js 2.3.9's Porter stemmer (`lunr.stemmer`), ported line by line.

lunr.py ships the reference Python Porter stemmer, which differs from lunr.js's JavaScript one on
words ending in -y ("day" → "dai" in Python, "day" in lunr.js). The English index must use the
browser's rules, so this is a direct port of the JavaScript; tests/test_search_agreement.py
checks it word by word against lunr.js under Node.
"""

from __future__ import annotations

import re

STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
         "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate",
         "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive",
         "biliti": "ble", "logi": "log"}
STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
S_V = re.compile("^(" + _C + ")?" + _v)

RE_1A = re.compile(r"^(.+?)(ss|i)es$")
RE2_1A = re.compile(r"^(.+?)([^s])s$")
RE_1B = re.compile(r"^(.+?)eed$")
RE2_1B = re.compile(r"^(.+?)(ed|ing)$")
RE_1B_2 = re.compile(r".$")
RE2_1B_2 = re.compile(r"(at|bl|iz)$")
RE3_1B_2 = re.compile(r"([^aeiouylsz])\1$")
RE4_1B_2 = re.compile("^" + _C + _v + "[^aeiouwxy]$")
RE_1C = re.compile(r"^(.+?[^aeiou])y$")
RE_2 = re.compile(r"^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness"
                  r"|fulness|ousness|aliti|iviti|biliti|logi)$")
RE_3 = re.compile(r"^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")
RE_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
RE2_4 = re.compile(r"^(.+?)(s|t)(ion)$")
RE_5 = re.compile(r"^(.+?)e$")
RE_5_1 = re.compile(r"ll$")
RE3_5 = re.compile("^" + _C + _v + "[^aeiouwxy]$")


def stem(w: str) -> str:
    if len(w) < 3:
        return w
    firstch = w[0]
    if firstch == "y":
        w = firstch.upper() + w[1:]

    if RE_1A.search(w):
        w = RE_1A.sub(r"\1\2", w, count=1)
    elif RE2_1A.search(w):
        w = RE2_1A.sub(r"\1\2", w, count=1)

    m = RE_1B.search(w)
    if m:
        if MGR0.search(m.group(1)):
            w = RE_1B_2.sub("", w, count=1)
    else:
        m = RE2_1B.search(w)
        if m:
            stem_ = m.group(1)
            if S_V.search(stem_):
                w = stem_
                if RE2_1B_2.search(w):
                    w = w + "e"
                elif RE3_1B_2.search(w):
                    w = RE_1B_2.sub("", w, count=1)
                elif RE4_1B_2.search(w):
                    w = w + "e"

    m = RE_1C.search(w)
    if m:
        w = m.group(1) + "i"

    m = RE_2.search(w)
    if m and MGR0.search(m.group(1)):
        w = m.group(1) + STEP2[m.group(2)]

    m = RE_3.search(w)
    if m and MGR0.search(m.group(1)):
        w = m.group(1) + STEP3[m.group(2)]

    m = RE_4.search(w)
    if m:
        if MGR1.search(m.group(1)):
            w = m.group(1)
    else:
        m = RE2_4.search(w)
        if m:
            stem_ = m.group(1) + m.group(2)
            if MGR1.search(stem_):
                w = stem_

    m = RE_5.search(w)
    if m:
        stem_ = m.group(1)
        if MGR1.search(stem_) or (MEQ1.search(stem_) and not RE3_5.search(stem_)):
            w = stem_

    if RE_5_1.search(w) and MGR1.search(w):
        w = RE_1B_2.sub("", w, count=1)

    if firstch == "y":
        w = firstch.lower() + w[1:]
    return w
