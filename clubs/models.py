"""Wards with their history, clubs, members and their board roles, meetings with attendance."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from clubs.validators import normalize_phone, validate_vietnamese_phone
from config.records import FoldedText
from config.text import person_sort_key

# --- administrative units --------------------------------------------------------------


class Ward(FoldedText):
    """An administrative unit (province, city, ward, commune ...) as it was over a period.

    The primary key is a surrogate: official codes were reused when units merged on
    1 July 2025, so a code names different units at different times. A unit that changed
    shape is a new row linked to its predecessors by ``WardSuccession``.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        CITY = "city", _("provincial city")
        TOWN = "town", _("town")
        DISTRICT = "district", _("district")
        WARD = "ward", _("ward")
        COMMUNE = "commune", _("commune")
        TOWNSHIP = "township", _("township")
        SPECIAL_ZONE = "special_zone", _("special zone")

    FOLDED = {"name": "name_folded"}

    code = models.CharField(
        _("official code"),
        max_length=10,
        blank=True,
        db_index=True,
        help_text=_("The statistics office code; reused over time, so never a key."),
    )
    name = models.CharField(_("name"), max_length=120)
    name_folded = models.CharField(max_length=120, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WARD)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty: before our records.")
    )
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Last day; empty: still in force.")
    )
    legal_act = models.CharField(
        _("legal act"), max_length=200, blank=True, help_text=_("The act that created the unit.")
    )

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["name_folded", "valid_from"]
        constraints = [
            # A code names one unit at a time.
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                condition=~Q(code="") & Q(valid_from__isnull=False),
                name="ward_code_once_per_start",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code="") & Q(valid_from__isnull=True),
                name="ward_code_once_before_records",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="ward_period_in_order",
            ),
        ]

    def __str__(self):
        label = f"{capfirst(self.get_kind_display())} {self.name}"
        if self.valid_to:
            return _("%(unit)s (until %(date)s)") % {
                "unit": label,
                "date": self.valid_to.strftime("%d/%m/%Y"),
            }
        return label

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class WardSuccession(models.Model):
    """One unit taking over (all or part of) another on a date, by a legal act."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("merged whole into")
        PARTIAL_TRANSFER = "partial_transfer", _("part transferred to")
        SPLIT = "split", _("split, a part going to")

    predecessor = models.ForeignKey(
        Ward,
        verbose_name=_("predecessor"),
        on_delete=models.CASCADE,
        related_name="successions_out",
    )
    successor = models.ForeignKey(
        Ward, verbose_name=_("successor"), on_delete=models.CASCADE, related_name="successions_in"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MERGE)
    effective_on = models.DateField(_("effective on"))
    legal_act = models.CharField(_("legal act"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="ward_succession_once"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor.name} → {self.successor.name} ({self.get_kind_display()})"


# --- clubs and roles ---------------------------------------------------------------------


class Club(FoldedText):
    """A ward's anti-trafficking and victim-support club. It keeps the ward it was founded in."""

    FOLDED = {"name": "name_folded"}

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        PAUSED = "paused", _("paused")
        CLOSED = "closed", _("closed")

    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    ward = models.ForeignKey(
        Ward, verbose_name=_("ward"), on_delete=models.PROTECT, related_name="clubs"
    )
    founded_on = models.DateField(_("founded on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )

    class Meta:
        verbose_name = _("club")
        verbose_name_plural = _("clubs")
        ordering = ["name_folded"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("field:club", args=[self.pk])


class ClubRole(models.Model):
    """What a user account may do for one club in SafeWard (not the member register).

    Leaders and secretaries form the club's board in the app: they see and keep its
    members and meetings. ``member`` gives an account to a plain member, who sees no
    personal data of others.
    """

    class Role(models.TextChoices):
        LEADER = "leader", _("leader")
        SECRETARY = "secretary", _("secretary")
        MEMBER = "member", _("member")

    BOARD = (Role.LEADER, Role.SECRETARY)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="club_roles",
    )
    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("club role")
        verbose_name_plural = _("club roles")
        constraints = [models.UniqueConstraint(fields=["user", "club"], name="one_role_per_club")]

    def __str__(self):
        return f"{self.user} · {self.club} · {self.get_role_display()}"


# --- members -----------------------------------------------------------------------------


class FieldRecord(models.Model):
    """What every record made in the field app carries: who made it, when, and the UUID the
    phone made when its form opened (one submission is stored once, see the offline issue)."""

    client_uuid = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Member(FieldRecord, FoldedText, ClusterableModel):
    """A person in a club's member register (the admin edits memberships inline)."""

    class Category(models.TextChoices):
        SOCIAL_WORK = "social_work", _("social-work collaborator")
        RESIDENTIAL_GROUP = "residential_group", _("residential-group official")
        VOLUNTEER = "volunteer", _("volunteer")
        RETURNED_MIGRANT = "returned_migrant", _("returned migrant")
        SURVIVOR = "survivor", _("trafficking survivor")
        OTHER = "other", _("other")

    FOLDED = {"full_name": "full_name_folded"}
    # Shown only to the club's board and to coordinators (see clubs.access).
    SENSITIVE_CATEGORIES = frozenset({Category.RETURNED_MIGRANT, Category.SURVIVOR, Category.OTHER})

    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.PROTECT, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    full_name_folded = models.CharField(max_length=120, editable=False, db_index=True)
    sort_name = models.CharField(max_length=600, editable=False, db_index=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, validators=[validate_vietnamese_phone]
    )
    residential_area = models.CharField(_("residential group or area"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["sort_name", "pk"]
        indexes = [models.Index(fields=["club", "sort_name"])]
        constraints = [
            # The same phone number twice in one club is the same person.
            models.UniqueConstraint(
                fields=["club", "phone"],
                condition=~Q(phone=""),
                name="member_phone_once_per_club",
                violation_error_message=_("This club already has a member with this phone number."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def normalize(self) -> None:
        """Name in NFC with single spaces, its search and sort keys, the phone in national
        form (``save`` does it; bulk imports call it themselves)."""
        super().normalize()
        self.sort_name = person_sort_key(self.full_name)
        self.phone = normalize_phone(self.phone)

    @property
    def has_sensitive_category(self) -> bool:
        return self.category in self.SENSITIVE_CATEGORIES


class Membership(models.Model):
    """A period in which a member belonged to the club, with a role on its board."""

    class BoardRole(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice-chair")
        SECRETARY = "secretary", _("secretary")
        MEMBER = "member", _("member")

    member = ParentalKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="memberships"
    )
    board_role = models.CharField(
        _("board role"), max_length=12, choices=BoardRole.choices, default=BoardRole.MEMBER
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-joined_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.member} · {self.get_board_role_display()}"


# --- meetings ----------------------------------------------------------------------------


def private_storage():
    """Storage for files with personal data (meeting photos, import sheets).

    ``STORAGES["private"]``: never under MEDIA_URL; only views that check who may see a file
    read it. A callable, so migrations name it instead of a machine's folder.
    """
    return storages["private"]


class Meeting(FieldRecord):
    """A club meeting: the monthly one, an extra one, a training or a community session."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("monthly meeting")
        EXTRA = "extra", _("extra meeting")
        TRAINING = "training", _("training")
        COMMUNITY = "community", _("community communication")

    # Leaders may correct a meeting for this many days after logging it.
    EDITABLE_DAYS = 7
    MAX_PHOTOS = 6

    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MONTHLY)
    topics = models.TextField(_("topics"), max_length=2000)
    place = models.CharField(_("place"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), max_length=10000, blank=True)
    guests_count = models.PositiveIntegerField(
        _("guests"), default=0, validators=[MaxValueValidator(10000)]
    )
    materials = models.TextField(_("materials handed out"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["club", "held_on"],
                name="one_meeting_per_club_day",
                violation_error_message=_("This club already has a meeting on this date."),
            ),
        ]

    def __str__(self):
        return f"{self.club} · {self.held_on.strftime('%d/%m/%Y')}"

    def get_absolute_url(self):
        return reverse("field:meeting", args=[self.pk])

    def editable_until(self):
        return self.created_at + timezone.timedelta(days=self.EDITABLE_DAYS)

    def is_editable(self, now=None) -> bool:
        return (now or timezone.now()) <= self.editable_until()


class Attendance(models.Model):
    """Whether one member was at one meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once"),
        ]

    def __str__(self):
        return f"{self.member} @ {self.meeting}"


def _photo_path(instance, filename):
    return f"meeting-photos/{instance.meeting.club_id}/{uuid.uuid4().hex}.jpg"


class MeetingPhoto(models.Model):
    """A photo of a meeting. Faces: never in Wagtail's image library, never under MEDIA_URL."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=_photo_path)
    width = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    height = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("meeting photo")
        verbose_name_plural = _("meeting photos")
        ordering = ["pk"]

    def __str__(self):
        return _("Photo %(number)s of %(meeting)s") % {"number": self.pk, "meeting": self.meeting}

    def get_absolute_url(self):
        return reverse("field:meeting_photo", args=[self.pk])


# --- imports -----------------------------------------------------------------------------


class ImportJob(models.Model):
    """An uploaded member or meeting sheet on its way in: checked, previewed, then imported.

    The file stays in private storage; the report holds line numbers, columns and messages,
    never the cells' personal data.
    """

    class Kind(models.TextChoices):
        MEMBERS = "members", _("members")
        MEETINGS = "meetings", _("meetings")

    class Status(models.TextChoices):
        CHECKING = "checking", _("checking")
        CHECKED = "checked", _("checked, waiting for confirmation")
        IMPORTING = "importing", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("not imported")

    RUNNING = (Status.CHECKING, Status.IMPORTING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    file = models.FileField(storage=private_storage, upload_to="imports/")
    original_name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    total_rows = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.original_name}"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING
