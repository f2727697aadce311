"""The audit trail: one row for every view, list, search and export of a case, written by
the app and never changed or deleted by it; coordinators read it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from outreach.cases.management.commands.purge_audit import purge_audit
from outreach.cases.models import AuditEntry, AuditRefused, Case

pytestmark = pytest.mark.django_db


def _new_rows(before_pk):
    return list(AuditEntry.objects.filter(pk__gt=before_pk).order_by("pk"))


def _last_pk():
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize(
    ("url", "action"),
    [
        ("/field/cases/{case}/", "view"),
        ("/field/clubs/{club}/cases/", "list"),
        ("/field/follow-ups/overdue/", "list"),
        ("/admin/outreach/cases/", "list"),
        ("/admin/outreach/cases/?q=CX", "search"),
        ("/admin/outreach/cases/edit/{case}/", "view"),
        ("/admin/outreach/follow-ups/", "list"),
        ("/admin/outreach/referrals/?q=CX", "search"),
        ("/admin/outreach/cases/?export=csv", "export"),
        ("/admin/outreach/cases/?export=xlsx&with_names=true", "export"),
    ],
)
def test_one_row_per_view_list_search_and_export(client, login, records, url, action):
    user = login("coordinator")
    before = _last_pk()
    response = client.get(url.format(**records), REMOTE_ADDR="203.0.113.9")
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code == 200
    rows = _new_rows(before)
    assert len(rows) == 1
    row = rows[0]
    assert (row.username, row.user_id_ref, row.role, row.action) == (
        "coordinator",
        user.pk,
        "coordinator",
        action,
    )
    assert row.ip_address == "203.0.113.9"
    assert row.path == url.split("?")[0].format(**records)
    if "{case}" in url:
        case = Case.objects.get(pk=records["case"])
        assert (row.case_ref, row.case_code) == (case.pk, case.code)


def test_an_export_says_whether_it_held_names(client, login, records):
    login("coordinator")
    before = _last_pk()
    client.get("/admin/outreach/cases/?export=csv")
    client.get("/admin/outreach/cases/?export=csv&with_names=true")
    details = [row.detail for row in _new_rows(before)]
    assert details == ["cases csv without names", "cases csv with names"]


def test_names_are_exported_only_when_the_coordinator_ticks_it(client, login, records):
    login("coordinator")
    case = Case.objects.get(pk=records["case"])
    plain = b"".join(client.get("/admin/outreach/cases/?export=csv").streaming_content).decode()
    named = b"".join(
        client.get("/admin/outreach/cases/?export=csv&with_names=true").streaming_content
    ).decode()
    assert case.code in plain and case.full_name not in plain
    assert case.full_name in named and case.phone in named


def test_the_board_role_is_recorded(client, login, records):
    login("secretary-cao-xanh")
    before = _last_pk()
    client.get(f"/field/cases/{records['case']}/")
    (row,) = _new_rows(before)
    assert row.role == "secretary"


def test_rows_hold_no_personal_data(client, login, records):
    login("leader-cao-xanh")
    case = Case.objects.get(pk=records["case"])
    before = _last_pk()
    client.get(f"/field/cases/{case.pk}/")
    client.get(f"/admin/outreach/cases/?q={case.full_name.split()[-1]}")
    for row in _new_rows(before):
        values = " ".join(
            str(v) for v in AuditEntry.objects.filter(pk=row.pk).values().first().values()
        )
        assert case.full_name.split()[-1] not in values
        assert case.phone not in values


def test_the_app_cannot_change_or_delete_audit_rows(records):
    row = AuditEntry.objects.first()
    row.detail = "changed"
    with pytest.raises(AuditRefused):
        row.save()
    with pytest.raises(AuditRefused):
        row.delete()
    with pytest.raises(AuditRefused):
        AuditEntry.objects.filter(pk=row.pk).update(detail="changed")
    with pytest.raises(AuditRefused):
        AuditEntry.objects.filter(pk=row.pk).delete()
    with pytest.raises(AuditRefused):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditRefused):
        AuditEntry.objects.bulk_update([row], ["detail"])
    assert AuditEntry.objects.get(pk=row.pk).detail != "changed"


def test_the_admin_cannot_change_or_delete_audit_rows(client, login, records):
    """The permission policy offers "view" alone: even a coordinator (who reads the rows) gets
    Wagtail's "permission denied" for add, edit and delete, and no row changes."""
    login("coordinator")
    pk = records["audit"]
    row = AuditEntry.objects.get(pk=pk)
    assert client.get(f"/admin/outreach/audit/inspect/{pk}/").status_code == 200
    listing = client.get("/admin/outreach/audit/").content.decode()
    assert f"/admin/outreach/audit/edit/{pk}/" not in listing
    assert "/admin/outreach/audit/new/" not in listing
    for url in [f"/admin/outreach/audit/edit/{pk}/", f"/admin/outreach/audit/delete/{pk}/"]:
        for response in (client.get(url), client.post(url, {"detail": "x"})):
            assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post("/admin/outreach/audit/new/", {"detail": "x"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert AuditEntry.objects.get(pk=pk).detail == row.detail


def test_audit_rows_outlive_the_case(records):
    case = Case.objects.get(pk=records["case"])
    pk = case.pk
    count = AuditEntry.objects.filter(case_ref=pk).count()
    assert count
    case.delete()
    assert AuditEntry.objects.filter(case_ref=pk).count() == count


def test_coordinators_read_a_cases_audit_trail(client, login, records):
    case = Case.objects.get(pk=records["case"])
    login("leader-cao-xanh")
    client.get(f"/field/cases/{case.pk}/")
    login("coordinator")
    response = client.get(f"/admin/outreach/audit/?case_ref={case.pk}")
    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert rows and all(row.case_ref == case.pk for row in rows)
    assert "leader-cao-xanh" in response.content.decode()
    login("leader-cao-xanh")
    assert client.get(f"/admin/outreach/audit/?case_ref={case.pk}").status_code == 302


def test_retention_removes_only_rows_past_it(settings, records):
    settings.SAFEWARD_AUDIT_RETENTION_DAYS = 30
    total = AuditEntry.objects.count()
    old = AuditEntry.objects.create(
        username="x",
        role="coordinator",
        action="view",
        at=timezone.now() - datetime.timedelta(days=31),
    )
    assert purge_audit() == 1
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.count() == total
    call_command("purge_audit", stdout=__import__("io").StringIO())
    assert AuditEntry.objects.count() == total
