"""The PTV v12 search API adapter (https://api-gw.palvelutietovaranto.suomi.fi/api/v12/).

It answers the importer's `PtvApi` questions with v12 requests and hands back v11-shaped
objects (`v12_shape.py`), so normalisation and the records are the same for both versions:

* every call sends `x-api-key` (the HTTP client's header; the key is never in a URL, a log or
  a message); 401/403 fail the run with a message about the key;
* searches answer full objects in pages (`page`, `pageSize` ≤ 100, `totalPages`); a
  municipality is `areaType=LimitedArea&municipalities=NNN`, nationwide services are the
  `WholeCountry` and `WholeCountryExceptAland` searches;
* services do not embed their channels: `complete()` fetches the connections (`connection/search`,
  at most 20 `serviceContentIds` per call) and the general-description texts of the services
  that passed the first classification; channels get their connections the same way by
  `channelContentIds`;
* incremental runs: `publishedAtOrAfter` (minus `ptv.since_overlap_hours`) on the service,
  channel and connection searches, removals from `service/archived?archivedAtOrAfter=`;
* names v12 leaves out (post offices, municipalities, ontology terms, the municipalities of a
  region or county) come from the reference lists, asked by at most 20 codes at a time and kept
  for the run. A reference list that answers 404 is noted in the report and left out.

Array parameters are sent repeated (`municipalities=091&municipalities=092`), as the v12
specification describes. Retries (429 with `Retry-After`, 5xx, timeouts, truncated JSON) are
the HTTP client's, as for v11.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

from importers.common.errors import FetchError, ImportFailure, MalformedResponse, NotFound
from importers.common.http import HttpClient

from . import v12_shape as shape
from .api import MAX_PAGES, ProgressHook, PtvApi, _noop
from .api import _unavailable as refused
from .settings import PtvSettings

#: Values per array parameter the v12 API accepts (serviceContentIds, codes, uris …).
MAX_ARRAY = 20

#: Importer area types → the v12 search parameter for them.
AREA_PARAMETERS = {"Municipality": ("municipalities", 3), "Region": ("regions", 2),
                   "WellbeingServiceCounties": ("wellbeingServicesCounties", 2)}

Params = list[tuple[str, Any]]


def v12_datetime(value: datetime) -> str:
    """v12's DateTime parameter: ISO 8601 in UTC with a `Z`."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _chunks(items: list[str], size: int = MAX_ARRAY) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class V12Api(PtvApi):
    """The v12 search API (API key, search pages, separate connections, reference lists)."""

    version = "v12"

    def __init__(self, http: HttpClient, settings: PtvSettings, progress: ProgressHook = _noop):
        self.http = http
        self.settings = settings
        self.progress = progress
        self.notes: list[tuple[str, str]] = []
        """Report warnings of the adapter itself (kind, message), e.g. a missing reference list."""
        year = datetime.now(timezone.utc).year
        self.years = (year, year + 1)
        self._services: dict[str, dict[str, Any]] = {}  # raw v12 services seen in searches
        self._channels: dict[str, dict[str, Any]] = {}  # raw v12 channels seen in searches
        self._general: dict[str, dict[str, Any] | None] = {}
        self._references: dict[str, dict[str, dict[str, Any]]] = {}
        self._unknown_references: dict[str, set[str]] = {}
        self._unavailable: set[str] = set()
        self._found_in: dict[str, set[str]] = {}  # channel id → municipality searches that found it
        self._whole: set[str] = set()  # reference lists read completely
        self._area_searches: dict[tuple[str, str], list[dict[str, Any]]] = {}

    # --- requests -----------------------------------------------------------------------------

    def _get(self, path: str, params: Params = ()) -> Any:  # type: ignore[assignment]
        query = urlencode([(k, v) for k, v in params if v is not None], safe=":")
        try:
            return self.http.get_json(f"{path}?{query}" if query else path)
        except FetchError as exc:
            if exc.status in (401, 403):
                raise ImportFailure(
                    f"PTV v12 refused the request with HTTP {exc.status} ({exc.url.split('?')[0]}): the API key in "
                    f"${self.settings.api_key_env} is missing, wrong or not valid for this address") from None
            raise

    def _pages(self, path: str, params: Params, stage: str, *, id_keys: tuple[str, ...] = ("contentId",),
               bare_list: bool = False) -> Iterator[dict[str, Any]]:
        """Every item of a paged v12 list, page after page until `totalPages`. With `bare_list`
        (reference lists) a plain JSON array is taken as the whole list."""
        page, total = 1, None
        size = self.settings.page_size
        while total is None or page <= total:
            data = self._get(path, [*params, ("page", page), ("pageSize", size)])
            if bare_list and isinstance(data, list):
                data = {"items": data, "totalPages": 1}
            if not isinstance(data, dict) or not isinstance(data.get("items"), list) or "totalPages" not in data:
                raise MalformedResponse(f"GET {self.http.url(path)} page {page}: expected a page object with "
                                        "items and totalPages", url=path)
            try:
                total = int(data["totalPages"] or 0)
            except (TypeError, ValueError):
                raise MalformedResponse(f"GET {path} page {page}: totalPages is not a number", url=path) from None
            if total > MAX_PAGES:
                raise MalformedResponse(f"GET {path}: implausible totalPages {total}", url=path)
            self.progress(stage, page, total)
            for item in data["items"]:
                if not id_keys and not isinstance(item, dict):
                    continue  # a reference list's odd entry only loses its name
                if not isinstance(item, dict) or (id_keys and not any(shape.content_id(item, k) for k in id_keys)):
                    raise MalformedResponse(f"GET {path} page {page}: an item without {' or '.join(id_keys)}", url=path)
                yield item
            page += 1

    def _by_id(self, path: str, item_id: str) -> dict[str, Any] | None:
        """`<path>/<contentId>`; None when it answers 404 (`reason` NotPublished or Unknown)."""
        try:
            data = self._get(f"{path}/{item_id}")
        except NotFound:
            return None
        if not isinstance(data, dict) or not shape.content_id(data):
            raise MalformedResponse(f"GET {path}/{item_id}: expected an object with a contentId", url=path)
        return data

    def _since(self, since: datetime) -> str:
        return v12_datetime(since - timedelta(hours=self.settings.since_overlap_hours))

    # --- reference lists -------------------------------------------------------------------------

    def reference(self, path: str, keys: Iterable[str], *, param: str = "codes",
                  key_field: str = "code") -> dict[str, dict[str, Any]]:
        """Items of a reference list by code (or URI), asked 20 at a time and kept for the run.
        A server that ignores the filter and sends the whole list fills the cache at once."""
        cache = self._references.setdefault(path, {})
        unknown = self._unknown_references.setdefault(path, set())
        wanted = sorted({k for k in keys if k} - set(cache) - unknown)
        while wanted and path not in self._unavailable:
            batch = wanted[:MAX_ARRAY]
            try:
                self._read_reference(path, [(param, k) for k in batch], key_field)
                if len(batch) > 1:
                    # Codes missing from the answer are asked one by one (a server that reads only
                    # one value of a repeated parameter still gives every name).
                    for key in [k for k in batch if k not in cache]:
                        self._read_reference(path, [(param, key)], key_field)
            except FetchError as exc:
                if not refused(exc):
                    raise
                self._unavailable.add(path)
                self.notes.append(("reference_unavailable",
                                   f"{path} answered {exc.status}; the names it gives (post offices, municipalities, "
                                   "ontology terms or area members) are left out"))
                break
            unknown.update(k for k in batch if k not in cache)
            wanted = [k for k in wanted if k not in cache and k not in unknown]
        return {k: cache[k] for k in keys if k in cache}

    def _read_reference(self, path: str, params: Params, key_field: str) -> None:
        cache = self._references.setdefault(path, {})
        for item in self._pages(path, params, f"{path}: page", id_keys=(), bare_list=True):
            key = item.get(key_field)
            if isinstance(key, str) and key.strip():
                cache[key.strip()] = item

    def whole_reference(self, path: str) -> list[dict[str, Any]]:
        """A short reference list (regions, counties) read completely, once per run."""
        cache = self._references.setdefault(path, {})
        if path not in self._whole and path not in self._unavailable:
            self._whole.add(path)
            try:
                for item in self._pages(path, [], f"{path}: page", id_keys=(), bare_list=True):
                    if isinstance(item.get("code"), str) and item["code"].strip():
                        cache[item["code"].strip()] = item
            except FetchError as exc:
                if not refused(exc):
                    raise
                self._unavailable.add(path)
                self.notes.append(("reference_unavailable", f"{path} answered {exc.status}; services whose "
                                                            "area is a region or county may be missing"))
        return list(cache.values())

    def _containing(self, code: str) -> list[tuple[str, str]]:
        """(search parameter, code) of the regions and counties that contain a municipality."""
        found = []
        for path, name in (("region-codes", "regions"), ("wellbeing-services-county-codes", "wellbeingServicesCounties")):
            for item in self.whole_reference(path):
                members = {str(m).zfill(3) for m in item.get("municipalities") or [] if str(m).isdigit()}
                if code in members:
                    found.append((name, str(item["code"]).strip().zfill(2)))
        return sorted(found)

    def _names(self, path: str, keys: Iterable[str], **kwargs: Any) -> dict[str, dict[str, str]]:
        return {key: {lang: text for lang, text in (item.get("name") or {}).items()
                      if isinstance(text, str) and text.strip()}
                for key, item in self.reference(path, keys, **kwargs).items() if isinstance(item.get("name"), dict)}

    def _needs_ontology_names(self) -> bool:
        """Names are needed only when the configuration names ontology terms instead of URIs."""
        settings = self.settings
        entries = [t for rule in settings.relevance for t in rule.ontology_terms] + list(settings.themes.ontology_terms)
        return any(not entry.strip().lower().startswith(("http://", "https://")) for entry in entries)

    def _lookups(self, services: Iterable[Mapping[str, Any]] = (), channels: Iterable[Mapping[str, Any]] = ()
                 ) -> shape.Lookups:
        services, channels = list(services), list(channels)
        regions: set[str] = set()
        counties: set[str] = set()
        for item in services + channels:
            _, item_regions, item_counties = shape.area_codes(item)
            regions |= item_regions
            counties |= item_counties
        members: dict[str, list[str]] = {}
        for prefix, path, codes in (("region", "region-codes", regions),
                                    ("county", "wellbeing-services-county-codes", counties)):
            for code, item in self.reference(path, sorted(codes)).items():
                members[f"{prefix}:{code.zfill(2)}"] = sorted(
                    str(m).zfill(3) for m in item.get("municipalities") or [] if str(m).isdigit())
        locations = [c for c in channels if str(c.get("serviceChannelType") or "").lower() == "servicelocation"]
        placed = {shape.content_id(c): code for c in locations
                  if (code := shape.location_municipality(c, self._found_in.get(shape.content_id(c), ())))}
        ontology: dict[str, dict[str, str]] = {}
        if self._needs_ontology_names():
            uris = sorted({u for s in services for u in shape.ontology_uris(s)})
            ontology = self._names("ontology-terms", uris, param="uris", key_field="uri")
        return shape.Lookups(
            postal_names=self._names("postal-codes", sorted({p for c in locations for p in shape.postal_codes(c)})),
            municipality_names=self._names("municipality-codes", sorted(set(placed.values()))),
            ontology_names=ontology,
            area_municipalities=members,
            location_municipalities=placed,
        )

    # --- conversion --------------------------------------------------------------------------

    def _v11_services(self, raws: list[dict[str, Any]]) -> list[dict[str, Any]]:
        lookups = self._lookups(services=raws)
        return [self._converted(shape.service, raw, lookups) for raw in raws]

    def _converted(self, convert: Any, raw: dict[str, Any], *args: Any) -> dict[str, Any]:
        """`convert(raw, …)`; a service v12 sent in a shape nobody expected becomes a stub with
        `unreadable` set, so the importer reports that one service (and keeps its previous
        record) instead of the whole run failing."""
        try:
            return convert(raw, *args)
        except Exception as exc:  # noqa: BLE001 - one odd object must not stop the run
            return {"id": shape.content_id(raw), "serviceNames": [], "unreadable": f"{exc.__class__.__name__}: {exc}"}

    def _channel(self, raw: dict[str, Any], lookups: shape.Lookups, connections: Any) -> dict[str, Any] | None:
        try:
            return shape.channel(raw, lookups, connections, self.years)
        except Exception as exc:  # noqa: BLE001 - an unreadable channel is left out like a missing one
            self.notes.append(("unreadable_channel", f"channel {shape.content_id(raw)} could not be read "
                                                     f"({exc.__class__.__name__}: {exc}); left out"))
            return None

    def _connections(self, key: str, ids: list[str], stage: str) -> dict[str, list[dict[str, Any]]]:
        """Connections by `serviceContentIds` or `channelContentIds`, 20 ids per search."""
        fields = ("serviceContentId",) if key == "serviceContentIds" else ("channelContentId", "serviceChannelContentId")
        found: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}

        def ask(batch: list[str]) -> None:
            seen = set()
            for item in self._pages("connection/search", [(key, i) for i in batch], stage,
                                    id_keys=("serviceContentId", "channelContentId", "serviceChannelContentId")):
                owner = shape.content_id(item, *fields)
                pair = (shape.content_id(item, "serviceContentId"),
                        shape.content_id(item, "channelContentId", "serviceChannelContentId"))
                if owner in batch and pair not in seen:
                    seen.add(pair)
                    found[owner].append(item)

        for batch in _chunks(sorted(set(ids))):
            ask(batch)
            if len(batch) > 1:
                # Ids without any connection in the answer are asked one by one: rare (a service
                # or channel nearly always has one), and right even with a server that reads only
                # one value of a repeated parameter.
                for item_id in [i for i in batch if not found[i]]:
                    ask([item_id])
        return found

    def _v11_channels(self, raws: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        ids = [shape.content_id(raw) for raw in raws]
        connections = self._connections("channelContentIds", ids, "channel connections: page")
        lookups = self._lookups(channels=raws)
        converted = {shape.content_id(raw): self._channel(raw, lookups, connections.get(shape.content_id(raw), ()))
                     for raw in raws}
        return {channel_id: channel for channel_id, channel in converted.items() if channel is not None}

    # --- lists ----------------------------------------------------------------------------------

    def _area(self, area_type: str, code: str) -> Params:
        if area_type not in AREA_PARAMETERS:
            raise ImportFailure(f"ptv.extra_areas: PTV v12 cannot search by area type {area_type}; "
                                f"use one of {sorted(AREA_PARAMETERS)}")
        name, width = AREA_PARAMETERS[area_type]
        return [("areaType", "LimitedArea"), (name, code.zfill(width))]

    def area_services(self, area_type: str, code: str, *, include_nationwide: bool) -> Iterator[dict[str, Any]]:
        """The area's services. For a municipality also those of the regions and wellbeing
        services counties around it (as v11's municipality listing includes them; whether a v12
        municipality search does is not documented)."""
        searches = [self._area(area_type, code)]
        if area_type == "Municipality":
            searches += [[("areaType", "LimitedArea"), around] for around in self._containing(code.zfill(3))]
        if include_nationwide:
            searches += [[("areaType", "WholeCountry")], [("areaType", "WholeCountryExceptAland")]]
        seen: set[str] = set()
        for params in searches:
            raws = [raw for raw in self._search(params, wider=params != searches[0]) if shape.content_id(raw) not in seen]
            seen.update(shape.content_id(raw) for raw in raws)
            yield from self._v11_services(raws)

    def _search(self, params: Params, *, wider: bool) -> list[dict[str, Any]]:
        """One service search, kept for the run. Results are checked against the search: a
        nationwide search gives nationwide services, a region or county search services of that
        region or county, whatever a server sends. A region or county search the server refuses
        (400, 404, 501) is noted and left out."""
        key = (params[0][1], params[-1][0] + "=" + str(params[-1][1]))
        if key in self._area_searches:
            return self._area_searches[key]
        raws = []
        name, value = params[-1]
        try:
            for raw in self._pages("service/search", params, f"services {value}: page"):
                self._services[shape.content_id(raw)] = raw
                area = raw.get("area") if isinstance(raw.get("area"), dict) else {}
                if name == "areaType" and area.get("areaType") not in ("WholeCountry", "WholeCountryExceptAland"):
                    continue
                if name in ("regions", "wellbeingServicesCounties") and value not in [
                        str(c).zfill(2) for c in area.get(name) or [] if isinstance(c, (str, int))]:
                    continue
                raws.append(raw)
        except FetchError as exc:
            if not (wider and name != "areaType" and refused(exc)):
                raise
            self.notes.append(("endpoint_unavailable", f"service/search by {name}={value} was refused "
                                                       f"({exc.status}); services of that area may be missing"))
        self._area_searches[key] = raws
        return raws

    def area_channels(self, area_type: str, code: str) -> Iterator[dict[str, Any]]:
        raws = []
        for raw in self._pages("service-channel/search", [*self._area(area_type, code), ("channelTypes", "ServiceLocation")],
                               f"channels {code}: page"):
            self._channels[shape.content_id(raw)] = raw
            if area_type == "Municipality":
                self._found_in.setdefault(shape.content_id(raw), set()).add(code.zfill(3))
            raws.append(raw)
        for channel in self._v11_channels(raws).values():
            if channel.get("id"):
                yield channel

    def service_ids(self, *, since: datetime | None = None, status: str = "Published") -> list[str]:
        if status == "Archived":
            if since is None:
                return []
            items = self._pages("service/archived", [("archivedAtOrAfter", self._since(since))], "archived services: page")
            return sorted({shape.content_id(item) for item in items})
        if status != "Published":
            return []  # v12 lists no withdrawn content: it is simply not published (404 by id)
        params: Params = [("publishedAtOrAfter", self._since(since))] if since is not None else []
        ids = set()
        for raw in self._pages("service/search", params, "changed services: page"):
            self._services[shape.content_id(raw)] = raw
            ids.add(shape.content_id(raw))
        return sorted(ids)

    def channel_ids(self, *, since: datetime | None = None) -> list[str]:
        """Changed channels, and the channels of changed connections (a connection-only edit
        need not move the service's `publishedAt`)."""
        params: Params = [("publishedAtOrAfter", self._since(since))] if since is not None else []
        ids = set()
        for raw in self._pages("service-channel/search", params, "changed channels: page"):
            self._channels[shape.content_id(raw)] = raw
            ids.add(shape.content_id(raw))
        if since is not None:
            for item in self._pages("connection/search", params, "changed connections: page",
                                    id_keys=("channelContentId", "serviceChannelContentId")):
                ids.add(shape.content_id(item, "channelContentId", "serviceChannelContentId"))
        return sorted(ids)

    # --- by id ----------------------------------------------------------------------------------

    def services(self, ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        wanted = sorted({i.lower() for i in ids if i})
        raws: dict[str, dict[str, Any] | None] = {}
        for index, service_id in enumerate(wanted):
            self.progress("services", index + 1, len(wanted))
            raws[service_id] = self._services.get(service_id) or self._by_id("service", service_id)
        converted = dict(zip([i for i, r in raws.items() if r], self._v11_services([r for r in raws.values() if r])))
        return {service_id: converted.get(service_id) for service_id in wanted}

    def channels(self, ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        wanted = sorted({i.lower() for i in ids if i})
        raws: dict[str, dict[str, Any]] = {}
        for index, channel_id in enumerate(wanted):
            self.progress("channels", index + 1, len(wanted))
            raw = self._channels.get(channel_id) or self._by_id("service-channel", channel_id)
            if raw is not None:
                raws[channel_id] = raw
        converted = self._v11_channels(list(raws.values()))
        return {channel_id: converted.get(channel_id) for channel_id in wanted}

    def organizations(self, ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        wanted = sorted({i.lower() for i in ids if i})
        result: dict[str, dict[str, Any] | None] = {}
        for index, org_id in enumerate(wanted):
            self.progress("organisations", index + 1, len(wanted))
            raw = self._by_id("organization", org_id)
            result[org_id] = self._converted(shape.organization, raw) if raw is not None else None
        return result

    def complete(self, services: Mapping[str, dict[str, Any]]) -> None:
        """Connections (connection-level hours and contacts) and general-description texts."""
        ids = sorted(services)
        connections = self._connections("serviceContentIds", ids, "service connections: page")
        for service_id in ids:
            service = services[service_id]
            try:
                service["serviceChannels"] = [shape.connection(c, self.years) for c in connections.get(service_id, [])]
            except Exception as exc:  # noqa: BLE001 - reported by the importer as this service's problem
                service["unreadable"] = f"its connections: {exc.__class__.__name__}: {exc}"
                continue
            gd_id = service.get("generalDescriptionId")
            if self.settings.general_descriptions and gd_id:
                if gd_id not in self._general:
                    self._general[gd_id] = self._by_id("general-description", gd_id)
                general = self._general[gd_id]
                if general is not None:
                    service["serviceDescriptions"] = [*(service.get("serviceDescriptions") or []),
                                                      *shape.general_description_texts(general)]
