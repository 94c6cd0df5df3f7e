"""`python -m tarjotin.check [content-dir]`: validate all content and list every problem.

Exit code 0 when everything is valid, 1 when there are errors (one line each: file: field: reason).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .config import ConfigError, load_config
from .content import load_content


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    content_dir = Path(argv[0]) if argv else Path("content")
    try:
        config = load_config()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    if not content_dir.is_dir():
        print(f"{content_dir}: (file): no such content directory", file=sys.stderr)
        return 1
    content = load_content(content_dir, config)
    for error in content.errors:
        print(error, file=sys.stderr)
    if content.errors:
        print(f"{len(content.errors)} error(s) in {content_dir}/", file=sys.stderr)
        return 1
    print(f"{len(content.records)} records, {len(content.themes)} theme texts: all valid "
          f"({len(content.hidden)} hidden by overrides)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
