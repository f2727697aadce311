"""Reads for the reports: the figures of one dashboard, and the public statistics.

Every figure for a user goes through ``clubs.access.visible_clubs``: coordinators see every
ward, club boards their own club only. Stored figures come from ``ReportRollup`` rows (two
queries whatever the period or the number of wards), "today" figures from one indexed
query each: the number of queries does not grow with the data. The filters people choose are
``outreach.reports.forms.ReportFilterForm``.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case as When_
from django.db.models import Count, F, IntegerField, Q, Sum, When
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clubs.access import board_club_ids, is_board_or_coordinator, is_coordinator, visible_clubs
from clubs.models import Club, Meeting, Member, Ward, WardSuccession
from config.months import month_end, months_between
from outreach.campaigns.models import Campaign
from outreach.cases.models import Agency, Referral
from outreach.cases.models import Case as CaseModel
from outreach.materials.models import Material, Panel
from outreach.reports.indicators import (
    BY_KEY,
    INDICATORS,
    RUNNING,
    SECTIONS,
    Balance,
    Indicator,
    Live,
    Ratio,
    section_name,
)
from outreach.reports.models import ReportRollup

SMALL_CELL = 5


def suppress_small(value: int | None) -> str:
    """A public figure about people at risk: "< 5" for 0 to 4, the number otherwise.

    The one function every public page uses for such figures.
    """
    if value is None or value < SMALL_CELL:
        return f"< {SMALL_CELL}"
    return grouped(value)


def grouped(value: int) -> str:
    """A whole number with the language's thousands separator (1.234 / 1,234)."""
    return number_format(int(value), force_grouping=True)


# --- wards "as of" a date ------------------------------------------------------------------


def wards_rolling_into(*, ward: Ward, on: datetime.date) -> set[int]:
    """*ward* and every older unit that ``clubs.selectors.ward_as_of`` maps to it on *on*:
    units merged whole into it (or into one of them) by then. A few queries per level."""
    found, frontier = {ward.pk}, {ward.pk}
    while frontier:
        older = set(
            WardSuccession.objects.filter(
                successor_id__in=frontier,
                kind=WardSuccession.Kind.MERGE,
                effective_on__lte=on,
            ).values_list("predecessor_id", flat=True)
        )
        frontier = older - found
        found |= frontier
    return found


@dataclass
class ReportFilters:
    start: datetime.date
    end: datetime.date  # first day of the last month
    ward: Ward | None = None
    ward_mode: str = "as_of"
    as_of: datetime.date | None = None
    club: Club | None = None
    campaign: Campaign | None = None
    organiser: str = ""

    @classmethod
    def year(cls, year: int) -> "ReportFilters":
        return cls(start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 1))

    @property
    def last_day(self) -> datetime.date:
        return month_end(self.end)

    @property
    def months(self) -> list[datetime.date]:
        return months_between(self.start, self.end)

    @property
    def campaign_filtered(self) -> bool:
        return bool(self.campaign or self.organiser)

    def describe(self) -> str:
        parts = [f"{self.start:%d/%m/%Y} – {self.last_day:%d/%m/%Y}"]
        if self.ward:
            parts.append(str(self.ward))
        if self.club:
            parts.append(str(self.club))
        if self.campaign:
            parts.append(str(self.campaign))
        if self.organiser:
            parts.append(str(Campaign.Organiser(self.organiser).label))
        return " · ".join(parts)


# --- the figures ---------------------------------------------------------------------------

BREAKDOWN_LABELS = {
    "meetings_held": Meeting.Kind,
    "members_joined": Member.Category,
    "members_left": Member.Category,
    "members_active": Member.Category,
    "cases_flagged": CaseModel.TargetGroup,
    "referrals_by_stage": Referral.Stage,
    "referrals_by_service": Agency.Kind,
    "materials_distributed": Material.Kind,
    "materials_stock": Material.Kind,
}
FOLLOW_UP_LABELS = {"on_time": _("on time"), "late": _("late")}


def breakdown_label(key: str, value: str) -> str:
    if key == "followups_done":
        return str(FOLLOW_UP_LABELS.get(value, value))
    choices = BREAKDOWN_LABELS.get(key)
    if choices is None:
        return value
    try:
        return str(choices(value).label)
    except ValueError:
        return value or "—"


@dataclass
class Figure:
    indicator: Indicator
    value: float | int | None
    parts: list = field(default_factory=list)  # (label, value)
    url: str = ""
    of: int | None = None  # "x of y" figures (panels)

    @property
    def display(self) -> str:
        if self.value is None:
            return "—"
        if self.indicator.percent:
            return f"{self.value:.0f}%"
        if self.of is not None:
            return f"{grouped(self.value)} / {grouped(self.of)}"
        return grouped(self.value)


@dataclass
class Chart:
    key: str
    title: str
    months: list
    values: list
    max_value: int
    bars: list  # (x, y, width, height, label, value)
    ticks: list  # (x, label)
    width: int = 320
    height: int = 150


@dataclass
class Report:
    filters: ReportFilters
    sections: list  # (section name, [Figure])
    charts: list
    figures: dict
    months: list
    monthly: dict  # key -> [value per month]
    place: str = ""  # the ward or club the figures are about, for titles


def _scope_queries(*, user, filters: ReportFilters):
    """The rollup rows and the clubs that *user* may count with *filters*."""
    coordinator = is_coordinator(user)
    rows = ReportRollup.objects.all()
    unfiltered = not (filters.ward or filters.club or filters.campaign or filters.organiser)
    if coordinator and unfiltered:
        return rows.filter(is_total=True), visible_clubs(user=user), True
    rows = rows.filter(is_total=False)
    clubs = visible_clubs(user=user)
    if not coordinator:
        ids = sorted(board_club_ids(user))
        rows = rows.filter(club_id__in=ids)
    if filters.ward:
        if filters.ward_mode == "historical":
            ward_ids = {filters.ward.pk}
        else:
            ward_ids = wards_rolling_into(ward=filters.ward, on=filters.as_of)
        rows = rows.filter(ward_id__in=sorted(ward_ids))
        clubs = clubs.filter(ward_id__in=sorted(ward_ids))
    if filters.club:
        rows = rows.filter(club_id=filters.club.pk)
        clubs = clubs.filter(pk=filters.club.pk)
    if filters.campaign:
        rows = rows.filter(campaign_id=filters.campaign.pk)
    if filters.organiser:
        rows = rows.filter(organiser=filters.organiser)
    return rows, clubs, False


def _applies(indicator: Indicator, *, user, filters: ReportFilters, province: bool) -> bool:
    if indicator.about_people_at_risk and not is_board_or_coordinator(user=user):
        return False
    if not indicator.scope:
        return province  # province-wide figures (quizzes): only unfiltered
    if filters.campaign_filtered:
        return "campaign" in indicator.scope
    if filters.club or not is_coordinator(user):
        return "club" in indicator.scope
    return True


def _expected_meetings(clubs, months) -> list[int]:
    """Monthly meetings expected per month: active clubs founded by the month's end."""
    founded = list(
        clubs.filter(status=Club.Status.ACTIVE)
        .order_by()
        .values("founded_on")
        .annotate(n=Count("pk"))
        .values_list("founded_on", "n")
    )
    return [sum(n for day, n in founded if day <= month_end(month)) for month in months]


def _live(name, *, clubs, filters, today, user):
    """(value, parts, of) of a figure computed when read."""
    if name == "meetings_expected":
        per_month = _expected_meetings(clubs, filters.months)
        return sum(per_month), [], None, per_month
    if name == "followups_overdue":
        count = (
            CaseModel.objects.filter(club__in=clubs, next_follow_up_on__lt=today)
            .exclude(status=CaseModel.Status.CLOSED)
            .count()
        )
        return count, [], None, None
    if name == "materials_stock":
        parts = list(
            Material.objects.order_by()
            .values("kind")
            .annotate(n=Sum("stock"))
            .values_list("kind", "n")
        )
        return sum(n for _, n in parts), parts, None, None
    if name == "panels_on_time":
        panels = Panel.objects.exclude(condition=Panel.Condition.REMOVED)
        if not is_coordinator(user) or filters.club or filters.ward:
            panels = panels.filter(club__in=clubs)
        since = today - datetime.timedelta(days=Panel.INSPECT_EVERY_DAYS)
        on_time = Q(last_inspected_on__gte=since) | Q(
            last_inspected_on__isnull=True, installed_on__gte=since
        )
        counts = panels.aggregate(
            total=Count("pk"),
            on_time=Sum(When_(When(on_time, then=1), default=0, output_field=IntegerField())),
        )
        return counts["on_time"] or 0, [], counts["total"], None
    raise KeyError(name)


def _link(indicator: Indicator, *, user, where: str, filters) -> str:
    """The records behind a figure, where *user* may see them (else no link)."""
    try:
        if where == "admin" and indicator.admin_records:
            url_name, permission = indicator.admin_records
            if user.has_perm(permission):
                return reverse(url_name)
        if where == "field" and indicator.field_records:
            if indicator.about_people_at_risk and not is_board_or_coordinator(user=user):
                return ""
            if indicator.field_records in ("field:club", "field:case_list"):
                club = filters.club or _only_club(user)
                return reverse(indicator.field_records, args=[club.pk]) if club else ""
            return reverse(indicator.field_records)
    except NoReverseMatch:
        return ""
    return ""


def _only_club(user):
    ids = board_club_ids(user)
    return Club(pk=next(iter(ids))) if len(ids) == 1 else None


def build_report(*, user, filters: ReportFilters, where: str = "admin") -> Report:
    """Every figure *user* may see for *filters*; a constant number of queries."""
    today = timezone.localdate()
    rows, clubs, province = _scope_queries(user=user, filters=filters)
    months = filters.months
    # 1. Period sums by indicator and breakdown (and running sums for stocks).
    period_rows = (
        rows.filter(month__lte=filters.end)
        .filter(Q(month__gte=filters.start) | Q(indicator__in=sorted(RUNNING)))
        .order_by()
        .values("indicator", "breakdown")
        .annotate(
            period=Sum(
                When_(When(month__gte=filters.start, then=F("value")), default=0),
                output_field=IntegerField(),
            ),
            upto=Sum("value"),
        )
    )
    sums: dict = {}
    running: dict = {}
    for row in period_rows:
        sums.setdefault(row["indicator"], {})[row["breakdown"]] = row["period"] or 0
        running.setdefault(row["indicator"], {})[row["breakdown"]] = row["upto"] or 0
    # 2. Month by month within the period.
    monthly: dict = {}
    index = {month: i for i, month in enumerate(months)}
    for row in (
        rows.filter(month__gte=filters.start, month__lte=filters.end)
        .order_by()
        .values("indicator", "month")
        .annotate(total=Sum("value"))
    ):
        series = monthly.setdefault(row["indicator"], [0] * len(months))
        if row["month"] in index:
            series[index[row["month"]]] = row["total"] or 0

    figures: dict = {}
    for indicator in INDICATORS:
        if not _applies(indicator, user=user, filters=filters, province=province):
            continue
        source = indicator.source
        parts, of = [], None
        if isinstance(source, Live):
            value, raw_parts, of, per_month = _live(
                source.name, clubs=clubs, filters=filters, today=today, user=user
            )
            parts = [(breakdown_label(indicator.key, k), v) for k, v in raw_parts]
            if per_month is not None:
                monthly[indicator.key] = per_month
        elif isinstance(source, Ratio):
            continue  # after the figures it divides
        elif isinstance(source, Balance):
            plus, minus = running.get(source.plus, {}), running.get(source.minus, {})
            balance = {k: plus.get(k, 0) - minus.get(k, 0) for k in plus.keys() | minus.keys()}
            value = sum(balance.values())
            parts = [(breakdown_label(indicator.key, k), v) for k, v in sorted(balance.items())]
        else:
            by_breakdown = sums.get(indicator.key, {})
            value = sum(by_breakdown.values())
            parts = [
                (breakdown_label(indicator.key, k), v) for k, v in sorted(by_breakdown.items()) if k
            ]
        figures[indicator.key] = Figure(
            indicator,
            value,
            parts,
            _link(indicator, user=user, where=where, filters=filters),
            of,
        )
    for indicator in INDICATORS:
        source = indicator.source
        if not isinstance(source, Ratio):
            continue
        if not _applies(indicator, user=user, filters=filters, province=province):
            continue
        numerator, denominator = figures.get(source.numerator), figures.get(source.denominator)
        value = None
        if numerator and denominator and denominator.value:
            value = 100 * numerator.value / denominator.value
        figures[indicator.key] = Figure(indicator, value)

    sections = []
    for key in SECTIONS:
        items = [figures[i.key] for i in INDICATORS if i.section == key and i.key in figures]
        if items:
            sections.append((section_name(key), items))
    charts = [
        make_chart(figures[i.key].indicator, months, monthly.get(i.key, [0] * len(months)))
        for i in INDICATORS
        if i.chart and i.key in figures
    ]
    if filters.club or filters.ward or filters.campaign or filters.organiser:
        place = filters.describe().split(" · ", 1)[-1]
    elif province:
        place = "Toàn tỉnh" if (get_language() or "vi").startswith("vi") else "All wards"
    else:
        place = ", ".join(clubs.order_by("name_folded").values_list("name", flat=True)[:5])
    return Report(filters, sections, charts, figures, months, monthly, place)


def make_chart(indicator: Indicator, months: list, values: list) -> Chart:
    """Bars for an inline SVG (drawn by ``templates/reports/chart.html``)."""
    width, height, left, bottom, top = 320, 150, 4, 20, 14
    top_value = max(values or [0]) or 1
    slot = (width - left * 2) / max(len(months), 1)
    bar_width = max(slot * 0.7, 1)
    bars = []
    for i, (month, value) in enumerate(zip(months, values, strict=False)):
        bar_height = (height - bottom - top) * value / top_value
        x = left + i * slot + (slot - bar_width) / 2
        bars.append(
            (
                round(x, 1),
                round(height - bottom - bar_height, 1),
                round(bar_width, 1),
                round(bar_height, 1),
                f"{month:%m/%Y}",
                value,
            )
        )
    step = max(1, (len(months) + 5) // 6)  # at most six labels: readable at 360 px
    ticks = [
        (round(left + i * slot + slot / 2, 1), f"{month:%m/%y}")
        for i, month in enumerate(months)
        if i % step == 0
    ]
    return Chart(indicator.key, indicator.name, months, values, top_value, bars, ticks)


# --- public statistics ---------------------------------------------------------------------

PUBLIC_KEYS = [
    "meetings_held",
    "campaign_sessions",
    "attendance_present",
    "meeting_guests",
    "campaign_attendances",
    "materials_distributed",
    "quiz_attempts",
    "cases_flagged",
    "referrals_by_stage",
    "tips_received",
]


@dataclass
class PublicFigure:
    key: str
    name: str
    definition: str
    display: str
    about_people_at_risk: bool


def public_figures(totals: dict[str, int]) -> list[PublicFigure]:
    """Province totals as residents see them: figures about people at risk through
    ``suppress_small``; no breakdowns, no wards (nothing to subtract one from another)."""
    out = []
    for key in PUBLIC_KEYS:
        indicator = BY_KEY[key]
        value = int(totals.get(key) or 0)
        display = suppress_small(value) if indicator.about_people_at_risk else grouped(value)
        out.append(
            PublicFigure(
                key, indicator.name, indicator.definition, display, indicator.about_people_at_risk
            )
        )
    return out


def public_totals(*, year: int) -> dict[str, int]:
    """Province-wide totals of one year from the total rows (one query)."""
    rows = (
        ReportRollup.objects.filter(
            is_total=True,
            indicator__in=PUBLIC_KEYS,
            month__gte=datetime.date(year, 1, 1),
            month__lte=datetime.date(year, 12, 1),
        )
        .order_by()
        .values("indicator")
        .annotate(total=Sum("value"))
    )
    return {row["indicator"]: row["total"] or 0 for row in rows}


PUBLIC_CHARTS = ["meetings_held", "campaign_attendances"]


def public_charts(*, year: int) -> list[Chart]:
    """Month-by-month bars of the awareness work (never of people at risk): one query."""
    months = months_between(datetime.date(year, 1, 1), datetime.date(year, 12, 1))
    series = {key: [0] * 12 for key in PUBLIC_CHARTS}
    for row in (
        ReportRollup.objects.filter(
            is_total=True, indicator__in=PUBLIC_CHARTS, month__gte=months[0], month__lte=months[-1]
        )
        .order_by()
        .values("indicator", "month")
        .annotate(total=Sum("value"))
    ):
        series[row["indicator"]][row["month"].month - 1] = row["total"] or 0
    return [make_chart(BY_KEY[key], months, series[key]) for key in PUBLIC_CHARTS]


def public_years(*, today: datetime.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    first = (
        ReportRollup.objects.filter(is_total=True).order_by("month").values_list("month", flat=True)
    ).first()
    start = first.year if first else today.year
    return list(range(today.year, start - 1, -1))
