"""Duplicates between Lähellä.fi and PTV: which Lähellä.fi records may have a twin, and the
decisions file's header. The matching is the one matcher of the build (tarjotin/matching.py, with
the thresholds of `[duplicates]`), run by the shared step of importers/common/duplicates.py.

Lähellä.fi transfers associations' long-running hobby and support activities to PTV (for
organisations with a business id), so the same activity can arrive from both sources. The
Lähellä.fi import runs after the PTV import and compares its activities of a type in
`duplicates.types` (never an event or volunteering) with the records of `duplicates.against`
(PTV); merged pairs keep the Lähellä.fi id and are written to content/records/lahella/merges.yml.
"""

from __future__ import annotations

from pydantic import Field

from importers.common.duplicates import Decisions, decisions_header, find_duplicates
from importers.common.duplicates import DuplicateSettings as CommonDuplicateSettings
from importers.common.duplicates import decisions_text as _decisions_text
from tarjotin.matching import Match
from tarjotin.merging import merge
from tarjotin.model import Record

HEADER = decisions_header("Lähellä.fi importer (importers/lahella/duplicates.py)", "import-lahella")


class DuplicateSettings(CommonDuplicateSettings):
    """Which Lähellä.fi activities are compared with the other sources (PTV), and where the
    decisions go; the thresholds are `[duplicates]`'s."""

    types: list[str] = Field(default_factory=lambda: ["hobby", "support"])
    """Lähellä.fi activity types that can have a twin: Lähellä.fi transfers only long-running
    hobby and support activities to PTV (never volunteering or events)."""


def may_have_twin(record: Record, activity_type: str, settings: DuplicateSettings) -> bool:
    """A Lähellä.fi record compared with the other sources (an editor's duplicate_of aside)."""
    return activity_type in settings.types and record.kind not in ("event", "volunteering")


def decisions_text(merges: list[Match]) -> str | None:
    """content/records/lahella/merges.yml (deterministic), or None when nothing was merged."""
    return _decisions_text(merges, HEADER)


__all__ = ["DuplicateSettings", "Decisions", "find_duplicates", "merge", "decisions_text", "may_have_twin"]
