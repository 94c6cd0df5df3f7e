"""The pages' Content-Security-Policy: one definition for the <meta> tag of every page
(theme/templates/base.html) and for what a web server sends (deploy/nginx/tarjotin.conf, docs/deploy.md).

Everything comes from the site itself; a configured map (`[map] tile_url`) adds its tile host to
`img-src` and nothing else (Leaflet draws tiles as <img>; the page's own scripts fetch the rest).
"""

from __future__ import annotations

DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def content_security_policy(tile_origin: str = "") -> str:
    """The policy; with `tile_origin` (e.g. `https://tiles.example.fi`) images may also come from there."""
    parts = []
    for name, value in DIRECTIVES:
        if name == "img-src" and tile_origin:
            value = f"{value} {tile_origin}"
        parts.append(f"{name} {value}")
    return "; ".join(parts)
