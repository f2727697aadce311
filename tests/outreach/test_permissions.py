"""Every outreach page, admin listing, object URL and export, for every kind of account:
who gets in, who gets "not found", who is sent to log in; guessed IDs tell nothing."""

import pytest

from outreach.models import Case
from tests.outreach.conftest import OTHER_CLUB_LEADER, OWN_BOARD

pytestmark = pytest.mark.django_db

BOARD = {*OWN_BOARD, "coordinator"}
CAMPAIGN_STAFF = {"coordinator", "campaigns"}
ALL_BOARDS = {*BOARD, OTHER_CLUB_LEADER}
ROLES = ["coordinator", *OWN_BOARD, OTHER_CLUB_LEADER, "communicator", "campaigns"]

# URL, who gets a 200 (everyone else: 404, or for a listing a page without the record).
FIELD = [
    ("/field/clubs/{club}/cases/", BOARD),
    ("/field/clubs/{club}/cases/new/", BOARD),
    ("/field/cases/{case}/", BOARD),
    ("/field/cases/{case}/follow-ups/new/", BOARD),
    ("/field/cases/{case}/referrals/new/", BOARD),
    ("/field/cases/{case}/consent/", BOARD),
    ("/field/referrals/{referral}/step/", BOARD),
    ("/field/clubs/{club}/distributions/new/", BOARD),
    ("/field/follow-ups/overdue/", ALL_BOARDS),
    ("/field/campaigns/", ALL_BOARDS | CAMPAIGN_STAFF),
    ("/field/campaigns/{campaign}/", ALL_BOARDS | CAMPAIGN_STAFF),
    ("/field/campaigns/{campaign}/activities/new/", CAMPAIGN_STAFF),
]
ADMIN_OBJECTS = [
    ("/admin/outreach/cases/edit/{case}/", BOARD),
    ("/admin/outreach/cases/history/{case}/", BOARD),
    ("/admin/outreach/cases/delete/{case}/", set()),
    ("/admin/outreach/follow-ups/edit/{follow_up}/", BOARD),
    ("/admin/outreach/referrals/edit/{referral}/", BOARD),
    ("/admin/outreach/audit/inspect/{audit}/", {"coordinator"}),
    ("/admin/outreach/audit/edit/{audit}/", set()),
    ("/admin/outreach/audit/delete/{audit}/", set()),
    ("/admin/outreach/distributions/delete/{distribution}/", {"coordinator"}),
    ("/admin/outreach/panels/edit/{panel}/", BOARD),
    ("/admin/outreach/activities/edit/{activity}/", CAMPAIGN_STAFF),
    ("/admin/outreach/campaigns/edit/{campaign}/", CAMPAIGN_STAFF),
]
# Records a user may see but not act on this way (delete a case, change a campaign).
IN_SCOPE = {
    "/admin/outreach/cases/delete/{case}/": BOARD,
    "/admin/outreach/distributions/delete/{distribution}/": BOARD,
    "/admin/outreach/campaigns/edit/{campaign}/": ALL_BOARDS,
    "/admin/outreach/activities/edit/{activity}/": ALL_BOARDS,
}
# Listings and exports that hold case records: only the case's board and coordinators see it.
CASE_LISTINGS = [
    "/admin/outreach/cases/",
    "/admin/outreach/cases/?q={code}",
    "/admin/outreach/cases/results/?q={code}",
    "/admin/outreach/follow-ups/?q={code}",
    "/admin/outreach/referrals/?q={code}",
]
EXPORTS = [
    "/admin/outreach/cases/?export=csv",
    "/admin/outreach/cases/?export=xlsx&with_names=true",
    "/admin/outreach/follow-ups/?export=csv",
    "/admin/outreach/referrals/?export=xlsx",
]


def _fill(url, records):
    return url.format(**records)


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize(("url", "allowed"), FIELD + ADMIN_OBJECTS)
def test_object_pages(client, login, records, url, allowed, username):
    login(username)
    response = client.get(_fill(url, records))
    if username in allowed:
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert "X-SW-Cache" not in response
    elif url.startswith("/admin/") and username in IN_SCOPE.get(url, set()):
        # The record is theirs to see, the action is not: Wagtail's "permission denied".
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    else:
        assert response.status_code == 404


GUESSABLE = [url for url, _allowed in FIELD + ADMIN_OBJECTS if "{" in url.replace("{club}", "")]


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("url", GUESSABLE)
def test_guessed_ids_are_not_found(client, login, records, url, username):
    login(username)
    guessed = dict.fromkeys(records, 987654)
    guessed["club"] = records["club"]
    assert client.get(_fill(url, guessed)).status_code == 404


@pytest.mark.parametrize(("url", "allowed"), FIELD)
def test_anonymous_is_sent_to_the_field_login(client, records, url, allowed):
    response = client.get(_fill(url, records))
    assert response.status_code == 302
    assert response["Location"].startswith("/field/login/")


@pytest.mark.parametrize("url", [url for url, _allowed in ADMIN_OBJECTS] + CASE_LISTINGS + EXPORTS)
def test_anonymous_is_sent_to_the_admin_login(client, records, url):
    response = client.get(_fill(url, {**records, "code": "CX"}))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("url", CASE_LISTINGS)
def test_case_listings_show_a_case_to_its_board_only(client, login, records, url, username):
    code = Case.objects.get(pk=records["case"]).code
    login(username)
    response = client.get(_fill(url, {**records, "code": code}))
    body = response.content.decode()
    if username in BOARD:
        assert response.status_code == 200
        assert code in body
    else:
        assert response.status_code in (200, 302, 404)
        # A search box shows what was typed; the results must not hold the record.
        listed = response.context and response.context.get("object_list")
        shown = [str(getattr(row, "case", row)) for row in listed or []]
        assert code not in shown
        assert code not in body.replace(f"q={code}", "").replace(f'value="{code}"', "")


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("url", EXPORTS)
def test_case_exports_are_for_coordinators_only(client, login, records, url, username):
    code = Case.objects.get(pk=records["case"]).code
    login(username)
    response = client.get(url)
    if username == "coordinator":
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        if "csv" in url:
            assert code in b"".join(response.streaming_content).decode()
    else:
        assert response.status_code in (302, 404)


@pytest.mark.parametrize("username", ["communicator", "campaigns", OTHER_CLUB_LEADER])
def test_posting_to_another_clubs_case_writes_nothing(client, login, records, username):
    from outreach.models import FollowUp, Referral

    login(username)
    before = FollowUp.objects.count(), Referral.objects.count(), Case.objects.count()
    case = records["case"]
    posts = [
        (f"/field/cases/{case}/follow-ups/new/", {"done_on": "01/02/2024", "method": "visit"}),
        (f"/field/cases/{case}/referrals/new/", {"agency": 1, "received_on": "01/02/2024"}),
        (f"/field/clubs/{records['club']}/cases/new/", {"target_group": "at_risk"}),
        (f"/field/cases/{case}/consent/", {"action": "erase", "on": "01/02/2024"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404
    assert (FollowUp.objects.count(), Referral.objects.count(), Case.objects.count()) == before


def test_admin_menus_hide_cases_from_staff_without_them(client, login, demo):
    for username in ["communicator", "campaigns"]:
        login(username)
        body = client.get("/admin/").content.decode()
        assert "/admin/outreach/cases/" not in body
    login("leader-cao-xanh")
    assert "/admin/outreach/cases/" in client.get("/admin/").content.decode()
