"""`python -m tarjotin.check`: the whole configuration (importers' sections included) and all content,
every problem as `file: field: reason` naming the file really read."""

from __future__ import annotations

import os
import subprocess
import sys

from tarjotin.check import main
from tests.config_support import NEUTRAL, write_config
from tests.site_support import FIXTURE_CONTENT, ROOT

BAD_SECTIONS = NEUTRAL + """
[ptv]
relevance = [{ name = "liikunta", service_classes = ["P27"] }]
max_removal_share = 1.5

[lahella]
page_size = 100
unknown_key = 1
"""

UNKNOWN_THEME = NEUTRAL + """
[ptv]
relevance = [{ name = "liikunta", service_classes = ["P27"] }]

[ptv.themes.service_classes]
"P27" = ["urheilu"]
"""


def test_valid_configuration_and_content(tmp_path, capsys):
    path = write_config(tmp_path)
    assert main([str(FIXTURE_CONTENT), "--config", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: valid" in out and "7 records" in out


def test_importer_sections_are_checked_and_errors_name_the_real_file(tmp_path, capsys):
    path = write_config(tmp_path, BAD_SECTIONS, name="county.toml")
    assert main([str(FIXTURE_CONTENT), "--config", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: ptv.max_removal_share: Input should be less than or equal to 1" in err
    assert f"{path}: lahella.unknown_key: Extra inputs are not permitted" in err
    assert "tray.toml" not in err


def test_slugs_in_importer_sections_must_be_configured(tmp_path, capsys):
    path = write_config(tmp_path, UNKNOWN_THEME)
    assert main([str(FIXTURE_CONTENT), "--config", str(path)]) == 1
    assert f"{path}: ptv.themes.service_classes.P27: unknown theme 'urheilu'" in capsys.readouterr().err


def test_content_errors_follow_configuration_errors(tmp_path, capsys):
    content = tmp_path / "content"
    (content / "records" / "local").mkdir(parents=True)
    (content / "records" / "local" / "local-rikki.md").write_text("---\nid: local-rikki\nkind: [\n---\n")
    path = write_config(tmp_path, UNKNOWN_THEME)
    assert main([str(content), "--config", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}: ptv.themes")
    assert any("local-rikki.md: kind: YAML syntax error at line 3" in line for line in err)
    assert err[-1] == f"{len(err) - 1} error(s) in {path} and {content}/"  # the rest of the file is checked too


def test_environment_variable_names_the_file_and_no_traceback(tmp_path):
    path = write_config(tmp_path, NEUTRAL + '\n[branding]\ncolors = { focus = "orange" }\n', name="other.toml")
    result = subprocess.run([sys.executable, "-m", "tarjotin.check", str(FIXTURE_CONTENT)], cwd=ROOT,
                            env={**os.environ, "TARJOTIN_CONFIG": str(path)}, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == f"{path}: branding.colors.focus: 'orange' is not a CSS hex colour such as '#004f7c'\n"


def test_missing_configuration_file(capsys):
    assert main([str(FIXTURE_CONTENT), "--config", "/nonexistent/tray.toml"]) == 1
    assert "/nonexistent/tray.toml: configuration file not found" in capsys.readouterr().err
