"""The demo outreach data: fictional people per club, every referral stage, materials at
the province's scale, the two campaigns."""

import pytest

from outreach.materials.models import Material, Panel

pytestmark = pytest.mark.django_db


def test_materials_at_the_provinces_scale(demo):
    leaflets = Material.objects.get(kind="leaflet")
    booklets = Material.objects.get(kind="booklet")
    assert sum(leaflets.receipts.values_list("quantity", flat=True)) == 80_000
    assert sum(booklets.receipts.values_list("quantity", flat=True)) == 10_000
    handed = sum(leaflets.distributions.values_list("quantity", flat=True))
    assert leaflets.stock == 80_000 - handed
    assert Panel.objects.count() == 177
