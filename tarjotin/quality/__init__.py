"""The data-quality report for editors: which records of which organisation lack what, how to
fix it and where (docs/quality.md).

    rules.py    the problems, one `Rule` declaration each (id, severity, message, fix, where, check)
    inputs.py   what the rules read besides the records: import reports, duplicates, hidden records
    report.py   the report: rules run on every record, per organisation, JSON, CSV, change since last build

plugins/quality builds it with the site (pages for editors, not linked from resident pages).
"""

from .inputs import duplicate_findings, hidden_by_overrides, import_facts
from .report import QualityReport, build_report, compare, organisation_csv, previous_problems
from .rules import BY_ID, RULES, Rule

__all__ = ["RULES", "BY_ID", "Rule", "QualityReport", "build_report", "compare", "previous_problems",
           "organisation_csv", "import_facts", "duplicate_findings", "hidden_by_overrides"]
