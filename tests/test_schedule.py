from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.schedule import START_ONLY_DURATION, Occurrence, Slot, next_occurrences

AMS = ZoneInfo("Europe/Amsterdam")
UTC = timezone.utc
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

TUE_THU = [Slot(TUE, time(9), time(12)), Slot(THU, time(13), time(16))]


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMS)


def days(result: list[Occurrence]) -> list[date]:
    return [o.day for o in result]


# --- plain weekly slots ----------------------------------------------------


def test_from_monday_next_is_tuesday_then_thursday():
    got = next_occurrences(TUE_THU, now=local(2026, 11, 23, 10, 0), count=3)
    assert got == [
        Occurrence(date(2026, 11, 24), time(9), time(12)),
        Occurrence(date(2026, 11, 26), time(13), time(16)),
        Occurrence(date(2026, 12, 1), time(9), time(12)),
    ]


def test_default_count_is_one():
    assert days(next_occurrences(TUE_THU, now=local(2026, 11, 23, 10, 0))) == [date(2026, 11, 24)]


def test_today_counts_before_the_end():
    got = next_occurrences(TUE_THU, now=local(2026, 11, 24, 11, 59))
    assert days(got) == [date(2026, 11, 24)]


def test_today_after_end_time_moves_on():
    # At exactly the end time the desk is closing; do not send anyone there.
    for now in (local(2026, 11, 24, 12, 0), local(2026, 11, 24, 15, 0)):
        assert days(next_occurrences(TUE_THU, now=now)) == [date(2026, 11, 26)]


def test_today_with_unknown_hours_counts_all_day():
    slots = [Slot(TUE), Slot(THU)]
    got = next_occurrences(slots, now=local(2026, 11, 24, 23, 59))
    assert got == [Occurrence(date(2026, 11, 24))]


def test_start_without_end_is_over_an_hour_after_start():
    slots = [Slot(TUE, time(9)), Slot(THU, time(9))]
    assert START_ONLY_DURATION == timedelta(hours=1)
    assert days(next_occurrences(slots, now=local(2026, 11, 24, 9, 59))) == [date(2026, 11, 24)]
    assert days(next_occurrences(slots, now=local(2026, 11, 24, 10, 0))) == [date(2026, 11, 26)]


def test_hours_are_never_invented():
    got = next_occurrences([Slot(TUE)], now=local(2026, 11, 23, 10, 0))
    assert got[0].start is None and got[0].end is None


def test_two_slots_on_one_day_are_both_returned_in_time_order():
    slots = [Slot(TUE, time(13), time(15)), Slot(TUE, time(9), time(11))]
    got = next_occurrences(slots, now=local(2026, 11, 23, 10, 0), count=2)
    assert got == [
        Occurrence(date(2026, 11, 24), time(9), time(11)),
        Occurrence(date(2026, 11, 24), time(13), time(15)),
    ]


def test_duplicate_slots_give_unique_occurrences():
    got = next_occurrences([Slot(TUE), Slot(TUE)], now=local(2026, 11, 23), count=2)
    assert days(got) == [date(2026, 11, 24), date(2026, 12, 1)]


def test_empty_slots_give_empty_list():
    assert next_occurrences([], now=local(2026, 11, 23, 10, 0), count=5) == []


def test_nothing_within_horizon_gives_empty_list():
    # Monday now, only Tuesday slots, horizon of one day (= today only).
    assert next_occurrences(TUE_THU, now=local(2026, 11, 23, 10, 0), horizon_days=1) == []
    assert days(next_occurrences(TUE_THU, now=local(2026, 11, 23, 10, 0), horizon_days=2)) == [
        date(2026, 11, 24)
    ]


def test_fewer_than_count_when_horizon_runs_out():
    got = next_occurrences([Slot(TUE)], now=local(2026, 11, 23), count=10, horizon_days=14)
    assert days(got) == [date(2026, 11, 24), date(2026, 12, 1)]


# --- holidays, closed and extra dates ----------------------------------------


def test_christmas_and_new_year_are_skipped():
    # 2025: 25 Dec is a Thursday, 26 Dec a Friday, 1 Jan 2026 a Thursday.
    slots = [Slot(THU), Slot(FRI)]
    got = next_occurrences(slots, now=local(2025, 12, 24, 10, 0), count=3)
    assert days(got) == [date(2026, 1, 2), date(2026, 1, 8), date(2026, 1, 9)]


def test_christmas_week_with_tuesday_thursday():
    got = next_occurrences(TUE_THU, now=local(2025, 12, 24, 10, 0), count=3)
    assert days(got) == [date(2025, 12, 30), date(2026, 1, 6), date(2026, 1, 8)]


def test_holidays_can_be_ignored_for_offices_that_open():
    got = next_occurrences([Slot(THU)], now=local(2025, 12, 24, 10, 0), open_on_holidays=True)
    assert days(got) == [date(2025, 12, 25)]


def test_koningsdag_on_the_27th():
    # 27 April 2027 is a Tuesday.
    got = next_occurrences(TUE_THU, now=local(2027, 4, 26, 10, 0))
    assert days(got) == [date(2027, 4, 29)]


def test_koningsdag_moves_to_the_26th_when_the_27th_is_a_sunday():
    # 27 April 2025 is a Sunday, so Koningsdag is Saturday 26 April;
    # the package must know that, and must not also close the Sunday.
    nl = holidays.country_holidays("NL", years=[2025])
    assert date(2025, 4, 26) in nl and date(2025, 4, 27) not in nl
    got = next_occurrences([Slot(SAT), Slot(SUN)], now=local(2025, 4, 25, 10, 0), count=2)
    assert days(got) == [date(2025, 4, 27), date(2025, 5, 3)]


def test_listed_closed_date_is_skipped():
    got = next_occurrences(
        TUE_THU, now=local(2026, 11, 23, 10, 0), closed=[date(2026, 11, 24)], count=2
    )
    assert days(got) == [date(2026, 11, 26), date(2026, 12, 1)]


def test_extra_date_is_added_in_order():
    extra = Occurrence(date(2026, 11, 25), time(18), time(20))
    got = next_occurrences(TUE_THU, now=local(2026, 11, 23, 10, 0), extra=[extra], count=3)
    assert got == [
        Occurrence(date(2026, 11, 24), time(9), time(12)),
        extra,
        Occurrence(date(2026, 11, 26), time(13), time(16)),
    ]


def test_extra_date_on_a_weekend_with_no_slots():
    extra = Occurrence(date(2026, 11, 28))
    assert next_occurrences([], now=local(2026, 11, 23), extra=[extra]) == [extra]


def test_extra_that_equals_a_regular_slot_is_not_doubled():
    extra = Occurrence(date(2026, 11, 24), time(9), time(12))
    got = next_occurrences(TUE_THU, now=local(2026, 11, 23), extra=[extra], count=2)
    assert days(got) == [date(2026, 11, 24), date(2026, 11, 26)]


def test_closed_dates_and_holidays_win_over_extra_dates():
    extras = [Occurrence(date(2026, 11, 25)), Occurrence(date(2026, 12, 25))]
    got = next_occurrences(
        [], now=local(2026, 11, 23), extra=extras, closed=[date(2026, 11, 25)], count=5
    )
    assert got == []


def test_extra_in_the_past_or_already_over_is_ignored():
    extras = [
        Occurrence(date(2026, 11, 20)),
        Occurrence(date(2026, 11, 23), time(8), time(9)),
    ]
    assert next_occurrences([], now=local(2026, 11, 23, 10, 0), extra=extras) == []


def test_extra_beyond_horizon_is_ignored():
    extra = Occurrence(date(2027, 6, 1))
    assert next_occurrences([], now=local(2026, 11, 23), extra=[extra], horizon_days=120) == []


# --- time zones and DST ------------------------------------------------------


def test_spring_dst_switch_changes_utc_start():
    # Clocks go forward on Sunday 29 March 2026.
    monday = [Slot(MON, time(9), time(12))]
    before, after = next_occurrences(monday, now=local(2026, 3, 20, 12, 0), count=2)
    assert (before.day, after.day) == (date(2026, 3, 23), date(2026, 3, 30))
    assert before.starts_at().astimezone(UTC) == datetime(2026, 3, 23, 8, 0, tzinfo=UTC)
    assert after.starts_at().astimezone(UTC) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert after.ends_at().astimezone(UTC) == datetime(2026, 3, 30, 10, 0, tzinfo=UTC)
    assert after.start == time(9)  # wall-clock hours stay as published


def test_autumn_dst_switch_changes_utc_start():
    # Clocks go back on Sunday 25 October 2026.
    monday = [Slot(MON, time(9), time(12))]
    before, after = next_occurrences(monday, now=local(2026, 10, 16, 12, 0), count=2)
    assert (before.day, after.day) == (date(2026, 10, 19), date(2026, 10, 26))
    assert before.starts_at().astimezone(UTC) == datetime(2026, 10, 19, 7, 0, tzinfo=UTC)
    assert after.starts_at().astimezone(UTC) == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)


def test_end_of_today_respects_dst_offset():
    monday = [Slot(MON, time(9), time(12))]
    # 10:30 UTC is 12:30 in summer time (over) but 11:30 in winter time (open).
    summer = next_occurrences(monday, now=datetime(2026, 3, 30, 10, 30, tzinfo=UTC))
    winter = next_occurrences(monday, now=datetime(2026, 3, 23, 10, 30, tzinfo=UTC))
    # Not today; and 6 April is Easter Monday, so the next one is 13 April.
    assert days(summer) == [date(2026, 4, 13)]
    assert days(winter) == [date(2026, 3, 23)]


def test_on_the_dst_sunday_itself():
    sunday = [Slot(SUN, time(9), time(12))]
    got = next_occurrences(sunday, now=datetime(2026, 3, 29, 9, 30, tzinfo=UTC))
    # 09:30 UTC is 11:30 CEST on the switch day: still open.
    assert days(got) == [date(2026, 3, 29)]
    assert got[0].starts_at().utcoffset() == timedelta(hours=2)


def test_utc_now_near_midnight_uses_local_date():
    # Monday 23:30 UTC is already Tuesday 00:30 in Amsterdam.
    slots = [Slot(MON), Slot(TUE, time(9), time(12))]
    got = next_occurrences(slots, now=datetime(2026, 11, 23, 23, 30, tzinfo=UTC))
    assert got == [Occurrence(date(2026, 11, 24), time(9), time(12))]


def test_utc_now_near_midnight_in_summer():
    # Monday 22:30 UTC in June is Tuesday 00:30 CEST; the Monday slot is gone.
    got = next_occurrences([Slot(MON)], now=datetime(2026, 6, 1, 22, 30, tzinfo=UTC))
    assert days(got) == [date(2026, 6, 8)]


def test_local_date_can_also_lag_behind_another_zone():
    # 06:00 Tuesday in Tokyo is still Monday 22:00 in Amsterdam.
    tokyo = ZoneInfo("Asia/Tokyo")
    got = next_occurrences([Slot(MON)], now=datetime(2026, 11, 24, 6, 0, tzinfo=tokyo))
    assert days(got) == [date(2026, 11, 23)]


def test_other_office_time_zone():
    # For an office in Curaçao-like UTC-4, 02:00 UTC Tuesday is still Monday.
    got = next_occurrences(
        [Slot(MON)], now=datetime(2026, 11, 24, 2, 0, tzinfo=UTC), tz="America/Curacao",
        open_on_holidays=True,
    )
    assert days(got) == [date(2026, 11, 23)]


# --- input checks ------------------------------------------------------------


def test_naive_now_is_rejected():
    with pytest.raises(ValueError, match="aware"):
        next_occurrences(TUE_THU, now=datetime(2026, 11, 23, 10, 0))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weekday": 7},
        {"weekday": -1},
        {"weekday": TUE, "end": time(12)},
        {"weekday": TUE, "start": time(12), "end": time(9)},
        {"weekday": TUE, "start": time(12), "end": time(12)},
    ],
)
def test_bad_slots_are_rejected(kwargs):
    with pytest.raises(ValueError):
        Slot(**kwargs)


def test_bad_counts_and_horizons_are_rejected():
    with pytest.raises(ValueError):
        next_occurrences(TUE_THU, now=local(2026, 11, 23), count=-1)
    with pytest.raises(ValueError):
        next_occurrences(TUE_THU, now=local(2026, 11, 23), horizon_days=0)
    assert next_occurrences(TUE_THU, now=local(2026, 11, 23), count=0) == []


# --- property ----------------------------------------------------------------

ZONES = [UTC, AMS, ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")]

hours = st.one_of(
    st.just((None, None)),
    st.builds(lambda h: (time(h), None), st.integers(0, 23)),
    st.builds(lambda h, d: (time(h), time(h + d)), st.integers(0, 20), st.integers(1, 3)),
)
slots_st = st.lists(
    st.builds(lambda w, hs: Slot(w, *hs), st.integers(0, 6), hours), max_size=5
)


@settings(deadline=None, max_examples=200)
@given(
    slots=slots_st,
    now=st.datetimes(
        min_value=datetime(2024, 1, 1), max_value=datetime(2035, 12, 31),
        timezones=st.sampled_from(ZONES),
    ),
    closed_offsets=st.lists(st.integers(-3, 60), max_size=10),
    extra_specs=st.lists(st.tuples(st.integers(-5, 130), hours), max_size=5),
    open_on_holidays=st.booleans(),
    count=st.integers(0, 12),
    horizon_days=st.integers(1, 150),
)
def test_property_results_are_valid(
    slots, now, closed_offsets, extra_specs, open_on_holidays, count, horizon_days
):
    today = now.astimezone(AMS).date()
    closed = {today + timedelta(days=n) for n in closed_offsets}
    extra = [Occurrence(today + timedelta(days=n), *hs) for n, hs in extra_specs]
    kwargs = dict(
        now=now, closed=closed, extra=extra, open_on_holidays=open_on_holidays,
        horizon_days=horizon_days,
    )
    got = next_occurrences(slots, count=count, **kwargs)

    nl = holidays.country_holidays("NL", years=range(today.year - 1, today.year + 2))
    weekly = {(s.weekday, s.start, s.end) for s in slots}
    assert len(got) <= count
    assert len(set(got)) == len(got)
    # Documented order: by day, then unknown hours before known ones.
    order = [
        (o.day, o.start is not None, o.start or time.min, o.end is not None, o.end or time.min)
        for o in got
    ]
    assert order == sorted(order)
    for o in got:
        assert (o.day.weekday(), o.start, o.end) in weekly or o in extra
        assert o.day not in closed
        if not open_on_holidays:
            assert o.day not in nl
        assert today <= o.day < today + timedelta(days=horizon_days)
        if o.day == today and o.start is not None:
            end = o.ends_at() or o.starts_at() + START_ONLY_DURATION
            assert now < end
    # Asking for more never changes the first answers.
    more = next_occurrences(slots, count=count + 3, **kwargs)
    assert more[: len(got)] == got
    assert len(got) == count or more == got
