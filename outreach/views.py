"""Field-app pages of the outreach app: at-risk people, follow-ups, referrals, consent,
distributions, campaigns.

Thin views: objects come through ``outreach.selectors`` (scoped by ``clubs.access``; another
club's case is a 404), writes go through ``outreach.services``, and every form posts through
the one sync protocol (``config.sync``), so the same URL takes a plain form POST and the
outbox's encrypted JSON. Every page that shows a case writes one audit row. All of them are
for signed-in users, so the cache policy marks them ``no-store``.

Shells (``?shell=1``, kept by the service worker so a form opens with no signal): only the
forms whose empty copy names no one and nothing about a person, "flag a person at risk" (the
member list of "assigned member" left out) and "materials handed out". A follow-up, referral
or consent form belongs to one case: its copy would keep that case's code and ID in the
phone's plain page cache, and the club page would have to list every case of the club for the
worker to fetch, so a lost phone would show who is followed. Those forms are not shells: one
opened with signal still saves to the outbox when the signal drops.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET

from clubs.access import can_manage_campaigns, can_see_cases, case_clubs, visible_clubs
from config import sync
from outreach import selectors, services
from outreach.audit import Actor, audit_request
from outreach.forms import (
    ActivityForm,
    CaseForm,
    ConsentForm,
    DistributionForm,
    FollowUpForm,
    ReferralForm,
    ReferralStepForm,
)
from outreach.models import AuditEntry, Consent, Referral

field_login_required = login_required(login_url=reverse_lazy("field:login"))


def _field_view(view):
    """Signed in (JSON clients get 401, the outbox keeps the item), else the field login.
    Error reports show neither the POST data nor the view's local variables."""
    view = sensitive_variables()(view)

    @sensitive_post_parameters()
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and not sync.wants_json(request):
            return field_login_required(view)(request, *args, **kwargs)
        return sync.sync_login_required(view)(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _case_club(request, pk):
    """A club whose cases the user may keep; any other is "not found"."""
    if not can_see_cases(user=request.user):
        raise Http404
    return get_object_or_404(case_clubs(user=request.user).select_related("ward"), pk=pk)


def _error_dict(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in errors] for field, errors in error.message_dict.items()}
    return {"__all__": [str(message) for message in error.messages]}


def _add_service_error(form, error: ValidationError) -> None:
    for field, messages_ in _error_dict(error).items():
        form.add_error(field if field in form.fields else None, messages_)


def _submit(
    request, *, kind, form_class, form_kwargs, save, done, template, context, shell_kwargs=None
):
    """GET: the empty form (with *shell_kwargs*, ``?shell=1`` is its copy for offline use).
    POST: one submission through the sync protocol.

    ``save(form, submission_uuid)`` calls a service; its ValidationError (no consent, stock
    too low, ...) comes back as form errors, nothing written; a StaleEdit is a 409.
    """
    if shell_kwargs is not None and sync.is_shell(request):
        form = form_class(**form_kwargs, **shell_kwargs)
        page = render(request, template, {**context, "form": form, "shell": True})
        return sync.shell_response(page)
    if request.method != "POST":
        return render(request, template, {**context, "form": form_class(**form_kwargs)})
    try:
        submission = sync.read_submission(request)
    except sync.SubmissionError as error:
        return sync.bad_submission(request, error)
    form = form_class(submission.data, submission.files, **form_kwargs)

    def apply(valid_form):
        try:
            return save(valid_form, submission.uuid)
        except services.StaleEdit as error:
            raise sync.SyncConflict("stale_version", message=error.messages[0]) from error

    def success(obj):
        messages.success(request, _("Saved."))
        return redirect(done(obj))

    def invalid():
        return render(request, template, {**context, "form": form}, status=200)

    def conflict(error):
        form.add_error(None, error.details.get("message") or _("Someone changed this first."))
        return render(request, template, {**context, "form": form}, status=409)

    try:
        return sync.respond(
            request,
            submission,
            kind=kind,
            form=form,
            save=apply,
            on_success=success,
            on_invalid=invalid,
            on_conflict=conflict,
        )
    except ValidationError as error:
        _add_service_error(form, error)
        if sync.wants_json(request):
            body = {"uuid": str(submission.uuid or ""), "errors": sync.form_errors(form)}
            if submission.encrypted:
                body["values"] = submission.plain_values()
            return JsonResponse(body, status=400)
        return invalid()


# --- at-risk people ------------------------------------------------------------------------


@_field_view
@require_GET
def case_list(request, pk):
    """A club's at-risk people by code, overdue follow-ups first (one audit row)."""
    club = _case_club(request, pk)
    cases = list(selectors.club_cases(user=request.user, club=club))
    audit_request(request, action=AuditEntry.Action.LIST, club=club, detail=f"{len(cases)} rows")
    context = {"club": club, "cases": cases, "today": timezone.localdate()}
    return render(request, "outreach/field/case_list.html", context)


@_field_view
def case_create(request, pk):
    """Flag a person at risk (works offline: encrypted in the outbox; ``?shell=1`` opens
    with no signal)."""
    club = _case_club(request, pk)

    def save(form, submission_uuid):
        return services.case_create(
            club=club,
            actor=Actor.from_request(request),
            client_uuid=submission_uuid,
            consent_on=timezone.localdate(),
            **form.service_kwargs(),
        )

    return _submit(
        request,
        kind="case",
        form_class=CaseForm,
        form_kwargs={"club": club},
        save=save,
        done=lambda case: case.get_absolute_url(),
        template="outreach/field/case_form.html",
        context={"club": club},
        shell_kwargs={"shell": True},
    )


@_field_view
@require_GET
def case_detail(request, pk):
    """One person's record (one audit row)."""
    case = selectors.case_detail(user=request.user, case_id=pk)
    audit_request(request, action=AuditEntry.Action.VIEW, case=case)
    context = {
        "case": case,
        "club": case.club,
        "consent_rows": [
            {"label": label, "consent": case.consent_for(purpose)}
            for purpose, label in Consent.Purpose.choices
        ],
        "can_follow_up": case.has_consent(Consent.Purpose.FOLLOW_UP)
        and case.status != case.Status.CLOSED,
        "can_refer": case.status != case.Status.CLOSED,
    }
    return render(request, "outreach/field/case_detail.html", context)


def _case(request, pk):
    return selectors.case_detail(user=request.user, case_id=pk)


@_field_view
def follow_up_create(request, pk):
    """Record a follow-up of a person (works offline)."""
    case = _case(request, pk)

    def save(form, submission_uuid):
        data = {k: v for k, v in form.cleaned_data.items() if k != "client_uuid"}
        return services.follow_up_record(
            case=case, actor=Actor.from_request(request), client_uuid=submission_uuid, **data
        )

    return _submit(
        request,
        kind="follow_up",
        form_class=FollowUpForm,
        form_kwargs={"case": case},
        save=save,
        done=lambda follow_up: case.get_absolute_url(),
        template="outreach/field/follow_up_form.html",
        context={"case": case, "club": case.club},
    )


@_field_view
def referral_create(request, pk):
    """Refer a person to an agency (needs referral consent or a written override)."""
    case = _case(request, pk)

    def save(form, submission_uuid):
        data = form.cleaned_data
        return services.referral_create(
            case=case,
            actor=Actor.from_request(request),
            agency=data["agency"],
            received_on=data["received_on"],
            support_types=data["support_types"],
            note=data["note"],
            override_reason=data.get("override_reason", ""),
            client_uuid=submission_uuid,
        )

    return _submit(
        request,
        kind="referral",
        form_class=ReferralForm,
        form_kwargs={"case": case},
        save=save,
        done=lambda referral: case.get_absolute_url(),
        template="outreach/field/referral_form.html",
        context={"case": case, "club": case.club},
    )


@_field_view
def referral_step(request, pk):
    """Record the next stage a referral reached (verified, identified, ... closed)."""
    referral = get_object_or_404(
        Referral.objects.filter(case__in=selectors.cases_for(user=request.user)).select_related(
            "case__club", "agency"
        ),
        pk=pk,
    )
    case = referral.case
    if referral.stage == Referral.Stage.CLOSED:
        messages.info(request, _("This referral is closed."))
        return redirect(case)

    def save(form, submission_uuid):
        data = form.cleaned_data
        return services.referral_step_record(
            referral=referral,
            actor=Actor.from_request(request),
            stage=data["stage"],
            reached_on=data["reached_on"],
            note=data["note"],
            support_types=data["support_types"],
            version=data.get("version"),
            client_uuid=submission_uuid,
        )

    return _submit(
        request,
        kind="referral_step",
        form_class=ReferralStepForm,
        form_kwargs={"referral": referral},
        save=save,
        done=lambda step: case.get_absolute_url(),
        template="outreach/field/referral_step_form.html",
        context={"case": case, "club": case.club, "referral": referral},
    )


@_field_view
def consent_change(request, pk):
    """Give or withdraw consent for one purpose, or record a deletion request."""
    case = _case(request, pk)

    def save(form, submission_uuid):
        data, actor = form.cleaned_data, Actor.from_request(request)
        if data["action"] == "give":
            services.consent_give(
                case=case, purpose=data["purpose"], given_on=data["on"], actor=actor
            )
        elif data["action"] == "withdraw":
            services.consent_withdraw(
                case=case, purpose=data["purpose"], withdrawn_on=data["on"], actor=actor
            )
        else:
            services.case_erase_personal_data(case=case, actor=actor, reason="deletion request")
        return case

    return _submit(
        request,
        kind="consent",
        form_class=ConsentForm,
        form_kwargs={"case": case},
        save=save,
        done=lambda obj: case.get_absolute_url(),
        template="outreach/field/consent_form.html",
        context={"case": case, "club": case.club},
    )


@_field_view
@require_GET
def overdue(request):
    """Follow-ups overdue and referrals waiting for verification in the user's clubs."""
    if not can_see_cases(user=request.user):
        raise Http404
    cases = list(selectors.overdue_follow_ups(user=request.user))
    referrals = list(selectors.referrals_awaiting_verification(user=request.user))
    audit_request(
        request,
        action=AuditEntry.Action.LIST,
        detail=f"overdue: {len(cases)} cases, {len(referrals)} referrals",
    )
    context = {"cases": cases, "referrals": referrals, "today": timezone.localdate()}
    return render(request, "outreach/field/overdue.html", context)


# --- distributions -------------------------------------------------------------------------


@_field_view
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

    return _submit(
        request,
        kind="distribution",
        form_class=DistributionForm,
        form_kwargs={"club": club},
        save=save,
        done=lambda distribution: club.get_absolute_url(),
        template="outreach/field/distribution_form.html",
        context={"club": club},
        shell_kwargs={"shell": True},
    )


# --- campaigns -----------------------------------------------------------------------------


def _campaign(request, pk):
    return get_object_or_404(selectors.campaigns_for(user=request.user), pk=pk)


@_field_view
@require_GET
def campaign_list(request):
    campaigns = selectors.campaigns_for(user=request.user)
    if not campaigns.exists() and not can_manage_campaigns(request.user):
        raise Http404
    return render(request, "outreach/field/campaign_list.html", {"campaigns": campaigns})


@_field_view
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
    return render(request, "outreach/field/campaign_detail.html", context)


@_field_view
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

    return _submit(
        request,
        kind="activity",
        form_class=ActivityForm,
        form_kwargs={"campaign": campaign},
        save=save,
        done=lambda activity: reverse("field:campaign", args=[campaign.pk]),
        template="outreach/field/activity_form.html",
        context={"campaign": campaign},
    )
