"""Reads of at-risk people: scoped querysets, overdue lists.

Every queryset of at-risk people starts from ``clubs.access.visible_clubs`` through
``scope_to_cases``: there is no other way to list them.
"""

import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from clubs.access import is_board_or_coordinator, visible_clubs
from outreach.cases.models import Case, Consent, FollowUp, Referral


def scope_to_cases(queryset: QuerySet, *, user, club_path: str = "club") -> QuerySet:
    """The part of a queryset of cases (or of case records, through *club_path*, e.g.
    ``case__club``) that *user* may see; nothing for anyone but the board and coordinators."""
    if not is_board_or_coordinator(user=user):
        return queryset.none()
    return queryset.filter(**{f"{club_path}__in": visible_clubs(user=user)})


def cases_for(*, user) -> QuerySet[Case]:
    """The at-risk people *user* may see."""
    return scope_to_cases(Case.objects.all(), user=user)


def case_detail(*, user, case_id: int) -> Case:
    """One case with what its page shows; another club's case is "not found"."""
    case = (
        cases_for(user=user)
        .select_related("club__ward", "assigned_member")
        .prefetch_related(
            "consents",
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("-done_on", "-pk")),
            Prefetch(
                "referrals",
                queryset=Referral.objects.select_related("agency").prefetch_related("steps"),
            ),
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    return case


def club_cases(*, user, club) -> QuerySet[Case]:
    """A club's open cases, those with a follow-up due soonest first."""
    return (
        cases_for(user=user)
        .filter(club=club)
        .exclude(status=Case.Status.CLOSED)
        .order_by("next_follow_up_on", "code")
    )


def overdue_follow_ups(*, user, today: datetime.date | None = None) -> QuerySet[Case]:
    """Open cases whose next follow-up date has passed, in the clubs *user* may see."""
    today = today or timezone.localdate()
    return (
        cases_for(user=user)
        .exclude(status=Case.Status.CLOSED)
        .filter(next_follow_up_on__lt=today)
        .filter(consents__purpose=Consent.Purpose.FOLLOW_UP, consents__withdrawn_on__isnull=True)
        .select_related("club")
        .order_by("next_follow_up_on", "code")
    )


def referrals_awaiting_verification(*, user, today: datetime.date | None = None):
    """Referrals received more than 3 days ago and not verified (the reminder)."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=Referral.VERIFY_WITHIN_DAYS)
    return (
        Referral.objects.filter(case__in=cases_for(user=user))
        .filter(stage=Referral.Stage.RECEIVED, received_on__lt=cutoff)
        .select_related("case", "agency")
        .order_by("received_on")
    )


def cases_closed_before(*, day: datetime.date) -> QuerySet[Case]:
    """Closed cases whose closing is older than *day* (what a retention purge removes)."""
    return Case.objects.filter(status=Case.Status.CLOSED, closed_on__lt=day)
