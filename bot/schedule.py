"""When is the next consultation hour (spreekuur)?

Municipal sources are vague ("on Tuesday and Thursday mornings", "on Tuesday")
and the people asking cannot easily phone to check, so the rules here lean
towards never sending someone to a closed door and never inventing hours:

* A slot without published hours stays without hours; we only say "Tuesday".
* Dutch public holidays (``holidays.country_holidays("NL")``: New Year, Good
  Friday, Easter, Koningsdag — moved to the 26th when the 27th is a Sunday —,
  Liberation Day in lustrum years, Ascension, Whit Monday, Christmas) are
  skipped unless the caller knows the office opens on them
  (``open_on_holidays``). Good Friday is in the package's list although some
  offices open then; skipping it costs a later answer, not a wasted trip.
* ``closed`` dates and holidays win over ``extra`` dates: an extra date that
  collides with a known closure is more likely a data error than an opening.
  Pass ``open_on_holidays=True`` when an office really opens on a holiday.

All dates and times are wall-clock values in the office's time zone, which is
why ``now`` must be tz-aware: a server running in UTC at 23:30 on Monday is
already in Tuesday in Amsterdam.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Iterable
from zoneinfo import ZoneInfo

import holidays

__all__ = ["Slot", "Occurrence", "next_occurrences", "START_ONLY_DURATION"]

# A slot with a start but no end: we do not know when it finishes, but saying
# "today" at 16:00 for a 09:00 spreekuur would send people to a closed desk.
# An hour is the shortest consultation hour we have seen in the sources, so
# after start + 1h we stop offering today and point to the next date instead.
START_ONLY_DURATION = timedelta(hours=1)


def _check_hours(start: time | None, end: time | None) -> None:
    # An end without a start, or an end before the start, only ever comes from
    # a typo in a source document; failing loudly beats a wrong answer.
    if start is not None and start.tzinfo is not None:
        raise ValueError("start must be a wall-clock time without tzinfo")
    if end is not None and end.tzinfo is not None:
        raise ValueError("end must be a wall-clock time without tzinfo")
    if end is not None and start is None:
        raise ValueError("an end time needs a start time")
    if start is not None and end is not None and end <= start:
        raise ValueError(f"end {end} is not after start {start}")


@dataclass(frozen=True)
class Slot:
    """A recurring weekly consultation hour.

    ``weekday`` follows ``date.weekday()`` (0 = Monday) so it can be compared
    without translation. ``start``/``end`` of None mean "hours not published",
    never "all day".
    """

    weekday: int
    start: time | None = None
    end: time | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.weekday, int) or not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) .. 6 (Sunday), got {self.weekday!r}")
        _check_hours(self.start, self.end)


@dataclass(frozen=True)
class Occurrence:
    """One concrete consultation hour on a local calendar day.

    Times stay wall-clock so that formatting shows what the office door says;
    use :meth:`starts_at`/:meth:`ends_at` when an absolute instant is needed
    (reminders, comparing with a UTC clock).
    """

    day: date
    start: time | None = None
    end: time | None = None

    def __post_init__(self) -> None:
        if isinstance(self.day, datetime):
            # datetime is a date subclass; accepting it would hide a time part.
            raise ValueError("day must be a date, not a datetime")
        _check_hours(self.start, self.end)

    def starts_at(self, tz: str = "Europe/Amsterdam") -> datetime | None:
        """The start as an aware datetime, so DST is applied for that very day."""
        if self.start is None:
            return None
        return datetime.combine(self.day, self.start, tzinfo=ZoneInfo(tz))

    def ends_at(self, tz: str = "Europe/Amsterdam") -> datetime | None:
        """The end as an aware datetime, so DST is applied for that very day."""
        if self.end is None:
            return None
        return datetime.combine(self.day, self.end, tzinfo=ZoneInfo(tz))


def _sort_key(o: Occurrence) -> tuple:
    # None sorts before any time: "hours unknown" is listed first on a day.
    return (
        o.day,
        o.start is not None,
        o.start or time.min,
        o.end is not None,
        o.end or time.min,
    )


@lru_cache(maxsize=32)
def _nl_holidays(years: tuple[int, ...]) -> frozenset[date]:
    # Building the holiday table is slow-ish and the answer never changes.
    return frozenset(holidays.country_holidays("NL", years=list(years)).keys())


def _still_open(o: Occurrence, now: datetime, zone: ZoneInfo) -> bool:
    """Whether an occurrence on today's local date is still worth going to."""
    if o.end is not None:
        cutoff = datetime.combine(o.day, o.end, tzinfo=zone)
    elif o.start is not None:
        cutoff = datetime.combine(o.day, o.start, tzinfo=zone) + START_ONLY_DURATION
    else:
        # Hours unknown: the whole day is possible, and hiding today would be
        # worse than suggesting it.
        return True
    return now < cutoff


def next_occurrences(
    slots: Iterable[Slot],
    *,
    now: datetime,
    tz: str = "Europe/Amsterdam",
    closed: Iterable[date] = (),
    extra: Iterable[Occurrence] = (),
    open_on_holidays: bool = False,
    count: int = 1,
    horizon_days: int = 120,
) -> list[Occurrence]:
    """The next ``count`` consultation hours from ``now``, soonest first.

    The search covers ``horizon_days`` calendar days starting with today's
    local date (so today .. today + horizon_days - 1); extra dates outside that
    window are ignored as well, so a far-away one-off never jumps ahead of the
    answer "nothing planned soon". Results are unique and sorted by day; on one
    day an occurrence without published hours comes before timed ones. Today
    counts only while the slot has not ended (see :data:`START_ONLY_DURATION`
    for slots without an end). An empty
    list means "nothing known within the horizon", which callers should say
    plainly rather than guess.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware; a naive time has no local date")
    if count < 0:
        raise ValueError("count must not be negative")
    if horizon_days < 1:
        raise ValueError("horizon_days must be at least 1")

    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()
    last = today + timedelta(days=horizon_days - 1)

    slots = list(slots)
    by_weekday: dict[int, list[Slot]] = {}
    for slot in slots:
        by_weekday.setdefault(slot.weekday, []).append(slot)

    shut = set(closed)
    if not open_on_holidays:
        shut |= _nl_holidays(tuple(range(today.year, last.year + 1)))

    found: set[Occurrence] = set()
    for offset in range(horizon_days):
        day = today + timedelta(days=offset)
        for slot in by_weekday.get(day.weekday(), ()):
            found.add(Occurrence(day, slot.start, slot.end))
    for occ in extra:
        if today <= occ.day <= last:
            found.add(occ)

    result = [
        o
        for o in found
        if o.day not in shut and (o.day != today or _still_open(o, now, zone))
    ]
    result.sort(key=_sort_key)
    return result[:count]
