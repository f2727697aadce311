"""Field-app forms of the outreach app: plain Django forms that work without JavaScript and
through the offline outbox (``config.sync``)."""

import datetime
import re

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.forms import DateInput
from clubs.models import Ward
from clubs.selectors import club_roster
from clubs.validators import normalize_phone, validate_vietnamese_phone
from outreach.models import (
    Activity,
    Agency,
    Case,
    Consent,
    Distribution,
    FollowUp,
    Material,
    Referral,
    RiskFactor,
    SupportType,
)

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
ID_NUMBER = re.compile(r"^\d{12}$")


class DateField(forms.DateField):
    """dd/mm/yyyy, with the number pad."""

    widget = DateInput

    def __init__(self, **kwargs):
        super().__init__(input_formats=DATE_FORMATS, **kwargs)


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date cannot be in the future."))


def _checkboxes(choices, label, **kwargs):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


def clean_id_number(value: str) -> str:
    digits = re.sub(r"\s", "", value or "")
    if digits and not ID_NUMBER.match(digits):
        raise forms.ValidationError(_("A citizen ID number has 12 digits."))
    return digits


class CaseForm(forms.Form):
    """Flag a person at risk. Only the code is shown outside this record; all the personal
    fields are optional and stored encrypted."""

    full_name = forms.CharField(
        label=_("Full name"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    id_number = forms.CharField(
        label=_("ID number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=1900,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Case.Sex.choices, required=False)
    ethnicity = forms.CharField(label=_("Ethnicity"), required=False, max_length=40)
    target_group = forms.ChoiceField(label=_("Target group"), choices=Case.TargetGroup.choices)
    risk_factors = _checkboxes(RiskFactor.choices, _("Risk factors"))
    legal_status = forms.ChoiceField(
        label=_("Legal status"),
        choices=Case.LegalStatus.choices,
        required=False,
        help_text=_("Only a competent authority decides that a person is a victim."),
    )
    legal_status_authority = forms.CharField(
        label=_("Deciding authority"), required=False, max_length=200
    )
    legal_status_document = forms.CharField(
        label=_("Decision document"), required=False, max_length=200
    )
    consents = _checkboxes(
        Consent.Purpose.choices,
        _("The person consents to"),
        help_text=_("Ask for each purpose separately; it can be withdrawn at any time."),
    )
    assigned_member = forms.ModelChoiceField(
        label=_("Assigned member"), queryset=None, required=False
    )
    next_follow_up_on = DateField(label=_("Next follow-up due"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, club, shell=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.club = club
        if shell:
            # The copy kept on the phone names no one: no member list to assign from.
            del self.fields["assigned_member"]
        else:
            self.fields["assigned_member"].queryset = club_roster(club=club)
        self.fields["birth_year"].validators.append(MaxValueValidator(timezone.localdate().year))

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data["phone"])
        validate_vietnamese_phone(phone)
        return phone

    def clean_id_number(self):
        return clean_id_number(self.cleaned_data["id_number"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("legal_status") == Case.LegalStatus.VICTIM:
            for name in ("legal_status_authority", "legal_status_document"):
                if not cleaned.get(name):
                    self.add_error(name, _("Required when the status is “victim”."))
        return cleaned

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("client_uuid", None)
        return data


class FollowUpForm(forms.Form):
    done_on = DateField(label=_("Date"), validators=[_not_future])
    method = forms.ChoiceField(
        label=_("Method"), choices=FollowUp.Method.choices, widget=forms.RadioSelect
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=FollowUp.Outcome.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_due_on = DateField(label=_("Next follow-up due"), required=False)
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.initial.setdefault("done_on", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        done_on, next_due = cleaned.get("done_on"), cleaned.get("next_due_on")
        if done_on and next_due and next_due <= done_on:
            self.add_error("next_due_on", _("The next follow-up must come after this one."))
        return cleaned


class ReferralForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Refer to"), queryset=None)
    received_on = DateField(label=_("Referred on"), validators=[_not_future])
    support_types = _checkboxes(SupportType.choices, _("Support needed"))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    override_reason = forms.CharField(
        label=_("Reason to refer without consent"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the person has not consented to a referral."),
    )
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["agency"].queryset = Agency.objects.filter(active=True)
        self.initial.setdefault("received_on", timezone.localdate())
        if case.has_consent(Consent.Purpose.REFERRAL):
            del self.fields["override_reason"]


class ReferralStepForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage reached"))
    reached_on = DateField(label=_("Date"), validators=[_not_future])
    support_types = _checkboxes(SupportType.choices, _("Support"))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral
        labels = dict(Referral.Stage.choices)
        self.fields["stage"].choices = [(s, labels[s]) for s in referral.next_stages()]
        self.initial.setdefault("reached_on", timezone.localdate())
        self.initial.setdefault("version", referral.version)
        self.initial.setdefault("support_types", referral.support_types)


class ConsentForm(forms.Form):
    """Give or withdraw consent for one purpose, or record a request to erase the data."""

    ACTIONS = [
        ("give", _("Consent given")),
        ("withdraw", _("Consent withdrawn")),
        ("erase", _("The person asks for their data to be deleted")),
    ]

    action = forms.ChoiceField(label=_("What happened"), choices=ACTIONS, widget=forms.RadioSelect)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices, required=False)
    on = DateField(label=_("Date"), validators=[_not_future])
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.initial.setdefault("on", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in ("give", "withdraw") and not cleaned.get("purpose"):
            self.add_error("purpose", _("Choose the purpose."))
        return cleaned


class DistributionForm(forms.Form):
    material = forms.ModelChoiceField(label=_("Material"), queryset=None)
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    distributed_on = DateField(label=_("Date"), validators=[_not_future])
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


class ActivityForm(forms.ModelForm):
    """A campaign activity, from a phone or a PC."""

    held_on = DateField(label=_("Date"), validators=[_not_future])
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


# --- the public tip form -------------------------------------------------------------------

TIP_TEXT_MAX = 4000
TIP_CONTACT_MAX = 100


class TipForm(forms.Form):
    """The public "Báo tin / Cần giúp đỡ" form: no account, nothing stored but what is typed.

    ``website`` is a honeypot: hidden from people (CSS and aria), left empty by them; a
    robot that fills every field gets a plain error and nothing is stored.
    """

    text = forms.CharField(
        label=_("What happened?"),
        max_length=TIP_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who, what was promised or done, where. Names are not required."),
    )
    ward = forms.ModelChoiceField(
        label=_("Where?"),
        queryset=Ward.objects.none(),
        required=False,
        empty_label=_("Another place / I don't know"),
    )
    when = forms.ChoiceField(label=_("When?"), initial="unknown")
    contact = forms.CharField(
        label=_("Your phone or Zalo (optional)"),
        max_length=TIP_CONTACT_MAX,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    may_contact = forms.BooleanField(label=_("You may contact me"), required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        from outreach.models import Tip
        from outreach.tips import current_wards

        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = current_wards()
        self.fields["ward"].label_from_instance = lambda ward: ward.name
        self.fields["when"].choices = Tip.When.choices

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("This form could not be sent. Please call 111 or 18001769 instead.")
            )
        return ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("may_contact") and not cleaned.get("contact"):
            self.add_error(
                "contact", _("Write a phone number or Zalo name, or untick “You may contact me”.")
            )
        return cleaned
