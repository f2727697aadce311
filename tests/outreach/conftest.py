"""Shared pieces of the outreach tests: the demo records and who is who."""

import pytest

from clubs.models import Club
from outreach.campaigns.models import Activity, Campaign
from outreach.cases.models import AuditEntry, Case, Referral
from outreach.materials.models import Distribution, Panel

OWN_BOARD = ["leader-cao-xanh", "secretary-cao-xanh"]
OTHER_CLUB_LEADER = "leader-hung-thang"
NO_CASES = ["communicator", "campaigns", OTHER_CLUB_LEADER]


@pytest.fixture
def cao_xanh(demo):
    return Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)


@pytest.fixture
def records(cao_xanh):
    """IDs of one record of each kind belonging to the Cao Xanh club (or any campaign)."""
    case = Case.objects.filter(club=cao_xanh, personal_data_erased_at__isnull=True).first()
    referral = Referral.objects.filter(case__club=cao_xanh).exclude(stage="closed").first()
    return {
        "club": cao_xanh.pk,
        "case": case.pk,
        "follow_up": case.follow_ups.first().pk,
        "referral": referral.pk,
        "distribution": Distribution.objects.filter(club=cao_xanh).first().pk,
        "panel": Panel.objects.filter(club=cao_xanh).first().pk,
        "campaign": Campaign.objects.first().pk,
        "activity": Activity.objects.first().pk,
        "audit": AuditEntry.objects.first().pk,
    }
