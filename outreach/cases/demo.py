"""Demo at-risk people: five or six fictional people per pilot club, with follow-ups, and
referrals in every stage across the clubs; one person withdrew every consent.

Every person, phone and ID number here is invented from a fixed seed (names from common
family, middle and given names; numbers in valid formats). Everything is written through
``outreach.cases.services``. ``load`` leaves clubs that already have cases alone, so
``load_demo`` can run any number of times.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from clubs.demo import FAMILY, FAMILY_WEIGHTS, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M, _phone
from clubs.models import Club
from config.demo import LEADER_ACCOUNTS
from outreach.cases import services
from outreach.cases.audit import Actor
from outreach.cases.models import (
    Agency,
    Case,
    Consent,
    FollowUp,
    Referral,
    RiskFactor,
    SupportType,
)

SEED = "safeward-demo-outreach"
STAGES = [stage.value for stage in Referral.Stage]

TARGET_GROUPS = [
    Case.TargetGroup.AT_RISK,
    Case.TargetGroup.PLANNING_ABROAD,
    Case.TargetGroup.RETURNED_MIGRANT,
    Case.TargetGroup.SURVIVOR_FAMILY,
    Case.TargetGroup.RETURNED_VICTIM,
]
NOTES = [
    "Được người quen giới thiệu làm phục vụ nhà hàng bên kia biên giới, hứa trả lương cao.",
    "Gia đình cho biết con gái nhận lời kết hôn qua môi giới, chưa gặp mặt chồng tương lai.",
    "Mới trở về sau thời gian làm thuê không giấy tờ, cần tư vấn việc làm.",
    "Có con đi làm ăn xa, đã mất liên lạc hơn ba tháng.",
    "Thường xuyên trò chuyện với một tài khoản tuyển dụng lạ trên mạng xã hội.",
]
FOLLOW_UP_NOTES = [
    "Đã trao đổi về các dấu hiệu lừa đảo tuyển dụng; gia đình nắm được số 111.",
    "Chưa liên lạc được, hẹn gặp lại vào tuần sau.",
    "Đã giới thiệu đến Trung tâm Dịch vụ việc làm để được tư vấn.",
    "Tình hình ổn định, đang đi học nghề tại địa phương.",
]
ETHNICITIES = ["Kinh", "Kinh", "Kinh", "Tày", "Dao", "Sán Dìu"]


def _person(rng: random.Random, phones: set[str]) -> dict:
    female = rng.random() < 0.75
    name = " ".join(
        [
            rng.choices(FAMILY, FAMILY_WEIGHTS)[0],
            rng.choice(MIDDLE_F if female else MIDDLE_M),
            rng.choice(GIVEN_F if female else GIVEN_M),
        ]
    )
    birth_year = rng.randint(1988, 2008)
    # Citizen ID: 022 (Quảng Ninh), century-and-sex digit, two year digits, six digits.
    century = (0 if birth_year < 2000 else 2) + (1 if female else 0)
    id_number = f"022{century}{birth_year % 100:02d}{rng.randrange(10**6):06d}"
    return {
        "full_name": name,
        "phone": _phone(rng, phones),
        "id_number": id_number if rng.random() < 0.7 else "",
        "address": f"Tổ {rng.randint(1, 12)}, khu {rng.randint(1, 9)}",
        "birth_year": birth_year,
        "sex": Case.Sex.FEMALE if female else Case.Sex.MALE,
        "ethnicity": rng.choice(ETHNICITIES),
    }


def _load_cases(today: datetime.date) -> int:
    """Five or six cases per pilot club; referrals cover every stage across the clubs."""
    User = get_user_model()
    agencies = list(Agency.objects.order_by("pk"))
    created = 0
    for index, (username, ward_name) in enumerate(LEADER_ACCOUNTS):
        club = Club.objects.filter(ward__name=ward_name, ward__valid_to__isnull=False).first()
        if club is None or club.cases.exists():
            continue
        leader = User.objects.get(username=username)
        actor = Actor(user=leader)
        rng = random.Random(f"{SEED}-{ward_name}")
        phones: set[str] = set()
        members = list(club.members.all()[:6])
        for number in range(rng.randint(5, 6)):
            opened = today - datetime.timedelta(days=rng.randint(60, 700))
            consents = [Consent.Purpose.FOLLOW_UP, Consent.Purpose.REPORTING]
            if number != 1:
                consents.append(Consent.Purpose.REFERRAL)
            case = services.case_create(
                club=club,
                actor=actor,
                **_person(rng, phones),
                target_group=TARGET_GROUPS[number % len(TARGET_GROUPS)],
                risk_factors=rng.sample([r.value for r in RiskFactor], k=rng.randint(1, 3)),
                notes=rng.choice(NOTES),
                assigned_member=rng.choice(members) if members else None,
                consents=consents,
                consent_on=opened,
                created_on=opened,
            )
            _follow_ups(rng, case, actor, opened, today, overdue=number in (0, 3))
            if number == 4:
                services.case_update(
                    case=case,
                    actor=actor,
                    legal_status=Case.LegalStatus.VICTIM,
                    legal_status_authority="Công an tỉnh Quảng Ninh",
                    legal_status_document=(
                        f"Quyết định xác định nạn nhân số {rng.randint(10, 99)}/QĐ"
                    ),
                )
            if number in (0, 2, 4, 5):
                # Stage index spreads over clubs and cases: every stage appears.
                stage = STAGES[(index + number) % len(STAGES)]
                _referral(rng, case, actor, agencies, opened, today, stage)
            if number == 1:
                # No referral consent: the leader refers with a written reason.
                _referral(
                    rng,
                    case,
                    actor,
                    agencies,
                    opened,
                    today,
                    Referral.Stage.RECEIVED,
                    override="Người có nguy cơ sắp xuất cảnh trái phép trong vài ngày tới.",
                )
            created += 1
        # One person withdrew every consent: the record is kept without who it was.
        withdrawn = club.cases.order_by("pk").last()
        for purpose in Consent.Purpose.values:
            services.consent_withdraw(
                case=withdrawn, purpose=purpose, withdrawn_on=today, actor=actor
            )
    return created


def _follow_ups(rng, case, actor, opened, today, *, overdue: bool) -> None:
    day = opened + datetime.timedelta(days=rng.randint(3, 14))
    last = None
    while day < today - datetime.timedelta(days=20):
        gap = rng.choice([30, 45, 60])
        next_due = day + datetime.timedelta(days=gap)
        services.follow_up_record(
            case=case,
            actor=actor,
            done_on=day,
            method=rng.choice(FollowUp.Method.values),
            outcome=rng.choice(FollowUp.Outcome.values[:4]),
            note=rng.choice(FOLLOW_UP_NOTES),
            next_due_on=next_due,
        )
        last = next_due
        day = next_due + datetime.timedelta(days=rng.randint(-3, 5))
        if day > today - datetime.timedelta(days=20) or (overdue and rng.random() < 0.3):
            break
    if last is not None and not overdue and last < today:
        services.case_update(
            case=case,
            actor=actor,
            next_follow_up_on=today + datetime.timedelta(days=rng.randint(5, 40)),
        )


def _referral(rng, case, actor, agencies, opened, today, stage, *, override="") -> None:
    received = min(opened + datetime.timedelta(days=rng.randint(10, 40)), today)
    if stage == Referral.Stage.RECEIVED and not override:
        received = today - datetime.timedelta(days=5)  # not verified in 3 days: a reminder
    agency = rng.choice(agencies)
    referral = services.referral_create(
        case=case,
        actor=actor,
        agency=agency,
        received_on=received,
        support_types=rng.sample(SupportType.values, k=2),
        note="Đã gọi điện báo trước cho cán bộ tiếp nhận.",
        override_reason=override,
    )
    day = received
    for next_stage in STAGES[1 : STAGES.index(stage) + 1]:
        day = min(day + datetime.timedelta(days=rng.randint(1, 3)), today)
        services.referral_step_record(
            referral=referral, actor=actor, stage=next_stage, reached_on=day
        )


def load(*, stdout=None) -> None:
    """Create the demo cases (clubs that have cases already are left alone)."""
    created = _load_cases(timezone.localdate())
    if stdout and created:
        stdout.write(f"Cases: {created} fictional at-risk people")
