"""The audit trail in the Wagtail admin: coordinators read it (searching it is audited too);
nobody adds, changes or deletes a row (the permission policy offers "view" alone)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from clubs.access import is_coordinator
from clubs.scoped_admin import ScopedIndexView, ScopedModelViewSet
from outreach.cases.audit import audit_request
from outreach.cases.models import AuditEntry


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
    """Coordinators read the audit trail; nobody adds, changes or deletes a row here."""

    model = AuditEntry
    name = "outreach_audit"
    url_prefix = "outreach/audit"
    icon = "list-ul"
    menu_label = _("Audit trail")
    actions = frozenset({"view"})
    index_view_class = AuditIndexView
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
