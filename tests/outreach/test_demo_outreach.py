"""The demo outreach data: fictional people per club, every referral stage, materials at
the province's scale, the two campaigns."""

import re

import pytest

from clubs.models import Club
from outreach.campaigns.models import Campaign
from outreach.cases.models import Case, Referral
from outreach.materials.models import Material, Panel

pytestmark = pytest.mark.django_db


def test_a_handful_of_fictional_cases_per_club(demo):
    for club in Club.objects.all():
        cases = list(club.cases.all())
        assert 5 <= len(cases) <= 6
        for case in cases:
            assert re.fullmatch(r"[A-Z]{2}-20\d\d-\d{3}", case.code)
            if case.phone:
                assert re.fullmatch(r"0[35789]\d{8}", case.phone)
            if case.id_number:
                assert re.fullmatch(r"022\d{9}", case.id_number)
    assert Case.objects.filter(personal_data_erased_at__isnull=False).count() == 5
    assert Case.objects.filter(legal_status="victim").count() == 5


def test_referrals_in_every_stage_and_follow_ups_overdue(demo):
    stages = set(Referral.objects.values_list("stage", flat=True))
    assert stages == set(Referral.Stage.values)
    assert any(referral.verification_overdue() for referral in Referral.objects.all())
    assert any(case.follow_up_overdue() for case in Case.objects.all())
    assert Referral.objects.exclude(consent_override_reason="").exists()


def test_materials_at_the_provinces_scale(demo):
    leaflets = Material.objects.get(kind="leaflet")
    booklets = Material.objects.get(kind="booklet")
    assert sum(leaflets.receipts.values_list("quantity", flat=True)) == 80_000
    assert sum(booklets.receipts.values_list("quantity", flat=True)) == 10_000
    handed = sum(leaflets.distributions.values_list("quantity", flat=True))
    assert leaflets.stock == 80_000 - handed
    assert Panel.objects.count() == 177


def test_two_campaigns(demo):
    assert Campaign.objects.filter(theme="national_day", starts_on__month=7).exists()
    contest = Campaign.objects.get(theme="contest", organiser="women_union")
    assert contest.activities.filter(kind="contest").count() >= 4
