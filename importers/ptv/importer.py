"""One PTV import run: fetch → classify → normalise → validate → write (or nothing at all).

The API version is the adapter's business (api.py, v12.py): both hand over v11-shaped objects.
Full run (default, weekly at least): every service of the configured municipalities (plus
nationwide ones and extra areas), plus services offered at service locations in the area; the
record directory afterwards holds exactly the relevant ones. Incremental run (`since`): only
services changed after `since`, services connected to changed channels we show, and archived
or withdrawn services; untouched records stay as they are. Connection changes do not bump
PTV's `modified`, so incremental runs complement full runs, never replace them.

Any fetch failure, malformed answer or removal-guard hit raises `ImportFailure` before the
writer touches the directory; the report is written either way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from importers.common.errors import ImportFailure, NotFound
from importers.common.report import ImportReport
from importers.common.run import RetryLog, Run, http_stats, import_records, run_time
from importers.common.run import RunOptions as CommonRunOptions
from tarjotin.config import TrayConfig
from tarjotin.model import Record

from .api import PtvApi, make_api
from .normalize import Context, Outcome, businesses_only, matching_rule, normalise_service
from .normalize import SKIP_BUSINESS, SKIP_RELEVANCE, SKIP_TYPE
from .settings import PtvSettings


@dataclass
class RunOptions(CommonRunOptions):
    """The shared options (importers/common/run.py) plus PTV's own."""

    since: datetime | None = None
    """Incremental run: only what changed after this moment (UTC). None = full run."""
    api_key: str | None = None
    """The v12 API key instead of the environment's (offline replays pass a placeholder)."""
    api_version: str | None = None
    """Use this API version instead of `ptv.api_version` (a replay of a recording of that version)."""


def _listed(area_services: dict[str, dict[str, Any]], service: dict[str, Any]) -> None:
    area_services.setdefault(str(service["id"]).lower(), service)


def run_import(config: TrayConfig, settings: PtvSettings, options: RunOptions | None = None,
               api: PtvApi | None = None) -> ImportReport:
    """Run one import. Returns the report; raises ImportFailure (after writing the report) on failure."""
    options = options or RunOptions()
    now = run_time(options.now)
    full = options.since is None
    report = ImportReport(source="ptv", mode="full" if full else "incremental", started=now,
                          dry_run=options.dry_run)
    if options.since is not None:
        report.since = options.since.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    if options.api_version and options.api_version != settings.api_version:
        settings = settings.model_copy(update={"api_version": options.api_version, "base_url": None})
    retries = RetryLog(options.log)
    if api is None:
        if options.base_url:
            settings = settings.model_copy(update={"base_url": options.base_url})
        api = make_api(settings, sleep=options.sleep, timeout=options.timeout, on_retry=retries,
                       progress=lambda stage, done, total: options.progress.update(stage, done, total),
                       api_key=options.api_key)
        report.base_url = api.http.base_url if hasattr(api, "http") else ""
    if options.base_url:
        report.base_url = options.base_url
    elif not report.base_url:
        report.base_url = settings.effective_base_url()
    import_records(PtvSource(api), config, settings, options, report, full=full, retries=retries)
    if not options.dry_run:
        _write_state(options.root / settings.state_path, now, report.mode)
    return report


def _prefilter(service: dict[str, Any], settings: PtvSettings) -> str | None:
    """Skip reasons that need no channel data (saves fetching channels of irrelevant services)."""
    if settings.service_types and str(service.get("type") or "Service") not in settings.service_types:
        return SKIP_TYPE
    if businesses_only(service, settings):
        return SKIP_BUSINESS
    if matching_rule(service, settings) is None:
        return SKIP_RELEVANCE
    return None


class PtvSource:
    """PTV on the shared pipeline (importers.common.run.Source): the area's services, their
    channels and organisations are fetched first, then each service becomes a record."""

    name = "ptv"

    def __init__(self, api: PtvApi):
        self.api = api
        self.candidates: dict[str, dict[str, Any]] = {}
        self.listed: dict[str, set[str]] = {}  # service id → municipalities whose listing returned it
        self.removals: set[str] = set()
        self.ctx: Context | None = None

    def http_stats(self, retries: RetryLog) -> dict[str, Any] | None:
        return http_stats(self.api, retries)

    def fetch(self, run: Run[PtvSettings]) -> list[tuple[str, str]]:
        api, settings, options, report = self.api, run.settings, run.options, run.report
        api.years = (run.today.year, run.today.year + 1)
        area_codes = settings.area_codes(run.config)
        existing = run.existing
        services: dict[str, dict[str, Any]] = {}
        listed = self.listed
        channel_cache: dict[str, dict[str, Any] | None] = {}
        removals = self.removals

        if run.full:
            for index, code in enumerate(area_codes):
                # Nationwide services are the same for every municipality: ask for them once.
                for service in api.area_services("Municipality", code,
                                                 include_nationwide=settings.include_nationwide and index == 0):
                    _listed(services, service)
                    listed.setdefault(str(service["id"]).lower(), set()).add(code)
            for area in settings.extra_areas:
                for service in api.area_services(area.type, area.code, include_nationwide=False):
                    _listed(services, service)
                    listed.setdefault(str(service["id"]).lower(), set()).update(area_codes)
            if settings.locations_in_area:
                located: set[str] = set()
                for code in area_codes:
                    try:
                        for channel in api.area_channels("Municipality", code):
                            channel_id = str(channel["id"]).lower()
                            channel_cache[channel_id] = channel
                            if str(channel.get("serviceChannelType") or "").lower() == "servicelocation":
                                located.update(_connected_service_ids(channel))
                    except NotFound:
                        report.warn("", "endpoint_unavailable",
                                    f"ServiceChannel/list/area/Municipality/code/{code} answered 404; "
                                    "services found only through their locations may be missing")
                        break
                extra_ids = sorted(located - set(services))
                if extra_ids:
                    for service_id, service in api.services(extra_ids).items():
                        if service is not None:
                            services[service_id] = service
        else:
            assert options.since is not None
            changed = set(api.service_ids(since=options.since))
            for status in ("Archived", "Withdrawn"):
                removals.update(api.service_ids(since=options.since, status=status))
            changed_channels = api.channel_ids(since=options.since)
            for channel_id, channel in api.channels(changed_channels).items():
                channel_cache[channel_id] = channel
                if channel is None:
                    continue
                for service_id in _connected_service_ids(channel):
                    if f"ptv-{service_id}" in existing or _channel_in_area(channel, area_codes):
                        changed.add(service_id)
            fetched = api.services(sorted(changed - removals))
            for service_id, service in fetched.items():
                if service is None:
                    removals.add(service_id)  # 404: archived or deleted since the id list was made
                else:
                    services[service_id] = service

        report.fetched = len(services)
        # Classification that needs no channels first; then fetch channels for the rest only.
        candidates = self.candidates
        for service_id in sorted(services):
            service = services[service_id]
            if service.get("unreadable"):  # an adapter could not convert it (v12)
                report.fail_item(f"ptv-{service_id}", f"could not be read ({service['unreadable']}); "
                                                      "please report it as an importer bug")
                continue
            reason = _prefilter(service, settings)
            if reason:
                report.skip(f"ptv-{service_id}", reason, _name(service))
            else:
                candidates[service_id] = service
        api.complete(candidates)
        channel_ids = sorted({cid for s in candidates.values() for cid in _channel_ids(s)} - set(channel_cache))
        channel_cache.update(api.channels(channel_ids))
        org_ids = sorted({oid for s in candidates.values() for oid in _organization_ids(s)})
        organizations = api.organizations(org_ids) if org_ids else {}

        self.ctx = Context(config=run.config, settings=settings, channels=channel_cache, organizations=organizations,
                           today=run.today, area_codes=tuple(area_codes))
        for service_id in [i for i in sorted(candidates) if candidates[i].get("unreadable")]:
            report.fail_item(f"ptv-{service_id}", f"could not be read ({candidates.pop(service_id)['unreadable']}); "
                                                  "please report it as an importer bug")
        return [(f"ptv-{service_id}", service_id) for service_id in sorted(candidates)]

    def normalise(self, service_id: str, run: Run[PtvSettings]) -> Outcome:
        assert self.ctx is not None
        # Incremental runs see no area listing: a service already on the tray stays "in the area"
        # unless its data says otherwise (the weekly full run re-checks every area).
        in_area = service_id in self.listed or (not run.full and f"ptv-{service_id}" in run.existing)
        return normalise_service(self.candidates[service_id], self.ctx, listed_in_area=in_area,
                                 listed_codes=self.listed.get(service_id, ()))

    def finish(self, run: Run[PtvSettings], results: list[tuple[Record, Any]]) -> list[Record]:
        for kind, message in self.api.notes:
            run.report.warn("", kind, message)
        if not run.full:
            # Changed services that no longer qualify leave the tray, as do archived ones.
            self.removals.update(item["id"].removeprefix("ptv-") for item in run.report.skipped)
        run.remove = {f"ptv-{i}" for i in self.removals}
        return [record for record, _ in results]


def _name(service: dict[str, Any]) -> str:
    for item in service.get("serviceNames") or []:
        if isinstance(item, dict) and item.get("language") == "fi" and item.get("value"):
            return str(item["value"])
    for item in service.get("serviceNames") or []:
        if isinstance(item, dict) and item.get("value"):
            return str(item["value"])
    return ""


def _channel_ids(service: dict[str, Any]) -> set[str]:
    ids = set()
    for connection in service.get("serviceChannels") or []:
        if isinstance(connection, dict) and isinstance(connection.get("serviceChannel"), dict):
            channel_id = connection["serviceChannel"].get("id")
            if channel_id:
                ids.add(str(channel_id).lower())
    return ids


def _organization_ids(service: dict[str, Any]) -> set[str]:
    ids = set()
    for link in service.get("organizations") or []:
        if isinstance(link, dict) and isinstance(link.get("organization"), dict) and link["organization"].get("id"):
            ids.add(str(link["organization"]["id"]).lower())
    return ids


def _connected_service_ids(channel: dict[str, Any]) -> set[str]:
    ids = set()
    for connection in channel.get("services") or []:
        if isinstance(connection, dict) and isinstance(connection.get("service"), dict) and connection["service"].get("id"):
            ids.add(str(connection["service"]["id"]).lower())
    return ids


def _channel_in_area(channel: dict[str, Any], area_codes: list[str]) -> bool:
    for address in channel.get("addresses") or []:
        for key in ("streetAddress", "otherAddress"):
            part = address.get(key) if isinstance(address, dict) else None
            if isinstance(part, dict) and isinstance(part.get("municipality"), dict):
                code = str(part["municipality"].get("code") or "").zfill(3)
                if code in area_codes:
                    return True
    return False


def _write_state(path: Path, started: datetime, mode: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"last_success": started.isoformat().replace("+00:00", "Z"), "mode": mode}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def read_last_success(path: Path) -> datetime:
    """The start time of the last successful run (for `--since last`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return datetime.fromisoformat(data["last_success"].replace("Z", "+00:00"))
    except FileNotFoundError:
        raise ImportFailure(f"--since last: no earlier successful run recorded in {path}; run a full import first") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ImportFailure(f"--since last: {path} is unreadable ({exc}); run a full import") from None
