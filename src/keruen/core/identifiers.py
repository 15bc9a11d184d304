"""Company identifiers of the partner countries, with their check characters.

- Kazakhstan: BIN (business identification number), 12 digits; the last is a check digit
  computed mod 11 with two weight sets (the second used when the first gives 10; a number for
  which both give 10 is never issued).
- China: Unified Social Credit Code (统一社会信用代码, GB 32100-2015), 18 characters from a
  31-character alphabet without I, O, Z, S, V; the last is a check character computed mod 31
  with weights 3**i mod 31.
"""

from __future__ import annotations

from dataclasses import dataclass

_BIN_WEIGHTS_1 = tuple(range(1, 12))
_BIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


@dataclass(frozen=True)
class IdentifierProblem:
    """Why an identifier is not valid; `code` is stable, `message` is English."""

    code: str
    message: str


def bin_check_digit(first_eleven: str) -> int | None:
    """The BIN check digit for 11 digits, or None when no valid BIN starts with them."""
    if len(first_eleven) != 11 or not first_eleven.isascii() or not first_eleven.isdigit():
        raise ValueError("need exactly 11 digits")
    digits = [int(c) for c in first_eleven]
    check = sum(d * w for d, w in zip(digits, _BIN_WEIGHTS_1, strict=True)) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, _BIN_WEIGHTS_2, strict=True)) % 11
        if check == 10:
            return None
    return check


def normalize_bin(raw: str) -> str:
    """Strip spaces and dashes that people type into BINs ('070 940 001 234')."""
    return "".join(c for c in str(raw).strip() if c not in " -\u00a0")


def bin_problem(raw: str) -> IdentifierProblem | None:
    """None when `raw` is a valid BIN, else what is wrong with it."""
    value = normalize_bin(raw)
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        return IdentifierProblem("bin_format", "a BIN has exactly 12 digits")
    expected = bin_check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        return IdentifierProblem("bin_check", "the BIN's check digit (the 12th) is wrong")
    return None


def uscc_check_char(first_seventeen: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a USCC."""
    value = first_seventeen.upper()
    if len(value) != 17 or any(c not in USCC_ALPHABET for c in value):
        raise ValueError("need 17 characters from the USCC alphabet")
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(value, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalize_uscc(raw: str) -> str:
    return "".join(c for c in str(raw).strip().upper() if c not in " -\u00a0")


def uscc_problem(raw: str) -> IdentifierProblem | None:
    """None when `raw` is a valid Unified Social Credit Code, else what is wrong with it."""
    value = normalize_uscc(raw)
    if len(value) != 18:
        return IdentifierProblem("uscc_format", "a Unified Social Credit Code has 18 characters")
    bad = [c for c in value if c not in USCC_ALPHABET]
    if bad:
        return IdentifierProblem(
            "uscc_format",
            f"character {bad[0]!r} is not allowed in a Unified Social Credit Code "
            "(digits and capital letters except I, O, Z, S, V)",
        )
    if uscc_check_char(value[:17]) != value[17]:
        return IdentifierProblem(
            "uscc_check", "the Unified Social Credit Code's check character (the 18th) is wrong"
        )
    return None


def is_valid_bin(raw: str) -> bool:
    return bin_problem(raw) is None


def is_valid_uscc(raw: str) -> bool:
    return uscc_problem(raw) is None
