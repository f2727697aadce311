"""Wagtail admin of materials: the list of materials, stock received, copies handed out and
panels, in one "Materials and panels" menu (with the import page for material and handout sheets).

Every write goes through ``outreach.materials.services`` (the ``ServiceViewSetMixin``): the
stock moves only with receipts and distributions, never below zero, and a refusal ("only 12
copies left", "a meeting of another club") is a message on the form. What the admin offers
at all is each viewset's ``actions`` (its permission policy): receipts are never changed or
removed (the stock would no longer add up); a distribution is corrected by deleting it (the
copies go back) and recording it anew.
"""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup

from clubs.access import visible_clubs
from clubs.models import Meeting
from clubs.scoped_admin import (
    ImportLink,
    ScopedForm,
    ScopedModelViewSet,
    ServiceViewSetMixin,
    form_values,
)
from outreach.campaigns.models import Activity
from outreach.campaigns.selectors import campaigns_for
from outreach.materials import selectors, services
from outreach.materials.models import Distribution, Material, Panel, StockReceipt

# --- materials and stock -------------------------------------------------------------------


class MaterialFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Material.Kind.choices)
    language = django_filters.ChoiceFilter(label=_("language"), choices=Material.Language.choices)

    class Meta:
        model = Material
        fields = []


class MaterialViewSet(ServiceViewSetMixin, ScopedModelViewSet):
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

    def create_instance(self, *, form, request):
        return services.material_create(**form_values(form, self.form_fields))

    def update_instance(self, *, instance, form, request):
        return services.material_update(material=instance, **form_values(form, self.form_fields))

    def delete_instance(self, *, instance, request):
        services.material_delete(material=instance)


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


class StockReceiptViewSet(ServiceViewSetMixin, ScopedModelViewSet):
    model = StockReceipt
    name = "outreach_stock"
    url_prefix = "outreach/stock"
    icon = "download"
    menu_label = _("Stock received")
    # Receipts are never changed or removed: the stock would no longer add up.
    actions = frozenset({"add", "view"})
    list_display = ["material", "quantity", "received_on", "source"]
    list_export = ["material", "quantity", "received_on", "source"]
    filterset_class = StockReceiptFilterSet
    search_fields = ["material__title_folded"]
    form_fields = ["material", "quantity", "received_on", "source"]
    export_filename = "nhap-kho"

    @staticmethod
    def scope(queryset, user):
        return queryset

    def create_instance(self, *, form, request):
        return services.material_receive(**form_values(form, self.form_fields), user=request.user)


# --- distributions -------------------------------------------------------------------------


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
    """Materials handed out, from a PC: the meetings offered are those of the user's clubs,
    the activities those of the campaigns the user sees; panel designs are not handed out."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "meeting" in self.fields:
            self.fields["meeting"].queryset = Meeting.objects.filter(
                club__in=visible_clubs(user=for_user)
            ).select_related("club")
        if "activity" in self.fields:
            self.fields["activity"].queryset = Activity.objects.filter(
                campaign__in=campaigns_for(user=for_user)
            )
        if "material" in self.fields:
            self.fields["material"].queryset = Material.objects.exclude(kind=Material.Kind.PANEL)
        if "ward" in self.fields:
            # The service takes the club's ward when none is chosen.
            self.fields["ward"].required = False
            self.fields["ward"].help_text = _("Leave empty for the ward of the club.")


class DistributionViewSet(ServiceViewSetMixin, ScopedModelViewSet):
    model = Distribution
    name = "outreach_distributions"
    url_prefix = "outreach/distributions"
    icon = "upload"
    menu_label = _("Distributions")
    # Corrected by deleting (the copies go back into stock) and recording anew.
    actions = frozenset({"add", "delete", "view"})
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

    def create_instance(self, *, form, request):
        return services.distribution_record(
            **form_values(form, self.form_fields), created_by=request.user
        )

    def delete_instance(self, *, instance, request):
        services.distribution_delete(distribution=instance)


# --- panels --------------------------------------------------------------------------------


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


class PanelForm(ScopedForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "material" in self.fields:
            self.fields["material"].queryset = Material.objects.filter(kind=Material.Kind.PANEL)


class PanelViewSet(ServiceViewSetMixin, ScopedModelViewSet):
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
    form_fields = list(services.PANEL_FIELDS)
    export_filename = "pano"
    scope = staticmethod(_panel_scope)

    edit_form_class = PanelForm

    def create_instance(self, *, form, request):
        return services.panel_create(**form_values(form, self.form_fields))

    def update_instance(self, *, instance, form, request):
        return services.panel_update(panel=instance, **form_values(form, self.form_fields))

    def delete_instance(self, *, instance, request):
        services.panel_delete(panel=instance)


class MaterialsImportLink(ImportLink):
    name = "outreach_materials_import"
    kinds = ("materials", "handouts")


class MaterialsViewSetGroup(ModelViewSetGroup):
    """Materials, stock, handouts and panels."""

    menu_label = _("Materials and panels")
    menu_icon = "doc-full"
    menu_order = 275
    items = [
        MaterialViewSet,
        StockReceiptViewSet,
        DistributionViewSet,
        PanelViewSet,
        MaterialsImportLink,
    ]
