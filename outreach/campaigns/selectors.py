"""Reads of campaigns: who sees them, and their progress against targets."""

import dataclasses

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from clubs.access import is_board_or_coordinator
from outreach.campaigns.access import can_manage_campaigns
from outreach.campaigns.models import Activity, Campaign


def campaigns_for(*, user) -> QuerySet[Campaign]:
    """Campaigns are not personal data: staff who run them, coordinators and club boards
    (who take part in them) see them all."""
    if can_manage_campaigns(user) or is_board_or_coordinator(user=user):
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
    # Copies handed out at the activities: materials' records, read through the relation
    # ``Distribution.activity`` declares (campaigns imports nothing from materials).
    materials = Activity.objects.filter(campaign=campaign).aggregate(
        total=Sum("distributions__quantity")
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
