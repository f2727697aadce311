"""What the clubs field pages show of outreach: links only, never a count of cases."""

from django import template

from clubs.access import can_manage_campaigns, can_manage_club, can_see_cases

register = template.Library()


@register.simple_tag(takes_context=True)
def outreach_club_links(context, club):
    """Which outreach links the club page offers the user (none to those who may not)."""
    user = context["request"].user
    if not can_manage_club(user=user, club=club):
        return {}
    return {"cases": can_see_cases(user=user, club=club), "distributions": True}


@register.simple_tag(takes_context=True)
def outreach_home_links(context):
    user = context["request"].user
    return {"campaigns": can_manage_campaigns(user), "cases": can_see_cases(user=user)}
