"""Writes of materials, stock, distributions and panels: the one write path, whoever asks
(field app, sync endpoint, admin, imports, demo data). Keyword-only, typed, one transaction
each. Stock never goes below zero: every take is one conditional UPDATE.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils.translation import gettext as _

from clubs.models import Club, Meeting, Ward
from config.text import to_nfc
from outreach.campaigns.models import Activity
from outreach.materials.models import Distribution, Material, Panel, StockReceipt


def _clean_text(value: str) -> str:
    return to_nfc(value or "").strip()


# --- materials and stock -------------------------------------------------------------------


@transaction.atomic
def material_receive(
    *, material: Material, quantity: int, received_on: datetime.date, source: str = "", user=None
) -> StockReceipt:
    """Add copies to the stock."""
    if quantity < 1:
        raise ValidationError({"quantity": _("Enter a quantity of at least 1.")})
    receipt = StockReceipt.objects.create(
        material=material,
        quantity=quantity,
        received_on=received_on,
        source=_clean_text(source),
        created_by=user,
    )
    Material.objects.filter(pk=material.pk).update(stock=F("stock") + quantity)
    return receipt


def _take_from_stock(*, material: Material, quantity: int) -> None:
    """Take *quantity* copies, or raise with what is left; never below zero.

    One conditional UPDATE: two leaders handing out the last copies at the same moment
    cannot both succeed, on SQLite or PostgreSQL.
    """
    if quantity < 1:
        raise ValidationError({"quantity": _("Enter a quantity of at least 1.")})
    taken = Material.objects.filter(pk=material.pk, stock__gte=quantity).update(
        stock=F("stock") - quantity
    )
    if not taken:
        left = Material.objects.filter(pk=material.pk).values_list("stock", flat=True).first()
        raise ValidationError(
            {
                "quantity": _(
                    "Only %(left)s copies of “%(title)s” are in stock; "
                    "%(quantity)s cannot be handed out. Nothing was recorded."
                )
                % {"left": left or 0, "title": material.title, "quantity": quantity}
            }
        )


@transaction.atomic
def distribution_record(
    *,
    material: Material,
    quantity: int,
    distributed_on: datetime.date,
    channel: str,
    ward: Ward | None = None,
    club: Club | None = None,
    meeting: Meeting | None = None,
    activity: Activity | None = None,
    created_by=None,
    client_uuid: uuid.UUID | None = None,
) -> Distribution:
    """Hand out copies of a material in *ward* (the club's, when a club hands them out): the
    stock goes down, or nothing happens at all."""
    if meeting is not None and (club is None or meeting.club_id != club.pk):
        raise ValidationError({"meeting": _("Choose a meeting of the same club.")})
    if ward is None and club is not None:
        ward = club.ward
    if ward is None:
        raise ValidationError({"ward": _("Choose the ward, or the club that handed them out.")})
    _take_from_stock(material=material, quantity=quantity)
    return Distribution.objects.create(
        material=material,
        quantity=quantity,
        distributed_on=distributed_on,
        ward=ward,
        club=club,
        channel=channel,
        meeting=meeting,
        activity=activity,
        created_by=created_by,
        client_uuid=client_uuid,
    )


@transaction.atomic
def distribution_delete(*, distribution: Distribution) -> None:
    """Undo a distribution recorded by mistake: its copies go back into stock."""
    Material.objects.filter(pk=distribution.material_id).update(
        stock=F("stock") + distribution.quantity
    )
    distribution.delete()


# --- the list of materials ---------------------------------------------------------------------


@transaction.atomic
def material_create(
    *, kind: str, title: str, language: str = Material.Language.VI, document=None
) -> Material:
    """Add a kind of material to the list (its stock starts at zero: receive copies next)."""
    return Material.objects.create(kind=kind, title=title, language=language, document=document)


@transaction.atomic
def material_update(*, material: Material, **fields) -> Material:
    """Change a material's kind, title, language or PDF (never its stock: that moves only
    with receipts and distributions)."""
    fields.pop("stock", None)
    for name, value in fields.items():
        setattr(material, name, value)
    material.save()
    return material


@transaction.atomic
def material_delete(*, material: Material) -> None:
    """Remove a material that was never received or handed out."""
    try:
        material.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("Copies of this material were received or handed out: it cannot be deleted.")
        ) from error


# --- panels ----------------------------------------------------------------------------------

PANEL_FIELDS = (
    "place",
    "ward",
    "club",
    "material",
    "latitude",
    "longitude",
    "photo",
    "installed_on",
    "condition",
    "last_inspected_on",
)


def _check_panel(panel: Panel) -> None:
    if panel.last_inspected_on and panel.last_inspected_on < panel.installed_on:
        raise ValidationError(
            {"last_inspected_on": _("A panel cannot be inspected before it was installed.")}
        )
    if panel.material_id and panel.material.kind != Material.Kind.PANEL:
        raise ValidationError({"material": _("Choose a panel design.")})


@transaction.atomic
def panel_create(*, place: str, ward: Ward, installed_on: datetime.date, **fields) -> Panel:
    """Record a panel installed in a ward (condition good unless said otherwise)."""
    panel = Panel(place=place, ward=ward, installed_on=installed_on)
    for name, value in fields.items():
        if name not in PANEL_FIELDS:
            raise TypeError(name)
        setattr(panel, name, value)
    _check_panel(panel)
    panel.save()
    return panel


@transaction.atomic
def panel_update(*, panel: Panel, **fields) -> Panel:
    """Change a panel's details or record an inspection (its condition and the day)."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    for name, value in fields.items():
        if name not in PANEL_FIELDS:
            raise TypeError(name)
        setattr(panel, name, value)
    _check_panel(panel)
    panel.save()
    return panel


@transaction.atomic
def panel_delete(*, panel: Panel) -> None:
    """Remove a panel recorded by mistake (a panel taken down is marked "removed")."""
    panel.delete()
