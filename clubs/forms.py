"""Field-app forms: plain Django forms that work without JavaScript and keep what was typed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.access import is_board_or_coordinator
from clubs.models import Meeting, Member, Membership
from clubs.photos import MAX_UPLOAD_BYTES
from clubs.validators import normalize_phone


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos from one file input (the phone's camera or gallery)."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultiplePhotoField, self).clean(item, initial) for item in files]


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy that brings up the number pad."""

    def __init__(self, **kwargs):
        super().__init__(
            format="%d/%m/%Y",
            attrs={"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "autocomplete": "off"},
            **kwargs,
        )


DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


class DateField(forms.DateField):
    """dd/mm/yyyy, with the number pad (every field form of every app)."""

    widget = DateInput

    def __init__(self, **kwargs):
        super().__init__(input_formats=DATE_FORMATS, **kwargs)


def not_future(value):
    """A date that has happened (a meeting, a follow-up, a handout)."""
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date cannot be in the future."))


class MeetingForm(forms.ModelForm):
    """Log or correct a meeting. The roster's checkboxes are ``present``; unticked is absent.

    ``client_uuid`` is made by the phone when the form opens (offline sync); ``version`` is
    the meeting's version the edit is based on.
    """

    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 6 photos. Location and camera details are removed."),
    )
    remove_photos = forms.MultipleChoiceField(
        label=_("Remove photos"), required=False, widget=forms.CheckboxSelectMultiple
    )
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Meeting
        fields = ["held_on", "kind", "topics", "place", "guests_count", "materials", "minutes"]
        widgets = {
            "held_on": DateInput(),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "guests_count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }

    def __init__(self, *args, club, roster, **kwargs):
        super().__init__(*args, **kwargs)
        self.club = club
        self.roster = list(roster)
        self.fields["present"].choices = [(str(m.pk), m.full_name) for m in self.roster]
        self.fields["held_on"].input_formats = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
            self.fields["remove_photos"].choices = [
                (str(photo.pk), str(photo.pk)) for photo in self.instance.photos.all()
            ]
            present_ids = [
                str(row.member_id) for row in self.instance.attendances.all() if row.present
            ]
            self.initial.setdefault("present", present_ids)
        else:
            self.initial["held_on"] = self.initial.get("held_on") or timezone.localdate()
            del self.fields["remove_photos"]
            del self.fields["version"]

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("The meeting date cannot be in the future."))
        if held_on < self.club.founded_on:
            raise forms.ValidationError(_("The club was not founded yet on this date."))
        taken = Meeting.objects.filter(club=self.club, held_on=held_on).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This club already has a meeting on this date."))
        return held_on

    def clean_client_uuid(self):
        value = self.cleaned_data.get("client_uuid")
        if value and Meeting.objects.filter(client_uuid=value).exists():
            raise forms.ValidationError(_("This meeting was already sent."))
        return value

    def clean(self):
        cleaned = super().clean()
        photos = cleaned.get("photos") or []
        kept = len(self.fields["remove_photos"].choices) if "remove_photos" in self.fields else 0
        kept -= len(cleaned.get("remove_photos") or [])
        if kept + len(photos) > Meeting.MAX_PHOTOS:
            self.add_error(
                "photos",
                _("A meeting has at most %(count)s photos.") % {"count": Meeting.MAX_PHOTOS},
            )
        for photo in photos:
            if photo.size > MAX_UPLOAD_BYTES:
                self.add_error(
                    "photos",
                    _("%(name)s is larger than %(limit)s MB.")
                    % {"name": photo.name, "limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
                )
        return cleaned

    def service_kwargs(self) -> dict:
        """The cleaned values as the services take them."""
        data = {field: self.cleaned_data[field] for field in self.Meta.fields}
        data["present_member_ids"] = [int(pk) for pk in self.cleaned_data["present"]]
        data["photos"] = self.cleaned_data.get("photos") or []
        return data


class MemberForm(forms.ModelForm):
    """Add a member to the register or correct one; the board role lives in the membership."""

    board_role = forms.ChoiceField(
        label=_("Board role"),
        choices=Membership.BoardRole.choices,
        initial=Membership.BoardRole.MEMBER,
    )
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput(), required=False)
    left_on = forms.DateField(
        label=_("Left on"),
        widget=DateInput(),
        required=False,
        help_text=_("Only when the member has left the club."),
    )
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Member
        fields = ["full_name", "category", "phone", "residential_area"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
            "phone": forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, club, user, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.club = club
        for name in ("joined_on", "left_on"):
            self.fields[name].input_formats = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
        if not is_board_or_coordinator(user=user, club=club):
            # Defence in depth: only the board and coordinators reach this form today.
            self.fields["category"].choices = [
                choice
                for choice in self.fields["category"].choices
                if choice[0] not in Member.SENSITIVE_CATEGORIES
            ]
            del self.fields["phone"]
        if self.instance.pk:
            del self.fields["joined_on"]
            if membership is not None:
                self.initial.setdefault("board_role", membership.board_role)
                self.initial.setdefault("left_on", membership.left_on)
        else:
            self.initial.setdefault("joined_on", timezone.localdate())
            del self.fields["left_on"]

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Enter the member's full name."))
        return name

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data.get("phone", ""))
        if phone:
            taken = Member.objects.filter(club=self.club, phone=phone).exclude(pk=self.instance.pk)
            if taken.exists():
                raise forms.ValidationError(
                    _("This club already has a member with this phone number.")
                )
        return phone

    def clean_client_uuid(self):
        value = self.cleaned_data.get("client_uuid")
        if value and Member.objects.filter(client_uuid=value).exists():
            raise forms.ValidationError(_("This member was already sent."))
        return value

    def service_kwargs(self) -> dict:
        data = {
            "full_name": self.cleaned_data["full_name"],
            "category": self.cleaned_data["category"],
            "phone": self.cleaned_data.get("phone", self.instance.phone or ""),
            "residential_area": self.cleaned_data["residential_area"],
            "board_role": self.cleaned_data["board_role"],
        }
        if "joined_on" in self.fields:
            data["joined_on"] = self.cleaned_data["joined_on"]
            data["client_uuid"] = self.cleaned_data["client_uuid"]
        else:
            data["left_on"] = self.cleaned_data["left_on"]
        return data
