"""Admin permissions of club leaders and secretaries, derived from their ClubRole rows.

Why a permission backend and not a group: a ``club_board`` group would have to be kept in
step with ClubRole rows (signals on every save and delete, a repair command when they drift).
Here the rows *are* the grant: a user with a leader or secretary ``ClubRole`` holds the
permissions in ``BOARD_PERMISSIONS`` (Wagtail admin access, viewing clubs and wards, keeping
members and meetings); removing the row removes them on the next request. Which records
they see is decided by ``clubs.access.visible_clubs`` (the viewsets' querysets), so these
permissions open the listings and the scoping narrows them to the user's own club.
Coordinators manage ClubRole rows in the admin; staff groups stay in ``config.roles``.
"""

from clubs.access import is_club_board

BOARD_PERMISSIONS = set(
    {
        "wagtailadmin.access_admin",
        "clubs.view_ward",
        "clubs.view_club",
        "clubs.view_member",
        "clubs.add_member",
        "clubs.change_member",
        "clubs.view_meeting",
        "clubs.add_meeting",
        "clubs.change_meeting",
    }
)


def register_board_permissions(permissions) -> None:
    """Let an app that depends on clubs (outreach) add what the board may do in its admin."""
    BOARD_PERMISSIONS.update(permissions)


class ClubBoardBackend:
    """Grants BOARD_PERMISSIONS to active club leaders and secretaries. Never authenticates."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or not is_club_board(user_obj):
            return set()
        return set(BOARD_PERMISSIONS)

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))
