"""Month arithmetic, the one copy every app uses (meeting deadlines, reports, demo data).

A month is named by its first day: ``datetime.date(2025, 7, 1)`` is July 2025.
"""

import datetime


def month_start(day: datetime.date) -> datetime.date:
    """The first day of *day*'s month."""
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month *months* after (or before, if negative) *day*'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(month: datetime.date) -> datetime.date:
    """The last day of *month*'s month."""
    return add_months(month, 1) - datetime.timedelta(days=1)


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first days of every month from *start*'s to *end*'s, both included."""
    out, month = [], month_start(start)
    while month <= end:
        out.append(month)
        month = add_months(month, 1)
    return out
