"""How long the favourites share link gets: 10 items, each UI language, with and without notes.

The link is `<favourites page>#list1.<token>.<token>…`, 8 characters per item (plugins/favourites/
data.py; the browser makes the same tokens, tests/test_favourites_browser.py checks that), and with
"Include the notes in the link" `~` and base64url of the notes' JSON (theme/static/js/
favourites-page.js `encodeNotes`; tests/test_favourites_share_browser.py checks this script's link
against the page's). Prints the lengths, whether the link is mail- and SMS-safe (only unreserved
characters, nothing a mail client wraps at in the list part) and how many SMS segments the text
message ("Services we chose together: <link>") takes.

    .venv/bin/python bench/share_link.py [--config tray.toml] [--items 10]
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plugins.favourites.data import list_token  # noqa: E402
from tarjotin.config import load_config  # noqa: E402
from tarjotin.urls import UrlScheme  # noqa: E402

# a nurse's typical notes: one for the list, a short one per item
LIST_NOTE = "Seuraava tapaaminen to 17.12. klo 10. Soita, jos jokin muuttuu."
ITEM_NOTE = "Soita ma 9–11, kysy ryhmänohjaajaa."
SMS_WORDS = {"fi": "Yhdessä valitut palvelut:", "sv": "Tjänster vi valde tillsammans:", "en": "Services we chose together:"}
GSM7 = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
           "abcdefghijklmnopqrstuvwxyzäöñüà")


def share_link(page_url: str, ids: list[str], list_note: str = "", notes: list[str] | None = None) -> str:
    """The link favourites-page.js makes for these ids (and notes, when given)."""
    link = page_url + "#list1." + ".".join(list_token(i) for i in ids)
    items = list(notes or [])
    while items and not items[-1]:
        items.pop()
    if list_note or items:
        data = json.dumps([list_note, items], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        link += "~" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")
    return link


def sms_segments(text: str) -> int:
    if all(ch in GSM7 for ch in text):
        return 1 if len(text) <= 160 else -(-len(text) // 153)
    return 1 if len(text) <= 70 else -(-len(text) // 67)


def record_ids(root: Path, count: int) -> list[str]:
    ids = sorted(p.stem for p in (root / "content" / "records").glob("*/*.md"))
    if len(ids) < count:
        ids += [f"local-bench-{i}" for i in range(count - len(ids))]
    return ids[:count]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / "tray.toml"))
    parser.add_argument("--items", type=int, default=10)
    args = parser.parse_args(argv)
    config = load_config(Path(args.config))
    base = config.site.url.rstrip("/")
    urls = UrlScheme(config.default_lang)
    ids = record_ids(ROOT, args.items)
    print(f"site {base}, {len(ids)} items")
    print("| language | link | with notes | SMS text | SMS segments | mail/SMS-safe |")
    print("|---|---|---|---|---|---|")
    for lang in config.languages.ui:
        page = f"{base}/{urls.favourites(lang)}"
        link = share_link(page, ids)
        noted = share_link(page, ids, LIST_NOTE, [ITEM_NOTE] * len(ids))
        sms = f"{SMS_WORDS.get(lang, SMS_WORDS['en'])} {link}"
        safe = bool(re.fullmatch(r"https?://[A-Za-z0-9.\-/:]+#list1(\.[0-9A-Za-z]{8})*", link))
        print(f"| {lang} | {len(link)} | {len(noted)} | {len(sms)} | {sms_segments(sms)} | {'yes' if safe else 'NO'} |")
    print(f"example: {share_link(f'{base}/{urls.favourites(config.default_lang)}', ids)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
