"""Field-app pages of campaigns: the list, one campaign's progress against its targets, and
recording an activity from a phone (works offline, through ``clubs.field.submit``)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from clubs.field import field_view, submit
from outreach.campaigns import selectors, services
from outreach.campaigns.access import can_manage_campaigns
from outreach.campaigns.forms import ActivityForm


def _campaign(request, pk):
    return get_object_or_404(selectors.campaigns_for(user=request.user), pk=pk)


@field_view
@require_GET
def campaign_list(request):
    campaigns = selectors.campaigns_for(user=request.user)
    if not campaigns.exists() and not can_manage_campaigns(request.user):
        raise Http404
    return render(request, "campaigns/field/campaign_list.html", {"campaigns": campaigns})


@field_view
@require_GET
def campaign_detail(request, pk):
    """A campaign's progress against its targets, and its activities (no JavaScript)."""
    campaign = _campaign(request, pk)
    totals, progress = selectors.campaign_progress(campaign=campaign)
    context = {
        "campaign": campaign,
        "totals": totals,
        "progress": progress,
        "activities": campaign.activities.select_related("ward")[:50],
        "can_record": can_manage_campaigns(request.user),
    }
    return render(request, "campaigns/field/campaign_detail.html", context)


@field_view
def activity_create(request, pk):
    """Record a campaign activity from a phone (works offline)."""
    campaign = _campaign(request, pk)
    if not can_manage_campaigns(request.user):
        raise Http404

    def save(form, submission_uuid):
        return services.activity_create(
            campaign=campaign,
            created_by=request.user,
            client_uuid=submission_uuid,
            **form.service_kwargs(),
        )

    return submit(
        request,
        kind="activity",
        form_class=ActivityForm,
        form_kwargs={"campaign": campaign},
        save=save,
        done=lambda activity: reverse("field:campaign", args=[campaign.pk]),
        template="campaigns/field/activity_form.html",
        context={"campaign": campaign},
    )
