"""`python -m importers.lahella`: see importers/lahella/cli.py and docs/importers.md."""

import sys

from .cli import main

sys.exit(main())
