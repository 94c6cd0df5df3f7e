"""The admin-API transport against a real local server: paging, authentication and session
refresh, faults (5xx, timeouts, truncated JSON, HTML instead of JSON), and the export file."""

from __future__ import annotations

import json

import pytest

from importers.common.errors import FetchError, ImportFailure, MalformedResponse
from importers.common.replay import Fault
from importers.lahella import builders as b
from importers.lahella.settings import BASE_URL_ENV
from importers.lahella.source import ExportFileSource, HallintaApiSource, collect_groups, make_source
from tests.lahella_support import GROUP, OTHER_GROUP, FakeLahella, groups, make_settings, world_activities


def many(count: int) -> list[dict]:
    return [b.activity(str(5000 + n), "hobby", {"fi": f"Kerho {n}"}, group_key=GROUP if n % 2 else OTHER_GROUP,
                       regions=["city/FI/Vantaa"]) for n in range(count)]


def source(api: FakeLahella, sleeps: list[float] | None = None, *, environ: dict[str, str] | None = None,
           timeout: float = 0.3, **changes):
    """The short default timeout is for the fault tests; tests that count requests pass a long one,
    or a retry after a timeout on a loaded machine would add a request."""
    settings = make_settings(**changes)
    return make_source(settings, root=None, base_url=api.base_url, sleep=(sleeps if sleeps is not None else []).append,
                       timeout=timeout, environ=environ or {})


def test_pages_until_has_more_is_false():
    with FakeLahella(many(7), groups()) as api:
        fetched = source(api, page_size=3, timeout=30).fetch()
    assert [a["_key"] for a in fetched.activities] == [str(5000 + n) for n in range(7)]
    assert fetched.total == 7 and sorted(fetched.groups) == [GROUP, OTHER_GROUP]
    lists = [r for r in api.requests if r.startswith("GET /v1/activities?")]
    assert len(lists) == 3
    assert all("limit=3" in r and "total=true" in r and "links%5Bgroups%5D=true" in r for r in lists)
    assert [r.split("skip=")[1].split("&")[0] for r in lists] == ["0", "3", "6"]


def test_lists_each_configured_organisation():
    with FakeLahella(many(6), groups()) as api:
        fetched = source(api, page_size=2, groups=[GROUP, OTHER_GROUP], timeout=30).fetch()
    assert len(fetched.activities) == 6 and fetched.total == 6
    assert sum("groups%5B0%5D=" + GROUP in r for r in api.requests) == 2


def test_groups_embedded_in_other_shapes():
    with FakeLahella(many(2), groups(), embed_groups="groups-by-key") as api:
        fetched = source(api).fetch()
    assert sorted(fetched.groups) == [GROUP, OTHER_GROUP]
    embedded = {"items": [{"_key": "1", "group": {"_key": "9", "name": "Seura ry"}}]}
    assert collect_groups({"linked": {"groups": [{"_key": "9"}]}}) == {"9": {"_key": "9"}}
    from importers.lahella.source import Fetched

    fetched = Fetched()
    fetched.add(embedded["items"][0], "test")
    assert fetched.groups == {"9": {"_key": "9", "name": "Seura ry"}}


def test_duplicate_keys_and_items_without_key_are_kept_aside():
    items = many(2) + [many(1)[0], {"traits": {"translations": {"fi": {"name": "Nimetön"}}}}]
    with FakeLahella(items, groups()) as api:
        fetched = source(api).fetch()
    assert len(fetched.activities) == 2 and fetched.duplicate_keys == ["5000"] and len(fetched.keyless) == 1


def test_401_renews_the_session_and_repeats_the_request():
    with FakeLahella(many(5), groups(), require_auth=True) as api:
        src = source(api, page_size=2, environ={"LAHELLA_COOKIES": "AUTH_TOKEN=auth-1; REFRESH_TOKEN=refresh-1; EXP_AUTH=1"})
        api.expire()
        fetched = src.fetch()
        assert len(fetched.activities) == 5
        assert api.refreshes == 1 and src.refreshes == 1
        posts = [h for r, h in zip(api.requests, api.headers) if r.startswith("POST")]
        assert len(posts) == 1 and posts[0]["Origin"] == api.base_url.rstrip("/")
        assert "REFRESH_TOKEN=refresh-1" in posts[0]["Cookie"] and posts[0].get("Referer")
        # After the refresh the new session cookie is sent, and the refresh cookie still is.
        last = api.headers[-1]["Cookie"]
        assert "AUTH_TOKEN=auth-2" in last and "REFRESH_TOKEN=refresh-1" in last and "EXP_AUTH=1" in last


def test_401_in_the_middle_of_paging():
    with FakeLahella(many(5), groups(), require_auth=True) as api:
        src = source(api, page_size=2, environ={"LAHELLA_COOKIES": "AUTH_TOKEN=auth-1; REFRESH_TOKEN=refresh-1"})
        original = src.http.get_json

        def expire_after_first_page(path, params=None):
            if params and params.get("skip") == 2 and api.refreshes == 0:
                api.expire()
            return original(path, params)

        src.http.get_json = expire_after_first_page
        assert len(src.fetch().activities) == 5 and api.refreshes == 1


def test_401_without_credentials_explains_what_is_needed():
    with FakeLahella(many(1), groups(), require_auth=True) as api:
        with pytest.raises(ImportFailure, match="LAHELLA_COOKIES.*LAHELLA_TOKEN"):
            source(api).fetch()
        assert not any(r.startswith("POST") for r in api.requests)


def test_expired_refresh_token_fails_cleanly():
    with FakeLahella(many(1), groups(), require_auth=True) as api:
        src = source(api, environ={"LAHELLA_COOKIES": "AUTH_TOKEN=old; REFRESH_TOKEN=stale"})
        with pytest.raises(ImportFailure, match="refresh token has expired"):
            src.fetch()


def test_refresh_that_does_not_help_stops_after_a_few_tries():
    with FakeLahella(many(1), groups(), require_auth=True) as api:
        src = source(api, environ={"LAHELLA_COOKIES": "AUTH_TOKEN=old; REFRESH_TOKEN=refresh-1"})
        api.inject("GET /v1/activities", Fault(status=401), persistent=True)
        with pytest.raises(ImportFailure, match="keeps answering 401"):
            src.fetch()
        assert api.refreshes == 3


def test_bearer_token():
    with FakeLahella(many(1), groups(), require_auth=True, bearer="s3cret") as api:
        assert len(source(api, environ={"LAHELLA_TOKEN": "s3cret"}).fetch().activities) == 1
        assert api.headers[-1]["Authorization"] == "Bearer s3cret"
        with pytest.raises(ImportFailure, match="refused the token"):
            source(api, environ={"LAHELLA_TOKEN": "wrong"}).fetch()


def test_403_is_reported_as_missing_rights():
    with FakeLahella(many(1), groups()) as api:
        api.inject("GET /v1/activities", Fault(status=403))
        with pytest.raises(ImportFailure, match="403 Forbidden"):
            source(api).fetch()


def test_5xx_and_timeouts_are_retried_with_backoff_without_sleeping():
    sleeps: list[float] = []
    with FakeLahella(many(4), groups()) as api:
        api.inject("skip=2", Fault(status=503), Fault(delay=0.6), Fault(status=429, headers={"Retry-After": "7"}))
        fetched = source(api, sleeps, page_size=2, retries=4).fetch()
    assert len(fetched.activities) == 4
    assert sleeps == [1.0, 2.0, 7.0]


def test_persistent_5xx_fails():
    with FakeLahella(many(4), groups()) as api:
        api.inject("skip=2", Fault(status=500), persistent=True)
        with pytest.raises(FetchError, match="failed after 3 attempts: HTTP 500"):
            source(api, page_size=2).fetch()


def test_truncated_json_is_retried_then_fails():
    with FakeLahella(many(3), groups()) as api:
        api.inject("GET /v1/activities", Fault(truncate=True))
        assert len(source(api).fetch().activities) == 3
        api.inject("GET /v1/activities", Fault(truncate=True), persistent=True)
        with pytest.raises(MalformedResponse, match="malformed JSON"):
            source(api).fetch()


def test_a_login_page_instead_of_json_fails():
    with FakeLahella(many(1), groups()) as api:
        api.inject("GET /v1/activities", Fault(body="<html>Kirjaudu sisään</html>"), persistent=True)
        with pytest.raises(MalformedResponse, match="expected \\{items"):
            source(api).fetch()


def test_an_answer_of_the_wrong_shape_fails():
    with FakeLahella(many(1), groups()) as api:
        api.inject("GET /v1/activities", Fault(body={"items": [], "hasMore": True}))
        with pytest.raises(MalformedResponse, match="hasMore is true but the page is empty"):
            source(api).fetch()
        api.inject("GET /v1/activities", Fault(body={"items": ["x"], "hasMore": False}))
        with pytest.raises(MalformedResponse, match="not a JSON object"):
            source(api).fetch()


def test_missing_has_more_pages_while_pages_are_full():
    with FakeLahella(many(4), groups()) as api:
        api.inject("skip=0", Fault(body={"items": many(4)[:2]}))
        api.inject("skip=2", Fault(body={"items": many(4)[2:]}))
        api.inject("skip=4", Fault(body={"items": []}))
        assert len(source(api, page_size=2).fetch().activities) == 4


def test_details_are_fetched_by_key_and_vanished_ones_noted():
    items = many(3)
    with FakeLahella(items, groups()) as api:
        src = source(api, fetch_details=True)
        original = src.http.get_json

        def vanish(path, params=None):
            if path.endswith("/5001"):
                api.activities = [a for a in api.activities if a["_key"] != "5001"]
            return original(path, params)

        src.http.get_json = vanish
        fetched = src.fetch()
    assert [a["_key"] for a in fetched.activities] == ["5000", "5002"] and fetched.gone == ["5001"]
    assert any(r.startswith("GET /v1/activities/5000?links%5Bfiles%5D=true") for r in api.requests)


def test_base_url_from_the_environment(monkeypatch):
    settings = make_settings()
    monkeypatch.setenv(BASE_URL_ENV, "http://127.0.0.1:9/")
    assert settings.effective_base_url() == "http://127.0.0.1:9/"
    src = make_source(settings, root=None, environ={})
    assert isinstance(src, HallintaApiSource) and src.http.base_url == "http://127.0.0.1:9/"
    monkeypatch.delenv(BASE_URL_ENV)
    assert settings.effective_base_url() == "https://hallinta.lahella.fi/"


# --- the export file -----------------------------------------------------------------------------

@pytest.mark.parametrize("shape", ["envelope", "envelopes", "list"])
def test_export_file_shapes(tmp_path, shape):
    activities = world_activities()
    envelope = {"items": activities, "total": len(activities), "hasMore": False,
                "links": {"groups": list(groups().values())}}
    data = {"envelope": envelope, "envelopes": [dict(envelope, items=activities[:3]), dict(envelope, items=activities[3:])],
            "list": activities}[shape]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    fetched = ExportFileSource(path).fetch()
    assert [a["_key"] for a in fetched.activities] == [a["_key"] for a in activities]
    assert (sorted(fetched.groups) == [GROUP, OTHER_GROUP]) == (shape != "list")


def test_truncated_or_missing_export_file_fails(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"items": world_activities()})[:500], encoding="utf-8")
    with pytest.raises(MalformedResponse, match="truncated export"):
        ExportFileSource(path).fetch()
    with pytest.raises(ImportFailure, match="cannot read"):
        ExportFileSource(tmp_path / "nothing.json").fetch()
    path.write_text(json.dumps({"something": 1}), encoding="utf-8")
    with pytest.raises(MalformedResponse, match="expected a list answer"):
        ExportFileSource(path).fetch()
