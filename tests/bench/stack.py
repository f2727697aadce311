"""Shared pieces of the benchmarks that drive a real server (the ONE place for them).

- ``prepare_environment()``: the environment every benchmark process and server shares:
  ``config.settings.bench``, a throw-away SQLite database unless ``DATABASE_URL`` is set,
  temporary media and static folders.
- ``collect_static()``: the manifest (hashed, compressed) static files WhiteNoise serves.
- ``Server``: gunicorn (``config.wsgi``) with N workers pinned to core 0 by ``taskset``.
- ``wrk()``: wrk pinned to core 1, reporting JSON (requests/s, p50/p95/p99, errors, non-2xx)
  through ``wrk_report.lua``; ``median_runs()`` takes the median of 3 runs per figure.
- ``signed_in_cookies()``: a signed-in session made server-side, two-factor verified for
  staff (django-otp's ``otp_device_id``), as if the user had typed their code.
- ``run_django()``: call a function in a separate Django process on another database (the
  load test's temporary PostgreSQL database).
"""

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
LUA_REPORT = Path(__file__).with_name("wrk_report.lua")
SETTINGS = "config.settings.bench"
SERVER_CPUS = "0"
LOAD_CPUS = "1"
WRK_JSON_MARK = "SAFEWARD-WRK-JSON "


def python() -> str:
    candidate = VENV_BIN / "python"
    return str(candidate) if candidate.exists() else sys.executable


def prepare_environment() -> dict:
    """Set (once) the environment that run.py, its servers and helper processes share."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    if os.environ.get("SAFEWARD_BENCH_TMP"):
        return dict(os.environ)
    tmp = Path(tempfile.mkdtemp(prefix="safeward-bench-"))
    os.environ["SAFEWARD_BENCH_TMP"] = str(tmp)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ["SAFEWARD_PRIVATE_MEDIA_ROOT"] = str(tmp / "private_media")
    os.environ["STATIC_ROOT"] = str(tmp / "static")
    return dict(os.environ)


def collect_static() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def database_is_postgres(url: str | None = None) -> bool:
    url = url if url is not None else os.environ.get("DATABASE_URL", "")
    return url.startswith(("postgres://", "postgresql://"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def have(command: str) -> bool:
    return shutil.which(command) is not None


class Server:
    """gunicorn serving SafeWard on a free loopback port, pinned to ``cpus`` by taskset."""

    def __init__(
        self, *, workers=1, cache_seconds=0, database_url=None, redis_url=None, cpus=SERVER_CPUS
    ):
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "SAFEWARD_PAGE_CACHE_SECONDS": str(cache_seconds),
            "WAGTAILADMIN_BASE_URL": self.url,
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.cpus = cpus
        self.log = Path(os.environ.get("SAFEWARD_BENCH_TMP", tempfile.gettempdir())) / (
            f"gunicorn-{self.port}.log"
        )
        self.process = None

    def start(self, timeout=60) -> "Server":
        command = [
            "taskset",
            "-c",
            self.cpus,
            str(VENV_BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
        log = self.log.open("ab")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log.read_text()[-3000:]
                raise RuntimeError(f"gunicorn exited: see {self.log}\n{tail}")
            try:
                with urllib.request.urlopen(self.url + "/sync/csrf/", timeout=5) as answer:
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout} s: see {self.log}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # Our own process group only (start_new_session): gunicorn's master and its workers.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def wrk(
    url: str,
    *,
    connections: int = 1,
    seconds: int = 5,
    headers: dict | None = None,
    cpus: str = LOAD_CPUS,
) -> dict:
    """One wrk run pinned to *cpus*: rps, latency percentiles in ms, errors and non-2xx."""
    command = ["taskset", "-c", cpus, "wrk", "-t", "1", "-c", str(connections)]
    command += ["-d", f"{seconds}s", "--timeout", "10s", "-s", str(LUA_REPORT)]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    for line in done.stdout.splitlines():
        if line.startswith(WRK_JSON_MARK):
            return json.loads(line.removeprefix(WRK_JSON_MARK))
    raise RuntimeError(f"wrk gave no report: {done.stdout}\n{done.stderr}")


def median_runs(measure, runs: int = 3) -> dict:
    """Call *measure* (returning a dict of numbers) *runs* times; the median of each figure,
    with every run kept for the record."""
    results = [measure() for _ in range(runs)]
    median = {
        key: round(statistics.median(r[key] for r in results), 2)
        for key in results[0]
        if isinstance(results[0][key], int | float)
    }
    median["runs"] = results
    return median


def signed_in_cookies(username: str) -> dict:
    """Cookies of a fresh signed-in session for *username*, made in the database the
    current Django process uses, two-factor verified when the account has a device."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.middleware.csrf import _get_new_csrf_string
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    from config.accounts import SESSION_AUTH_AT

    user = get_user_model().objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[SESSION_AUTH_AT] = int(time.time())
    device = next(iter(devices_for_user(user, confirmed=True)), None)
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return {settings.SESSION_COOKIE_NAME: store.session_key, "csrftoken": _get_new_csrf_string()}


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def run_django(function: str, *args, database_url: str, redis_url=None, timeout: int = 900):
    """Run ``module:function(*args)`` in a separate Django process on *database_url* (and
    *redis_url*, for sessions and caches); return what it returns (JSON-serialisable)."""
    code = (
        "import json, sys, importlib, django; django.setup(); "
        "m, f = sys.argv[1].split(':'); "
        "r = getattr(importlib.import_module(m), f)(*json.loads(sys.argv[2])); "
        "print('SAFEWARD-RESULT ' + json.dumps(r))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": database_url}
    if redis_url:
        env["REDIS_URL"] = redis_url
    done = subprocess.run(
        [python(), "-c", code, function, json.dumps(list(args))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    for line in done.stdout.splitlines():
        if line.startswith("SAFEWARD-RESULT "):
            return json.loads(line.removeprefix("SAFEWARD-RESULT "))
    raise RuntimeError(f"{function} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


def manage(*args: str, database_url: str, timeout: int = 900) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": database_url}
    subprocess.run(
        [python(), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=timeout,
        stdout=subprocess.DEVNULL,
    )


@contextmanager
def temporary_postgres(name_prefix: str = "safeward_bench_load"):
    """A PostgreSQL database made for this run and dropped after it; yields its URL.

    The server comes from ``SAFEWARD_BENCH_PG`` (default the local one, user postgres)."""
    import psycopg

    server = os.environ.get("SAFEWARD_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    name = f"{name_prefix}_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def met(value, target, *, at_least: bool) -> dict:
    """A figure with its target and whether it is met."""
    if value is None:
        return {"value": None, "target": target, "met": False}
    ok = value >= target if at_least else value <= target
    return {"value": value, "target": f"{'>=' if at_least else '<='} {target}", "met": bool(ok)}


class ByteCountingProxy:
    """A loopback TCP proxy in front of a server that counts the bytes crossing it.

    Everything a browser fetches (its pages' requests and its service worker's) goes through
    it, so ``bytes_down`` is what actually crossed the network, headers included, whatever
    answered from a cache inside the browser. ``paths`` lists the requests seen.
    """

    REQUEST_LINE = re.compile(rb"(?:GET|POST|HEAD|PUT|PATCH|DELETE|OPTIONS) (\S+) HTTP/1\.[01]")

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.lock = threading.Lock()
        self.reset()
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def reset(self) -> None:
        with self.lock:
            self.bytes_down = 0
            self.bytes_up = 0
            self.paths = []

    def _accept(self) -> None:
        while self.running:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source, destination, upwards: bool) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                with self.lock:
                    if upwards:
                        self.bytes_up += len(data)
                        self.paths += [m.decode() for m in self.REQUEST_LINE.findall(data)]
                    else:
                        self.bytes_down += len(data)
                destination.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, destination):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.running = False
        self.listener.close()


def redis_available(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except Exception:  # noqa: BLE001 - any failure means: not usable here
        return False
