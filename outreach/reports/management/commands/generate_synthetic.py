"""Synthetic data for load tests: N wards with a club each, Y years of their work.

    manage.py generate_synthetic --wards 177 --years 10 --seed 7

Everything is made with ``bulk_create`` (no signals), then the rollups are rebuilt once.
The wards are fictional (codes ``SYN00001`` ...) under a province "Tỉnh Thử nghiệm"; every
run adds a new batch named by its seed. Not for production databases.

The one writer that bypasses the apps' services, on purpose: millions of rows for the reports'
load tests cannot go through them one by one. It lives with the reports it feeds (it reads
nothing back, and nothing imports it) and writes what the services would (folded names,
normalised members).
"""

import datetime
import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clubs.models import Attendance, Club, Meeting, Member, Membership, Ward
from config.months import months_between
from outreach.campaigns.models import Activity, Campaign
from outreach.cases.models import Agency, Case, FollowUp, Referral
from outreach.materials.models import Distribution, Material
from outreach.reports import rollups

MEMBERS_PER_CLUB = 8
BATCH = 5000


def _months(years: int, today: datetime.date) -> list[datetime.date]:
    return months_between(datetime.date(today.year - years + 1, 1, 1), today)


class Command(BaseCommand):
    help = "Generate synthetic wards, clubs and Y years of records (load tests only)."

    def add_arguments(self, parser):
        parser.add_argument("--wards", type=int, required=True)
        parser.add_argument("--years", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-refresh", action="store_true")

    def handle(self, *args, wards, years, seed, no_refresh=False, **options):
        if not settings.SAFEWARD_DEMO_ALLOWED:
            raise CommandError("Synthetic data is refused with these settings (production).")
        if wards < 1 or years < 1:
            raise CommandError("--wards and --years must be at least 1.")
        started = time.perf_counter()
        counts = generate(wards=wards, years=years, seed=seed)
        generated = time.perf_counter() - started
        if not no_refresh:
            counts["rollup_rows"] = rollups.refresh_all()
        counts["generate_seconds"] = round(generated, 1)
        counts["total_seconds"] = round(time.perf_counter() - started, 1)
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))


@transaction.atomic
def generate(*, wards: int, years: int, seed: int) -> dict:
    rng = random.Random(seed)
    today = datetime.date.today()
    months = _months(years, today)
    with rollups.paused():
        province = Ward.objects.create(
            name=f"Tỉnh Thử nghiệm {seed}", kind=Ward.Kind.PROVINCE, code=f"SY{seed:04d}"[:10]
        )
        units = [
            Ward(
                name=f"Phường Thử {seed}-{n}",
                name_folded=f"phuong thu {seed}-{n}",
                kind=Ward.Kind.WARD,
                parent=province,
                code="",
            )
            for n in range(wards)
        ]
        Ward.objects.bulk_create(units, batch_size=BATCH)
        clubs = [
            Club(
                name=f"CLB Thử {seed}-{n}",
                name_folded=f"clb thu {seed}-{n}",
                ward=unit,
                founded_on=months[0],
            )
            for n, unit in enumerate(units)
        ]
        Club.objects.bulk_create(clubs, batch_size=BATCH)
        categories = [c.value for c in Member.Category]
        members = []
        for club in clubs:
            for n in range(MEMBERS_PER_CLUB):
                member = Member(
                    club=club, full_name=f"Thành viên {n}", category=rng.choice(categories)
                )
                member.normalize()
                members.append(member)
        Member.objects.bulk_create(members, batch_size=BATCH)
        Membership.objects.bulk_create(
            (Membership(member=m, joined_on=months[0]) for m in members), batch_size=BATCH
        )
        by_club = {}
        for member in members:
            by_club.setdefault(member.club_id, []).append(member.pk)

        material, _ = Material.objects.get_or_create(
            title="Tờ rơi thử nghiệm", kind=Material.Kind.OTHER
        )
        agency = Agency.objects.filter(active=True).first() or Agency.objects.create(
            name="Công an phường (thử)", kind=Agency.Kind.POLICE
        )
        campaigns = []
        for year in sorted({m.year for m in months}):
            campaigns.append(
                Campaign(
                    name=f"Tháng hành động {year} ({seed})",
                    name_folded=f"thang hanh dong {year} ({seed})",
                    organiser=rng.choice([c.value for c in Campaign.Organiser]),
                    theme=Campaign.Theme.NATIONAL_DAY,
                    starts_on=datetime.date(year, 1, 1),
                    ends_on=datetime.date(year, 12, 31),
                )
            )
        Campaign.objects.bulk_create(campaigns)
        campaign_of = {c.starts_on.year: c for c in campaigns}

        meetings, distributions, activities, cases = [], [], [], []
        counts = dict.fromkeys(("meetings", "attendance", "distributions", "activities"), 0)
        counts["cases"] = 0
        for club in clubs:
            for month in months:
                if rng.random() < 0.9:
                    meetings.append(
                        Meeting(
                            club=club,
                            held_on=month.replace(day=rng.randint(1, 28)),
                            kind=Meeting.Kind.MONTHLY,
                            topics="Sinh hoạt định kỳ",
                            guests_count=rng.randint(0, 10),
                        )
                    )
                if rng.random() < 0.5:
                    distributions.append(
                        Distribution(
                            material=material,
                            quantity=rng.randint(10, 200),
                            distributed_on=month.replace(day=rng.randint(1, 28)),
                            ward_id=club.ward_id,
                            club=club,
                            channel=Distribution.Channel.MEETING,
                        )
                    )
                if month.month % 3 == 0:
                    activities.append(
                        Activity(
                            campaign=campaign_of[month.year],
                            title="Buổi truyền thông",
                            title_folded="buoi truyen thong",
                            held_on=month.replace(day=15),
                            ward_id=club.ward_id,
                            kind=Activity.Kind.TALK,
                            sessions=1,
                            attendances=rng.randint(20, 150),
                            unique_participants=rng.randint(10, 20),
                            reach_zalo=rng.randint(0, 500),
                            reach_facebook=rng.randint(0, 500),
                        )
                    )
            for year in sorted({m.year for m in months}):
                cases.append(
                    Case(
                        club=club,
                        code=f"SY{seed}-{club.pk}-{year}",
                        target_group=Case.TargetGroup.AT_RISK,
                        next_follow_up_on=today + datetime.timedelta(days=rng.randint(-30, 60)),
                        created_at=datetime.datetime(
                            year, rng.randint(1, 12), 10, 9, tzinfo=datetime.UTC
                        ),
                    )
                )
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        counts["meetings"] = len(meetings)
        attendance = []
        for meeting in meetings:
            for member_id in by_club[meeting.club_id]:
                attendance.append(
                    Attendance(meeting=meeting, member_id=member_id, present=rng.random() < 0.8)
                )
                if len(attendance) >= BATCH * 4:
                    Attendance.objects.bulk_create(attendance, batch_size=BATCH)
                    counts["attendance"] += len(attendance)
                    attendance = []
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        counts["attendance"] += len(attendance)
        Distribution.objects.bulk_create(distributions, batch_size=BATCH)
        counts["distributions"] = len(distributions)
        Activity.objects.bulk_create(activities, batch_size=BATCH)
        counts["activities"] = len(activities)
        Case.objects.bulk_create(cases, batch_size=BATCH)
        counts["cases"] = len(cases)
        follow_ups, referrals = [], []
        for case in cases:
            opened = case.created_at.date()
            follow_ups.append(
                FollowUp(
                    case=case,
                    done_on=opened + datetime.timedelta(days=7),
                    method=FollowUp.Method.VISIT,
                    outcome=FollowUp.Outcome.STABLE,
                    next_due_on=opened + datetime.timedelta(days=37),
                )
            )
            if rng.random() < 0.3:
                referrals.append(
                    Referral(
                        case=case,
                        agency=agency,
                        received_on=opened + datetime.timedelta(days=8),
                        stage_on=opened + datetime.timedelta(days=8),
                    )
                )
        FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
        Referral.objects.bulk_create(referrals, batch_size=BATCH)
        counts["follow_ups"] = len(follow_ups)
        counts["referrals"] = len(referrals)
    return {"wards": wards, "years": years, **counts}
