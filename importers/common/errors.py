"""Exceptions that end an import run without touching the content on disk."""

from __future__ import annotations


class ImportFailure(Exception):
    """The run cannot be completed; nothing was written. The message says what happened."""


class FetchError(ImportFailure):
    """A request failed for good (after retries) or answered something unusable."""

    def __init__(self, message: str, *, url: str = "", status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


class NotFound(FetchError):
    """The server answered 404 for this URL (an archived or unknown entity)."""


class MalformedResponse(FetchError):
    """The answer was not the JSON we expected (truncated, HTML error page, wrong shape)."""


class RemovalGuardError(ImportFailure):
    """The run would remove a larger share of records than allowed; rerun with --force if intended."""
