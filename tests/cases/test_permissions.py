"""Every page of at-risk people (field app and admin), listing and export, for every kind of
account: who gets in, who gets "not found", who is sent to log in; guessed IDs tell nothing;
two clubs sharing one ward see only their own records."""

import pytest
from django.utils import timezone

from outreach.cases.models import Case
from tests.accounts import OTHER_CLUB_LEADER
from tests.permissions import (
    ADMIN_OBJECTS,
    BOARD,
    BOARDS,
    FIELD,
    LISTING_ROLES,
    PAIR,
    ROLES,
    check_anonymous_listing,
    check_object_page,
    check_reference_listing,
    fill,
    guessable,
)
from tests.permissions import (
    own_club as club_of,
)

pytestmark = pytest.mark.django_db

PAGES = FIELD["cases"] + ADMIN_OBJECTS["cases"]
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


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize(("url", "allowed"), PAGES)
def test_object_pages(client, login, records, url, allowed, username):
    check_object_page(client, login, records, url, allowed, username)


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("url", guessable(PAGES))
def test_guessed_ids_are_not_found(client, login, records, url, username):
    login(username)
    guessed = dict.fromkeys(records, 987654)
    guessed["club"] = records["club"]
    assert client.get(fill(url, guessed)).status_code == 404


@pytest.mark.parametrize(("url", "allowed"), FIELD["cases"])
def test_anonymous_is_sent_to_the_field_login(client, records, url, allowed):
    response = client.get(fill(url, records))
    assert response.status_code == 302
    assert response["Location"].startswith("/field/login/")


@pytest.mark.parametrize(
    "url", [url for url, _ in ADMIN_OBJECTS["cases"]] + CASE_LISTINGS + EXPORTS
)
def test_anonymous_is_sent_to_the_admin_login(client, records, url):
    response = client.get(fill(url, {**records, "code": "CX"}))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("url", CASE_LISTINGS)
def test_case_listings_show_a_case_to_its_board_only(client, login, records, url, username):
    code = Case.objects.get(pk=records["case"]).code
    login(username)
    response = client.get(fill(url, {**records, "code": code}))
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
    from outreach.cases.models import FollowUp, Referral

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


def _club_records(club):
    from outreach.cases.models import Referral
    from outreach.materials.models import Distribution, Panel

    case = Case.objects.filter(club=club, personal_data_erased_at__isnull=True).first()
    return {
        "club": club.pk,
        "case": case.pk,
        "follow_up": case.follow_ups.first().pk,
        "referral": Referral.objects.filter(case__club=club).first().pk,
        "distribution": Distribution.objects.filter(club=club).first().pk,
        "panel": Panel.objects.filter(club=club).first().pk,
    }


@pytest.mark.parametrize(("viewer", "other"), [PAIR, PAIR[::-1]])
def test_clubs_sharing_a_ward_see_only_their_own_records(client, login, demo, viewer, other):
    from clubs.selectors import ward_as_of

    own_club, other_club = club_of(viewer), club_of(other)
    today = timezone.localdate()
    assert ward_as_of(ward=own_club.ward, on=today) == ward_as_of(ward=other_club.ward, on=today)
    theirs = _club_records(other_club)
    login(viewer)
    club_urls = [
        url
        for url, _allowed in [*sum(FIELD.values(), []), *sum(ADMIN_OBJECTS.values(), [])]
        if any("{" + key + "}" in url for key in theirs)
    ]
    club_urls += [
        "/field/clubs/{club}/",
        "/field/clubs/{club}/roster.json",
        "/field/clubs/{club}/cases/new/?shell=1",
        "/field/clubs/{club}/distributions/new/?shell=1",
    ]
    assert len(club_urls) > 15
    for url in club_urls:
        response = client.get(fill(url, theirs))
        assert response.status_code == 404, url
    own = _club_records(own_club)
    assert client.get(f"/field/clubs/{own['club']}/cases/").status_code == 200
    assert client.get(f"/admin/outreach/panels/edit/{own['panel']}/").status_code == 200


@pytest.mark.parametrize(("viewer", "other"), [PAIR, PAIR[::-1]])
def test_clubs_sharing_a_ward_list_and_export_only_their_own(client, login, demo, viewer, other):
    own_club, other_club = club_of(viewer), club_of(other)
    other_codes = set(Case.objects.filter(club=other_club).values_list("code", flat=True))
    own_codes = set(Case.objects.filter(club=own_club).values_list("code", flat=True))
    login(viewer)
    listed = {str(case) for case in client.get("/admin/outreach/cases/").context["object_list"]}
    assert listed and listed <= own_codes and not listed & other_codes
    for name in ["follow-ups", "referrals"]:
        rows = client.get(f"/admin/outreach/{name}/").context["object_list"]
        assert rows and {row.case.code for row in rows} <= own_codes
    for name in ["distributions", "panels"]:
        rows = client.get(f"/admin/outreach/{name}/").context["object_list"]
        assert rows and {row.club_id for row in rows} == {own_club.pk}
        # Searching for the other club by name finds nothing; for one's own, its rows.
        assert not client.get(f"/admin/outreach/{name}/?q={other_club.ward.name}").context[
            "object_list"
        ]
        found = client.get(f"/admin/outreach/{name}/?q={own_club.ward.name}")
        assert {row.club_id for row in found.context["object_list"]} == {own_club.pk}
        exported = b"".join(client.get(f"/admin/outreach/{name}/?export=csv").streaming_content)
        assert str(own_club).encode() in exported and str(other_club).encode() not in exported
    body = client.get(f"/field/clubs/{own_club.pk}/cases/").content.decode()
    assert not any(code in body for code in other_codes)


@pytest.mark.parametrize("username", LISTING_ROLES)
def test_the_agency_list_is_for_boards_and_coordinators(client, login, demo, username):
    allowed = {"coordinator", *BOARDS}
    check_reference_listing(
        client, login, "agencies", username, allowed=allowed, label="cases.Agency"
    )


def test_anonymous_gets_no_agency_list(client, demo):
    check_anonymous_listing(client, "agencies")
