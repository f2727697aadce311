"""Each indicator against a small hand-made fixture; the expected numbers are worked out by
hand in the comments (never recomputed by the code under test)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from clubs.models import Attendance, Club, Meeting, Member, Membership, Ward, WardSuccession
from outreach.campaigns.models import Activity, Campaign
from outreach.cases.models import Agency, Case, FollowUp, Referral
from outreach.materials.models import Distribution, Material
from outreach.reports import rollups
from outreach.reports.models import ReportRollup
from outreach.reports.selectors import ReportFilters, build_report

D = datetime.date
MARCH = ReportFilters(start=D(2024, 3, 1), end=D(2024, 3, 1))
Q1 = ReportFilters(start=D(2024, 1, 1), end=D(2024, 3, 1))
APRIL = ReportFilters(start=D(2024, 4, 1), end=D(2024, 4, 1))


@pytest.fixture
def coordinator(demo):
    return get_user_model().objects.get(username="coordinator")


@pytest.fixture
def small(demo, django_capture_on_commit_callbacks):
    """One ward, one club founded 15/01/2024, three members, two March meetings, one April
    meeting, a person at risk with two follow-ups and a referral, materials, a campaign."""
    with django_capture_on_commit_callbacks(execute=True):
        ward = Ward.objects.create(name="Phường Kiểm Thử", kind=Ward.Kind.WARD)
        club = Club.objects.create(name="CLB Kiểm Thử", ward=ward, founded_on=D(2024, 1, 15))
        members = []
        for n, (category, joined, left) in enumerate(
            [
                (Member.Category.VOLUNTEER, D(2024, 1, 20), None),
                (Member.Category.VOLUNTEER, D(2024, 1, 20), D(2024, 3, 31)),
                (Member.Category.SOCIAL_WORK, D(2024, 3, 1), None),
            ]
        ):
            member = Member.objects.create(club=club, full_name=f"Người Thử {n}", category=category)
            Membership.objects.create(member=member, joined_on=joined, left_on=left)
            members.append(member)
        march = Meeting.objects.create(
            club=club, held_on=D(2024, 3, 10), kind=Meeting.Kind.MONTHLY, topics="a"
        )
        for member, present in zip(members, [True, True, False], strict=True):
            Attendance.objects.create(meeting=march, member=member, present=present)
        Meeting.objects.create(
            club=club, held_on=D(2024, 3, 20), kind=Meeting.Kind.EXTRA, topics="b", guests_count=4
        )
        april = Meeting.objects.create(
            club=club, held_on=D(2024, 4, 5), kind=Meeting.Kind.MONTHLY, topics="c"
        )
        Attendance.objects.create(meeting=april, member=members[0], present=True)
        Attendance.objects.create(meeting=april, member=members[2], present=False)

        case = Case.objects.create(club=club, code="KT-2024-001")
        Case.objects.filter(pk=case.pk).update(
            created_at=datetime.datetime(2024, 3, 2, 9, tzinfo=datetime.UTC)
        )
        FollowUp.objects.create(
            case=case,
            done_on=D(2024, 3, 5),
            method="visit",
            outcome="stable",
            next_due_on=D(2024, 3, 20),
        )
        FollowUp.objects.create(  # 25/03 is after the 20/03 set last time: late
            case=case,
            done_on=D(2024, 3, 25),
            method="phone",
            outcome="stable",
            next_due_on=D(2024, 4, 25),
        )
        police = Agency.objects.create(name="Công an phường Kiểm Thử", kind=Agency.Kind.POLICE)
        Referral.objects.create(
            case=case,
            agency=police,
            received_on=D(2024, 3, 6),
            stage="verified",
            stage_on=D(2024, 3, 8),
        )
        leaflet = Material.objects.create(kind=Material.Kind.LEAFLET, title="Tờ rơi KT")
        booklet = Material.objects.create(kind=Material.Kind.BOOKLET, title="Sổ tay KT")
        for material, quantity, day in [
            (leaflet, 100, D(2024, 3, 3)),
            (booklet, 30, D(2024, 3, 9)),
            (leaflet, 7, D(2023, 3, 9)),  # another year
        ]:
            Distribution.objects.create(
                material=material,
                quantity=quantity,
                distributed_on=day,
                ward=ward,
                club=club,
                channel="meeting",
            )
        campaign = Campaign.objects.create(
            name="Chiến dịch KT",
            organiser="youth_union",
            theme="law",
            starts_on=D(2024, 3, 1),
            ends_on=D(2024, 3, 31),
        )
        Activity.objects.create(
            campaign=campaign,
            title="Nói chuyện",
            held_on=D(2024, 3, 12),
            ward=ward,
            kind="talk",
            sessions=2,
            attendances=50,
            unique_participants=30,
            reach_zalo=100,
            reach_facebook=200,
        )
    # The case's back-dated created_at went through update(): rebuild this ward by hand.
    rollups.refresh_wards({ward.pk})
    return {"ward": ward, "club": club, "campaign": campaign}


def _figures(user, filters, **extra):
    for name, value in extra.items():
        setattr(filters, name, value)
    with translation.override("en"):
        return build_report(user=user, filters=filters).figures


def _parts(figure):
    return dict(figure.parts)


def test_club_indicators_in_march(small, coordinator):
    f = _figures(coordinator, ReportFilters(**MARCH.__dict__), club=small["club"])
    assert f["meetings_held"].value == 2  # 10/03 monthly + 20/03 extra
    assert _parts(f["meetings_held"]) == {"monthly meeting": 1, "extra meeting": 1}
    assert f["monthly_meetings_held"].value == 1
    assert f["meetings_expected"].value == 1  # one club, founded before March
    assert f["meetings_held_rate"].value == 100
    assert f["attendance_present"].value == 2
    assert f["attendance_recorded"].value == 3
    assert f["attendance_rate"].display == "67%"  # 2 of 3
    assert f["meeting_guests"].value == 4
    assert f["members_joined"].value == 1  # joined 01/03
    assert f["members_active"].value == 3  # the one leaving on 31/03 still counts
    assert f["cases_flagged"].value == 1
    assert f["followups_done"].value == 2
    assert _parts(f["followups_done"]) == {"on time": 1, "late": 1}
    assert f["referrals_by_stage"].value == 1
    assert _parts(f["referrals_by_stage"]) == {"verified": 1}
    assert _parts(f["referrals_by_service"]) == {"police": 1}
    assert f["referral_rate"].value == 100
    assert f["materials_distributed"].value == 130  # 100 leaflets + 30 booklets
    assert _parts(f["materials_distributed"]) == {"leaflet": 100, "Q&A legal booklet": 30}
    # Campaign figures have no club: a club filter leaves them out.
    assert "campaign_sessions" not in f


def test_quarter_and_stock_indicators(small, coordinator):
    q1 = _figures(coordinator, ReportFilters(**Q1.__dict__), club=small["club"])
    assert q1["meetings_expected"].value == 3  # January (founded 15/01), February, March
    assert q1["monthly_meetings_held"].value == 1  # only March
    assert round(q1["meetings_held_rate"].value, 1) == 33.3
    assert q1["members_joined"].value == 3
    assert _parts(q1["members_joined"]) == {"volunteer": 2, "social-work collaborator": 1}
    april = _figures(coordinator, ReportFilters(**APRIL.__dict__), club=small["club"])
    assert april["members_active"].value == 2  # one left on 31/03
    assert april["attendance_rate"].display == "50%"  # 1 of 2
    assert april["cases_flagged"].value == 0
    assert april["referral_rate"].value is None  # nothing to divide by


def test_campaign_indicators(small, coordinator):
    f = _figures(coordinator, ReportFilters(**MARCH.__dict__), campaign=small["campaign"])
    assert f["campaign_sessions"].value == 2
    assert f["campaign_attendances"].value == 50
    assert f["campaign_participants"].value == 30  # kept apart from the 50 attendances
    assert f["online_reach_zalo"].value == 100
    assert f["online_reach_facebook"].value == 200
    assert "meetings_held" not in f  # club figures have no campaign
    by_organiser = _figures(coordinator, ReportFilters(**MARCH.__dict__), organiser="youth_union")
    assert by_organiser["campaign_attendances"].value >= 50


def test_ward_as_of_a_date_rolls_old_wards_up(
    small, coordinator, django_capture_on_commit_callbacks
):
    new = small["ward"]
    with django_capture_on_commit_callbacks(execute=True):
        old = Ward.objects.create(
            name="Phường Cũ Kiểm Thử", kind=Ward.Kind.WARD, valid_to=D(2025, 6, 30)
        )
        WardSuccession.objects.create(predecessor=old, successor=new, effective_on=D(2025, 7, 1))
        old_club = Club.objects.create(name="CLB Cũ", ward=old, founded_on=D(2023, 1, 1))
        Meeting.objects.create(club=old_club, held_on=D(2024, 3, 15), topics="x")
    as_of_2025 = _figures(
        coordinator, ReportFilters(**MARCH.__dict__), ward=new, as_of=D(2025, 7, 1)
    )
    assert as_of_2025["meetings_held"].value == 3  # 2 of the new ward's club + 1 of the old
    historical = _figures(
        coordinator,
        ReportFilters(**MARCH.__dict__),
        ward=new,
        ward_mode="historical",
        as_of=D(2025, 7, 1),
    )
    assert historical["meetings_held"].value == 2
    before_merger = _figures(
        coordinator, ReportFilters(**MARCH.__dict__), ward=new, as_of=D(2025, 6, 1)
    )
    assert before_merger["meetings_held"].value == 2


def test_writes_refresh_the_rollups(small, coordinator, django_capture_on_commit_callbacks):
    filters = ReportFilters(**MARCH.__dict__)
    before = _figures(coordinator, filters)["meetings_held"].value
    with django_capture_on_commit_callbacks(execute=True):
        meeting = Meeting.objects.create(club=small["club"], held_on=D(2024, 3, 28), topics="z")
    assert _figures(coordinator, ReportFilters(**MARCH.__dict__))["meetings_held"].value == (
        before + 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        meeting.held_on = D(2024, 5, 2)
        meeting.save()
    assert _figures(coordinator, ReportFilters(**MARCH.__dict__))["meetings_held"].value == before
    # The province total rows agree with the detail rows after the writes.
    total = sum(
        ReportRollup.objects.filter(is_total=True, indicator="meetings_held").values_list(
            "value", flat=True
        )
    )
    assert total == Meeting.objects.count()


def test_refresh_all_matches_refresh_on_write(small):
    def snapshot():
        return sorted(
            ReportRollup.objects.values_list(
                "indicator",
                "breakdown",
                "month",
                "is_total",
                "ward_id",
                "club_id",
                "campaign_id",
                "organiser",
                "value",
            )
        )

    rollups.refresh_all()
    everything = snapshot()
    rollups.refresh_wards({small["ward"].pk})
    assert snapshot() == everything


def test_leaders_see_only_their_club(small, demo):
    leader = get_user_model().objects.get(username="leader-cao-xanh")
    coordinator = get_user_model().objects.get(username="coordinator")
    own = Club.objects.get(roles__user=leader)
    year = ReportFilters(start=D(2024, 1, 1), end=D(2024, 12, 1))
    mine = build_report(user=leader, filters=year).figures
    theirs = build_report(
        user=coordinator, filters=ReportFilters(start=D(2024, 1, 1), end=D(2024, 12, 1), club=own)
    ).figures
    province = build_report(user=coordinator, filters=ReportFilters(**year.__dict__)).figures
    for key in ("meetings_held", "attendance_present", "cases_flagged", "members_active"):
        assert mine[key].value == theirs[key].value
    assert mine["meetings_held"].value < province["meetings_held"].value
    # Another club named in the filter is refused, and the leader's figures stay their own.
    from outreach.reports.forms import ReportFilterForm

    other = Club.objects.exclude(pk=own.pk).first()
    form = ReportFilterForm({"period": "year", "year": 2024, "club": other.pk}, user=leader)
    assert not form.is_valid() and "club" in form.errors


def test_meeting_logged_through_the_service_counts_its_bulk_attendance(
    small, coordinator, django_capture_on_commit_callbacks
):
    """Attendance rows are bulk-created (no model signals): clubs.signals.records_changed
    tells the rollups, so the attendance figures move when the meeting is logged."""
    from clubs import services

    club = small["club"]
    present = list(club.members.order_by("pk").values_list("pk", flat=True)[:1])
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_create(
            club=club,
            created_by=coordinator,
            held_on=D(2024, 5, 10),
            kind=Meeting.Kind.MONTHLY,
            topics="Tháng 5",
            present_member_ids=present,
        )
    may = ReportFilters(start=D(2024, 5, 1), end=D(2024, 5, 1))
    f = _figures(coordinator, may, club=club)
    # On 10/05/2024 the roster is the two members still in the club (one left on 31/03).
    assert f["attendance_recorded"].value == 2
    assert f["attendance_present"].value == 1
    # A correction writes with update() and bulk_update only: no model signal at all.
    everyone = list(club.members.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            meeting=meeting,
            version=meeting.version,
            held_on=meeting.held_on,
            kind=meeting.kind,
            topics=meeting.topics,
            present_member_ids=everyone,
        )
    may = ReportFilters(start=D(2024, 5, 1), end=D(2024, 5, 1))
    assert _figures(coordinator, may, club=club)["attendance_present"].value == 2
