"""Receiving agencies in the admin: found with or without diacritics; one people were
referred to is marked inactive, never deleted (the service says so on the page)."""

import pytest

from outreach.cases.models import Agency
from tests.admin_listings import check_folded_search

pytestmark = pytest.mark.django_db


def test_the_agency_listing_finds_words_with_or_without_diacritics(client, login, demo):
    check_folded_search(client, login, "agencies", "ngoi nha anh duong", "Ngôi nhà Ánh Dương")


def test_an_agency_people_were_referred_to_is_not_deleted(client, login, demo):
    """Wagtail refuses it itself when its reference index knows the referrals; otherwise the
    service does, with its message. Either way nothing is deleted and nothing fails."""
    agency = Agency.objects.filter(referrals__isnull=False).first()
    login("coordinator")
    response = client.post(f"/admin/outreach/agencies/delete/{agency.pk}/", follow=True)
    assert response.status_code == 200
    assert Agency.objects.filter(pk=agency.pk).exists()
    body = response.content.decode()
    refused_by_wagtail = response.redirect_chain[-1][0] == "/admin/"
    assert refused_by_wagtail or "hãy đánh dấu ngừng hoạt động thay vì xóa" in body


def test_the_agency_service_refuses_to_delete_one_in_use(demo):
    from django.core.exceptions import ValidationError

    from outreach.cases import services

    agency = Agency.objects.filter(referrals__isnull=False).first()
    with pytest.raises(ValidationError):
        services.agency_delete(agency=agency)
    assert Agency.objects.filter(pk=agency.pk).exists()


def test_an_unused_agency_can_be_deleted(client, login, demo):
    agency = Agency.objects.create(name="Trung tâm thử nghiệm", kind=Agency.Kind.NGO)
    login("coordinator")
    response = client.post(f"/admin/outreach/agencies/delete/{agency.pk}/")
    assert response.status_code == 302
    assert not Agency.objects.filter(pk=agency.pk).exists()
