"""Production settings: absolute URLs from tray.toml's [site].url."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

from tarjotin.config import load_config  # noqa: E402

SITEURL = load_config(os.environ.get("TARJOTIN_CONFIG") or None).site.url
RELATIVE_URLS = False
