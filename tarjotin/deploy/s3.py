"""S3 target: the build in an S3-compatible bucket (AWS S3, MinIO, Ceph, UpCloud, Hetzner …),
usually behind a CDN.

A deploy lists the bucket once and compares each object's ETag (the MD5 of its bytes for the
single-part uploads this target makes) with the file it would upload, so only what changed is
sent. Uploads go in three waves, each finished before the next starts: content-hashed files,
other assets, HTML. A page that is live therefore never names a file that is not there yet.

Objects that the new build no longer has stay for `grace_hours`: a CDN or a browser may still hold
an older HTML page for a few minutes (or a tab may stay open for hours) and that page needs its
hashed files. The time each key was first found stale is kept in a small state object,
`<prefix>.tarjotin/deploy-state.json`; a later deploy deletes the keys whose grace has passed.

Precompressed files: a CDN in front of S3 fetches one object per URL and does not look for a `.gz`
twin, so for every file that has one the gzip bytes are uploaded *as the object itself* with
`Content-Encoding: gzip` (every browser sends `Accept-Encoding: gzip`; the CDN passes the header
through), and the `.gz` twin is not uploaded. Files without a twin (HTML, CSS) go up as they are;
CDNs compress those on the fly.

Credentials come from the environment only (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN, else boto3's usual chain such as an instance role). boto3 is imported only here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import groupby
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator

from . import TARGETS, DeployError, DeployResult, SettingsModel, validate_settings
from .files import CACHE_IMMUTABLE, CACHE_SHORT, build_files, content_type, is_hashed, tree_digest, upload_rank

#: Key of the state object below the prefix (first-stale times, release id, page count).
STATE_KEY = ".tarjotin/deploy-state.json"


class S3Settings(SettingsModel):
    """`[deploy.s3]`."""

    bucket: str = Field(min_length=3)
    """Bucket name."""
    prefix: str = ""
    """Key prefix of the site inside the bucket (`""` for the bucket root, or e.g. `"tarjotin/"`)."""
    endpoint_url: str = ""
    """Address of an S3-compatible service (`https://s3.example.net`); empty means AWS S3."""
    region: str = ""
    """Region name; empty takes `AWS_REGION` / `AWS_DEFAULT_REGION` from the environment."""
    grace_hours: float = Field(default=48, ge=0)
    """How long objects of older builds stay after a deploy stops using them (pages still cached
    by the CDN or open in a browser keep working)."""
    workers: int = Field(default=8, ge=1, le=64)
    """Parallel uploads inside each wave (hashed files, other assets, HTML)."""
    cache_control_immutable: str = CACHE_IMMUTABLE
    """`Cache-Control` of content-hashed files."""
    cache_control_short: str = CACHE_SHORT
    """`Cache-Control` of every other file (HTML, favicon, robots.txt)."""

    @field_validator("prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        value = value.strip("/")
        return value + "/" if value else ""

    @field_validator("endpoint_url")
    @classmethod
    def _endpoint(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// (or http:// for a local server)")
        return value


@dataclass(frozen=True)
class _Upload:
    """One object to put: which build file, the bytes' path and the headers."""

    site_path: str
    source: Path
    content_type: str
    cache_control: str
    encoding: str | None
    md5: str


def _now() -> datetime:
    return datetime.now(UTC)


def make_client(settings: S3Settings, env: Mapping[str, str]):
    """A boto3 S3 client configured from the settings and the given environment."""
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(
        aws_access_key_id=env.get("AWS_ACCESS_KEY_ID") or None,
        aws_secret_access_key=env.get("AWS_SECRET_ACCESS_KEY") or None,
        aws_session_token=env.get("AWS_SESSION_TOKEN") or None,
        region_name=settings.region or env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or None,
    )
    config = Config(
        retries={"max_attempts": 5, "mode": "standard"},
        # Many S3-compatible services reject the newer default checksums (trailing CRC headers).
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
        s3={"addressing_style": "path"} if settings.endpoint_url else {},
        max_pool_connections=max(10, settings.workers),
    )
    return session.client("s3", endpoint_url=settings.endpoint_url or None, config=config)


class S3Target:
    """A site in a bucket under a key prefix."""

    name = "s3"

    def __init__(self, settings: S3Settings, client: Any, *, clock: Callable[[], datetime] = _now):
        self.settings = settings
        self.client = client
        self.clock = clock

    @property
    def _where(self) -> str:
        return f"s3: {self.settings.bucket}/{self.settings.prefix}"

    # --- the interface ---

    def deploy(self, build: Path, *, dry_run: bool = False) -> DeployResult:
        wanted = self._plan(build)
        if not wanted:
            raise DeployError(f"{self._where}: {build}: the build is empty; nothing deployed")
        prefix = self.settings.prefix
        live = self._list()
        state = self._state()
        changed = [u for key, u in wanted.items() if live.get(key) != u.md5]
        now = self.clock()
        grace = timedelta(hours=self.settings.grace_hours)
        stale: dict[str, str] = {}
        expired: list[str] = []
        for key in sorted(set(live) - set(wanted)):
            since = state.get("stale", {}).get(key) or now.isoformat()
            try:
                first_stale = datetime.fromisoformat(since)
            except (TypeError, ValueError):
                first_stale, since = now, now.isoformat()   # an edited state object: start the grace anew
            if now - first_stale >= grace:
                expired.append(key)
            else:
                stale[key] = since
        nothing = not changed and not expired and stale == state.get("stale", {})
        release = state.get("release") if nothing and state.get("release") else self._release_id(build, now)
        result = DeployResult(self.name, release, dry_run=dry_run,
                              uploaded=[u.site_path for u in sorted(changed, key=_order)],
                              deleted=[key[len(prefix):] for key in expired],
                              unchanged=len(wanted) - len(changed))
        if dry_run or nothing:
            return result
        self._put_in_waves(sorted(changed, key=_order))
        self._delete(expired)
        pages = sum(1 for u in wanted.values() if u.site_path.endswith("index.html"))
        self._put_state({"release": release, "deployed": now.isoformat(), "pages": pages, "stale": stale})
        return result

    def rollback(self) -> DeployResult:
        raise DeployError(
            f"{self._where}: a bucket keeps only the live release; to roll back, deploy the previous build "
            "again (check out the previous commit and run ./run.sh build-site --publish && ./run.sh deploy): "
            f"its hashed files are still there for grace_hours ({self.settings.grace_hours:g} h)")

    def live_page_count(self) -> int | None:
        return self._state().get("pages")

    # --- planning ---

    def _plan(self, build: Path) -> dict[str, _Upload]:
        """Key → what to upload, for every file of the build (a `.gz` twin replaces its original)."""
        files = build_files(build)
        present = set(files)
        wanted: dict[str, _Upload] = {}
        for rel in files:
            if rel.endswith(".gz") and rel[:-3] in present:
                continue  # uploaded as its original's bytes
            twin = rel + ".gz"
            source, encoding = (build / twin, "gzip") if twin in present else (build / rel, None)
            cache = (self.settings.cache_control_immutable if is_hashed(rel)
                     else self.settings.cache_control_short)
            wanted[self.settings.prefix + rel] = _Upload(
                rel, source, content_type(rel), cache, encoding, hashlib.md5(source.read_bytes()).hexdigest())
        return wanted

    def _release_id(self, build: Path, now: datetime) -> str:
        return f"{now.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}-{tree_digest(build)[:8]}"

    # --- S3 calls ---

    def _call(self, what: str, key: str, function, **kwargs):
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return function(Bucket=self.settings.bucket, **kwargs)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            raise DeployError(f"{self._where}{key}: {what}: "
                              f"{error.get('Code', '?')}: {error.get('Message', exc)}") from None
        except BotoCoreError as exc:
            raise DeployError(f"{self._where}{key}: {what}: {exc}") from None

    def _list(self) -> dict[str, str]:
        """Every object under the prefix (but the state object): key → ETag without quotes."""
        objects: dict[str, str] = {}
        token: dict[str, str] = {}
        while True:
            page = self._call("list", "", self.client.list_objects_v2, Prefix=self.settings.prefix, **token)
            for item in page.get("Contents", []):
                objects[item["Key"]] = item["ETag"].strip('"')
            if not page.get("IsTruncated"):
                break
            token = {"ContinuationToken": page["NextContinuationToken"]}
        objects.pop(self.settings.prefix + STATE_KEY, None)
        return objects

    def _state(self) -> dict:
        from botocore.exceptions import ClientError

        key = self.settings.prefix + STATE_KEY
        try:
            body = self.client.get_object(Bucket=self.settings.bucket, Key=key)["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NoSuchBucket"):
                return {}
            raise DeployError(f"{self._where}{STATE_KEY}: read: {exc}") from None
        try:
            state = json.loads(body)
        except ValueError:
            raise DeployError(f"{self._where}{STATE_KEY}: not valid JSON; delete it to start afresh") from None
        return state if isinstance(state, dict) else {}

    def _put(self, upload: _Upload) -> None:
        headers = {"ContentType": upload.content_type, "CacheControl": upload.cache_control}
        if upload.encoding:
            headers["ContentEncoding"] = upload.encoding
        self._call("upload", upload.site_path, self.client.put_object,
                   Key=self.settings.prefix + upload.site_path, Body=upload.source.read_bytes(), **headers)

    def _put_in_waves(self, uploads: list[_Upload]) -> None:
        with ThreadPoolExecutor(max_workers=self.settings.workers) as pool:
            for _, wave in groupby(uploads, key=lambda u: upload_rank(u.site_path)):
                list(pool.map(self._put, wave))  # the whole wave is up before the next starts

    def _delete(self, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):
            batch = keys[start:start + 1000]
            answer = self._call("delete", "", self.client.delete_objects,
                                Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True})
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise DeployError(f"{self._where}{first.get('Key', '')[len(self.settings.prefix):]}: delete: "
                                  f"{first.get('Code')}: {first.get('Message')} ({len(answer['Errors'])} failed)")

    def _put_state(self, state: dict) -> None:
        self._call("write state", STATE_KEY, self.client.put_object, Key=self.settings.prefix + STATE_KEY,
                   Body=json.dumps(state, sort_keys=True, indent=1).encode("utf-8"),
                   ContentType="application/json", CacheControl="no-store")


def _order(upload: _Upload) -> tuple[int, str]:
    return upload_rank(upload.site_path), upload.site_path


def _factory(settings: Mapping, config_dir: Path, env: Mapping[str, str]) -> S3Target:
    parsed = validate_settings(S3Settings, settings, "s3")
    try:
        client = make_client(parsed, env)
    except ImportError:
        raise DeployError("deploy.s3: boto3 is not installed; pip install -r requirements.txt") from None
    return S3Target(parsed, client)


TARGETS["s3"] = _factory
