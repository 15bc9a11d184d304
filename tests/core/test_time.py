from datetime import UTC, date, datetime, time, timedelta

import pytest

from keruen.core.timeutil import local_to_utc, utc_offset, utc_to_local

pytestmark = pytest.mark.unit


def test_kazakhstan_is_utc_plus_5_since_march_2024():
    # tzdata 2024a moved Asia/Almaty from UTC+6 to UTC+5 on 1 March 2024.
    assert utc_offset("Asia/Almaty", datetime(2027, 4, 14, 6, tzinfo=UTC)) == timedelta(hours=5)
    assert utc_offset("Asia/Almaty", datetime(2023, 6, 1, 6, tzinfo=UTC)) == timedelta(hours=6)


def test_bayingol_keeps_beijing_time_and_xinjiang_time_is_two_hours_behind():
    at = datetime(2027, 4, 14, 6, tzinfo=UTC)
    assert utc_offset("Asia/Shanghai", at) == timedelta(hours=8)
    assert utc_offset("Asia/Urumqi", at) == timedelta(hours=6)


def test_a_10_oclock_meeting_in_turkestan_is_13_oclock_in_korla():
    start = local_to_utc(date(2027, 4, 14), time(10, 0), "Asia/Almaty")
    assert start == datetime(2027, 4, 14, 5, 0, tzinfo=UTC)
    assert utc_to_local(start, "Asia/Shanghai").time() == time(13, 0)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        utc_to_local(datetime(2027, 4, 14, 5, 0), "Asia/Almaty")  # noqa: DTZ001
