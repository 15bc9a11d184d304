"""Classification codes as people type them: one HS normaliser for every part of keruen.

Standard library only, so the pure libraries (`keruen.matching`) and the reference data
(`keruen.reference`) can share it and never disagree about what a code means.
"""

from __future__ import annotations

import re

# What people put between the digits: "5201.00", "5201 00", "0808-30", "5201/00".
_SEPARATORS = re.compile(r"[\s.\-/]")
_DIGITS = re.compile(r"[0-9]+")

HS_MAX_DIGITS = 6  # HS is international down to 6 digits; TN VED / China's tariff lines go on


def clean_hs(code: str) -> str:
    """Separators removed, and the leading zero Excel drops put back.

    HS codes have an even number of digits (2, 4, 6, 8, 10), so an odd count means a lost
    leading zero: '80830' → '080830', '8083000000'[1:] → '0808300000'. Text that is not digits
    after the separators are removed (an HS section such as 'XI') is returned unchanged.
    """
    text = _SEPARATORS.sub("", str(code).strip())
    if _DIGITS.fullmatch(text) and len(text) % 2 == 1:
        text = "0" + text
    return text


def normalize_hs(code: str) -> str:
    """An HS chapter (2), heading (4) or subheading (6 digits) from what a person typed.

    '5201.00', '5201 00', '5201000000' (a 10-digit national line) → '520100'; '80830' →
    '080830'. Raises `ValueError` naming the code when it is not an HS code.
    """
    digits = clean_hs(code)
    if not _DIGITS.fullmatch(digits):
        raise ValueError(f"HS code {code!r} must be digits (separators . - / and spaces allowed)")
    if len(digits) < 2:
        raise ValueError(f"HS code {code!r} needs at least 2 digits")
    return digits[:HS_MAX_DIGITS]
