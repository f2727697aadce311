"""One write path for materials: copies handed out and panel inspections written in the
admin and in the field app leave the same rows and the same stock; a refusal in the admin is
a message on the form (never a server error), and its meeting list is the user's clubs'."""

import datetime

import pytest
from django.utils import timezone

from clubs.models import Club, Meeting
from outreach.materials import services
from outreach.materials.models import Distribution, Material

pytestmark = pytest.mark.django_db

LEADER = "leader-cao-xanh"
TODAY = timezone.localdate()
DAY = TODAY.strftime("%d/%m/%Y")
HANDOUT_FIELDS = [
    "material_id",
    "quantity",
    "distributed_on",
    "ward_id",
    "club_id",
    "channel",
    "meeting_id",
    "activity_id",
    "created_by_id",
]
PANEL_FIELDS = ["condition", "last_inspected_on", "installed_on", "place", "ward_id", "club_id"]


@pytest.fixture
def leaflets(demo):
    return Material.objects.get(kind=Material.Kind.LEAFLET)


def _handout(record: Distribution) -> dict:
    return {name: getattr(record, name) for name in HANDOUT_FIELDS}


def _stock(material) -> int:
    return Material.objects.get(pk=material.pk).stock


@pytest.mark.parametrize("path", ["admin", "field"])
def test_copies_handed_out_are_written_alike(client, login, cao_xanh, leaflets, path):
    """The same handout through each path: the same row, and the stock down by as much."""
    meeting = cao_xanh.meetings.order_by("-held_on").first()
    login(LEADER)
    stock, latest = _stock(leaflets), Distribution.objects.order_by("-pk").first().pk
    values = {
        "material": leaflets.pk,
        "quantity": 37,
        "distributed_on": DAY,
        "channel": "meeting",
        "meeting": meeting.pk,
    }
    if path == "admin":
        data = {**values, "club": cao_xanh.pk, "ward": "", "activity": ""}
        response = client.post("/admin/outreach/distributions/new/", data)
    else:
        response = client.post(f"/field/clubs/{cao_xanh.pk}/distributions/new/", values)
    assert response.status_code == 302, response.context and response.context["form"].errors
    (record,) = Distribution.objects.filter(pk__gt=latest)
    assert _handout(record) == {
        "material_id": leaflets.pk,
        "quantity": 37,
        "distributed_on": TODAY,
        "ward_id": cao_xanh.ward_id,
        "club_id": cao_xanh.pk,
        "channel": "meeting",
        "meeting_id": meeting.pk,
        "activity_id": None,
        "created_by_id": record.created_by.pk,
    }
    assert record.created_by.username == LEADER
    assert _stock(leaflets) == stock - 37


@pytest.mark.parametrize("path", ["admin", "field"])
def test_a_panel_inspection_is_written_alike(client, login, cao_xanh, path):
    panel = services.panel_create(
        place="Pano thử cổng chợ",
        ward=cao_xanh.ward,
        club=cao_xanh,
        installed_on=TODAY - datetime.timedelta(days=400),
    )
    before = {name: getattr(panel, name) for name in PANEL_FIELDS}
    login(LEADER)
    if path == "admin":
        data = {
            "place": panel.place,
            "ward": panel.ward_id,
            "club": panel.club_id,
            "material": "",
            "latitude": "",
            "longitude": "",
            "photo": "",
            "installed_on": panel.installed_on.strftime("%d/%m/%Y"),
            "condition": "faded",
            "last_inspected_on": DAY,
        }
        response = client.post(f"/admin/outreach/panels/edit/{panel.pk}/", data)
    else:
        data = {"condition": "faded", "last_inspected_on": DAY}
        response = client.post(f"/field/panels/{panel.pk}/inspection/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    panel.refresh_from_db()
    assert {name: getattr(panel, name) for name in PANEL_FIELDS} == {
        **before,
        "condition": "faded",
        "last_inspected_on": TODAY,
    }
    assert not panel.inspection_overdue()


def test_more_than_the_stock_in_the_admin_is_a_form_message(client, login, cao_xanh, leaflets):
    login(LEADER)
    stock, count = _stock(leaflets), Distribution.objects.count()
    data = {
        "material": leaflets.pk,
        "quantity": stock + 1,
        "distributed_on": DAY,
        "club": cao_xanh.pk,
        "ward": "",
        "channel": "door_to_door",
        "meeting": "",
        "activity": "",
    }
    response = client.post("/admin/outreach/distributions/new/", data)
    assert response.status_code == 200
    (error,) = response.context["form"].errors["quantity"]
    assert error.startswith(f"Chỉ còn {stock} bản") and "Không có gì được ghi lại" in error
    assert response.context["form"]["quantity"].value() == str(stock + 1)  # kept as typed
    assert (_stock(leaflets), Distribution.objects.count()) == (stock, count)


def test_a_meeting_of_another_club_in_the_admin_is_a_form_message(client, login, leaflets):
    """A coordinator may choose any club's meeting, but not one of another club than the one
    handing out: the service's refusal comes back on the form."""
    cao_xanh = Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)
    other = Meeting.objects.exclude(club=cao_xanh).first()
    login("coordinator")
    data = {
        "material": leaflets.pk,
        "quantity": 5,
        "distributed_on": DAY,
        "club": cao_xanh.pk,
        "ward": "",
        "channel": "meeting",
        "meeting": other.pk,
        "activity": "",
    }
    count = Distribution.objects.count()
    response = client.post("/admin/outreach/distributions/new/", data)
    assert response.status_code == 200
    # The admin speaks Vietnamese unless the user chose English.
    assert response.context["form"].errors["meeting"] == [
        "Hãy chọn một buổi sinh hoạt của cùng CLB."
    ]
    assert Distribution.objects.count() == count


def test_the_admin_offers_a_board_its_own_clubs_meetings_only(client, login, cao_xanh, leaflets):
    login(LEADER)
    form = client.get("/admin/outreach/distributions/new/").context["form"]
    offered = set(form.fields["meeting"].queryset.values_list("club_id", flat=True))
    assert offered == {cao_xanh.pk}
    other = Meeting.objects.exclude(club=cao_xanh).first()
    data = {
        "material": leaflets.pk,
        "quantity": 5,
        "distributed_on": DAY,
        "club": cao_xanh.pk,
        "ward": "",
        "channel": "meeting",
        "meeting": other.pk,
        "activity": "",
    }
    response = client.post("/admin/outreach/distributions/new/", data)
    assert response.status_code == 200 and "meeting" in response.context["form"].errors


def test_stock_receipts_are_never_changed_or_removed(client, login, leaflets):
    receipt = leaflets.receipts.first()
    login("coordinator")
    listing = client.get("/admin/outreach/stock/").content.decode()
    assert f"/admin/outreach/stock/edit/{receipt.pk}/" not in listing
    for url in [
        f"/admin/outreach/stock/edit/{receipt.pk}/",
        f"/admin/outreach/stock/delete/{receipt.pk}/",
    ]:
        response = client.post(url, {"quantity": 1})
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Material.objects.get(pk=leaflets.pk).stock == leaflets.stock
    assert leaflets.receipts.filter(pk=receipt.pk, quantity=receipt.quantity).exists()
