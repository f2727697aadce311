"""Reads of the outreach app: scoped querysets, overdue lists, campaign progress.

Every queryset of at-risk people starts from ``clubs.access.case_clubs``: there is no
other way to list them.
"""

import dataclasses
import datetime

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.access import can_manage_campaigns, can_see_cases, case_clubs, visible_clubs
from outreach.models import (
    Activity,
    Campaign,
    Case,
    Consent,
    Distribution,
    FollowUp,
    Material,
    Panel,
    Referral,
)


def scope_to_cases(queryset: QuerySet, *, user, club_path: str = "club") -> QuerySet:
    """The part of a queryset of cases (or of case records, through *club_path*, e.g.
    ``case__club``) that *user* may see; nothing for anyone but the board and coordinators."""
    if not can_see_cases(user=user):
        return queryset.none()
    return queryset.filter(**{f"{club_path}__in": case_clubs(user=user)})


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


def distributions_for(*, user) -> QuerySet[Distribution]:
    """Distributions of the user's clubs; campaign staff and coordinators also see those
    made at campaign activities (no club)."""
    scope = Q(club__in=visible_clubs(user=user))
    if can_manage_campaigns(user):
        scope |= Q(club__isnull=True)
    return Distribution.objects.filter(scope)


def panels_for(*, user) -> QuerySet[Panel]:
    scope = Q(club__in=visible_clubs(user=user))
    if can_manage_campaigns(user):
        scope |= Q(club__isnull=True)
    return Panel.objects.filter(scope)


def materials_in_stock() -> QuerySet[Material]:
    return Material.objects.filter(stock__gt=0).order_by("kind", "title_folded")


def campaigns_for(*, user) -> QuerySet[Campaign]:
    """Campaigns are not personal data: staff who run them, coordinators and club boards
    (who take part in them) see them all."""
    if can_manage_campaigns(user) or can_see_cases(user=user):
        return Campaign.objects.all()
    return Campaign.objects.none()


@dataclasses.dataclass
class Progress:
    label: str
    done: int
    target: int

    @property
    def percent(self) -> int:
        if not self.target:
            return 0
        return min(100, round(100 * self.done / self.target))


def campaign_totals(*, campaign: Campaign) -> dict:
    """Sessions, attendances (lượt), unique participants, online reach, materials handed out."""
    totals = Activity.objects.filter(campaign=campaign).aggregate(
        activities=Count("pk"),
        sessions=Sum("sessions"),
        attendances=Sum("attendances"),
        participants=Sum("unique_participants"),
        zalo=Sum("reach_zalo"),
        facebook=Sum("reach_facebook"),
    )
    materials = Distribution.objects.filter(activity__campaign=campaign).aggregate(
        total=Sum("quantity")
    )
    totals = {key: value or 0 for key, value in totals.items()}
    totals["online_reach"] = totals["zalo"] + totals["facebook"]
    totals["materials"] = materials["total"] or 0
    return totals


def campaign_progress(*, campaign: Campaign) -> tuple[dict, list[Progress]]:
    """The campaign's totals and one row per target it has (progress against targets)."""
    totals = campaign_totals(campaign=campaign)
    rows = [
        Progress(_("Sessions"), totals["sessions"], campaign.target_sessions),
        Progress(_("Attendances (lượt)"), totals["attendances"], campaign.target_attendances),
        Progress(_("Unique participants"), totals["participants"], campaign.target_participants),
        Progress(_("Online reach"), totals["online_reach"], campaign.target_online_reach),
        Progress(_("Materials handed out"), totals["materials"], campaign.target_materials),
    ]
    return totals, [row for row in rows if row.target]


def cases_closed_before(*, day: datetime.date) -> QuerySet[Case]:
    """Closed cases whose closing is older than *day* (what a retention purge removes)."""
    return Case.objects.filter(status=Case.Status.CLOSED, closed_on__lt=day)
