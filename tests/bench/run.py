"""Run SafeWard's benchmarks and write their figures to bench/results.json.

    make bench                      # every benchmark
    make bench BENCH=pages          # only tests/bench/bench_pages.py

Each ``tests/bench/bench_<name>.py`` has ``run() -> dict``. Benchmarks run with
``config.settings.bench`` (production-like, see there) against a throw-away SQLite database
(or ``DATABASE_URL``) filled by ``load_demo``, with the manifest static files collected into a
temporary folder; the ones that need a server start gunicorn through tests/bench/stack.py.
They are not part of ``make test``. Targets are reported next to the figures, never
asserted in tests.
"""

import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results.json"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.bench import stack

    stack.prepare_environment()
    import django

    django.setup()
    from django.core.management import call_command

    stack.collect_static()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def main(argv: list[str]) -> int:
    wanted = [name for name in (os.environ.get("BENCH") or "").split(",") if name]
    names = wanted or sorted(
        p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py")
    )
    setup_django()
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    failed = []
    for name in names:
        module = importlib.import_module(f"tests.bench.bench_{name}")
        load_before = os.getloadavg()
        started = time.perf_counter()
        try:
            figures = module.run()
        except Exception:  # one broken benchmark must not hide the others' figures
            failed.append(name)
            figures = {"error": traceback.format_exc(limit=5)}
            print(figures["error"], file=sys.stderr)
        figures["seconds"] = round(time.perf_counter() - started, 2)
        figures["measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        python = f"{platform.python_implementation()} {platform.python_version()}"
        figures["machine"] = f"{python}, {os.cpu_count()} cores"
        # Other work on the machine skews every figure: keep the load average next to them.
        figures["load_average_1min_before_after"] = [
            round(load_before[0], 2),
            round(os.getloadavg()[0], 2),
        ]
        results[name] = figures
        print(json.dumps({name: figures}, indent=2, ensure_ascii=False))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
