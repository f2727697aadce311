"""Demo data: the accounts (config's own) and the loaders every app registers.

``manage.py load_demo`` creates the demo accounts, then runs each app's registered loader in
order, all in one transaction and inside every registered wrapper (the reports pause their
rollups during the load and count everything once at the end). An app registers from its
``AppConfig.ready()``::

    from config import demo
    demo.register_loader(load, order=20)

Only dev and test settings allow demo data; production refuses.
"""

import base64
import contextlib
from collections.abc import Callable

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


# --- what the apps add ----------------------------------------------------------------------

# (order, dotted name, loader); a loader is f(*, stdout=None) and leaves what exists alone.
_LOADERS: list[tuple[int, str, Callable]] = []
# Context managers entered around the whole load (outermost first).
_WRAPPERS: list[Callable[[], contextlib.AbstractContextManager]] = []


def register_loader(loader: Callable, *, order: int) -> Callable:
    """Run *loader* during ``load_demo``, after the accounts; lower *order* first (content 10,
    clubs 20, then the outreach apps, which need the clubs)."""
    name = f"{loader.__module__}.{loader.__qualname__}"
    if all(existing != name for _order, existing, _loader in _LOADERS):
        _LOADERS.append((order, name, loader))
        _LOADERS.sort(key=lambda entry: entry[0])
    return loader


def register_wrapper(factory: Callable[[], contextlib.AbstractContextManager]) -> None:
    """Enter ``factory()`` around the whole load (e.g. pause work done on every write)."""
    if factory not in _WRAPPERS:
        _WRAPPERS.append(factory)


def load_all(*, stdout=None) -> list[tuple[str, str]]:
    """Create the accounts and run every registered loader; return the accounts to print."""
    with contextlib.ExitStack() as stack:
        for factory in _WRAPPERS:
            stack.enter_context(factory())
        accounts = load_accounts()
        for _order, _name, loader in _LOADERS:
            loader(stdout=stdout)
    return accounts
