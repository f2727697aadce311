"""Who plans campaigns and records their activities: the campaign staff (women's union and
youth union, staff group ``campaigns``) and coordinators. Campaigns hold no personal data;
club boards see them too (``selectors.campaigns_for``)."""

from clubs.access import is_coordinator
from config.roles import CAMPAIGNS

_CACHE = "_safeward_campaign_staff"


def is_campaign_staff(user) -> bool:
    """Women's union and youth union staff (group ``campaigns``)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = user.groups.filter(name=CAMPAIGNS).exists()
        setattr(user, _CACHE, cached)
    return cached


def can_manage_campaigns(user) -> bool:
    """May *user* plan campaigns and record their activities? Campaign staff, coordinators."""
    return is_coordinator(user) or is_campaign_staff(user)
