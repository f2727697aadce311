"""Wagtail admin of campaigns: campaigns (with the 30/7 preset) and their activities, in one
"Campaigns" menu (with the import page for activity sheets).

Every write goes through ``outreach.campaigns.services`` (the ``ServiceViewSetMixin``), so
unique participants are never above attendances, whoever records the activity.
"""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from clubs.scoped_admin import (
    ImportLink,
    ScopedForm,
    ScopedIndexView,
    ScopedModelViewSet,
    ServiceCreateView,
    ServiceViewSetMixin,
    form_values,
    formset_objects,
)
from outreach.campaigns import selectors, services
from outreach.campaigns.models import Activity, Campaign, TargetGroup

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


class CampaignCreateView(ServiceCreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        if self.request.GET.get("preset") == "30-7":
            preset = services.campaign_national_day_preset(year=timezone.localdate().year)
            for name, value in preset.items():
                setattr(instance, name, str(value) if name in ("name", "description") else value)
        return instance


class CampaignViewSet(ServiceViewSetMixin, ScopedModelViewSet):
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

    def create_instance(self, *, form, request):
        return services.campaign_create(**form_values(form, services.CAMPAIGN_FIELDS))

    def update_instance(self, *, instance, form, request):
        return services.campaign_update(
            campaign=instance, **form_values(form, services.CAMPAIGN_FIELDS)
        )

    def delete_instance(self, *, instance, request):
        services.campaign_delete(campaign=instance)


# --- activities ----------------------------------------------------------------------------


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


class ActivityForm(ScopedForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "campaign" in self.fields:
            self.fields["campaign"].queryset = selectors.campaigns_for(user=for_user)


class ActivityViewSet(ServiceViewSetMixin, ScopedModelViewSet):
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

    edit_form_class = ActivityForm

    def _values(self, form) -> dict:
        return {
            **form_values(form, services.ACTIVITY_FIELDS),
            "communicators": form.cleaned_data.get("communicators", []),
            "photos": formset_objects(form, "photos", "image"),
        }

    def create_instance(self, *, form, request):
        return services.activity_create(created_by=request.user, **self._values(form))

    def update_instance(self, *, instance, form, request):
        return services.activity_update(activity=instance, **self._values(form))

    def delete_instance(self, *, instance, request):
        services.activity_delete(activity=instance)


class CampaignsImportLink(ImportLink):
    name = "outreach_campaigns_import"
    kinds = ("activities",)


class CampaignsViewSetGroup(ModelViewSetGroup):
    """Campaigns and their activities."""

    menu_label = _("Campaigns")
    menu_icon = "pick"
    menu_order = 270
    items = [CampaignViewSet, ActivityViewSet, CampaignsImportLink]
