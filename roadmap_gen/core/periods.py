"""Quarters (``2027-Q1``) and the date arithmetic the format needs."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

PERIOD_RE = re.compile(r"^([0-9]{4})-Q([1-4])$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: The calendar ends with year 9999 (Python's dates do); arithmetic past it saturates here
#: instead of raising, and the load stage reports inputs that would need it (load/calendar.py).
FIRST_YEAR, LAST_YEAR = 1, 9999


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        match = PERIOD_RE.fullmatch(text)
        if not match or int(match.group(1)) < FIRST_YEAR:  # there is no year 0
            return None
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def shift(self, quarters: int) -> Quarter:
        index = self.year * 4 + (self.q - 1) + quarters
        return Quarter(index // 4, index % 4 + 1)

    def __sub__(self, other: Quarter) -> int:
        return (self.year * 4 + self.q) - (other.year * 4 + other.q)

    @property
    def in_calendar(self) -> bool:
        """False for quarters that ``shift`` produced past 9999-Q4 or before 0001-Q1."""
        return FIRST_YEAR <= self.year <= LAST_YEAR

    @property
    def first_day(self) -> date:
        if not self.in_calendar:
            return date.max if self.year > LAST_YEAR else date.min
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def last_day(self) -> date:
        if not self.in_calendar:
            return date.max if self.year > LAST_YEAR else date.min
        month = 3 * self.q
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return f"{self.year}-Q{self.q}"


def parse_date(text: str) -> date | None:
    if not DATE_RE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """*day* moved by whole months (the day clamped to the month's length); saturates at the
    ends of the calendar (date.min, date.max) instead of raising."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if year > LAST_YEAR:
        return date.max
    if year < FIRST_YEAR:
        return date.min
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def years_between(earlier: date, later: date) -> float:
    return (later - earlier).days / 365.25
