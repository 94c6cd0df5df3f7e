"""Shared helpers for the Lähellä.fi importer tests: a fake admin API on 127.0.0.1, a small world,
and a runner.

`FakeLahella` is a real HTTP server that behaves like the admin API as far as it is known
(docs/importers.md): `GET /v1/activities` pages with `limit`/`skip` and answers
`{items, total, hasMore, links: {groups}}`, `GET /v1/activities/<key>` answers one activity,
and `POST /api/v1/auth/token` renews the session cookie when the refresh cookie is right. With
`require_auth`, data requests without the current `AUTH_TOKEN` cookie (or bearer token) get
401. Faults are injected per request with `importers.common.replay`'s machinery (status, delay,
truncated body, replacement body, dropped connection).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlsplit

from importers.common.replay import Fault, FaultQueue, JsonHandler, start_local_server
from importers.lahella import builders as b
from importers.lahella import importer
from importers.lahella.settings import LahellaSettings, load_settings
from tarjotin.config import TrayConfig, load_config
from tests.site_support import TEST_CONFIG
from tests.importer_support import LATER, default_config  # noqa: F401 - the tests use them from here
from tests.importer_support import RunHarness, quick_settings

GROUP = "7103000900"
OTHER_GROUP = "7103000901"


class FakeLahella:
    """`with FakeLahella(activities, groups) as api: api.base_url …`"""

    def __init__(self, activities: list[dict[str, Any]] | None = None, groups: dict[str, dict[str, Any]] | None = None,
                 *, require_auth: bool = False, token: str = "auth-1", refresh: str = "refresh-1",
                 bearer: str | None = None, embed_groups: str = "links"):
        self.activities = list(activities or [])
        self.groups = dict(groups or {})
        self.require_auth = require_auth
        self.token = token
        self.refresh_token = refresh
        self.bearer = bearer
        self.embed_groups = embed_groups
        self.requests: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.refreshes = 0
        self.faults = FaultQueue()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    # --- lifecycle ---

    @property
    def base_url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> FakeLahella:
        fake = self

        class Handler(_Handler):
            api = fake

        self._httpd = start_local_server(Handler)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    # --- behaviour ---

    def inject(self, match: str, *faults: Fault, persistent: bool = False) -> None:
        self.faults.inject(match, *faults, persistent=persistent)

    def expire(self) -> None:
        """The session cookie runs out: the next data request answers 401."""
        self.token = self.token + "-expired"

    def page(self, params: dict[str, str]) -> dict[str, Any]:
        items = self.activities
        if "groups[0]" in params:
            items = [a for a in items if a.get("group") == params["groups[0]"]]
        limit, skip = int(params.get("limit", 100)), int(params.get("skip", 0))
        chunk = items[skip: skip + limit]
        answer: dict[str, Any] = {"items": chunk, "total": len(items), "hasMore": skip + limit < len(items)}
        linked = [self.groups[a["group"]] for a in chunk if isinstance(a.get("group"), str) and a["group"] in self.groups]
        unique = {g["_key"]: g for g in linked}
        if self.embed_groups == "links":
            answer["links"] = {"groups": [unique[k] for k in sorted(unique)]}
        elif self.embed_groups == "groups-by-key":
            answer["groups"] = unique
        return answer


class _Handler(JsonHandler):
    api: FakeLahella

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _cookies(self) -> dict[str, str]:
        result = {}
        for part in (self.headers.get("Cookie") or "").split(";"):
            if "=" in part:
                name, value = part.split("=", 1)
                result[name.strip()] = value.strip()
        return result

    def _authorised(self) -> bool:
        api = self.api
        if not api.require_auth:
            return True
        if api.bearer and self.headers.get("Authorization") == f"Bearer {api.bearer}":
            return True
        return self._cookies().get("AUTH_TOKEN") == api.token

    def _begin(self, method: str) -> tuple[str, dict[str, str], Fault | None] | None:
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        key = f"{method} {parts.path}?{parts.query}"
        with self.api._lock:
            self.api.requests.append(key)
            self.api.headers.append(dict(self.headers.items()))
        fault = self.api.faults.next(key)
        if self.misbehave(fault):
            return None
        return parts.path, params, fault

    def do_POST(self) -> None:  # noqa: N802
        begun = self._begin("POST")
        if begun is None:
            return
        path, _, _ = begun
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if path != "/api/v1/auth/token":
            self.send_json(404, {"message": "no such endpoint"})
            return
        api = self.api
        if body.get("grant_type") != "refresh_token" or self._cookies().get("REFRESH_TOKEN") != api.refresh_token:
            self.send_json(401, {"status": "Failed"})
            return
        api.refreshes += 1
        api.token = f"auth-{api.refreshes + 1}"
        self.send_json(200, {"status": "Success"}, {"Set-Cookie": f"AUTH_TOKEN={api.token}; Path=/; HttpOnly"})

    def do_GET(self) -> None:  # noqa: N802
        begun = self._begin("GET")
        if begun is None:
            return
        path, params, fault = begun
        if not self._authorised():
            self.send_json(401, {"message": "Unauthorized"})
            return
        truncate = bool(fault and fault.truncate)
        if path == "/v1/activities":
            self.send_json(200, self.api.page(params), truncate=truncate)
            return
        if path.startswith("/v1/activities/"):
            key = path.rsplit("/", 1)[1]
            found = next((a for a in self.api.activities if str(a.get("_key")) == key), None)
            if found is None:
                self.send_json(404, {"message": "not found"})
            else:
                self.send_json(200, found, truncate=truncate)
            return
        self.send_json(404, {"message": "no such endpoint"})


# --- a small world -------------------------------------------------------------------------------

def groups() -> dict[str, dict[str, Any]]:
    return {
        GROUP: b.group(GROUP, {"fi": "Testikylän Yhdistys ry", "sv": "Testby förening rf"}, business_id="1234567-8",
                       url="https://testikyla.example.fi"),
        OTHER_GROUP: b.group(OTHER_GROUP, {"fi": "Toinen Seura ry"}),
    }


def world_activities() -> list[dict[str, Any]]:
    """Seven activities: every path of a full run (weekly, event, volunteering, skipped ones)."""
    vantaa = {"fi": "Vantaa", "sv": "Vanda"}
    return [
        b.activity("1001", "hobby", {"fi": "Tuolijumppa", "sv": "Stolgympa"}, group_key=GROUP,
                   summary={"fi": "Kevyt jumppa."}, description={"fi": "Tule **mukaan**."},
                   themes=["ht_urheilu"], formats=["hm_ryhmat"], demographic=["ageGroup/range:65-99"],
                   regions=["city/FI/Vantaa"],
                   channels=[b.place({"fi": "Asukastila"}, street="Kielotie 1", postal_code="01300", city=vantaa,
                                     lat=60.29, lon=25.04, events=[b.weekly("2026-08-17", (2, "10:00", "11:00"))])]),
        b.activity("1002", "support", {"fi": "Vertaistukiryhmä"}, group_key=GROUP, regions=["city/FI/Kerava"],
                   channels=[b.place({"fi": "Kerhotila"}, street="Torikatu 3", postal_code="04200",
                                     city={"fi": "Kerava", "sv": "Kervo"}, events=[b.weekly("2026-08-17", (4, "18:00", "19:30"))])]),
        b.activity("1003", "hobby", {"fi": "Joulukonsertti"}, group_key=GROUP, themes=["ht_kulttuuri"], formats=["hm_esitykset"],
                   regions=["city/FI/Vantaa"],
                   channels=[b.place({"fi": "Kirkko"}, city=vantaa, lat=60.26, lon=24.85,
                                     events=[b.single("2026-12-13T18:00", "2026-12-13T19:30")])]),
        b.activity("1004", "voluntary", {"fi": "Läksyapu"}, group_key=OTHER_GROUP, regions=["city/FI/Vantaa"]),
        b.activity("1005", "hobby", {"fi": "Kesäretki"}, group_key=GROUP, regions=["city/FI/Vantaa"],
                   channels=[b.place({"fi": "Satama"}, city=vantaa, events=[b.single("2026-06-13T10:00", "2026-06-13T16:00")])]),
        b.activity("1006", "hobby", {"fi": "Luonnos"}, group_key=GROUP, status="draft", regions=["city/FI/Vantaa"]),
        b.activity("1007", "hobby", {"fi": "Espoon kerho"}, group_key=GROUP, regions=["city/FI/Espoo"]),
    ]


@dataclass
class Harness(RunHarness):
    """A fake API, a repository root for the output, the configuration."""

    importer: ClassVar = importer
    api: FakeLahella | None
    root: Path
    config: TrayConfig
    settings: LahellaSettings
    sleeps: list[float] = field(default_factory=list)

    def option_defaults(self) -> dict[str, Any]:
        return {**super().option_defaults(), "base_url": self.api.base_url if self.api else None, "environ": {}}


def make_settings(config: TrayConfig | None = None, **changes: Any) -> LahellaSettings:
    return quick_settings(load_settings, config or load_config(TEST_CONFIG), **changes)
