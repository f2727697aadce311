"""The stored figures of the reports (``ReportRollup``), kept in step with the records by
``outreach.reports.rollups``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clubs.models import Club, Ward

# --- report rollups ------------------------------------------------------------------------


class ReportRollup(models.Model):
    """One stored figure of one indicator (``outreach.reports.indicators``) for one month.

    Detail rows hold a ward (the record's own, never rolled up), and the club, campaign
    and organiser when the records have them; total rows (``is_total``) hold the
    province-wide sum of a month, so the coordinator's dashboard reads a few hundred rows
    whatever the number of wards. ``outreach.reports.rollups`` keeps them in step with the
    records.
    """

    indicator = models.CharField(max_length=40)
    breakdown = models.CharField(max_length=40, blank=True)
    month = models.DateField()
    is_total = models.BooleanField(default=False)
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    club = models.ForeignKey(
        Club, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organiser = models.CharField(max_length=20, blank=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("report figure")
        verbose_name_plural = _("report figures")
        default_permissions = ()
        indexes = [
            models.Index(fields=["is_total", "month"], name="rollup_total_month"),
            models.Index(fields=["ward", "month"], name="rollup_ward_month"),
            models.Index(fields=["club", "month"], name="rollup_club_month"),
            models.Index(fields=["campaign", "month"], name="rollup_campaign_month"),
            models.Index(fields=["organiser", "month"], name="rollup_organiser_month"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.breakdown} {self.month:%m/%Y} = {self.value}"
