"""Issue 8's load test: 50 field users syncing and 100 readers at once, on PostgreSQL.

gunicorn with 2 workers (core 0) sharing cache, page cache and sessions in Redis
(``REDIS_URL``, else database 13 of the local Redis) on PostgreSQL: ``DATABASE_URL`` when it
is PostgreSQL, otherwise a temporary database made (migrate + load_demo) and dropped by this
benchmark.
50 field accounts (``bench-field-NN``, board members of the demo clubs, each with its own
two-factor verified session) are created in that bench database only.

For ``LOAD_SECONDS`` (default 120), from Python threads on core 1:
- each field user sends new members of its club through the real sync endpoint (sealed
  envelope, a unique ``Idempotency-Key``); every fourth send is a replay of its previous
  item (same key, same content), which must be answered 200 with the original receipt;
- each of 100 anonymous readers reads the home, article and quiz pages in turn;
- every user waits ``THINK_SECONDS`` (default 1) between requests, as people do.
Afterwards the database must hold each new member exactly once (0 lost, 0 doubled) and no
request may have failed (errors = 0). p50/p95 per kind of request.

    BENCH=load make bench              # LOAD_SECONDS=30 for a short run
"""

import json
import os
import statistics
import threading
import time
import uuid

import requests

from tests.bench import stack
from tests.bench.bench_http import PAGES

FIELD_USERS = 50
READERS = 100
WORKERS = 2
REPLAY_EVERY = 4
TIMEOUT_SECONDS = 60


# --- run inside the bench database (stack.run_django) --------------------------------------


def prepare(count: int) -> list[dict]:
    """Make *count* field accounts on the board of the demo clubs, each with a verified
    session; return what the load needs about each."""
    from django.contrib.auth import get_user_model

    from clubs.models import Club, ClubRole
    from config.demo import enrol_demo_device

    clubs = list(Club.objects.filter(ward__valid_to__isnull=False).order_by("pk"))
    users = []
    for index in range(count):
        user, _created = get_user_model().objects.get_or_create(
            username=f"bench-field-{index + 1:02d}"
        )
        user.set_unusable_password()  # never signs in by password: its session is made here
        user.save()
        club = clubs[index % len(clubs)]
        ClubRole.objects.get_or_create(user=user, club=club, role=ClubRole.Role.SECRETARY)
        enrol_demo_device(user)
        users.append(
            {
                "username": user.username,
                "user_id": user.pk,
                "club_id": club.pk,
                "cookies": stack.signed_in_cookies(user.username),
            }
        )
    return users


def count_rows(prefix: str, keys: list[str]) -> dict:
    from clubs.models import Member
    from config.models import SyncReceipt

    rows = Member.objects.filter(full_name__startswith=prefix)
    return {
        "rows": rows.count(),
        "distinct": rows.values("full_name").distinct().count(),
        "receipts": SyncReceipt.objects.filter(uuid__in=keys).count(),
    }


# --- the load ------------------------------------------------------------------------------


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}
        self.errors = {}
        self.sent = []  # (name, key) of every new item answered 201

    def record(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds * 1000)
            if error:
                self.errors.setdefault(kind, []).append(error)


def _seal(name: str, key: str, user_id: int, club_id: int) -> str:
    from config.sync_crypto import seal_envelope

    fields = {
        "full_name": [name],
        "category": ["volunteer"],
        "phone": [""],
        "residential_area": ["Khu 5"],
        "board_role": ["member"],
        "joined_on": ["01/10/2026"],
    }
    payload = json.dumps({"fields": fields, "files": {}}).encode()
    return json.dumps(seal_envelope(payload, aad=f"{key}:{user_id}".encode()))


def field_user(base, account, prefix, deadline, think, recorder, sent_keys):
    session = requests.Session()
    session.cookies.update(account["cookies"])
    url = f"{base}/field/clubs/{account['club_id']}/members/new/"
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": account["cookies"]["csrftoken"],
    }
    previous = None
    number = 0
    while time.monotonic() < deadline:
        if previous is not None and number % REPLAY_EVERY == 0:
            kind, (key, body) = "sync_replay", previous
            expected = 200
        else:
            key = str(uuid.uuid4())
            name = f"{prefix}{account['username']} {number}"
            body = _seal(name, key, account["user_id"], account["club_id"])
            kind, expected = "sync_new", 201
        number += 1
        started = time.perf_counter()
        error = None
        try:
            answer = session.post(
                url,
                data=body,
                headers={**headers, "Idempotency-Key": key},
                timeout=TIMEOUT_SECONDS,
            )
            receipt = answer.json() if "json" in answer.headers.get("Content-Type", "") else {}
            if answer.status_code != expected or receipt.get("uuid") != key:
                error = f"{answer.status_code} {str(receipt)[:120]}"
        except requests.RequestException as failure:
            error = type(failure).__name__
        recorder.record(kind, time.perf_counter() - started, error)
        if kind == "sync_new":
            with recorder.lock:
                sent_keys.append(key)
            previous = (key, body)
        time.sleep(think)


def reader(base, deadline, think, recorder, offset):
    session = requests.Session()
    pages = list(PAGES.items())
    turn = offset
    while time.monotonic() < deadline:
        name, path = pages[turn % len(pages)]
        turn += 1
        started = time.perf_counter()
        error = None
        try:
            answer = session.get(base + path, timeout=TIMEOUT_SECONDS)
            if answer.status_code != 200:
                error = str(answer.status_code)
        except requests.RequestException as failure:
            error = type(failure).__name__
        recorder.record(f"reader_{name}", time.perf_counter() - started, error)
        time.sleep(think)


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "requests": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


def load(database_url: str, seconds: int, think: float, redis_url) -> dict:
    accounts = stack.run_django(
        "tests.bench.bench_load:prepare",
        FIELD_USERS,
        database_url=database_url,
        redis_url=redis_url,
    )
    prefix = f"Tải Thử {uuid.uuid4().hex[:6]} "
    recorder = Recorder()
    sent_keys = []
    with stack.Server(
        workers=WORKERS, cache_seconds=300, database_url=database_url, redis_url=redis_url
    ) as server:
        for path in PAGES.values():  # renditions made before the clock starts
            requests.get(server.url + path, timeout=TIMEOUT_SECONDS)
        os.sched_setaffinity(0, {int(stack.LOAD_CPUS)})
        try:
            deadline = time.monotonic() + seconds
            threads = [
                threading.Thread(
                    target=field_user,
                    args=(server.url, a, prefix, deadline, think, recorder, sent_keys),
                    daemon=True,
                )
                for a in accounts
            ]
            threads += [
                threading.Thread(
                    target=reader,
                    args=(server.url, deadline, think, recorder, index),
                    daemon=True,
                )
                for index in range(READERS)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=max(1, deadline - time.monotonic()) + TIMEOUT_SECONDS + 5)
            elapsed = time.perf_counter() - started
            stuck = sum(1 for thread in threads if thread.is_alive())
        finally:
            os.sched_setaffinity(0, set(range(os.cpu_count())))
    counted = stack.run_django(
        "tests.bench.bench_load:count_rows", prefix, sent_keys, database_url=database_url
    )
    new = len(recorder.latencies.get("sync_new", []))
    answered = sum(len(v) for v in recorder.latencies.values())
    return {
        "seconds": round(elapsed, 1),
        # Over the load window (the last answers come in after it closes).
        "requests_per_second": round(answered / seconds, 1),
        "think_seconds": think,
        "kinds": {kind: _percentiles(v) for kind, v in sorted(recorder.latencies.items())},
        "errors": {kind: len(e) for kind, e in recorder.errors.items()},
        "error_samples": {kind: e[:3] for kind, e in recorder.errors.items()},
        "threads_still_running": stuck,
        "sync_new_sent": new,
        "sync_new_with_receipt": len(sent_keys) - len(recorder.errors.get("sync_new", [])),
        "rows": counted["rows"],
        "receipts": counted["receipts"],
        # Every new item was sent once and each must be a row exactly once.
        "lost": new - counted["distinct"],
        "doubled": counted["rows"] - counted["distinct"],
    }


def run() -> dict:
    seconds = int(os.environ.get("LOAD_SECONDS", "120"))
    think = float(os.environ.get("THINK_SECONDS", "1"))
    # Two processes share cache, page cache and sessions in Redis, as in production. A
    # database number of its own keeps the benchmark apart from other users of the server.
    redis_url = os.environ.get("REDIS_URL") or os.environ.get(
        "SAFEWARD_BENCH_REDIS", "redis://127.0.0.1:6379/13"
    )
    if not stack.redis_available(redis_url):
        redis_url = None
    database_url = os.environ["DATABASE_URL"]
    if stack.database_is_postgres(database_url):
        figures = load(database_url, seconds, think, redis_url)
        where = "DATABASE_URL (PostgreSQL)"
    else:
        try:
            with stack.temporary_postgres() as temporary:
                stack.manage("migrate", "--noinput", database_url=temporary)
                stack.manage("load_demo", database_url=temporary)
                figures = load(temporary, seconds, think, redis_url)
        except Exception as error:  # noqa: BLE001 - reported in the figures, not hidden
            if "psycopg" in type(error).__module__:
                return {"skipped": f"no PostgreSQL to make a temporary database: {error}"}
            raise
        where = "a temporary PostgreSQL database made for this run"
    errors = sum(figures["errors"].values())
    shared = f"Redis {redis_url}" if redis_url else "local memory and the database (no Redis)"
    return {
        "setup": (
            f"gunicorn {WORKERS} workers taskset -c {stack.SERVER_CPUS}, page cache 300 s, "
            f"on {where}; cache and sessions in {shared}; {FIELD_USERS} field users (own "
            f"sessions, every {REPLAY_EVERY}th send a replay) and {READERS} anonymous readers "
            f"as Python threads taskset -c {stack.LOAD_CPUS}; {seconds} s; {think} s think "
            f"time between requests; CONN_MAX_AGE={os.environ.get('CONN_MAX_AGE', '0')}"
        ),
        **figures,
        "targets": {
            "errors": stack.met(errors, 0, at_least=False),
            "lost": stack.met(figures["lost"], 0, at_least=False),
            "doubled": stack.met(figures["doubled"], 0, at_least=False),
            "all_threads_finished": stack.met(figures["threads_still_running"], 0, at_least=False),
        },
    }
