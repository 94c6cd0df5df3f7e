"""Where Lähellä.fi activities come from: the only place that knows URLs, paging and auth.

Lähellä.fi documents no public read API. The one known interface is the organisations' admin
("hallinta") API, described from the reverse-engineered `lahella-cli` (see docs/importers.md):

    GET  /v1/activities?limit=100&skip=0&total=true&links[groups]=true&text=[&groups[0]=<id>]
         → {"items": [activity…], "total": 123, "hasMore": true}
    GET  /v1/activities/<key>?links[files]=true   → one activity
    POST /api/v1/auth/token {"grant_type": "refresh_token"} → {"status": "Success"} + new cookies

Two transports return the same thing, a `Fetched` (activities + organisations by id):

* `HallintaApiSource` pages through the list over HTTP with the shared client (timeouts,
  retries with backoff, Retry-After). Authentication comes from the environment: session
  cookies (`LAHELLA_COOKIES`, as copied from a logged-in browser) or a token
  (`LAHELLA_TOKEN`, sent as `Authorization: Bearer`). An answer 401 with cookies renews the
  session once through the refresh endpoint and repeats the request; a second 401 stops the run.
* `ExportFileSource` reads a JSON export of the same shape (one list answer, a list of them, or
  a plain list of activities), for an operator who receives exports instead of API access.

Organisations: with `links[groups]=true` the answer is expected to carry the linked group
objects; their shape is not documented, so `collect_groups` accepts them as `links.groups`,
`groups` or `linked.groups` (a list or an object keyed by id) or embedded as the activity's
`group`. A group gives a name (`name`, `traits.name` or `translations.<lang>.name`), a business
id and a web address when present.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from importers.common.errors import FetchError, ImportFailure, MalformedResponse, NotFound
from importers.common.http import HttpClient, RetryPolicy

from .settings import LahellaSettings

ProgressHook = Callable[[str, int, "int | None"], None]
MAX_PAGES = 10_000
MAX_REFRESHES = 3


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


@dataclass
class Fetched:
    """Activities in the order received (duplicate keys dropped) and organisations by id."""

    activities: list[dict[str, Any]] = field(default_factory=list)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    total: int | None = None
    """The `total` the server announced, when it did."""
    duplicate_keys: list[str] = field(default_factory=list)
    """Keys that arrived more than once (paging over a changing list)."""
    gone: list[str] = field(default_factory=list)
    """Keys whose detail request answered 404 (removed while the run was paging)."""
    keyless: list[dict[str, Any]] = field(default_factory=list)
    """Activities without a `_key` (reported as invalid, never written)."""
    _keys: set[str] = field(default_factory=set, repr=False)

    def add(self, item: Any, where: str) -> None:
        if not isinstance(item, dict):
            raise MalformedResponse(f"{where}: an activity is not a JSON object")
        key = item.get("_key")
        if key is None or isinstance(key, (dict, list, bool)) or str(key).strip() == "":
            self.keyless.append(item)
            return
        key = str(key).strip()
        if key in self._keys:
            self.duplicate_keys.append(key)
            return
        self._keys.add(key)
        self.activities.append(item)
        group = item.get("group")
        if isinstance(group, dict) and group.get("_key") is not None:
            self.groups.setdefault(str(group["_key"]), group)


def collect_groups(data: Any) -> dict[str, dict[str, Any]]:
    """Organisation objects linked into a list answer (see the module docstring)."""
    found: dict[str, dict[str, Any]] = {}
    if not isinstance(data, dict):
        return found
    candidates = []
    for container in (data.get("links"), data.get("linked"), data.get("_links")):
        if isinstance(container, dict):
            candidates.append(container.get("groups"))
    candidates.append(data.get("groups"))
    for value in candidates:
        if isinstance(value, dict):
            for key, group in value.items():
                if isinstance(group, dict):
                    found.setdefault(str(group.get("_key", key)), group)
        elif isinstance(value, list):
            for group in value:
                if isinstance(group, dict) and group.get("_key") is not None:
                    found.setdefault(str(group["_key"]), group)
    return found


class LahellaTransport(Protocol):
    """How activities reach the importer (the admin API or an export file): every activity the
    configured access can see. The importer itself is a `Source` of the shared pipeline
    (importer.py `LahellaImport`); this is only its transport."""

    description: str

    def fetch(self) -> Fetched: ...


# --- the admin API ------------------------------------------------------------------------------

def _parse_cookies(text: str) -> dict[str, str]:
    """`AUTH_TOKEN=a; REFRESH_TOKEN=b` (a browser's Cookie header) → {name: value}."""
    cookies: dict[str, str] = {}
    for part in text.split(";"):
        if "=" in part:
            name, value = part.split("=", 1)
            if name.strip():
                cookies[name.strip()] = value.strip()
    return cookies


class HallintaApiSource:
    """The Lähellä.fi admin API over HTTP (see the module docstring)."""

    def __init__(self, http: HttpClient, settings: LahellaSettings, *, cookies: dict[str, str] | None = None,
                 token: str | None = None, progress: ProgressHook = _noop):
        self.http = http
        self.settings = settings
        self.progress = progress
        self.cookies = dict(cookies or {})
        self.token = token
        self.refreshes = 0
        parts = urlsplit(http.base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.http.session.headers["Origin"] = self.origin
        if token:
            self.http.session.headers["Authorization"] = f"Bearer {token}"
        self._send_cookies()
        self.description = http.base_url

    def _send_cookies(self) -> None:
        if self.cookies:
            self.http.session.headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in sorted(self.cookies.items()))
        else:
            self.http.session.headers.pop("Cookie", None)

    # --- authentication ---

    def _refresh(self) -> None:
        """Renew the session with the refresh token; raise ImportFailure when that is impossible."""
        if not any("REFRESH_TOKEN" in name for name in self.cookies):
            if self.token:
                raise ImportFailure("Lähellä.fi refused the token (HTTP 401); renew it in "
                                    f"${self.settings.token_env}. Nothing was changed.")
            raise ImportFailure(
                "Lähellä.fi answered 401 Unauthorized: the admin API needs a logged-in organisation "
                f"account's session cookies in ${self.settings.cookies_env} (AUTH_TOKEN=…; REFRESH_TOKEN=…) "
                f"or a token in ${self.settings.token_env}; see docs/importers.md. Nothing was changed."
            )
        if self.refreshes >= MAX_REFRESHES:
            raise ImportFailure("Lähellä.fi keeps answering 401 after renewing the session; log in again "
                                f"and update ${self.settings.cookies_env}. Nothing was changed.")
        self.refreshes += 1
        url = self.http.url(self.settings.refresh_path)
        try:
            response, content = self.http.post_once(
                url, json_body={"grant_type": "refresh_token"},
                headers={"Origin": self.origin, "Referer": self.origin + "/", "Content-Type": "application/json"},
            )
        except FetchError as exc:
            raise FetchError(f"{exc} (session refresh)", url=url) from None
        status_text = ""
        try:
            body = json.loads(content.decode("utf-8-sig"))
            status_text = str(body.get("status", "")) if isinstance(body, dict) else ""
        except ValueError:
            body = None
        if response.status_code != 200 or status_text.lower() not in ("success", ""):
            raise ImportFailure(
                f"Lähellä.fi session refresh failed (HTTP {response.status_code} {status_text}): the refresh "
                f"token has expired; log in again and update ${self.settings.cookies_env}. Nothing was changed."
            )
        renewed = {cookie.name: cookie.value for cookie in response.cookies}
        if not renewed:
            raise ImportFailure("Lähellä.fi session refresh answered without new cookies; log in again "
                                f"and update ${self.settings.cookies_env}. Nothing was changed.")
        self.cookies.update(renewed)
        self._send_cookies()

    def _get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        while True:
            try:
                return self.http.get_json(path, params)
            except FetchError as exc:
                if exc.status == 401:
                    self._refresh()
                    continue
                if exc.status == 403:
                    raise ImportFailure(
                        f"{exc} — the account may not read these activities (403 Forbidden). Nothing was changed."
                    ) from None
                raise

    # --- paging ---

    def _pages(self, params: dict[str, Any], stage: str, fetched: Fetched) -> None:
        skip, page = 0, 0
        limit = self.settings.page_size
        while True:
            page += 1
            if page > MAX_PAGES:
                raise MalformedResponse(f"GET {self.settings.activities_path}: more than {MAX_PAGES} pages")
            query = {**params, "skip": skip}
            data = self._get(self.settings.activities_path, query)
            where = f"GET {self.http.url(self.settings.activities_path, query)}"
            if not isinstance(data, dict) or not isinstance(data.get("items"), list):
                raise MalformedResponse(f"{where}: expected {{items: [...], hasMore}}", url=where)
            items = data["items"]
            total = data.get("total")
            if skip == 0 and isinstance(total, int) and not isinstance(total, bool):
                fetched.total = (fetched.total or 0) + total
            for key, group in collect_groups(data).items():
                fetched.groups.setdefault(key, group)
            for item in items:
                fetched.add(item, where)
            self.progress(stage, skip + len(items), total if isinstance(total, int) else None)
            has_more = data.get("hasMore")
            if not isinstance(has_more, bool):
                # Without hasMore, a full page means "maybe more".
                has_more = len(items) >= limit and bool(items)
            if not has_more:
                return
            if not items:
                raise MalformedResponse(f"{where}: hasMore is true but the page is empty", url=where)
            skip += len(items)

    def fetch(self) -> Fetched:
        fetched = Fetched()
        base = {"limit": self.settings.page_size, "total": "true", "links[groups]": "true", "text": "",
                **self.settings.list_params}
        if self.settings.groups:
            for group in self.settings.groups:
                self._pages({**base, "groups[0]": group}, f"activities of {group}", fetched)
        else:
            self._pages(base, "activities", fetched)
        if self.settings.fetch_details:
            detailed = []
            for index, item in enumerate(fetched.activities):
                key = str(item["_key"]).strip()
                self.progress("activity details", index + 1, len(fetched.activities))
                try:
                    data = self._get(f"{self.settings.activities_path}/{key}", {"links[files]": "true"})
                except NotFound:
                    fetched.gone.append(key)
                    continue
                if not isinstance(data, dict) or str(data.get("_key", key)).strip() != key:
                    raise MalformedResponse(f"GET {self.settings.activities_path}/{key}: not that activity")
                detailed.append(data)
            fetched.activities = detailed
        return fetched


# --- an export file ------------------------------------------------------------------------------

class ExportFileSource:
    """A JSON export of the same shape as the API's list answers."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.description = str(path)

    def fetch(self) -> Fetched:
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise ImportFailure(f"cannot read the export file {self.path}: {exc.strerror or exc}") from None
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MalformedResponse(f"{self.path} is not valid JSON ({exc}); a truncated export? Nothing was changed.") from None
        fetched = Fetched()
        for envelope in _envelopes(data, str(self.path)):
            for key, group in collect_groups(envelope).items():
                fetched.groups.setdefault(key, group)
            for item in envelope["items"]:
                fetched.add(item, str(self.path))
        return fetched


def _envelopes(data: Any, where: str) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        yield data
        return
    if isinstance(data, dict) and isinstance(data.get("_key"), (str, int)):
        yield {"items": [data]}
        return
    if isinstance(data, list):
        if all(isinstance(x, dict) and isinstance(x.get("items"), list) for x in data) and data:
            yield from data
            return
        if all(isinstance(x, dict) for x in data):
            yield {"items": data}
            return
    raise MalformedResponse(f"{where}: expected a list answer {{items: [...]}}, a list of them, or a list of activities")


def make_source(settings: LahellaSettings, *, root: Path, file: Path | None = None, base_url: str | None = None,
                sleep: Callable[[float], None] | None = None, timeout: float | None = None,
                on_retry: Callable[[str, str, float], None] | None = None,
                progress: ProgressHook = _noop, environ: dict[str, str] | None = None) -> LahellaTransport:
    """The transport the settings (or `--file`) ask for."""
    env = os.environ if environ is None else environ
    if file is not None or settings.transport == "file":
        path = file or (root / settings.export_file if settings.export_file else None)
        if path is None:
            raise ImportFailure("lahella.transport is \"file\" but no export_file is set and no --file given")
        return ExportFileSource(path)
    kwargs: dict[str, Any] = {}
    if sleep is not None:
        kwargs["sleep"] = sleep
    seconds = timeout or settings.timeout
    http = HttpClient(
        base_url or settings.effective_base_url(),
        timeout=(min(10.0, seconds), seconds),
        retry=RetryPolicy(attempts=settings.retries, backoff=settings.backoff, max_backoff=120.0),
        on_retry=on_retry,
        deadline=settings.request_deadline,
        max_bytes=settings.max_response_bytes,
        **kwargs,
    )
    cookies = _parse_cookies(env.get(settings.cookies_env, ""))
    token = env.get(settings.token_env, "").strip() or None
    return HallintaApiSource(http, settings, cookies=cookies, token=token, progress=progress)


__all__ = ["Fetched", "LahellaTransport", "HallintaApiSource", "ExportFileSource", "make_source", "collect_groups"]
