"""The demo outreach data: fictional people per club, every referral stage, materials at
the province's scale, the two campaigns."""

import pytest

from outreach.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def test_two_campaigns(demo):
    assert Campaign.objects.filter(theme="national_day", starts_on__month=7).exists()
    contest = Campaign.objects.get(theme="contest", organiser="women_union")
    assert contest.activities.filter(kind="contest").count() >= 4
