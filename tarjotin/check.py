"""`python -m tarjotin.check [--repair] [content-dir]`: validate all content and list every problem.

Exit code 0 when everything is valid, 1 when there are errors (one line each: file: field: reason).
`--repair` first settles import swaps that a crash interrupted (importers/common/writer.py
`recover`: the previous records come back, or a swap whose new records were in place is finished).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .config import ConfigError, load_config
from .content import load_content, pending_swaps


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    repair = "--repair" in argv
    argv = [arg for arg in argv if arg != "--repair"]
    content_dir = Path(argv[0]) if argv else Path("content")
    if repair and not repair_swaps(content_dir):
        return 1
    try:
        config = load_config()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
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


def repair_swaps(content_dir: Path) -> bool:
    """Settle every pending import swap under the importer's lock; False if one is running."""
    from importers.common.errors import ImportFailure  # the importers own the swap
    from importers.common.writer import RecordWriter

    for error in pending_swaps(content_dir):
        writer = RecordWriter(content_dir / "records" / Path(error.path).name)
        try:
            with writer.lock():
                writer.recover()
        except ImportFailure as exc:
            print(exc, file=sys.stderr)
            return False
        print(f"{error.path}: the interrupted import swap was settled")
    return True


if __name__ == "__main__":
    sys.exit(main())
