"""Where the search results are: the map's points and the "near me" place lookup, built from the
area's own record coordinates (no geocoder is asked, at build time or in the browser).

    search/<lang>/points.<hash>.json   per result (the language's document order): its places
    search/places.<hash>.json          postal codes, post offices, municipalities and streets → a point

Both are fetched by the search page only when the map or "near me" is used (theme/static/js/search-map.js).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

FORMAT_VERSION = 1
#: Decimal places kept: 5 is about a metre, finer than any address's coordinates.
PRECISION = 5

# a street address's house part: "Kuusijärventie 3", "Myyrmäenraitti 2 A 5", "Tie 12-14 b"
_HOUSE = re.compile(r"\s+\d.*$")


def normalize(text: str) -> str:
    """A lookup key: NFC, lower case, single spaces. The browser does the same (search-map.js)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def street_name(address: str) -> str:
    """The street of an address, without the house number and what follows it."""
    return _HOUSE.sub("", address.strip())


def _round(value: float) -> float:
    return round(value, PRECISION)


def record_points(record) -> list[tuple[float, float]]:
    """The record's distinct coordinates, in its locations' order."""
    points = []
    for location in record.locations:
        if location.latitude is None or location.longitude is None:
            continue
        point = (_round(location.latitude), _round(location.longitude))
        if point not in points:
            points.append(point)
    return points


def points_file(ids: list[str], records: list, center: tuple[float, float] | None = None) -> dict:
    """The map's data of one language: `pts[i]` = flat [lat, lon, lat, lon, …] of document i
    (ids in the language's document order, as in its text chunks); `center` = where the map
    opens when it has nothing to fit (configured, else the middle of all points)."""
    by_id = {record.id: record for record in records}
    pts = [[c for point in record_points(by_id[i]) for c in point] for i in ids]
    if center is None:
        every = [(p[k], p[k + 1]) for p in pts for k in range(0, len(p), 2)]
        center = _centroid(every) if every else None
    return {"v": FORMAT_VERSION, "pts": pts, "center": list(center) if center else None}


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (_round(sum(p[0] for p in points) / len(points)), _round(sum(p[1] for p in points) / len(points)))


def _texts(value) -> list[str]:
    """Every language's text of a LocalizedText (or nothing)."""
    return [text for _lang, text in value.items() if text] if value else []


def places_file(records: list, config) -> dict:
    """Names a resident may type → the middle of the records' coordinates that carry that name.

    `places` = [[key, lat, lon, shown name, kind], …] sorted by key; kind is `postal`, `district`
    (post office, municipality) or `street`. A name used for places far apart (one street name in
    two municipalities) still gets one middle point: the distances stay rough but never wrong by
    more than the spread of the area itself.
    """
    found: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    shown: dict[tuple[str, str], str] = {}

    def add(kind: str, name: str, point: tuple[float, float]) -> None:
        key = normalize(name)
        if not key:
            return
        found[(key, kind)].append(point)
        shown.setdefault((key, kind), name.strip())

    names = {m.code: m.name for m in config.area.municipalities}
    for record in records:
        for location in record.locations:
            if location.latitude is None or location.longitude is None:
                continue
            point = (location.latitude, location.longitude)
            if location.postal_code:
                add("postal", location.postal_code, point)
            for text in _texts(location.post_office):
                add("district", text.title() if text.isupper() else text, point)
            municipality = names.get(location.municipality_code) if location.municipality_code else None
            for text in [*_texts(location.municipality_name),
                         *([municipality.fi, municipality.sv, municipality.en] if municipality else [])]:
                add("district", text, point)
            for text in _texts(location.street_address):
                add("street", street_name(text), point)
    rank = {"postal": 0, "district": 1, "street": 2}
    places = []
    seen = set()
    # one entry per key: a postal code before a district before a street of the same name
    for (key, kind) in sorted(found, key=lambda item: (item[0], rank[item[1]])):
        if key in seen:
            continue
        seen.add(key)
        lat, lon = _centroid(found[(key, kind)])
        places.append([key, lat, lon, shown[(key, kind)], kind])
    return {"v": FORMAT_VERSION, "places": places}
