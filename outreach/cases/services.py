"""Writes of at-risk people, consents, follow-ups, referrals and agencies: the one write
path, whoever asks (field app, sync endpoint, admin, tips, demo data). Keyword-only, typed,
one transaction each.

Callers have already checked access (``clubs.access``) and validated input (forms); the
rules that protect people are enforced here too, so no path can skip them: a follow-up needs
follow-up consent, a referral needs referral consent or a written override by a permitted
role, "victim" needs the deciding authority and document, names are stored normalised,
closing a case dates it (the retention purge counts from that day), and every write is in
the audit trail.
"""

import datetime
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from clubs.access import can_override_referral_consent
from clubs.models import Club, Member, Ward
from config.records import StaleEdit
from config.text import fold_vi, to_nfc
from outreach.cases.audit import Actor, audit_log
from outreach.cases.models import (
    Agency,
    AuditEntry,
    Case,
    CaseCodeCounter,
    Consent,
    FollowUp,
    Referral,
    ReferralStep,
)

# --- at-risk people ------------------------------------------------------------------------


def ward_prefix(ward: Ward) -> str:
    """The initials of the ward's name without accents: Hùng Thắng -> HT, Bạch Đằng -> BD."""
    words = fold_vi(ward.name).split()
    letters = "".join(word[0] for word in words if word[0].isalnum()).upper()
    return letters[:6] or "X"


def case_code_next(*, club: Club, year: int) -> str:
    """The next free code of *club*'s ward for *year*, e.g. ``HT-2024-007``.

    Race-safe: the counter row is created once (a concurrent creator loses on the unique
    constraint and retries) and bumped with one conditional UPDATE, which the database
    serialises; the code itself is unique too.
    """
    prefix = ward_prefix(club.ward)
    for _attempt in range(3):
        if CaseCodeCounter.objects.filter(prefix=prefix, year=year).update(last=F("last") + 1):
            break
        try:
            with transaction.atomic():
                CaseCodeCounter.objects.create(prefix=prefix, year=year, last=1)
            break
        except IntegrityError:
            continue
    number = CaseCodeCounter.objects.get(prefix=prefix, year=year).last
    return f"{prefix}-{year}-{number:03d}"


def _clean_text(value: str) -> str:
    return to_nfc(value or "").strip()


def _clean_name(value: str) -> str:
    """A person's name in NFC with single spaces, as every path stores it."""
    return " ".join(_clean_text(value).split())


def _clean(name: str, value):
    if name == "full_name":
        return _clean_name(value)
    return _clean_text(value) if isinstance(value, str) else value


def _start_of(day: datetime.date) -> datetime.datetime:
    """A record made on *day*, as stored (9 in the morning, local time)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _check_legal_status(*, legal_status: str, authority: str, document: str) -> None:
    if legal_status == Case.LegalStatus.VICTIM and not (authority and document):
        raise ValidationError(
            {
                "legal_status": _(
                    "Only a competent authority decides that a person is a victim: "
                    "enter the deciding authority and the document."
                )
            }
        )


def _check_member(*, club: Club, member: Member | None) -> None:
    if member is not None and member.club_id != club.pk:
        raise ValidationError({"assigned_member": _("Choose a member of the same club.")})


@transaction.atomic
def case_create(
    *,
    club: Club,
    actor: Actor,
    full_name: str = "",
    phone: str = "",
    id_number: str = "",
    address: str = "",
    notes: str = "",
    birth_year: int | None = None,
    sex: str = "",
    ethnicity: str = "",
    target_group: str = Case.TargetGroup.AT_RISK,
    legal_status: str = "",
    legal_status_authority: str = "",
    legal_status_document: str = "",
    risk_factors: Iterable[str] = (),
    assigned_member: Member | None = None,
    next_follow_up_on: datetime.date | None = None,
    consents: Iterable[str] = (),
    consent_on: datetime.date | None = None,
    client_uuid: uuid.UUID | None = None,
    created_on: datetime.date | None = None,
) -> Case:
    """Flag a person at risk in *club*: a new code, encrypted personal fields, consents.

    *created_on* is the day the person was flagged when it is recorded later (an old
    register, the demo data): the code's year, the consents' day and the record's date."""
    _check_legal_status(
        legal_status=legal_status, authority=legal_status_authority, document=legal_status_document
    )
    _check_member(club=club, member=assigned_member)
    today = created_on or timezone.localdate()
    case = Case.objects.create(
        club=club,
        code=case_code_next(club=club, year=today.year),
        full_name=_clean_name(full_name),
        phone=_clean_text(phone),
        id_number=_clean_text(id_number),
        address=_clean_text(address),
        notes=_clean_text(notes),
        birth_year=birth_year,
        sex=sex,
        ethnicity=_clean_text(ethnicity),
        target_group=target_group,
        legal_status=legal_status,
        legal_status_authority=_clean_text(legal_status_authority),
        legal_status_document=_clean_text(legal_status_document),
        risk_factors=list(risk_factors),
        assigned_member=assigned_member,
        next_follow_up_on=next_follow_up_on,
        created_by=actor.user if actor.user.is_authenticated else None,
        client_uuid=client_uuid,
        **({"created_at": _start_of(created_on)} if created_on else {}),
    )
    for purpose in consents:
        Consent.objects.create(case=case, purpose=purpose, given_on=consent_on or today)
    audit_log(actor=actor, action=AuditEntry.Action.CREATE, case=case)
    return case


@transaction.atomic
def case_update(*, case: Case, actor: Actor, version: int | None = None, **fields) -> Case:
    """Change a case's details, close or reopen it; *version* (when given) must be the one
    the form was based on. Closing dates the case (``closed_on``, from which the retention
    purge counts); reopening clears the date. The audit row names the fields that changed."""
    locked = Case.objects.select_for_update().select_related("club").get(pk=case.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(_("This record was changed by someone else since you opened it."))
    if locked.is_erased:
        for name in Case.PERSONAL_FIELDS:
            fields.pop(name, None)
    merged = {
        "legal_status": fields.get("legal_status", locked.legal_status),
        "authority": fields.get("legal_status_authority", locked.legal_status_authority),
        "document": fields.get("legal_status_document", locked.legal_status_document),
    }
    _check_legal_status(
        legal_status=merged["legal_status"],
        authority=merged["authority"],
        document=merged["document"],
    )
    _check_member(
        club=fields.get("club", locked.club),
        member=fields.get("assigned_member", locked.assigned_member),
    )
    changed = []
    for name, value in fields.items():
        value = _clean(name, value)
        if name == "risk_factors":
            value = list(value)
        if getattr(locked, name) != value:
            changed.append(name)
            setattr(locked, name, value)
    if locked.status == Case.Status.CLOSED and locked.closed_on is None:
        locked.closed_on = timezone.localdate()
    elif locked.status != Case.Status.CLOSED:
        locked.closed_on = None
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor, action=AuditEntry.Action.CHANGE, case=locked, detail=",".join(sorted(changed))
    )
    return locked


# The person (or their guardian, an authority) asks for the data to be deleted: the reasons
# an erasure is recorded with, the same whichever page it is asked on (no free text).
ERASURE_REASONS = (
    "request by the person",
    "request by a guardian",
    "consent withdrawn",
    "order of an authority",
)


@transaction.atomic
def case_erase_on_request(*, case: Case, actor: Actor, reason: str) -> Case:
    """Erase the personal fields because someone asked (one of ``ERASURE_REASONS``)."""
    if reason not in ERASURE_REASONS:
        raise ValueError(reason)
    return case_erase_personal_data(case=case, actor=actor, reason=f"erasure: {reason}")


@transaction.atomic
def case_erase_personal_data(*, case: Case, actor: Actor, reason: str) -> Case:
    """Erase the personal fields (name, phone, ID number, address, notes, notes of follow-ups
    and referrals); the pseudonymous record and its figures stay. The audit says why."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    for name in Case.PERSONAL_FIELDS:
        setattr(locked, name, "")
    locked.birth_year = None
    locked.personal_data_erased_at = timezone.now()
    locked.version += 1
    locked.save()
    FollowUp.objects.filter(case=locked).update(note="")
    Referral.objects.filter(case=locked).update(note="")
    ReferralStep.objects.filter(referral__case=locked).update(note="")
    audit_log(actor=actor, action=AuditEntry.Action.ERASE, case=locked, detail=reason)
    return locked


@transaction.atomic
def consent_give(*, case: Case, purpose: str, given_on: datetime.date, actor: Actor) -> Consent:
    """Record (or renew) the person's consent for *purpose*."""
    consent, _created = Consent.objects.update_or_create(
        case=case, purpose=purpose, defaults={"given_on": given_on, "withdrawn_on": None}
    )
    audit_log(actor=actor, action=AuditEntry.Action.CONSENT, case=case, detail=f"give:{purpose}")
    return consent


@transaction.atomic
def consent_withdraw(
    *, case: Case, purpose: str, withdrawn_on: datetime.date, actor: Actor
) -> Consent:
    """Withdraw one purpose: that purpose stops, the others go on. When no purpose is left,
    nothing justifies holding who the person is: the personal fields are erased."""
    consent = Consent.objects.filter(case=case, purpose=purpose).first()
    if consent is None:
        consent = Consent(case=case, purpose=purpose, given_on=withdrawn_on)
    consent.withdrawn_on = withdrawn_on
    consent.save()
    audit_log(
        actor=actor, action=AuditEntry.Action.CONSENT, case=case, detail=f"withdraw:{purpose}"
    )
    active = Consent.objects.filter(case=case, withdrawn_on__isnull=True)
    if not active.exists() and not case.is_erased:
        case_erase_personal_data(case=case, actor=actor, reason="consent withdrawn")
    return consent


# --- follow-ups and referrals --------------------------------------------------------------


@transaction.atomic
def follow_up_record(
    *,
    case: Case,
    actor: Actor,
    done_on: datetime.date,
    method: str,
    outcome: str,
    note: str = "",
    next_due_on: datetime.date | None = None,
    client_uuid: uuid.UUID | None = None,
) -> FollowUp:
    """Record a contact; the case's next follow-up date moves on. Needs follow-up consent."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if not locked.has_consent(Consent.Purpose.FOLLOW_UP):
        raise ValidationError(
            _("This person has not consented to follow-up (or has withdrawn it).")
        )
    if locked.status == Case.Status.CLOSED:
        raise ValidationError(_("This case is closed."))
    follow_up = FollowUp.objects.create(
        case=locked,
        done_on=done_on,
        method=method,
        outcome=outcome,
        note=_clean_text(note),
        next_due_on=next_due_on,
        created_by=actor.user,
        client_uuid=client_uuid,
    )
    if locked.status == Case.Status.OPEN:
        locked.status = Case.Status.FOLLOWING
    _follow_up_moved(case=locked, follow_up=follow_up)
    audit_log(actor=actor, action=AuditEntry.Action.FOLLOW_UP, case=locked)
    return follow_up


def _follow_up_moved(*, case: Case, follow_up: FollowUp) -> None:
    """The latest follow-up sets the case's next follow-up date (and bumps its version)."""
    latest = case.follow_ups.order_by("-done_on", "-pk").first()
    if latest.pk == follow_up.pk:
        case.next_follow_up_on = follow_up.next_due_on
    case.version += 1
    case.save(update_fields=["next_follow_up_on", "status", "version", "updated_at"])


@transaction.atomic
def follow_up_update(
    *,
    follow_up: FollowUp,
    actor: Actor,
    done_on: datetime.date,
    method: str,
    outcome: str,
    note: str = "",
    next_due_on: datetime.date | None = None,
) -> FollowUp:
    """Correct a recorded contact; if it is the latest, the case's next date follows."""
    locked_case = Case.objects.select_for_update().get(pk=follow_up.case_id)
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    follow_up.done_on, follow_up.method, follow_up.outcome = done_on, method, outcome
    follow_up.note = "" if locked_case.is_erased else _clean_text(note)
    follow_up.next_due_on = next_due_on
    follow_up.save()
    _follow_up_moved(case=locked_case, follow_up=follow_up)
    audit_log(actor=actor, action=AuditEntry.Action.FOLLOW_UP, case=locked_case, detail="change")
    return follow_up


@transaction.atomic
def referral_create(
    *,
    case: Case,
    actor: Actor,
    agency: Agency,
    received_on: datetime.date,
    support_types: Iterable[str] = (),
    note: str = "",
    override_reason: str = "",
    client_uuid: uuid.UUID | None = None,
) -> Referral:
    """Refer a person to an agency. Needs referral consent, or a permitted role's written
    reason to refer without it."""
    override_reason = _clean_text(override_reason)
    has_consent = case.has_consent(Consent.Purpose.REFERRAL)
    if not has_consent:
        if not override_reason:
            raise ValidationError(
                {
                    "override_reason": _(
                        "This person has not consented to a referral: "
                        "write why the referral cannot wait for consent."
                    )
                }
            )
        if not can_override_referral_consent(user=actor.user, club=case.club):
            raise ValidationError(
                _("Only the club's leader or a coordinator may refer without consent.")
            )
    referral = Referral.objects.create(
        case=case,
        agency=agency,
        received_on=received_on,
        stage=Referral.Stage.RECEIVED,
        stage_on=received_on,
        support_types=list(support_types),
        note=_clean_text(note),
        consent_override_reason="" if has_consent else override_reason,
        consent_override_by=None if has_consent else actor.user,
        created_by=actor.user,
        client_uuid=client_uuid,
    )
    ReferralStep.objects.create(
        referral=referral,
        stage=Referral.Stage.RECEIVED,
        reached_on=received_on,
        created_by=actor.user,
    )
    detail = "received" if has_consent else "received:consent-override"
    audit_log(actor=actor, action=AuditEntry.Action.REFERRAL, case=case, detail=detail)
    return referral


@transaction.atomic
def referral_step_record(
    *,
    referral: Referral,
    actor: Actor,
    stage: str,
    reached_on: datetime.date,
    note: str = "",
    support_types: Iterable[str] | None = None,
    version: int | None = None,
    client_uuid: uuid.UUID | None = None,
) -> ReferralStep:
    """Move a referral on to a later stage (stages may be skipped, never gone back to)."""
    locked = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(_("This referral was changed by someone else since you opened it."))
    if stage not in locked.next_stages():
        raise ValidationError({"stage": _("Choose a stage after the current one.")})
    if reached_on < locked.stage_on:
        raise ValidationError({"reached_on": _("This date is before the current stage's.")})
    step = ReferralStep.objects.create(
        referral=locked,
        stage=stage,
        reached_on=reached_on,
        note=_clean_text(note),
        created_by=actor.user,
        client_uuid=client_uuid,
    )
    locked.stage = stage
    locked.stage_on = reached_on
    if support_types is not None:
        locked.support_types = list(support_types)
    locked.version += 1
    locked.save()
    audit_log(actor=actor, action=AuditEntry.Action.REFERRAL, case=locked.case, detail=stage)
    return step


@transaction.atomic
def referral_update(
    *,
    referral: Referral,
    actor: Actor,
    agency: Agency,
    received_on: datetime.date,
    support_types: Iterable[str] = (),
    note: str = "",
    stage: str | None = None,
    stage_on: datetime.date | None = None,
) -> Referral:
    """Correct a referral's agency, date, support and note; a later *stage* moves it on
    through ``referral_step_record`` (a stage is never gone back to)."""
    locked = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    locked.agency, locked.received_on = agency, received_on
    locked.support_types = list(support_types)
    locked.note = "" if locked.case.is_erased else _clean_text(note)
    locked.version += 1
    locked.save()
    audit_log(actor=actor, action=AuditEntry.Action.REFERRAL, case=locked.case, detail="change")
    if stage and stage != locked.stage:
        referral_step_record(
            referral=locked, actor=actor, stage=stage, reached_on=stage_on or locked.stage_on
        )
        locked.refresh_from_db()
    return locked


# --- agencies --------------------------------------------------------------------------------


@transaction.atomic
def agency_create(
    *, name: str, kind: str, phone: str = "", address: str = "", active: bool = True
) -> Agency:
    """Add a service people can be referred to."""
    return Agency.objects.create(
        name=name, kind=kind, phone=_clean_text(phone), address=_clean_text(address), active=active
    )


@transaction.atomic
def agency_update(*, agency: Agency, **fields) -> Agency:
    """Change an agency's name, kind, phone, address, or mark it inactive."""
    for name, value in fields.items():
        setattr(agency, name, _clean_text(value) if isinstance(value, str) else value)
    agency.save()
    return agency


@transaction.atomic
def agency_delete(*, agency: Agency) -> None:
    """Remove an agency nobody was referred to (one with referrals is marked inactive)."""
    try:
        agency.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("People were referred to this agency: mark it inactive instead of deleting it.")
        ) from error


# --- rights and retention (export, erasure, purge) -------------------------------------------


def case_everything(*, case: Case, actor: Actor) -> dict:
    """Everything held about one person, for a coordinator answering an access request
    (the export is audited like any other)."""
    audit_log(actor=actor, action=AuditEntry.Action.EXPORT, case=case, detail="everything held")
    fields = ["code", *Case.PERSONAL_FIELDS, "birth_year", "sex", "ethnicity", "target_group"]
    fields += ["legal_status", "legal_status_authority", "legal_status_document", "risk_factors"]
    fields += ["status", "next_follow_up_on", "closed_on", "personal_data_erased_at"]
    return {
        "case": {name: getattr(case, name) for name in fields},
        "consents": list(case.consents.values("purpose", "given_on", "withdrawn_on")),
        "follow_ups": [
            {"done_on": f.done_on, "method": f.method, "outcome": f.outcome, "note": f.note}
            for f in case.follow_ups.all()
        ],
        "referrals": [
            {
                "agency": referral.agency.name,
                "received_on": referral.received_on,
                "stage": referral.stage,
                "support_types": referral.support_types,
                "note": referral.note,
                "steps": [(s.stage, s.reached_on, s.note) for s in referral.steps.all()],
            }
            for referral in case.referrals.select_related("agency")
        ],
    }


@transaction.atomic
def case_purge(*, case: Case, actor: Actor, reason: str) -> None:
    """Delete a case with its consents, follow-ups and referrals (retention or erasure);
    the audit rows stay (no foreign key) and one more says it was purged."""
    audit_log(actor=actor, action=AuditEntry.Action.ERASE, case=case, detail=f"purged: {reason}")
    case.delete()
