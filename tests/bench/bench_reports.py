"""Reports benchmark (issue 7 targets).

For each data set (``REPORTS_SIZES``, default ``5x4,177x10,3321x10``: wards x years), adds
synthetic wards with ``generate_synthetic`` (data sets accumulate: each is measured with the
smaller ones still in the database; the figures report what was really there), rebuilds the
rollups, then times as the coordinator:

- the admin dashboard for last year and for the whole data set (a custom period over every
  year), p50/p95 over ``REPORTS_REPEAT`` requests (default 20), and its query count;
- the admin dashboard filtered to one ward, and a club leader's field dashboard (queries);
- the Excel report of the whole data set.

Targets (PostgreSQL): dashboard p95 <= 300 ms at 177 x 10, <= 1 s at 3,321 x 10; queries
per dashboard constant; time growing less than linearly with the data.

    make bench BENCH=reports
    REPORTS_SIZES=5x4,177x10 make bench BENCH=reports
    REPORTS_MEASURE_ONLY=1 REPORTS_SIZES=3321x10 DATABASE_URL=... make bench BENCH=reports
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/safeward_bench make bench BENCH=reports
"""

import datetime
import io
import os
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

TARGET_P95_MS = {"177x10": 300, "3321x10": 1000}


def _client(username: str) -> Client:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _time(client: Client, url: str, repeat: int) -> dict:
    # Django clears its query log when a request starts: count through a wrapper instead.
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "queries": len(queries),
        "bytes": len(response.content),
    }


def _sizes() -> list[tuple[int, int]]:
    raw = os.environ.get("REPORTS_SIZES") or "5x4,177x10,3321x10"
    return [tuple(int(part) for part in size.split("x")) for size in raw.split(",") if size]


def _counts() -> dict:
    from clubs.models import Attendance, Club, Meeting
    from outreach.campaigns.models import Activity
    from outreach.cases.models import Case
    from outreach.materials.models import Distribution
    from outreach.reports.models import ReportRollup

    return {
        "clubs": Club.objects.count(),
        "meetings": Meeting.objects.count(),
        "attendance_rows": Attendance.objects.count(),
        "distributions": Distribution.objects.count(),
        "activities": Activity.objects.count(),
        "cases": Case.objects.count(),
        "rollup_rows": ReportRollup.objects.count(),
    }


def run() -> dict:
    from clubs.models import Club
    from outreach.reports import rollups

    repeat = int(os.environ.get("REPORTS_REPEAT") or 20)
    # Measure a database already filled (by an earlier run with the same DATABASE_URL).
    measure_only = bool(os.environ.get("REPORTS_MEASURE_ONLY"))
    coordinator = _client("coordinator")
    leader = _client("leader-cao-xanh")
    today = datetime.date.today()
    results = {
        "database": connection.vendor,
        "repeat": repeat,
        "measure_only": measure_only,
        "sets": {},
    }
    for seed, (wards, years) in enumerate(_sizes(), start=1):
        name = f"{wards}x{years}"
        generated = refreshed = 0.0
        if not measure_only:
            started = time.perf_counter()
            call_command(
                "generate_synthetic",
                wards=wards,
                years=years,
                seed=100 + seed,
                no_refresh=True,
                stdout=io.StringIO(),
            )
            generated = time.perf_counter() - started
            started = time.perf_counter()
            rollups.refresh_all()
            refreshed = time.perf_counter() - started
        first_year = today.year - 9
        whole = f"?period=custom&start=01/01/{first_year}&end=31/12/{today.year}"
        last_year = f"?period=year&year={today.year - 1}"
        ward_id = Club.objects.order_by("-pk").values_list("ward_id", flat=True).first()
        figures = {
            "size": _counts(),
            "generate_seconds": round(generated, 1),
            "refresh_rollups_seconds": round(refreshed, 1),
            "dashboard_last_year": _time(coordinator, "/admin/reports/" + last_year, repeat),
            "dashboard_whole_data_set": _time(coordinator, "/admin/reports/" + whole, repeat),
            "dashboard_one_ward": _time(
                coordinator,
                f"/admin/reports/{whole}&ward={ward_id}&ward_mode=historical",
                max(5, repeat // 4),
            ),
            "field_dashboard_leader": _time(leader, "/field/reports/" + whole, max(5, repeat // 4)),
        }
        started = time.perf_counter()
        response = coordinator.get("/admin/reports/report.xlsx" + whole)
        assert response.status_code == 200
        figures["xlsx_whole_data_set"] = {
            "seconds": round(time.perf_counter() - started, 2),
            "bytes": len(response.content),
        }
        target = TARGET_P95_MS.get(name)
        if target is not None:
            worst = max(
                figures["dashboard_last_year"]["p95_ms"],
                figures["dashboard_whole_data_set"]["p95_ms"],
            )
            figures["target_p95_ms"] = target
            figures["target_met"] = worst <= target
        results["sets"][name] = figures
        print(name, figures, flush=True)
    queries = {
        name: figures["dashboard_whole_data_set"]["queries"]
        for name, figures in results["sets"].items()
    }
    results["queries_constant"] = len(set(queries.values())) == 1
    return results
