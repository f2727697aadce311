"""Demo campaigns: the 30/7 month of action of 2024 with its activities in every pilot ward,
and a Women's Union composition contest (2023). Written through
``outreach.campaigns.services``; what exists is left alone.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from clubs.models import Ward
from outreach.campaigns import services
from outreach.campaigns.models import Activity, Campaign

SEED = "safeward-demo-outreach"


def _load_campaigns(today: datetime.date) -> None:
    """A 30/7 campaign and a Women's Union composition contest, with their activities."""
    User = get_user_model()
    staff = User.objects.get(username="campaigns")
    communicator = User.objects.get(username="communicator")
    rng = random.Random(f"{SEED}-campaigns")
    wards = list(Ward.objects.filter(kind=Ward.Kind.WARD, clubs__isnull=False).order_by("pk"))

    year = 2024
    preset = services.campaign_national_day_preset(year=year)
    national = Campaign.objects.filter(name=str(preset["name"])).first()
    created = national is None
    if created:
        national = services.campaign_create(
            **{**preset, "name": str(preset["name"]), "description": str(preset["description"])},
            target_sessions=40,
            target_attendances=2_000,
            target_participants=1_200,
            target_online_reach=30_000,
            target_materials=3_000,
        )
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
                services.activity_create(
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

    contest_name = "Cuộc thi sáng tác tiểu phẩm “Nói không với mua bán người” 2023"
    contest = Campaign.objects.filter(name=contest_name).first()
    created = contest is None
    if created:
        contest = services.campaign_create(
            name=contest_name,
            organiser=Campaign.Organiser.WOMEN_UNION,
            theme=Campaign.Theme.CONTEST,
            starts_on=datetime.date(2023, 9, 1),
            ends_on=datetime.date(2023, 11, 30),
            target_groups=["women", "youth", "students"],
            description=(
                "Hội Liên hiệp Phụ nữ tỉnh phát động hội viên sáng tác tiểu phẩm, bài viết "
                "và tranh cổ động; các tác phẩm hay được diễn tại buổi tổng kết."
            ),
            target_sessions=8,
            target_attendances=600,
            target_participants=150,
            target_online_reach=10_000,
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
    """Create the demo campaigns and their activities (the preset's words in Vietnamese)."""
    with translation.override("vi"):
        _load_campaigns(timezone.localdate())
