"""Wagtail admin for the clubs app: wards, clubs, club roles, members, meetings, imports.

Every viewset here is a ``clubs.scoped_admin.ScopedModelViewSet``: its listing (and so its
CSV/XLSX export) starts from ``scope(queryset, user)``, built on
``clubs.access.visible_clubs``, and every URL that names an object (edit, delete, history,
usage, inspect) answers 404 when that object is outside the user's scope. Listings search
the stored ``*_folded`` columns with a folded query, so "hong gai" finds "Hồng Gai".
Members' phones and sensitive categories are left out of columns and exports for anyone who
may not see them. Every write goes through ``clubs.services`` (``ServiceViewSetMixin``), as
the field app's and the imports' do.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSetGroup

from clubs import admin_views, services
from clubs.access import is_board_or_coordinator, is_coordinator, visible_clubs
from clubs.models import Club, ClubRole, Meeting, Member, Ward
from clubs.scoped_admin import (
    ScopedIndexView,
    ScopedModelViewSet,
    ServiceViewSetMixin,
    form_values,
)
from clubs.selectors import with_meeting_counts


def _visible_wards(request):
    if request is None:
        return Ward.objects.none()
    return Ward.objects.filter(clubs__in=visible_clubs(user=request.user)).distinct()


def _visible_clubs(request):
    return visible_clubs(user=request.user) if request else Club.objects.none()


# --- wards -------------------------------------------------------------------------------


class WardFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Ward.Kind.choices)
    current = django_filters.BooleanFilter(
        label=_("in force"), field_name="valid_to", lookup_expr="isnull"
    )

    class Meta:
        model = Ward
        fields = []


class WardViewSet(ServiceViewSetMixin, ScopedModelViewSet):
    model = Ward
    name = "clubs_wards"
    url_prefix = "clubs/wards"
    icon = "site"
    menu_label = _("Administrative units")
    add_to_admin_menu = False
    list_display = ["name", "kind", "code", "parent", "valid_from", "valid_to"]
    list_export = ["name", "kind", "code", "parent", "valid_from", "valid_to", "legal_act"]
    filterset_class = WardFilterSet
    search_fields = ["name_folded", "code"]
    form_fields = ["code", "name", "kind", "parent", "valid_from", "valid_to", "legal_act"]
    export_filename = "don-vi-hanh-chinh"

    @staticmethod
    def scope(queryset, user):
        """Administrative units are public reference data."""
        return queryset

    def create_instance(self, *, form, request):
        return services.ward_save(**form_values(form, self.form_fields))

    def update_instance(self, *, instance, form, request):
        return services.ward_save(ward=instance, **form_values(form, self.form_fields))

    def delete_instance(self, *, instance, request):
        services.ward_delete(ward=instance)


# --- clubs and roles ---------------------------------------------------------------------


class ClubFilterSet(WagtailFilterSet):
    ward = django_filters.ModelChoiceFilter(label=_("ward"), queryset=_visible_wards)
    status = django_filters.ChoiceFilter(label=_("status"), choices=Club.Status.choices)

    class Meta:
        model = Club
        fields = []


class ClubViewSet(ServiceViewSetMixin, ScopedModelViewSet):
    model = Club
    name = "clubs_clubs"
    url_prefix = "clubs/clubs"
    icon = "group"
    menu_label = _("Clubs")
    list_display = ["name", "ward", "founded_on", "status"]
    list_export = ["name", "ward", "founded_on", "status"]
    filterset_class = ClubFilterSet
    search_fields = ["name_folded", "ward__name_folded"]
    form_fields = ["name", "ward", "founded_on", "status"]
    export_filename = "cau-lac-bo"

    @staticmethod
    def scope(queryset, user):
        return queryset.filter(pk__in=visible_clubs(user=user))

    def create_instance(self, *, form, request):
        return services.club_save(**form_values(form, self.form_fields))

    def update_instance(self, *, instance, form, request):
        return services.club_save(club=instance, **form_values(form, self.form_fields))

    def delete_instance(self, *, instance, request):
        services.club_delete(club=instance)


class ClubRoleFilterSet(WagtailFilterSet):
    """Roles by club and kind."""

    club = django_filters.ModelChoiceFilter(label=_("club"), queryset=_visible_clubs)
    role = django_filters.ChoiceFilter(label=_("role"), choices=ClubRole.Role.choices)

    class Meta:
        model = ClubRole
        fields = []


class ClubRoleViewSet(ServiceViewSetMixin, ScopedModelViewSet):
    """Who may use the field app for which club. Coordinators only (staff permissions)."""

    model = ClubRole
    name = "clubs_roles"
    url_prefix = "clubs/roles"
    icon = "key"
    menu_label = _("Club roles")
    list_display = ["user", "club", "role"]
    list_export = ["user", "club", "role"]
    filterset_class = ClubRoleFilterSet
    search_fields = ["user__username", "club__name_folded"]
    form_fields = ["user", "club", "role"]
    export_filename = "vai-tro-clb"

    def create_instance(self, *, form, request):
        return services.role_save(**form_values(form, self.form_fields))

    def update_instance(self, *, instance, form, request):
        return services.role_save(role=instance, **form_values(form, self.form_fields))

    def delete_instance(self, *, instance, request):
        services.role_delete(role=instance)


# --- members -----------------------------------------------------------------------------


class ClubRecordFilterSet(WagtailFilterSet):
    """Ward and club filters of a club's records; choices are the user's clubs only."""

    ward = django_filters.ModelChoiceFilter(
        label=_("ward"), field_name="club__ward", queryset=_visible_wards
    )
    club = django_filters.ModelChoiceFilter(label=_("club"), queryset=_visible_clubs)


class MemberFilterSet(ClubRecordFilterSet):
    category = django_filters.ChoiceFilter(label=_("category"), choices=Member.Category.choices)

    class Meta:
        model = Member
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and not is_board_or_coordinator(user=request.user):
            del self.filters["category"]


class MemberIndexView(ScopedIndexView):
    sensitive_fields = ("category", "get_category_display", "phone")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("club")


class MemberViewSet(ServiceViewSetMixin, ScopedModelViewSet):
    model = Member
    name = "clubs_members"
    url_prefix = "clubs/members"
    icon = "user"
    menu_label = _("Members")
    index_view_class = MemberIndexView
    list_display = [
        "full_name",
        "club",
        Column("category", label=capfirst(_("category")), accessor="get_category_display"),
        "phone",
    ]
    list_export = ["full_name", "club", "get_category_display", "phone", "residential_area"]
    export_headings = {"get_category_display": capfirst(_("category"))}
    filterset_class = MemberFilterSet
    search_fields = ["full_name_folded", "phone"]
    panels = [
        FieldPanel("club"),
        FieldPanel("full_name"),
        FieldPanel("category"),
        FieldPanel("phone"),
        FieldPanel("residential_area"),
        InlinePanel("memberships", label=_("Memberships"), min_num=1),
    ]
    export_filename = "thanh-vien"
    person_fields = ["full_name", "category", "phone", "residential_area"]

    def create_instance(self, *, form, request):
        periods = _membership_periods(form)
        first = min(periods, key=lambda period: period["joined_on"])
        member = services.member_create(
            club=form.cleaned_data["club"],
            created_by=request.user,
            board_role=first["board_role"],
            joined_on=first["joined_on"],
            **form_values(form, self.person_fields),
        )
        services.memberships_set(member=member, periods=periods)
        return member

    def update_instance(self, *, instance, form, request):
        instance.club = form.cleaned_data["club"]
        member = services.member_update(member=instance, **form_values(form, self.person_fields))
        services.memberships_set(member=member, periods=_membership_periods(form))
        return member

    def delete_instance(self, *, instance, request):
        services.member_delete(member=instance)


def _membership_periods(form) -> list[dict]:
    """The kept rows of the admin's inline membership periods, as ``memberships_set`` takes."""
    periods = []
    for row in form.formsets["memberships"].forms:
        data = row.cleaned_data
        if not data or data.get("DELETE"):
            continue
        periods.append(
            {
                "id": data["id"].pk if data.get("id") else None,
                "board_role": data["board_role"],
                "joined_on": data["joined_on"],
                "left_on": data.get("left_on"),
            }
        )
    return periods


# --- meetings ----------------------------------------------------------------------------


class MeetingFilterSet(ClubRecordFilterSet):
    held_on = django_filters.DateFromToRangeFilter(label=_("date"), widget=DateRangePickerWidget)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Meeting.Kind.choices)

    class Meta:
        model = Meeting
        fields = []


class MeetingIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return with_meeting_counts(super().get_base_queryset().select_related("club"))


class MeetingViewSet(ServiceViewSetMixin, ScopedModelViewSet):
    model = Meeting
    name = "clubs_meetings"
    url_prefix = "clubs/meetings"
    icon = "date"
    menu_label = _("Meetings")
    index_view_class = MeetingIndexView
    list_display = [
        "held_on",
        "club",
        "kind",
        Column("present_count", label=capfirst(_("present"))),
        Column("absent_count", label=capfirst(_("absent"))),
        Column("photo_count", label=capfirst(_("photos"))),
    ]
    list_export = [
        "held_on",
        "club",
        "get_kind_display",
        "topics",
        "place",
        "guests_count",
        "present_count",
        "absent_count",
        "materials",
    ]
    export_headings = {
        "get_kind_display": capfirst(_("kind")),
        "present_count": capfirst(_("present")),
        "absent_count": capfirst(_("absent")),
    }
    filterset_class = MeetingFilterSet
    search_fields = ["club__name_folded", "club__ward__name_folded"]
    form_fields = [
        "club",
        "held_on",
        "kind",
        "topics",
        "place",
        "guests_count",
        "materials",
        "minutes",
    ]
    export_filename = "buoi-sinh-hoat"

    def create_instance(self, *, form, request):
        """A meeting recorded afterwards in the admin: no attendance was taken here."""
        values = form_values(form, self.form_fields)
        return services.meeting_create(created_by=request.user, present_member_ids=None, **values)

    def update_instance(self, *, instance, form, request):
        """The admin corrects the details and leaves the attendance as the phone recorded it;
        board members within the seven days as on the phone, coordinators at any time."""
        values = form_values(form, self.form_fields)
        if values.pop("club").pk != Meeting.objects.values_list("club", flat=True).get(
            pk=instance.pk
        ):
            raise ValidationError(
                {"club": _("A meeting stays with its club: delete it and log it for the other.")}
            )
        return services.meeting_update(
            meeting=instance,
            version=instance.version,
            present_member_ids=None,
            any_time=is_coordinator(request.user),
            **values,
        )

    def delete_instance(self, *, instance, request):
        services.meeting_delete(meeting=instance)


class ImportViewSet(ViewSet):
    """The import page (``clubs.admin_views``) as an item of the Clubs menu."""

    name = "clubs_import"
    url_prefix = "clubs/import"
    icon = "upload"
    menu_label = _("Import from Excel")
    menu_icon = "upload"

    def get_urlpatterns(self):
        return [
            path("", admin_views.import_start, name="start"),
            path("<int:pk>/", admin_views.import_status, name="status"),
            path("<int:pk>/confirm/", admin_views.import_confirm, name="confirm"),
            path("template/<str:kind>.xlsx", admin_views.import_template, name="template"),
        ]

    @property
    def menu_url(self):
        return reverse(self.get_url_name("start"))

    @cached_property
    def menu_item_class(self):
        class ImportMenuItem(MenuItem):
            def is_shown(self, request):
                return bool(admin_views.allowed_kinds(request.user))

        return ImportMenuItem


class ClubsViewSetGroup(ModelViewSetGroup):
    """One "Clubs" menu for everything in this app."""

    menu_label = _("Clubs")
    menu_icon = "group"
    menu_order = 250
    items = [
        ClubViewSet,
        MemberViewSet,
        MeetingViewSet,
        ImportViewSet,
        WardViewSet,
        ClubRoleViewSet,
    ]
