"""Deploy a built site, or roll back, with the target `[deploy]` configures.

    python -m tarjotin.deploy [--dry-run] [OUTPUT]   self-check OUTPUT (default output/), then deploy it
    python -m tarjotin.deploy --rollback             make the previous release live again

Exit status 0 when done, 1 when the build fails its self-check or the target refuses (one line per
problem, `file: reason`), 2 when no target is configured. `./run.sh deploy` and `./run.sh rollback`
call this.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from ..config import DEFAULT_CONFIG_PATH, ConfigError, TrayConfig, load_config
from ..selfcheck import check_output
from . import DeployError, target_from_config


def main(argv: list[str] | None = None, *, config: TrayConfig | None = None, config_dir: Path | None = None,
         env: Mapping[str, str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tarjotin.deploy", description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="output", help="the built site (default output/)")
    parser.add_argument("--dry-run", action="store_true", help="list what would change, change nothing")
    parser.add_argument("--rollback", action="store_true", help="make the previous release live again")
    args = parser.parse_args(argv)
    env = os.environ if env is None else env
    try:
        if config is None:
            path = Path(env.get("TARJOTIN_CONFIG") or DEFAULT_CONFIG_PATH)
            config, config_dir = load_config(path), path.resolve().parent
        target = target_from_config(config, config_dir or Path.cwd(), env)
    except (ConfigError, DeployError) as exc:
        print(exc, file=sys.stderr)
        return 1
    if target is None:
        print("deploy.target: none is configured (set [deploy] target in the configuration)", file=sys.stderr)
        return 2
    try:
        if args.rollback:
            result = target.rollback()
        else:
            output = Path(args.output)
            if not output.is_dir():
                print(f"{output}: no such directory; build the site first", file=sys.stderr)
                return 1
            problems = check_output(output, config)
            if problems:
                for problem in problems:
                    print(problem, file=sys.stderr)
                print(f"{len(problems)} problem(s) in {output}/: not deployed", file=sys.stderr)
                return 1
            result = target.deploy(output, dry_run=args.dry_run)
    except DeployError as exc:
        print(exc, file=sys.stderr)
        return 1
    if result.dry_run:
        for path in result.uploaded:
            print(f"upload {path}")
        for path in result.deleted:
            print(f"delete {path}")
    print(result.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
