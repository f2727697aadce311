"""Requests/s and latency of the public pages and the dashboard (issue 9), with wrk.

gunicorn with ONE worker on core 0, wrk on core 1 (tests/bench/stack.py), every figure the
median of 3 runs. For each page: one connection for the latency figures (p50/p95/p99), 16
connections for requests/s; every request says ``Accept-Encoding: gzip, deflate, br`` as a
phone's browser does. Twice: uncached (``SAFEWARD_PAGE_CACHE_SECONDS=0``) and cached
(``SAFEWARD_PAGE_CACHE_SECONDS=300``). The dashboard is fetched with a signed-in, two-factor
verified coordinator session, so it is never served from the public page cache.

A static file (the site's CSS, served by WhiteNoise with no view) is measured the same way
as a baseline of what the machine and the stack cost before SafeWard's own code runs.

Bytes per page: the HTML as served (raw, and gzip-compressed at level 6 as a compressing
proxy would send it) and the page's CSS and JS as WhiteNoise serves them to a browser that
accepts gzip.

    BENCH=http make bench                 # BENCH_SECONDS=10 for longer runs (default 5)
"""

import gzip
import os
import re
import urllib.request

from tests.bench import stack

PAGES = {
    "home": "/",
    "article": "/bai-viet/viec-nhe-luong-cao/",
    "quiz": "/trac-nghiem/viec-lam-o-nuoc-ngoai/",
}
# The coordinator's dashboard: the reports page (every ward, the current year).
DASHBOARD_URL = "/admin/reports/"
DASHBOARD_USER = "coordinator"
CACHE_SECONDS = 300
RPS_CONNECTIONS = 16
# What a phone's browser sends: public pages come back gzip-compressed.
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
CACHE_HEADER = "X-SafeWard-Cache"

# Targets (issue 9): the bakerydemo blog page gives about 30 requests/s on one core here.
BAKERYDEMO_BLOG_RPS = 30
UNCACHED_ARTICLE_RPS_MIN = 1.5 * BAKERYDEMO_BLOG_RPS
UNCACHED_ARTICLE_P95_MS_MAX = 50
CACHED_ARTICLE_RPS_MIN = 1000
CACHED_ARTICLE_P95_MS_MAX = 5


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, dict(answer.headers), answer.read()


def page_bytes(base: str, path: str, headers: dict) -> dict:
    status, answer_headers, html = _get(base + path, headers)
    assert status == 200, (path, status)
    _status, compressed_headers, on_wire = _get(base + path, {**headers, **BROWSER})
    text = html.decode()
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', text)
    asset_bytes = 0
    for asset in assets:
        _status, _h, body = _get(base + asset, {"Accept-Encoding": "gzip"})
        asset_bytes += len(body)
    return {
        "html_bytes": len(html),
        "html_gzip_bytes": len(gzip.compress(html, compresslevel=6)),
        "html_bytes_as_served_to_a_browser": len(on_wire),
        "html_content_encoding": compressed_headers.get("Content-Encoding", "identity"),
        "css_js_bytes_gzip_as_served": asset_bytes,
        "css_js_files": len(assets),
    }


def measure_page(base: str, path: str, seconds: int, headers: dict) -> dict:
    url = base + path
    headers = {**BROWSER, **headers}
    for _ in range(20):  # warm: renditions made, templates and (when on) the cache filled
        _status, answer_headers, _body = _get(url, headers)
    latency = stack.median_runs(
        lambda: stack.wrk(url, connections=1, seconds=seconds, headers=headers)
    )
    throughput = stack.median_runs(
        lambda: stack.wrk(url, connections=RPS_CONNECTIONS, seconds=seconds, headers=headers)
    )
    return {
        "url": path,
        # The page cache's own header: "hit" proves the cached figures are cached.
        "cache": answer_headers.get(CACHE_HEADER, "absent"),
        "p50_ms": latency["p50_ms"],
        "p95_ms": latency["p95_ms"],
        "p99_ms": latency["p99_ms"],
        "rps_1_connection": latency["rps"],
        "rps": throughput["rps"],
        "rps_p95_ms": throughput["p95_ms"],
        "errors": max(r["errors"] for r in latency["runs"] + throughput["runs"]),
        "non2xx": max(r["non2xx"] for r in latency["runs"] + throughput["runs"]),
        "runs": {"latency_1_connection": latency["runs"], "rps": throughput["runs"]},
    }


def run_mode(cache_seconds: int, seconds: int) -> dict:
    staff = stack.cookie_header(stack.signed_in_cookies(DASHBOARD_USER))
    figures = {}
    with stack.Server(workers=1, cache_seconds=cache_seconds) as server:
        for name, path in PAGES.items():
            figures[name] = measure_page(server.url, path, seconds, {})
        figures["dashboard"] = measure_page(server.url, DASHBOARD_URL, seconds, {"Cookie": staff})
        # Baseline: a static file WhiteNoise answers without any Django view. What the machine
        # and the stack cost before SafeWard's own code runs.
        _status, _headers, html = _get(server.url + PAGES["article"])
        css = re.search(r'<link rel="stylesheet" href="([^"]+)"', html.decode(errors="replace"))
        figures["static_css_baseline"] = measure_page(server.url, css.group(1), seconds, {})
        if cache_seconds == 0:
            for name, path in PAGES.items():
                figures[name]["bytes"] = page_bytes(server.url, path, {})
            figures["dashboard"]["bytes"] = page_bytes(server.url, DASHBOARD_URL, {"Cookie": staff})
    return figures


def run() -> dict:
    if not (stack.have("wrk") and stack.have("taskset")):
        return {"skipped": "wrk or taskset is missing: apt-get install wrk util-linux"}
    seconds = int(os.environ.get("BENCH_SECONDS", "5"))
    uncached = run_mode(0, seconds)
    cached = run_mode(CACHE_SECONDS, seconds)
    article, cached_article = uncached["article"], cached["article"]
    return {
        "setup": (
            f"gunicorn config.wsgi, 1 sync worker, taskset -c {stack.SERVER_CPUS}; "
            f"wrk -t1 taskset -c {stack.LOAD_CPUS}; {seconds} s per run, median of 3; "
            f"latency at 1 connection, rps at {RPS_CONNECTIONS} connections; "
            f"database {os.environ['DATABASE_URL'].split(':')[0]}"
        ),
        "uncached": uncached,
        "cached": cached,
        "targets": {
            "uncached_article_rps": stack.met(
                article["rps"], UNCACHED_ARTICLE_RPS_MIN, at_least=True
            ),
            "uncached_article_p95_ms": stack.met(
                article["p95_ms"], UNCACHED_ARTICLE_P95_MS_MAX, at_least=False
            ),
            "cached_article_rps": stack.met(
                cached_article["rps"], CACHED_ARTICLE_RPS_MIN, at_least=True
            ),
            "cached_article_p95_ms": stack.met(
                cached_article["p95_ms"], CACHED_ARTICLE_P95_MS_MAX, at_least=False
            ),
            "cached_article_is_a_cache_hit": {
                "value": cached_article["cache"],
                "target": "hit",
                "met": cached_article["cache"] == "hit",
            },
            "no_errors": stack.met(
                sum(
                    p["errors"] + p["non2xx"] for mode in (uncached, cached) for p in mode.values()
                ),
                0,
                at_least=False,
            ),
        },
    }
