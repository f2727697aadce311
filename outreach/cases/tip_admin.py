"""Wagtail admin of anonymous tips: a scoped listing (new ones marked), an inspect view that
audits each view, and the coordinators' two actions, "turn into a case" and "close with a
reason", each behind a confirmation page.

Scope: ``outreach.cases.tips.scope_to_tips`` (built on ``clubs.access.visible_clubs``); any
tip URL outside it is 404, as in every scoped viewset. The actions are 404 for anyone but
coordinators. Tips are only read here (the permission policy offers "view" alone: no add,
edit, delete), and there is no export.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from clubs.access import is_coordinator
from clubs.models import Club
from clubs.scoped_admin import ScopedIndexView, ScopedModelViewSet
from outreach.cases import tips
from outreach.cases.audit import Actor
from outreach.cases.models import Case, Tip


def _tip_scope(queryset, user):
    return tips.scope_to_tips(queryset, user=user)


class TipFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=Tip.Status.choices)
    new = django_filters.BooleanFilter(label=_("new"), field_name="viewed_at", lookup_expr="isnull")
    received_on = django_filters.DateFromToRangeFilter(
        label=_("received on"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Tip
        fields = []


class TipIndexView(ScopedIndexView):
    """The listing: one audit row per request; no export (tips are not for spreadsheets)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        tips.tip_list_audited(actor=Actor.from_request(request))
        return response

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("ward")


class TipInspectView(generic.InspectView):
    """One tip, decrypted for the people allowed to see it; the first view ends "new"."""

    fields = [
        "code",
        "ward",
        "when",
        "received_on",
        "text",
        "contact",
        "may_contact",
        "status",
        "closed_reason",
        "handled_on",
        "case",
    ]

    def get(self, request, *args, **kwargs):
        tips.tip_mark_viewed(tip=self.object, actor=Actor.from_request(request))
        return super().get(request, *args, **kwargs)

    def get_ward_display_value(self):
        return self.object.ward.name if self.object.ward else _("Another place / I don't know")

    def get_may_contact_display_value(self):
        return _("yes") if self.object.may_contact else _("no")

    @property
    def header_more_buttons(self):
        if not is_coordinator(self.request.user) or self.object.status != Tip.Status.OPEN:
            return []
        return [
            HeaderButton(
                _("Turn into a case"),
                url=reverse("outreach_tips:convert", args=[self.object.pk]),
                icon_name="warning",
            ),
            HeaderButton(
                _("Close"),
                url=reverse("outreach_tips:close", args=[self.object.pk]),
                icon_name="cross",
            ),
        ]


class TipConvertForm(forms.Form):
    club = forms.ModelChoiceField(label=_("Club that follows the person up"), queryset=None)
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=Case.TargetGroup.choices, initial="at_risk"
    )

    def __init__(self, *args, tip: Tip, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["club"].queryset = Club.objects.select_related("ward")
        suggested = tips.tip_clubs(tip=tip).first()
        if suggested is not None:
            self.fields["club"].initial = suggested.pk


class TipCloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: not about trafficking, a repeat of another tip, spam. "
            "No names or phone numbers here: this is not encrypted."
        ),
    )


def _open_tip_for_coordinator(request, pk) -> Tip:
    """The scope guard already answered 404 outside the user's tips; the actions are for
    coordinators only (404 for others too)."""
    if not is_coordinator(request.user):
        raise Http404
    return get_object_or_404(Tip, pk=pk)


def _render(request, template, tip, form, title):
    return TemplateResponse(
        request,
        template,
        {
            "tip": tip,
            "form": form,
            "page_title": title,
            "header_title": title,
            "inspect_url": reverse("outreach_tips:inspect", args=[tip.pk]),
        },
    )


def tip_convert(request, pk):
    tip = _open_tip_for_coordinator(request, pk)
    if tip.status != Tip.Status.OPEN:
        messages.error(request, _("This tip was already handled."))
        return redirect("outreach_tips:inspect", tip.pk)
    form = TipConvertForm(request.POST or None, tip=tip)
    if request.method == "POST" and form.is_valid():
        try:
            case = tips.tip_convert_to_case(
                tip=tip,
                club=form.cleaned_data["club"],
                target_group=form.cleaned_data["target_group"],
                actor=Actor.from_request(request),
            )
        except tips.TipAlreadyHandled:  # another coordinator was quicker
            messages.error(request, _("This tip was already handled."))
            return redirect("outreach_tips:inspect", tip.pk)
        messages.success(
            request,
            _("Tip %(tip)s is now the at-risk person %(case)s.") % {"tip": tip, "case": case},
        )
        return redirect("outreach_cases:edit", case.pk)
    return _render(request, "cases/admin/tip_convert.html", tip, form, _("Turn into a case"))


def tip_close(request, pk):
    tip = _open_tip_for_coordinator(request, pk)
    if tip.status != Tip.Status.OPEN:
        messages.error(request, _("This tip was already handled."))
        return redirect("outreach_tips:inspect", tip.pk)
    form = TipCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor = Actor.from_request(request)
        try:
            tips.tip_close(tip=tip, reason=form.cleaned_data["reason"], actor=actor)
        except tips.TipAlreadyHandled:
            messages.error(request, _("This tip was already handled."))
            return redirect("outreach_tips:inspect", tip.pk)
        messages.success(request, _("Tip %(tip)s was closed.") % {"tip": tip})
        return redirect("outreach_tips:index")
    return _render(request, "cases/admin/tip_close.html", tip, form, _("Close the tip"))


class TipViewSet(ScopedModelViewSet):
    model = Tip
    name = "outreach_tips"
    url_prefix = "outreach/tips"
    icon = "mail"
    menu_label = _("Anonymous tips")
    index_view_class = TipIndexView
    inspect_view_class = TipInspectView
    inspect_view_enabled = True
    actions = frozenset({"view"})
    list_display = [
        "code",
        BooleanColumn("is_new", label=_("new")),
        "ward",
        "when",
        "received_on",
        "status",
    ]
    list_export = []
    filterset_class = TipFilterSet
    search_fields = ["code"]
    form_fields = []
    scope = staticmethod(_tip_scope)

    def get_urlpatterns(self):
        """The coordinators' two actions besides Wagtail's views; every URL that names a tip
        goes through the scope guard (404 outside it)."""
        return super().get_urlpatterns() + [
            path("<str:pk>/convert/", self._guard(tip_convert), name="convert"),
            path("<str:pk>/close/", self._guard(tip_close), name="close"),
        ]
