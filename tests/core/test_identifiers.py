import pytest
from hypothesis import given
from hypothesis import strategies as st

from keruen.core.identifiers import (
    USCC_ALPHABET,
    bin_check_digit,
    bin_problem,
    uscc_check_char,
    uscc_problem,
)

pytestmark = pytest.mark.unit


def test_a_published_uscc_is_valid_and_a_changed_check_character_is_not():
    # The example printed in GB 32100-2015 explanations.
    assert uscc_problem("91350100M000100Y43") is None
    problem = uscc_problem("91350100M000100Y44")
    assert problem is not None and problem.code == "uscc_check"


def test_uscc_rejects_letters_outside_its_alphabet_and_wrong_length():
    assert uscc_problem("91350100M000100YO3").code == "uscc_format"  # letter O is not used
    assert uscc_problem("91350100M000100Y4").code == "uscc_format"


def test_bin_check_digit_is_verified():
    first = "07094000123"
    check = bin_check_digit(first)
    assert check is not None
    assert bin_problem(first + str(check)) is None
    wrong = (check + 1) % 10
    assert bin_problem(first + str(wrong)).code == "bin_check"
    assert bin_problem("0709400012").code == "bin_format"
    assert bin_problem("07094000123A").code == "bin_format"


def test_bin_spaces_are_tolerated():
    first = "07094000123"
    value = first + str(bin_check_digit(first))
    assert bin_problem(f"{value[:3]} {value[3:6]} {value[6:9]} {value[9:]}") is None


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_any_uscc_completed_with_its_check_character_is_valid(first17):
    assert uscc_problem(first17 + uscc_check_char(first17)) is None


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_bin_check_digit_either_completes_a_valid_bin_or_says_none_exists(first11):
    check = bin_check_digit(first11)
    if check is None:
        assert all(bin_problem(first11 + str(d)) is not None for d in range(10))
    else:
        assert bin_problem(first11 + str(check)) is None
