"""How a report figure is computed: the kinds of source an indicator names.

- ``Source``: records of a model counted or summed per month (and per ward, club, campaign,
  organiser, breakdown); the rollups store these sums;
- ``Custom``: rows made by a function, when a figure needs more than a grouped query;
- ``Ratio``: one indicator divided by another over the same period;
- ``Balance``: a stock, the running sum of one flow minus another;
- ``Live``: a figure about today's state, computed when read (``selectors``).
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, DateField, Sum
from django.db.models.functions import TruncMonth

from config.months import add_months


@dataclass(frozen=True)
class Source:
    """Records of *model* per month of *date*, counted (or summed over *total*).

    Paths are ORM lookups from the model; ``ward`` None means the records have no ward
    (they count province-wide only). ``breakdown`` splits the figure (a choice field).
    """

    model: str
    date: str
    ward: str | None = None
    club: str | None = None
    campaign: str | None = None
    organiser: str | None = None
    breakdown: str | None = None
    total: str | None = None  # Sum of this field; None: count the records
    filters: tuple = ()  # (lookup, value) pairs
    distinct: str | None = None  # count distinct values of this path instead of records

    def queryset(self):
        model = apps.get_model(self.model)
        return model._default_manager.filter(**dict(self.filters))

    def rows(self, *, ward_ids=None, months=None):
        """``(month, ward_id, club_id, campaign_id, organiser, breakdown, value)`` tuples."""
        queryset = self.queryset()
        if ward_ids is not None:
            if self.ward is None:
                if None not in ward_ids:
                    return []
            else:
                wanted = [pk for pk in ward_ids if pk is not None]
                if not wanted:
                    return []
                queryset = queryset.filter(**{f"{self.ward}__in": wanted})
        if months:
            start, end = min(months), max(months)
            end = add_months(end, 1)
            queryset = queryset.filter(**{f"{self.date}__gte": start, f"{self.date}__lt": end})
        dims = {"m": TruncMonth(self.date, output_field=_DATE)}
        names = {"w": self.ward, "c": self.club, "k": self.campaign, "o": self.organiser}
        names["b"] = self.breakdown
        values = [key for key, path in names.items() if path]
        if self.total:
            value = Sum(self.total)
        elif self.distinct:
            value = Count(self.distinct, distinct=True)
        else:
            value = Count("pk")
        grouped = (
            queryset.order_by()
            .annotate(**dims)
            .values("m", *[names[key] for key in values])
            .annotate(v=value)
        )
        out = []
        for row in grouped:
            if not row["v"]:
                continue
            month = row["m"]
            if isinstance(month, datetime.datetime):
                month = month.date()
            if months and month not in months:
                continue
            dim = {key: row[names[key]] for key in values}
            out.append(
                (
                    month,
                    dim.get("w"),
                    dim.get("c"),
                    dim.get("k"),
                    dim.get("o") or "",
                    str(dim.get("b") or ""),
                    int(row["v"]),
                )
            )
        return out


@dataclass(frozen=True)
class Custom:
    """Rows made by a function ``fn(ward_ids) -> rows`` (same tuples as ``Source.rows``)."""

    fn: object

    def rows(self, *, ward_ids=None, months=None):
        rows = self.fn(ward_ids=ward_ids)
        if months:
            rows = [row for row in rows if row[0] in months]
        return rows


@dataclass(frozen=True)
class Ratio:
    numerator: str
    denominator: str


@dataclass(frozen=True)
class Balance:
    """A stock: the running sum of one flow minus another up to the end of the period."""

    plus: str
    minus: str


@dataclass(frozen=True)
class Live:
    """Computed when read, by ``outreach.reports.selectors`` (the name of its function)."""

    name: str


_DATE = DateField()
