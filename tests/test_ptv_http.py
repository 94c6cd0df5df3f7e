"""The shared HTTP client against a real local server with injected faults."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from importers.common.errors import FetchError, MalformedResponse, NotFound
from importers.common.http import HttpClient, RetryPolicy, retry_after_seconds
from importers.common.replay import Fault, ReplayServer


@pytest.fixture()
def server(tmp_path):
    (tmp_path / "Service").mkdir()
    (tmp_path / "Service" / "abc.json").write_text(json.dumps({"id": "abc", "name": "Uimahalli"}), encoding="utf-8")
    (tmp_path / "Service" / "def.json").write_text(json.dumps({"id": "def"}), encoding="utf-8")
    (tmp_path / "Service@page=1.json").write_text(json.dumps({"pageCount": 1, "itemList": []}), encoding="utf-8")
    with ReplayServer(tmp_path) as srv:
        yield srv


@pytest.fixture()
def sleeps():
    return []


@pytest.fixture()
def client(server, sleeps):
    return HttpClient(server.base_url, timeout=(0.5, 0.3), retry=RetryPolicy(attempts=4, backoff=1.0),
                      sleep=sleeps.append)


def test_plain_get_and_query(client, server):
    assert client.get_json("Service/abc") == {"id": "abc", "name": "Uimahalli"}
    assert client.get_json("Service", {"page": 1}) == {"pageCount": 1, "itemList": []}
    assert server.requests == ["Service/abc", "Service@page=1"]


def test_no_authorization_header_is_sent(client, server):
    # A malformed bearer makes v11 answer 500: v11 reads are sent without any auth header.
    assert "Authorization" not in client.session.headers


def test_500_then_success_with_exponential_backoff(client, server, sleeps):
    server.inject("Service/abc", Fault(status=500), Fault(status=502), Fault(status=503))
    assert client.get_json("Service/abc")["id"] == "abc"
    assert sleeps == [1.0, 2.0, 4.0]
    assert client.stats.retries == 3 and client.stats.requests == 4


def test_gives_up_after_the_last_attempt(client, server, sleeps):
    server.inject("Service/abc", Fault(status=500), persistent=True)
    with pytest.raises(FetchError, match="failed after 4 attempts: HTTP 500"):
        client.get_json("Service/abc")
    assert len(sleeps) == 3


def test_timeout_is_retried(client, server, sleeps):
    server.inject("Service/abc", Fault(delay=0.6))
    assert client.get_json("Service/abc")["id"] == "abc"
    assert sleeps == [1.0]
    assert client.stats.retry_reasons == {"timeout": 1}


def test_connection_drop_is_retried(client, server, sleeps):
    server.inject("Service/abc", Fault(drop=True))
    assert client.get_json("Service/abc")["id"] == "abc"
    assert client.stats.retry_reasons == {"connection error": 1}


def test_429_honours_retry_after(client, server, sleeps):
    server.inject("Service/abc", Fault(status=429, headers={"Retry-After": "7"}), Fault(status=429))
    assert client.get_json("Service/abc")["id"] == "abc"
    assert sleeps == [7.0, 2.0]  # header honoured; without one, the backoff


def test_too_long_retry_after_fails_fast(client, server, sleeps):
    server.inject("Service/abc", Fault(status=503, headers={"Retry-After": "3600"}))
    with pytest.raises(FetchError, match="retry after 3600 s"):
        client.get_json("Service/abc")
    assert sleeps == []


def test_truncated_json_is_retried_then_fails(client, server, sleeps):
    server.inject("Service/abc", Fault(truncate=True))
    assert client.get_json("Service/abc")["id"] == "abc"
    server.inject("Service/def", Fault(truncate=True), persistent=True)
    with pytest.raises(MalformedResponse, match="malformed JSON"):
        client.get_json("Service/def")


def test_404_is_not_retried(client, sleeps):
    with pytest.raises(NotFound):
        client.get_json("Service/nothing")
    assert sleeps == []


def test_other_4xx_fail_at_once(client, server, sleeps):
    server.inject("Service/abc", Fault(status=400, body={"id": ["Guid should contain 32 digits"]}))
    with pytest.raises(FetchError, match="HTTP 400"):
        client.get_json("Service/abc")
    assert sleeps == []


def test_connection_refused(sleeps):
    client = HttpClient("http://127.0.0.1:9/api/v11/", timeout=0.2, retry=RetryPolicy(attempts=2), sleep=sleeps.append)
    with pytest.raises(FetchError, match="connection error"):
        client.get_json("Service")
    assert sleeps == [1.0]


def test_retry_after_parsing():
    now = datetime(2026, 11, 23, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("5") == 5.0
    assert retry_after_seconds("Mon, 23 Nov 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Mon, 23 Nov 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_replay_lists_by_id(server, client):
    items = client.get_json("Service/list", {"guids": "abc,missing,def"})
    assert [item["id"] for item in items] == ["abc", "def"]
