"""PTV Open API adapters: the only place that knows URLs, paging and API versions.

The importer talks to `PtvApi`; `V11Api` implements it for the anonymous v11 Open API and
`V12Api` (v12.py) for the v12 search API with its key. Whatever the version, an adapter returns
services, channels and organisations **in the v11 JSON shape** (documented in `normalize.py`
and docs/importers.md), so normalisation never changes when the API does. `make_api` picks the
adapter named by `ptv.api_version`.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

from importers.common.errors import FetchError, ImportFailure, MalformedResponse, NotFound
from importers.common.http import HttpClient, RetryPolicy

from .settings import PtvSettings

#: Hook for progress: (stage, done, total).
ProgressHook = Callable[[str, int, "int | None"], None]

MAX_PAGES = 10_000


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


class PtvApi(ABC):
    """What the importer needs from PTV. Every method returns v11-shaped JSON objects."""

    version: str
    notes: Sequence[tuple[str, str]] = ()
    """Warnings of the adapter itself for the run report: (kind, message); v11 has none."""
    years: tuple[int, ...] = ()
    """Years in which named holidays (v12 `holidayServiceHours`) become dated exceptions; the
    importer sets its `today`'s year and the next."""

    @abstractmethod
    def area_services(self, area_type: str, code: str, *, include_nationwide: bool) -> Iterator[dict[str, Any]]:
        """Full services whose area covers the given area (all pages)."""

    @abstractmethod
    def area_channels(self, area_type: str, code: str) -> Iterator[dict[str, Any]]:
        """Full service channels of the given area (all pages)."""

    @abstractmethod
    def service_ids(self, *, since: datetime | None = None, status: str = "Published") -> list[str]:
        """Ids of services with the status, modified after `since` when given."""

    @abstractmethod
    def channel_ids(self, *, since: datetime | None = None) -> list[str]:
        """Ids of published channels modified after `since` when given."""

    @abstractmethod
    def services(self, ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        """Full services by id; None for ids the API does not know (archived, deleted)."""

    @abstractmethod
    def channels(self, ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        """Full channels by id; None for unknown ids."""

    @abstractmethod
    def organizations(self, ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        """Full organisations by id; None for unknown ids."""

    def complete(self, services: dict[str, dict[str, Any]]) -> None:
        """Add in place what the version keeps outside a service (v12: its connections and
        general-description texts) to the services that passed the first classification.
        v11 embeds both, so there is nothing to do."""
        return None


def ptv_datetime(value: datetime) -> str:
    """PTV's date parameter format: yyyy-MM-ddTHH:mm:ss in UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


class V11Api(PtvApi):
    """The anonymous v11 Open API (https://api.palvelutietovaranto.suomi.fi/api/v11/)."""

    version = "v11"

    def __init__(self, http: HttpClient, settings: PtvSettings, progress: ProgressHook = _noop):
        self.http = http
        self.settings = settings
        self.progress = progress
        # Set when an optional endpoint answers 404: the adapter then uses its fallback.
        self._unsupported: set[str] = set()

    # --- paging ---

    def _pages(self, path: str, params: dict[str, Any], stage: str) -> Iterator[dict[str, Any]]:
        page, page_count = 1, None
        while page_count is None or page <= page_count:
            data = self.http.get_json(path, {**params, "page": page})
            if (not isinstance(data, dict) or "itemList" not in data or "pageCount" not in data
                    or not isinstance(data["itemList"], (list, type(None)))):
                raise MalformedResponse(f"GET {self.http.url(path, {**params, 'page': page})}: "
                                        "expected a page object with itemList", url=path)
            items = data.get("itemList") or []
            try:
                page_count = int(data.get("pageCount") or 0)
            except (TypeError, ValueError):
                raise MalformedResponse(f"GET {path} page {page}: pageCount is not a number", url=path) from None
            if page_count > MAX_PAGES:
                raise MalformedResponse(f"GET {path}: implausible pageCount {page_count}", url=path)
            self.progress(stage, page, page_count)
            for item in items:
                if not isinstance(item, dict) or not item.get("id"):
                    raise MalformedResponse(f"GET {path} page {page}: an item without an id", url=path)
                yield item
            page += 1

    # --- lists ---

    def area_services(self, area_type: str, code: str, *, include_nationwide: bool) -> Iterator[dict[str, Any]]:
        params: dict[str, Any] = {"includeWholeCountry": include_nationwide}
        if self.settings.general_descriptions:
            params["serviceWithGD"] = True
        yield from self._pages(f"Service/list/area/{area_type}/code/{code}", params, f"services {area_type} {code}: page")

    def area_channels(self, area_type: str, code: str) -> Iterator[dict[str, Any]]:
        key = "ServiceChannel/list/area"
        if key in self._unsupported:
            return
        try:
            yield from self._pages(f"ServiceChannel/list/area/{area_type}/code/{code}",
                                   {"includeWholeCountry": False}, f"channels {area_type} {code}: page")
        except FetchError as exc:
            # Optional: without it we only miss services found through their locations.
            if _unavailable(exc):
                self._unsupported.add(key)
                raise NotFound(str(exc), url=exc.url, status=exc.status) from None
            raise

    def service_ids(self, *, since: datetime | None = None, status: str = "Published") -> list[str]:
        params: dict[str, Any] = {}
        if since is not None:
            params["date"] = ptv_datetime(since)
        if status != "Published":
            params["status"] = status
        return sorted({item["id"].lower() for item in self._pages("Service", params, f"{status.lower()} service ids: page")})

    def channel_ids(self, *, since: datetime | None = None) -> list[str]:
        params: dict[str, Any] = {}
        if since is not None:
            params["date"] = ptv_datetime(since)
        return sorted({item["id"].lower() for item in self._pages("ServiceChannel", params, "changed channel ids: page")})

    # --- by id ---

    def services(self, ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        if self.settings.general_descriptions:
            return self._by_ids(ids, "Service/serviceWithGD", fallback="Service", stage="services")
        return self._by_ids(ids, "Service", stage="services")

    def channels(self, ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        return self._by_ids(ids, "ServiceChannel", stage="channels")

    def organizations(self, ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        return self._by_ids(ids, "Organization", stage="organisations")

    def _by_ids(self, ids: Iterable[str], base: str, *, fallback: str | None = None,
                stage: str) -> dict[str, dict[str, Any] | None]:
        """`<base>/list?guids=` in batches; ids missing from an answer are asked one by one
        (`<base>/<id>`), and a 404 there means the entity is gone (None)."""
        wanted = sorted({i.lower() for i in ids if i})
        result: dict[str, dict[str, Any] | None] = {}
        size = self.settings.batch_size
        for start in range(0, len(wanted), size):
            batch = wanted[start:start + size]
            self.progress(stage, start + len(batch), len(wanted))
            items = self._list(base, batch, fallback)
            for item in items or []:
                if isinstance(item, dict) and item.get("id"):
                    item_id = str(item["id"]).lower()
                    if item_id in batch:
                        result[item_id] = item
            for item_id in batch:
                if item_id not in result:
                    result[item_id] = self._single(base, item_id, fallback)
        return result

    def _list(self, base: str, batch: list[str], fallback: str | None) -> list[Any] | None:
        for path in (base, fallback):
            if path is None or f"{path}/list" in self._unsupported:
                continue
            try:
                data = self.http.get_json(f"{path}/list", {"guids": ",".join(batch)})
            except FetchError as exc:
                # 404: the endpoint is missing (some proxies) or no id was found; 400/405/501: the
                # server does not offer it. Try the fallback path, then ask one by one.
                if _unavailable(exc):
                    continue
                raise
            if not isinstance(data, list):
                raise MalformedResponse(f"GET {path}/list: expected a JSON array", url=path)
            return data
        return None

    def _single(self, base: str, item_id: str, fallback: str | None) -> dict[str, Any] | None:
        for path in (base, fallback):
            if path is None:
                continue
            try:
                data = self.http.get_json(f"{path}/{item_id}")
            except FetchError as exc:
                if _unavailable(exc):
                    continue
                raise
            if not isinstance(data, dict):
                raise MalformedResponse(f"GET {path}/{item_id}: expected a JSON object", url=path)
            return data
        return None


def _unavailable(exc: FetchError) -> bool:
    """True for answers that mean "not here" (404) or "not offered by this server" (400/405/501),
    as opposed to failures worth stopping the run for."""
    return isinstance(exc, NotFound) or exc.status in (400, 405, 501)


def adapters() -> dict[str, type[PtvApi]]:
    """API version → adapter class (v12.py imports this module, hence the late import)."""
    from .v12 import V12Api

    return {"v11": V11Api, "v12": V12Api}


def __getattr__(name: str) -> Any:
    """`ADAPTERS` (version → adapter class), resolved late for the same reason as `adapters()`."""
    if name == "ADAPTERS":
        return adapters()
    raise AttributeError(name)


#: Versions whose API wants the key (`x-api-key`).
NEEDS_KEY = {"v12"}


def make_api(settings: PtvSettings, *, sleep: Callable[[float], None] | None = None,
             progress: ProgressHook = _noop, timeout: float | None = None,
             on_retry: Callable[[str, str, float], None] | None = None, api_key: str | None = None) -> PtvApi:
    """The adapter for `settings.api_version`, talking to `settings.effective_base_url()`.
    `api_key` replaces the environment's key (offline replays pass a placeholder)."""
    known = adapters()
    if settings.api_version not in known:
        raise ImportFailure(f"PTV API {settings.api_version} has no adapter; use one of {sorted(known)}")
    headers: dict[str, str] = {}
    if settings.api_version in NEEDS_KEY:
        key = (api_key if api_key is not None else os.environ.get(settings.api_key_env, "")).strip()
        if not key:
            raise ImportFailure(f"PTV {settings.api_version} needs an API key in the environment variable "
                                f"{settings.api_key_env} (see docs/importers.md, \"Getting a v12 API key\")")
        headers["x-api-key"] = key
    kwargs: dict[str, Any] = {}
    if sleep is not None:
        kwargs["sleep"] = sleep
    http = HttpClient(
        settings.effective_base_url(),
        timeout=(min(10.0, timeout or settings.timeout), timeout or settings.timeout),
        retry=RetryPolicy(attempts=settings.retries, backoff=settings.backoff, max_backoff=120.0),
        headers=headers,
        on_retry=on_retry,
        deadline=settings.request_deadline,
        max_bytes=settings.max_response_bytes,
        **kwargs,
    )
    return known[settings.api_version](http, settings, progress)


__all__ = ["PtvApi", "V11Api", "adapters", "make_api", "ptv_datetime", "FetchError", "NotFound"]
