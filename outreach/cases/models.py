"""At-risk people (cases) with their consents, follow-ups and referrals; the receiving
agencies; anonymous tips; the audit trail of who saw or changed them.

Cases, follow-ups, referrals and tips are protected as victim records: their personal fields
are encrypted at rest (``outreach.cases.fields.EncryptedTextField``), they are not in any
search index, have no revisions, and ``__str__`` is the pseudonymous code, so no plaintext
reaches Wagtail's log labels. Who may see them is ``clubs.access.visible_clubs``; every view,
list, search and export writes one ``AuditEntry``.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.models import Club, FieldRecord, Member, Ward
from config.records import FoldedText
from outreach.cases.fields import EncryptedTextField

# --- at-risk people ------------------------------------------------------------------------


class RiskFactor(models.TextChoices):
    JOB_OFFER_ABROAD = "job_offer_abroad", _("“light work, high pay” job offer abroad")
    ILLEGAL_EXIT = "illegal_exit", _("illegal exit or plan to cross the border")
    BROKERED_MARRIAGE = "brokered_marriage", _("brokered marriage with a foreigner")
    CHILDREN_ABROAD = "children_abroad", _("children or relatives abroad out of contact")
    ONLINE_RECRUITMENT = "online_recruitment", _("recruited through social media")
    DEBT = "debt", _("debt or hardship")
    DROPPED_OUT = "dropped_out", _("left school, without work")
    OTHER = "other", _("other")


class SupportType(models.TextChoices):
    """Support for victims under the 2024 Law on Prevention and Combat of Human Trafficking."""

    ESSENTIAL_NEEDS = "essential_needs", _("essential needs and accommodation (up to 120 days)")
    TRAVEL = "travel", _("travel home")
    MEDICAL = "medical", _("medical care")
    PSYCHOLOGICAL = "psychological", _("psychological support")
    LEGAL_AID = "legal_aid", _("legal aid")
    INTERPRETING = "interpreting", _("interpreting")
    EDUCATION = "education", _("schooling and vocational training")
    INITIAL_ALLOWANCE = "initial_allowance", _("initial difficulty allowance")
    LOAN = "loan", _("preferential loan")
    JOB_COUNSELLING = "job_counselling", _("job counselling")


class Case(FieldRecord):
    """A person at risk of trafficking whom a club follows up (a victim record).

    The code (``HT-2024-007``: the ward's initials, the year, a number) is the only name the
    record has outside its own page; the personal fields are encrypted.
    """

    class Sex(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        OTHER = "other", _("other")
        UNKNOWN = "", _("not recorded")

    class TargetGroup(models.TextChoices):
        AT_RISK = "at_risk", _("at risk")
        RETURNED_MIGRANT = "returned_migrant", _("returned illegal migrant")
        PLANNING_ABROAD = "planning_abroad", _("planning to work abroad")
        SURVIVOR_FAMILY = "survivor_family", _("survivor's family")
        RETURNED_VICTIM = "returned_victim", _("returned victim")
        OTHER = "other", _("other")

    class LegalStatus(models.TextChoices):
        NONE = "", _("not decided")
        BEING_IDENTIFIED = "being_identified", _("being identified as a victim")
        VICTIM = "victim", _("victim (decided by a competent authority)")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FOLLOWING = "following", _("being followed up")
        CLOSED = "closed", _("closed")

    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.PROTECT, related_name="cases"
    )
    code = models.CharField(_("code"), max_length=30, unique=True, editable=False)
    # Personal data: encrypted at rest, erased on withdrawal of consent or on request.
    full_name = EncryptedTextField(_("full name"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    id_number = EncryptedTextField(_("ID number"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=40, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.AT_RISK
    )
    legal_status = models.CharField(
        _("legal status"), max_length=20, choices=LegalStatus.choices, blank=True
    )
    legal_status_authority = models.CharField(_("deciding authority"), max_length=200, blank=True)
    legal_status_document = models.CharField(
        _("decision document"), max_length=200, blank=True, help_text=_("Number and date.")
    )
    risk_factors = models.JSONField(_("risk factors"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    assigned_member = models.ForeignKey(
        Member,
        verbose_name=_("assigned member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    next_follow_up_on = models.DateField(_("next follow-up due"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    tip_code = models.CharField(
        _("from tip"),
        max_length=9,
        blank=True,
        editable=False,
        help_text=_("The reference code of the anonymous tip this case came from."),
    )

    PERSONAL_FIELDS = ("full_name", "phone", "id_number", "address", "notes")

    class Meta:
        verbose_name = _("at-risk person")
        verbose_name_plural = _("at-risk people")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["club", "next_follow_up_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(legal_status="victim")
                | (~Q(legal_status_authority="") & ~Q(legal_status_document="")),
                name="case_victim_needs_authority_and_document",
                violation_error_message=_(
                    "Only a competent authority decides that a person is a victim: "
                    "enter the deciding authority and the document."
                ),
            ),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("field:case", args=[self.pk])

    @property
    def ward(self) -> Ward:
        return self.club.ward

    @property
    def is_erased(self) -> bool:
        return self.personal_data_erased_at is not None

    def follow_up_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status != self.Status.CLOSED
            and self.next_follow_up_on is not None
            and self.next_follow_up_on < today
        )

    def risk_factor_labels(self) -> list[str]:
        labels = dict(RiskFactor.choices)
        return [str(labels.get(value, value)) for value in self.risk_factors]

    def consent_for(self, purpose: str) -> "Consent | None":
        for consent in self.consents.all():
            if consent.purpose == purpose:
                return consent
        return None

    def has_consent(self, purpose: str) -> bool:
        consent = self.consent_for(purpose)
        return consent is not None and consent.is_active


class CaseCodeCounter(models.Model):
    """The last number given for one prefix and year (``HT`` 2024 -> 7 gives HT-2024-008)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="case_code_counter_once")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"


class Consent(models.Model):
    """The person's consent for one purpose; withdrawing it stops that purpose only."""

    class Purpose(models.TextChoices):
        FOLLOW_UP = "follow_up", _("follow-up")
        REFERRAL = "referral", _("referral to services")
        REPORTING = "reporting", _("reporting (anonymous figures)")

    case = models.ForeignKey(
        Case, verbose_name=_("at-risk person"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["purpose"]
        constraints = [
            models.UniqueConstraint(fields=["case", "purpose"], name="consent_once_per_purpose")
        ]

    def __str__(self):
        return f"{self.case} · {self.get_purpose_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class FollowUp(FieldRecord):
    """One contact with the person: when, how, what came of it, when the next is due."""

    class Method(models.TextChoices):
        VISIT = "visit", _("home visit")
        PHONE = "phone", _("phone call")
        ZALO = "zalo", _("Zalo")

    class Outcome(models.TextChoices):
        STABLE = "stable", _("stable, no new risk")
        RISK_DOWN = "risk_down", _("risk lower")
        RISK_UP = "risk_up", _("risk higher")
        NEEDS_REFERRAL = "needs_referral", _("needs a referral")
        NOT_REACHED = "not_reached", _("could not be reached")
        LEFT_AREA = "left_area", _("has left the area")

    case = models.ForeignKey(
        Case, verbose_name=_("at-risk person"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    done_on = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    note = EncryptedTextField(_("note"), blank=True)
    next_due_on = models.DateField(_("next follow-up due"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-done_on", "-pk"]

    def __str__(self):
        return f"{self.case.code} · {self.done_on.strftime('%d/%m/%Y')}"


class Agency(FoldedText):
    """A service people are referred to (editable: agencies change, new NGOs appear)."""

    FOLDED = {"name": "name_folded"}

    class Kind(models.TextChoices):
        WARD_COMMITTEE = "ward_committee", _("ward People's Committee")
        POLICE = "police", _("police")
        BORDER_GUARD = "border_guard", _("border guard")
        SOCIAL_AFFAIRS = "social_affairs", _("social-affairs department")
        HEALTH = "health", _("health service")
        SUNSHINE_HOUSE = "sunshine_house", _("Sunshine House (Ngôi nhà Ánh Dương)")
        SHELTER = "shelter", _("shelter")
        LEGAL_AID = "legal_aid", _("legal aid")
        VOCATIONAL = "vocational", _("vocational training")
        HOTLINE = "hotline", _("hotline")
        NGO = "ngo", _("non-governmental organisation")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("receiving agency")
        verbose_name_plural = _("receiving agencies")
        ordering = ["name_folded"]

    def __str__(self):
        return self.name


class Referral(FieldRecord):
    """A person referred to an agency, followed through received -> ... -> closed."""

    class Stage(models.TextChoices):
        RECEIVED = "received", _("received")
        VERIFIED = "verified", _("verified")
        IDENTIFIED = "identified", _("identified")
        PROTECTED = "protected", _("protected")
        SUPPORTED = "supported", _("supported")
        CLOSED = "closed", _("closed")

    ORDER = [s.value for s in Stage]
    # Verification is due this many days after the referral was received.
    VERIFY_WITHIN_DAYS = 3

    case = models.ForeignKey(
        Case, verbose_name=_("at-risk person"), on_delete=models.CASCADE, related_name="referrals"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="referrals"
    )
    received_on = models.DateField(_("referred on"))
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.RECEIVED
    )
    stage_on = models.DateField(_("stage reached on"))
    support_types = models.JSONField(_("support"), default=list, blank=True)
    consent_override_reason = models.TextField(
        _("reason for referring without consent"), blank=True
    )
    consent_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("override by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    note = EncryptedTextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.case.code} · {self.get_stage_display()}"

    def get_absolute_url(self):
        return reverse("field:referral_step", args=[self.pk])

    def verification_overdue(self, today: datetime.date | None = None) -> bool:
        """Received more than 3 days ago and still not verified (computed when read)."""
        today = today or timezone.localdate()
        return self.stage == self.Stage.RECEIVED and (today - self.received_on).days > (
            self.VERIFY_WITHIN_DAYS
        )

    def next_stages(self) -> list[str]:
        index = self.ORDER.index(self.stage)
        return self.ORDER[index + 1 :]

    def support_labels(self) -> list[str]:
        labels = dict(SupportType.choices)
        return [str(labels.get(value, value)) for value in self.support_types]


class ReferralStep(FieldRecord):
    """One stage a referral reached, with its date and a note (the referral's history)."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="steps"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Referral.Stage.choices)
    reached_on = models.DateField(_("date"))
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")
        ordering = ["reached_on", "pk"]

    def __str__(self):
        return f"{self.referral.case.code} · {self.get_stage_display()}"


# --- audit ---------------------------------------------------------------------------------


class AuditRefused(PermissionDenied):
    """Audit rows are written once and never changed or deleted by the app."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditRefused("Audit entries cannot be changed.")

    def delete(self):
        raise AuditRefused("Audit entries cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditRefused("Audit entries cannot be changed.")

    def update_or_create(self, *args, **kwargs):
        raise AuditRefused("Audit entries cannot be changed.")

    def expire(self, *, before) -> int:
        """Delete the rows written before *before*: the retention purge, the one way rows go
        (``outreach.cases.retention``). Returns how many."""
        return models.QuerySet.delete(self.filter(at__lt=before))[0]


class AuditEntry(models.Model):
    """Who saw or changed which at-risk person, in which role, when, from where.

    No foreign key to the case (the row outlives the case's purge) and no personal data:
    the case is named by its id and pseudonymous code. Rows are append-only for the app;
    only the retention purge (``AuditQuerySet.expire``) removes rows older than
    ``SAFEWARD_AUDIT_RETENTION_DAYS``.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        LIST = "list", _("listed")
        SEARCH = "search", _("searched")
        EXPORT = "export", _("exported")
        CREATE = "create", _("created")
        CHANGE = "change", _("changed")
        FOLLOW_UP = "follow_up", _("recorded a follow-up")
        REFERRAL = "referral", _("recorded a referral step")
        CONSENT = "consent", _("changed consent")
        ERASE = "erase", _("erased personal data")
        AUDIT_READ = "audit_read", _("read the audit trail")
        TIP_LIST = "tip_list", _("listed tips")
        TIP_VIEW = "tip_view", _("viewed a tip")
        TIP_CONVERT = "tip_convert", _("turned a tip into a case")
        TIP_CLOSE = "tip_close", _("closed a tip")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    user_id_ref = models.BigIntegerField(_("user id"), null=True, blank=True, editable=False)
    username = models.CharField(_("who"), max_length=150, editable=False)
    role = models.CharField(_("role"), max_length=20, editable=False)
    action = models.CharField(_("what"), max_length=12, choices=Action.choices, editable=False)
    case_ref = models.BigIntegerField(_("case id"), null=True, blank=True, db_index=True)
    case_code = models.CharField(_("code"), max_length=30, blank=True, db_index=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True, editable=False)
    path = models.CharField(_("page"), max_length=300, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(_("from"), null=True, blank=True, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.action} {self.case_code}".strip()

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AuditRefused("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditRefused("Audit entries cannot be deleted.")


# --- anonymous tips --------------------------------------------------------------------------


class Tip(models.Model):
    """An anonymous tip or help request sent from the public site.

    Holds only what the person typed: the text and the optional contact are encrypted at
    rest like a case's personal fields; no address, browser, session or account is kept.
    ``code`` is the reference the person may quote when calling a hotline; ``__str__`` is
    the code, so no plaintext reaches log labels. Who may see a tip: ``outreach.cases.tips``.
    """

    class When(models.TextChoices):
        TODAY = "today", _("today")
        THIS_WEEK = "this_week", _("in the past week")
        THIS_MONTH = "this_month", _("in the past month")
        EARLIER = "earlier", _("earlier")
        ONGOING = "ongoing", _("it is still going on")
        UNKNOWN = "unknown", _("not sure")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CONVERTED = "converted", _("turned into a case")
        CLOSED = "closed", _("closed")

    code = models.CharField(_("reference code"), max_length=9, unique=True, editable=False)
    ward = models.ForeignKey(
        Ward,
        verbose_name=_("ward"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tips",
        help_text=_("Empty: another place."),
    )
    when = models.CharField(_("when"), max_length=12, choices=When.choices, default=When.UNKNOWN)
    text = EncryptedTextField(_("what happened"))
    contact = EncryptedTextField(_("contact (phone or Zalo)"), blank=True)
    may_contact = models.BooleanField(_("may be contacted"), default=False)
    # A day, not a moment: nothing to line up with a server's access log.
    received_on = models.DateField(_("received on"), default=timezone.localdate, editable=False)
    viewed_at = models.DateTimeField(_("first viewed at"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, editable=False
    )
    closed_reason = models.CharField(_("reason for closing"), max_length=300, blank=True)
    handled_on = models.DateField(_("handled on"), null=True, blank=True, editable=False)
    case = models.ForeignKey(
        Case,
        verbose_name=_("at-risk person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        ordering = ["-received_on", "-pk"]
        default_permissions = ("view", "change")

    def __str__(self):
        return self.code

    @property
    def is_new(self) -> bool:
        return self.viewed_at is None
