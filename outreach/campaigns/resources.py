"""Sheets of campaign activities, imported through the clubs import machinery
(``clubs.imports``: check, preview, then all or nothing); rows are written through
``outreach.campaigns.services``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from clubs.models import Ward
from clubs.resources import (
    ChoiceWidget,
    CountWidget,
    DayMonthYearWidget,
    LookupWidget,
    SheetResource,
    TextWidget,
)
from config.text import fold_vi
from outreach.campaigns import services
from outreach.campaigns.models import Activity
from outreach.campaigns.selectors import campaigns_for


class ActivityResource(SheetResource):
    """A sheet of campaign activities, one per line."""

    campaign = fields.Field(attribute="campaign", column_name="campaign")
    title = fields.Field(
        attribute="title", column_name="title", widget=TextWidget(required=True, max_length=200)
    )
    held_on = fields.Field(
        attribute="held_on", column_name="held_on", widget=DayMonthYearWidget(required=True)
    )
    ward = fields.Field(attribute="ward", column_name="ward")
    kind = fields.Field(attribute="kind", column_name="kind", widget=ChoiceWidget(Activity.Kind))
    sessions = fields.Field(attribute="sessions", column_name="sessions", widget=CountWidget())
    attendances = fields.Field(
        attribute="attendances", column_name="attendances", widget=CountWidget()
    )
    unique_participants = fields.Field(
        attribute="unique_participants", column_name="unique_participants", widget=CountWidget()
    )
    reach_zalo = fields.Field(
        attribute="reach_zalo", column_name="reach_zalo", widget=CountWidget()
    )
    reach_facebook = fields.Field(
        attribute="reach_facebook", column_name="reach_facebook", widget=CountWidget()
    )

    columns = {
        "campaign": (gettext_lazy("Campaign"), "chiến dịch", "đợt"),
        "title": (gettext_lazy("Title"), "tên hoạt động", "nội dung"),
        "held_on": (gettext_lazy("Date"), "ngày"),
        "ward": (gettext_lazy("Ward"), "phường", "xã", "phường xã"),
        "kind": (gettext_lazy("Kind"), "loại", "hình thức"),
        "sessions": (gettext_lazy("Sessions"), "số buổi", "buổi"),
        "attendances": (gettext_lazy("Attendances (lượt)"), "lượt người", "số lượt"),
        "unique_participants": (gettext_lazy("Unique participants"), "số người"),
        "reach_zalo": (gettext_lazy("Reach on Zalo"), "zalo"),
        "reach_facebook": (gettext_lazy("Reach on Facebook"), "facebook"),
    }
    required_columns = ("campaign", "title", "held_on", "ward", "kind")
    already_there_message = gettext_lazy("This activity is already recorded; skipped.")

    class Meta:
        model = Activity
        fields = ("campaign", "title", "held_on", "ward", "kind", *Activity.FIGURES)
        import_id_fields = ()
        skip_diff = True
        report_skipped = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        campaigns = LookupWidget(unknown_message=_("Unknown campaign “%(value)s”."))
        for campaign in campaigns_for(user=self.user):
            campaigns.by_name.setdefault(fold_vi(campaign.name), set()).add(campaign)
        self.fields["campaign"].widget = campaigns
        wards = LookupWidget(
            unknown_message=_("Unknown ward “%(value)s”: write its name as in the admin.")
        )
        for ward in Ward.objects.filter(kind__in=[Ward.Kind.WARD, Ward.Kind.COMMUNE]):
            for key in (ward.name, f"phuong {ward.name}", f"xa {ward.name}"):
                # A name used by an old and a new unit means the one in force now.
                if ward.valid_to is None or fold_vi(key) not in wards.by_name:
                    wards.by_name[fold_vi(key)] = {ward}
        self.fields["ward"].widget = wards

    def load_existing_keys(self) -> set:
        return set(Activity.objects.values_list("campaign_id", "held_on", "title_folded"))

    def duplicate_key(self, activity):
        if not (activity.campaign_id and activity.held_on and activity.title):
            return None
        return (activity.campaign_id, activity.held_on, fold_vi(activity.title))

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        unique = instance.unique_participants
        if unique == 0:
            instance.unique_participants = None
        elif error := Activity.participants_error(
            attendances=instance.attendances, unique_participants=unique
        ):
            errors["unique_participants"] = [error]
        if errors:
            raise ValidationError(errors)
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def do_instance_save(self, instance, is_create):
        """Through the service, like every other write (the dry run is rolled back)."""
        activity = services.activity_create(
            campaign=instance.campaign,
            created_by=self.user,
            title=instance.title,
            held_on=instance.held_on,
            ward=instance.ward,
            kind=instance.kind,
            **{name: getattr(instance, name) for name in Activity.FIGURES},
        )
        instance.pk = activity.pk
