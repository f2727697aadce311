"""Importing materials, handouts and campaign activities through the one import page:
check, preview with per-line errors, then all or nothing; stock never below zero."""

import pytest

from clubs.models import ImportJob
from outreach.campaigns.models import Activity, Campaign
from tests.clubs.test_import import upload, xlsx

pytestmark = pytest.mark.django_db


def _confirm(client, job):
    response = client.post(f"/admin/clubs/import/{job.pk}/confirm/")
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def test_campaign_activities(client, login, demo):
    contest = Campaign.objects.get(theme="contest")
    login("campaigns")
    headings = [
        "Chiến dịch",
        "Tên hoạt động",
        "Ngày",
        "Phường",
        "Hình thức",
        "Số buổi",
        "Lượt người",
        "Số người",
        "Zalo",
        "Facebook",
    ]
    job, page = upload(
        client,
        "activities",
        xlsx(
            headings,
            [
                [
                    contest.name,
                    "Chung khảo",
                    "20/11/2023",
                    "Bãi Cháy",
                    "cuộc thi",
                    1,
                    250,
                    80,
                    0,
                    900,
                ],
                [
                    contest.name,
                    "Tổng kết",
                    "30/11/2023",
                    "Hồng Gai",
                    "nói chuyện chuyên đề",
                    1,
                    40,
                    60,
                    0,
                    0,
                ],
            ],
        ),
    )
    assert job.status == ImportJob.Status.FAILED
    assert [(e["line"], e["column"]) for e in job.report["errors"]] == [(3, "Số người")]
    rows = [[contest.name, "Chung khảo", "20/11/2023", "Bãi Cháy", "cuộc thi", 1, 250, 80, 0, 900]]
    job, page = upload(client, "activities", xlsx(headings, rows))
    assert _confirm(client, job).status == ImportJob.Status.DONE
    activity = Activity.objects.get(title="Chung khảo")
    assert activity.ward.valid_to is None  # the unit in force, not the old ward of that name
    assert (activity.attendances, activity.unique_participants) == (250, 80)
