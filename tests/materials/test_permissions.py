"""Every page, listing and export of materials, distributions and panels, for every kind of
account: who sees which rows (their clubs' only), who gets "not found" or is sent to log in."""

import pytest
from django.db.models import Q

from tests.permissions import (
    ADMIN_OBJECTS,
    BOARDS,
    FIELD,
    LISTING_ROLES,
    ROLES,
    check_anonymous_listing,
    check_object_page,
    check_reference_listing,
    closed,
    csv_rows,
    fill,
    guessable,
    own_club,
)

pytestmark = pytest.mark.django_db

PAGES = FIELD["materials"] + ADMIN_OBJECTS["materials"]
# Listings of records kept per club: who sees which rows (None: the listing is closed).
CLUB_SCOPED = {
    "distributions": lambda user, own: (
        Q() if user == "coordinator" else Q(club__isnull=True) if user == "campaigns" else own
    ),
    "panels": lambda user, own: Q() if user == "coordinator" else None if own is None else own,
}
REFERENCE = {
    "materials": ({"coordinator", *BOARDS, "campaigns"}, "materials.Material"),
    "stock": ({"coordinator"}, "materials.StockReceipt"),
}


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


@pytest.mark.parametrize(("url", "allowed"), FIELD["materials"])
def test_anonymous_is_sent_to_the_field_login(client, records, url, allowed):
    response = client.get(fill(url, records))
    assert response.status_code == 302
    assert response["Location"].startswith("/field/login/")


def _scoped_expectation(name, username):
    club = own_club(username)
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
        assert closed(listing) and closed(export)
        return
    assert listing.status_code == 200 and export.status_code == 200
    allowed = set(model.objects.filter(expected).values_list("pk", flat=True))
    assert allowed, "the demo data has rows for every account that may see some"
    listed = {row.pk for row in listing.context["object_list"]}
    assert listed and listed <= allowed
    rows = csv_rows(export)
    assert len(rows) == len(allowed)
    own = own_club(username)
    if own is not None:
        club_column = next(key for key in rows[0] if key.lower() in ("club", "câu lạc bộ"))
        assert {row[club_column] for row in rows} == {str(own)}


@pytest.mark.parametrize("username", LISTING_ROLES)
@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_reference_listings_and_exports(client, login, demo, name, username):
    allowed, label = REFERENCE[name]
    check_reference_listing(client, login, name, username, allowed=allowed, label=label)


@pytest.mark.parametrize("name", sorted(CLUB_SCOPED) + sorted(REFERENCE))
def test_anonymous_gets_no_listing_or_export(client, demo, name):
    check_anonymous_listing(client, name)
