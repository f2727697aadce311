"""The base of every app's Wagtail admin (clubs', and the outreach apps' on top of it).

- ``ScopedModelViewSet``: a listing, export and every object URL that go through the
  viewset's ``scope(queryset, user)`` (built on ``clubs.access.visible_clubs``); outside it
  an object is "not found". Listings search the stored ``*_folded`` columns with a folded
  query, so "hong gai" finds "Hồng Gai".
- ``ClubScopedPermissionPolicy``: model permissions narrowed to that scope and to the
  viewset's ``actions``; an action the admin does not offer on a model is refused to everyone
  (that is how a view is removed, never by rewriting URL patterns).
- ``ServiceViewSetMixin``: admin writes go through the owning app's services, like every
  other write; a service's refusal is an error on the form.
- ``ScopedForm``: club choices are the user's clubs. ``ImportLink``: the one import page in
  another app's menu.
"""

import datetime

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from clubs import admin_views
from clubs.access import is_board_or_coordinator, visible_clubs
from clubs.field import add_service_error
from config.text import fold_vi

# --- scoping -----------------------------------------------------------------------------


class ClubScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (staff groups, or ClubRole rows via ``clubs.backends``), narrowed
    to the records of the clubs the user may see, and to the *actions* the admin offers on
    this model at all (``None``: add, change, delete and view). An action outside *actions*
    is refused to everyone, superusers too: that is how a view is removed (receipts are never
    changed, audit rows only read), never by rewriting URL patterns."""

    def __init__(self, model, *, scope, actions=None):
        super().__init__(model)
        self.scope = scope
        self.actions = frozenset(actions) if actions is not None else None

    def _offered(self, action) -> bool:
        return self.actions is None or action in self.actions

    def user_has_permission(self, user, action):
        return self._offered(action) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        offered = [action for action in actions if self._offered(action)]
        if not offered:
            return get_user_model().objects.none()
        return super().users_with_any_permission(offered)

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


def register_permission_policies(viewsets) -> None:
    """Each model's admin permissions are its viewset's scoped policy (call from an app's
    ``wagtail_hooks`` before its viewsets are registered)."""
    for viewset in viewsets:
        if issubclass(viewset, ScopedModelViewSet):
            register_permission_policy(
                viewset.model,
                ClubScopedPermissionPolicy(
                    viewset.model, scope=viewset.scope, actions=viewset.actions
                ),
            )


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
        if self.sensitive_fields and not is_board_or_coordinator(user=request.user):
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
    # The actions the admin offers on this model (``ClubScopedPermissionPolicy``); None: all.
    actions: frozenset[str] | None = None
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


# --- writes through the services -----------------------------------------------------------


class ServiceCreateView(generic.CreateView):
    """An admin "add" view that writes through the owning app's service
    (``ServiceViewSetMixin.create_instance``); a service's refusal is a form error."""

    viewset = None

    def save_instance(self):
        instance = self.viewset.create_instance(form=self.form, request=self.request)
        log(
            instance=instance, action="wagtail.create", user=self.request.user, content_changed=True
        )
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            return _refused(self, form, error)


def _refused(view, form, error: ValidationError):
    """A service refused the write: its message on the form (on the field it names), the
    form as the user filled it in, nothing written (the view's transaction rolled back)."""
    add_service_error(form, error)
    view.produced_error_code = "validation_error"
    view.produced_error_message = view.get_error_message()
    return view.form_invalid(form)


class ServiceEditView(generic.EditView):
    """An admin "edit" view that writes through the owning app's service
    (``ServiceViewSetMixin.update_instance``); a service's refusal is a form error."""

    viewset = None

    def save_instance(self):
        instance = self.viewset.update_instance(
            instance=self.object, form=self.form, request=self.request
        )
        log(instance=instance, action="wagtail.edit", user=self.request.user, content_changed=True)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            return _refused(self, form, error)


class ServiceDeleteView(generic.DeleteView):
    """An admin "delete" view that removes through the owning app's service
    (``ServiceViewSetMixin.delete_instance``); a refusal is shown as a message."""

    viewset = None

    def delete_action(self):
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete", user=self.request.user)
            self.viewset.delete_instance(instance=self.object, request=self.request)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for message in error.messages:
                messages.error(self.request, message)
            return redirect(self.get_success_url())


class ServiceViewSetMixin:
    """Admin writes go through the app's services, never through the model form's ``save()``.

    A viewset names what each write calls; the form only validates and collects values
    (``form.cleaned_data``). Override what the viewset offers (``actions`` decides which):

    - ``create_instance(*, form, request)`` -> the new record;
    - ``update_instance(*, instance, form, request)`` -> the changed record;
    - ``delete_instance(*, instance, request)``.

    A ``ValidationError`` from a service comes back as errors on the form (or, for a delete,
    as a message), never as a server error.
    """

    add_view_class = ServiceCreateView
    edit_view_class = ServiceEditView
    delete_view_class = ServiceDeleteView

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(viewset=self, **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(viewset=self, **kwargs)

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(viewset=self, **kwargs)

    def create_instance(self, *, form, request):
        raise NotImplementedError(f"{type(self).__name__} has no create service")

    def update_instance(self, *, instance, form, request):
        raise NotImplementedError(f"{type(self).__name__} has no update service")

    def delete_instance(self, *, instance, request):
        raise NotImplementedError(f"{type(self).__name__} has no delete service")


def form_values(form, names) -> dict:
    """The cleaned values of *names* that the form has (what a service takes as keywords)."""
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


def formset_objects(form, name: str, field: str) -> list:
    """The *field* of every kept row of an inline formset, in the order shown (photos)."""
    rows = [
        row
        for row in form.formsets[name].forms
        if row.cleaned_data and not row.cleaned_data.get("DELETE")
    ]
    rows.sort(key=lambda row: row.cleaned_data.get("ORDER") or 0)
    return [row.cleaned_data[field] for row in rows if row.cleaned_data.get(field)]


class ScopedForm(WagtailAdminModelForm):
    """Admin forms: the club choices are the clubs the user may see."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "club" in self.fields:
            self.fields["club"].queryset = visible_clubs(user=for_user)


class ImportLink(ViewSet):
    """The one import page, offered in another app's menu for the sheets it registered
    (``clubs.imports.register_sheet``); shown to users who may import one of *kinds*.
    Subclasses set ``name`` and ``kinds``."""

    icon = "upload"
    menu_label = _("Import from Excel")
    kinds: tuple[str, ...] = ()

    def get_urlpatterns(self):
        return []

    @property
    def menu_url(self):
        return reverse("clubs_import:start")

    @cached_property
    def menu_item_class(self):
        kinds = self.kinds

        class ImportMenuItem(MenuItem):
            def is_shown(self, request):
                allowed = admin_views.allowed_kinds(request.user)
                return any(kind in allowed for kind in kinds)

        return ImportMenuItem
