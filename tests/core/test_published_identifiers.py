"""Identifiers checked against values known from outside this code: registration numbers that
companies publish themselves, and those numbers with one character changed.

Sources (as printed by the companies on their own sites, annual reports and invoices):
- BIN 940140000385: Halyk Bank of Kazakhstan JSC; 020240000555: National Company
  KazMunayGas JSC; 971240001315: Kaspi Bank JSC.
- USCC 914403001922038216: Huawei Technologies Co., Ltd.; 91330100716105852F: Alibaba (China)
  Co., Ltd.; 9144030071526726XG: Shenzhen Tencent Computer Systems Co., Ltd.;
  91110108551385082Q: Beijing Xiaomi Technology Co., Ltd.
A single changed character must be caught by both check schemes (BIN: weighted mod 11 with a
second weight pass; USCC: GB 32100-2015 mod 31), which is what the altered values test.
"""

from __future__ import annotations

import pytest

from keruen.core.identifiers import is_valid_bin, is_valid_uscc

pytestmark = pytest.mark.unit

BINS = ["940140000385", "020240000555", "971240001315"]
USCCS = ["914403001922038216", "91330100716105852F", "9144030071526726XG", "91110108551385082Q"]


def _altered(value: str, position: int, alphabet: str) -> str:
    current = value[position]
    replacement = next(c for c in alphabet if c != current)
    return value[:position] + replacement + value[position + 1 :]


@pytest.mark.parametrize("value", BINS)
def test_published_bins_are_valid(value: str) -> None:
    assert is_valid_bin(value)


@pytest.mark.parametrize("value", USCCS)
def test_published_usccs_are_valid(value: str) -> None:
    assert is_valid_uscc(value)


@pytest.mark.parametrize("value", BINS)
def test_a_bin_with_its_check_digit_changed_is_refused(value: str) -> None:
    assert not is_valid_bin(_altered(value, 11, "0123456789"))


@pytest.mark.parametrize("value", USCCS)
def test_a_uscc_with_one_character_changed_is_refused(value: str) -> None:
    assert not is_valid_uscc(_altered(value, 10, "0123456789"))
    assert not is_valid_uscc(_altered(value, 17, "0123456789ABCDEFGHJKLMNPQRTUWXY"))


def test_lengths_and_alphabets_are_enforced() -> None:
    assert not is_valid_bin("94014000038")  # 11 digits
    assert not is_valid_uscc("91440300192203821I")  # I is not in the GB 32100 alphabet
