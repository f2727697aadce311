"""Field-app forms of at-risk people and the public tip form: plain Django forms that work
without JavaScript and through the offline outbox (``config.sync``)."""

import re

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.forms import DateField, not_future
from clubs.models import Ward
from clubs.selectors import club_roster
from clubs.validators import normalize_phone, validate_vietnamese_phone
from outreach.cases.models import (
    Agency,
    Case,
    Consent,
    FollowUp,
    Referral,
    RiskFactor,
    SupportType,
)

ID_NUMBER = re.compile(r"^\d{12}$")


def _checkboxes(choices, label, **kwargs):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


def clean_phone(value: str) -> str:
    """A Vietnamese phone number in national form, or empty."""
    phone = normalize_phone(value or "")
    validate_vietnamese_phone(phone)
    return phone


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

    def __init__(self, *args, club, case=None, shell=False, **kwargs):
        if case is not None:
            kwargs.setdefault("initial", self.initial_for(case))
        super().__init__(*args, **kwargs)
        self.club = club
        self.case = case
        if shell:
            # The copy kept on the phone names no one: no member list to assign from.
            del self.fields["assigned_member"]
        else:
            self.fields["assigned_member"].queryset = club_roster(club=club)
        self.fields["birth_year"].validators.append(MaxValueValidator(timezone.localdate().year))
        if case is not None:
            # A correction: consents change on their own page; the status can close the case;
            # the version is the one the form was opened on (a stale one is a conflict).
            del self.fields["consents"]
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"), choices=Case.Status.choices
            )
            self.fields["version"] = forms.IntegerField(required=False, widget=forms.HiddenInput)
            if case.is_erased:
                for name in Case.PERSONAL_FIELDS:
                    self.fields.pop(name, None)

    @staticmethod
    def initial_for(case) -> dict:
        names = [*Case.PERSONAL_FIELDS, "birth_year", "sex", "ethnicity", "target_group"]
        names += ["risk_factors", "legal_status", "legal_status_authority"]
        names += ["legal_status_document", "next_follow_up_on", "status", "version"]
        initial = {name: getattr(case, name) for name in names}
        initial["assigned_member"] = case.assigned_member_id
        return initial

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

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
        data.pop("version", None)
        return data


class FollowUpForm(forms.Form):
    done_on = DateField(label=_("Date"), validators=[not_future])
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
    received_on = DateField(label=_("Referred on"), validators=[not_future])
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
    reached_on = DateField(label=_("Date"), validators=[not_future])
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
    on = DateField(label=_("Date"), validators=[not_future])
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
        from outreach.cases.models import Tip
        from outreach.cases.tips import current_wards

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
