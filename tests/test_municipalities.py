"""The municipality code list: the shipped data, and its download from Statistics Finland's
classification API (a local HTTP server stands in for data.stat.fi)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tarjotin import municipalities
from tarjotin.municipalities import UpdateError, download, write


def test_shipped_list_has_unique_codes_and_both_names():
    items = municipalities.classification()["municipalities"]
    codes = [item["code"] for item in items]
    assert len(codes) == len(set(codes)) == 308 and codes == sorted(codes)
    assert all(len(code) == 3 and code.isdigit() and item["fi"] and item["sv"] for code, item in zip(codes, items))
    assert {"091", "092", "245", "049", "853", "478"} <= set(codes) and "588" not in codes


def _items(lang: str, count: int = 300, break_code: str | None = None):
    return [{"code": break_code if (break_code and i == 0) else f"{i + 1:03d}", "level": 1,
             "classificationItemNames": [{"lang": lang, "name": f"{lang}-kunta {i + 1}"}]} for i in range(count)]


@pytest.fixture
def api():
    """A fake classification API; `api.answers[lang]` is (status, body) for that language."""
    answers: dict[str, tuple[int, bytes]] = {}
    requests_seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            parts = urlsplit(self.path)
            requests_seen.append(parts.path)
            lang = parse_qs(parts.query).get("lang", [""])[0]
            status, body = answers.get(lang, (404, b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.answers, server.seen = answers, requests_seen
    server.url = f"http://127.0.0.1:{server.server_address[1]}/api/classifications/v2/classifications"
    yield server
    server.shutdown()


def test_download_reads_both_languages(api, tmp_path):
    for lang in ("fi", "sv"):
        api.answers[lang] = (200, json.dumps(_items(lang)).encode())
    data = download("kunta_1_20270101", api=api.url, timeout=5)
    assert api.seen == ["/api/classifications/v2/classifications/kunta_1_20270101/classificationItems"] * 2
    assert data["valid_from"] == "2027-01-01" and len(data["municipalities"]) == 300
    assert data["municipalities"][0] == {"code": "001", "fi": "fi-kunta 1", "sv": "sv-kunta 1"}
    path = tmp_path / "municipalities.json"
    write(data, path)
    assert json.loads(path.read_text(encoding="utf-8")) == data


@pytest.mark.parametrize(("fi", "message"), [
    ((500, b"oops"), "500 Server Error"),
    ((200, b"<html>"), "Expecting value"),
    ((200, b'{"items": []}'), "expected a list of classification items"),
    ((200, json.dumps(_items("fi", count=40)).encode()), "only 40 municipalities; expected about 300"),
    ((200, json.dumps(_items("fi", break_code="92")).encode()), "an item without a three-digit code"),
    ((200, json.dumps(_items("fi") + _items("fi", count=1)).encode()), "municipality code 001 appears twice"),
])
def test_a_bad_answer_is_an_error(api, fi, message):
    api.answers["fi"] = fi
    api.answers["sv"] = (200, json.dumps(_items("sv")).encode())
    with pytest.raises(UpdateError, match=message):
        download("kunta_1_20270101", api=api.url, timeout=5)


def test_update_leaves_the_file_alone_on_error(api, monkeypatch, tmp_path, capsys):
    target = tmp_path / "municipalities.json"
    target.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(municipalities, "DATA_FILE", target)
    monkeypatch.setenv(municipalities.API_ENV, api.url)
    assert municipalities.main(["kunta_1_20270101"]) == 1
    assert target.read_text(encoding="utf-8") == "{}"
    assert "municipalities.json not changed" in capsys.readouterr().err
    assert municipalities.main(["kunta-2027"]) == 1
