"""Field-app pages of materials: copies handed out by a club, the club's panels and their
inspections (both forms work offline).

Thin views over ``outreach.materials.selectors`` and ``services``; the forms post through the
one sync protocol (``clubs.field.submit``). The handout form's empty copy (``?shell=1``)
names no one and is kept with the club page, so it opens with no signal.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from clubs.access import visible_clubs
from clubs.field import field_view, submit
from outreach.materials import selectors, services
from outreach.materials.forms import DistributionForm, PanelInspectionForm
from outreach.materials.models import Panel


@field_view
def distribution_create(request, pk):
    """Record materials handed out by the club (works offline; ``?shell=1`` opens with no
    signal)."""
    club = get_object_or_404(visible_clubs(user=request.user).select_related("ward"), pk=pk)

    def save(form, submission_uuid):
        data = form.cleaned_data
        return services.distribution_record(
            material=data["material"],
            quantity=data["quantity"],
            distributed_on=data["distributed_on"],
            ward=club.ward,
            club=club,
            channel=data["channel"],
            meeting=data["meeting"],
            created_by=request.user,
            client_uuid=submission_uuid,
        )

    return submit(
        request,
        kind="distribution",
        form_class=DistributionForm,
        form_kwargs={"club": club},
        save=save,
        done=lambda distribution: club.get_absolute_url(),
        template="materials/field/distribution_form.html",
        context={"club": club},
        shell_kwargs={"shell": True},
    )


@field_view
@require_GET
def panel_list(request, pk):
    """The panels a club looks after, those whose inspection is due first."""
    club = get_object_or_404(visible_clubs(user=request.user).select_related("ward"), pk=pk)
    panels = sorted(
        selectors.panels_for(user=request.user).filter(club=club).select_related("ward"),
        key=lambda panel: (panel.condition == Panel.Condition.REMOVED, panel.inspection_due_on()),
    )
    context = {"club": club, "panels": panels, "every": Panel.INSPECT_EVERY_DAYS}
    return render(request, "materials/field/panel_list.html", context)


@field_view
def panel_inspect(request, pk):
    """Record an inspection of a panel: the day and the condition it was found in (works
    offline once the form is open)."""
    panel = get_object_or_404(
        selectors.panels_for(user=request.user).select_related("club", "ward"), pk=pk
    )

    def save(form, submission_uuid):
        return services.panel_update(panel=panel, **form.cleaned_data_for_service())

    def done(updated):
        if panel.club_id:
            return reverse("field:panel_list", args=[panel.club_id])
        return reverse("field:home")

    return submit(
        request,
        kind="panel_inspection",
        form_class=PanelInspectionForm,
        form_kwargs={"panel": panel},
        save=save,
        done=done,
        template="materials/field/panel_inspection_form.html",
        context={"panel": panel, "club": panel.club},
    )
