"""Awareness campaigns (e.g. the 30/7 national day) with their period and targets, and
the activities that carry them out: sessions, attendances ("lượt") and unique participants
kept apart, online reach, photos.

No personal data. Copies of materials handed out at an activity are ``materials``' records
(``Distribution.activity``), read here through that relation only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from clubs.models import FieldRecord, Ward
from config.records import FoldedText

# --- campaigns -----------------------------------------------------------------------------


class TargetGroup(models.TextChoices):
    YOUTH = "youth", _("young people")
    STUDENTS = "students", _("pupils and students")
    WOMEN = "women", _("women")
    WORKERS = "workers", _("workers planning to work abroad")
    ETHNIC = "ethnic", _("ethnic minorities")
    BORDER = "border", _("border and island residents")
    PARENTS = "parents", _("parents")
    EVERYONE = "everyone", _("everyone")


class Campaign(FoldedText):
    """An awareness campaign with a period and targets (e.g. the 30/7 national day)."""

    FOLDED = {"name": "name_folded"}

    class Organiser(models.TextChoices):
        WOMEN_UNION = "women_union", _("Women's Union")
        YOUTH_UNION = "youth_union", _("Youth Union")
        CLUB = "club", _("club")
        POLICE = "police", _("police")
        BORDER_GUARD = "border_guard", _("border guard")
        SOCIAL_AFFAIRS = "social_affairs", _("social-affairs department")
        OTHER = "other", _("other")

    class Theme(models.TextChoices):
        NATIONAL_DAY = "national_day", _("30/7: World and National Day against Trafficking")
        SAFE_MIGRATION = "safe_migration", _("safe migration and work abroad")
        ONLINE_RECRUITMENT = "online_recruitment", _("fake online recruitment")
        LAW = "law", _("the law")
        CONTEST = "contest", _("contest")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    organiser = models.CharField(_("organiser"), max_length=20, choices=Organiser.choices)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    target_sessions = models.PositiveIntegerField(_("target: sessions"), default=0)
    target_attendances = models.PositiveIntegerField(_("target: attendances (lượt)"), default=0)
    target_participants = models.PositiveIntegerField(_("target: unique participants"), default=0)
    target_online_reach = models.PositiveIntegerField(_("target: online reach"), default=0)
    target_materials = models.PositiveIntegerField(_("target: materials handed out"), default=0)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "name_folded"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_period_in_order"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("field:campaign", args=[self.pk])


class Activity(FieldRecord, FoldedText, ClusterableModel):
    """One activity of a campaign: a talk, a training, a contest, a post, a broadcast...

    Attendances ("lượt") count every time someone came; unique participants, when known,
    count each person once: they are never added together.
    """

    class Kind(models.TextChoices):
        TALK = "talk", _("talk")
        TRAINING = "training", _("training")
        CONTEST = "contest", _("contest")
        ONLINE_POST = "online_post", _("online post")
        BROADCAST = "broadcast", _("broadcast")
        DOOR_TO_DOOR = "door_to_door", _("door to door")

    FOLDED = {"title": "title_folded"}
    # The figures an activity reports (form, sheet and service share the list and the rule).
    FIGURES = ("sessions", "attendances", "unique_participants", "reach_zalo", "reach_facebook")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(_("title"), max_length=200)
    title_folded = models.CharField(max_length=200, editable=False, db_index=True)
    held_on = models.DateField(_("date"))
    ward = models.ForeignKey(
        Ward, verbose_name=_("ward"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    sessions = models.PositiveIntegerField(_("sessions"), default=1)
    attendances = models.PositiveIntegerField(_("attendances (lượt)"), default=0)
    unique_participants = models.PositiveIntegerField(
        _("unique participants"), null=True, blank=True, help_text=_("Only when known.")
    )
    reach_zalo = models.PositiveIntegerField(_("reach on Zalo"), default=0)
    reach_facebook = models.PositiveIntegerField(_("reach on Facebook"), default=0)
    communicators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("communicators involved"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("campaign activity")
        verbose_name_plural = _("campaign activities")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.title} · {self.held_on:%d/%m/%Y}"

    @property
    def online_reach(self) -> int:
        return self.reach_zalo + self.reach_facebook

    @staticmethod
    def participants_error(*, attendances: int | None, unique_participants: int | None):
        """The message when unique participants exceed attendances, else None."""
        if unique_participants is not None and unique_participants > (attendances or 0):
            return _("Unique participants cannot exceed the attendances.")
        return None


class ActivityPhoto(Orderable):
    """A photo of a campaign activity (public events: Wagtail's image library)."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return f"{self.activity} · {self.image_id}"
