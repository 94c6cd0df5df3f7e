"""The configuration's branding as theme files: brand stylesheet, logo and favicon.

Colours go into a generated stylesheet of CSS custom properties (`theme/css/brand.<hash>.css`),
not into an inline style, so the pages keep their strict Content-Security-Policy. The logo is a
hashed theme file like any other; the favicon keeps the fixed name `theme/favicon.<ext>`, so a
bookmark or a pinned tab that remembers the address keeps finding it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tarjotin.assets import ThemeAssets
from tarjotin.config import IMAGE_TYPES, TrayConfig

#: Configuration colour → CSS custom property used by theme/static/css/tray.css.
CSS_PROPERTIES = {
    "primary": "--brand",
    "primary_dark": "--brand-dark",
    "primary_text": "--on-brand",
    "accent_background": "--accent-bg",
    "text": "--text",
    "muted": "--muted",
    "background": "--bg",
    "border": "--border",
    "focus": "--focus",
}

#: The theme's own neutral favicon, used when the configuration names none.
DEFAULT_FAVICON = "favicon.svg"


@dataclass(frozen=True)
class Branding:
    """Output paths the templates need (`branding` in every page's context)."""

    stylesheet: str
    logo: str
    favicon: str
    favicon_type: str


def brand_stylesheet(config: TrayConfig) -> bytes:
    colors = config.branding.colors
    lines = [f"  {prop}: {getattr(colors, name)};" for name, prop in CSS_PROPERTIES.items()]
    return ("/* Generated from the configuration's [branding.colors]. */\n:root {\n" + "\n".join(lines) + "\n}\n").encode()


def publish_branding(config: TrayConfig, assets: ThemeAssets) -> Branding:
    """Add the brand stylesheet, the logo and the favicon to `assets`; return their paths."""
    branding = config.branding
    stylesheet = assets.add("css", brand_stylesheet(config), "brand.css")
    logo = ""
    if branding.logo:
        source = config.file(branding.logo)
        logo = assets.add("brand", source.read_bytes(), "logo" + source.suffix.lower())
    source = config.file(branding.favicon) if branding.favicon else assets.static_dir / DEFAULT_FAVICON
    favicon = f"{assets.folder}/favicon{source.suffix.lower()}"
    assets.out.files[favicon] = source.read_bytes()   # fixed name: the allowed exception to hashing
    return Branding(stylesheet, logo, favicon, IMAGE_TYPES[source.suffix.lower()])
