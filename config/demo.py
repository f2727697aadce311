"""Demo accounts. Only dev and test settings allow them; production refuses."""

import base64

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from config.roles import CAMPAIGNS, COMMUNICATOR, COORDINATOR

DEMO_PASSWORD = "safeward-demo"  # noqa: S105 - published demo password, dev only
# Every demo account signs in with this authenticator secret (printed by load_demo).
DEMO_TOTP_KEY = "5361666557617264446576446f4e6f7455736521"  # hex of b"SafeWardDevDoNotUse!"

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


def demo_totp_secret() -> str:
    """The demo authenticator secret in base32, as authenticator apps want it."""
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def demo_totp_code() -> str:
    """The six-digit code the demo authenticator shows right now."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}"


def enrol_demo_device(user) -> None:
    """Give a demo account the fixed authenticator secret (idempotent)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.get_or_create(
        user=user, name="demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
    )


def load_accounts() -> list[tuple[str, str]]:
    """Create the demo accounts; return (username, what it is for) rows to print."""
    rows = []
    for username, title, group_name in STAFF_ACCOUNTS:
        user, _ = ensure_user(username, first_name=title)
        user.groups.add(Group.objects.get(name=group_name))
        enrol_demo_device(user)
        rows.append((username, title))
    for username, ward in LEADER_ACCOUNTS:
        user, _ = ensure_user(username, first_name="Chủ nhiệm CLB", last_name=ward)
        enrol_demo_device(user)
        rows.append((username, f"Chủ nhiệm CLB phường {ward}"))
    for username, ward in SECRETARY_ACCOUNTS:
        user, _ = ensure_user(username, first_name="Thư ký CLB", last_name=ward)
        enrol_demo_device(user)
        rows.append((username, f"Thư ký CLB phường {ward}"))
    return rows
