"""Case rules: codes, consent per purpose, erasure, legal status, referrals and their
lifecycle with the 3-day verification reminder, the overdue list."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from clubs.models import Club
from config.records import StaleEdit
from outreach.cases import selectors, services
from outreach.cases.audit import Actor
from outreach.cases.models import Agency, AuditEntry, Case, Consent, FollowUp, Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(demo):
    from django.contrib.auth import get_user_model

    return Actor(user=get_user_model().objects.get(username="leader-cao-xanh"))


@pytest.fixture
def secretary(demo):
    from django.contrib.auth import get_user_model

    return Actor(user=get_user_model().objects.get(username="secretary-cao-xanh"))


@pytest.fixture
def case(cao_xanh, leader):
    return services.case_create(
        club=cao_xanh,
        actor=leader,
        full_name="Lò Thị Thử",
        phone="0977000333",
        id_number="022305000333",
        address="Tổ 3",
        notes="Ghi chú",
        consents=[Consent.Purpose.FOLLOW_UP, Consent.Purpose.REPORTING],
        created_on=datetime.date(2024, 3, 1),
    )


def test_codes_come_from_the_ward_and_the_year(cao_xanh, leader):
    first = services.case_code_next(club=cao_xanh, year=2031)
    second = services.case_code_next(club=cao_xanh, year=2031)
    assert (first, second) == ("CX-2031-001", "CX-2031-002")
    hung_thang = Club.objects.get(ward__name="Hùng Thắng")
    assert services.case_code_next(club=hung_thang, year=2031) == "HT-2031-001"
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(club=cao_xanh, code=Case.objects.first().code)


def test_str_is_the_code(case):
    assert str(case) == case.code
    assert case.code in str(case.follow_ups.model(case=case, done_on=datetime.date(2024, 1, 1)))


def test_withdrawing_one_purpose_stops_only_that_one(case, leader):
    services.consent_withdraw(
        case=case,
        purpose=Consent.Purpose.REPORTING,
        withdrawn_on=timezone.localdate(),
        actor=leader,
    )
    case = Case.objects.get(pk=case.pk)
    assert not case.has_consent(Consent.Purpose.REPORTING)
    assert case.has_consent(Consent.Purpose.FOLLOW_UP)
    assert case.full_name == "Lò Thị Thử"  # still held: follow-up goes on
    services.follow_up_record(
        case=case, actor=leader, done_on=timezone.localdate(), method="visit", outcome="stable"
    )
    services.consent_withdraw(
        case=case,
        purpose=Consent.Purpose.FOLLOW_UP,
        withdrawn_on=timezone.localdate(),
        actor=leader,
    )
    with pytest.raises(ValidationError, match="chưa đồng ý được theo dõi"):
        services.follow_up_record(
            case=case, actor=leader, done_on=timezone.localdate(), method="visit", outcome="stable"
        )


def test_when_no_purpose_is_left_the_personal_fields_are_erased(case, leader):
    services.follow_up_record(
        case=case,
        actor=leader,
        done_on=timezone.localdate(),
        method="phone",
        outcome="stable",
        note="Đã gọi",
    )
    for purpose in (Consent.Purpose.FOLLOW_UP, Consent.Purpose.REPORTING):
        services.consent_withdraw(
            case=case, purpose=purpose, withdrawn_on=timezone.localdate(), actor=leader
        )
    case = Case.objects.get(pk=case.pk)
    assert case.is_erased
    assert [getattr(case, name) for name in Case.PERSONAL_FIELDS] == [""] * 5
    assert case.follow_ups.get().note == ""
    assert case.code and case.target_group  # the coded record stays for the figures
    actions = list(AuditEntry.objects.filter(case_ref=case.pk).values_list("action", "detail"))
    assert ("erase", "consent withdrawn") in actions


def test_a_deletion_request_erases_at_once(client, login, case):
    login("leader-cao-xanh")
    response = client.post(
        f"/field/cases/{case.pk}/consent/",
        {"action": "erase", "on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert case.is_erased and case.full_name == "" and case.id_number == ""
    assert AuditEntry.objects.filter(
        case_ref=case.pk, action="erase", detail="erasure: request by the person"
    ).exists()


def test_victim_status_needs_the_authority_and_document(case, leader):
    with pytest.raises(ValidationError, match="cơ quan có thẩm quyền"):
        services.case_update(case=case, actor=leader, legal_status=Case.LegalStatus.VICTIM)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(legal_status="victim")
    updated = services.case_update(
        case=case,
        actor=leader,
        legal_status=Case.LegalStatus.VICTIM,
        legal_status_authority="Công an tỉnh",
        legal_status_document="QĐ 12/2024",
    )
    assert updated.legal_status == "victim"


def test_a_stale_edit_is_refused(case, leader):
    services.case_update(case=case, actor=leader, version=case.version, ethnicity="Tày")
    with pytest.raises(StaleEdit):
        services.case_update(case=case, actor=leader, version=case.version, ethnicity="Dao")


def test_a_referral_needs_consent_or_a_leaders_written_override(case, leader, secretary):
    agency = Agency.objects.get(kind="sunshine_house")
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="chưa đồng ý được chuyển tuyến"):
        services.referral_create(case=case, actor=leader, agency=agency, received_on=today)
    with pytest.raises(ValidationError, match="chủ nhiệm CLB hoặc điều phối viên"):
        services.referral_create(
            case=case, actor=secretary, agency=agency, received_on=today, override_reason="Gấp"
        )
    referral = services.referral_create(
        case=case, actor=leader, agency=agency, received_on=today, override_reason="Gấp"
    )
    assert referral.consent_override_by == leader.user
    services.consent_give(
        case=case, purpose=Consent.Purpose.REFERRAL, given_on=today, actor=secretary
    )
    second = services.referral_create(
        case=Case.objects.get(pk=case.pk), actor=secretary, agency=agency, received_on=today
    )
    assert second.consent_override_reason == ""


def test_the_referral_lifecycle_moves_forward_only(case, leader):
    services.consent_give(
        case=case,
        purpose=Consent.Purpose.REFERRAL,
        given_on=datetime.date(2024, 3, 1),
        actor=leader,
    )
    case = Case.objects.get(pk=case.pk)
    referral = services.referral_create(
        case=case,
        actor=leader,
        agency=Agency.objects.get(kind="legal_aid"),
        received_on=datetime.date(2024, 3, 2),
    )
    assert referral.verification_overdue(today=datetime.date(2024, 3, 6))
    assert not referral.verification_overdue(today=datetime.date(2024, 3, 5))
    for stage, day in [("verified", 4), ("identified", 9), ("supported", 20), ("closed", 30)]:
        services.referral_step_record(
            referral=referral, actor=leader, stage=stage, reached_on=datetime.date(2024, 3, day)
        )
    referral.refresh_from_db()
    assert referral.stage == "closed"
    assert list(referral.steps.values_list("stage", flat=True)) == [
        "received",
        "verified",
        "identified",
        "supported",
        "closed",
    ]
    with pytest.raises(ValidationError):
        services.referral_step_record(
            referral=referral, actor=leader, stage="verified", reached_on=datetime.date(2024, 4, 1)
        )


def test_the_overdue_list_is_each_leaders_own(client, login, cao_xanh, leader):
    case = services.case_create(
        club=cao_xanh,
        actor=leader,
        consents=[Consent.Purpose.FOLLOW_UP],
        next_follow_up_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    assert case in selectors.overdue_follow_ups(user=users.get(username="leader-cao-xanh"))
    assert case not in selectors.overdue_follow_ups(user=users.get(username="leader-hung-thang"))
    login("leader-hung-thang")
    assert case.code not in client.get("/field/follow-ups/overdue/").content.decode()
    login("leader-cao-xanh")
    assert case.code in client.get("/field/follow-ups/overdue/").content.decode()


def test_follow_ups_move_the_next_due_date(case, leader):
    due = timezone.localdate() + datetime.timedelta(days=30)
    services.follow_up_record(
        case=case,
        actor=leader,
        done_on=timezone.localdate(),
        method="zalo",
        outcome="risk_down",
        next_due_on=due,
    )
    case = Case.objects.get(pk=case.pk)
    assert case.next_follow_up_on == due
    assert case.status == Case.Status.FOLLOWING
    assert FollowUp.objects.filter(case=case).count() == 1


def test_wagtail_log_entries_carry_the_code_not_the_name(client, login, case):
    from wagtail.models import ModelLogEntry

    login("coordinator")
    data = {
        "club": case.club_id,
        "full_name": "Lò Thị Đổi",
        "target_group": "at_risk",
        "status": "open",
    }
    client.post(f"/admin/outreach/cases/edit/{case.pk}/", data)
    labels = list(ModelLogEntry.objects.filter(object_id=str(case.pk)).values_list("label", "data"))
    assert labels
    for label, payload in labels:
        assert "Lò Thị" not in label and "Lò Thị" not in str(payload)
    assert Case.objects.get(pk=case.pk).full_name == "Lò Thị Đổi"
    assert Referral.objects.filter(case=case).count() == 0


def test_everything_held_about_a_person_and_a_purge_that_keeps_the_audit(case, leader):
    from django.contrib.auth import get_user_model

    coordinator = Actor(user=get_user_model().objects.get(username="coordinator"))
    held = services.case_everything(case=case, actor=coordinator)
    assert held["case"]["full_name"] == "Lò Thị Thử"
    assert {c["purpose"] for c in held["consents"]} == {"follow_up", "reporting"}
    pk = case.pk
    services.case_update(case=case, actor=leader, status=Case.Status.CLOSED)
    assert case in selectors.cases_closed_before(day=timezone.localdate() + datetime.timedelta(1))
    services.case_purge(case=case, actor=coordinator, reason="retention")
    assert not Case.objects.filter(pk=pk).exists()
    actions = list(AuditEntry.objects.filter(case_ref=pk).values_list("action", flat=True))
    assert "export" in actions and actions.count("erase") == 1
