"""`python -m importers.ptv`: see importers/ptv/cli.py and docs/importers.md."""

import sys

from .cli import main

sys.exit(main())
