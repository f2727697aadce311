"""Demo outreach data: a handful of fictional at-risk people per pilot club with follow-ups
and referrals in every stage, materials at the province's scale (80,000 leaflets, 10,000
Q&A booklets, 177 panels), and two campaigns (the 30/7 month of action and a Women's Union
composition contest).

Every person, phone and ID number here is invented from a fixed seed (names from common
family, middle and given names; numbers in valid formats). ``load`` leaves what exists
alone, so ``load_demo`` can run any number of times.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils import timezone, translation

from clubs.demo import FAMILY, FAMILY_WEIGHTS, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M, _phone
from clubs.models import Club, Ward
from config.demo import LEADER_ACCOUNTS
from outreach import services
from outreach.audit import Actor
from outreach.models import (
    Activity,
    Agency,
    Campaign,
    Case,
    Consent,
    FollowUp,
    Material,
    Panel,
    Referral,
    RiskFactor,
    SupportType,
)

SEED = "safeward-demo-outreach"
STAGES = [stage.value for stage in Referral.Stage]

MATERIALS = [
    # kind, title, copies received, received on
    (
        Material.Kind.LEAFLET,
        "Tờ rơi: Cảnh giác với lời mời “việc nhẹ, lương cao”",
        80_000,
        datetime.date(2022, 3, 15),
    ),
    (
        Material.Kind.BOOKLET,
        "Sổ tay hỏi đáp pháp luật về phòng, chống mua bán người",
        10_000,
        datetime.date(2022, 4, 20),
    ),
    (Material.Kind.POSTER, "Áp phích: Gọi 111 – 18001769", 1_500, datetime.date(2023, 6, 1)),
    (
        Material.Kind.LAW_BOOK,
        "Luật Phòng, chống mua bán người năm 2024",
        600,
        datetime.date(2025, 2, 10),
    ),
    (Material.Kind.PANEL, "Pano: Ngôi nhà Ánh Dương hỗ trợ nạn nhân", 0, None),
]
PANEL_COUNT = 177
PANEL_PLACES = [
    "Cổng nhà văn hóa khu {n}",
    "Ngã ba chợ khu {n}",
    "Trước trường THCS khu {n}",
    "Bến xe khách khu {n}",
    "Bến tàu khu {n}",
    "Trụ sở UBND, cổng số {n}",
]
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
            Case.objects.filter(pk=case.pk).update(
                created_at=timezone.make_aware(datetime.datetime.combine(opened, datetime.time(9)))
            )
            _follow_ups(rng, case, actor, opened, today, overdue=number in (0, 3))
            if number == 4:
                services.case_update(
                    case=case,
                    actor=actor,
                    legal_status=Case.LegalStatus.VICTIM,
                    legal_status_authority="Công an tỉnh Quảng Ninh",
                    legal_status_document=f"Quyết định xác định nạn nhân số {rng.randint(10, 99)}/QĐ",
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
        Case.objects.filter(pk=case.pk).update(
            next_follow_up_on=today + datetime.timedelta(days=rng.randint(5, 40))
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


def _load_materials(today: datetime.date) -> None:
    """The province's stock, distributions by the clubs, and 177 panels."""
    User = get_user_model()
    coordinator = User.objects.get(username="coordinator")
    rng = random.Random(f"{SEED}-materials")
    materials = {}
    for kind, title, copies, received_on in MATERIALS:
        material, created = Material.objects.get_or_create(
            title=title, defaults={"kind": kind, "language": Material.Language.VI}
        )
        materials[kind] = material
        if created and copies:
            services.material_receive(
                material=material,
                quantity=copies,
                received_on=received_on,
                source="Sở Lao động - Thương binh và Xã hội",
                user=coordinator,
            )
            for club in Club.objects.select_related("ward"):
                meetings = list(club.meetings.filter(held_on__gte=received_on)[:8])
                for meeting in meetings:
                    services.distribution_record(
                        material=material,
                        quantity=rng.randint(30, 200)
                        if kind == Material.Kind.LEAFLET
                        else rng.randint(2, 12),
                        distributed_on=meeting.held_on,
                        ward=club.ward,
                        club=club,
                        channel="meeting",
                        meeting=meeting,
                        created_by=coordinator,
                    )
    if Panel.objects.exists():
        return
    wards = list(Ward.objects.filter(kind=Ward.Kind.WARD).order_by("pk"))
    clubs_by_ward = {club.ward_id: club for club in Club.objects.all()}
    panels = []
    for number in range(PANEL_COUNT):
        ward = wards[number % len(wards)]
        installed = datetime.date(2022, 6, 1) + datetime.timedelta(days=rng.randint(0, 500))
        inspected = installed + datetime.timedelta(days=rng.randint(30, 900))
        inspected = inspected if inspected < today else None
        panel = Panel(
            place=rng.choice(PANEL_PLACES).format(n=number // len(wards) + 1),
            ward=ward,
            club=clubs_by_ward.get(ward.pk),
            material=materials[Material.Kind.PANEL],
            latitude=round(20.95 + rng.uniform(-0.05, 0.05), 6),
            longitude=round(107.07 + rng.uniform(-0.1, 0.1), 6),
            installed_on=installed,
            condition=rng.choices(Panel.Condition.values, [80, 12, 6, 2])[0],
            last_inspected_on=inspected,
        )
        panel.place = panel.place.strip()
        panels.append(panel)
    for panel in panels:
        panel.save()


def _load_campaigns(today: datetime.date) -> None:
    """A 30/7 campaign and a Women's Union composition contest, with their activities."""
    User = get_user_model()
    staff = User.objects.get(username="campaigns")
    communicator = User.objects.get(username="communicator")
    rng = random.Random(f"{SEED}-campaigns")
    wards = list(Ward.objects.filter(kind=Ward.Kind.WARD, clubs__isnull=False).order_by("pk"))
    leaflets = Material.objects.get(kind=Material.Kind.LEAFLET)

    year = 2024
    preset = services.campaign_national_day_preset(year=year)
    national, created = Campaign.objects.get_or_create(
        name=str(preset["name"]),
        defaults={
            **{k: v for k, v in preset.items() if k != "name"},
            "description": str(preset["description"]),
            "target_sessions": 40,
            "target_attendances": 2_000,
            "target_participants": 1_200,
            "target_online_reach": 30_000,
            "target_materials": 3_000,
        },
    )
    if created:
        kinds = [
            Activity.Kind.TALK,
            Activity.Kind.DOOR_TO_DOOR,
            Activity.Kind.BROADCAST,
            Activity.Kind.ONLINE_POST,
            Activity.Kind.TRAINING,
        ]
        titles = {
            "talk": "Nói chuyện chuyên đề tại nhà văn hóa",
            "door_to_door": "Tuyên truyền đến từng hộ gia đình",
            "broadcast": "Phát thanh trên loa truyền thanh phường",
            "online_post": "Đăng bài trên trang Zalo và Facebook của phường",
            "training": "Tập huấn kỹ năng nhận diện dấu hiệu mua bán người",
        }
        for ward in wards:
            for kind in kinds:
                day = datetime.date(year, 7, rng.randint(5, 30))
                sessions = 1 if kind in ("broadcast", "online_post") else rng.randint(1, 3)
                attendances = 0 if kind in ("broadcast", "online_post") else rng.randint(40, 160)
                activity = services.activity_create(
                    campaign=national,
                    created_by=staff,
                    title=titles[kind],
                    held_on=day,
                    ward=ward,
                    kind=kind,
                    sessions=sessions,
                    attendances=attendances,
                    unique_participants=int(attendances * rng.uniform(0.6, 0.9))
                    if attendances and kind != "door_to_door"
                    else None,
                    reach_zalo=rng.randint(800, 3_000) if kind == "online_post" else 0,
                    reach_facebook=rng.randint(1_000, 4_000) if kind == "online_post" else 0,
                    communicators=[communicator] if kind == "online_post" else [],
                )
                if kind in ("talk", "door_to_door"):
                    services.distribution_record(
                        material=leaflets,
                        quantity=rng.randint(50, 150),
                        distributed_on=day,
                        ward=ward,
                        channel="event",
                        activity=activity,
                        created_by=staff,
                    )

    contest, created = Campaign.objects.get_or_create(
        name="Cuộc thi sáng tác tiểu phẩm “Nói không với mua bán người” 2023",
        defaults={
            "organiser": Campaign.Organiser.WOMEN_UNION,
            "theme": Campaign.Theme.CONTEST,
            "starts_on": datetime.date(2023, 9, 1),
            "ends_on": datetime.date(2023, 11, 30),
            "target_groups": ["women", "youth", "students"],
            "description": (
                "Hội Liên hiệp Phụ nữ tỉnh phát động hội viên sáng tác tiểu phẩm, bài viết "
                "và tranh cổ động; các tác phẩm hay được diễn tại buổi tổng kết."
            ),
            "target_sessions": 8,
            "target_attendances": 600,
            "target_participants": 150,
            "target_online_reach": 10_000,
        },
    )
    if created:
        for number, ward in enumerate(wards):
            attendances = rng.randint(60, 140)
            services.activity_create(
                campaign=contest,
                created_by=staff,
                title=f"Vòng sơ khảo cụm {number + 1}",
                held_on=datetime.date(2023, 10, 5 + number * 3),
                ward=ward,
                kind=Activity.Kind.CONTEST,
                sessions=1,
                attendances=attendances,
                unique_participants=rng.randint(15, 35),
                reach_facebook=rng.randint(500, 2_000),
            )


def load(*, stdout=None) -> None:
    """Create the demo cases, materials and campaigns (what is there already stays)."""
    today = timezone.localdate()
    with translation.override("vi"):  # the preset's name and description in Vietnamese
        _load_materials(today)
        _load_campaigns(today)
        created = _load_cases(today)
    if stdout and created:
        leaflets = Material.objects.filter(kind=Material.Kind.LEAFLET).aggregate(s=Sum("stock"))
        stdout.write(
            f"Outreach: {created} fictional at-risk people, {Panel.objects.count()} panels, "
            f"{leaflets['s']} leaflets in stock, {Campaign.objects.count()} campaigns"
        )
