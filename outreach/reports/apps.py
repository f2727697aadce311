import contextlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


@contextlib.contextmanager
def counted_once():
    """Around a bulk load (the demo data): no rebuild on each write, one at the end, and
    none when the load added nothing (a second ``load_demo`` leaves a large database alone)."""
    from outreach.reports import rollups

    with rollups.paused():
        before = rollups.record_counts()
        yield
        if rollups.record_counts() != before:
            rollups.refresh_all()


class ReportsConfig(AppConfig):
    """Indicators, rollups, dashboards, the Excel report, the public statistics."""

    name = "outreach.reports"
    label = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clubs import field
        from config import demo
        from outreach.reports import rollups

        rollups._connect()
        field.register_urls("outreach.reports.urls")
        field.register_club_link(
            label=_("Reports"), url_name="field:reports", query="?club={club}", order=50
        )
        demo.register_wrapper(counted_once)
