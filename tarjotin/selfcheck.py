"""Static self-check of a built site: what must hold before any deploy, whatever the content.

    python -m tarjotin.selfcheck [output-dir]     exit 0 when the site holds, 1 with one line per problem

Checked, without a browser and in about a second for the demo:

* every HTML page has `<html lang>` in a configured UI language and a non-empty `<title>`;
* every internal link, stylesheet, script, image and icon resolves to a file of the build
  (a directory URL to its `index.html`), fragments and query strings ignored;
* every file path named in a page's JSON configuration blocks (`<script type="application/json">`,
  the search and favourites data files) exists;
* each UI language has its front page and a 404 page.

The browser part of the self-check (axe-core, search and favourites loading in Chromium) lives in
the test suite (`tests/site/`), which runs it against the repository's own content.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .config import ConfigError, TrayConfig, load_config

#: Attributes that point at another file of the site.
_LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
               ("iframe", "src"), ("form", "action")}
#: Strings in a page's JSON configuration that name a build file (relative to the site root).
_FILE_RE = re.compile(r"^[\w./-]+\.(?:json|js|css|ttf|woff2?|svg|png|jpe?g|webp|ico|pdf)$")


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one built file."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.title = ""
        self.links: list[str] = []
        self.json_blocks: list[str] = []
        self._in_title = False
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "script" and values.get("type") == "application/json":
            self._in_json = True
            self.json_blocks.append("")
        for name, value in attrs:
            if (tag, name) in _LINK_ATTRS and value:
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "script":
            self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._in_json:
            self.json_blocks[-1] += data


def _json_strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _resolves(output: Path, site_path: str) -> bool:
    """Does a path below the site root name a built file (a directory: its index.html)?"""
    target = (output / site_path.lstrip("/")).resolve()
    if output.resolve() not in (target, *target.parents):
        return False
    if target.is_dir():
        return (target / "index.html").is_file()
    return target.is_file()


def check_output(output: Path, config: TrayConfig) -> list[Problem]:
    """Every problem found in a built site, sorted by file."""
    problems: list[Problem] = []
    site_url = config.site.url.rstrip("/")
    pages = sorted(output.rglob("*.html"))
    if not pages:
        return [Problem(str(output), "no HTML pages: the build is empty")]
    for lang in config.languages.ui:
        prefix = "" if lang == config.default_lang else f"{lang}/"
        for required in ("index.html", "404.html"):
            if not (output / prefix / required).is_file():
                problems.append(Problem(f"{prefix}{required}", f"missing: every UI language ({lang}) needs it"))
    for page in pages:
        shown = str(page.relative_to(output))
        parser = _PageParser()
        try:
            parser.feed(page.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(shown, "not UTF-8"))
            continue
        if parser.lang not in config.languages.ui:
            problems.append(Problem(shown, f"<html lang> is {parser.lang!r}, not one of {config.languages.ui}"))
        if not parser.title.strip():
            problems.append(Problem(shown, "no <title>"))
        for link in parser.links:
            if link.startswith(site_url + "/") or link == site_url:
                link = link[len(site_url):] or "/"
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, mailto:, tel:, or a fragment of this page
            path = unquote(parts.path)
            if not path.startswith("/"):
                path = str(Path("/", shown).parent / path)
            if not _resolves(output, path):
                problems.append(Problem(shown, f"broken link: {link}"))
        for block in parser.json_blocks:
            try:
                data = json.loads(block)
            except ValueError:
                problems.append(Problem(shown, "a JSON configuration block is not valid JSON"))
                continue
            for value in _json_strings(data):
                if _FILE_RE.match(value) and "/" in value and not _resolves(output, value):
                    problems.append(Problem(shown, f"missing file named in page configuration: {value}"))
    return sorted(set(problems))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    output = Path(argv[0]) if argv else Path("output")
    try:
        config = load_config()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    if not output.is_dir():
        print(f"{output}: no such directory; build the site first", file=sys.stderr)
        return 1
    problems = check_output(output, config)
    for problem in problems:
        print(problem, file=sys.stderr)
    pages = sum(1 for _ in output.rglob("*.html"))
    if problems:
        print(f"{len(problems)} problem(s) in {output}/ ({pages} pages)", file=sys.stderr)
        return 1
    print(f"{pages} pages in {output}/: every link, asset and language holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
