"""Materials (leaflets, booklets, posters, law books, panel designs), the province's stock,
the copies handed out (distributions) and the panels installed in the wards.

No personal data. Stock changes only through ``outreach.materials.services`` (receipts and
distributions, never below zero).
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.models import Club, FieldRecord, Meeting, Ward
from config.records import FoldedText

# --- materials, stock, distributions, panels -----------------------------------------------


class Material(FoldedText):
    """A kind of printed material (or a panel design) that clubs and agencies hand out."""

    FOLDED = {"title": "title_folded"}

    class Kind(models.TextChoices):
        LEAFLET = "leaflet", _("leaflet")
        BOOKLET = "booklet", _("Q&A legal booklet")
        PANEL = "panel", _("panel")
        POSTER = "poster", _("poster")
        LAW_BOOK = "law_book", _("law book")
        OTHER = "other", _("other")

    class Language(models.TextChoices):
        VI = "vi", _("Vietnamese")
        EN = "en", _("English")
        ZH = "zh", _("Chinese")
        ETHNIC = "ethnic", _("ethnic minority language")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    title_folded = models.CharField(max_length=200, editable=False, db_index=True)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.VI
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stock = models.PositiveIntegerField(
        _("in stock"),
        default=0,
        editable=False,
        help_text=_("Received minus handed out; changed only by receipts and distributions."),
    )

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["kind", "title_folded"]
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="material_stock_not_negative")
        ]

    def __str__(self):
        return self.title


class StockReceipt(models.Model):
    """Copies of a material received into the province's stock."""

    material = models.ForeignKey(
        Material, verbose_name=_("material"), on_delete=models.PROTECT, related_name="receipts"
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    received_on = models.DateField(_("received on"))
    source = models.CharField(_("from"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("stock received")
        verbose_name_plural = _("stock received")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.material} +{self.quantity}"


class Distribution(FieldRecord):
    """Copies of a material handed out in a ward, by a club or at a campaign activity."""

    class Channel(models.TextChoices):
        MEETING = "meeting", _("club meeting")
        DOOR_TO_DOOR = "door_to_door", _("door to door")
        EVENT = "event", _("event or campaign")
        SCHOOL = "school", _("school")
        MARKET = "market", _("market or public place")
        BORDER_GATE = "border_gate", _("border gate or port")
        OTHER = "other", _("other")

    material = models.ForeignKey(
        Material,
        verbose_name=_("material"),
        on_delete=models.PROTECT,
        related_name="distributions",
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    distributed_on = models.DateField(_("date"))
    ward = models.ForeignKey(
        Ward, verbose_name=_("ward"), on_delete=models.PROTECT, related_name="+"
    )
    club = models.ForeignKey(
        Club,
        verbose_name=_("club"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="distributions",
    )
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activity = models.ForeignKey(
        "campaigns.Activity",
        verbose_name=_("campaign activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="distributions",
    )

    class Meta:
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")
        ordering = ["-distributed_on", "-pk"]

    def __str__(self):
        return f"{self.material} · {self.quantity} · {self.distributed_on:%d/%m/%Y}"


class Panel(FoldedText):
    """A billboard or panel installed in a ward: a fixed asset inspected now and then."""

    FOLDED = {"place": "place_folded"}

    class Condition(models.TextChoices):
        GOOD = "good", _("good")
        FADED = "faded", _("faded")
        DAMAGED = "damaged", _("damaged")
        REMOVED = "removed", _("removed")

    # An inspection is due this many days after the last one (or the installation).
    INSPECT_EVERY_DAYS = 180

    place = models.CharField(_("place"), max_length=200)
    place_folded = models.CharField(max_length=200, editable=False, db_index=True)
    ward = models.ForeignKey(
        Ward, verbose_name=_("ward"), on_delete=models.PROTECT, related_name="+"
    )
    club = models.ForeignKey(
        Club,
        verbose_name=_("club"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="panels",
        help_text=_("The club that looks after it, if any."),
    )
    material = models.ForeignKey(
        Material,
        verbose_name=_("design"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="panels",
        limit_choices_to={"kind": "panel"},
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    installed_on = models.DateField(_("installed on"))
    condition = models.CharField(
        _("condition"), max_length=10, choices=Condition.choices, default=Condition.GOOD
    )
    last_inspected_on = models.DateField(_("last inspected"), null=True, blank=True)

    class Meta:
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        ordering = ["place_folded", "pk"]

    def __str__(self):
        return self.place

    def inspection_due_on(self) -> datetime.date:
        last = self.last_inspected_on or self.installed_on
        return last + datetime.timedelta(days=self.INSPECT_EVERY_DAYS)

    def inspection_overdue(self, today: datetime.date | None = None) -> bool:
        if self.condition == self.Condition.REMOVED:
            return False
        return self.inspection_due_on() < (today or timezone.localdate())

    inspection_overdue.boolean = True
