"""Writes of the clubs app: meetings with attendance and photos, members with memberships,
clubs, administrative units and club roles: the one write path of the admin, the field app,
the sync endpoint and the demo data.

Every function is keyword-only, runs in one transaction, and trusts that the caller
has already checked access (``clubs.access``) and validated the input (``clubs.forms``).
"""

import datetime
import uuid
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from clubs.models import (
    Attendance,
    Club,
    ClubRole,
    Meeting,
    MeetingPhoto,
    Member,
    Membership,
    Ward,
)
from clubs.photos import process_photo
from clubs.selectors import club_roster
from clubs.signals import records_changed
from config.records import StaleEdit


class EditWindowClosed(ValidationError):
    """The meeting was logged more than Meeting.EDITABLE_DAYS days ago."""


def _save_attendance(*, meeting: Meeting, present_member_ids: Iterable[int]) -> None:
    """One row per member of the club's roster on the meeting day (present or absent).

    Members already recorded for this meeting keep a row even if they left since.
    """
    present = set(present_member_ids)
    roster = club_roster(club=meeting.club, on=meeting.held_on)
    roster_ids = set(roster.values_list("pk", flat=True))
    existing = {row.member_id: row for row in meeting.attendances.all()}
    to_create, to_update = [], []
    for member_id in roster_ids | existing.keys():
        is_present = member_id in present
        row = existing.get(member_id)
        if row is None:
            to_create.append(Attendance(meeting=meeting, member_id=member_id, present=is_present))
        elif row.present != is_present:
            row.present = is_present
            to_update.append(row)
    Attendance.objects.bulk_create(to_create)
    Attendance.objects.bulk_update(to_update, ["present"])
    records_changed.send(sender=Attendance, club_ids=[meeting.club_id])


def meeting_photo_add(*, meeting: Meeting, upload) -> MeetingPhoto:
    """Store a checked, resized, metadata-free copy of *upload* (at most MAX_PHOTOS each)."""
    if meeting.photos.count() >= Meeting.MAX_PHOTOS:
        raise ValidationError(
            _("A meeting has at most %(count)s photos.") % {"count": Meeting.MAX_PHOTOS}
        )
    processed = process_photo(upload)
    photo = MeetingPhoto(meeting=meeting, width=processed.width, height=processed.height)
    photo.file.save("photo.jpg", processed.content, save=False)
    photo.save()
    return photo


def _photo_delete(photo: MeetingPhoto) -> None:
    storage, name = photo.file.storage, photo.file.name
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def meeting_create(
    *,
    club: Club,
    created_by,
    held_on: datetime.date,
    kind: str,
    topics: str,
    place: str = "",
    minutes: str = "",
    guests_count: int = 0,
    materials: str = "",
    present_member_ids: Iterable[int] | None = (),
    photos: Sequence = (),
    client_uuid: uuid.UUID | None = None,
    logged_at: datetime.datetime | None = None,
) -> Meeting:
    """Log a meeting of *club* with the attendance of its roster and up to six photos.

    *present_member_ids* ``None``: attendance was not taken (a meeting recorded afterwards in
    the admin); no attendance rows are written. *logged_at*: when it was logged, for meetings
    recorded afterwards (the demo data); the seven days in which it may be corrected count
    from then."""
    meeting = Meeting.objects.create(
        club=club,
        created_by=created_by,
        held_on=held_on,
        kind=kind,
        topics=topics,
        place=place,
        minutes=minutes,
        guests_count=guests_count,
        materials=materials,
        client_uuid=client_uuid,
        **({"created_at": logged_at} if logged_at else {}),
    )
    if present_member_ids is None:
        records_changed.send(sender=Meeting, club_ids=[club.pk])
    else:
        _save_attendance(meeting=meeting, present_member_ids=present_member_ids)
    for upload in photos:
        meeting_photo_add(meeting=meeting, upload=upload)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    version: int,
    held_on: datetime.date,
    kind: str,
    topics: str,
    place: str = "",
    minutes: str = "",
    guests_count: int = 0,
    materials: str = "",
    present_member_ids: Iterable[int] | None = (),
    photos: Sequence = (),
    remove_photo_ids: Iterable[int] = (),
    now: datetime.datetime | None = None,
    any_time: bool = False,
) -> Meeting:
    """Correct a meeting within its edit window, if nobody changed it since *version*.

    *any_time*: a coordinator's correction in the admin, not bound to the window.
    *present_member_ids* ``None``: the attendance is left as it is."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not any_time and not locked.is_editable(now):
        raise EditWindowClosed(
            _("A meeting can be corrected for %(days)s days after it was logged.")
            % {"days": Meeting.EDITABLE_DAYS},
            code="edit_window_closed",
        )
    if locked.version != version:
        raise StaleEdit(
            _("Someone changed this meeting after you opened it. Open it again to see it."),
            code="stale",
        )
    Meeting.objects.filter(pk=meeting.pk).update(
        held_on=held_on,
        kind=kind,
        topics=topics,
        place=place,
        minutes=minutes,
        guests_count=guests_count,
        materials=materials,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    meeting.refresh_from_db()
    if present_member_ids is None:
        records_changed.send(sender=Meeting, club_ids=[meeting.club_id])
    else:
        _save_attendance(meeting=meeting, present_member_ids=present_member_ids)
    for photo in meeting.photos.filter(pk__in=list(remove_photo_ids)):
        _photo_delete(photo)
    for upload in photos:
        meeting_photo_add(meeting=meeting, upload=upload)
    return meeting


@transaction.atomic
def member_create(
    *,
    club: Club,
    created_by,
    full_name: str,
    category: str,
    phone: str = "",
    residential_area: str = "",
    board_role: str = Membership.BoardRole.MEMBER,
    joined_on: datetime.date | None = None,
    client_uuid: uuid.UUID | None = None,
) -> Member:
    """Add a person to *club*'s register, with a membership from *joined_on* (today)."""
    member = Member.objects.create(
        club=club,
        created_by=created_by,
        full_name=full_name,
        category=category,
        phone=phone,
        residential_area=residential_area,
        client_uuid=client_uuid,
    )
    Membership.objects.create(
        member=member, board_role=board_role, joined_on=joined_on or timezone.localdate()
    )
    return member


@transaction.atomic
def member_update(
    *,
    member: Member,
    full_name: str,
    category: str,
    phone: str = "",
    residential_area: str = "",
    board_role: str | None = None,
    left_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Member:
    """Correct a member's details; a new board role starts a new membership period today,
    and *left_on* closes the current one."""
    today = today or timezone.localdate()
    member.full_name = full_name
    member.category = category
    member.phone = phone
    member.residential_area = residential_area
    member.save()
    current = member.memberships.filter(left_on__isnull=True).order_by("-joined_on").first()
    if current and board_role and board_role != current.board_role:
        if current.joined_on == today:
            current.board_role = board_role
            current.save(update_fields=["board_role"])
        else:
            current.left_on = today - datetime.timedelta(days=1)
            current.save(update_fields=["left_on"])
            current = Membership.objects.create(
                member=member, board_role=board_role, joined_on=today
            )
    elif current is None and board_role and left_on is None:
        # Rejoining after having left.
        current = Membership.objects.create(member=member, board_role=board_role, joined_on=today)
    if current and left_on:
        current.left_on = max(left_on, current.joined_on)
        current.save(update_fields=["left_on"])
    return member


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    """Remove a meeting with its attendance, and its photos' files once the delete commits."""
    club_id = meeting.club_id
    for photo in meeting.photos.all():
        _photo_delete(photo)
    meeting.delete()
    records_changed.send(sender=Meeting, club_ids=[club_id])


@transaction.atomic
def memberships_set(*, member: Member, periods: Sequence[dict]) -> None:
    """Make *member*'s membership periods exactly *periods* (``board_role``, ``joined_on``,
    ``left_on``; ``id`` for a period that is kept): the admin's inline list of periods."""
    kept = [period["id"] for period in periods if period.get("id")]
    member.memberships.exclude(pk__in=kept).delete()
    for period in periods:
        values = {name: period.get(name) for name in ("board_role", "joined_on", "left_on")}
        if period.get("id"):
            member.memberships.filter(pk=period["id"]).update(**values)
        else:
            Membership.objects.create(member=member, **values)
    records_changed.send(sender=Membership, club_ids=[member.club_id])


@transaction.atomic
def member_delete(*, member: Member) -> None:
    """Remove a member from the register, with their memberships and attendance rows."""
    club_id = member.club_id
    member.delete()
    records_changed.send(sender=Member, club_ids=[club_id])


# --- clubs, administrative units and roles: reference records without further rules --------


def _save_fields(instance, values: dict):
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def club_save(*, club: Club | None = None, **values) -> Club:
    """Found (no *club*) or change a club."""
    return _save_fields(club or Club(), values)


@transaction.atomic
def club_delete(*, club: Club) -> None:
    club.delete()


@transaction.atomic
def ward_save(*, ward: Ward | None = None, **values) -> Ward:
    """Add (no *ward*) or change an administrative unit."""
    return _save_fields(ward or Ward(), values)


@transaction.atomic
def ward_delete(*, ward: Ward) -> None:
    ward.delete()


@transaction.atomic
def role_save(*, role: ClubRole | None = None, **values) -> ClubRole:
    """Give a user a role in a club, or change it; access follows on the next request."""
    return _save_fields(role or ClubRole(), values)


@transaction.atomic
def role_delete(*, role: ClubRole) -> None:
    role.delete()
