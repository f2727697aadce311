from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

CAMPAIGN_RECORDS = [
    f"campaigns.{action}_{model}"
    for model in ("campaign", "activity")
    for action in ("add", "change", "delete", "view")
]
# Club leaders and secretaries take part in campaigns: they see them in the admin.
BOARD_RECORDS = ["campaigns.view_campaign", "campaigns.view_activity"]


class CampaignsConfig(AppConfig):
    """Campaigns, their activities and reach."""

    name = "outreach.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clubs import field
        from clubs.backends import register_board_permissions
        from clubs.imports import register_sheet
        from config import demo
        from config.roles import CAMPAIGNS, COORDINATOR, grant
        from outreach.campaigns import demo as campaigns_demo
        from outreach.campaigns.resources import ActivityResource
        from outreach.campaigns.selectors import campaigns_for

        register_sheet(
            kind="activities",
            label=_("campaign activities"),
            permission="campaigns.add_activity",
            resource=ActivityResource,
        )
        field.register_urls("outreach.campaigns.urls")
        field.register_club_link(label=_("Campaigns"), url_name="field:campaigns", order=40)
        field.register_home_link(
            label=_("Campaigns"),
            url_name="field:campaigns",
            order=40,
            shown=lambda *, user, club: campaigns_for(user=user).exists(),
        )
        register_board_permissions(BOARD_RECORDS)
        grant(COORDINATOR, permissions=CAMPAIGN_RECORDS)
        # Activity photos go to Wagtail's image library.
        grant(CAMPAIGNS, permissions=CAMPAIGN_RECORDS, collection=["choose_image", "add_image"])
        demo.register_loader(campaigns_demo.load, order=40)
