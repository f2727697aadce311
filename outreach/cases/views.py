"""Field-app pages of at-risk people: the club's list, flag a person, their record, follow-ups,
referrals and their steps, consent, and the overdue list.

Thin views: objects come through ``outreach.cases.selectors`` (scoped by ``clubs.access``;
another club's case is a 404), writes go through ``outreach.cases.services``, and every form
posts through the one sync protocol (``clubs.field.submit`` over ``config.sync``), so the same
URL takes a plain form POST and the outbox's encrypted JSON. Every page that shows a case writes
one audit row. All of them are for signed-in users, so the cache policy marks them ``no-store``.

Shells (``?shell=1``, kept by the service worker so a form opens with no signal): only "flag
a person at risk", whose empty copy names no one (the member list of "assigned member" left
out). A follow-up, referral, consent or correction form belongs to one case: its copy would
keep that case's code and ID in the phone's plain page cache, and the club page would have to
list every case of the club for the worker to fetch, so a lost phone would show who is
followed. Those forms are not shells: one opened with signal still saves to the outbox when
the signal drops.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clubs.access import is_board_or_coordinator, visible_clubs
from clubs.field import field_view, submit
from outreach.cases import selectors, services
from outreach.cases.audit import Actor, audit_request
from outreach.cases.forms import (
    CaseForm,
    ConsentForm,
    FollowUpForm,
    ReferralForm,
    ReferralStepForm,
)
from outreach.cases.models import AuditEntry, Consent, Referral


def _case_club(request, pk):
    """A club whose cases the user may keep; any other is "not found"."""
    if not is_board_or_coordinator(user=request.user):
        raise Http404
    return get_object_or_404(visible_clubs(user=request.user).select_related("ward"), pk=pk)


@field_view
@require_GET
def case_list(request, pk):
    """A club's at-risk people by code, overdue follow-ups first (one audit row)."""
    club = _case_club(request, pk)
    cases = list(selectors.club_cases(user=request.user, club=club))
    audit_request(request, action=AuditEntry.Action.LIST, club=club, detail=f"{len(cases)} rows")
    context = {"club": club, "cases": cases, "today": timezone.localdate()}
    return render(request, "cases/field/case_list.html", context)


@field_view
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

    return submit(
        request,
        kind="case",
        form_class=CaseForm,
        form_kwargs={"club": club},
        save=save,
        done=lambda case: case.get_absolute_url(),
        template="cases/field/case_form.html",
        context={"club": club},
        shell_kwargs={"shell": True},
    )


@field_view
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
    return render(request, "cases/field/case_detail.html", context)


def _case(request, pk):
    return selectors.case_detail(user=request.user, case_id=pk)


@field_view
def case_edit(request, pk):
    """Correct a person's record or close it (works offline; a stale version is a conflict).
    Opening the form shows the record: one audit row; saving writes the service's."""
    case = _case(request, pk)
    if request.method != "POST":
        audit_request(request, action=AuditEntry.Action.VIEW, case=case, detail="edit form")

    def save(form, submission_uuid):
        return services.case_update(
            case=case,
            actor=Actor.from_request(request),
            version=form.cleaned_data.get("version"),
            **form.service_kwargs(),
        )

    return submit(
        request,
        kind="case_edit",
        form_class=CaseForm,
        form_kwargs={"club": case.club, "case": case},
        save=save,
        done=lambda updated: updated.get_absolute_url(),
        template="cases/field/case_form.html",
        context={"club": case.club, "case": case},
    )


@field_view
def follow_up_create(request, pk):
    """Record a follow-up of a person (works offline)."""
    case = _case(request, pk)

    def save(form, submission_uuid):
        data = {k: v for k, v in form.cleaned_data.items() if k != "client_uuid"}
        return services.follow_up_record(
            case=case, actor=Actor.from_request(request), client_uuid=submission_uuid, **data
        )

    return submit(
        request,
        kind="follow_up",
        form_class=FollowUpForm,
        form_kwargs={"case": case},
        save=save,
        done=lambda follow_up: case.get_absolute_url(),
        template="cases/field/follow_up_form.html",
        context={"case": case, "club": case.club},
    )


@field_view
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

    return submit(
        request,
        kind="referral",
        form_class=ReferralForm,
        form_kwargs={"case": case},
        save=save,
        done=lambda referral: case.get_absolute_url(),
        template="cases/field/referral_form.html",
        context={"case": case, "club": case.club},
    )


@field_view
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

    return submit(
        request,
        kind="referral_step",
        form_class=ReferralStepForm,
        form_kwargs={"referral": referral},
        save=save,
        done=lambda step: case.get_absolute_url(),
        template="cases/field/referral_step_form.html",
        context={"case": case, "club": case.club, "referral": referral},
    )


@field_view
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
            services.case_erase_on_request(case=case, actor=actor, reason="request by the person")
        return case

    return submit(
        request,
        kind="consent",
        form_class=ConsentForm,
        form_kwargs={"case": case},
        save=save,
        done=lambda obj: case.get_absolute_url(),
        template="cases/field/consent_form.html",
        context={"case": case, "club": case.club},
    )


@field_view
@require_GET
def overdue(request):
    """Follow-ups overdue and referrals waiting for verification in the user's clubs."""
    if not is_board_or_coordinator(user=request.user):
        raise Http404
    cases = list(selectors.overdue_follow_ups(user=request.user))
    referrals = list(selectors.referrals_awaiting_verification(user=request.user))
    audit_request(
        request,
        action=AuditEntry.Action.LIST,
        detail=f"overdue: {len(cases)} cases, {len(referrals)} referrals",
    )
    context = {"cases": cases, "referrals": referrals, "today": timezone.localdate()}
    return render(request, "cases/field/overdue.html", context)
