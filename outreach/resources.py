"""Sheets of materials, handouts (distributions) and campaign activities, imported through
the clubs import machinery (``clubs.imports``: check, preview, then all or nothing).

Headings in Vietnamese or English, dates dd/mm/yyyy, choices by their label. A handouts
sheet may not take more copies than are in stock: rows are checked against what is left
after the lines above them, and the real import takes them with the same conditional
update as the field app, so stock never goes below zero.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from clubs.models import Ward
from clubs.resources import (
    ChoiceWidget,
    CountWidget,
    DayMonthYearWidget,
    SheetResource,
    TextWidget,
)
from config.text import fold_vi
from outreach.models import Activity, Distribution, Material, StockReceipt


class LookupWidget(widgets.Widget):
    """A record by its folded name among *choices* (name -> record)."""

    def __init__(self, *, unknown_message):
        super().__init__()
        self.by_name: dict = {}
        self.unknown_message = unknown_message

    def clean(self, value, row=None, **kwargs):
        text = fold_vi(str(value or ""))
        if not text:
            raise ValueError(_("This column must be filled in."))
        found = self.by_name.get(text, set())
        if len(found) != 1:
            raise ValueError(self.unknown_message % {"value": str(value)[:80]})
        return next(iter(found))

    def render(self, value, obj=None, **kwargs):
        return str(value) if value else ""


class MaterialResource(SheetResource):
    """A sheet of materials, one per line, with the copies received (optional)."""

    kind = fields.Field(attribute="kind", column_name="kind", widget=ChoiceWidget(Material.Kind))
    title = fields.Field(
        attribute="title", column_name="title", widget=TextWidget(required=True, max_length=200)
    )
    language = fields.Field(
        attribute="language",
        column_name="language",
        widget=ChoiceWidget(Material.Language, default=Material.Language.VI),
    )
    quantity = fields.Field(
        attribute="import_quantity", column_name="quantity", widget=CountWidget()
    )
    received_on = fields.Field(
        attribute="import_received_on", column_name="received_on", widget=DayMonthYearWidget()
    )

    columns = {
        "kind": (gettext_lazy("Kind"), "loại", "loại tài liệu"),
        "title": (gettext_lazy("Title"), "tên", "tên tài liệu", "tiêu đề"),
        "language": (gettext_lazy("Language"), "ngôn ngữ"),
        "quantity": (gettext_lazy("Quantity received"), "số lượng", "số lượng nhận"),
        "received_on": (gettext_lazy("Received on"), "ngày nhận"),
    }
    required_columns = ("kind", "title")
    already_there_message = gettext_lazy("This material is already in the list; skipped.")

    class Meta:
        model = Material
        fields = ("kind", "title", "language", "quantity", "received_on")
        import_id_fields = ()
        skip_diff = True
        report_skipped = True
        use_transactions = True

    def load_existing_keys(self) -> set:
        return set(Material.objects.values_list("kind", "title_folded"))

    def duplicate_key(self, material):
        if not material.title:
            return None
        return (material.kind, fold_vi(material.title))

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if getattr(instance, "import_quantity", 0) and not getattr(
            instance, "import_received_on", None
        ):
            errors["import_received_on"] = [_("Enter the date the copies were received.")]
        if errors:
            raise ValidationError(errors)
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def after_save_instance(self, instance, row, **kwargs):
        quantity = getattr(instance, "import_quantity", 0)
        if quantity:
            StockReceipt.objects.create(
                material=instance,
                quantity=quantity,
                received_on=instance.import_received_on,
                source=_("import"),
                created_by=self.user,
            )
            Material.objects.filter(pk=instance.pk).update(stock=F("stock") + quantity)


class HandoutResource(SheetResource):
    """A sheet of materials handed out by clubs, one handout per line."""

    club = fields.Field(attribute="club", column_name="club")
    material = fields.Field(attribute="material", column_name="material")
    quantity = fields.Field(attribute="quantity", column_name="quantity", widget=CountWidget())
    distributed_on = fields.Field(
        attribute="distributed_on",
        column_name="distributed_on",
        widget=DayMonthYearWidget(required=True),
    )
    channel = fields.Field(
        attribute="channel",
        column_name="channel",
        widget=ChoiceWidget(Distribution.Channel, default=Distribution.Channel.OTHER),
    )

    columns = {
        "club": (gettext_lazy("Club"), "câu lạc bộ", "clb"),
        "material": (gettext_lazy("Material"), "tài liệu", "tên tài liệu"),
        "quantity": (gettext_lazy("Quantity"), "số lượng"),
        "distributed_on": (gettext_lazy("Date"), "ngày", "ngày phát"),
        "channel": (gettext_lazy("Channel"), "hình thức", "kênh"),
    }
    required_columns = ("club", "material", "quantity", "distributed_on")
    already_there_message = gettext_lazy("This handout is already recorded; skipped.")

    class Meta:
        model = Distribution
        fields = ("club", "material", "quantity", "distributed_on", "channel")
        import_id_fields = ()
        skip_diff = True
        report_skipped = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        lookup = LookupWidget(unknown_message=_("Unknown material “%(value)s”."))
        for material in Material.objects.exclude(kind=Material.Kind.PANEL):
            lookup.by_name.setdefault(fold_vi(material.title), set()).add(material)
        self.fields["material"].widget = lookup
        self.left = {}  # material id -> copies left after the lines above
        self.taken = defaultdict(int)

    def load_existing_keys(self) -> set:
        return set(
            Distribution.objects.filter(club__in=self.clubs).values_list(
                "club_id", "material_id", "distributed_on", "quantity"
            )
        )

    def duplicate_key(self, handout):
        if not (handout.club_id and handout.material_id and handout.distributed_on):
            return None
        return (handout.club_id, handout.material_id, handout.distributed_on, handout.quantity)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.quantity is not None and instance.quantity < 1:
            errors["quantity"] = [_("Enter a quantity of at least 1.")]
        if "material" not in errors and "quantity" not in errors and instance.material_id:
            material = instance.material
            left = material.stock - self.taken[material.pk]
            if instance.quantity > left:
                errors["quantity"] = [
                    _("Only %(left)s copies of “%(title)s” are left for this line.")
                    % {"left": left, "title": material.title}
                ]
            else:
                self.taken[material.pk] += instance.quantity
        if instance.club_id:
            instance.ward = instance.club.ward
        if errors:
            raise ValidationError(errors)
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def save_instance(self, instance, is_create, row, **kwargs):
        from outreach.services import _take_from_stock

        if not kwargs.get("dry_run"):
            _take_from_stock(material=instance.material, quantity=instance.quantity)
        instance.created_by = self.user
        super().save_instance(instance, is_create, row, **kwargs)


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
        from outreach.selectors import campaigns_for

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

    def save_instance(self, instance, is_create, row, **kwargs):
        instance.created_by = self.user
        super().save_instance(instance, is_create, row, **kwargs)
