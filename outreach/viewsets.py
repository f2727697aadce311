"""Wagtail admin of the outreach app: at-risk people, follow-ups, referrals, the audit trail,
agencies, materials, stock, distributions, panels, campaigns and activities.

Built on the clubs admin's ``ScopedModelViewSet`` (listing, export and every object URL go
through ``scope``; outside it is a 404) and ``ClubScopedPermissionPolicy``. Cases are
scoped by ``clubs.access.case_clubs`` and searched by code only; every listing, search,
export and opened case writes one audit row; exports of cases are for coordinators only, with
names only when the coordinator ticks "with names".
"""

import django_filters
from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from clubs.access import can_see_cases, case_clubs, is_coordinator, visible_clubs
from clubs.viewsets import (
    ClubScopedPermissionPolicy,
    ScopedForm,
    ScopedIndexView,
    ScopedModelViewSet,
)
from outreach import admin_views, selectors, services
from outreach.audit import audit_request
from outreach.forms import clean_id_number
from outreach.models import (
    Activity,
    Agency,
    AuditEntry,
    Campaign,
    Case,
    Distribution,
    FollowUp,
    Material,
    Panel,
    Referral,
    RiskFactor,
    StockReceipt,
    SupportType,
    TargetGroup,
)


def _not_found(request, *args, **kwargs):
    raise Http404


def _refuse(patterns, *, names=frozenset(), keep=None):
    """The same URL names (Wagtail reverses them), but the views named answer 404."""
    refused = []
    for pattern in patterns:
        if pattern.name in names or (keep is not None and pattern.name not in keep):
            pattern = path(str(pattern.pattern), _not_found, name=pattern.name)
        refused.append(pattern)
    return refused


# --- at-risk people ------------------------------------------------------------------------


def _case_scope(queryset, user):
    return selectors.scope_to_cases(queryset, user=user)


def _case_clubs(request):
    if request is None or not can_see_cases(user=request.user):
        from clubs.models import Club

        return Club.objects.none()
    return case_clubs(user=request.user)


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
    club = django_filters.ModelChoiceFilter(label=_("club"), queryset=_case_clubs)
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


class CaseAdminForm(ScopedForm):
    """The admin form of a case: scoped clubs and members, choices as checkboxes."""

    risk_factors = forms.MultipleChoiceField(
        label=_("Risk factors"),
        choices=RiskFactor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "club" in self.fields:
            self.fields["club"].queryset = case_clubs(user=for_user)
        if "assigned_member" in self.fields:
            from clubs.models import Member

            self.fields["assigned_member"].queryset = Member.objects.filter(
                club__in=case_clubs(user=for_user)
            )

    def clean_id_number(self):
        return clean_id_number(self.cleaned_data.get("id_number", ""))

    def clean(self):
        cleaned = super().clean()
        club = cleaned.get("club") or getattr(self.instance, "club", None)
        member = cleaned.get("assigned_member")
        if member is not None and club is not None and member.club_id != club.pk:
            self.add_error("assigned_member", _("Choose a member of the same club."))
        return cleaned

    def save(self, commit=True):
        case = super().save(commit=False)
        if not case.code:
            case.code = services.case_code_next(club=case.club, year=timezone.localdate().year)
        if case.pk:
            case.version += 1
        if commit:
            case.save()
        return case


class CaseCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        audit_request(self.request, action=AuditEntry.Action.CREATE, case=instance)
        return instance


class CaseEditView(generic.EditView):
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


class CaseViewSet(ScopedModelViewSet):
    model = Case
    name = "outreach_cases"
    url_prefix = "outreach/cases"
    icon = "warning"
    menu_label = _("At-risk people")
    index_view_class = CaseIndexView
    add_view_class = CaseCreateView
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

    def get_urlpatterns(self):
        # The rights views check for a coordinator and the scope themselves (404 otherwise).
        return super().get_urlpatterns() + [
            path("everything/<int:pk>/", admin_views.case_everything, name="everything"),
            path("erase/<int:pk>/", admin_views.case_erase, name="erase"),
        ]

    def _guard(self, view):
        """Outside the scope: 404. Opening a case writes one audit row (view or change)."""

        def guarded(request, *args, **kwargs):
            pk = unquote(str(kwargs["pk"]))
            case = self.scope(self.model._default_manager.all(), request.user).filter(pk=pk)
            case = case.select_related("club").first()
            if case is None:
                raise Http404
            response = view(request, *args, **kwargs)
            action = (
                AuditEntry.Action.CHANGE if request.method == "POST" else AuditEntry.Action.VIEW
            )
            audit_request(request, action=action, case=case, detail="admin")
            return response

        return guarded


def _case_record_scope(queryset, user):
    return selectors.scope_to_cases(queryset, user=user, club_path="case__club")


class CaseRecordFilterSet(WagtailFilterSet):
    club = django_filters.ModelChoiceFilter(
        label=_("club"), field_name="case__club", queryset=_case_clubs
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
            self.fields["case"].queryset = _case_scope(Case.objects.all(), for_user)
        if "support_types" in self.fields:
            self.fields["support_types"] = forms.MultipleChoiceField(
                label=_("Support"),
                choices=SupportType.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=self.initial.get("support_types"),
            )


class CaseRecordViewSet(ScopedModelViewSet):
    """Follow-ups and referrals: case records, scoped and audited like cases."""

    scope = staticmethod(_case_record_scope)

    edit_form_class = CaseRecordForm


class FollowUpViewSet(CaseRecordViewSet):
    model = FollowUp
    name = "outreach_follow_ups"
    url_prefix = "outreach/follow-ups"
    icon = "history"
    menu_label = _("Follow-ups")
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
    form_fields = ["case", "done_on", "method", "outcome", "note", "next_due_on"]
    export_filename = "theo-doi"


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
    form_fields = ["case", "agency", "received_on", "stage", "stage_on", "support_types", "note"]
    export_filename = "chuyen-tuyen"
    add_view_enabled = False  # referrals start in the field app (consent rule, first step)


# --- the audit trail -----------------------------------------------------------------------


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Audit entries: coordinators may read them; nobody may add, change or delete any."""

    def user_has_permission(self, user, action):
        return action == "view" and is_coordinator(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and is_coordinator(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


class AuditFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("what"), choices=AuditEntry.Action.choices)
    at = django_filters.DateFromToRangeFilter(label=_("when"), widget=DateRangePickerWidget)
    case_ref = django_filters.NumberFilter(label=_("case id"))

    class Meta:
        model = AuditEntry
        fields = []


class AuditIndexView(ScopedIndexView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.is_searching or request.GET.get("case_ref"):
            audit_request(
                request, action=AuditEntry.Action.AUDIT_READ, detail=self.search_query or ""
            )
        return response


class AuditEntryViewSet(ScopedModelViewSet):
    model = AuditEntry
    name = "outreach_audit"
    url_prefix = "outreach/audit"
    icon = "list-ul"
    menu_label = _("Audit trail")
    index_view_class = AuditIndexView
    add_view_enabled = False
    edit_view_enabled = False
    delete_view_enabled = False
    inspect_view_enabled = True
    list_display = ["at", "username", "role", "action", "case_code", "detail", "ip_address"]
    list_export = ["at", "username", "role", "action", "case_ref", "case_code", "detail", "path"]
    filterset_class = AuditFilterSet
    search_fields = ["case_code", "username"]
    export_filename = "nhat-ky-truy-cap"
    form_fields = []

    @staticmethod
    def scope(queryset, user):
        return queryset if is_coordinator(user) else queryset.none()

    def get_urlpatterns(self):
        # Only the listing and the read-only inspect view: no URL can change a row.
        return _refuse(super().get_urlpatterns(), keep={"index", "index_results", "inspect"})


from outreach.tip_admin import TipViewSet  # noqa: E402  (after _refuse, which it uses)

# --- agencies, materials, stock, distributions, panels -------------------------------------


class AgencyFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Agency.Kind.choices)
    active = django_filters.BooleanFilter(label=_("active"))

    class Meta:
        model = Agency
        fields = []


class AgencyViewSet(ScopedModelViewSet):
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


class MaterialFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Material.Kind.choices)
    language = django_filters.ChoiceFilter(label=_("language"), choices=Material.Language.choices)

    class Meta:
        model = Material
        fields = []


class MaterialViewSet(ScopedModelViewSet):
    model = Material
    name = "outreach_materials"
    url_prefix = "outreach/materials"
    icon = "doc-full"
    menu_label = _("Materials")
    list_display = ["title", "kind", "language", "stock"]
    list_export = ["title", "kind", "language", "stock"]
    filterset_class = MaterialFilterSet
    search_fields = ["title_folded"]
    form_fields = ["kind", "title", "language", "document"]
    export_filename = "tai-lieu"

    @staticmethod
    def scope(queryset, user):
        return queryset


class StockReceiptFilterSet(WagtailFilterSet):
    material = django_filters.ModelChoiceFilter(
        label=_("material"), queryset=Material.objects.all()
    )
    received_on = django_filters.DateFromToRangeFilter(
        label=_("received on"), widget=DateRangePickerWidget
    )

    class Meta:
        model = StockReceipt
        fields = []


class StockReceiptForm(ScopedForm):
    def save(self, commit=True):
        data = self.cleaned_data
        return services.material_receive(
            material=data["material"],
            quantity=data["quantity"],
            received_on=data["received_on"],
            source=data.get("source", ""),
            user=self.for_user,
        )


class StockCreateView(generic.CreateView):
    def save_instance(self):
        return self.form.save()


class StockReceiptViewSet(ScopedModelViewSet):
    model = StockReceipt
    name = "outreach_stock"
    url_prefix = "outreach/stock"
    icon = "download"
    menu_label = _("Stock received")
    add_view_class = StockCreateView
    edit_view_enabled = False
    list_display = ["material", "quantity", "received_on", "source"]
    list_export = ["material", "quantity", "received_on", "source"]
    filterset_class = StockReceiptFilterSet
    search_fields = ["material__title_folded"]
    form_fields = ["material", "quantity", "received_on", "source"]
    export_filename = "nhap-kho"

    @staticmethod
    def scope(queryset, user):
        return queryset

    edit_form_class = StockReceiptForm

    def get_urlpatterns(self):
        # Receipts are never changed or removed here: stock would no longer add up.
        return _refuse(super().get_urlpatterns(), names={"edit", "delete"})


def _distribution_scope(queryset, user):
    return queryset.filter(pk__in=selectors.distributions_for(user=user).values("pk"))


class DistributionFilterSet(WagtailFilterSet):
    club = django_filters.ModelChoiceFilter(
        label=_("club"), queryset=lambda request: visible_clubs(user=request.user)
    )
    material = django_filters.ModelChoiceFilter(
        label=_("material"), queryset=Material.objects.all()
    )
    channel = django_filters.ChoiceFilter(label=_("channel"), choices=Distribution.Channel.choices)
    distributed_on = django_filters.DateFromToRangeFilter(
        label=_("date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Distribution
        fields = []


class DistributionForm(ScopedForm):
    def clean(self):
        cleaned = super().clean()
        club, ward = cleaned.get("club"), cleaned.get("ward")
        if club is not None and ward is None:
            cleaned["ward"] = club.ward
        return cleaned

    def save(self, commit=True):
        data = self.cleaned_data
        try:
            return services.distribution_record(
                material=data["material"],
                quantity=data["quantity"],
                distributed_on=data["distributed_on"],
                ward=data["ward"],
                club=data.get("club"),
                channel=data["channel"],
                meeting=data.get("meeting"),
                activity=data.get("activity"),
                created_by=self.for_user,
            )
        except ValidationError as error:
            self._service_error = error
            raise


class DistributionCreateView(generic.CreateView):
    def save_instance(self):
        return self.form.save()

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
            return self.form_invalid(form)


class DistributionDeleteView(generic.DeleteView):
    def delete_action(self):
        services.distribution_delete(distribution=self.object)


class DistributionViewSet(ScopedModelViewSet):
    model = Distribution
    name = "outreach_distributions"
    url_prefix = "outreach/distributions"
    icon = "upload"
    menu_label = _("Distributions")
    add_view_class = DistributionCreateView
    delete_view_class = DistributionDeleteView
    edit_view_enabled = False
    list_display = ["distributed_on", "material", "quantity", "club", "ward", "channel"]
    list_export = [
        "distributed_on",
        "material",
        "quantity",
        "club",
        "ward",
        "get_channel_display",
        "activity",
    ]
    export_headings = {"get_channel_display": capfirst(_("channel"))}
    filterset_class = DistributionFilterSet
    search_fields = ["material__title_folded", "ward__name_folded", "club__name_folded"]
    form_fields = [
        "material",
        "quantity",
        "distributed_on",
        "club",
        "ward",
        "channel",
        "meeting",
        "activity",
    ]
    export_filename = "phat-tai-lieu"
    scope = staticmethod(_distribution_scope)

    edit_form_class = DistributionForm

    def get_urlpatterns(self):
        # A distribution is corrected by deleting it (the copies go back) and recording anew.
        return _refuse(super().get_urlpatterns(), names={"edit"})


def _panel_scope(queryset, user):
    return queryset.filter(pk__in=selectors.panels_for(user=user).values("pk"))


class PanelFilterSet(WagtailFilterSet):
    club = django_filters.ModelChoiceFilter(
        label=_("club"), queryset=lambda request: visible_clubs(user=request.user)
    )
    condition = django_filters.ChoiceFilter(label=_("condition"), choices=Panel.Condition.choices)
    inspection_overdue = django_filters.BooleanFilter(
        label=_("inspection overdue"), method="filter_overdue"
    )

    class Meta:
        model = Panel
        fields = []

    def filter_overdue(self, queryset, name, value):
        cutoff = timezone.localdate() - timezone.timedelta(days=Panel.INSPECT_EVERY_DAYS)
        late = (
            Q(last_inspected_on__lt=cutoff)
            | Q(last_inspected_on__isnull=True, installed_on__lt=cutoff)
        ) & ~Q(condition=Panel.Condition.REMOVED)
        if value is True:
            return queryset.filter(late)
        if value is False:
            return queryset.exclude(late)
        return queryset


class PanelViewSet(ScopedModelViewSet):
    model = Panel
    name = "outreach_panels"
    url_prefix = "outreach/panels"
    icon = "image"
    menu_label = _("Panels")
    list_display = [
        "place",
        "ward",
        "condition",
        "installed_on",
        "last_inspected_on",
        BooleanColumn("inspection_overdue", label=_("inspection overdue")),
    ]
    list_export = [
        "place",
        "ward",
        "club",
        "get_condition_display",
        "installed_on",
        "last_inspected_on",
        "inspection_overdue",
        "latitude",
        "longitude",
    ]
    export_headings = {
        "get_condition_display": capfirst(_("condition")),
        "inspection_overdue": capfirst(_("inspection overdue")),
    }
    filterset_class = PanelFilterSet
    search_fields = ["place_folded", "ward__name_folded"]
    form_fields = [
        "place",
        "ward",
        "club",
        "material",
        "latitude",
        "longitude",
        "photo",
        "installed_on",
        "condition",
        "last_inspected_on",
    ]
    export_filename = "pano"
    scope = staticmethod(_panel_scope)


# --- campaigns -----------------------------------------------------------------------------


def _campaign_scope(queryset, user):
    return queryset.filter(pk__in=selectors.campaigns_for(user=user).values("pk"))


class CampaignFilterSet(WagtailFilterSet):
    organiser = django_filters.ChoiceFilter(
        label=_("organiser"), choices=Campaign.Organiser.choices
    )
    theme = django_filters.ChoiceFilter(label=_("theme"), choices=Campaign.Theme.choices)

    class Meta:
        model = Campaign
        fields = []


class CampaignIndexView(ScopedIndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.add_url:
            buttons.append(
                HeaderButton(
                    _("30/7 campaign"), url=f"{self.add_url}?preset=30-7", icon_name="date"
                )
            )
        return buttons


class CampaignForm(ScopedForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CampaignCreateView(generic.CreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        if self.request.GET.get("preset") == "30-7":
            preset = services.campaign_national_day_preset(year=timezone.localdate().year)
            for name, value in preset.items():
                setattr(instance, name, str(value) if name in ("name", "description") else value)
        return instance


class CampaignViewSet(ScopedModelViewSet):
    model = Campaign
    name = "outreach_campaigns"
    url_prefix = "outreach/campaigns"
    icon = "pick"
    menu_label = _("Campaigns")
    index_view_class = CampaignIndexView
    add_view_class = CampaignCreateView
    inspect_view_enabled = True
    list_display = ["name", "organiser", "theme", "starts_on", "ends_on"]
    list_export = [
        "name",
        "get_organiser_display",
        "get_theme_display",
        "starts_on",
        "ends_on",
        "target_sessions",
        "target_attendances",
        "target_participants",
        "target_online_reach",
        "target_materials",
    ]
    export_headings = {
        "get_organiser_display": capfirst(_("organiser")),
        "get_theme_display": capfirst(_("theme")),
    }
    filterset_class = CampaignFilterSet
    search_fields = ["name_folded"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("organiser"), FieldPanel("theme")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("target_groups"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("target_sessions"), FieldPanel("target_attendances")]),
                FieldRowPanel(
                    [FieldPanel("target_participants"), FieldPanel("target_online_reach")]
                ),
                FieldPanel("target_materials"),
            ],
            heading=_("Targets"),
        ),
    ]
    export_filename = "chien-dich"
    scope = staticmethod(_campaign_scope)

    edit_form_class = CampaignForm


class ActivityFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label=_("campaign"),
        queryset=lambda request: selectors.campaigns_for(user=request.user),
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Activity.Kind.choices)
    held_on = django_filters.DateFromToRangeFilter(label=_("date"), widget=DateRangePickerWidget)

    class Meta:
        model = Activity
        fields = []


def _activity_scope(queryset, user):
    return queryset.filter(campaign__in=selectors.campaigns_for(user=user))


class ActivityViewSet(ScopedModelViewSet):
    model = Activity
    name = "outreach_activities"
    url_prefix = "outreach/activities"
    icon = "calendar-alt"
    menu_label = _("Campaign activities")
    list_display = [
        "held_on",
        "title",
        "campaign",
        "ward",
        "kind",
        Column("sessions", label=capfirst(_("sessions"))),
        Column("attendances", label=capfirst(_("attendances (lượt)"))),
        Column("unique_participants", label=capfirst(_("unique participants"))),
    ]
    list_export = [
        "held_on",
        "title",
        "campaign",
        "ward",
        "get_kind_display",
        "sessions",
        "attendances",
        "unique_participants",
        "reach_zalo",
        "reach_facebook",
    ]
    export_headings = {"get_kind_display": capfirst(_("kind"))}
    filterset_class = ActivityFilterSet
    search_fields = ["title_folded", "campaign__name_folded", "ward__name_folded"]
    panels = [
        FieldPanel("campaign"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("held_on"), FieldPanel("ward"), FieldPanel("kind")]),
        FieldRowPanel(
            [
                FieldPanel("sessions"),
                FieldPanel("attendances"),
                FieldPanel("unique_participants"),
            ]
        ),
        FieldRowPanel([FieldPanel("reach_zalo"), FieldPanel("reach_facebook")]),
        FieldPanel("communicators"),
        InlinePanel("photos", label=_("Photos")),
    ]
    export_filename = "hoat-dong-chien-dich"
    scope = staticmethod(_activity_scope)


class ImportLink(ViewSet):
    """The one import page (clubs admin), also offered in the Outreach menu."""

    name = "outreach_import"
    icon = "upload"
    menu_label = _("Import from Excel")

    def get_urlpatterns(self):
        return []

    @property
    def menu_url(self):
        return reverse("clubs_import:start")

    @cached_property
    def menu_item_class(self):
        from clubs import admin_views

        class ImportMenuItem(MenuItem):
            def is_shown(self, request):
                kinds = admin_views.allowed_kinds(request.user)
                return any(kind in kinds for kind in ("materials", "handouts", "activities"))

        return ImportMenuItem


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


class OutreachViewSetGroup(ModelViewSetGroup):
    """Materials, panels and campaigns."""

    menu_label = _("Outreach")
    menu_icon = "pick"
    menu_order = 270
    items = [
        CampaignViewSet,
        ActivityViewSet,
        MaterialViewSet,
        StockReceiptViewSet,
        DistributionViewSet,
        PanelViewSet,
        ImportLink,
    ]


def register_permission_policies() -> None:
    """Each model's admin permissions are its scoped policy (before the viewsets load)."""
    for group in (CasesViewSetGroup, OutreachViewSetGroup):
        for viewset in group.items:
            if not issubclass(viewset, ScopedModelViewSet):
                continue
            if viewset is AuditEntryViewSet:
                policy = ReadOnlyPolicy(AuditEntry)
            else:
                policy = ClubScopedPermissionPolicy(viewset.model, scope=viewset.scope)
            register_permission_policy(viewset.model, policy)


class ReportsViewSet(ViewSet):
    """The report dashboard and its Excel file, a top-level admin menu item."""

    name = "outreach_reports"
    url_prefix = "reports"
    icon = "table"
    menu_label = _("Reports")
    menu_icon = "table"
    menu_order = 150
    add_to_admin_menu = True

    def get_urlpatterns(self):
        from outreach import report_views

        return [
            path("", report_views.admin_dashboard, name="dashboard"),
            path("report.xlsx", report_views.admin_xlsx, name="xlsx"),
        ]

    @property
    def menu_url(self):
        return reverse(self.get_url_name("dashboard"))

    @cached_property
    def menu_item_class(self):
        from outreach.report_views import may_see_reports

        class ReportsMenuItem(MenuItem):
            def is_shown(self, request):
                return may_see_reports(request.user)

        return ReportsMenuItem
