"""Demo accounts. Only dev and test settings allow them; production refuses."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from config.roles import CAMPAIGNS, COMMUNICATOR, COORDINATOR

DEMO_PASSWORD = "safeward-demo"  # noqa: S105 - published demo password, dev only

STAFF_ACCOUNTS = [
    ("coordinator", "Điều phối viên tỉnh", COORDINATOR),
    ("communicator", "Biên tập viên truyền thông", COMMUNICATOR),
    ("campaigns", "Cán bộ Hội Phụ nữ", CAMPAIGNS),
]
# username -> pilot ward name (the clubs app links them to their clubs).
LEADER_ACCOUNTS = [
    ("leader-hung-thang", "Hùng Thắng"),
    ("leader-cao-xanh", "Cao Xanh"),
    ("leader-bach-dang", "Bạch Đằng"),
    ("leader-hong-gai", "Hồng Gai"),
    ("leader-tuan-chau", "Tuần Châu"),
]
SECRETARY_ACCOUNTS = [("secretary-cao-xanh", "Cao Xanh")]


def ensure_user(username: str, *, first_name: str = "", last_name: str = "") -> tuple:
    """Return (user, created); a new user gets the demo password, an existing one is untouched."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first_name, "last_name": last_name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user, created


def load_accounts() -> list[tuple[str, str]]:
    """Create the demo accounts; return (username, what it is for) rows to print."""
    rows = []
    for username, title, group_name in STAFF_ACCOUNTS:
        user, _ = ensure_user(username, first_name=title)
        user.groups.add(Group.objects.get(name=group_name))
        rows.append((username, title))
    for username, ward in LEADER_ACCOUNTS:
        ensure_user(username, first_name="Chủ nhiệm CLB", last_name=ward)
        rows.append((username, f"Chủ nhiệm CLB phường {ward}"))
    for username, ward in SECRETARY_ACCOUNTS:
        ensure_user(username, first_name="Thư ký CLB", last_name=ward)
        rows.append((username, f"Thư ký CLB phường {ward}"))
    return rows
