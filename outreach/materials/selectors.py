"""Reads of materials, distributions and panels, scoped by ``clubs.access.visible_clubs``."""

from django.db.models import Q, QuerySet

from clubs.access import visible_clubs
from outreach.campaigns.access import can_manage_campaigns
from outreach.materials.models import Distribution, Material, Panel


def distributions_for(*, user) -> QuerySet[Distribution]:
    """Distributions of the user's clubs; campaign staff and coordinators also see those
    made at campaign activities (no club)."""
    scope = Q(club__in=visible_clubs(user=user))
    if can_manage_campaigns(user):
        scope |= Q(club__isnull=True)
    return Distribution.objects.filter(scope)


def panels_for(*, user) -> QuerySet[Panel]:
    scope = Q(club__in=visible_clubs(user=user))
    if can_manage_campaigns(user):
        scope |= Q(club__isnull=True)
    return Panel.objects.filter(scope)


def materials_in_stock() -> QuerySet[Material]:
    return Material.objects.filter(stock__gt=0).order_by("kind", "title_folded")
