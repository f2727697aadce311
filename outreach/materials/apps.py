from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MATERIAL_RECORDS = [
    f"materials.{action}_{model}"
    for model in ("material", "stockreceipt", "distribution", "panel")
    for action in ("add", "change", "delete", "view")
]
# Campaign staff hand materials out at their activities.
CAMPAIGN_STAFF_RECORDS = [
    "materials.view_material",
    "materials.add_distribution",
    "materials.view_distribution",
]
# What club leaders and secretaries may do in the admin (scoped to their club).
BOARD_RECORDS = [
    "materials.view_material",
    "materials.view_distribution",
    "materials.add_distribution",
    "materials.view_panel",
    "materials.change_panel",
]


class MaterialsConfig(AppConfig):
    """Materials, stock, distributions, panels."""

    name = "outreach.materials"
    label = "materials"
    verbose_name = _("Materials and panels")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clubs import field
        from clubs.backends import register_board_permissions
        from clubs.imports import register_sheet
        from config import demo
        from config.roles import CAMPAIGNS, COORDINATOR, grant
        from outreach.materials import demo as materials_demo
        from outreach.materials.resources import HandoutResource, MaterialResource

        # Sheets on the one import page (check, preview, then all or nothing).
        register_sheet(
            kind="materials",
            label=_("materials"),
            permission="materials.add_material",
            resource=MaterialResource,
        )
        register_sheet(
            kind="handouts",
            label=_("materials handed out"),
            permission="materials.add_distribution",
            resource=HandoutResource,
        )
        field.register_urls("outreach.materials.urls")
        field.register_club_link(
            label=_("Materials handed out"),
            url_name="field:distribution_create",
            club=True,
            offline=True,
            order=30,
        )
        field.register_club_link(
            label=_("Panels"), url_name="field:panel_list", club=True, order=35
        )
        register_board_permissions(BOARD_RECORDS)
        grant(COORDINATOR, permissions=MATERIAL_RECORDS)
        grant(CAMPAIGNS, permissions=CAMPAIGN_STAFF_RECORDS)
        demo.register_loader(materials_demo.load, order=30)
        demo.register_loader(materials_demo.load_campaign_handouts, order=45)
