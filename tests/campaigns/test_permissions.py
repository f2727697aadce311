"""Every page, listing and export of campaigns and their activities, for every kind of
account: campaign staff and coordinators keep them, club boards see them."""

import pytest

from tests.permissions import (
    ADMIN_OBJECTS,
    BOARDS,
    FIELD,
    LISTING_ROLES,
    ROLES,
    check_anonymous_listing,
    check_object_page,
    check_reference_listing,
    fill,
    guessable,
)

pytestmark = pytest.mark.django_db

PAGES = FIELD["campaigns"] + ADMIN_OBJECTS["campaigns"]
REFERENCE = {
    "campaigns": ({"coordinator", *BOARDS, "campaigns"}, "campaigns.Campaign"),
    "activities": ({"coordinator", *BOARDS, "campaigns"}, "campaigns.Activity"),
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


@pytest.mark.parametrize(("url", "allowed"), FIELD["campaigns"])
def test_anonymous_is_sent_to_the_field_login(client, records, url, allowed):
    response = client.get(fill(url, records))
    assert response.status_code == 302
    assert response["Location"].startswith("/field/login/")


@pytest.mark.parametrize("username", LISTING_ROLES)
@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_reference_listings_and_exports(client, login, demo, name, username):
    allowed, label = REFERENCE[name]
    check_reference_listing(client, login, name, username, allowed=allowed, label=label)


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_anonymous_gets_no_listing_or_export(client, demo, name):
    check_anonymous_listing(client, name)
