"""Real servers for the deploy tests: nginx with the shipped configuration, moto's S3 API."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.site_support import ROOT

NGINX = "/usr/sbin/nginx"
NGINX_CONF = ROOT / "deploy" / "nginx" / "tarjotin.conf"
BASE_TEMPLATE = ROOT / "theme" / "templates" / "base.html"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def meta_csp() -> str:
    """The Content-Security-Policy of the pages' <meta> tag without a map (tarjotin/csp.py)."""
    from tarjotin.csp import content_security_policy

    html = BASE_TEMPLATE.read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="{{ tray.content_security_policy }}">' in html
    return content_security_policy()


def render_site_conf(root: Path, port: int) -> str:
    """The shipped server configuration with its three EDIT lines pointed at `root` and `port`."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    for directive, value in (("listen", f"127.0.0.1:{port}"), ("server_name", "127.0.0.1"), ("root", str(root))):
        text, n = re.subn(rf"^(\s*){directive} [^;]+;(\s*# EDIT)", rf"\g<1>{directive} {value};\2", text, flags=re.M)
        assert n == 1, f"{NGINX_CONF}: no single `{directive} …; # EDIT` line"
    return text


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}):\n{log.read_text() if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@contextmanager
def nginx(root: Path, workdir: Path):
    """Run Debian's nginx in the foreground with the shipped site configuration serving `root`.

    Yields the base URL. Temporary paths, pid and logs live in `workdir`; as root (CI) the
    workers run as root too, so that they can read a root-owned pytest tmp directory."""
    assert Path(NGINX).is_file(), f"{NGINX} is missing: ./run.sh test installs Debian's nginx"
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (workdir / "tarjotin.conf").write_text(render_site_conf(root, port), encoding="utf-8")
    temp = "\n".join(f"    {name}_temp_path {workdir / name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (workdir / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
    include {workdir / "tarjotin.conf"};
}}
""", encoding="utf-8")
    log = workdir / "error.log"
    process = subprocess.Popen([NGINX, "-p", str(workdir), "-e", str(log), "-c", str(workdir / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
    errors = [line for line in log.read_text().splitlines() if re.search(r"\[(emerg|alert|crit)\]", line)]
    assert errors == [], errors


@contextmanager
def s3_server():
    """moto's S3 API on a free 127.0.0.1 port; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 15
        while True:
            try:
                requests.get(url, timeout=(1, 60))
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        server.stop()
