from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    label = "content"
    verbose_name = _("Awareness content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from content import signals  # noqa: F401
