"""The field form of materials handed out by a club (works offline, ``config.sync``)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.forms import DateField, not_future
from outreach.materials.models import Distribution, Material, Panel


class DistributionForm(forms.Form):
    material = forms.ModelChoiceField(label=_("Material"), queryset=None)
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    distributed_on = DateField(label=_("Date"), validators=[not_future])
    channel = forms.ChoiceField(label=_("Channel"), choices=Distribution.Channel.choices)
    meeting = forms.ModelChoiceField(label=_("At the meeting of"), queryset=None, required=False)
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, club, shell=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.club = club
        self.fields["material"].queryset = Material.objects.exclude(kind=Material.Kind.PANEL)
        if not shell:  # a kept copy's stock figure would go stale: the server checks it
            self.fields["material"].label_from_instance = lambda material: (
                _("%(title)s (%(stock)s in stock)")
                % {"title": material.title, "stock": material.stock}
            )
        since = timezone.localdate() - datetime.timedelta(days=92)
        self.fields["meeting"].queryset = club.meetings.filter(held_on__gte=since)
        self.fields["meeting"].label_from_instance = lambda meeting: (
            _("%(date)s · %(kind)s")
            % {"date": meeting.held_on.strftime("%d/%m/%Y"), "kind": meeting.get_kind_display()}
        )
        if not shell:
            self.initial.setdefault("distributed_on", timezone.localdate())
        else:  # a kept copy's "today" would be the day it was kept: the phone fills it in
            self.fields["distributed_on"].widget.attrs["data-today-if-empty"] = ""


class PanelInspectionForm(forms.Form):
    """What a club member found when looking at a panel: the day and its condition."""

    last_inspected_on = DateField(label=_("Inspected on"), validators=[not_future])
    condition = forms.ChoiceField(
        label=_("Condition"), choices=Panel.Condition.choices, widget=forms.RadioSelect
    )
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.initial.setdefault("last_inspected_on", timezone.localdate())
        self.initial.setdefault("condition", panel.condition)

    def clean_last_inspected_on(self):
        day = self.cleaned_data["last_inspected_on"]
        if day < self.panel.installed_on:
            raise forms.ValidationError(_("A panel cannot be inspected before it was installed."))
        return day

    def cleaned_data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("last_inspected_on", "condition")}
