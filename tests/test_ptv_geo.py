"""EPSG:3067 (ETRS-TM35FIN) → WGS84: accuracy against PROJ and known points, PTV edge cases."""

from __future__ import annotations

import math

import pytest

from importers.common.geo import coordinates_from_ptv, tm35fin_to_wgs84, wgs84_to_tm35fin

# (northing, easting) → (lat, lon). Values computed with PROJ 9 (pyproj 3.7.2, EPSG:3067 → EPSG:4326).
KNOWN = [
    ((6685000.0, 385000.0), (60.285315717, 24.920077827)),   # Helsinki–Vantaa border
    ((6974202.909, 534246.773), (62.896195145, 27.673729416)),  # Kuopio, Asemakatu 44 (DVV test data)
    ((7700000.0, 450000.0), (69.404616160, 25.726298165)),   # Lapland
    ((6620000.0, 100000.0), (59.526325533, 19.920725929)),   # Åland sea area, far west
]


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = (a[0] - b[0]) * 111_320
    dlon = (a[1] - b[1]) * 111_320 * math.cos(math.radians(a[0]))
    return math.hypot(dlat, dlon)


@pytest.mark.parametrize(("point", "expected"), KNOWN)
def test_known_points_within_a_centimetre(point, expected):
    assert metres(tm35fin_to_wgs84(*point), expected) < 0.01


def test_central_meridian_and_false_easting():
    lat, lon = tm35fin_to_wgs84(6_700_000.0, 500_000.0)
    assert lon == pytest.approx(27.0, abs=1e-12)
    # GRS80 meridian arc to 60° N is 6 654 072.82 m; TM35FIN scales it by 0.9996.
    northing, easting = wgs84_to_tm35fin(60.0, 27.0)
    assert northing == pytest.approx(0.9996 * 6_654_072.82, abs=0.05)
    assert easting == pytest.approx(500_000.0, abs=1e-6)


def test_against_pyproj_grid():
    pyproj = pytest.importorskip("pyproj")
    transformer = pyproj.Transformer.from_crs(3067, 4326)
    worst = 0.0
    for northing in range(6_610_000, 7_790_000, 59_000):
        for easting in range(60_000, 760_000, 35_000):
            lat, lon = transformer.transform(easting, northing)
            worst = max(worst, metres(tm35fin_to_wgs84(northing, easting), (lat, lon)))
    assert worst < 0.01  # requirement: 1 m; measured: micrometres


def test_round_trip():
    for lat, lon in [(60.2934, 25.0408), (60.4036, 25.1036), (68.0, 23.5)]:
        back = tm35fin_to_wgs84(*wgs84_to_tm35fin(lat, lon))
        assert metres(back, (lat, lon)) < 0.001


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        ("0", "0", (None, "missing")),
        (None, "385000", (None, "missing")),
        ("", "", (None, "missing")),
        ("abc", "385000", (None, "missing")),
        ("6685000", "9999999", (None, "outside")),
        ("60.29", "25.04", (None, "outside")),  # WGS84 degrees given as if EPSG:3067
    ],
)
def test_unusable_coordinates_are_unknown(lat, lon, expected):
    assert coordinates_from_ptv(lat, lon) == expected


def test_ptv_strings_and_swapped_axes():
    point, problem = coordinates_from_ptv("6685000.000", "385000,000")
    assert point == (60.285316, 24.920078) and problem is None
    swapped, problem = coordinates_from_ptv("385000", "6685000")
    assert swapped == point and problem == "swapped"
