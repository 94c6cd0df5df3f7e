"""The HTTP limits as whole runs see them: the settings reach the client, and a run that meets
an oversized answer or a redirect elsewhere fails cleanly and changes nothing."""

from __future__ import annotations

import pytest

from importers.common.errors import FetchError
from importers.common.replay import Fault, ReplayServer
from tests import lahella_support as ls
from tests import ptv_support as s


@pytest.fixture()
def ptv(tmp_path):
    config = s.default_config()
    recordings = tmp_path / "recordings"
    with ReplayServer(recordings) as server:
        harness = s.Harness(recordings, tmp_path / "repo", server, s.build_world(), config, s.make_settings(config))
        harness.write()
        harness.run()
        yield harness


def _refused(h, pattern: str) -> None:
    before = h.files()
    h.server.requests.clear()
    with pytest.raises(FetchError, match=pattern):
        h.run(now=s.LATER)
    assert h.files() == before
    report = h.report()
    assert report["status"] == "failed" and report["message"]


def test_ptv_an_answer_above_max_response_mb_fails_the_run(ptv):
    ptv.settings = ptv.settings.model_copy(update={"max_response_mb": 0.001})
    _refused(ptv, r"the answer is larger than the allowed 1000 bytes \(Content-Length \d+\); raise max_response_mb")
    assert len(ptv.server.requests) == 1  # the first answer is refused, and not asked for again


@pytest.mark.parametrize("location", ["http://localhost:{port}/api/v11/Service", "https://127.0.0.1:{port}/api/v11/",
                                      "http://127.0.0.1:1/api/v11/Service"])
def test_ptv_a_redirect_elsewhere_fails_the_run(ptv, location):
    port = ptv.server.base_url.split(":")[2].split("/")[0]
    ptv.server.inject("ServiceChannel/list", Fault(status=302, headers={"Location": location.format(port=port)}))
    _refused(ptv, "was redirected to .*: redirects are followed only within the configured http://127.0.0.1:")


def test_ptv_the_request_deadline_setting_reaches_the_client(ptv):
    ptv.settings = ptv.settings.model_copy(update={"request_deadline": 0.3})
    ptv.server.inject("ServiceChannel/list", Fault(delay=1.0), persistent=True)
    _refused(ptv, "no complete answer within the request deadline of 0.3 s")
    assert sum("ServiceChannel/list" in key for key in ptv.server.requests) == 1


def test_lahella_an_answer_above_max_response_mb_fails_the_run(tmp_path):
    config = s.default_config()
    with ls.FakeLahella(ls.world_activities(), ls.groups()) as api:
        h = ls.Harness(api=api, root=tmp_path / "repo", config=config,
                       settings=ls.make_settings(config, max_response_mb=0.0005))
        with pytest.raises(FetchError, match="larger than the allowed 500 bytes"):
            h.run()
    assert h.report()["status"] == "failed" and not h.out.exists()
