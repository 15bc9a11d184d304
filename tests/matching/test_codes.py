"""One HS normaliser: matching and the reference data read a typed code the same way."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from keruen.core.codes import normalize_hs
from keruen.matching import OrganizationProfile
from keruen.reference.taxonomy import hs

pytestmark = pytest.mark.unit


AS_TYPED = [
    ("80830", "080830"),  # Excel dropped the leading zero of a subheading
    ("808", "0808"),
    ("5201.00", "520100"),
    ("5201 00", "520100"),
    ("0808-30", "080830"),
    ("52", "52"),
]


@pytest.mark.parametrize(("typed", "expected"), AS_TYPED)
def test_matching_and_reference_read_a_code_alike(typed: str, expected: str) -> None:
    org = OrganizationProfile(id="a", side="KZ", hs_offers=[typed])
    assert org.hs_offers == (expected,)
    assert hs().normalize(typed) == expected
    assert hs().get(typed) is not None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("5201000000", "520100"), ("808300000", "080830")],  # national lines, one lost its zero
)
def test_matching_cuts_national_lines_to_six_digits(typed: str, expected: str) -> None:
    assert normalize_hs(typed) == expected


def test_an_apple_code_typed_without_its_zero_is_the_apple_heading() -> None:
    org = OrganizationProfile(id="a", side="KZ", hs_offers=["80830"])
    entry = hs().get("80830")
    assert entry is not None
    assert entry.code == org.hs_offers[0] == "080830"


@pytest.mark.parametrize("typed", ["HS 5201", "52O1", ""])
def test_a_code_that_is_not_hs_is_refused_with_the_code_named(typed: str) -> None:
    with pytest.raises(ValidationError, match="hs_offers") as error:
        OrganizationProfile(id="a", side="KZ", hs_offers=[typed])
    assert repr(typed) in str(error.value)
