"""The PDF's fonts: DejaVu Sans from the npm package `dejavu-fonts-ttf`, cut to the scripts we need.

jsPDF embeds the whole TrueType file it is given. The full DejaVu Sans (757 kB, with Bold another
706 kB) would make every PDF ~280 kB and every "Download PDF" a 730 kB download; cut to Latin,
Greek, Cyrillic and Arabic (with the presentation forms jsPDF's Arabic shaping needs) and common
punctuation, each face is ~170 kB (~95 kB gzip) and a PDF with both faces ~70 kB.

Cutting uses fontTools (requirements.txt). The result is deterministic (no timestamps) and cached
under `cache/favourites-fonts/` by a hash of the input, so a build cuts the fonts only once.
Without fontTools, or with FAVOURITES_FONT_SUBSET = False, the whole files are used.
"""

from __future__ import annotations

import hashlib
import io
import logging
from pathlib import Path

logger = logging.getLogger(__name__)

#: Unicode ranges kept in the PDF font (inclusive).
UNICODE_RANGES: list[tuple[int, int]] = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B (ä ö å, Sámi, Estonian, ...)
    (0x02B0, 0x036F),  # spacing modifiers, combining diacritics
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and Cyrillic Supplement
    (0x0600, 0x06FF),  # Arabic
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x206F),  # General Punctuation (– — ’ “ ” • …)
    (0x20A0, 0x20CF),  # currency (€)
    (0x2100, 0x214F),  # letterlike symbols (№, ™)
    (0x2190, 0x21FF),  # arrows
    (0x2212, 0x2212),  # minus
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
    (0xFFFD, 0xFFFD),  # replacement character
]

_VERSION = "1"  # bump when the subsetting options change


def subset_font(data: bytes, cache_dir: Path | None, enabled: bool = True) -> bytes:
    """`data` (a TTF) cut to UNICODE_RANGES; the input unchanged when cutting is off or impossible."""
    if not enabled:
        return data
    try:
        from fontTools import subset, version as fonttools_version
        from fontTools.ttLib import TTFont
    except ImportError:
        logger.warning("Tarjotin favourites: fontTools is not installed; the PDF embeds the whole font")
        return data
    key = hashlib.sha256(data + repr(UNICODE_RANGES).encode() + f"{_VERSION}/{fonttools_version}".encode()).hexdigest()[:20]
    cached = cache_dir / f"{key}.ttf" if cache_dir else None
    if cached and cached.exists():
        return cached.read_bytes()
    options = subset.Options()
    options.layout_features = ["*"]    # Arabic joining forms and ligatures
    options.name_IDs = ["*"]           # keep the copyright and licence notices in the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False            # print and screen PDF viewers do not need TrueType hinting
    options.drop_tables += ["FFTM"]   # FontForge timestamp table
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[u for first, last in UNICODE_RANGES for u in range(first, last + 1)])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    result = out.getvalue()
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(result)
        tmp.replace(cached)
    return result
