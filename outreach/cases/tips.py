"""Anonymous tips: who may see them, how they are stored, handled, counted and purged.

Visibility is ``clubs.access.visible_clubs``: coordinators see every tip; a club's leader and
secretary see the tips about their club's ward as it is today (a club keeps its original
ward, so the ward it merged into counts too: since 1 July 2025 the Bạch Đằng and Hồng Gai
clubs both see the tips about Hồng Gai). A tip about "another place" is for coordinators.

Abuse resistance keeps nothing in the database: the per-address rate limit lives in the
cache only, under an HMAC of the address and the time window (the address itself is never
stored or logged).
"""

import datetime
import hashlib
import hmac
import secrets
import uuid as uuid_module

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from clubs.access import is_coordinator, visible_clubs
from clubs.models import Club, Ward
from clubs.selectors import ward_as_of
from config.text import to_nfc
from outreach.cases import services
from outreach.cases.audit import Actor, audit_log
from outreach.cases.models import AuditEntry, Case, Tip

# Crockford's base 32: no I, L, O or U, so a code read out over the phone is not misheard.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SYNC_KIND = "tip"


# --- reference codes -----------------------------------------------------------------------


def _format_code(number: int) -> str:
    chars = []
    for _position in range(8):
        chars.append(CODE_ALPHABET[number & 31])
        number >>= 5
    text = "".join(reversed(chars))
    return f"{text[:4]}-{text[4:]}"


def tip_code_for_uuid(value: uuid_module.UUID) -> str:
    """The code a phone shows at once for an outbox item (static/js/tip.js does the same):
    the first 40 bits of its random UUID in base 32, ``XXXX-XXXX``."""
    return _format_code(int(value.hex[:10], 16))


def tip_code_random() -> str:
    return _format_code(secrets.randbits(40))


# --- scope ---------------------------------------------------------------------------------


def tip_ward_ids(*, user, on: datetime.date | None = None) -> set[int]:
    """Wards whose tips *user* may see: each visible club's ward and the unit it belongs to
    today (the one rule of ``visible_clubs``, followed through the 2025 mergers)."""
    on = on or timezone.localdate()
    ids = set()
    for club in visible_clubs(user=user).select_related("ward"):
        ids.add(club.ward_id)
        current = ward_as_of(ward=club.ward, on=on)
        if current is not None:
            ids.add(current.pk)
    return ids


def scope_to_tips(queryset: QuerySet, *, user) -> QuerySet:
    """The part of *queryset* (tips) that *user* may see."""
    if is_coordinator(user):
        return queryset
    ids = tip_ward_ids(user=user)
    if not ids:
        return queryset.none()
    return queryset.filter(ward_id__in=ids)


def tips_for(*, user) -> QuerySet[Tip]:
    return scope_to_tips(Tip.objects.all(), user=user)


def tip_clubs(*, tip: Tip) -> QuerySet[Club]:
    """The clubs whose board sees *tip* (where a case made from it would belong)."""
    if tip.ward_id is None:
        return Club.objects.none()
    today = timezone.localdate()
    ids = [
        club.pk
        for club in Club.objects.select_related("ward")
        if club.ward_id == tip.ward_id or ward_as_of(ward=club.ward, on=today) == tip.ward
    ]
    return Club.objects.filter(pk__in=ids)


def current_wards() -> QuerySet[Ward]:
    """The wards and communes in force today, for the public form's "where" list."""
    today = timezone.localdate()
    kinds = [Ward.Kind.WARD, Ward.Kind.COMMUNE, Ward.Kind.TOWNSHIP, Ward.Kind.SPECIAL_ZONE]
    return (
        Ward.objects.filter(kind__in=kinds, valid_to__isnull=True)
        .exclude(valid_from__gt=today)
        .order_by("name_folded")
    )


# --- writes --------------------------------------------------------------------------------


@transaction.atomic
def tip_create(
    *,
    text: str,
    ward: Ward | None = None,
    when: str = Tip.When.UNKNOWN,
    contact: str = "",
    may_contact: bool = False,
    client_uuid: uuid_module.UUID | None = None,
) -> Tip:
    """Store a tip. Its code comes from the outbox item's UUID (the phone already showed it)
    or, for a plain form, at random; a clash (rare) falls back to a random code."""
    contact = to_nfc(contact or "").strip()
    values = {
        "text": to_nfc(text).strip(),
        "ward": ward,
        "when": when,
        "contact": contact,
        "may_contact": bool(may_contact and contact),
    }
    code = tip_code_for_uuid(client_uuid) if client_uuid else tip_code_random()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Tip.objects.create(code=code, **values)
        except IntegrityError:
            code = tip_code_random()
    raise IntegrityError("No free tip code after five tries.")


def _audit_tip(*, actor: Actor, action: str, tip: Tip, case: Case | None = None) -> None:
    audit_log(actor=actor, action=action, case=case, detail=f"tip {tip.code}")


def tip_list_audited(*, actor: Actor) -> None:
    audit_log(actor=actor, action=AuditEntry.Action.TIP_LIST, detail="tips")


@transaction.atomic
def tip_mark_viewed(*, tip: Tip, actor: Actor) -> Tip:
    """One audit row per view; the first view also ends the tip's "new" mark."""
    if tip.viewed_at is None:
        Tip.objects.filter(pk=tip.pk, viewed_at__isnull=True).update(viewed_at=timezone.now())
        tip.refresh_from_db(fields=["viewed_at"])
    _audit_tip(actor=actor, action=AuditEntry.Action.TIP_VIEW, tip=tip)
    return tip


class TipAlreadyHandled(ValueError):
    """The tip was turned into a case or closed already."""


@transaction.atomic
def tip_convert_to_case(
    *, tip: Tip, club: Club, actor: Actor, target_group: str = Case.TargetGroup.AT_RISK
) -> Case:
    """Open an at-risk person's record from *tip* (through ``services.case_create``): the
    text goes into the encrypted notes, the contact into the phone only if the person said
    they may be contacted; the case keeps the tip's code, both steps are audited."""
    locked = Tip.objects.select_for_update().get(pk=tip.pk)
    if locked.status != Tip.Status.OPEN:
        raise TipAlreadyHandled(locked.status)
    case = services.case_create(
        club=club,
        actor=actor,
        notes=locked.text,
        phone=locked.contact if locked.may_contact else "",
        target_group=target_group,
    )
    case.tip_code = locked.code
    case.save(update_fields=["tip_code"])
    locked.status = Tip.Status.CONVERTED
    locked.case = case
    locked.handled_on = timezone.localdate()
    locked.save(update_fields=["status", "case", "handled_on"])
    _audit_tip(actor=actor, action=AuditEntry.Action.TIP_CONVERT, tip=locked, case=case)
    return case


@transaction.atomic
def tip_close(*, tip: Tip, reason: str, actor: Actor) -> Tip:
    """Close *tip* with a reason (no personal data in it, it is not encrypted)."""
    locked = Tip.objects.select_for_update().get(pk=tip.pk)
    if locked.status != Tip.Status.OPEN:
        raise TipAlreadyHandled(locked.status)
    locked.status = Tip.Status.CLOSED
    locked.closed_reason = to_nfc(reason).strip()[:300]
    locked.handled_on = timezone.localdate()
    locked.save(update_fields=["status", "closed_reason", "handled_on"])
    _audit_tip(actor=actor, action=AuditEntry.Action.TIP_CLOSE, tip=locked)
    return locked


# --- abuse ---------------------------------------------------------------------------------


def _rate_key(address: str, window: int) -> str:
    bucket = int(timezone.now().timestamp()) // window
    digest = hmac.new(
        f"safeward-tip-rate:{settings.SECRET_KEY}".encode(),
        f"{address}|{bucket}".encode(),
        hashlib.sha256,
    ).hexdigest()
    return f"tip-rate:{digest[:32]}"


def tip_rate_exceeded(address: str) -> bool:
    """Count one submission from *address*; True once it sent more than the limit in the
    current window. Kept in the cache only, under a keyed hash of address and window."""
    limit, window = settings.SAFEWARD_TIP_RATE_LIMIT
    key = _rate_key(address or "unknown", window)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
