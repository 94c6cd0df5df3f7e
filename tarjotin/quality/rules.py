"""The data-quality rules: one declaration per problem an editor can act on.

Each `Rule` says what is wrong (`message`, an English msgid translated through the UI catalogs),
how bad it is (`severity`), how to fix it (`fix`) and where (`where`: at the record's source —
PTV, Lähellä.fi, or the record file for the editors' own records —, by an override here, or in the
importers' mapping tables in tray.toml). Its `check` looks at one record's `Facts` and yields a
`Finding` per problem: the `subject` (a language, a place, a code, another record's id) tells one
problem of a record from another, so that a build can say which problems are new and which were
fixed since the previous one.

Adding a rule is one more `Rule(...)` in `RULES` (and its strings in the catalogs: `invoke messages`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from tarjotin.config import TrayConfig
from tarjotin.model import Location, Record

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
#: Where a problem is fixed: at the record's source (PTV, Lähellä.fi, or the editors' record
#: file), by an override in content/overrides/, or in the importers' mapping tables (tray.toml).
Where = Literal["source", "override", "mapping"]


def N_(msgid: str) -> str:
    """Marks a msgid for `invoke messages`; translated when the report is shown."""
    return msgid


@dataclass(frozen=True)
class Finding:
    """One problem of one record: `subject` tells it from the record's other problems of the
    same rule (and stays the same from build to build); `detail` is shown as it is."""

    subject: str = ""
    detail: str = ""


@dataclass
class Facts:
    """What the rules know about one record besides the record itself."""

    record_id: str
    record: Record | None
    """The record as shown; for a hidden record what its file holds (None when unreadable)."""
    config: TrayConfig
    today: date
    warnings: list[dict[str, str]] = field(default_factory=list)
    """The last import report's warnings about this record ({kind, message})."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(other record id, why) of records this one may duplicate, not merged."""
    merged_with: list[str] = field(default_factory=list)
    """Records merged into this one (hidden, shown as this one)."""
    hidden_reason: str | None = None
    """Set (possibly to "") when an editor's override hides the record."""

    def warned(self, *kinds: str) -> list[dict[str, str]]:
        return [w for w in self.warnings if w.get("kind") in kinds]


@dataclass(frozen=True)
class Rule:
    """One kind of problem."""

    id: str
    """Stable id, used in the JSON, the CSV and the change since the previous build."""
    severity: Severity
    """error: residents are misled or cannot find it; warning: a resident misses something; info: worth a look."""
    message: str
    """What is wrong (English msgid)."""
    fix: str
    """How to fix it (English msgid)."""
    where: tuple[Where, ...]
    """Where it is fixed, in the order to try."""
    check: Callable[[Facts], Iterable[Finding]]
    subject: Literal["", "language", "place", "code", "record", "contact"] = ""
    """What a finding's `subject` is, for showing it (a language code is shown by its name)."""
    hidden: bool = False
    """Checked on records that an override hides (all other rules look only at shown records)."""


# --- checks -------------------------------------------------------------------------------------

def _languages(facts: Facts) -> list[str]:
    return facts.config.quality.languages or list(facts.config.languages.ui)


def _missing_title(facts: Facts) -> Iterator[Finding]:
    for lang in _languages(facts):
        if not facts.record.title.get(lang):
            yield Finding(lang)


def _missing_summary(facts: Facts) -> Iterator[Finding]:
    for lang in _languages(facts):
        if not facts.record.summary.get(lang):
            yield Finding(lang)


def _no_description(facts: Facts) -> Iterator[Finding]:
    if not facts.record.description:
        yield Finding()


def _no_age_group(facts: Facts) -> Iterator[Finding]:
    if not facts.record.age_groups:
        yield Finding()


def _no_theme(facts: Facts) -> Iterator[Finding]:
    if facts.record.themes:
        return
    # Name what the source classified it as, when the record or the importer kept it.
    said = [w["message"] for w in facts.warned("no_theme")]
    codes = facts.record.source_codes
    detail = "; ".join(([f"source codes: {', '.join(codes)}"] if codes else []) + said)
    yield Finding("", detail)


def _place_name(location: Location, index: int) -> str:
    for text in (location.name, location.street_address):
        if text:
            return text.get("fi") or next(t for _, t in text.items())
    return f"#{index + 1}"


def _no_coordinates(facts: Facts) -> Iterator[Finding]:
    for index, location in enumerate(facts.record.locations):
        if location.latitude is None:
            yield Finding(_place_name(location, index))


def _no_postal_code(facts: Facts) -> Iterator[Finding]:
    said = [w["message"] for w in facts.warned("invalid_postal_code")]
    for index, location in enumerate(facts.record.locations):
        if location.street_address and not location.postal_code:
            yield Finding(_place_name(location, index), "; ".join(said))


def _no_opening_hours(facts: Facts) -> Iterator[Finding]:
    record = facts.record
    if record.kind == "event":
        return  # its dates are its hours
    hours = [record.opening_hours] + [loc.opening_hours for loc in record.locations]
    if all(h is None or h.is_empty() for h in hours):
        yield Finding()


def _event_without_end(facts: Facts) -> Iterator[Finding]:
    if facts.record.event is not None and facts.record.event.end is None:
        yield Finding()


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _stale(facts: Facts) -> Iterator[Finding]:
    modified = facts.record.modified
    if modified is None:
        return
    when = modified.date()
    if when < months_before(facts.today, facts.config.quality.stale_months):
        yield Finding("", f"modified {when.isoformat()}")


def _unknown_code(facts: Facts) -> Iterator[Finding]:
    seen = set()
    for code in facts.record.source_codes:
        seen.add(code)
        said = [w["message"] for w in facts.warned("unknown_code") if repr(code) in w.get("message", "")]
        yield Finding(code, "; ".join(said))
    for warning in facts.warned("unknown_code", "invalid_language"):
        quoted = re.search(r"'([^']{1,80})'", warning.get("message", ""))
        code = quoted.group(1) if quoted else warning.get("message", "")[:80]
        if code not in seen:
            seen.add(code)
            yield Finding(code, warning.get("message", ""))


def _possible_duplicate(facts: Facts) -> Iterator[Finding]:
    for other, why in facts.duplicates:
        yield Finding(other, why)


def _merged(facts: Facts) -> Iterator[Finding]:
    for other in facts.merged_with:
        yield Finding(other)


def _no_contacts(facts: Facts) -> Iterator[Finding]:
    record = facts.record
    if record.contacts.is_empty() and not (record.provider and record.provider.url):
        yield Finding()


#: Import warnings about a contact detail the importer had to leave out.
CONTACT_WARNINGS = ("invalid_phone", "invalid_email", "invalid_url")


def _malformed_contact(facts: Facts) -> Iterator[Finding]:
    for warning in facts.warned(*CONTACT_WARNINGS):
        message = warning.get("message", "")
        quoted = re.search(r"'([^']{1,120})'", message)
        yield Finding(quoted.group(1) if quoted else message[:120], message)


def _insecure_web_address(facts: Facts) -> Iterator[Finding]:
    for site in facts.record.contacts.websites:
        if site.url.startswith("http://"):
            yield Finding(site.url)


def _hidden(facts: Facts) -> Iterator[Finding]:
    if facts.hidden_reason is not None:
        yield Finding("", facts.hidden_reason)


# --- the rules ----------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule("no_theme", "error", N_("No theme: the record is on no theme page and no theme filter finds it"),
         N_("Add a theme with an override (add: themes), or extend the importer's theme mapping in tray.toml "
            "so that the source's classification named here gives one."),
         ("override", "mapping"), _no_theme),
    Rule("malformed_contact", "error", N_("A phone number, e-mail or web address is malformed"),
         N_("Correct the contact detail at the source; the tray leaves a malformed one out."),
         ("source",), _malformed_contact, subject="contact"),
    Rule("missing_title", "warning", N_("No title in this language"),
         N_("Add the name in this language at the source, or with an override (set: title)."),
         ("source", "override"), _missing_title, subject="language"),
    Rule("missing_summary", "warning", N_("No summary in this language"),
         N_("Add a one- or two-sentence summary in this language at the source, or with an override (set: summary)."),
         ("source", "override"), _missing_summary, subject="language"),
    Rule("no_description", "warning", N_("No description"),
         N_("Add a description at the source: what it is, for whom, how to take part."),
         ("source", "override"), _no_description),
    Rule("no_coordinates", "warning", N_("A place without coordinates: not on the map or in the distance search"),
         N_("Add the place's coordinates or a full street address at the source."),
         ("source",), _no_coordinates, subject="place"),
    Rule("no_postal_code", "warning", N_("A place without a postal code"),
         N_("Add the five-digit postal code to the address at the source."),
         ("source", "override"), _no_postal_code, subject="place"),
    Rule("no_opening_hours", "warning", N_("No opening hours"),
         N_("Add the opening hours (or a note such as “by appointment”) at the source."),
         ("source", "override"), _no_opening_hours),
    Rule("event_without_end", "warning", N_("An event without an end time"),
         N_("Add the end time of the event at the source."),
         ("source", "override"), _event_without_end),
    Rule("stale", "warning", N_("Not updated at the source for a long time"),
         N_("Ask the organisation to check the record and save it at the source, or hide it with an override if "
            "the service has ended."),
         ("source", "override"), _stale),
    Rule("no_contacts", "warning", N_("No phone number, e-mail or web address"),
         N_("Add at least one way to contact the service at the source."),
         ("source", "override"), _no_contacts),
    Rule("possible_duplicate", "warning", N_("Possibly the same service as another record"),
         N_("If it is the same service, merge them with duplicate_of in an override; if not, write "
            "not_duplicate_of so that it is not asked again."),
         ("override",), _possible_duplicate, subject="record"),
    Rule("no_age_group", "info", N_("No target group or age group: listed for everyone"),
         N_("Add the target group at the source, or add age groups with an override (add: age_groups)."),
         ("source", "override"), _no_age_group),
    Rule("insecure_web_address", "info", N_("A web address without https://"),
         N_("Ask the organisation whether the page also opens with https:// and correct the address at the source."),
         ("source", "override"), _insecure_web_address, subject="contact"),
    Rule("unknown_code", "info", N_("A source code the mapping tables do not know"),
         N_("Add the code to the importer's mapping tables in tray.toml, or ask the source to correct it."),
         ("mapping", "source"), _unknown_code, subject="code"),
    Rule("merged_duplicate", "info", N_("Merged with a record of another source, shown once"),
         N_("Nothing to do if they are the same service; if not, write not_duplicate_of in an override."),
         ("override",), _merged, subject="record"),
    Rule("hidden_by_override", "info", N_("Hidden by an override"),
         N_("Check that the reason still holds; remove hide: true from the override to show the record again."),
         ("override",), _hidden, hidden=True),
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

#: How each place of `Rule.where` is named for a record (the editors' own records have no source
#: but their file, and need no override: they are corrected in the file).
WHERE_TEXTS = {
    "source": N_("At the source: %(source)s"),
    "file": N_("In the record file %(file)s"),
    "override": N_("By an override here: %(file)s"),
    "mapping": N_("In the importer's mapping tables in tray.toml ([%(section)s])"),
}
NO_ORGANISATION_NAME = N_("No organisation named")


def check(facts: Facts) -> Iterator[tuple[Rule, Finding]]:
    """Every problem of one record, rule by rule in declaration order."""
    hidden = facts.hidden_reason is not None
    for rule in RULES:
        if rule.hidden != hidden or (facts.record is None and not rule.hidden):
            continue
        for finding in rule.check(facts):
            yield rule, finding
