"""Every outreach page, admin listing, object URL and export, for every kind of account:
who gets in, who gets "not found", who is sent to log in; guessed IDs tell nothing."""

import pytest
from django.db.models import Q
from django.utils import timezone

from outreach.cases.models import Case
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
# Records a user may see but not act on this way (delete a case, change a campaign, change
# or delete an audit row): the permission policy refuses the action (Wagtail's "permission
# denied"), the record is not hidden from them.
IN_SCOPE = {
    "/admin/outreach/audit/edit/{audit}/": {"coordinator"},
    "/admin/outreach/audit/delete/{audit}/": {"coordinator"},
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


# --- materials, panels and campaigns: listings and exports ----------------------------------

PAIR = ["leader-bach-dang", "leader-hong-gai"]  # two clubs, one ward (06685) since 2025
BOARDS = [*OWN_BOARD, OTHER_CLUB_LEADER, *PAIR]
LISTING_ROLES = ["coordinator", *BOARDS, "communicator", "campaigns"]
# Listings of records kept per club: who sees which rows (None: the listing is closed).
CLUB_SCOPED = {
    "distributions": lambda user, own: (
        Q() if user == "coordinator" else Q(club__isnull=True) if user == "campaigns" else own
    ),
    "panels": lambda user, own: Q() if user == "coordinator" else None if own is None else own,
}
# Reference data without personal data: the whole list, or nothing.
REFERENCE = {
    "materials": ({"coordinator", *BOARDS, "campaigns"}, "materials.Material"),
    "stock": ({"coordinator"}, "materials.StockReceipt"),
    "campaigns": ({"coordinator", *BOARDS, "campaigns"}, "campaigns.Campaign"),
    "activities": ({"coordinator", *BOARDS, "campaigns"}, "campaigns.Activity"),
    "agencies": ({"coordinator", *BOARDS}, "cases.Agency"),
}


def _own_club(username):
    """The club a board account works for, from its ClubRole (not from the access code)."""
    from clubs.models import ClubRole

    roles = ClubRole.objects.filter(user__username=username, role__in=["leader", "secretary"])
    return roles.get().club if roles.exists() else None


def _csv_rows(response) -> list[dict]:
    import csv
    import io

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _closed(response):
    """No permission on the model: Wagtail sends the user back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def _scoped_expectation(name, username):
    club = _own_club(username)
    own = Q(club=club) if club is not None else None
    if username in ("communicator",):
        return None
    if username == "campaigns" and name == "panels":
        return None
    return CLUB_SCOPED[name](username, own)


@pytest.mark.parametrize("username", LISTING_ROLES)
@pytest.mark.parametrize("name", sorted(CLUB_SCOPED))
def test_club_listings_and_exports_show_only_the_users_clubs(client, login, demo, name, username):
    from django.apps import apps

    model = apps.get_model("materials", name[:-1] if name != "panels" else "panel")
    expected = _scoped_expectation(name, username)
    login(username)
    listing = client.get(f"/admin/outreach/{name}/")
    export = client.get(f"/admin/outreach/{name}/?export=csv")
    if expected is None:
        assert _closed(listing) and _closed(export)
        return
    assert listing.status_code == 200 and export.status_code == 200
    allowed = set(model.objects.filter(expected).values_list("pk", flat=True))
    assert allowed, "the demo data has rows for every account that may see some"
    listed = {row.pk for row in listing.context["object_list"]}
    assert listed and listed <= allowed
    rows = _csv_rows(export)
    assert len(rows) == len(allowed)
    own = _own_club(username)
    if own is not None:
        club_column = next(key for key in rows[0] if key.lower() in ("club", "câu lạc bộ"))
        assert {row[club_column] for row in rows} == {str(own)}


@pytest.mark.parametrize("username", LISTING_ROLES)
@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_reference_listings_and_exports(client, login, demo, name, username):
    from django.apps import apps

    allowed, label = REFERENCE[name]
    login(username)
    listing = client.get(f"/admin/outreach/{name}/")
    export = client.get(f"/admin/outreach/{name}/?export=xlsx")
    if username not in allowed:
        assert _closed(listing) and _closed(export)
        return
    assert listing.status_code == 200 and listing.context["object_list"]
    assert export.status_code == 200 and "attachment" in export["Content-Disposition"]
    csv_export = client.get(f"/admin/outreach/{name}/?export=csv")
    assert len(_csv_rows(csv_export)) == apps.get_model(label).objects.count()


@pytest.mark.parametrize("name", sorted(CLUB_SCOPED) + sorted(REFERENCE))
def test_anonymous_gets_no_outreach_listing_or_export(client, demo, name):
    for url in [f"/admin/outreach/{name}/", f"/admin/outreach/{name}/?export=csv"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- two clubs in one ward: Bạch Đằng and Hồng Gai -----------------------------------------


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

    own_club, other_club = _own_club(viewer), _own_club(other)
    today = timezone.localdate()
    assert ward_as_of(ward=own_club.ward, on=today) == ward_as_of(ward=other_club.ward, on=today)
    theirs = _club_records(other_club)
    login(viewer)
    club_urls = [
        url
        for url, _allowed in FIELD + ADMIN_OBJECTS
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
        response = client.get(_fill(url, theirs))
        assert response.status_code == 404, url
    own = _club_records(own_club)
    assert client.get(f"/field/clubs/{own['club']}/cases/").status_code == 200
    assert client.get(f"/admin/outreach/panels/edit/{own['panel']}/").status_code == 200


@pytest.mark.parametrize(("viewer", "other"), [PAIR, PAIR[::-1]])
def test_clubs_sharing_a_ward_list_and_export_only_their_own(client, login, demo, viewer, other):
    own_club, other_club = _own_club(viewer), _own_club(other)
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
