from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClubsConfig(AppConfig):
    """Wards, clubs, members, meetings; who may see which club; the field app."""

    name = "clubs"
    label = "clubs"
    verbose_name = _("Clubs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clubs import signals  # noqa: F401
