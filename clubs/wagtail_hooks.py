"""Register the clubs admin: one "Clubs" menu with its listings and the import page."""

from wagtail import hooks

from clubs.scoped_admin import register_permission_policies
from clubs.viewsets import ClubsViewSetGroup

register_permission_policies(ClubsViewSetGroup.items)


@hooks.register("register_admin_viewset")
def register_clubs_viewsets():
    return ClubsViewSetGroup()
