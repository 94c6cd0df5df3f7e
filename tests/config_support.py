"""Small configurations written under tmp_path, so tests never read the repository's tray.toml."""

from __future__ import annotations

from pathlib import Path

THEMES = ["liikunta", "kulttuuri", "yhteisollisyys", "ravinto", "turvallisuus", "toimeentulo",
          "mielen-hyvinvointi", "paihteet", "mielekas-arki"]
AGE_GROUPS = ["lapset", "nuoret", "aikuiset", "ikaantyneet", "perheet"]

#: A small configuration of a fork that sets nothing about its look (the fixture content's slugs).
NEUTRAL = f"""
[site]
name = {{ fi = "Palvelutarjotin", sv = "Servicebrickan", en = "Service Tray" }}
tagline = {{ fi = "Palvelut", sv = "Tjänster", en = "Services" }}
url = "https://tray.example.org"
owner = {{ fi = "Alue", sv = "Området", en = "The area" }}
feedback_email = "feedback@example.org"

[languages]
ui = ["fi", "sv", "en"]
fallback = {{ fi = ["sv", "en"], sv = ["fi", "en"], en = ["fi", "sv"] }}

[area]
name = {{ fi = "Alue", sv = "Området", en = "The area" }}
municipalities = [{{ code = "092", name = {{ fi = "Vantaa", sv = "Vanda", en = "Vantaa" }} }},
                  {{ code = "245", name = {{ fi = "Kerava", sv = "Kervo", en = "Kerava" }} }}]
""" + "".join(f'\n[[age_groups]]\nslug = "{s}"\nname = {{ fi = "{s}", sv = "{s}", en = "{s}" }}\n' for s in AGE_GROUPS) \
    + "".join(f'\n[[themes]]\nslug = "{s}"\nname = {{ fi = "{s}", sv = "{s}", en = "{s}" }}\n' for s in THEMES)


def write_config(tmp_path: Path, text: str = NEUTRAL, name: str = "area.toml") -> Path:
    """`text` as `<tmp_path>/conf/<name>`, with a logo and an icon beside it in `look/`."""
    path = tmp_path / "conf" / name
    (path.parent / "look").mkdir(parents=True, exist_ok=True)
    (path.parent / "look" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"/>')
    (path.parent / "look" / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n icon")
    path.write_text(text, encoding="utf-8")
    return path


def with_content_languages(tmp_path: Path, languages: list[str]):
    """The engine tests' configuration (tests/fixtures/tray.toml) with `languages.content` set, loaded."""
    from tarjotin.config import load_config
    from tests.site_support import TEST_CONFIG, relocated_config_text

    fallback = 'fallback = { fi = ["sv", "en"], sv = ["fi", "en"], en = ["fi", "sv"] }'
    text = relocated_config_text(TEST_CONFIG)
    assert fallback in text, "tests/fixtures/tray.toml: [languages] fallback line changed"
    path = tmp_path / "content-languages.toml"
    path.write_text(text.replace(fallback, f"{fallback}\ncontent = {languages!r}".replace("'", '"')), encoding="utf-8")
    return load_config(path)
