"""Finland's municipality codes: Statistics Finland's classification, shipped as data.

`tarjotin/data/municipalities.json` holds the classification's source, date and every
municipality's code with its Finnish and Swedish name. Municipalities merge now and then (the
list changes on 1 January): `invoke update-municipalities` downloads the current list.
Records, overrides and tray.toml's [area] may use only codes on this list, so a mistyped or
made-up code (`999`, `000`) never reaches the location filter.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

#: The shipped classification (see the module docstring).
DATA_FILE = Path(__file__).resolve().parent / "data" / "municipalities.json"


@cache
def classification() -> dict[str, Any]:
    """The data file as read: classification, source, valid_from and municipalities."""
    with DATA_FILE.open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def names() -> dict[str, dict[str, str]]:
    """{code: {"fi": name, "sv": name}} of every current municipality."""
    return {item["code"]: {"fi": item["fi"], "sv": item["sv"]} for item in classification()["municipalities"]}


def is_municipality(code: str) -> bool:
    """True when `code` is a current Finnish municipality code (e.g. "092")."""
    return code in names()


def unknown_code_message(code: str) -> str:
    """What an editor is told about a code that is not on the list."""
    from .text import excerpt

    return (f"{excerpt(code, 20)} is not a Finnish municipality code (Statistics Finland, "
            f"{classification()['classification']}); e.g. 092 is Vantaa, 245 Kerava")


# --- updating the list from Statistics Finland ------------------------------------------------

#: Statistics Finland's open classification API (https://www.stat.fi/en/luokitukset/info/).
CLASSIFICATION_API = "https://data.stat.fi/api/classifications/v2/classifications"
#: Environment variable that points the download elsewhere (tests use a local server).
API_ENV = "TARJOTIN_CLASSIFICATION_API"
#: A real list has about 300 municipalities; far fewer means a truncated or wrong answer.
MIN_MUNICIPALITIES = 250


class UpdateError(Exception):
    """The downloaded list was unusable; the shipped file is left as it was."""


def download(classification_id: str, api: str | None = None, timeout: float = 30.0) -> dict[str, Any]:
    """The classification `classification_id` (e.g. kunta_1_20270101) in the data file's shape,
    with Finnish and Swedish names from two requests to the classification API."""
    import re
    from datetime import date

    import requests

    from .text import CONTROL_CHAR_RE

    match = re.fullmatch(r"kunta_1_(\d{4})(\d{2})(\d{2})", classification_id)
    if not match:
        raise UpdateError(f"{classification_id!r} is not a municipality classification id (kunta_1_YYYYMMDD)")
    base = (api or os.environ.get(API_ENV) or CLASSIFICATION_API).rstrip("/")
    url = f"{base}/{classification_id}/classificationItems"
    names_by_lang: dict[str, dict[str, str]] = {}
    for lang in ("fi", "sv"):
        params = {"content": "data", "meta": "max", "lang": lang, "format": "json"}
        try:
            response = requests.get(url, params=params, timeout=timeout)
            response.raise_for_status()
            items = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise UpdateError(f"{url} (lang={lang}): {exc}") from None
        if not isinstance(items, list):
            raise UpdateError(f"{url} (lang={lang}): expected a list of classification items")
        found: dict[str, str] = {}
        for item in items:
            code = item.get("code") if isinstance(item, dict) else None
            item_names = item.get("classificationItemNames") if isinstance(item, dict) else None
            if not (isinstance(code, str) and re.fullmatch(r"\d{3}", code) and isinstance(item_names, list)):
                raise UpdateError(f"{url} (lang={lang}): an item without a three-digit code and names: {str(item)[:80]}")
            name = next((n.get("name") for n in item_names if isinstance(n, dict) and n.get("lang") == lang),
                        next((n.get("name") for n in item_names if isinstance(n, dict)), None))
            if not isinstance(name, str) or not name.strip() or CONTROL_CHAR_RE.search(name):
                raise UpdateError(f"{url} (lang={lang}): municipality {code} has no usable name")
            if code in found:
                raise UpdateError(f"{url} (lang={lang}): municipality code {code} appears twice")
            found[code] = name.strip()
        if len(found) < MIN_MUNICIPALITIES:
            raise UpdateError(f"{url} (lang={lang}): only {len(found)} municipalities; expected about 300")
        names_by_lang[lang] = found
    fi, sv = names_by_lang["fi"], names_by_lang["sv"]
    if set(fi) != set(sv):
        raise UpdateError(f"{url}: the Finnish and Swedish lists have different codes")
    year, month, day = match.groups()
    return {
        "classification": classification_id,
        "name": f"Kunnat {year} / Kommuner {year}",
        "source": f"Statistics Finland (Tilastokeskus), classification service: {url}",
        "valid_from": f"{year}-{month}-{day}",
        "written": date.today().isoformat(),
        "note": "Downloaded by `invoke update-municipalities`.",
        "municipalities": [{"code": code, "fi": fi[code], "sv": sv[code]} for code in sorted(fi)],
    }


def write(data: dict[str, Any], path: Path = DATA_FILE) -> None:
    """Write the data file atomically (one municipality a line, for readable diffs)."""
    head = {key: value for key, value in data.items() if key != "municipalities"}
    lines = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in data["municipalities"])
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "municipalities": [\n' + lines + "\n ]\n}\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    classification.cache_clear()
    names.cache_clear()


def main(argv: list[str] | None = None) -> int:
    """`python -m tarjotin.municipalities [kunta_1_YYYY0101]`: download and write the list."""
    import sys
    from datetime import date

    argv = sys.argv[1:] if argv is None else argv
    classification_id = argv[0] if argv and argv[0] else f"kunta_1_{date.today().year}0101"
    try:
        data = download(classification_id)
    except UpdateError as exc:
        print(f"update-municipalities: {exc}; {DATA_FILE.name} not changed", file=sys.stderr)
        return 1
    old = set(names())
    new = {item["code"] for item in data["municipalities"]}
    write(data)
    print(f"{DATA_FILE}: {len(new)} municipalities ({classification_id}); "
          f"removed {sorted(old - new) or 'none'}, added {sorted(new - old) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
