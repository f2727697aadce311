"""django-import-export resources for member and meeting sheets (Excel or CSV).

A sheet's headings may be the Vietnamese or English column names (with or without
accents, any case). Each row is checked as the coordinator would: dates dd/mm/yyyy, the
club by name among the clubs the importing user may see, categories and kinds by their
label, phone numbers in Vietnamese formats, names in NFC. A row that repeats one already
in the register (same club and phone, or same club and date for meetings) or earlier in
the sheet is skipped and reported, never doubled.
"""

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from clubs.models import Meeting, Member, Membership
from clubs.validators import normalize_phone, validate_vietnamese_phone
from config.text import fold_vi, to_nfc

# --- widgets: every message says what to write instead -----------------------------------


class TextWidget(widgets.Widget):
    """Text in NFC with runs of spaces collapsed; numbers from Excel lose their ".0"."""

    def __init__(self, *, required=False, max_length=None):
        super().__init__()
        self.required = required
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = " ".join(to_nfc("" if value is None else str(value)).split())
        if self.required and not text:
            raise ValueError(_("This column must be filled in."))
        if self.max_length and len(text) > self.max_length:
            raise ValueError(
                _("At most %(count)s characters, this has %(length)s.")
                % {"count": self.max_length, "length": len(text)}
            )
        return text


class DayMonthYearWidget(widgets.Widget):
    """A date written dd/mm/yyyy (or a date cell of the spreadsheet)."""

    FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")

    def __init__(self, *, required=False):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value or "").strip()
        if not text:
            if self.required:
                raise ValueError(_("Enter a date as dd/mm/yyyy, for example 05/02/2023."))
            return None
        for fmt in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date: write it as dd/mm/yyyy, for example 05/02/2023.")
            % {"value": text[:40]}
        )


class ChoiceWidget(widgets.Widget):
    """One of a TextChoices, by its label in Vietnamese or English or by its value."""

    def __init__(self, choices: type[TextChoices], *, default=None):
        super().__init__()
        self.choices = choices
        self.default = default
        self._lookup = None

    @property
    def lookup(self) -> dict[str, str]:
        if self._lookup is None:
            self._lookup = {}
            for value, label in self.choices.choices:
                self._lookup[fold_vi(value)] = value
                self._lookup[fold_vi(value.replace("_", " "))] = value
                for language in ("vi", "en"):
                    with translation.override(language):
                        self._lookup[fold_vi(str(label))] = value
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        text = fold_vi(str(value or ""))
        if not text:
            if self.default is not None:
                return self.default
            raise ValueError(_("This column must be filled in."))
        if text not in self.lookup:
            labels = ", ".join(str(label) for label in self.choices.labels)
            raise ValueError(
                _("“%(value)s” is not one of: %(labels)s.")
                % {"value": str(value)[:40], "labels": labels}
            )
        return self.lookup[text]


class CountWidget(widgets.Widget):
    """A whole number, 0 when empty."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return 0
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            number = -1
        if number < 0 or not number.is_integer():
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text[:20]})
        return int(number)


class PhoneWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        phone = normalize_phone(str(value or ""))
        try:
            validate_vietnamese_phone(phone)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None
        return phone


class ClubWidget(widgets.Widget):
    """A club by its name or its ward's name, among the clubs the importing user may see."""

    def __init__(self, clubs):
        super().__init__()
        self.by_name = {}
        for club in clubs:
            for key in (club.name, club.ward.name, f"phuong {club.ward.name}"):
                self.by_name.setdefault(fold_vi(key), set()).add(club)

    def clean(self, value, row=None, **kwargs):
        text = fold_vi(str(value or ""))
        if not text:
            raise ValueError(_("Enter the club."))
        found = self.by_name.get(text, set())
        if len(found) != 1:
            raise ValueError(
                _("Unknown club “%(value)s”, or not one you may import into.")
                % {"value": str(value)[:80]}
            )
        return next(iter(found))

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


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


# --- resources ---------------------------------------------------------------------------


class SheetResource(resources.ModelResource):
    """What member and meeting sheets share: headings, line numbers, duplicates.

    ``columns`` maps each field to the headings accepted for it; ``duplicates`` collects
    (line, message) of skipped rows. Line numbers are the spreadsheet's (heading = 1).
    """

    columns: dict[str, tuple] = {}
    required_columns: tuple[str, ...] = ()

    def __init__(self, *, clubs, user=None, progress_key: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.progress_key = progress_key
        self.user = user
        self.clubs = list(clubs.select_related("ward"))
        if "club" in self.fields:
            self.fields["club"].widget = ClubWidget(self.clubs)
        self.duplicates: list[dict] = []
        self.headings: dict[str, str] = {}
        self._line = 0
        self._seen: dict = {}

    @classmethod
    def heading_aliases(cls) -> dict[str, str]:
        aliases = {}
        for field, names in cls.columns.items():
            for name in (field, *names):
                for language in ("vi", "en"):
                    with translation.override(language):
                        aliases[fold_vi(str(name)).replace("_", " ")] = field
        return aliases

    def before_import(self, dataset, **kwargs):
        """Rename the sheet's headings to field names; add missing optional columns."""
        aliases = self.heading_aliases()
        headers = []
        for heading in dataset.headers or []:
            field = aliases.get(fold_vi(str(heading or "")).replace("_", " "))
            if field and field not in headers:
                self.headings[field] = str(heading)
                headers.append(field)
            else:
                headers.append(f"ignored:{len(headers)}")
        dataset.headers = headers
        missing = [field for field in self.required_columns if field not in headers]
        if missing:
            names = ", ".join(str(self.columns[field][0]) for field in missing)
            raise ValueError(_("The sheet lacks the columns: %(names)s.") % {"names": names})
        for field in self.columns:
            if field not in headers:
                dataset.append_col([""] * len(dataset), header=field)
        self.existing_keys = self.load_existing_keys()

    def before_import_row(self, row, row_number=None, **kwargs):
        self._line = (row_number or 0) + 1
        if self.progress_key and self._line % 100 == 0:
            cache.set(self.progress_key, self._line, 3600)

    def get_instance(self, instance_loader, row):
        return None  # every row is a new record; repeats are skipped, not updated

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not any(str(value or "").strip() for value in row.values()):
            return True  # an empty line
        if import_validation_errors:
            return False
        key = self.duplicate_key(instance)
        if key is None:
            return False
        if key in self.existing_keys:
            self.duplicates.append({"line": self._line, "message": str(self.already_there_message)})
            return True
        if key in self._seen:
            self.duplicates.append(
                {
                    "line": self._line,
                    "message": _("Repeats line %(line)s; skipped.") % {"line": self._seen[key]},
                }
            )
            return True
        self._seen[key] = self._line
        return False

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        derived = [field.name for field in instance._meta.fields if not field.editable]
        try:
            # Repeats are found above, in memory: no query per row for constraints.
            instance.full_clean(
                exclude=[*errors.keys(), *derived],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def column_label(self, field: str) -> str:
        """The sheet's heading for *field* (a field name or the attribute it sets)."""
        by_attribute = {f.attribute: name for name, f in self.fields.items()}
        field = by_attribute.get(field, field)
        if field in self.headings:
            return self.headings[field]
        names = self.columns.get(field)
        return str(names[0]) if names else field

    # Subclasses: load_existing_keys(), duplicate_key(instance), already_there_message


class MemberResource(SheetResource):
    """A member register sheet: one member per line."""

    club = fields.Field(attribute="club", column_name="club")
    full_name = fields.Field(
        attribute="full_name",
        column_name="full_name",
        widget=TextWidget(required=True, max_length=120),
    )
    category = fields.Field(
        attribute="category", column_name="category", widget=ChoiceWidget(Member.Category)
    )
    phone = fields.Field(attribute="phone", column_name="phone", widget=PhoneWidget())
    residential_area = fields.Field(
        attribute="residential_area",
        column_name="residential_area",
        widget=TextWidget(max_length=120),
    )
    board_role = fields.Field(
        attribute="import_board_role",
        column_name="board_role",
        widget=ChoiceWidget(Membership.BoardRole, default=Membership.BoardRole.MEMBER),
    )
    joined_on = fields.Field(
        attribute="import_joined_on",
        column_name="joined_on",
        widget=DayMonthYearWidget(required=True),
    )

    columns = {
        "club": (gettext_lazy("Club"), "câu lạc bộ", "clb"),
        "full_name": (gettext_lazy("Full name"), "họ tên", "họ và tên", "name"),
        "category": (gettext_lazy("Category"), "phân loại", "đối tượng"),
        "phone": (gettext_lazy("Phone"), "số điện thoại", "điện thoại", "sđt", "sdt"),
        "residential_area": (gettext_lazy("Residential group or area"), "khu phố", "tổ dân"),
        "board_role": (gettext_lazy("Board role"), "chức vụ", "vai trò"),
        "joined_on": (gettext_lazy("Joined on"), "ngày tham gia", "ngày vào"),
    }
    required_columns = ("club", "full_name", "category", "joined_on")
    already_there_message = gettext_lazy(
        "This club already has this member (same phone number); skipped."
    )

    class Meta:
        model = Member
        # Rows are checked one by one, then inserted a thousand at a time.
        use_bulk = True
        batch_size = 1000
        fields = (
            "club",
            "full_name",
            "category",
            "phone",
            "residential_area",
            "board_role",
            "joined_on",
        )
        import_id_fields = ()
        skip_diff = True
        report_skipped = True
        use_transactions = True

    def load_existing_keys(self) -> set:
        keys = set()
        members = Member.objects.filter(club__in=self.clubs).values_list(
            "club_id", "phone", "full_name_folded"
        )
        for club_id, phone, name in members:
            keys.add((club_id, phone) if phone else (club_id, "name", name))
        return keys

    def duplicate_key(self, member):
        if not member.club_id:
            return None
        if member.phone:
            return (member.club_id, member.phone)
        return (member.club_id, "name", fold_vi(member.full_name))

    def before_save_instance(self, instance, row, **kwargs):
        instance.normalize()  # bulk_create skips Member.save()

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Members in batches, then their memberships (primary keys come back from the insert).

        A failure here (a race with another import) is an import error: all is rolled back.
        """
        members = list(self.create_instances)
        self.create_instances.clear()
        if not members or (dry_run and not using_transactions):
            return
        try:
            Member.objects.bulk_create(members, batch_size=batch_size)
            Membership.objects.bulk_create(
                [
                    Membership(
                        member=member,
                        board_role=member.import_board_role,
                        joined_on=member.import_joined_on,
                    )
                    for member in members
                ],
                batch_size=batch_size,
            )
        except Exception as error:  # reported as the import's error, all rolled back
            self.handle_import_error(result, error, raise_errors)


class MeetingResource(SheetResource):
    """A sheet of past meetings: one meeting per line (attendance is kept in the app)."""

    club = fields.Field(attribute="club", column_name="club")
    held_on = fields.Field(
        attribute="held_on", column_name="held_on", widget=DayMonthYearWidget(required=True)
    )
    kind = fields.Field(
        attribute="kind",
        column_name="kind",
        widget=ChoiceWidget(Meeting.Kind, default=Meeting.Kind.MONTHLY),
    )
    topics = fields.Field(
        attribute="topics", column_name="topics", widget=TextWidget(required=True, max_length=2000)
    )
    place = fields.Field(attribute="place", column_name="place", widget=TextWidget(max_length=200))
    guests_count = fields.Field(
        attribute="guests_count", column_name="guests_count", widget=CountWidget()
    )
    materials = fields.Field(
        attribute="materials", column_name="materials", widget=TextWidget(max_length=2000)
    )

    columns = {
        "club": (gettext_lazy("Club"), "câu lạc bộ", "clb"),
        "held_on": (gettext_lazy("Date"), "ngày", "ngày sinh hoạt", "date"),
        "kind": (gettext_lazy("Kind"), "loại", "hình thức"),
        "topics": (gettext_lazy("Topics"), "nội dung", "chủ đề"),
        "place": (gettext_lazy("Place"), "địa điểm"),
        "guests_count": (gettext_lazy("Guests"), "khách mời", "số khách"),
        "materials": (gettext_lazy("Materials handed out"), "tài liệu", "tài liệu phát"),
    }
    required_columns = ("club", "held_on", "topics")
    already_there_message = gettext_lazy("This club already has a meeting on this date; skipped.")

    class Meta:
        model = Meeting
        fields = ("club", "held_on", "kind", "topics", "place", "guests_count", "materials")
        import_id_fields = ()
        skip_diff = True
        report_skipped = True
        use_transactions = True

    def load_existing_keys(self) -> set:
        return set(Meeting.objects.filter(club__in=self.clubs).values_list("club_id", "held_on"))

    def duplicate_key(self, meeting):
        if not meeting.club_id or not meeting.held_on:
            return None
        return (meeting.club_id, meeting.held_on)


RESOURCES = {"members": MemberResource, "meetings": MeetingResource}
