from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SafeWardConfig(AppConfig):
    """The project itself: the staff roles shared by the apps and the demo data command."""

    name = "config"
    label = "safeward"
    verbose_name = _("SafeWard")

    def ready(self):
        from config import accounts  # noqa: F401 - connects the sign-in signal receivers
        from config.csp import add_nonce_to_chooser_scripts
        from config.roles import sync_staff_roles
        from config.widgets import tolerate_bad_chooser_ids

        # Runs once, after every app's permissions exist.
        add_nonce_to_chooser_scripts()
        tolerate_bad_chooser_ids()
        post_migrate.connect(sync_staff_roles, sender=self, dispatch_uid="safeward-roles")
