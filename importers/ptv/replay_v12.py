"""A local stand-in for the PTV v12 API: answers searches, by-id requests, connections,
archived lists and reference lists from v12 objects, over real HTTP on 127.0.0.1.

    with V12Server(V12Data or recording directory, api_key="secret") as server:
        server.base_url          # http://127.0.0.1:PORT/api/v12/

The offline demo (`--offline` with `ptv.api_version = "v12"`) replays demo/recordings/ptv-v12/
through it, and the tests run the v12 adapter against it. It behaves as DVV's OpenAPI document
says: `page` ≥ 1 and `pageSize` 1–100 (and at most `max_page_size`, so tests page with small
pages), array parameters repeated and at most 20 values, `areaType=LimitedArea` needed for
`municipalities`/`regions`/`wellbeingServicesCounties`, `publishedAtOrAfter` on searches,
`archivedAtOrAfter` required on archived lists, 404 with `reason` (`NotPublished` for archived
content, else `Unknown`), 401 without the right `x-api-key` when a key is set. Faults are
injected as for the v11 replay (`inject`, importers/common/replay.py).
"""

from __future__ import annotations

import json
import math
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from importers.common.replay import Fault, FaultQueue, JsonHandler, request_key, start_local_server

from .builders_v12 import REFERENCE_LISTS, V12Data

PREFIX = "/api/v12/"
SEARCHES = {"service/search": "services", "service-channel/search": "channels", "organization/search": "organizations"}
BY_ID = {"service": "services", "service-channel": "channels", "organization": "organizations",
         "general-description": "general_descriptions"}
MAX_ARRAY = 20


def load(root: Path) -> V12Data:
    """A recording directory written by `V12Data.write` → V12Data."""
    data = V12Data()

    def read(path: Path) -> Any:
        return json.loads(path.read_text(encoding="utf-8"))

    for folder, name in BY_ID.items():
        for path in sorted((root / folder).glob("*.json")):
            obj = read(path)
            getattr(data, name)[str(obj["contentId"]).lower()] = obj
    for path in sorted((root / "connection").glob("*.json")):
        data.connections.extend(read(path))
    for path in sorted((root / "reference").glob("*.json")):
        data.references[path.stem] = read(path)
    for path in sorted((root / "archived").glob("*.json")):
        data.archived[path.stem] = read(path)
    return data


class BadRequest(Exception):
    pass


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name) or []
    return values[-1] if values else None


def _many(params: dict[str, list[str]], name: str) -> list[str]:
    values = [v for value in params.get(name) or [] for v in value.split(",") if v]
    if len(values) > MAX_ARRAY:
        raise BadRequest(f"{name}: at most {MAX_ARRAY} values")
    return values


def _area_matches(obj: dict[str, Any], params: dict[str, list[str]]) -> bool:
    wanted_type = _one(params, "areaType")
    area = obj.get("area") if isinstance(obj.get("area"), dict) else {}
    filters = {key: _many(params, key) for key in ("municipalities", "regions", "wellbeingServicesCounties")}
    if any(filters.values()) and wanted_type != "LimitedArea":
        raise BadRequest("municipalities, regions and wellbeingServicesCounties need areaType=LimitedArea")
    if wanted_type is None:
        return True
    if area.get("areaType") != wanted_type:
        return False
    for key, values in filters.items():
        if not values:
            continue
        have = set(area.get(key) or [])
        match = _one(params, f"{key}Match") or "all"
        if match == "any" and not have & set(values):
            return False
        if match != "any" and not set(values) <= have:
            return False
    return True


class V12Server:
    """`with V12Server(data) as server:` — see the module docstring."""

    def __init__(self, data: V12Data | Path, *, api_key: str | None = None, max_page_size: int = 100):
        self.data = load(Path(data)) if isinstance(data, (str, Path)) else data
        self.api_key = api_key
        self.max_page_size = max_page_size
        self.requests: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.faults = FaultQueue()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{PREFIX}"

    def start(self) -> str:
        server = self

        class Handler(_Handler):
            v12 = server

        self._httpd = start_local_server(Handler)
        return self.base_url

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> V12Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def inject(self, match: str, *faults: Fault, persistent: bool = False) -> None:
        """Misbehave for requests whose key (`path@query`) contains `match`."""
        self.faults.inject(match, *faults, persistent=persistent)

    # --- answers ---

    def _page(self, items: list[dict[str, Any]], params: dict[str, list[str]]) -> dict[str, Any]:
        try:
            page = int(_one(params, "page") or 1)
            size = int(_one(params, "pageSize") or 100)
        except ValueError:
            raise BadRequest("page and pageSize are numbers") from None
        if page < 1 or not 1 <= size <= 100:
            raise BadRequest("page ≥ 1 and 1 ≤ pageSize ≤ 100")
        size = min(size, self.max_page_size)
        return {"page": page, "pageSize": size, "totalItems": len(items),
                "totalPages": math.ceil(len(items) / size), "items": items[(page - 1) * size: page * size]}

    def resolve(self, path: str, params: dict[str, list[str]]) -> tuple[int, Any]:
        data = self.data
        since = _one(params, "publishedAtOrAfter")

        def published(obj: dict[str, Any]) -> bool:
            return since is None or (obj.get("publishedAt") or "") >= since.replace("Z", ".000Z")[:24]

        if path in SEARCHES:
            objects = getattr(data, SEARCHES[path])
            types = _many(params, "channelTypes")
            items = [obj for _, obj in sorted(objects.items())
                     if _area_matches(obj, params) and published(obj)
                     and (not types or obj.get("serviceChannelType") in types)]
            return 200, self._page(items, params)
        if path == "connection/search":
            services, channels = set(_many(params, "serviceContentIds")), set(_many(params, "channelContentIds"))
            def channel_of(c: dict[str, Any]) -> str:  # Tampere's client reads serviceChannelContentId
                return c.get("channelContentId") or c.get("serviceChannelContentId") or ""

            items = [c for c in sorted(data.connections, key=lambda c: (c["serviceContentId"], channel_of(c)))
                     if (not services or c["serviceContentId"] in services)
                     and (not channels or channel_of(c) in channels) and published(c)]
            return 200, self._page(items, params)
        if path.endswith("/archived"):
            kind = path[: -len("/archived")]
            after = _one(params, "archivedAtOrAfter")
            if not after:
                raise BadRequest("archivedAtOrAfter is required")
            items = [{"contentId": cid} for cid, when in sorted(data.archived.get(kind, {}).items())
                     if when >= after.replace("Z", ".000Z")[:24]]
            return 200, self._page(items, params)
        if path in REFERENCE_LISTS:
            items = data.references.get(path, [])
            codes, uris = set(_many(params, "codes")), set(_many(params, "uris"))
            items = [i for i in items if isinstance(i, dict) and (not codes or str(i.get("code")) in codes)
                     and (not uris or str(i.get("uri")) in uris)]
            return 200, self._page(items, params)
        folder, _, content = path.rpartition("/")
        if folder in BY_ID and content:
            found = getattr(data, BY_ID[folder]).get(content.lower())
            if found is not None:
                return 200, found
            archived = content.lower() in data.archived.get(folder, {})
            return 404, {"title": "Not Found", "status": 404, "type": "about:blank", "detail": f"{folder} {content}",
                         "reason": "NotPublished" if archived else "Unknown"}
        return 404, {"title": "Not Found", "status": 404, "detail": f"no such endpoint: {path}", "reason": "Unknown"}


class _Handler(JsonHandler):
    v12: V12Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return None

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        server = self.v12
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        flat = {k: ",".join(v) for k, v in params.items()}
        key = request_key(path[len(PREFIX):] if path.startswith(PREFIX) else path, flat)
        with server._lock:
            server.requests.append(key)
            server.headers.append({k.lower(): v for k, v in self.headers.items()})
        if server.api_key is not None and self.headers.get("x-api-key") != server.api_key:
            self.send_json(401, {"title": "Unauthorized", "status": 401, "detail": "API key is required"})
            return
        fault = server.faults.next(key)
        if self.misbehave(fault):
            return
        if not path.startswith(PREFIX):
            self.send_json(404, {"title": "Not Found", "status": 404, "reason": "Unknown"})
            return
        try:
            status, body = server.resolve(path[len(PREFIX):], params)
        except BadRequest as exc:
            status, body = 400, {"title": "Bad Request", "status": 400, "detail": str(exc)}
        except Exception as exc:  # noqa: BLE001 - data a test broke on purpose: answer as a server would
            status, body = 500, {"title": "Internal Server Error", "status": 500, "detail": exc.__class__.__name__}
        self.send_json(status, body, truncate=bool(fault and fault.truncate))
