"""Wagtail admin for the clubs app: wards, clubs, club roles, members, meetings, imports.

Every viewset here is a ``ScopedModelViewSet``: its listing (and so its CSV/XLSX export)
starts from ``scope(queryset, user)``, built on ``clubs.access.visible_clubs``, and every
URL that names an object (edit, delete, history, usage, inspect) answers 404 when that
object is outside the user's scope. Listings search the stored ``*_folded`` columns with
a folded query, so "hong gai" finds "Hồng Gai". Members' phones and sensitive categories
are left out of columns and exports for anyone who may not see them.
"""

import datetime

import django_filters
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from clubs import admin_views
from clubs.access import can_see_sensitive_members, visible_clubs
from clubs.models import Club, ClubRole, Meeting, Member, Ward
from clubs.selectors import with_meeting_counts
from config.text import fold_vi

# --- scoping -----------------------------------------------------------------------------


class ClubScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (staff groups, or ClubRole rows via ``clubs.backends``), narrowed
    to the records of the clubs the user may see."""

    def __init__(self, model, *, scope):
        super().__init__(model)
        self.scope = scope

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            self.scope(self.model._default_manager.filter(pk=instance.pk), user).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(self.model._default_manager.all(), user)


class ScopedIndexView(generic.IndexView):
    """A listing that starts from the user's scope and searches folded text."""

    scope = None
    # Columns and export fields only for those who may see sensitive member data.
    sensitive_fields: tuple[str, ...] = ()
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        # Dates as people here write them, in CSV and in XLSX text.
        datetime.date: {
            "csv": lambda value: value.strftime("%d/%m/%Y"),
            "xlsx": lambda value: value.strftime("%d/%m/%Y"),
        },
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.sensitive_fields and not can_see_sensitive_members(user=request.user):
            hidden = set(self.sensitive_fields)
            self.list_display = [
                column
                for column in self.list_display
                if getattr(column, "name", column) not in hidden
            ]
            self.list_export = [field for field in self.list_export if field not in hidden]

    def get_base_queryset(self):
        return self.scope(super().get_base_queryset(), self.request.user)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        term = fold_vi(self.search_query)
        query = Q()
        for field in self.search_fields or []:
            query |= Q(**{f"{field}__icontains": term})
        return queryset.filter(query)


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose listing, export and object URLs all go through ``scope``."""

    index_view_class = ScopedIndexView
    copy_view_enabled = False
    search_backend_name = None  # plain database filtering on the folded columns
    export_filename_base = "safeward"

    @staticmethod
    def scope(queryset, user):
        """The part of *queryset* that *user* may see (override)."""
        return queryset.filter(club__in=visible_clubs(user=user))

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(scope=self.scope, **kwargs)

    def get_edit_handler(self):
        """Panels (or form fields) on ``edit_form_class`` (``ScopedForm``: scoped clubs)."""
        panels = getattr(self, "panels", None) or [FieldPanel(name) for name in self.form_fields]
        form_class = getattr(self, "edit_form_class", None) or ScopedForm
        return ObjectList(panels, base_form_class=form_class).bind_to_model(self.model)

    def get_urlpatterns(self):
        """Wrap every URL that takes a ``pk``: outside the user's scope it is a 404."""
        patterns = []
        for pattern in super().get_urlpatterns():
            if "pk" in getattr(pattern.pattern, "converters", {}):
                pattern = path(
                    str(pattern.pattern), self._guard(pattern.callback), name=pattern.name
                )
            # Members' and at-risk people's forms: never in an error report.
            pattern.callback = sensitive_post_parameters()(pattern.callback)
            patterns.append(pattern)
        return patterns

    def _guard(self, view):
        def guarded(request, *args, **kwargs):
            pk = unquote(str(kwargs["pk"]))
            visible = self.scope(self.model._default_manager.all(), request.user)
            if not visible.filter(pk=pk).exists():
                raise Http404
            return view(request, *args, **kwargs)

        return guarded


def _visible_wards(request):
    if request is None:
        return Ward.objects.none()
    return Ward.objects.filter(clubs__in=visible_clubs(user=request.user)).distinct()


def _visible_clubs(request):
    return visible_clubs(user=request.user) if request else Club.objects.none()


class ScopedForm(WagtailAdminModelForm):
    """Admin forms: the club choices are the clubs the user may see."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "club" in self.fields:
            self.fields["club"].queryset = visible_clubs(user=for_user)


# --- wards -------------------------------------------------------------------------------


class WardFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Ward.Kind.choices)
    current = django_filters.BooleanFilter(
        label=_("in force"), field_name="valid_to", lookup_expr="isnull"
    )

    class Meta:
        model = Ward
        fields = []


class WardViewSet(ScopedModelViewSet):
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


# --- clubs and roles ---------------------------------------------------------------------


class ClubFilterSet(WagtailFilterSet):
    ward = django_filters.ModelChoiceFilter(label=_("ward"), queryset=_visible_wards)
    status = django_filters.ChoiceFilter(label=_("status"), choices=Club.Status.choices)

    class Meta:
        model = Club
        fields = []


class ClubViewSet(ScopedModelViewSet):
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


class ClubRoleFilterSet(WagtailFilterSet):
    """Roles by club and kind."""

    club = django_filters.ModelChoiceFilter(label=_("club"), queryset=_visible_clubs)
    role = django_filters.ChoiceFilter(label=_("role"), choices=ClubRole.Role.choices)

    class Meta:
        model = ClubRole
        fields = []


class ClubRoleViewSet(ScopedModelViewSet):
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
        if request is not None and not can_see_sensitive_members(user=request.user):
            del self.filters["category"]


class MemberIndexView(ScopedIndexView):
    sensitive_fields = ("category", "get_category_display", "phone")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("club")


class MemberViewSet(ScopedModelViewSet):
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


class MeetingViewSet(ScopedModelViewSet):
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

    @classmethod
    def register_permission_policies(cls) -> None:
        """Each model's admin permissions are its scoped policy (before the viewsets load)."""
        for viewset in cls.items:
            if not issubclass(viewset, ScopedModelViewSet):
                continue
            register_permission_policy(
                viewset.model, ClubScopedPermissionPolicy(viewset.model, scope=viewset.scope)
            )
