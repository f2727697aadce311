"""Lighthouse mobile performance of home, article and quiz, and the article's bytes (issue 9).

Lighthouse 12 (npm ``lighthouse``, installed by ``make bench`` into bench/node/) drives
Debian's Chromium (``CHROME_PATH=/usr/bin/chromium``) against the bench gunicorn (2 workers,
so a page's parallel requests are not queued behind one process; public page cache on).
Mobile form factor, two profiles, each the median of ``LIGHTHOUSE_RUNS`` runs (default 3):

- ``default``: Lighthouse's own mobile throttling (simulated: 150 ms RTT, 1.6 Mbps, 4x CPU).
- ``3g``: 300 ms RTT, 700 kbps, 6x CPU slowdown, also with the SIMULATE method
  (``--throttling-method=simulate``: Lighthouse loads the page unthrottled and computes the
  metrics a 3G phone would see with its Lantern model).

Figures: performance score, LCP, TBT, CLS, total bytes. For every target missed, the
audits Lighthouse scores worst in the performance category (the main cause it names).

Article bytes: first visit (fresh Chromium profile, the page with its image, plus what the
service worker fetches when it installs) and repeat visit (the same profile opened again,
worker installed and controlling: the second load). Both are counted by a byte-counting
proxy in front of gunicorn, so only bytes that actually crossed the network count, headers
included, whoever fetched them (page or worker).

    BENCH=lighthouse make bench
"""

import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tests.bench import stack
from tests.bench.bench_http import PAGES

LIGHTHOUSE = stack.ROOT / "bench" / "node" / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run --disable-sync"
)
PROFILES = {
    "default": [],
    "3g": [
        "--throttling-method=simulate",
        "--throttling.rttMs=300",
        "--throttling.throughputKbps=700",
        "--throttling.cpuSlowdownMultiplier=6",
    ],
}
KB = 1024
TARGETS = {
    "default": {"score": 95, "tbt_ms": 50, "cls": 0.05},
    "3g": {"score": 90, "lcp_ms": 2500, "tbt_ms": 50, "cls": 0.05},
}
FIRST_VISIT_MAX = 100 * KB
REPEAT_VISIT_MAX = 15 * KB


def _lighthouse(url: str, profile: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="safeward-lh-") as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance",
            "--form-factor=mobile",
            f"--chrome-flags={CHROME_FLAGS}",
            *PROFILES[profile],
        ]
        env = {**os.environ, "CHROME_PATH": CHROME_PATH}
        for attempt in range(2):  # a Chromium that fails to start gets one more chance
            done = subprocess.run(command, env=env, timeout=300, capture_output=True, text=True)
            if done.returncode == 0:
                break
            if attempt:
                raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
        data = json.loads(report.read_text())
    audits = data["audits"]
    causes = []
    for ref in data["categories"]["performance"]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        # Metrics carry a weight; the causes are the diagnostics and insights that fail.
        if ref.get("weight") or score is None or score >= 0.9:
            continue
        causes.append(
            {
                "audit": ref["id"],
                "title": audit.get("title"),
                "display": audit.get("displayValue"),
                "score": score,
            }
        )
    causes.sort(key=lambda c: c["score"])
    long_tasks = [
        {"url": item.get("url"), "ms": round(item.get("duration", 0))}
        for item in (audits.get("long-tasks", {}).get("details") or {}).get("items", [])[:3]
    ]
    return {
        "score": round(data["categories"]["performance"]["score"] * 100),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "total_bytes": round(audits["total-byte-weight"]["numericValue"]),
        "causes": causes[:5],
        "long_tasks": long_tasks,
        "main_thread": audits.get("mainthread-work-breakdown", {}).get("displayValue"),
        "lcp_element": (audits.get("largest-contentful-paint-element", {}).get("displayValue")),
    }


def lighthouse_page(url: str, profile: str, runs: int) -> dict:
    results = [_lighthouse(url, profile) for _ in range(runs)]
    median = {
        key: statistics.median(r[key] for r in results)
        for key in ("score", "lcp_ms", "fcp_ms", "tbt_ms", "cls", "total_bytes")
    }
    # The causes of the run closest to the median score.
    closest = min(results, key=lambda r: abs(r["score"] - median["score"]))
    return {
        **median,
        "causes": closest["causes"],
        "long_tasks": closest["long_tasks"],
        "main_thread": closest["main_thread"],
        "runs": results,
    }


def _settle(page, seconds: float = 2.0) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(int(seconds * 1000))


def article_visits(server) -> dict:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, PHONE
    from tests.browser.test_outbox import LAUNCH_ARGS

    proxy = stack.ByteCountingProxy(server.port)
    profile = Path(tempfile.mkdtemp(prefix="safeward-lh-profile-"))
    url = proxy.url + PAGES["article"]
    try:
        with sync_playwright() as playwright:

            def open_context():
                return playwright.chromium.launch_persistent_context(
                    str(profile),
                    executable_path=CHROMIUM,
                    args=LAUNCH_ARGS,
                    viewport=PHONE,
                    locale="vi-VN",
                    service_workers="allow",
                )

            context = open_context()
            page = context.new_page()
            proxy.reset()
            page.goto(url)
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            _settle(page)
            first = {
                "bytes": proxy.bytes_down,
                "requests": len(proxy.paths),
                "paths": list(proxy.paths),
                "image_requests": sum(1 for p in proxy.paths if p.startswith("/media/")),
            }
            context.close()
            context = open_context()  # the reader comes back later: same profile
            page = context.new_page()
            proxy.reset()
            response = page.goto(url)
            _settle(page)
            controlled = page.evaluate("!!navigator.serviceWorker.controller")
            repeat = {
                "bytes": proxy.bytes_down,
                "requests": len(proxy.paths),
                "paths": list(proxy.paths),
                "page_from_service_worker": response.from_service_worker,
                "worker_controls_page": controlled,
            }
            context.close()
    finally:
        proxy.close()
        shutil.rmtree(profile, ignore_errors=True)
    return {"first_visit": first, "repeat_visit": repeat}


def _judge(figures: dict, profile: str) -> dict:
    target = TARGETS[profile]
    judged = {"score": stack.met(figures["score"], target["score"], at_least=True)}
    if "lcp_ms" in target:
        judged["lcp_ms"] = stack.met(figures["lcp_ms"], target["lcp_ms"], at_least=False)
    judged["tbt_ms"] = stack.met(figures["tbt_ms"], target["tbt_ms"], at_least=False)
    judged["cls"] = stack.met(figures["cls"], target["cls"], at_least=False)
    if not all(j["met"] for j in judged.values()):
        judged["main_causes"] = [
            f"{c['title']}" + (f" ({c['display']})" if c["display"] else "")
            for c in figures["causes"][:3]
        ]
        if not judged["tbt_ms"]["met"]:
            judged["main_causes"].insert(
                0,
                f"Main-thread work {figures['main_thread']}; long tasks: "
                + ", ".join(f"{t['url']} {t['ms']} ms" for t in figures["long_tasks"]),
            )
    return judged


def run() -> dict:
    if not LIGHTHOUSE.exists():
        return {"skipped": "lighthouse missing: npm install --prefix bench/node lighthouse@12"}
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    figures = {}
    targets = {}
    with stack.Server(workers=2, cache_seconds=300) as server:
        for name, path in PAGES.items():
            for profile in PROFILES:
                measured = lighthouse_page(server.url + path, profile, runs)
                figures.setdefault(name, {})[profile] = measured
                targets[f"{name}_{profile}"] = _judge(measured, profile)
        started = time.perf_counter()
        visits = article_visits(server)
        visits["seconds"] = round(time.perf_counter() - started, 1)
    targets["article_first_visit_bytes"] = stack.met(
        visits["first_visit"]["bytes"], FIRST_VISIT_MAX, at_least=False
    )
    targets["article_repeat_visit_bytes"] = stack.met(
        visits["repeat_visit"]["bytes"], REPEAT_VISIT_MAX, at_least=False
    )
    version = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "setup": (
            f"lighthouse {version}, mobile, {runs} runs per figure (median), Chromium "
            f"{CHROME_PATH}; gunicorn 2 workers taskset -c {stack.SERVER_CPUS}, page cache 300 s; "
            "3g = simulate throttling 300 ms RTT, 700 kbps, 6x CPU"
        ),
        "pages": figures,
        "article_visits": visits,
        "targets": targets,
    }
