"""The outreach forms a leader can open with no signal: "flag a person at risk" and
"materials handed out" have a ``?shell=1`` copy (no personal data, no CSRF token, no UUID)
that the club page lists for the service worker; forms about one case have none."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from clubs.access import visible_clubs
from clubs.models import Member
from outreach.cases.models import Case
from outreach.materials.models import Material
from tests.accounts import NO_CASES, OWN_BOARD

pytestmark = pytest.mark.django_db

SHELLS = [
    "/field/clubs/{club}/cases/new/?shell=1",
    "/field/clubs/{club}/distributions/new/?shell=1",
]


def _shell_list(body: str) -> list[str]:
    return re.search(r'data-outbox-shells="([^"]*)"', body).group(1).split()


@pytest.mark.parametrize("username", [*OWN_BOARD, "coordinator"])
@pytest.mark.parametrize("url", SHELLS)
def test_a_shell_is_kept_and_names_no_one(client, login, records, cao_xanh, url, username):
    login(username)
    response = client.get(url.format(**records))
    body = response.content.decode()
    assert response.status_code == 200
    assert response["X-SW-Cache"] == "shell"
    assert "csrfmiddlewaretoken" not in body
    assert re.search(r'name="client_uuid"[^>]*value="[^"]', body) is None
    for member in Member.objects.filter(club=cao_xanh):
        assert member.full_name not in body
    for case in Case.objects.filter(club=cao_xanh):
        assert case.code not in body
        if case.full_name:
            assert case.full_name not in body


def test_the_kept_case_form_has_no_member_list_and_says_so(client, login, records):
    login("leader-cao-xanh")
    shell = client.get(f"/field/clubs/{records['club']}/cases/new/?shell=1").content.decode()
    online = client.get(f"/field/clubs/{records['club']}/cases/new/").content.decode()
    assert 'name="assigned_member"' in online and 'name="assigned_member"' not in shell
    assert "data-shell-note" in shell
    assert 'name="full_name"' in shell and 'name="target_group"' in shell


def test_the_kept_distribution_form_shows_no_figure_or_date_that_would_go_stale(
    client, login, records
):
    login("leader-cao-xanh")
    material = Material.objects.exclude(kind=Material.Kind.PANEL).first()
    shell = client.get(f"/field/clubs/{records['club']}/distributions/new/?shell=1")
    online = client.get(f"/field/clubs/{records['club']}/distributions/new/")
    stock = f"{material.title} (còn {material.stock} trong kho)"
    assert stock in online.content.decode() and "trong kho" not in shell.content.decode()
    assert f">{material.title}</option>" in shell.content.decode()
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f'value="{today}"' in online.content.decode()
    assert re.search(r'name="distributed_on"[^>]*value=', shell.content.decode()) is None


@pytest.mark.parametrize("username", NO_CASES)
@pytest.mark.parametrize("url", SHELLS)
def test_no_shell_for_those_outside_the_clubs_board(client, login, records, url, username):
    """Communicators, campaign staff and another club's leader: "not found", nothing kept."""
    login(username)
    response = client.get(url.format(**records))
    assert response.status_code == 404
    assert "X-SW-Cache" not in response


def test_anonymous_gets_no_shell(client, records):
    for url in SHELLS:
        response = client.get(url.format(**records))
        assert response.status_code == 302 and "X-SW-Cache" not in response


@pytest.mark.parametrize(
    "url",
    [
        "/field/cases/{case}/follow-ups/new/?shell=1",
        "/field/cases/{case}/referrals/new/?shell=1",
        "/field/cases/{case}/consent/?shell=1",
        "/field/referrals/{referral}/step/?shell=1",
    ],
)
def test_forms_about_one_case_are_never_kept(client, login, records, url):
    login("leader-cao-xanh")
    response = client.get(url.format(**records))
    assert response.status_code == 200
    assert "X-SW-Cache" not in response and response["Cache-Control"] == "no-store"


def test_the_club_page_lists_the_outreach_shells_for_its_board(client, login, records):
    club = records["club"]
    login("leader-cao-xanh")
    for page in [f"/field/clubs/{club}/", f"/field/clubs/{club}/?shell=1"]:
        body = client.get(page).content.decode()
        shells = _shell_list(body)
        assert f"/field/clubs/{club}/cases/new/?shell=1" in shells
        assert f"/field/clubs/{club}/distributions/new/?shell=1" in shells
        assert not any("/field/cases/" in url for url in shells)
    assert f'href="/field/clubs/{club}/cases/new/"' in body  # the offline club page links them


@pytest.mark.parametrize("username", ["coordinator", "secretary-cao-xanh", "leader-hung-thang"])
def test_every_shell_a_club_page_lists_opens_as_a_shell(client, login, username):
    """The worker fetches what the page lists: each must be a kept copy for that user."""
    login(username)
    club = visible_clubs(user=get_user_model().objects.get(username=username)).first()
    shells = _shell_list(client.get(f"/field/clubs/{club.pk}/").content.decode())
    assert f"/field/clubs/{club.pk}/distributions/new/?shell=1" in shells
    for url in shells:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-SW-Cache"] == "shell", url


def test_the_kept_meeting_form_carries_no_date_that_would_go_stale(client, login, records):
    login("leader-cao-xanh")
    shell = client.get(f"/field/clubs/{records['club']}/meetings/new/?shell=1")
    online = client.get(f"/field/clubs/{records['club']}/meetings/new/")
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f'value="{today}"' in online.content.decode()
    assert shell["X-SW-Cache"] == "shell"
    assert re.search(r'name="held_on"[^>]*value=', shell.content.decode()) is None
