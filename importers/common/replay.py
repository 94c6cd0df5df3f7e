"""Replay recorded API answers over real HTTP on 127.0.0.1, for offline runs and tests.

A recording is a directory of JSON files, one per request, named after the request path below
the API prefix plus its query string:

    Service/list/area/Municipality/code/092@includeWholeCountry=true&page=1.json
    ServiceChannel/1b2c…-….json
    Organization/5d0f…-….json

The query part (`@k=v&k=v`, keys sorted) is left out when the request has no parameters.
Requests for `<X>/list?guids=a,b,c` (lists by id) are answered with a JSON array made of the
recorded `<X>/a.json`, `<X>/b.json` … that exist, as the real API does. A request without a
recording answers 404 and is listed in `ReplayServer.misses`.

Because the importer talks to this server through the same HTTP client and the same adapter
as to the real API, an offline run exercises the whole code path. Tests inject faults
(`inject`): an HTTP status (500, 429 with Retry-After, 404), a delay longer than the client's
timeout, a truncated body, or a replacement body. `FaultQueue`, `JsonHandler` and
`start_local_server` serve the tests' fake APIs the same way.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit


@dataclass
class Fault:
    """One injected misbehaviour, used for one matching request."""

    status: int | None = None
    """Answer with this HTTP status (and `body` or a small error JSON)."""
    headers: dict[str, str] = field(default_factory=dict)
    """Extra response headers, e.g. {"Retry-After": "3"}."""
    delay: float = 0.0
    """Wait this long before answering (longer than the client timeout = a timeout)."""
    truncate: bool = False
    """Send only the first half of the recorded body (malformed JSON)."""
    body: Any = None
    """Answer with this JSON instead of the recording (status 200 unless `status` is set)."""
    drop: bool = False
    """Close the connection without answering (a connection error)."""


def request_key(path: str, params: dict[str, str]) -> str:
    """Recording file name (without .json) for a request path and its query parameters."""
    path = path.strip("/")
    if params:
        return f"{path}@{urlencode(sorted(params.items()), safe=',:[]')}"
    return path


def write_answer(root: Path, key: str, data: Any, *, indent: int | None = 1) -> Path:
    """Record one answer where the server looks for it (`<root>/<key>.json`); returns the path."""
    path = root / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=indent) + "\n", encoding="utf-8")
    return path


@dataclass
class _Injection:
    match: str
    faults: list[Fault]
    persistent: bool


class FaultQueue:
    """Injected misbehaviour, looked up by request key; safe to use from the server's threads."""

    def __init__(self) -> None:
        self._injections: list[_Injection] = []
        self._lock = threading.Lock()

    def inject(self, match: str, *faults: Fault, persistent: bool = False) -> None:
        """Misbehave for requests whose key contains `match`: each request uses the next fault;
        with `persistent` the last fault repeats forever."""
        with self._lock:
            self._injections.append(_Injection(match, list(faults), persistent))

    def clear(self) -> None:
        with self._lock:
            self._injections.clear()

    def next(self, key: str) -> Fault | None:
        with self._lock:
            for injection in self._injections:
                if injection.match in key and injection.faults:
                    if injection.persistent and len(injection.faults) == 1:
                        return injection.faults[0]
                    return injection.faults.pop(0)
        return None


def start_local_server(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """Serve `handler` on 127.0.0.1 (a free port) from a daemon thread; end with
    `shutdown()` and `server_close()`."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="replay-server",
                     daemon=True).start()
    return httpd


class ReplayServer:
    """`with ReplayServer(directory) as server: client.get(server.base_url + "Service")`."""

    def __init__(self, root: Path, *, prefix: str = "/api/v11/", ids_param: str = "guids",
                 log: Callable[[str], None] | None = None):
        self.root = Path(root)
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self.ids_param = ids_param
        self.requests: list[str] = []
        self.misses: list[str] = []
        self.faults = FaultQueue()
        self._lock = threading.Lock()
        self._log = log
        self._httpd: ThreadingHTTPServer | None = None

    # --- lifecycle ---

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{self.prefix}"

    def start(self) -> str:
        server = self

        class Handler(_Handler):
            replay = server

        self._httpd = start_local_server(Handler)
        return self.base_url

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> ReplayServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- faults ---

    def inject(self, match: str, *faults: Fault, persistent: bool = False) -> None:
        """Misbehave for requests whose key (`path@query`) contains `match`: each request uses
        the next fault; with `persistent` the last fault repeats forever."""
        self.faults.inject(match, *faults, persistent=persistent)

    def clear_faults(self) -> None:
        self.faults.clear()

    # --- answers ---

    def resolve(self, path: str, params: dict[str, str]) -> tuple[int, Any]:
        """(status, JSON) for a request, from the recording."""
        if self.ids_param in params and path.rstrip("/").endswith("/list"):
            rest = {k: v for k, v in params.items() if k != self.ids_param}
            parent = path.rstrip("/")[: -len("/list")]
            items = []
            for item_id in [i.strip() for i in params[self.ids_param].split(",") if i.strip()]:
                found = self._load(request_key(f"{parent}/{item_id}", rest))
                if found is not None:
                    items.append(found)
            return 200, items
        found = self._load(request_key(path, params))
        if found is None:
            return 404, {"message": f"No recording for {request_key(path, params)}"}
        return 200, found

    def _load(self, key: str) -> Any:
        file = self.root / f"{key}.json"
        try:
            resolved = file.resolve()
            resolved.relative_to(self.root.resolve())
        except (ValueError, OSError):
            return None
        if not resolved.is_file():
            return None
        return json.loads(resolved.read_text(encoding="utf-8"))


class JsonHandler(BaseHTTPRequestHandler):
    """Answers JSON without delay, and acts out injected faults."""

    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out as two writes: without TCP_NODELAY, Nagle's algorithm and
        # delayed ACKs add ~40 ms to every request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def misbehave(self, fault: Fault | None) -> bool:
        """Act out the parts of `fault` that come first (delay) or replace the answer (dropped
        connection, replacement body, status); True when the request has been dealt with."""
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.drop:
            self.close_connection = True
            self.connection.close()
            return True
        if fault and fault.body is not None:
            self.send_json(fault.status or 200, fault.body, fault.headers)
            return True
        if fault and fault.status:
            self.send_json(fault.status, {"message": f"injected HTTP {fault.status}"}, fault.headers)
            return True
        return False

    def send_json(self, status: int, body: Any, headers: dict[str, str] | None = None, truncate: bool = False) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if truncate:
            data = data[: max(1, len(data) // 2)]
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Handler(JsonHandler):
    replay: ReplayServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if self.replay._log:
            self.replay._log(format % args)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if not path.startswith(self.replay.prefix):
            self.send_json(404, {"message": "unknown API prefix"})
            return
        path = path[len(self.replay.prefix):]
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        key = request_key(path, params)
        with self.replay._lock:
            self.replay.requests.append(key)
        fault = self.replay.faults.next(key)
        if self.misbehave(fault):
            return
        status, body = self.replay.resolve(path, params)
        if status == 404:
            with self.replay._lock:
                self.replay.misses.append(key)
        self.send_json(status, body, truncate=bool(fault and fault.truncate))
