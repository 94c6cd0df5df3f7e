"""The data-quality report: every rule run on every record, grouped by organisation, as JSON and
CSV, and compared with the previous build's report.

`build_report(...)` is pure (records, import facts, duplicates, hidden records, a date in; a
`QualityReport` out); plugins/quality renders it as pages and writes the files. The JSON is the
report's own archive: the next build reads it back (`previous_problems`) to say what is new and
what was fixed, so its `problems` keep their shape (`VERSION`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tarjotin.config import TrayConfig
from tarjotin.i18n import localize
from tarjotin.model import LocalizedText, Record

from .inputs import HiddenRecord, ImportFacts
from .rules import BY_ID, RULES, SEVERITIES, Facts, N_, Rule, check

#: Shape of report.json; a previous report of another version is not compared.
VERSION = 1


@dataclass(frozen=True)
class Problem:
    """One finding of one rule on one record."""

    rule: str
    severity: str
    record: str
    subject: str
    detail: str
    organisation: str
    """The organisation's key (`Organisation.key`)."""
    title: str
    """The record's title in the default language (or the first it has), for lists and the CSV."""

    @property
    def key(self) -> str:
        """Identity across builds: the same rule, record and subject."""
        return f"{self.rule}|{self.record}|{self.subject}"

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "severity": self.severity, "record": self.record, "subject": self.subject,
                "detail": self.detail, "organisation": self.organisation, "title": self.title}


@dataclass
class Entry:
    """One record in the report."""

    id: str
    title: LocalizedText
    source: str
    organisation: str
    record: Record | None
    hidden: bool
    source_link: str | None
    """The record at its source, where the organisation corrects it."""
    file: str
    """The record's file here (the editors' records are corrected there)."""
    override: str
    """The override file that corrects or hides it here."""
    problems: list[Problem] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)


@dataclass
class Organisation:
    key: str
    name: LocalizedText
    business_id: str | None
    slug: str
    """File and page name: letters, digits and hyphens only (the name is untrusted text)."""
    entries: list[Entry] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for e in self.entries for p in e.problems]

    def count(self, severity: str | None = None) -> int:
        return sum(1 for p in self.problems if severity is None or p.severity == severity)

    @property
    def sources(self) -> list[str]:
        return sorted({e.source for e in self.entries})


@dataclass
class Change:
    """What changed at the last build that changed the problem list.

    A build that finds the same problems as the previous one carries that report's change over
    unchanged, so rebuilding an unchanged tray gives byte-identical files (and the nightly run has
    nothing to upload), and editors still see what their last fixes did."""

    previous: str | None
    """The date of the report compared with; None when there was none to compare with."""
    new: list[dict[str, str]] = field(default_factory=list)
    fixed: list[dict[str, str]] = field(default_factory=list)
    """Problems as report.json lists them (`Problem.to_json`); fixed ones as the older report listed them."""

    def to_json(self) -> dict[str, Any]:
        return {"previous": self.previous, "new": len(self.new), "fixed": len(self.fixed),
                "new_problems": self.new, "fixed_problems": self.fixed}


@dataclass
class QualityReport:
    generated: date
    config: TrayConfig
    organisations: list[Organisation]
    imports: ImportFacts
    change: Change = field(default_factory=lambda: Change(None))

    @property
    def entries(self) -> list[Entry]:
        return [e for o in self.organisations for e in o.entries]

    @property
    def problems(self) -> list[Problem]:
        return [p for o in self.organisations for p in o.problems]

    def by_severity(self) -> dict[str, int]:
        counts = Counter(p.severity for p in self.problems)
        return {s: counts.get(s, 0) for s in SEVERITIES}

    def by_rule(self) -> dict[str, int]:
        counts = Counter(p.rule for p in self.problems)
        return {rule.id: counts.get(rule.id, 0) for rule in RULES}

    def organisation(self, key: str) -> Organisation:
        return next(o for o in self.organisations if o.key == key)

    def to_json(self, csv_path: Callable[[Organisation], str]) -> dict[str, Any]:
        lang = self.config.default_lang
        return {
            "version": VERSION,
            "generated": self.generated.isoformat(),
            "settings": {"stale_months": self.config.quality.stale_months,
                         "languages": self.config.quality.languages or list(self.config.languages.ui)},
            "summary": {"records": len(self.entries), "problems": len(self.problems),
                        "by_severity": self.by_severity(), "by_rule": self.by_rule()},
            "change": self.change.to_json(),
            "imports": [{"source": r.source, "report": r.path, "status": r.status, "finished": r.finished,
                         "problem": r.problem} for r in self.imports.runs],
            "rules": [{"id": r.id, "severity": r.severity, "message": r.message, "fix": r.fix,
                       "where": list(r.where), "subject": r.subject} for r in RULES],
            "organisations": [{"key": o.key, "name": _text(o.name, lang, self.config), "business_id": o.business_id,
                               "records": len(o.entries), "problems": o.count(),
                               "by_severity": {s: o.count(s) for s in SEVERITIES}, "csv": csv_path(o)}
                              for o in self.organisations],
            "records": [{"id": e.id, "title": _text(e.title, lang, self.config), "source": e.source,
                         "organisation": e.organisation, "hidden": e.hidden, "source_link": e.source_link,
                         "file": e.file, "override": e.override, "problems": len(e.problems)}
                        for e in self.entries],
            "problems": [p.to_json() for p in self.problems],
        }


def _text(value: LocalizedText | None, lang: str, config: TrayConfig) -> str:
    return localize(value, lang, config.languages.fallback.get(lang, [])).text


def slugify(text: str, limit: int = 60) -> str:
    """`Vantaan kaupunki, liikuntapalvelut` → `vantaan-kaupunki-liikuntapalvelut`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-")


def organisation_slug(name: str, key: str) -> str:
    """A file name for an organisation: its name in Latin letters, with a short hash of its key
    when the name is mostly in another script (`Общество «Дружба» ry` is not just `ry`)."""
    slug = slugify(name)
    letters = sum(1 for c in name if c.isalnum())
    if len(re.sub(r"[^a-z0-9]", "", slug)) * 2 < letters or not slug:
        slug = "-".join(filter(None, [slug, hashlib.sha256(key.encode()).hexdigest()[:8]]))
    return slug


#: The key and slug of records that name no organisation.
NO_ORGANISATION = "-"


def _organisation_of(record: Record | None) -> tuple[str, LocalizedText, str | None]:
    provider = record.provider if record is not None else None
    if provider is None:
        return NO_ORGANISATION, LocalizedText(), None
    if provider.business_id:
        return provider.business_id, provider.name, provider.business_id
    first = next((text for _, text in provider.name.items()), "")
    return "name:" + " ".join(first.casefold().split()), provider.name, None


def build_report(config: TrayConfig, records: Iterable[Record], hidden: Iterable[HiddenRecord], imports: ImportFacts,
                 duplicates: dict[str, list[tuple[str, str]]], merged: dict[str, list[str]], today: date) -> QualityReport:
    """Run every rule on every shown record (and the hidden-record rule on the hidden ones)."""
    lang = config.default_lang
    registry = config.source_registry
    organisations: dict[str, Organisation] = {}

    def add(record_id: str, record: Record | None, hidden_reason: str | None) -> None:
        key, name, business_id = _organisation_of(record)
        organisation = organisations.get(key)
        if organisation is None:
            organisation = organisations[key] = Organisation(key, name, business_id, "")
        spec = registry.by_prefix(record_id)
        source = record.source if record is not None else (spec.id if spec else "")
        title = record.title if record is not None else LocalizedText(fi=record_id)
        entry = Entry(record_id, title, source, key, record, hidden_reason is not None,
                      spec.link_for(record_id, record.source_url if record else None) if spec else None,
                      f"content/records/{spec.records if spec else source}/{record_id}.md",
                      f"content/overrides/{record_id}.yml")
        facts = Facts(record_id, record, config, today, warnings=imports.warnings.get(record_id, []),
                      duplicates=duplicates.get(record_id, []), merged_with=merged.get(record_id, []),
                      hidden_reason=hidden_reason)
        shown_title = _text(title, lang, config) or record_id
        for rule, finding in check(facts):
            entry.problems.append(Problem(rule.id, rule.severity, record_id, finding.subject, finding.detail, key,
                                          shown_title))
        organisation.entries.append(entry)

    for record in records:
        add(record.id, record, None)
    for item in hidden:
        add(item.id, item.record, item.reason)

    # The organisations with the most to fix first: that is who an editor writes to first.
    ordered = sorted(organisations.values(), key=lambda o: (o.key == NO_ORGANISATION, -o.count("error"),
                                                             -o.count("warning"), -o.count(),
                                                             _text(o.name, lang, config).casefold(), o.key))
    taken: set[str] = set()
    for organisation in ordered:
        base = organisation_slug(_text(organisation.name, lang, config), organisation.key)
        if organisation.key == NO_ORGANISATION:
            base = "no-organisation"
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        organisation.slug = slug
        organisation.entries.sort(key=lambda e: (-len(e.problems), _text(e.title, lang, config).casefold(), e.id))
    return QualityReport(today, config, ordered, imports)


# --- the change since the previous build ---------------------------------------------------------

@dataclass
class PreviousReport:
    """What the next build needs of a previous report.json."""

    generated: str
    problems: list[dict[str, str]]
    change: Change


_PROBLEM_KEYS = ("rule", "severity", "record", "subject", "detail", "organisation", "title")


def _problem_list(items: Any) -> list[dict[str, str]]:
    if not isinstance(items, list):
        return []
    return [{k: str(item.get(k) or "") for k in _PROBLEM_KEYS} for item in items if isinstance(item, dict)]


def _key(problem: dict[str, str]) -> str:
    return f"{problem['rule']}|{problem['record']}|{problem['subject']}"


def previous_problems(text: str) -> PreviousReport | None:
    """A previous report.json, or None when it is not one this version reads."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("problems"), list):
        return None
    change = data.get("change") if isinstance(data.get("change"), dict) else {}
    when = change.get("previous")
    return PreviousReport(str(data.get("generated") or ""), _problem_list(data["problems"]),
                          Change(str(when) if when else None, new=_problem_list(change.get("new_problems")),
                                 fixed=_problem_list(change.get("fixed_problems"))))


def compare(report: QualityReport, previous: PreviousReport | None) -> Change:
    if previous is None:
        return Change(None)
    before = {_key(p): p for p in previous.problems}
    now = {p.key: p.to_json() for p in report.problems}
    if before.keys() == now.keys():
        return previous.change
    return Change(previous.generated, new=[p for key, p in sorted(now.items()) if key not in before],
                  fixed=[p for key, p in sorted(before.items()) if key not in now])


# --- the CSV sent to an organisation -----------------------------------------------------------

#: A spreadsheet runs a cell that starts like this as a formula: such cells get a leading '.
_FORMULA_START = re.compile(r"^[=@\t\r]|^[+-](?![0-9 ()])")


def _cell(value: str) -> str:
    return "'" + value if _FORMULA_START.match(value) else value


def organisation_csv(organisation: Organisation, gettext: Callable[[str], str], subject: Callable[[Rule, str], str],
                     where: Callable[[Rule, Entry], str], lang: str, config: TrayConfig) -> str:
    """One row per problem of one organisation, in one UI language (UTF-8 with a BOM, which
    spreadsheet programs need to read the letters ä and ö right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([gettext("Record"), gettext("Title"), gettext("Severity"), gettext("Problem"), gettext("Concerns"),
                     gettext("Details"), gettext("How to fix it"), gettext("Where"), gettext("At the source")])
    for entry in organisation.entries:
        for problem in entry.problems:
            rule = BY_ID[problem.rule]
            writer.writerow([_cell(v) for v in (
                entry.id, _text(entry.title, lang, config), gettext(SEVERITY_NAMES[problem.severity]),
                gettext(rule.message), subject(rule, problem.subject), problem.detail, gettext(rule.fix),
                where(rule, entry), entry.source_link or "")])
    return "\ufeff" + out.getvalue()


SEVERITY_NAMES = {"error": N_("Error"), "warning": N_("Warning"), "info": N_("Note")}
