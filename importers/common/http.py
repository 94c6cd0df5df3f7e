"""A small JSON-over-HTTP client for importers: timeouts, retries with exponential backoff.

Retried: timeouts, connection errors, truncated bodies, malformed JSON, HTTP 5xx and 429 (the
`Retry-After` header is honoured, in seconds or as an HTTP date). Not retried: other 4xx; a 404
raises `NotFound` so callers can treat a vanished entity as such. After the last attempt the
client raises `FetchError` with the URL and the reason: the importer then stops without
writing anything.

Every request has an overall deadline (`deadline`: connection, headers, body and redirects
together) and the decoded body a size cap (`max_bytes`, body.py); past either the request fails
at once, without retries. Redirects are followed only within the base URL's
scheme, host and port (at most `MAX_REDIRECTS`); a redirect elsewhere fails with a clear message,
so no data from another server is used.

`sleep` is injectable, so tests run the whole retry logic without waiting.
"""

from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import requests

from .body import ReadFailed, read_body
from .errors import FetchError, MalformedResponse, NotFound
from .interrupts import RequestDeadline, request_deadline
from .text import without_control_characters

log = logging.getLogger(__name__)

USER_AGENT = "Tarjotin-importer/1.0 (+https://github.com/tarjotin)"

#: Defaults of `HttpClient(deadline=, max_bytes=)`; the importers pass their settings.
DEFAULT_DEADLINE = 60.0
DEFAULT_MAX_BYTES = 32_000_000
MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
#: How much of an error page is read for the message.
ERROR_BODY_BYTES = 4096


@dataclass
class RetryPolicy:
    """How often and how patiently to retry."""

    attempts: int = 5
    """Total attempts per request, the first included."""
    backoff: float = 1.0
    """Wait before the 2nd attempt in seconds; doubles for each further attempt."""
    max_backoff: float = 60.0
    """Upper limit of one backoff wait."""
    max_retry_after: float = 300.0
    """Longest `Retry-After` we agree to wait; a longer one fails the request at once."""

    def delay(self, attempt: int) -> float:
        """Backoff before attempt number `attempt + 1` (attempt counts from 1)."""
        return min(self.backoff * (2 ** (attempt - 1)), self.max_backoff)


@dataclass
class HttpStats:
    """Counters for the run report."""

    requests: int = 0
    retries: int = 0
    waited_seconds: float = 0.0
    retry_reasons: dict[str, int] = field(default_factory=dict)


class HttpClient:
    """GET JSON from one API base URL with retries. One `requests.Session` per client."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float | tuple[float, float] = (10.0, 60.0),
        retry: RetryPolicy | None = None,
        headers: Mapping[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
        on_retry: Callable[[str, str, float], None] | None = None,
        deadline: float | None = DEFAULT_DEADLINE,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = timeout
        self.deadline = deadline
        """Seconds one request may take in all (None: no limit beyond `timeout`)."""
        self.max_bytes = max_bytes
        """Largest decoded answer accepted, in bytes."""
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.session = session or requests.Session()
        # Only the encodings body.py decodes (requests would also offer br and zstd if installed).
        self.session.headers.update({"Accept": "application/json", "User-Agent": USER_AGENT,
                                     "Accept-Encoding": "gzip, deflate"})
        if headers:
            self.session.headers.update(headers)
        self.stats = HttpStats()
        self.on_retry = on_retry

    def url(self, path: str, params: Mapping[str, Any] | None = None) -> str:
        """Absolute URL of `path` (relative to the base URL) with query parameters."""
        url = urljoin(self.base_url, path.lstrip("/"))
        if params:
            clean = {k: _param(v) for k, v in params.items() if v is not None}
            url += "?" + urlencode(clean, safe=",:")
        return url

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET and decode JSON; raise NotFound on 404 and FetchError when all attempts fail."""
        url = self.url(path, params)
        attempt = 0
        while True:
            attempt += 1
            self.stats.requests += 1
            reason, wait = self._attempt(url)
            if reason is None:
                return wait  # the decoded JSON
            if isinstance(reason, FetchError):
                raise reason
            if attempt >= self.retry.attempts:
                kind = MalformedResponse if reason.startswith("malformed JSON") else FetchError
                raise kind(
                    f"GET {url} failed after {attempt} attempts: {reason}", url=url
                )
            delay = self.retry.delay(attempt) if wait is None else float(wait)
            self.stats.retries += 1
            self.stats.waited_seconds += delay
            key = reason.split(":", 1)[0]
            self.stats.retry_reasons[key] = self.stats.retry_reasons.get(key, 0) + 1
            log.info("retrying %s in %.1f s (%s)", url, delay, reason)
            if self.on_retry:
                self.on_retry(url, reason, delay)
            self.sleep(delay)

    def _attempt(self, url: str) -> tuple[Any, Any]:
        """One request (redirects within the host included). Returns (None, data) on success,
        (reason, wait or None) to retry, (FetchError, None) to fail at once."""
        deadline = time.monotonic() + self.deadline if self.deadline else None
        try:
            with request_deadline(deadline):
                return self._exchange(url, deadline)
        except RequestDeadline:
            # Not retried: a server still sending after this long (a drip) would do it again.
            return FetchError(f"GET {url}: no complete answer within the request deadline of {self.deadline:g} s "
                              "(request_deadline); the server sends too slowly", url=url), None

    def _exchange(self, url: str, deadline: float | None) -> tuple[Any, Any]:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                response = self.session.get(current, timeout=self.timeout, stream=True, allow_redirects=False)
            except requests.Timeout as exc:
                return f"timeout: {exc.__class__.__name__}", None
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                return f"connection error: {_short(exc)}", None
            except requests.RequestException as exc:
                return FetchError(f"GET {url} failed: {_short(exc)}", url=url), None
            try:
                if response.status_code in REDIRECT_STATUSES:
                    target = self._redirect_target(url, current, response)
                    if isinstance(target, FetchError):
                        return target, None
                    current = target
                    continue
                return self._answer(url, response, deadline)
            finally:
                response.close()
        return FetchError(f"GET {url}: more than {MAX_REDIRECTS} redirects; last to {current}", url=url), None

    def _redirect_target(self, url: str, current: str, response: requests.Response) -> str | FetchError:
        """Where a redirect points, or why it is refused: only the configured scheme, host and port."""
        location = response.headers.get("Location", "").strip()
        if not location:
            return FetchError(f"GET {url} answered HTTP {response.status_code} without a Location", url=url,
                              status=response.status_code)
        target = without_control_characters(urljoin(current, location))
        if _origin(target) != _origin(self.base_url):
            base = urlsplit(self.base_url)
            return FetchError(
                f"GET {url} was redirected to {target}: redirects are followed only within the configured "
                f"{base.scheme}://{base.netloc}; check the API address (base_url)", url=url,
                status=response.status_code)
        return target

    def _answer(self, url: str, response: requests.Response, deadline: float | None) -> tuple[Any, Any]:
        status = response.status_code
        if status == 404:
            return NotFound(f"GET {url} answered 404 Not Found", url=url, status=404), None
        if status == 429 or (status >= 500 and status != 501):  # 501 Not Implemented is permanent
            wait = None
            if status == 429 or "Retry-After" in response.headers:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                if wait is not None and wait > self.retry.max_retry_after:
                    return FetchError(
                        f"GET {url} answered {status} asking to retry after {wait:.0f} s, "
                        f"longer than the allowed {self.retry.max_retry_after:.0f} s",
                        url=url, status=status,
                    ), None
            return f"HTTP {status}", wait
        if status >= 300 or status < 200:  # 4xx, and 3xx that are not redirects (304, 300)
            try:
                body = read_body(response, url, ERROR_BODY_BYTES, deadline, truncate=True)
            except (FetchError, ReadFailed):
                body = b""
            text = without_control_characters(body.decode("utf-8", "replace")[:200]).strip()
            return FetchError(f"GET {url} answered HTTP {status}: {text}", url=url, status=status), None
        try:
            content = read_body(response, url, self.max_bytes, deadline)
        except ReadFailed as exc:
            return str(exc), None
        except FetchError as exc:
            return exc, None
        try:
            return None, json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return f"malformed JSON: {exc} ({len(content)} bytes)", None
        except RecursionError:
            return f"malformed JSON: nested too deeply ({len(content)} bytes)", None

    def post_once(self, url: str, *, json_body: Any, headers: Mapping[str, str]) -> tuple[requests.Response, bytes]:
        """POST once (no retries, no redirects: a 3xx is answered as it is) within the request
        deadline; the response and its body (at most `ERROR_BODY_BYTES * 16`). FetchError when
        the server cannot be reached or the body cannot be read."""
        deadline = time.monotonic() + self.deadline if self.deadline else None
        self.stats.requests += 1
        try:
            with request_deadline(deadline):
                response = self.session.post(url, json=json_body, timeout=self.timeout, headers=dict(headers),
                                             stream=True, allow_redirects=False)
                try:
                    return response, read_body(response, url, ERROR_BODY_BYTES * 16, deadline)
                finally:
                    response.close()
        except RequestDeadline:
            raise FetchError(f"POST {url}: no complete answer within the request deadline of {self.deadline:g} s",
                             url=url) from None
        except (requests.RequestException, ReadFailed) as exc:
            raise FetchError(f"POST {url} failed: {_short(exc)}", url=url) from None

    def close(self) -> None:
        self.session.close()


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port filled in."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is None:
        port = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:200] + "…"


__all__ = ["HttpClient", "RetryPolicy", "HttpStats", "FetchError", "MalformedResponse", "NotFound",
           "retry_after_seconds"]
