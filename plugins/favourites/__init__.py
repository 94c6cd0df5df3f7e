"""Favourites: the favourites page, its per-language record data, share links and the PDF files."""

from .favourites import register  # noqa: F401
