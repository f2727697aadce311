"""Reads of the clubs app: ward history, the monthly-meeting rule, club pages, rosters."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from clubs.models import (
    Attendance,
    Club,
    Meeting,
    MeetingPhoto,
    Member,
    Membership,
    Ward,
    WardSuccession,
)
from config.months import add_months, month_start

# A month's monthly meeting must be logged by this day of the next month.
MONTHLY_DEADLINE_DAY = 5


# --- administrative units ----------------------------------------------------------------


def ward_as_of(*, ward: Ward, on: datetime.date) -> Ward | None:
    """The unit that *ward*'s area belongs to on *on*.

    Follows "merged whole into" links in force by that date: Bạch Đằng (until 30/06/2025)
    is Hồng Gai from 1 July 2025. Returns None when the unit did not exist yet on that date,
    or ended without one single successor (a split, or a part transferred).
    """
    current, seen = ward, set()
    if current.valid_from and on < current.valid_from:
        return None
    while current.valid_to and current.valid_to < on:
        seen.add(current.pk)
        link = (
            WardSuccession.objects.filter(
                predecessor=current,
                kind=WardSuccession.Kind.MERGE,
                effective_on__lte=on,
            )
            .select_related("successor")
            .first()
        )
        if link is None or link.successor_id in seen:
            return None
        current = link.successor
    return current


def meetings_by_ward_as_of(*, meetings: QuerySet[Meeting], on: datetime.date) -> Counter:
    """Count *meetings* by the unit their club's ward belongs to on *on*.

    A club keeps its original ward; reports roll its records up to today's units (or any
    other date's) here. Meetings whose ward has no single successor count under None.
    """
    per_ward = Counter(meetings.values_list("club__ward_id", flat=True))
    wards = Ward.objects.in_bulk(per_ward.keys())
    rolled = Counter()
    for ward_id, count in per_ward.items():
        rolled[ward_as_of(ward=wards[ward_id], on=on)] += count
    return rolled


# --- the monthly meeting rule ------------------------------------------------------------


def month_due_on(*, today: datetime.date) -> datetime.date:
    """The latest month whose monthly meeting was due by now (the 5th of the next month)."""
    back = 1 if today.day > MONTHLY_DEADLINE_DAY else 2
    return add_months(month_start(today), -back)


@dataclass(frozen=True)
class MeetingDue:
    """Where a club stands with its monthly meetings on a day."""

    overdue_month: datetime.date | None  # first day of the month with no monthly meeting
    next_month: datetime.date  # the month whose meeting is to be logged next
    next_due_on: datetime.date  # ... by this day

    @property
    def is_overdue(self) -> bool:
        return self.overdue_month is not None


def _has_monthly_in(month: datetime.date):
    return Exists(
        Meeting.objects.filter(
            club=OuterRef("pk"),
            kind=Meeting.Kind.MONTHLY,
            held_on__gte=month,
            held_on__lt=add_months(month, 1),
        )
    )


def clubs_with_meeting_status(
    clubs: QuerySet[Club], *, today: datetime.date | None = None
) -> QuerySet[Club]:
    """*clubs* annotated for ``meeting_due()`` in two extra columns, whatever their number."""
    today = today or timezone.localdate()
    this_month = month_start(today)
    return clubs.annotate(
        _has_due_month=_has_monthly_in(month_due_on(today=today)),
        _has_this_month=_has_monthly_in(this_month),
    )


def meeting_due(*, club: Club, today: datetime.date | None = None) -> MeetingDue:
    """Is *club* overdue, and which monthly meeting is due next, by when?

    A club with no monthly meeting logged for a month by the 5th of the next month is
    overdue (computed when read). Use on clubs from ``clubs_with_meeting_status`` to
    spare the queries.
    """
    today = today or timezone.localdate()
    due_month = month_due_on(today=today)
    this_month = month_start(today)
    if not hasattr(club, "_has_due_month"):
        club = clubs_with_meeting_status(Club.objects.filter(pk=club.pk), today=today).get()
    overdue = (
        club.status == Club.Status.ACTIVE
        and club.founded_on < add_months(due_month, 1)
        and not club._has_due_month
    )
    next_month = this_month if not club._has_this_month else add_months(this_month, 1)
    return MeetingDue(
        overdue_month=due_month if overdue else None,
        next_month=next_month,
        next_due_on=add_months(next_month, 1).replace(day=MONTHLY_DEADLINE_DAY),
    )


# --- members -----------------------------------------------------------------------------


def _open_membership_on(day: datetime.date):
    return Membership.objects.filter(member=OuterRef("pk"), joined_on__lte=day).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=day)
    )


def club_roster(*, club: Club, on: datetime.date | None = None) -> QuerySet[Member]:
    """The members of *club* on *on* (default today), by given name in Vietnamese order."""
    on = on or timezone.localdate()
    return club.members.filter(Exists(_open_membership_on(on))).order_by("sort_name", "pk")


def club_members(*, club: Club) -> QuerySet[Member]:
    """Every member in *club*'s register with their current board role, by given name."""
    today = timezone.localdate()
    return (
        club.members.annotate(is_current=Exists(_open_membership_on(today)))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.order_by("-joined_on", "-pk"),
            )
        )
        .order_by("-is_current", "sort_name", "pk")
    )


def current_membership(member: Member) -> Membership | None:
    """The member's latest membership (prefetched by ``club_members``)."""
    memberships = list(member.memberships.all())
    return memberships[0] if memberships else None


# --- meetings ----------------------------------------------------------------------------


def _count_per_meeting(model, **filters):
    """A subquery counting *model* rows of the outer meeting (no row multiplication)."""
    rows = (
        model.objects.filter(meeting=OuterRef("pk"), **filters)
        .order_by()
        .values("meeting")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_meeting_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """*meetings* with ``present_count``, ``absent_count`` and ``photo_count``."""
    return meetings.annotate(
        present_count=_count_per_meeting(Attendance, present=True),
        absent_count=_count_per_meeting(Attendance, present=False),
        photo_count=_count_per_meeting(MeetingPhoto),
    )


def club_meetings(*, club: Club) -> QuerySet[Meeting]:
    """*club*'s meetings, newest first, with attendance and photo counts (constant queries)."""
    return with_meeting_counts(club.meetings.select_related("club")).order_by("-held_on", "-pk")


def meeting_detail(*, meeting_id: int, clubs: QuerySet[Club]) -> Meeting:
    """One meeting of one of *clubs*, with its attendance and photos (404 elsewhere)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Meeting.objects.filter(club__in=clubs)
        .select_related("club", "club__ward", "created_by")
        .prefetch_related("attendances__member", "photos"),
        pk=meeting_id,
    )
