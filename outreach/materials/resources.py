"""Sheets of materials and of handouts (distributions), imported through the clubs import
machinery (``clubs.imports``: check, preview, then all or nothing).

Headings in Vietnamese or English, dates dd/mm/yyyy, choices by their label. Rows are written
through ``outreach.materials.services`` (the one write path). A handouts sheet may not take
more copies than are in stock: rows are checked against what is left after the lines above
them, and the real import takes them with the same conditional update as the field app, so
stock never goes below zero.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from clubs.resources import (
    ChoiceWidget,
    CountWidget,
    DayMonthYearWidget,
    LookupWidget,
    SheetResource,
    TextWidget,
)
from config.text import fold_vi
from outreach.materials import services
from outreach.materials.models import Distribution, Material


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

    def do_instance_save(self, instance, is_create):
        """Through the services, like every other write (the dry run is rolled back)."""
        material = services.material_create(
            kind=instance.kind, title=instance.title, language=instance.language
        )
        instance.pk = material.pk
        quantity = getattr(instance, "import_quantity", 0)
        if quantity:
            services.material_receive(
                material=material,
                quantity=quantity,
                received_on=instance.import_received_on,
                source=_("import"),
                user=self.user,
            )


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

    def do_instance_save(self, instance, is_create):
        """Through the service, with the same conditional update of the stock as the field
        app (the dry run takes the copies too, and is rolled back)."""
        handout = services.distribution_record(
            material=instance.material,
            quantity=instance.quantity,
            distributed_on=instance.distributed_on,
            club=instance.club,
            channel=instance.channel,
            created_by=self.user,
        )
        instance.pk = handout.pk
