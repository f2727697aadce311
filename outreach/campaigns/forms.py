"""The field form of a campaign activity (works offline, ``config.sync``)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.forms import DateField, not_future
from clubs.models import Ward
from outreach.campaigns.models import Activity


class ActivityForm(forms.ModelForm):
    """A campaign activity, from a phone or a PC."""

    held_on = DateField(label=_("Date"), validators=[not_future])
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Activity
        fields = ["title", "held_on", "ward", "kind", *Activity.FIGURES]
        widgets = {
            name: forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})
            for name in Activity.FIGURES
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["ward"].queryset = Ward.objects.filter(
            kind__in=[Ward.Kind.WARD, Ward.Kind.COMMUNE, Ward.Kind.SPECIAL_ZONE]
        ).order_by("valid_to", "name_folded")
        self.initial.setdefault("held_on", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        error = Activity.participants_error(
            attendances=cleaned.get("attendances"),
            unique_participants=cleaned.get("unique_participants"),
        )
        if error:
            self.add_error("unique_participants", error)
        return cleaned

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
