"""Register the campaigns admin: the "Campaigns" menu."""

from wagtail import hooks

from clubs.scoped_admin import register_permission_policies
from outreach.campaigns.viewsets import CampaignsViewSetGroup

register_permission_policies(CampaignsViewSetGroup.items)


@hooks.register("register_admin_viewset")
def register_campaigns_viewsets():
    return CampaignsViewSetGroup()
