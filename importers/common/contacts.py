"""Collecting a record's phones, e-mails and web pages, whatever the source.

Each value is checked against the record model (`Phone`, e-mail syntax, `WebLink`) and kept once,
in the order found; an unusable value becomes a warning (`invalid_phone`, `invalid_email`,
`invalid_url`) instead of failing the whole record. Reading the source's own shapes (PTV's
prefix numbers and per-language labels, Lähellä.fi's contact traits) stays in each importer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from email_validator import EmailNotValidError, validate_email
from pydantic import ValidationError

from tarjotin.model import Phone, WebLink


class ContactCollector:
    """Phones, e-mails and web pages of one record; `warn(kind, message)` reports what is left out."""

    def __init__(self, warn: Callable[[str, str], None]):
        self.warn = warn
        self.phones: list[dict[str, Any]] = []
        self.emails: list[str] = []
        self.websites: list[dict[str, Any]] = []

    def add_phone(self, number: str, *, label: dict[str, str] | None = None,
                  charge: dict[str, str] | None = None, shown: Any = None) -> None:
        """Keep a formatted number; `shown` is how the source wrote it (for the warning)."""
        if any(p["number"] == number for p in self.phones):
            return
        data: dict[str, Any] = {"number": number}
        if label:
            data["label"] = dict(label)
        if charge:
            data["charge"] = dict(charge)
        try:
            Phone.model_validate(data)
        except ValidationError:
            self.warn("invalid_phone", f"phone number {shown if shown is not None else number!r} is not usable; left out")
            return
        self.phones.append(data)

    def add_email(self, value: Any) -> None:
        text = str(value or "").strip().removeprefix("mailto:")
        if not text:
            return
        try:
            email = validate_email(text, check_deliverability=False).normalized
        except EmailNotValidError:
            self.warn("invalid_email", f"e-mail address {text!r} is not valid; left out")
            return
        if email not in self.emails:
            self.emails.append(email)

    def add_website(self, url: str, *, label: dict[str, str] | None = None, shown: Any = None) -> None:
        """Keep a web address (the first label wins for an address seen twice)."""
        try:
            url = WebLink.model_validate({"url": url}).url
        except ValidationError:
            self.warn("invalid_url", f"web address {shown if shown is not None else url!r} is not usable; left out")
            return
        if any(w["url"] == url for w in self.websites):
            return
        item: dict[str, Any] = {"url": url}
        if label:
            item["label"] = dict(label)
        self.websites.append(item)

    def as_dict(self) -> dict[str, Any]:
        return {"phones": self.phones, "emails": self.emails, "websites": self.websites}
