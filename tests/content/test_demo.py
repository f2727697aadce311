"""`load_demo`: the accounts and content every other check relies on."""

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from config.demo import demo_totp_code
from content.models import ArticlePage, FAQPage

pytestmark = pytest.mark.django_db

ACCOUNTS = [
    "coordinator",
    "communicator",
    "campaigns",
    "leader-hung-thang",
    "leader-cao-xanh",
    "leader-bach-dang",
    "leader-hong-gai",
    "leader-tuan-chau",
    "secretary-cao-xanh",
]


def _snapshot():
    from django.contrib.auth import get_user_model

    from clubs.models import Attendance, Club, ClubRole, Meeting, Member, Membership, Ward
    from outreach.campaigns.models import Activity, Campaign
    from outreach.cases.models import Case, FollowUp, Referral, ReferralStep
    from outreach.materials.models import Distribution, Material, Panel

    users = get_user_model().objects.order_by("username").values_list("username", "password")
    return (
        list(users),
        Page.objects.count(),
        Revision.objects.count(),
        get_image_model().objects.count(),
        list(Page.objects.order_by("path").values_list("path", "title", "live")),
        list(Ward.objects.order_by("pk").values_list("pk", "code", "name", "valid_to")),
        list(Club.objects.order_by("pk").values_list("pk", "name", "ward_id", "founded_on")),
        list(ClubRole.objects.order_by("pk").values_list("user__username", "club_id", "role")),
        list(Member.objects.order_by("pk").values_list("pk", "full_name", "phone", "category")),
        Membership.objects.count(),
        list(Meeting.objects.order_by("pk").values_list("pk", "club_id", "held_on", "kind")),
        Attendance.objects.count(),
        list(Case.objects.order_by("pk").values_list("pk", "code", "club_id", "status")),
        [case.full_name for case in Case.objects.order_by("pk")],
        FollowUp.objects.count(),
        list(Referral.objects.order_by("pk").values_list("pk", "stage")),
        ReferralStep.objects.count(),
        list(Material.objects.order_by("pk").values_list("pk", "title", "stock")),
        Distribution.objects.count(),
        Panel.objects.count(),
        list(Campaign.objects.order_by("pk").values_list("pk", "name")),
        Activity.objects.count(),
    )


def test_load_demo_prints_accounts_and_is_idempotent():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    for username in ACCOUNTS:
        assert username in printed
    assert "safeward-demo" in printed
    before = _snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert _snapshot() == before


def test_demo_content_is_there(demo):
    assert ArticlePage.objects.live().filter(locale__language_code="vi").count() >= 8
    assert FAQPage.objects.live().filter(locale__language_code="vi").count() == 1
    assert ArticlePage.objects.exclude(hero_image=None).count() >= 4


@pytest.mark.parametrize("username", ACCOUNTS)
def test_demo_accounts_sign_in_with_the_published_password_and_code(client, demo, username):
    response = client.post(
        "/admin/login/",
        {"username": username, "password": "safeward-demo", "otp_token": demo_totp_code()},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.session["_auth_user_id"]


def test_demo_refused_where_settings_forbid_it(settings):
    settings.SAFEWARD_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo", stdout=io.StringIO())


def _import_production(env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_refuse_to_start_without_secrets():
    result = _import_production({})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_refuse_demo_accounts():
    from django.conf import settings

    from config.sync_crypto import private_keys

    private_keys()  # makes the test run's key file
    env = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "safeward.example",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "SAFEWARD_SYNC_PRIVATE_KEYS": settings.SAFEWARD_SYNC_KEY_FILE.read_text(),
        "SAFEWARD_FIELD_KEYS": "a" * 43 + "=",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "refused" in result.stderr
