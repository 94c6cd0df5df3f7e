"""The data-quality report (tarjotin/quality, plugins/quality) on a fixture tree in which every
problem kind occurs (tests/fixtures/quality/README.md), built with the real Pelican command."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from tarjotin.build import build
from tarjotin.quality.rules import RULES, months_before
from tarjotin.selfcheck import check_output
from tests.site_support import ROOT, TEST_CONFIG, TODAY, build_site, relocated_config_text

FIXTURE = ROOT / "tests" / "fixtures" / "quality"
P1 = "ptv-0a0a0a0a-0000-4000-8000-000000000001"
P2 = "ptv-0a0a0a0a-0000-4000-8000-000000000002"
P3 = "ptv-0a0a0a0a-0000-4000-8000-000000000003"
REPORT_PAGES = {"fi": "laaturaportti", "sv": "sv/kvalitetsrapport", "en": "en/quality-report"}

#: Every problem the fixture has: (rule, record, subject, detail).
EXPECTED = {
    ("no_theme", P1, "", "relevant by rule 'nuoret' but no theme mapping matches its classes (service classes: P10.2)"),
    ("missing_title", P1, "sv", ""),
    ("missing_summary", P1, "sv", ""),
    ("stale", P1, "", "modified 2025-01-10"),
    ("malformed_contact", P2, "09 274", "phone number '09 274' is not usable; left out"),
    ("no_coordinates", P2, "Seurakuntakeskus", ""),
    ("no_postal_code", P2, "Seurakuntakeskus", ""),
    ("no_opening_hours", P2, "", ""),
    ("no_contacts", P2, "", ""),
    ("no_description", "lahella-1001", "", ""),
    ("no_age_group", "lahella-1001", "", ""),
    ("unknown_code", "lahella-1001", "theme:999",
     "theme 'theme:999' is not in the mapping tables of tray.toml; kept in source_codes"),
    # Found by the build's matcher over every pair of sources (the importer's warning of the same
    # pair is not listed twice), under both records so that each organisation sees it.
    ("possible_duplicate", "lahella-1001", P2,
     f"title similarity 0.8, different organisation, same address. If it is the same service, write "
     f"duplicate_of: {P2} in content/overrides/lahella-1001.yml; if not, not_duplicate_of: [{P2}]"),
    ("possible_duplicate", P2, "lahella-1001",
     f"title similarity 0.8, different organisation, same address. If it is the same service, write "
     f"duplicate_of: lahella-1001 in content/overrides/{P2}.yml; if not, not_duplicate_of: [lahella-1001]"),
    ("event_without_end", "lahella-1002", "", ""),
    ("insecure_web_address", "lahella-1002", "http://kuoro.example.fi/", ""),
    ("merged_duplicate", "lahella-1003", P3, ""),
    ("hidden_by_override", "local-piilotettu", "", "Kerho on päättynyt."),
}


def quality_config(tmp_path: Path) -> Path:
    """tests/fixtures/tray.toml with the fixture's import reports and `[quality]`."""
    text = relocated_config_text(TEST_CONFIG)
    for source in ("ptv", "lahella"):
        text = text.replace(f"\n[{source}]\n", f'\n[{source}]\nreport_path = "{FIXTURE / "reports" / f"import-{source}.json"}"\n', 1)
    path = tmp_path / "tray.toml"
    path.write_text(text + '\n[quality]\nstale_months = 12\nlanguages = ["fi", "sv"]\n', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("quality")
    config = quality_config(tmp)
    out = tmp / "output"
    result = build_site(FIXTURE / "content", out, config=config)
    assert result.returncode == 0, result.stderr
    return out, config


def report_json(out: Path) -> dict:
    return json.loads((out / "laaturaportti" / "report.json").read_text(encoding="utf-8"))


def test_every_rule_is_declared_once_and_occurs_in_the_fixture():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.severity in ("error", "warning", "info") and rule.message and rule.fix and rule.where
    assert {problem[0] for problem in EXPECTED} == set(ids)


def test_docs_explain_every_rule():
    doc = (ROOT / "docs" / "quality.md").read_text(encoding="utf-8")
    names = {"error": "error", "warning": "warning", "info": "note"}
    for rule in RULES:
        assert f"| `{rule.id}` | {names[rule.severity]} |" in doc, rule.id


def test_the_report_lists_each_problem_of_the_fixture(built):
    out, _ = built
    data = report_json(out)
    found = {(p["rule"], p["record"], p["subject"], p["detail"]) for p in data["problems"]}
    assert found == EXPECTED
    assert len(data["problems"]) == len(EXPECTED)  # no problem twice
    severities = {rule.id: rule.severity for rule in RULES}
    assert all(p["severity"] == severities[p["rule"]] for p in data["problems"])
    assert data["summary"]["problems"] == len(EXPECTED)
    assert data["summary"]["by_severity"] == {"error": 2, "warning": 11, "info": 5}
    assert data["settings"] == {"stale_months": 12, "languages": ["fi", "sv"]}
    assert data["change"]["previous"] is None
    assert [r["status"] for r in data["imports"]] == ["ok", "ok"]
    # the complete record is listed without problems; the merged-away PTV copy is not listed
    records = {r["id"]: r for r in data["records"]}
    assert records["local-complete"]["problems"] == 0 and P3 not in records
    assert records[P1]["source_link"].startswith("https://www.suomi.fi/palvelut/")
    assert records["local-piilotettu"]["hidden"] is True


def test_per_organisation_counts_and_order(built):
    out, _ = built
    organisations = report_json(out)["organisations"]
    summary = [(o["name"], o["business_id"], o["records"], o["by_severity"]) for o in organisations]
    # most errors first, then most warnings
    assert summary == [
        ("Keravan kaupunki", "1234567-8", 4, {"error": 2, "warning": 8, "info": 1}),
        ("Keravan Liikunta ry", None, 2, {"error": 0, "warning": 3, "info": 3}),
        ("Keravan Lukijat ry", None, 1, {"error": 0, "warning": 0, "info": 1}),
    ]
    assert [o["csv"] for o in organisations] == ["laaturaportti/csv/keravan-kaupunki.csv",
                                                 "laaturaportti/csv/keravan-liikunta-ry.csv",
                                                 "laaturaportti/csv/keravan-lukijat-ry.csv"]


def test_the_csv_of_an_organisation_says_what_to_fix_and_where(built):
    out, _ = built
    text = (out / "laaturaportti" / "csv" / "keravan-kaupunki.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header, rows = rows[0], rows[1:]
    assert header == ["Kohde", "Nimi", "Vakavuus", "Ongelma", "Koskee", "Lisätiedot", "Näin korjaat", "Missä",
                      "Lähteessä"]
    by_key = {(r[0], r[3]): r for r in rows}
    assert len(rows) == 11
    missing_sv = next(r for r in rows if r[0] == P1 and r[4] == "ruotsi")
    assert missing_sv[1:4] == ["Keravan nuorisotilat", "Varoitus", "Nimi puuttuu tällä kielellä"]
    assert missing_sv[7] == ("Lähteessä: Suomi.fi-palvelutietovaranto (PTV); "
                             f"Ohitustiedostolla täällä: content/overrides/{P1}.yml")
    assert missing_sv[8] == f"https://www.suomi.fi/palvelut/keravan-nuorisotilat/{P1.removeprefix('ptv-')}"
    hidden = [r for r in rows if r[0] == "local-piilotettu"]
    assert len(hidden) == 1 and hidden[0][5] == "Kerho on päättynyt."
    assert hidden[0][7] == "Kohteen tiedostossa content/records/local/local-piilotettu.md"
    assert all(key[0] != "local-complete" for key in by_key)


def test_the_pages_are_for_editors_only(built):
    out, _ = built
    pages = [p for p in out.rglob("index.html")]
    report_pages = [p for p in pages if re.search(r"(laaturaportti|kvalitetsrapport|quality-report)", str(p.relative_to(out)))]
    # the summary and one page per organisation, in each of the three UI languages
    assert len(report_pages) == 3 * (1 + 3)
    for page in report_pages:
        assert '<meta name="robots" content="noindex">' in page.read_text(encoding="utf-8"), page
    for page in set(pages) - set(report_pages):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"laaturaportti|kvalitetsrapport|quality-report", html), page
    assert not (out / "sitemap.xml").exists()


def test_the_pages_show_the_problems_with_their_fixes(built):
    out, config = built
    summary = (out / "laaturaportti" / "index.html").read_text(encoding="utf-8")
    assert "Tietojen laaturaportti" in summary and "18 ongelmaa" in summary
    assert 'href="/laaturaportti/keravan-kaupunki/"' in summary
    assert 'href="/laaturaportti/csv/keravan-kaupunki.csv"' in summary
    assert 'href="/laaturaportti/report.json"' in summary
    page = (out / "en" / "quality-report" / "keravan-liikunta-ry" / "index.html").read_text(encoding="utf-8")
    assert "Possibly the same service as another record" in page and P2 in page
    assert 'href="https://www.lahella.fi/activity/1001"' in page
    assert 'href="/en/service/lahella-1001/"' in page
    assert "source codes: theme:999" not in page  # the source code is named by its own problem
    assert "theme:999" in page
    sv = (out / "sv" / "kvalitetsrapport" / "keravan-kaupunki" / "index.html").read_text(encoding="utf-8")
    assert "Inget namn på detta språk: svenska" in sv
    assert check_output(out, _config(config)) == []


def _config(path: Path):
    from tarjotin.config import load_config

    return load_config(path)


def test_the_second_build_lists_new_and_fixed_problems(built, tmp_path):
    _, config = built
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    out = tmp_path / "output"
    first = build_site(content, out, config=config)
    assert first.returncode == 0, first.stderr
    # An editor's fix (P1 gets its Swedish title) and a new problem (the complete record loses its text).
    p1 = content / "records" / "ptv" / f"{P1}.md"
    p1.write_text(p1.read_text(encoding="utf-8").replace("  fi: Keravan nuorisotilat\n",
                                                         "  fi: Keravan nuorisotilat\n  sv: Kervo ungdomslokaler\n"),
                  encoding="utf-8")
    complete = content / "records" / "local" / "local-complete.md"
    complete.write_text(complete.read_text(encoding="utf-8").split("---\n::: fi", 1)[0] + "---\n", encoding="utf-8")
    # tarjotin/build.py builds into a fresh directory and passes the live output to compare with
    env = {**__import__("os").environ, "TARJOTIN_CONFIG": str(config), "TARJOTIN_TODAY": TODAY}
    second = build(content=content, output=out, env=env, capture=True)
    assert second.ok, second.log
    change = report_json(out)["change"]
    assert (change["previous"], change["new"], change["fixed"]) == ("2026-11-23", 1, 1)
    assert [(p["rule"], p["record"], p["subject"]) for p in change["new_problems"]] == [
        ("no_description", "local-complete", "")]
    assert [(p["rule"], p["record"], p["subject"], p["title"]) for p in change["fixed_problems"]] == [
        ("missing_title", P1, "sv", "Keravan nuorisotilat")]
    summary = (out / "laaturaportti" / "index.html").read_text(encoding="utf-8")
    assert "1 uutta, 1 korjattu" in summary
    english = (out / "en" / "quality-report" / "index.html").read_text(encoding="utf-8")
    assert "1 new, 1 fixed since the report of 2026-11-23." in english
    fixed = english.split('class="quality-fixed"', 1)[1].split("</ul>", 1)[0]
    assert "No title in this language (Swedish): <span lang=\"fi\">Keravan nuorisotilat</span>" in fixed
    # A third build that finds the same problems keeps saying what the last change did, in the same
    # bytes: an unchanged tray rebuilds byte-identical and the nightly run has nothing to upload.
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    third = build(content=content, output=out, env=env, capture=True)
    assert third.ok, third.log
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_broken_previous_report_is_not_compared(built, tmp_path):
    _, config = built
    out = tmp_path / "output"
    (out / "laaturaportti").mkdir(parents=True)
    (out / "laaturaportti" / "report.json").write_text("{not json", encoding="utf-8")
    result = build_site(FIXTURE / "content", out, config=config)
    assert result.returncode == 0, result.stderr
    assert report_json(out)["change"]["previous"] is None
    assert "Traceback" not in result.stderr


def test_stale_months_is_a_setting(tmp_path):
    config = quality_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace("stale_months = 12", "stale_months = 24"),
                      encoding="utf-8")
    out = tmp_path / "output"
    assert build_site(FIXTURE / "content", out, config=config).returncode == 0
    assert "stale" not in {p["rule"] for p in report_json(out)["problems"]}


def test_a_wrong_stale_months_is_a_clear_error(tmp_path):
    config = quality_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace("stale_months = 12", "stale_months = 0"),
                      encoding="utf-8")
    result = build_site(FIXTURE / "content", tmp_path / "output", config=config)
    assert result.returncode == 1
    assert "quality.stale_months" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("day, months, expected", [
    ("2026-11-23", 12, "2025-11-23"), ("2026-03-31", 1, "2026-02-28"), ("2024-03-31", 1, "2024-02-29"),
    ("2026-01-15", 1, "2025-12-15"), ("2026-11-23", 24, "2024-11-23"),
])
def test_months_before(day, months, expected):
    from datetime import date

    assert months_before(date.fromisoformat(day), months).isoformat() == expected
