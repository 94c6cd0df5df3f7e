"""Browser test harness, reused by the search and favourites tests.

Serves a built output/ directory on 127.0.0.1 and drives Debian's /usr/bin/chromium through
Python Playwright (no browser download). axe-core comes from node_modules (npm lockfile).
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.site_support import ROOT

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking switches Chromium keeps calling Google's hosts, which this
# network refuses (see ../shared/reference/tech.md §4).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


@contextmanager
def serve(directory: Path):
    """Serve `directory` on a free port; yields the base URL without a trailing slash."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def run_axe(page) -> list[dict]:
    """Run axe-core on the page with the WCAG 2.0, 2.1 and 2.2 A/AA tags; return the violations."""
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
        WCAG_TAGS,
    )


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in violations)


def wait_for_results(page) -> None:
    """Until the search page has finished a search (results shown, no chunk still loading)."""
    page.wait_for_function("() => document.querySelector('#search-results').getAttribute('aria-busy') === 'false'"
                           " && !document.querySelector('#search-results .is-pending')")


def url_params(page) -> dict[str, list[str]]:
    """The page address's query as {name: [values]}."""
    return parse_qs(urlsplit(page.url).query)
