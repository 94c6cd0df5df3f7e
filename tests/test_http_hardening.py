"""The shared HTTP client against hostile servers: slow drips, decompression bombs, lying
lengths, unbounded chunked bodies and redirects that leave the configured host."""

from __future__ import annotations

import gzip
import json
import re
import socket
import threading
import time
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler

import pytest

from importers.common.errors import FetchError, MalformedResponse
from importers.common.http import HttpClient, RetryPolicy
from importers.common.replay import start_local_server

MB = 1_000_000


def _zeros_compressed(size: int, wbits: int) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    block = b"0" * MB
    return b"".join(packer.compress(block) for _ in range(size // MB)) + packer.flush()


GZIP_BOMB = _zeros_compressed(50 * MB, 16 + zlib.MAX_WBITS)   # ~50 kB → 50 MB
DEFLATE_BOMB = _zeros_compressed(50 * MB, zlib.MAX_WBITS)      # zlib-wrapped, as HTTP says
RAW_DEFLATE_BOMB = _zeros_compressed(50 * MB, -zlib.MAX_WBITS)  # what some servers send instead
SMALL = json.dumps({"ok": True}).encode()


class Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: list[str] = []
    other: str = ""  # base URL of a second server (another port)

    def log_message(self, format, *args):  # noqa: A002
        pass

    def handle(self):
        try:
            super().handle()
        except OSError:  # the client gave up on purpose
            pass

    def _send(self, body: bytes, status: int = 200, **headers: str) -> None:
        self.send_response(status)
        headers = {name.replace("_", "-"): value for name, value in headers.items()}
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, data: bytes, every: float = 0.1) -> None:
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(every)
        except OSError:
            pass

    def do_GET(self):  # noqa: N802, C901 - one branch per attack
        path = self.path.split("?")[0]
        type(self).hits.append(path)
        if path == "/api/ok.json":
            self._send(SMALL)
        elif path == "/api/drip-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self._drip(b"X-Slow: " + b"a" * 200 + b"\r\n")
        elif path == "/api/drip-body":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 300\r\n\r\n")
            self._drip(b" " * 300)
        elif path == "/api/gzip-bomb":
            self._send(GZIP_BOMB, Content_Encoding="gzip")
        elif path == "/api/deflate-bomb":
            self._send(DEFLATE_BOMB, Content_Encoding="deflate")
        elif path == "/api/raw-deflate-bomb":
            self._send(RAW_DEFLATE_BOMB, Content_Encoding="deflate")
        elif path == "/api/gzip-small":
            self._send(gzip.compress(SMALL), Content_Encoding="gzip")
        elif path == "/api/raw-deflate-small":
            packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            self._send(packer.compress(SMALL) + packer.flush(), Content_Encoding="deflate")
        elif path == "/api/escapes":
            self._send(b"\x1b[2J\x1b]0;pwned\x07 denied", 403)
        elif path == "/api/escape-redirect":
            self._send(b"", 302, Location="http://elsewhere.example/\x1b[2J")
        elif path == "/api/deep":
            self._send(b"[" * 100_000 + b"]" * 100_000)
        elif path == "/api/declares-huge":
            self._send(SMALL, Content_Length=str(10 * 1024**3))
        elif path == "/api/declares-more":  # Content-Length larger than the body, then hang up
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n" + SMALL)
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        elif path == "/api/declares-more-and-waits":  # Content-Length larger than the body, line kept open
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + SMALL)
            self.wfile.flush()
            time.sleep(3)
        elif path == "/api/chunked-endless":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"[" + b"1," * 50_000
            try:
                for _ in range(200):  # 20 MB, never announced
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            except OSError:
                pass
        elif path == "/api/chunked-small":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (SMALL[:5], SMALL[5:]):
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        elif path.startswith("/api/redirect/"):
            target = {
                "relative": "../ok.json",
                "absolute": f"http://127.0.0.1:{self.server.server_port}/api/ok.json",
                "chain": "/api/redirect/chain2",
                "chain2": "/api/redirect/relative",
                "loop": "/api/redirect/loop",
                "other-host": f"http://localhost:{self.server.server_port}/api/ok.json",
                "other-port": self.other + "api/ok.json",
                "other-scheme": f"https://127.0.0.1:{self.server.server_port}/api/ok.json",
                "chain-out": "/api/redirect/other-port",
                "nowhere": "",
            }[path.rsplit("/", 1)[1]]
            headers = {"Location": target} if target else {}
            self._send(b"", 302 if "chain" not in path else 307, **headers)
        else:
            self._send(b"{}", 404)


@pytest.fixture(scope="module")
def servers():
    elsewhere = start_local_server(Hostile)
    Hostile.other = f"http://127.0.0.1:{elsewhere.server_port}/"
    main = start_local_server(Hostile)
    yield f"http://127.0.0.1:{main.server_port}/api/"
    for server in (main, elsewhere):
        server.shutdown()
        server.server_close()


@pytest.fixture()
def hits():
    Hostile.hits = []
    return Hostile.hits


def client(base_url, **kwargs):
    kwargs.setdefault("timeout", (0.5, 0.5))
    kwargs.setdefault("retry", RetryPolicy(attempts=2, backoff=0.0))
    return HttpClient(base_url, sleep=lambda seconds: None, **kwargs)


# --- deadlines -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["drip-headers", "drip-body"])
def test_a_slow_drip_cannot_outlast_the_request_deadline(servers, path):
    # One byte every 0.1 s never trips the 0.5 s read timeout; the deadline bounds the request.
    http = client(servers, deadline=0.6)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no complete answer within the request deadline of 0\.6 s "
                                         r"\(request_deadline\); the server sends too slowly"):
        http.get_json(path)
    assert time.monotonic() - started < 1.5
    assert http.stats.requests == 1  # not retried: it would only drip again


def test_the_body_deadline_also_holds_outside_the_main_thread(servers):
    http = client(servers, deadline=0.6, retry=RetryPolicy(attempts=1))
    outcome = []

    def fetch():
        try:
            http.get_json("drip-body")
        except FetchError as exc:
            outcome.append(str(exc))

    worker = threading.Thread(target=fetch)
    started = time.monotonic()
    worker.start()
    worker.join(5)
    assert time.monotonic() - started < 2 and "request deadline" in outcome[0]


# --- size limits ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["gzip-bomb", "deflate-bomb", "raw-deflate-bomb"])
def test_a_decompression_bomb_stops_at_the_cap_with_little_memory(servers, path, hits):
    http = client(servers, max_bytes=1 * MB)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match=r"larger than the allowed 1 MB \(decoded size\); raise max_response_mb"):
            http.get_json(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB
    assert hits == [f"/api/{path}"]  # not retried: the same answer would come again


def test_a_declared_length_above_the_cap_fails_before_reading(servers):
    with pytest.raises(FetchError, match=r"larger than the allowed 1 MB \(Content-Length 10737418240\)"):
        client(servers, max_bytes=1 * MB).get_json("declares-huge")


def test_a_chunked_body_without_length_stops_at_the_cap(servers):
    http = client(servers, max_bytes=2 * MB)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="larger than the allowed 2 MB"):
            http.get_json("chunked-endless")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * MB


def test_a_body_shorter_than_its_content_length_is_retried_then_fails(servers, hits):
    with pytest.raises(FetchError, match="failed after 2 attempts: connection error"):
        client(servers).get_json("declares-more")
    assert hits == ["/api/declares-more"] * 2


@pytest.mark.parametrize("path", ["escapes", "escape-redirect"])
def test_messages_quoting_the_server_carry_no_escape_sequences(servers, path):
    with pytest.raises(FetchError) as failure:
        client(servers).get_json(path)
    assert "[2J" in str(failure.value) and not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", str(failure.value))


def test_json_nested_too_deeply_is_a_malformed_answer(servers):
    with pytest.raises(MalformedResponse, match="malformed JSON: nested too deeply"):
        client(servers).get_json("deep")


def test_a_body_shorter_than_its_content_length_on_an_open_line_times_out(servers, hits):
    started = time.monotonic()
    with pytest.raises(FetchError, match="failed after 2 attempts: timeout"):
        client(servers).get_json("declares-more-and-waits")
    assert time.monotonic() - started < 2.5 and len(hits) == 2


@pytest.mark.parametrize("path", ["ok.json", "gzip-small", "raw-deflate-small", "chunked-small"])
def test_ordinary_answers_still_decode(servers, path):
    assert client(servers, max_bytes=1000).get_json(path) == {"ok": True}


# --- redirects -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["redirect/relative", "redirect/absolute", "redirect/chain"])
def test_redirects_within_the_host_are_followed(servers, path):
    assert client(servers).get_json(path) == {"ok": True}


@pytest.mark.parametrize("path", ["redirect/other-host", "redirect/other-port", "redirect/other-scheme",
                                  "redirect/chain-out"])
def test_redirects_elsewhere_fail_and_are_not_followed(servers, path, hits):
    with pytest.raises(FetchError, match=r"was redirected to \S+: redirects are followed only within the "
                                         r"configured http://127\.0\.0\.1:\d+; check the API address"):
        client(servers).get_json(path)
    assert "/api/ok.json" not in hits  # neither server was asked for the target


def test_a_redirect_loop_fails(servers):
    with pytest.raises(FetchError, match="more than 5 redirects"):
        client(servers).get_json("redirect/loop")


def test_a_redirect_without_location_fails(servers):
    with pytest.raises(FetchError, match="answered HTTP 302 without a Location"):
        client(servers).get_json("redirect/nowhere")
