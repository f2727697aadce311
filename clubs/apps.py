from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Coordinators keep every club's records. Club leaders and secretaries are not a group: their
# (narrower) admin permissions come from their ClubRole rows, see clubs.backends.
CLUB_RECORDS = [
    f"clubs.{action}_{model}"
    for model in ("ward", "club", "clubrole", "member", "meeting")
    for action in ("add", "change", "delete", "view")
]


class ClubsConfig(AppConfig):
    """Wards, clubs, members, meetings; who may see which club; the field app."""

    name = "clubs"
    label = "clubs"
    verbose_name = _("Clubs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clubs import demo as clubs_demo
        from clubs import signals  # noqa: F401
        from clubs.access import is_board_or_coordinator
        from config import demo
        from config.accounts import register_two_factor_rule
        from config.roles import COORDINATOR, grant

        grant(COORDINATOR, permissions=CLUB_RECORDS)
        # Coordinators and club boards see personal data: they sign in with two factors.
        register_two_factor_rule(lambda user: is_board_or_coordinator(user=user))
        demo.register_loader(clubs_demo.load, order=20)
