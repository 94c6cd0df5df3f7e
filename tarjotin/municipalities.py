"""Finland's municipality codes: Statistics Finland's classification, shipped as data.

`tarjotin/data/municipalities.json` holds the classification's source, date and every
municipality's code with its Finnish and Swedish name. Municipalities merge now and then (the
list changes on 1 January): `invoke update-municipalities` downloads the current list.
Records, overrides and tray.toml's [area] may use only codes on this list, so a mistyped or
made-up code (`999`, `000`) never reaches the location filter.
"""

from __future__ import annotations

import json
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
