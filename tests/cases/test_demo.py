"""The demo outreach data: fictional people per club, every referral stage, materials at
the province's scale, the two campaigns."""

import re

import pytest

from clubs.models import Club
from outreach.cases.models import Case, Referral

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
