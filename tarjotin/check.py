"""`python -m tarjotin.check [content-dir] [--config FILE] [--repair]`: validate the configuration and all content.

Checks the whole configuration (the importers' sections included) and every record, override
and page text, and lists every problem, one line each: `file: field: reason`, where `file` is
the configuration file really read (TARJOTIN_CONFIG or --config may point elsewhere than
tray.toml) or the content file. Exit code 0 when everything is valid, 1 when not.
`--repair` first settles import swaps that a crash interrupted (importers/common/writer.py
`recover`: the previous records come back, or a swap whose new records were in place is finished).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import ConfigError, load_config
from .content import load_content, pending_swaps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tarjotin.check", description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", default="content", help="content directory (default: content)")
    parser.add_argument("--repair", action="store_true", help="first settle import swaps that a crash interrupted")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: TARJOTIN_CONFIG or tray.toml)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    content_dir = Path(args.content)
    if args.repair and not repair_swaps(content_dir):
        return 1
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    # The sources' sections are validated by their importers (imported here, not at the top:
    # the record model and the build do not depend on the importers).
    from importers import check_settings

    errors = check_settings(config)
    if not content_dir.is_dir():
        errors.append(f"{content_dir}: (file): no such content directory")
    else:
        content = load_content(content_dir, config)
        errors += [str(error) for error in content.errors]
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s) in {config.path} and {content_dir}/", file=sys.stderr)
        return 1
    print(f"{config.path}: valid; {content_dir}/: {len(content.records)} records, {len(content.themes)} theme texts, "
          f"all valid ({len(content.hidden)} hidden by overrides)")
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
