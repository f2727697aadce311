"""Demo materials at the province's scale: 80,000 leaflets, 10,000 Q&A booklets, posters,
law books and a panel design; copies handed out at the clubs' meetings and at the 30/7
campaign's talks and visits; 177 panels with their inspections.

Everything is written through ``outreach.materials.services``; what exists is left alone, so
``load_demo`` can run any number of times.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils import timezone

from clubs.models import Club, Ward
from outreach.campaigns.models import Activity, Campaign
from outreach.materials import services
from outreach.materials.models import Material, Panel

SEED = "safeward-demo-outreach"

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


def _load_materials(today: datetime.date) -> None:
    """The province's stock, distributions by the clubs, and 177 panels."""
    User = get_user_model()
    coordinator = User.objects.get(username="coordinator")
    rng = random.Random(f"{SEED}-materials")
    materials = {}
    for kind, title, copies, received_on in MATERIALS:
        material = Material.objects.filter(title=title).first()
        created = material is None
        if created:
            material = services.material_create(kind=kind, title=title)
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
    for number in range(PANEL_COUNT):
        ward = wards[number % len(wards)]
        installed = datetime.date(2022, 6, 1) + datetime.timedelta(days=rng.randint(0, 500))
        inspected = installed + datetime.timedelta(days=rng.randint(30, 900))
        inspected = inspected if inspected < today else None
        services.panel_create(
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


def load(*, stdout=None) -> None:
    """Create the materials, their stock, the meetings' handouts and the panels."""
    _load_materials(timezone.localdate())


def load_campaign_handouts(*, stdout=None) -> None:
    """Leaflets handed out at the 30/7 campaign's talks and door-to-door visits (runs after
    the campaigns' demo data)."""
    User = get_user_model()
    staff = User.objects.get(username="campaigns")
    leaflets = Material.objects.get(kind=Material.Kind.LEAFLET)
    rng = random.Random(f"{SEED}-campaign-handouts")
    activities = Activity.objects.filter(
        campaign__theme=Campaign.Theme.NATIONAL_DAY,
        kind__in=[Activity.Kind.TALK, Activity.Kind.DOOR_TO_DOOR],
        distributions__isnull=True,
    ).order_by("pk")
    handed_out = 0
    for activity in activities:
        handed_out += 1
        services.distribution_record(
            material=leaflets,
            quantity=rng.randint(50, 150),
            distributed_on=activity.held_on,
            ward=activity.ward,
            channel="event",
            activity=activity,
            created_by=staff,
        )
    if stdout and handed_out:
        left = Material.objects.filter(kind=Material.Kind.LEAFLET).aggregate(s=Sum("stock"))
        stdout.write(f"Materials: {Panel.objects.count()} panels, {left['s']} leaflets in stock")
