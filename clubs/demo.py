"""Demo clubs: the five pilot clubs of Hạ Long (founded May 2022), fictional members, monthly
meetings from May 2022 until now with realistic attendance; two clubs are behind.

Every person and phone number here is invented (names drawn from common Vietnamese family,
middle and given names with a fixed seed). A club that already exists is left as it is, so
``load_demo`` can run any number of times.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from clubs import services
from clubs.models import Club, ClubRole, Meeting, Member, Membership, Ward
from clubs.selectors import month_due_on
from config.demo import LEADER_ACCOUNTS, SECRETARY_ACCOUNTS
from config.months import months_between

SEED = "safeward-demo-clubs"
FOUNDED = {
    "Hùng Thắng": datetime.date(2022, 5, 5),
    "Cao Xanh": datetime.date(2022, 5, 6),
    "Bạch Đằng": datetime.date(2022, 5, 9),
    "Hồng Gai": datetime.date(2022, 5, 10),
    "Tuần Châu": datetime.date(2022, 5, 12),
}
# These two have not logged their last monthly meetings: they show as overdue.
BEHIND = {"Bạch Đằng", "Tuần Châu"}

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
FAMILY_WEIGHTS = [30, 12, 10, 8, 6, 6, 5, 5, 5, 4, 3, 2]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Minh", "Thanh", "Hồng"]
MIDDLE_M = ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Tiến"]
GIVEN_F = [
    "Hoa",
    "Lan",
    "Hương",
    "Thủy",
    "Hằng",
    "Mai",
    "Nga",
    "Yến",
    "Hạnh",
    "Ánh",
    "Oanh",
    "Dung",
    "Ẩn",
    "Ngân",
    "Trang",
    "Liên",
    "Uyên",
    "Ơn",
    "Điệp",
    "Êm",
]
GIVEN_M = [
    "Hùng",
    "Dũng",
    "Tuấn",
    "Thắng",
    "Đức",
    "Long",
    "Quân",
    "Sơn",
    "Bình",
    "An",
    "Khánh",
    "Phúc",
    "Vinh",
    "Ước",
    "Toàn",
]
PHONE_PREFIXES = [
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "056",
    "058",
    "070",
    "076",
    "077",
    "078",
    "079",
    "081",
    "082",
    "083",
    "084",
    "085",
    "086",
    "088",
    "089",
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
]
CATEGORIES = [
    (Member.Category.SOCIAL_WORK, 30),
    (Member.Category.RESIDENTIAL_GROUP, 30),
    (Member.Category.VOLUNTEER, 24),
    (Member.Category.RETURNED_MIGRANT, 7),
    (Member.Category.SURVIVOR, 4),
    (Member.Category.OTHER, 5),
]

TOPICS = [
    "Nhận diện lời mời “việc nhẹ, lương cao” trên mạng xã hội",
    "Rà soát người có nguy cơ trong các tổ dân phố",
    "Những việc cần làm khi có người thân mất liên lạc ở nước ngoài",
    "Xuất cảnh trái phép để đi làm thuê: rủi ro và hậu quả",
    "Môi giới kết hôn với người nước ngoài: dấu hiệu lừa đảo",
    "Khi nào gọi 111 và 18001769",
    "Chế độ hỗ trợ cho nạn nhân bị mua bán trở về",
    "Giữ bí mật thông tin của nạn nhân trong cộng đồng",
    "Tuyển dụng lao động qua ứng dụng nhắn tin: cách kiểm tra",
    "Phân công thành viên đến thăm hỏi hộ gia đình",
    "Phối hợp với công an phường và đoàn thể",
    "Sơ kết hoạt động quý và kế hoạch quý tới",
]
TOPICS_2025 = [
    "Luật Phòng, chống mua bán người năm 2024: những điểm mới",
    "Các hình thức hỗ trợ nạn nhân theo luật mới",
]
PLACES = [
    "Nhà văn hóa khu phố 1",
    "Nhà văn hóa khu phố 3",
    "Hội trường UBND phường",
    "Nhà văn hóa khu phố 5",
]
MATERIALS = [
    "",
    "",
    "",
    "30 tờ rơi",
    "20 tờ rơi, 5 sổ tay hỏi đáp pháp luật",
    "10 sổ tay hỏi đáp pháp luật",
]
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def _phone(rng: random.Random, taken: set[str]) -> str:
    while True:
        number = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**7):07d}"
        if number not in taken:
            taken.add(number)
            return number


def _member_rows(rng: random.Random, club: Club) -> list[tuple[Member, Membership]]:
    count = rng.randint(15, 30)
    phones: set[str] = set()
    rows = []
    founded = club.founded_on
    for index in range(count):
        female = rng.random() < 0.7
        name = " ".join(
            [
                rng.choices(FAMILY, FAMILY_WEIGHTS)[0],
                rng.choice(MIDDLE_F if female else MIDDLE_M),
                rng.choice(GIVEN_F if female else GIVEN_M),
            ]
        )
        category = rng.choices([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
        if index < 3:
            category = Member.Category.RESIDENTIAL_GROUP
            role = [
                Membership.BoardRole.CHAIR,
                Membership.BoardRole.VICE_CHAIR,
                Membership.BoardRole.SECRETARY,
            ][index]
        else:
            role = Membership.BoardRole.MEMBER
        joined = (
            founded
            if index < count * 0.7
            else founded + datetime.timedelta(days=rng.randint(60, 900))
        )
        left = None
        if index >= 3 and rng.random() < 0.08:
            left = joined + datetime.timedelta(days=rng.randint(200, 700))
        member = Member(
            club=club,
            full_name=name,
            category=category,
            phone=_phone(rng, phones) if rng.random() < 0.92 else "",
            residential_area=f"Khu phố {rng.randint(1, 9)}",
        )
        rows.append((member, Membership(board_role=role, joined_on=joined, left_on=left)))
    return rows


def _meeting_days(rng: random.Random, club: Club, today: datetime.date, behind: bool):
    """(day, kind) of the club's meetings from its founding to yesterday."""
    due_month = month_due_on(today=today)
    days = []
    for month in months_between(club.founded_on, today):
        if behind and month >= due_month:
            break
        day = month.replace(day=rng.randint(8, 25))
        if month == club.founded_on.replace(day=1):
            day = club.founded_on + datetime.timedelta(days=rng.randint(3, 10))
        if day < today:
            days.append((day, Meeting.Kind.MONTHLY))
        if month.month == 7:
            days.append((month.replace(day=29), Meeting.Kind.COMMUNITY))
        elif month.month in (3, 10) and rng.random() < 0.7:
            days.append((month.replace(day=27), Meeting.Kind.TRAINING))
    return [(day, kind) for day, kind in days if day < today]


def _create_club(club: Club, leader, rng: random.Random, today: datetime.date) -> None:
    """Members and meetings of one demo club, written through ``clubs.services`` like every
    record of the app (meetings back-dated to when they were logged)."""
    pairs = _member_rows(rng, club)
    members = []
    for member, membership in pairs:
        created = services.member_create(
            club=club,
            created_by=leader,
            full_name=member.full_name,
            category=member.category,
            phone=member.phone,
            residential_area=member.residential_area,
            board_role=membership.board_role,
            joined_on=membership.joined_on,
        )
        if membership.left_on:
            services.member_update(
                member=created,
                full_name=created.full_name,
                category=created.category,
                phone=created.phone,
                residential_area=created.residential_area,
                left_on=membership.left_on,
            )
        members.append((created, membership))

    meetings = []
    for day, kind in _meeting_days(rng, club, today, club.ward.name in BEHIND):
        logged = datetime.datetime.combine(
            day + datetime.timedelta(days=rng.randint(0, 3)), datetime.time(20, 30), LOCAL
        )
        meetings.append(
            {
                "held_on": day,
                "kind": kind,
                "topics": rng.choice(TOPICS + (TOPICS_2025 if day.year >= 2025 else [])),
                "place": rng.choice(PLACES),
                "guests_count": rng.choice([0, 0, 1, 2, 3, 5]) + (15 if kind == "community" else 0),
                "materials": rng.choice(MATERIALS),
                "logged_at": min(logged, timezone.now()),
            }
        )
    for meeting in meetings:
        day = meeting["held_on"]
        roster = [
            member
            for member, membership in members
            if membership.joined_on <= day
            and (membership.left_on is None or membership.left_on >= day)
        ]
        turnout = rng.uniform(0.65, 0.95)
        present = [member.pk for member in roster if rng.random() < turnout]
        services.meeting_create(club=club, created_by=leader, present_member_ids=present, **meeting)


def load(*, stdout=None) -> None:
    """Create the five pilot clubs with their members, meetings and board accounts."""
    User = get_user_model()
    today = timezone.localdate()
    for username, ward_name in LEADER_ACCOUNTS:
        ward = Ward.objects.get(name=ward_name, kind=Ward.Kind.WARD, valid_to__isnull=False)
        club, created = Club.objects.get_or_create(
            ward=ward,
            defaults={
                "name": f"CLB Phòng, chống mua bán người phường {ward_name}",
                "founded_on": FOUNDED[ward_name],
            },
        )
        leader = User.objects.get(username=username)
        ClubRole.objects.get_or_create(
            user=leader, club=club, defaults={"role": ClubRole.Role.LEADER}
        )
        if created:
            _create_club(club, leader, random.Random(f"{SEED}-{ward_name}"), today)
            if stdout:
                stdout.write(f"Club: {club.name} ({club.members.count()} members)")
    for username, ward_name in SECRETARY_ACCOUNTS:
        club = Club.objects.get(ward__name=ward_name, ward__valid_to__isnull=False)
        ClubRole.objects.get_or_create(
            user=User.objects.get(username=username),
            club=club,
            defaults={"role": ClubRole.Role.SECRETARY},
        )
