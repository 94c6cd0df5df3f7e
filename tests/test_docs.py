"""Documentation stays true: every setting and record field is documented; the example is valid."""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel

from tarjotin.config import Names, TrayConfig
from tarjotin.model import LocalizedText, Record
from tarjotin.recordfile import parse_record
from tests.site_support import ROOT

CONFIG_DOC = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
FORMAT_DOC = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")


def _models_in(annotation) -> list[type[BaseModel]]:
    found = []
    for arg in typing.get_args(annotation) or [annotation]:
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            found.append(arg)
        else:
            found.extend(_models_in(arg) if typing.get_args(arg) else [])
    return found


def _config_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        key = f"{prefix}{name}"
        keys.append(key)
        for sub in _models_in(field.annotation):
            if sub is not Names:
                keys.extend(_config_keys(sub, key + "."))
    return keys


def test_every_configuration_key_is_documented():
    missing = [key for key in _config_keys(TrayConfig)
               if f"`{key}`" not in CONFIG_DOC and f"[{key}]" not in CONFIG_DOC]
    assert missing == []


def test_every_tray_setting_is_documented():
    settings = re.findall(r"^(TRAY_[A-Z_]+)\s*=", (ROOT / "pelicanconf.py").read_text(), re.M)
    assert settings and [s for s in settings if f"`{s}`" not in CONFIG_DOC] == []


def _record_fields(model: type[BaseModel], seen: set) -> set[str]:
    names = set()
    for name, field in model.model_fields.items():
        names.add(name)
        for sub in _models_in(field.annotation):
            if sub not in seen and sub is not LocalizedText:
                seen.add(sub)
                names |= _record_fields(sub, seen)
    return names


def test_every_record_field_is_documented():
    missing = sorted(n for n in _record_fields(Record, set()) if f"`{n}`" not in FORMAT_DOC and f"{n}:" not in FORMAT_DOC)
    assert missing == []


def test_the_complete_example_is_a_valid_record(config):
    section = FORMAT_DOC.split("## Complete example", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    record = parse_record(example, "content/records/local/local-kerava-senioritanssit.md", config)
    assert record.kind == "activity" and record.description.sv


EDITORS_GUIDE = (ROOT / "docs" / "toimittajan-opas.md").read_text(encoding="utf-8")


def test_the_editors_guide_example_is_a_valid_record_and_its_commands_exist(config):
    section = EDITORS_GUIDE.split("## Uusi kohde", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    record = parse_record(example, "content/records/local/local-kerava-senioritanssit.md", config)
    assert record.kind == "activity" and record.keywords == ["tanssi", "Kaikukortti"]
    for named in ("./run.sh check", "./run.sh serve", ".venv/bin/pre-commit install",
                  ".github/workflows/pull-request.yml", ".pre-commit-config.yaml"):
        assert named in EDITORS_GUIDE, named
    assert (ROOT / ".pre-commit-config.yaml").is_file()


def test_readme_starts_with_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", readme, re.S).group(1)
    commands = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands == ["./run.sh build", "./run.sh test"]
    assert "./run.sh test" in (ROOT / ".ci" / "run").read_text()


def test_every_deploy_setting_is_documented():
    from tarjotin.deploy import TARGETS
    from tarjotin.deploy.directory import DirectorySettings
    from tarjotin.deploy.s3 import S3Settings

    # Tests register their own targets (tests/nightly_support.py); the built-in ones are documented.
    built_in = {name for name, factory in TARGETS.items() if factory.__module__.startswith("tarjotin.")}
    assert built_in == {"directory", "s3"}
    keys = ["deploy.target"] + [f"deploy.directory.{k}" for k in DirectorySettings.model_fields] \
        + [f"deploy.s3.{k}" for k in S3Settings.model_fields]
    assert [key for key in keys if f"`{key}`" not in CONFIG_DOC] == []
