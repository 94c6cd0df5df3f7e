"""EPSG:3067 (ETRS-TM35FIN) ↔ WGS84 without a projection library.

ETRS-TM35FIN is a transverse Mercator projection of the GRS80 ellipsoid: central meridian 27° E,
scale factor 0.9996, false easting 500 000 m, false northing 0. ETRS89 and WGS84 differ by less
than a metre in Finland and are treated as the same datum for web maps (as EPSG and PROJ's
EPSG:3067 → EPSG:4326 transformation do).

The formulas are Krüger's series to the 4th order of the third flattening n (as in the Finnish
public-administration recommendation JHS 154 and Karney 2011); they are accurate to well under a
millimetre inside Finland. tests/test_ptv_geo.py checks them against pyproj and known points.

PTV delivers the coordinates as strings, `latitude` = northing and `longitude` = easting;
`coordinates_from_ptv` turns those into WGS84 or None ("unknown", never a point in the sea).
"""

from __future__ import annotations

import math

_A = 6378137.0                      # GRS80 semi-major axis
_F = 1 / 298.257222101              # GRS80 flattening
_K0 = 0.9996
_LON0 = math.radians(27.0)
_FALSE_EASTING = 500000.0

_N = _F / (2 - _F)
_N2, _N3, _N4 = _N**2, _N**3, _N**4
_A_RECT = _A / (1 + _N) * (1 + _N2 / 4 + _N4 / 64)   # rectifying radius

_ALPHA = (
    _N / 2 - 2 * _N2 / 3 + 5 * _N3 / 16 + 41 * _N4 / 180,
    13 * _N2 / 48 - 3 * _N3 / 5 + 557 * _N4 / 1440,
    61 * _N3 / 240 - 103 * _N4 / 140,
    49561 * _N4 / 161280,
)
_BETA = (
    _N / 2 - 2 * _N2 / 3 + 37 * _N3 / 96 - _N4 / 360,
    _N2 / 48 + _N3 / 15 - 437 * _N4 / 1440,
    17 * _N3 / 480 - 37 * _N4 / 840,
    4397 * _N4 / 161280,
)
_DELTA = (
    2 * _N - 2 * _N2 / 3 - 2 * _N3 + 116 * _N4 / 45,
    7 * _N2 / 3 - 8 * _N3 / 5 - 227 * _N4 / 45,
    56 * _N3 / 15 - 136 * _N4 / 35,
    4279 * _N4 / 630,
)
_E_CONF = 2 * math.sqrt(_N) / (1 + _N)   # first eccentricity e

#: Plausible ETRS-TM35FIN extent of Finland and its sea areas (metres), with a margin.
NORTHING_RANGE = (6_590_000.0, 7_800_000.0)
EASTING_RANGE = (40_000.0, 770_000.0)


def tm35fin_to_wgs84(northing: float, easting: float) -> tuple[float, float]:
    """EPSG:3067 (northing, easting) in metres → WGS84 (latitude, longitude) in degrees."""
    xi1 = northing / (_K0 * _A_RECT)
    eta1 = (easting - _FALSE_EASTING) / (_K0 * _A_RECT)
    xi, eta = xi1, eta1
    for j, beta in enumerate(_BETA, start=1):
        xi -= beta * math.sin(2 * j * xi1) * math.cosh(2 * j * eta1)
        eta -= beta * math.cos(2 * j * xi1) * math.sinh(2 * j * eta1)
    chi = math.asin(math.sin(xi) / math.cosh(eta))
    lat = chi + sum(delta * math.sin(2 * j * chi) for j, delta in enumerate(_DELTA, start=1))
    lon = _LON0 + math.atan2(math.sinh(eta), math.cos(xi))
    return math.degrees(lat), math.degrees(lon)


def wgs84_to_tm35fin(lat: float, lon: float) -> tuple[float, float]:
    """WGS84 (latitude, longitude) in degrees → EPSG:3067 (northing, easting) in metres."""
    phi = math.radians(lat)
    dlon = math.radians(lon) - _LON0
    t = math.sinh(math.atanh(math.sin(phi)) - _E_CONF * math.atanh(_E_CONF * math.sin(phi)))
    xi1 = math.atan2(t, math.cos(dlon))
    eta1 = math.atanh(math.sin(dlon) / math.sqrt(1 + t * t))
    xi, eta = xi1, eta1
    for j, alpha in enumerate(_ALPHA, start=1):
        xi += alpha * math.sin(2 * j * xi1) * math.cosh(2 * j * eta1)
        eta += alpha * math.cos(2 * j * xi1) * math.sinh(2 * j * eta1)
    return _K0 * _A_RECT * xi, _FALSE_EASTING + _K0 * _A_RECT * eta


def parse_coordinate(value: object) -> float | None:
    """A PTV coordinate string ("6673456.123", "6673456,1", 6673456) → float; None when unusable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".").replace(" ", "")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            return None
    if not math.isfinite(number) or number == 0:
        return None
    return number


def coordinates_from_ptv(latitude: object, longitude: object) -> tuple[tuple[float, float] | None, str | None]:
    """PTV `latitude` (northing) and `longitude` (easting) → ((lat, lon) in WGS84, problem).

    Returns (None, reason) when the point is missing, "0", unparsable or outside Finland;
    (point, "swapped") when northing and easting were given the wrong way round.
    Degrees are rounded to 6 decimals (about 0.1 m), so output is stable across platforms.
    """
    northing, easting = parse_coordinate(latitude), parse_coordinate(longitude)
    if northing is None or easting is None:
        return None, "missing"
    problem = None
    if _in(easting, NORTHING_RANGE) and _in(northing, EASTING_RANGE):
        northing, easting = easting, northing
        problem = "swapped"
    if not (_in(northing, NORTHING_RANGE) and _in(easting, EASTING_RANGE)):
        return None, "outside"
    lat, lon = tm35fin_to_wgs84(northing, easting)
    return (round(lat, 6), round(lon, 6)), problem


def _in(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]
