from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """At-risk people, follow-ups and referrals; materials and panels; campaigns."""

    name = "outreach"
    label = "outreach"
    verbose_name = _("Outreach")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clubs.backends import register_board_permissions
        from clubs.imports import register_sheet
        from outreach import rollups, signals  # noqa: F401
        from outreach.resources import ActivityResource, HandoutResource, MaterialResource

        # Sheets on the one import page (check, preview, then all or nothing).
        register_sheet(
            kind="materials",
            label=_("materials"),
            permission="outreach.add_material",
            resource=MaterialResource,
        )
        register_sheet(
            kind="handouts",
            label=_("materials handed out"),
            permission="outreach.add_distribution",
            resource=HandoutResource,
        )
        register_sheet(
            kind="activities",
            label=_("campaign activities"),
            permission="outreach.add_activity",
            resource=ActivityResource,
        )

        rollups._connect()

        # What club leaders and secretaries may do in the admin (scoped to their club).
        register_board_permissions(
            {
                f"outreach.{action}_{model}"
                for model in ("case", "followup", "referral")
                for action in ("view", "add", "change")
            }
            | {
                "outreach.view_agency",
                "outreach.view_material",
                "outreach.view_distribution",
                "outreach.add_distribution",
                "outreach.view_panel",
                "outreach.change_panel",
                "outreach.view_campaign",
                "outreach.view_activity",
                # Anonymous tips about the club's ward: read only (coordinators handle them).
                "outreach.view_tip",
            }
        )
