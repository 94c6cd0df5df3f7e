"""Generate the demo's recorded PTV v12 answers from the same demo services as the v11 ones.

    .venv/bin/python demo/recordings/ptv-v12/generate.py   # rewrites the recording files here
    invoke import-ptv --offline                            # with ptv.api_version = "v12": replays them

The services, channels and organisations are those of demo/recordings/ptv/generate.py (one
`build()`), converted to the v12 form by importers/ptv/builders_v12.py. Replaying either
recording must give the same content/records/ptv/ (tests/test_ptv_v12_demo.py checks it).
"""

from __future__ import annotations

import runpy
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from importers.ptv.builders_v12 import to_v12  # noqa: E402

V11_GENERATOR = runpy.run_path(str(HERE.parent / "ptv" / "generate.py"), run_name="v11_demo")
RECORDED_ON = V11_GENERATOR["RECORDED_ON"]


def main(argv: list[str] | None = None) -> None:
    """Write the recording into this directory, or into the directory given as the argument."""
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else HERE
    target.mkdir(parents=True, exist_ok=True)
    for path in target.iterdir():
        if path.is_dir():
            shutil.rmtree(path)
        elif path.suffix == ".json":
            path.unlink()
    data = to_v12(V11_GENERATOR["build"]())
    written = data.write(target, today=RECORDED_ON)
    print(f"{len(data.services)} services, {len(data.channels)} channels, {len(data.connections)} connections, "
          f"{len(data.organizations)} organisations: {len(written)} files in {target}")


if __name__ == "__main__":
    main()
