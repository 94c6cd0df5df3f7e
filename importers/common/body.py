"""Read an HTTP answer's body within a size cap and a deadline, decoding gzip and deflate.

`requests` would read (and decompress) a whole body into memory, however big: a 1 MB gzip
answer that unpacks to 1 GiB took an importer to 2 GB. Here the raw stream is read in small
pieces and decompressed with a bounded output per step, so memory stays near the cap:

* a declared `Content-Length` above the cap fails before anything is read;
* the raw (compressed) and the decoded bytes are both counted; past the cap the read stops
  and the request fails for good (`FetchError`: a retry would get the same answer);
* between pieces the request's deadline is checked, so a server that drips one byte at a time
  cannot keep a request open longer than its deadline (in the main thread the timer of
  `interrupts.request_deadline` also interrupts a read that is waiting);
* a body that ends early (connection closed, shorter than its `Content-Length`, gzip stream
  cut off) raises `ReadFailed`, which the client retries like a dropped connection.
"""

from __future__ import annotations

import http.client
import time
import zlib

import requests
import urllib3

from .errors import FetchError
from .interrupts import RequestDeadline

#: Bytes asked of the socket per read, and the most one decompression step may produce.
PIECE = 64 * 1024


class ReadFailed(Exception):
    """The body could not be read completely (worth a retry); the message is the reason."""


class _Decoder:
    """Content-Encoding `identity`, `gzip` (several members too) or `deflate` (zlib or raw)."""

    def __init__(self, encoding: str, url: str):
        name = encoding.strip().lower()
        if name in ("", "identity"):
            self.wbits: int | None = None
        elif name in ("gzip", "x-gzip"):
            self.wbits = 16 + zlib.MAX_WBITS
        elif name == "deflate":
            self.wbits = zlib.MAX_WBITS
        else:
            raise FetchError(f"GET {url}: unsupported Content-Encoding {encoding!r}", url=url)
        self.deflate = name == "deflate"
        self.started = False
        self._z = zlib.decompressobj(self.wbits) if self.wbits is not None else None

    def decode(self, data: bytes, limit: int) -> list[bytes]:
        """Decoded pieces of `data`, stopping once more than `limit` bytes came out."""
        if self._z is None:
            return [data]
        out: list[bytes] = []
        produced = 0
        while data and produced <= limit:
            try:
                piece = self._z.decompress(data, min(PIECE, limit - produced + 1))
            except zlib.error:
                if self.deflate and not self.started:  # "deflate" sent without the zlib header
                    self.deflate = False
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise ReadFailed("connection error: corrupt compressed body") from None
            self.started = True
            out.append(piece)
            produced += len(piece)
            data = self._z.unconsumed_tail
            if self._z.eof:
                data = self._z.unused_data
                if data and self.wbits == 16 + zlib.MAX_WBITS:  # another gzip member follows
                    self._z = zlib.decompressobj(self.wbits)
                else:
                    data = b""  # trailing bytes after the stream are ignored
        return out

    def finish(self) -> bytes:
        if self._z is None:
            return b""
        if not self._z.eof:
            raise ReadFailed("connection error: the compressed body ends early")
        return self._z.flush()


def read_body(response: requests.Response, url: str, cap: int, deadline: float | None, *,
              truncate: bool = False) -> bytes:
    """The decoded body of a `stream=True` response, at most `cap` bytes. Past the cap:
    FetchError (or, with `truncate`, the first `cap` bytes, for error pages)."""
    def too_big(what: str) -> FetchError:
        return FetchError(f"GET {url}: the answer is larger than the allowed {_size(cap)} ({what}); "
                          "raise max_response_mb if it is genuine", url=url)

    declared = response.headers.get("Content-Length", "").strip()
    decoder = _Decoder(response.headers.get("Content-Encoding", ""), url)
    if not truncate and declared.isdigit() and int(declared) > cap:
        raise too_big(f"Content-Length {declared}")
    raw = response.raw
    read = getattr(raw, "read1", None) or raw.read
    body = bytearray()
    received = 0
    while True:
        if deadline is not None and time.monotonic() > deadline:
            raise RequestDeadline()
        try:
            data = read(PIECE, decode_content=False)
        except urllib3.exceptions.ReadTimeoutError:
            raise ReadFailed("timeout: ReadTimeout") from None
        except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as exc:
            raise ReadFailed(f"connection error: {exc.__class__.__name__}: the body ends early") from None
        if not data:
            break
        received += len(data)
        for piece in decoder.decode(data, cap - len(body)):
            body += piece
        if len(body) > cap or received > cap:
            if truncate:
                return bytes(body[:cap])
            raise too_big("decoded size" if len(body) > cap else "transferred size")
    body += decoder.finish()
    if len(body) > cap and not truncate:
        raise too_big("decoded size")
    return bytes(body[:cap])


def _size(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB" if limit >= 100_000 else f"{limit} bytes"
