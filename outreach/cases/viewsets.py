"""Wagtail admin of at-risk people: cases, follow-ups, referrals and the receiving agencies
(tips are in ``outreach.cases.tip_admin``, the audit trail in ``outreach.cases.audit_admin``).

Built on the clubs admin's ``ScopedModelViewSet`` (listing, export and every object URL go
through ``scope``; outside it is a 404) and ``ClubScopedPermissionPolicy`` (``actions``: what
the admin offers at all). Every write goes through ``outreach.cases.services`` (the
``ServiceViewSetMixin``), so the admin records consent, normalises names, dates a closed case
and audits exactly as the field app does. Cases are searched by code only; every listing,
search, export and opened case writes one audit row; exports of cases are for coordinators
only, with names only when the coordinator ticks "with names".
"""

import django_filters
from django import forms
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import Button

from clubs.access import is_coordinator, visible_clubs
from clubs.models import Club, Member
from clubs.scoped_admin import (
    ScopedForm,
    ScopedIndexView,
    ScopedModelViewSet,
    ServiceEditView,
    ServiceViewSetMixin,
    form_values,
)
from outreach.cases import admin_views, selectors, services
from outreach.cases.audit import Actor, audit_request
from outreach.cases.audit_admin import AuditEntryViewSet
from outreach.cases.forms import clean_id_number, clean_phone
from outreach.cases.models import (
    Agency,
    AuditEntry,
    Case,
    Consent,
    FollowUp,
    Referral,
    RiskFactor,
    SupportType,
)
from outreach.cases.tip_admin import TipViewSet

# --- at-risk people ------------------------------------------------------------------------


def _case_scope(queryset, user):
    return selectors.scope_to_cases(queryset, user=user)


def _visible_clubs(request):
    """The clubs whose cases the user sees: ``visible_clubs``, the one rule."""
    return visible_clubs(user=request.user) if request is not None else Club.objects.none()


class AuditedIndexView(ScopedIndexView):
    """A listing of case records: one audit row per request (list, search or export);
    exports for coordinators only."""

    audit_what = "cases"

    def get(self, request, *args, **kwargs):
        if self.is_export and not is_coordinator(request.user):
            raise Http404
        response = super().get(request, *args, **kwargs)
        if self.is_export:
            action, detail = AuditEntry.Action.EXPORT, f"{self.audit_what} {self.export_detail()}"
        elif self.is_searching:
            action, detail = AuditEntry.Action.SEARCH, self.audit_what
        else:
            action, detail = AuditEntry.Action.LIST, self.audit_what
        audit_request(request, action=action, detail=detail.strip())
        return response

    def export_detail(self) -> str:
        return self.request.GET.get("export", "")


class CaseFilterSet(WagtailFilterSet):
    club = django_filters.ModelChoiceFilter(label=_("club"), queryset=_visible_clubs)
    status = django_filters.ChoiceFilter(label=_("status"), choices=Case.Status.choices)
    target_group = django_filters.ChoiceFilter(
        label=_("target group"), choices=Case.TargetGroup.choices
    )
    legal_status = django_filters.ChoiceFilter(
        label=_("legal status"), choices=Case.LegalStatus.choices[1:]
    )
    overdue = django_filters.BooleanFilter(label=_("follow-up overdue"), method="filter_overdue")
    with_names = django_filters.BooleanFilter(
        label=_("export with names"),
        method="keep",
        help_text=_("Coordinators only: the export then holds names, phones and ID numbers."),
    )

    class Meta:
        model = Case
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None or not is_coordinator(request.user):
            del self.filters["with_names"]

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        overdue = Q(next_follow_up_on__lt=today) & ~Q(status=Case.Status.CLOSED)
        if value is True:
            return queryset.filter(overdue)
        if value is False:
            return queryset.exclude(overdue)
        return queryset

    def keep(self, queryset, name, value):
        return queryset


class CaseIndexView(AuditedIndexView):
    NAME_FIELDS = ["full_name", "phone", "id_number", "address"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not is_coordinator(request.user):
            self.list_export = []
        elif request.GET.get("with_names") in ("true", "True", "1", "on"):
            self.list_export = [*self.list_export[:1], *self.NAME_FIELDS, *self.list_export[1:]]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("club__ward")

    def export_detail(self):
        names = "with names" if "full_name" in self.list_export else "without names"
        return f"{self.request.GET.get('export', '')} {names}"


# What the admin form of a case writes (the same keywords as the field app's form).
CASE_FIELDS = (
    "club",
    "full_name",
    "phone",
    "id_number",
    "address",
    "notes",
    "birth_year",
    "sex",
    "ethnicity",
    "target_group",
    "risk_factors",
    "legal_status",
    "legal_status_authority",
    "legal_status_document",
    "status",
    "next_follow_up_on",
    "assigned_member",
)


class CaseAdminForm(ScopedForm):
    """The admin form of a case: scoped clubs and members, choices as checkboxes, and (for a
    new case) the consents given, as on the field app's form."""

    risk_factors = forms.MultipleChoiceField(
        label=_("Risk factors"),
        choices=RiskFactor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consents = forms.MultipleChoiceField(
        label=_("The person consents to"),
        choices=Consent.Purpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ask for each purpose separately; it can be withdrawn at any time."),
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if self.instance.pk:
            del self.fields["consents"]  # changed on the case's consent page
        clubs = visible_clubs(user=for_user)
        if "club" in self.fields:
            self.fields["club"].queryset = clubs
        if "assigned_member" in self.fields:
            self.fields["assigned_member"].queryset = Member.objects.filter(club__in=clubs)

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean_id_number(self):
        return clean_id_number(self.cleaned_data.get("id_number", ""))

    def clean(self):
        cleaned = super().clean()
        club = cleaned.get("club") or getattr(self.instance, "club", None)
        member = cleaned.get("assigned_member")
        if member is not None and club is not None and member.club_id != club.pk:
            self.add_error("assigned_member", _("Choose a member of the same club."))
        return cleaned


class CaseEditView(ServiceEditView):
    @cached_property
    def header_more_buttons(self):
        """Coordinators answer access and erasure requests from the case's page."""
        buttons = super().header_more_buttons
        if is_coordinator(self.request.user):
            pk = self.object.pk
            everything = reverse("outreach_cases:everything", args=[pk])
            buttons += [
                Button(
                    _("Export everything held (JSON)"),
                    url=f"{everything}?format=json",
                    icon_name="download",
                    priority=30,
                ),
                Button(
                    _("Export everything held (Excel)"),
                    url=f"{everything}?format=xlsx",
                    icon_name="download",
                    priority=31,
                ),
                Button(
                    _("Erase on request"),
                    url=reverse("outreach_cases:erase", args=[pk]),
                    icon_name="bin",
                    priority=40,
                ),
            ]
        return buttons


class CaseViewSet(ServiceViewSetMixin, ScopedModelViewSet):
    model = Case
    name = "outreach_cases"
    url_prefix = "outreach/cases"
    icon = "warning"
    menu_label = _("At-risk people")
    # Never deleted here: personal data is erased on request, and a closed case is purged
    # when its retention ends (services), both audited.
    actions = frozenset({"add", "change", "view"})
    index_view_class = CaseIndexView
    edit_view_class = CaseEditView
    list_display = [
        "code",
        "club",
        "target_group",
        "legal_status",
        "status",
        "next_follow_up_on",
    ]
    list_export = [
        "code",
        "club",
        "get_target_group_display",
        "get_legal_status_display",
        "get_status_display",
        "birth_year",
        "get_sex_display",
        "ethnicity",
        "risk_factor_labels",
        "next_follow_up_on",
        "created_at",
        "closed_on",
    ]
    export_headings = {
        "get_target_group_display": capfirst(_("target group")),
        "get_legal_status_display": capfirst(_("legal status")),
        "get_status_display": capfirst(_("status")),
        "get_sex_display": capfirst(_("sex")),
        "risk_factor_labels": capfirst(_("risk factors")),
    }
    filterset_class = CaseFilterSet
    # Found by code only: the personal fields are ciphertext in the database.
    search_fields = ["code"]
    export_filename = "nguoi-co-nguy-co"
    panels = [
        FieldPanel("club"),
        MultiFieldPanel(
            [
                FieldPanel("full_name"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("id_number")]),
                FieldPanel("address"),
                FieldPanel("notes"),
            ],
            heading=_("Personal data (encrypted)"),
        ),
        FieldRowPanel([FieldPanel("birth_year"), FieldPanel("sex"), FieldPanel("ethnicity")]),
        FieldPanel("target_group"),
        FieldPanel("risk_factors"),
        FieldPanel("consents"),
        MultiFieldPanel(
            [
                FieldPanel("legal_status"),
                FieldPanel("legal_status_authority"),
                FieldPanel("legal_status_document"),
            ],
            heading=_("Legal status (decided by a competent authority)"),
        ),
        FieldRowPanel([FieldPanel("status"), FieldPanel("next_follow_up_on")]),
        FieldPanel("assigned_member"),
    ]
    scope = staticmethod(_case_scope)

    edit_form_class = CaseAdminForm

    def create_instance(self, *, form, request):
        values = form_values(form, CASE_FIELDS)
        status = values.pop("status", Case.Status.OPEN)
        case = services.case_create(
            actor=Actor.from_request(request),
            consents=form.cleaned_data.get("consents", []),
            consent_on=timezone.localdate(),
            **values,
        )
        if status != case.status:
            case = services.case_update(case=case, actor=Actor.from_request(request), status=status)
        return case

    def update_instance(self, *, instance, form, request):
        return services.case_update(
            case=instance, actor=Actor.from_request(request), **form_values(form, CASE_FIELDS)
        )

    def get_urlpatterns(self):
        # The rights views check for a coordinator and the scope themselves (404 otherwise).
        return super().get_urlpatterns() + [
            path("everything/<int:pk>/", admin_views.case_everything, name="everything"),
            path("erase/<int:pk>/", admin_views.case_erase, name="erase"),
        ]

    def _guard(self, view):
        """Outside the scope: 404. A page showing a case writes one audit row ("viewed");
        a change saved here is audited by the service that made it."""

        def guarded(request, *args, **kwargs):
            pk = unquote(str(kwargs["pk"]))
            case = self.scope(self.model._default_manager.all(), request.user).filter(pk=pk)
            case = case.select_related("club").first()
            if case is None:
                raise Http404
            response = view(request, *args, **kwargs)
            if request.method != "POST" or response.status_code != 302:
                audit_request(request, action=AuditEntry.Action.VIEW, case=case, detail="admin")
            return response

        return guarded


def _case_record_scope(queryset, user):
    return selectors.scope_to_cases(queryset, user=user, club_path="case__club")


class CaseRecordFilterSet(WagtailFilterSet):
    club = django_filters.ModelChoiceFilter(
        label=_("club"), field_name="case__club", queryset=_visible_clubs
    )


class FollowUpFilterSet(CaseRecordFilterSet):
    done_on = django_filters.DateFromToRangeFilter(label=_("date"), widget=DateRangePickerWidget)
    method = django_filters.ChoiceFilter(label=_("method"), choices=FollowUp.Method.choices)
    outcome = django_filters.ChoiceFilter(label=_("outcome"), choices=FollowUp.Outcome.choices)

    class Meta:
        model = FollowUp
        fields = []


class FollowUpIndexView(AuditedIndexView):
    audit_what = "follow-ups"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("case")


class CaseRecordForm(ScopedForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "case" in self.fields:
            if self.instance.pk:
                del self.fields["case"]  # a record stays with its person
            else:
                self.fields["case"].queryset = _case_scope(Case.objects.all(), for_user)
        if "support_types" in self.fields:
            self.fields["support_types"] = forms.MultipleChoiceField(
                label=_("Support"),
                choices=SupportType.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=self.initial.get("support_types"),
            )


class CaseRecordViewSet(ServiceViewSetMixin, ScopedModelViewSet):
    """Follow-ups and referrals: case records, scoped and audited like cases."""

    scope = staticmethod(_case_record_scope)

    edit_form_class = CaseRecordForm


FOLLOW_UP_FIELDS = ("done_on", "method", "outcome", "note", "next_due_on")


class FollowUpViewSet(CaseRecordViewSet):
    model = FollowUp
    name = "outreach_follow_ups"
    url_prefix = "outreach/follow-ups"
    icon = "history"
    menu_label = _("Follow-ups")
    actions = frozenset({"add", "change", "view"})
    index_view_class = FollowUpIndexView
    list_display = ["case", "done_on", "method", "outcome", "next_due_on"]
    list_export = [
        "case",
        "done_on",
        "get_method_display",
        "get_outcome_display",
        "next_due_on",
    ]
    export_headings = {
        "get_method_display": capfirst(_("method")),
        "get_outcome_display": capfirst(_("outcome")),
    }
    filterset_class = FollowUpFilterSet
    search_fields = ["case__code"]
    form_fields = ["case", *FOLLOW_UP_FIELDS]
    export_filename = "theo-doi"

    def create_instance(self, *, form, request):
        return services.follow_up_record(
            case=form.cleaned_data["case"],
            actor=Actor.from_request(request),
            **form_values(form, FOLLOW_UP_FIELDS),
        )

    def update_instance(self, *, instance, form, request):
        return services.follow_up_update(
            follow_up=instance,
            actor=Actor.from_request(request),
            **form_values(form, FOLLOW_UP_FIELDS),
        )


class ReferralFilterSet(CaseRecordFilterSet):
    stage = django_filters.ChoiceFilter(label=_("stage"), choices=Referral.Stage.choices)
    agency = django_filters.ModelChoiceFilter(label=_("agency"), queryset=Agency.objects.all())
    received_on = django_filters.DateFromToRangeFilter(
        label=_("referred on"), widget=DateRangePickerWidget
    )
    awaiting_verification = django_filters.BooleanFilter(
        label=_("not verified within 3 days"), method="filter_awaiting"
    )

    class Meta:
        model = Referral
        fields = []

    def filter_awaiting(self, queryset, name, value):
        cutoff = timezone.localdate() - timezone.timedelta(days=Referral.VERIFY_WITHIN_DAYS)
        late = Q(stage=Referral.Stage.RECEIVED, received_on__lt=cutoff)
        if value is True:
            return queryset.filter(late)
        if value is False:
            return queryset.exclude(late)
        return queryset


class ReferralIndexView(AuditedIndexView):
    audit_what = "referrals"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("case", "agency")


class ReferralViewSet(CaseRecordViewSet):
    model = Referral
    name = "outreach_referrals"
    url_prefix = "outreach/referrals"
    icon = "arrow-right-full"
    menu_label = _("Referrals")
    # Referrals start in the field app (the consent rule and the first step); here they are
    # corrected, or moved on to a later stage.
    actions = frozenset({"change", "view"})
    index_view_class = ReferralIndexView
    list_display = [
        "case",
        "agency",
        "received_on",
        "stage",
        "stage_on",
        BooleanColumn("verification_overdue", label=_("verify now")),
    ]
    list_export = [
        "case",
        "agency",
        "received_on",
        "get_stage_display",
        "stage_on",
        "support_labels",
        "verification_overdue",
    ]
    export_headings = {
        "get_stage_display": capfirst(_("stage")),
        "support_labels": capfirst(_("support")),
        "verification_overdue": capfirst(_("not verified within 3 days")),
    }
    filterset_class = ReferralFilterSet
    search_fields = ["case__code"]
    form_fields = ["agency", "received_on", "stage", "stage_on", "support_types", "note"]
    export_filename = "chuyen-tuyen"

    def update_instance(self, *, instance, form, request):
        return services.referral_update(
            referral=instance,
            actor=Actor.from_request(request),
            **form_values(form, self.form_fields),
        )


# --- agencies ------------------------------------------------------------------------------


class AgencyFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Agency.Kind.choices)
    active = django_filters.BooleanFilter(label=_("active"))

    class Meta:
        model = Agency
        fields = []


class AgencyViewSet(ServiceViewSetMixin, ScopedModelViewSet):
    model = Agency
    name = "outreach_agencies"
    url_prefix = "outreach/agencies"
    icon = "site"
    menu_label = _("Receiving agencies")
    list_display = ["name", "kind", "phone", "active"]
    list_export = ["name", "kind", "phone", "address", "active"]
    filterset_class = AgencyFilterSet
    search_fields = ["name_folded"]
    form_fields = ["name", "kind", "phone", "address", "active"]
    export_filename = "co-quan-tiep-nhan"

    @staticmethod
    def scope(queryset, user):
        return queryset  # reference data, no personal data

    def create_instance(self, *, form, request):
        return services.agency_create(**form_values(form, self.form_fields))

    def update_instance(self, *, instance, form, request):
        return services.agency_update(agency=instance, **form_values(form, self.form_fields))

    def delete_instance(self, *, instance, request):
        services.agency_delete(agency=instance)


class CasesViewSetGroup(ModelViewSetGroup):
    """At-risk people: only their clubs' boards and coordinators see this menu."""

    menu_label = _("At-risk people")
    menu_icon = "warning"
    menu_order = 260
    items = [
        TipViewSet,
        CaseViewSet,
        FollowUpViewSet,
        ReferralViewSet,
        AgencyViewSet,
        AuditEntryViewSet,
    ]
