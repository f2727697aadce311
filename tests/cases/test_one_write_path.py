"""One write path: the same change of an at-risk person's record, made in the Wagtail admin and
made in the field app, leaves the same rows, the same audit entries and the same dates.

Each scenario runs twice, on two fresh cases of the same club, by the same leader: once
through the admin's forms, once through the field app's (a plain form POST, as a phone
without JavaScript sends it). What is compared is everything a person would read back: the
case's fields and dates, its consents, and the audit rows the change wrote (all but the page
they came from).
"""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from outreach.cases import services
from outreach.cases.audit import Actor
from outreach.cases.models import AuditEntry, Case, Consent

pytestmark = pytest.mark.django_db

LEADER = "leader-cao-xanh"
TODAY = timezone.localdate()
DUE = (TODAY + datetime.timedelta(days=20)).strftime("%d/%m/%Y")
LATER = (TODAY + datetime.timedelta(days=40)).strftime("%d/%m/%Y")
# Typed as people type: extra spaces in the name, the phone with separators.
PERSON = {
    "full_name": "  Lò   Thị  Thử  ",
    "phone": "0912 345 678",
    "id_number": "022301012345",
    "address": "Tổ 3, khu 5",
    "notes": "Được người quen mời sang bên kia biên giới làm phục vụ.",
    "birth_year": "2001",
    "sex": "female",
    "ethnicity": "Tày",
    "target_group": "planning_abroad",
    "risk_factors": ["job_offer_abroad", "online_recruitment"],
    "legal_status": "",
    "legal_status_authority": "",
    "legal_status_document": "",
    "next_follow_up_on": DUE,
}
CASE_FIELDS = [
    "club_id",
    "full_name",
    "phone",
    "id_number",
    "address",
    "notes",
    "birth_year",
    "sex",
    "ethnicity",
    "target_group",
    "risk_factors",
    "legal_status",
    "status",
    "next_follow_up_on",
    "assigned_member_id",
    "closed_on",
    "created_by_id",
    "version",
    "tip_code",
]


def _snapshot(case: Case, audit: list) -> dict:
    """What a reader sees of a case after the change: fields, dates, consents, audit rows."""
    case = Case.objects.get(pk=case.pk)
    return {
        "case": {name: getattr(case, name) for name in CASE_FIELDS},
        "code": re.sub(r"\d+$", "N", case.code),
        "created_on": timezone.localtime(case.created_at).date(),
        "erased_on": (
            case.personal_data_erased_at and timezone.localtime(case.personal_data_erased_at).date()
        ),
        "consents": sorted(
            Consent.objects.filter(case=case).values_list("purpose", "given_on", "withdrawn_on")
        ),
        "audit": audit,
    }


def _audit_since(before: int, case: Case) -> list:
    rows = AuditEntry.objects.filter(pk__gt=before).order_by("pk")
    return [
        (row.action, row.detail, row.role, row.username, row.case_ref == case.pk)
        for row in rows
        if row.action != AuditEntry.Action.VIEW  # opening a page says where it was opened
    ]


def _last_audit() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _admin_data(case: Case | None, **changes) -> dict:
    data = {**PERSON, "club": "", "status": "open", "assigned_member": ""}
    if case is not None:
        data.update(
            {
                name: getattr(case, name) or ""
                for name in PERSON
                if name not in ("risk_factors", "next_follow_up_on")
            }
        )
        data["risk_factors"] = case.risk_factors
        data["next_follow_up_on"] = case.next_follow_up_on.strftime("%d/%m/%Y")
        data["status"] = case.status
    data.update(changes)
    return data


def _field_data(case: Case | None, **changes) -> dict:
    data = _admin_data(case, **changes)
    data.pop("club")
    if case is None:
        data.pop("status")
    else:
        data["version"] = case.version
    return data


# --- the scenarios: (admin request, field request) for one change ----------------------------


def _create(client, club, case):
    before = _last_audit()
    data = {**_admin_data(None), "club": club.pk, "consents": ["follow_up", "reporting"]}
    response = client.post("/admin/outreach/cases/new/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    admin_case = Case.objects.filter(club=club).order_by("-pk").first()
    admin = _snapshot(admin_case, _audit_since(before, admin_case))

    before = _last_audit()
    data = {**_field_data(None), "consents": ["follow_up", "reporting"]}
    response = client.post(f"/field/clubs/{club.pk}/cases/new/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    field_case = Case.objects.filter(club=club).order_by("-pk").first()
    assert field_case != admin_case
    return admin, _snapshot(field_case, _audit_since(before, field_case))


def _change(client, case_a, case_b, **changes):
    snapshots = []
    for case, path in ((case_a, "admin"), (case_b, "field")):
        before = _last_audit()
        if path == "admin":
            assert client.get(f"/admin/outreach/cases/edit/{case.pk}/").status_code == 200
            data = {**_admin_data(case, **changes), "club": case.club_id}
            response = client.post(f"/admin/outreach/cases/edit/{case.pk}/", data)
        else:
            assert client.get(f"/field/cases/{case.pk}/edit/").status_code == 200
            response = client.post(f"/field/cases/{case.pk}/edit/", _field_data(case, **changes))
        assert response.status_code == 302, response.context and response.context["form"].errors
        snapshots.append(_snapshot(case, _audit_since(before, case)))
    return snapshots


def _erase(client, case_a, case_b):
    before = _last_audit()
    data = {"reason": "request by the person", "confirm": "on"}
    assert client.post(f"/admin/outreach/cases/erase/{case_a.pk}/", data).status_code == 302
    admin = _snapshot(case_a, _audit_since(before, case_a))
    before = _last_audit()
    data = {"action": "erase", "purpose": "", "on": TODAY.strftime("%d/%m/%Y")}
    assert client.post(f"/field/cases/{case_b.pk}/consent/", data).status_code == 302
    return admin, _snapshot(case_b, _audit_since(before, case_b))


@pytest.fixture
def two_cases(cao_xanh, login):
    """Two alike cases of the Cao Xanh club, flagged by its leader through the service."""
    leader = login(LEADER)
    cases = []
    for _n in range(2):
        values = {**PERSON, "phone": "0912345678", "birth_year": 2001, "next_follow_up_on": TODAY}
        values.pop("legal_status_authority"), values.pop("legal_status_document")
        cases.append(
            services.case_create(
                club=cao_xanh,
                actor=Actor(user=leader),
                consents=["follow_up", "referral", "reporting"],
                **values,
            )
        )
    return cases


@pytest.mark.parametrize("scenario", ["create", "change", "close", "erase"])
def test_the_admin_and_the_field_app_write_a_case_alike(
    client, login, cao_xanh, two_cases, scenario
):
    login(LEADER)
    if scenario == "create":
        admin, field = _create(client, cao_xanh, None)
        assert admin["audit"] == [("create", "", "leader", LEADER, True)]
        assert admin["case"]["full_name"] == "Lò Thị Thử"
        assert admin["case"]["phone"] == "0912345678"
        assert admin["consents"] == [("follow_up", TODAY, None), ("reporting", TODAY, None)]
    elif scenario == "change":
        admin, field = _change(client, *two_cases, next_follow_up_on=LATER, ethnicity="Dao")
        assert admin["audit"] == [("change", "ethnicity,next_follow_up_on", "leader", LEADER, True)]
        assert admin["case"]["closed_on"] is None
    elif scenario == "close":
        admin, field = _change(client, *two_cases, status="closed")
        assert admin["case"]["closed_on"] == TODAY
        assert admin["audit"] == [("change", "status", "leader", LEADER, True)]
    else:
        # Erasing on request is a coordinator's task in the admin; in the field app too.
        login("coordinator")
        admin, field = _erase(client, *two_cases)
        assert admin["case"]["full_name"] == "" and admin["erased_on"] == TODAY
        assert admin["audit"] == [
            ("erase", "erasure: request by the person", "coordinator", "coordinator", True)
        ]
    assert admin == field


def test_a_case_closed_in_the_admin_is_purged_when_its_retention_ends(
    client, login, two_cases, settings
):
    settings.SAFEWARD_CASE_RETENTION_DAYS = 30
    case = two_cases[0]
    login("coordinator")
    data = {**_admin_data(case, status="closed"), "club": case.club_id}
    assert client.post(f"/admin/outreach/cases/edit/{case.pk}/", data).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.closed_on) == ("closed", TODAY)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=30), tick=False):
        call_command("purge", stdout=__import__("io").StringIO())
    assert Case.objects.filter(pk=case.pk).exists()  # the day itself: still kept
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31), tick=False):
        call_command("purge", stdout=__import__("io").StringIO())
    assert not Case.objects.filter(pk=case.pk).exists()
    assert AuditEntry.objects.filter(case_ref=case.pk, detail="purged: retention").exists()
