"""Rights requests in the admin: a coordinator exports everything held about a person or
erases it on request; for everyone else these pages do not exist."""

import io
import json

import openpyxl
import pytest

from outreach.cases.models import AuditEntry, Case, FollowUp
from tests.accounts import OTHER_CLUB_LEADER, OWN_BOARD

pytestmark = pytest.mark.django_db

NOT_COORDINATORS = [*OWN_BOARD, OTHER_CLUB_LEADER, "communicator", "campaigns"]
URLS = [
    "/admin/outreach/cases/everything/{case}/?format=json",
    "/admin/outreach/cases/everything/{case}/?format=xlsx",
    "/admin/outreach/cases/erase/{case}/",
]
ERASE = {"reason": "request by the person", "confirm": "on"}


def _last_pk():
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize("username", NOT_COORDINATORS)
@pytest.mark.parametrize("url", URLS)
def test_only_coordinators_find_the_rights_pages(client, login, records, username, url):
    """Even the case's own board gets "not found"; posting erases nothing."""
    case = Case.objects.get(pk=records["case"])
    login(username)
    before = _last_pk()
    assert client.get(url.format(**records)).status_code == 404
    assert client.post(url.format(**records), ERASE).status_code == 404
    case.refresh_from_db()
    assert not case.is_erased and case.full_name
    assert _last_pk() == before


@pytest.mark.parametrize("url", URLS)
def test_anonymous_is_sent_to_the_admin_login(client, records, url):
    response = client.get(url.format(**records))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("url", URLS)
def test_a_guessed_case_is_not_found_even_for_a_coordinator(client, login, records, url):
    login("coordinator")
    assert client.get(url.format(case=987654)).status_code == 404


def test_json_export_holds_everything_is_audited_and_never_cached(client, login, records):
    case = Case.objects.get(pk=records["case"])
    user = login("coordinator")
    before = _last_pk()
    response = client.get(f"/admin/outreach/cases/everything/{case.pk}/?format=json")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == (f'attachment; filename="{case.code}-du-lieu.json"')
    held = json.loads(response.content)
    assert held["case"]["code"] == case.code
    assert held["case"]["full_name"] == case.full_name
    assert held["case"]["phone"] == case.phone
    notes = sorted(f.note for f in FollowUp.objects.filter(case=case))
    assert sorted(f["note"] for f in held["follow_ups"]) == notes
    assert len(held["referrals"]) == case.referrals.count()
    assert {c["purpose"] for c in held["consents"]} == set(
        case.consents.values_list("purpose", flat=True)
    )
    (row,) = AuditEntry.objects.filter(pk__gt=before)
    assert (row.action, row.case_ref, row.user_id_ref, row.detail) == (
        "export",
        case.pk,
        user.pk,
        "everything held",
    )
    assert case.full_name not in " ".join(str(v) for v in vars(row).values())


def test_excel_export_opens_with_the_same_content(client, login, records):
    case = Case.objects.get(pk=records["case"])
    login("coordinator")
    response = client.get(f"/admin/outreach/cases/everything/{case.pk}/?format=xlsx")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["case", "consents", "follow_ups", "referrals"]
    fields = {row[0]: row[1] for row in book["case"].iter_rows(min_row=2, values_only=True)}
    assert fields["full_name"] == case.full_name
    assert fields["code"] == case.code
    assert book["follow_ups"].max_row == 1 + case.follow_ups.count()


def test_unknown_export_format_is_not_found(client, login, records):
    login("coordinator")
    url = f"/admin/outreach/cases/everything/{records['case']}/?format=pdf"
    assert client.get(url).status_code == 404


def test_erasure_needs_a_confirmation_and_a_reason(client, login, records):
    case = Case.objects.get(pk=records["case"])
    login("coordinator")
    url = f"/admin/outreach/cases/erase/{case.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert case.code in page.content.decode()
    before = _last_pk()
    for data in [{"reason": "request by the person"}, {"confirm": "on"}, {**ERASE, "reason": "x"}]:
        assert client.post(url, data).status_code == 400
    case.refresh_from_db()
    assert not case.is_erased and case.full_name
    assert _last_pk() == before


def test_erasure_on_request_empties_the_personal_fields_and_is_audited(client, login, records):
    case = Case.objects.get(pk=records["case"])
    user = login("coordinator")
    before = _last_pk()
    response = client.post(f"/admin/outreach/cases/erase/{case.pk}/", ERASE)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/outreach/cases/edit/{case.pk}/"
    case.refresh_from_db()
    assert case.is_erased
    assert (case.full_name, case.phone, case.id_number, case.address, case.notes) == ("",) * 5
    assert set(FollowUp.objects.filter(case=case).values_list("note", flat=True)) <= {""}
    assert case.code  # the pseudonymous record stays
    rows = AuditEntry.objects.filter(pk__gt=before, action="erase")
    assert [(r.case_ref, r.user_id_ref, r.detail) for r in rows] == [
        (case.pk, user.pk, "erasure: request by the person")
    ]


def test_the_case_page_offers_the_rights_actions_to_coordinators_only(client, login, records):
    url = f"/admin/outreach/cases/edit/{records['case']}/"
    links = [
        f"/admin/outreach/cases/everything/{records['case']}/?format=json",
        f"/admin/outreach/cases/everything/{records['case']}/?format=xlsx",
        f"/admin/outreach/cases/erase/{records['case']}/",
    ]
    login("coordinator")
    body = client.get(url).content.decode()
    assert all(link in body for link in links)
    login("leader-cao-xanh")
    body = client.get(url).content.decode()
    assert not any(link in body for link in links)
