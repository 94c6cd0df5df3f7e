"""Open data (HSDS 3.0 JSON, CSV, iCalendar) and the accessibility statement."""

from .opendata import register  # noqa: F401
