"""The filters of a report: period (month, quarter, year or custom months), ward (as it was
on a date, older units rolling up), club, campaign, organiser. A club board chooses among its
own clubs only; thousands of wards or clubs become a name to type."""

import datetime

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from clubs.access import is_coordinator, visible_clubs
from clubs.models import Club, Ward
from config.months import add_months, month_start, months_between
from config.text import fold_vi
from outreach.campaigns.models import Campaign
from outreach.reports.selectors import ReportFilters


class LongSelect(forms.Select):
    """A select for thousands of wards or clubs, rendered in one pass (Django's widget
    templates render each option separately, too slow for 3,321 wards per request)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        attrs["name"] = name
        chosen = "" if value in (None, "") else str(value)
        selected = mark_safe(" selected")  # noqa: S308 - a constant
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), selected if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), options)


class NameLookupField(forms.CharField):
    """A ward or club typed by name (accents optional) or ID, for lists too long to show."""

    def __init__(self, *, queryset, **kwargs):
        self.queryset = queryset
        kwargs.setdefault(
            "help_text", _("Type the name (with or without accents); leave empty for all.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return getattr(value, "name", value)

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if not value:
            return None
        if value.isdigit():
            found = list(self.queryset.filter(pk=int(value))[:2])
        else:
            folded = fold_vi(value)
            found = list(self.queryset.filter(name_folded=folded)[:11])
            if not found:
                found = list(self.queryset.filter(name_folded__contains=folded)[:11])
        if not found:
            raise forms.ValidationError(_("Nothing by that name: %(name)s") % {"name": value})
        if len(found) > 1:
            names = ", ".join(f"{item} (#{item.pk})" for item in found[:10])
            raise forms.ValidationError(
                _("Several match; type more of the name or the number: %(names)s")
                % {"names": names}
            )
        return found[0]


class ReportFilterForm(forms.Form):
    """Period (month, quarter, year or custom months), ward, club, campaign, organiser."""

    LONGEST_LIST = 300

    PERIODS = [
        ("month", _("month")),
        ("quarter", _("quarter")),
        ("year", _("year")),
        ("custom", _("custom")),
    ]
    WARD_MODES = [
        ("as_of", _("as the unit was on a date (older units roll up)")),
        ("historical", _("this unit only (historical)")),
    ]

    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, initial="year", required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    month = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        required=False,
        choices=[("", "—")] + [(m, f"{m:02d}") for m in range(1, 13)],
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        choices=[("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )
    start = forms.DateField(label=_("From"), required=False, help_text=_("dd/mm/yyyy"))
    end = forms.DateField(label=_("To"), required=False, help_text=_("dd/mm/yyyy"))
    ward = forms.ModelChoiceField(
        label=_("Ward"), queryset=Ward.objects.none(), required=False, widget=LongSelect
    )
    ward_mode = forms.ChoiceField(
        label=_("Ward as"), choices=WARD_MODES, initial="as_of", required=False
    )
    as_of = forms.DateField(label=_("As of"), required=False, help_text=_("dd/mm/yyyy"))
    club = forms.ModelChoiceField(
        label=_("Club"), queryset=Club.objects.none(), required=False, widget=LongSelect
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), required=False, widget=LongSelect
    )
    organiser = forms.ChoiceField(
        label=_("Organiser"),
        choices=[("", "—")] + list(Campaign.Organiser.choices),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.coordinator = is_coordinator(user)
        self.fields["club"].queryset = visible_clubs(user=user).only("pk", "name")
        if self.coordinator:
            self.fields["ward"].queryset = Ward.objects.exclude(
                kind__in=[Ward.Kind.PROVINCE, Ward.Kind.CITY, Ward.Kind.DISTRICT, Ward.Kind.TOWN]
            ).only("pk", "name", "kind", "valid_to")
            self.fields["campaign"].queryset = Campaign.objects.only("pk", "name")
        else:
            # A club board sees its own club: no ward, campaign or organiser to choose.
            for name in ("ward", "ward_mode", "as_of", "campaign", "organiser"):
                del self.fields[name]
        # Thousands of wards or clubs (a whole country) make no list: type the name instead.
        for name in ("ward", "club"):
            if name in self.fields:
                field = self.fields[name]
                if field.queryset.count() > self.LONGEST_LIST:
                    self.fields[name] = NameLookupField(
                        queryset=field.queryset, label=field.label, required=False
                    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        period = data.get("period") or "year"
        year = data.get("year") or today.year
        if period == "month":
            month = data.get("month") or today.month
            start = end = datetime.date(year, month, 1)
        elif period == "quarter":
            quarter = data.get("quarter") or (today.month - 1) // 3 + 1
            start = datetime.date(year, 3 * quarter - 2, 1)
            end = add_months(start, 2)
        elif period == "custom":
            if not data.get("start") or not data.get("end"):
                raise forms.ValidationError(_("A custom period needs a first and a last day."))
            if data["end"] < data["start"]:
                raise forms.ValidationError(_("The last day is before the first day."))
            start, end = month_start(data["start"]), month_start(data["end"])
            if len(months_between(start, end)) > 120:
                raise forms.ValidationError(_("A period is at most ten years."))
        else:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 1)
        data["period_start"], data["period_end"] = start, end
        return data

    def filters(self) -> "ReportFilters":
        data = self.cleaned_data
        return ReportFilters(
            start=data["period_start"],
            end=data["period_end"],
            ward=data.get("ward"),
            ward_mode=data.get("ward_mode") or "as_of",
            as_of=data.get("as_of") or timezone.localdate(),
            club=data.get("club"),
            campaign=data.get("campaign"),
            organiser=data.get("organiser") or "",
        )
