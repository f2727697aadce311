"""The permission matrix of the outreach apps' pages, shared by their permission tests
(``tests/<app>/test_permissions.py``): URL, and who gets a 200 (everyone else a 404, or for
a record they may see but not act on this way, Wagtail's "permission denied")."""

from tests.accounts import OTHER_CLUB_LEADER, OWN_BOARD

BOARD = {*OWN_BOARD, "coordinator"}
CAMPAIGN_STAFF = {"coordinator", "campaigns"}
ALL_BOARDS = {*BOARD, OTHER_CLUB_LEADER}
ROLES = ["coordinator", *OWN_BOARD, OTHER_CLUB_LEADER, "communicator", "campaigns"]
PAIR = ["leader-bach-dang", "leader-hong-gai"]  # two clubs, one ward (06685) since 2025
BOARDS = [*OWN_BOARD, OTHER_CLUB_LEADER, *PAIR]
LISTING_ROLES = ["coordinator", *BOARDS, "communicator", "campaigns"]

FIELD = {
    "cases": [
        ("/field/clubs/{club}/cases/", BOARD),
        ("/field/clubs/{club}/cases/new/", BOARD),
        ("/field/cases/{case}/", BOARD),
        ("/field/cases/{case}/edit/", BOARD),
        ("/field/cases/{case}/follow-ups/new/", BOARD),
        ("/field/cases/{case}/referrals/new/", BOARD),
        ("/field/cases/{case}/consent/", BOARD),
        ("/field/referrals/{referral}/step/", BOARD),
        ("/field/follow-ups/overdue/", ALL_BOARDS),
    ],
    "materials": [
        ("/field/clubs/{club}/distributions/new/", BOARD),
        ("/field/clubs/{club}/panels/", BOARD),
        ("/field/panels/{panel}/inspection/", BOARD),
    ],
    "campaigns": [
        ("/field/campaigns/", ALL_BOARDS | CAMPAIGN_STAFF),
        ("/field/campaigns/{campaign}/", ALL_BOARDS | CAMPAIGN_STAFF),
        ("/field/campaigns/{campaign}/activities/new/", CAMPAIGN_STAFF),
    ],
}
ADMIN_OBJECTS = {
    "cases": [
        ("/admin/outreach/cases/edit/{case}/", BOARD),
        ("/admin/outreach/cases/history/{case}/", BOARD),
        ("/admin/outreach/cases/delete/{case}/", set()),
        ("/admin/outreach/follow-ups/edit/{follow_up}/", BOARD),
        ("/admin/outreach/referrals/edit/{referral}/", BOARD),
        ("/admin/outreach/audit/inspect/{audit}/", {"coordinator"}),
        ("/admin/outreach/audit/edit/{audit}/", set()),
        ("/admin/outreach/audit/delete/{audit}/", set()),
    ],
    "materials": [
        ("/admin/outreach/distributions/delete/{distribution}/", {"coordinator"}),
        ("/admin/outreach/panels/edit/{panel}/", BOARD),
    ],
    "campaigns": [
        ("/admin/outreach/activities/edit/{activity}/", CAMPAIGN_STAFF),
        ("/admin/outreach/campaigns/edit/{campaign}/", CAMPAIGN_STAFF),
    ],
}
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


def fill(url, records):
    return url.format(**records)


def guessable(pages):
    """URLs that name a record other than the club (a guessed id must tell nothing)."""
    return [url for url, _allowed in pages if "{" in url.replace("{club}", "")]


def check_object_page(client, login, records, url, allowed, username):
    """One page for one account: 200 (never kept in a cache), "permission denied", or 404."""
    login(username)
    response = client.get(fill(url, records))
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


def own_club(username):
    """The club a board account works for, from its ClubRole (not from the access code)."""
    from clubs.models import ClubRole

    roles = ClubRole.objects.filter(user__username=username, role__in=["leader", "secretary"])
    return roles.get().club if roles.exists() else None


def csv_rows(response) -> list[dict]:
    import csv
    import io

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def closed(response):
    """No permission on the model: Wagtail sends the user back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def check_reference_listing(client, login, name, username, *, allowed, label):
    """Reference data without personal data: the whole list (and export), or nothing."""
    from django.apps import apps

    login(username)
    listing = client.get(f"/admin/outreach/{name}/")
    export = client.get(f"/admin/outreach/{name}/?export=xlsx")
    if username not in allowed:
        assert closed(listing) and closed(export)
        return
    assert listing.status_code == 200 and listing.context["object_list"]
    assert export.status_code == 200 and "attachment" in export["Content-Disposition"]
    csv_export = client.get(f"/admin/outreach/{name}/?export=csv")
    assert len(csv_rows(csv_export)) == apps.get_model(label).objects.count()


def check_anonymous_listing(client, name):
    for url in [f"/admin/outreach/{name}/", f"/admin/outreach/{name}/?export=csv"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
