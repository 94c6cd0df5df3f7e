"""The data-quality report for editors (tarjotin/quality): pages, report.json, a CSV per organisation."""

from .quality import register  # noqa: F401
