# SafeWard: `make run` and `make test` are the whole quick start.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
WORKERS ?= 3
# Access log without query strings (a search may hold a name) or the referrer.
ACCESS_LOG_FORMAT ?= %(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s

.PHONY: run test install messages migrate demo serve-prod bench lint check clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed messages

# Compiled translations are built, not committed: with gettext's msgfmt when the machine has
# it, else with polib (a dev dependency), so a fresh machine needs nothing from apt.
messages: $(VENV)/.installed
	@if command -v msgfmt >/dev/null; then \
		$(PY) manage.py compilemessages --ignore=.venv -v 0; \
	else \
		echo "msgfmt not found: compiling translations with polib"; \
		$(PY) -c "import pathlib, polib; [polib.pofile(str(p)).save_as_mofile(str(p.with_suffix('.mo'))) for d in ('locale', 'locale_vendor') for p in pathlib.Path(d).rglob('*.po')]"; \
	fi

migrate: install
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Production-like server; needs the production environment variables (see README).
serve-prod: install
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py collectstatic --noinput -v 0
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/gunicorn config.wsgi \
		--bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --access-logformat '$(ACCESS_LOG_FORMAT)' \
		--env DJANGO_SETTINGS_MODULE=config.settings.production

# Benchmarks (not tests): BENCH=http,sync,... for some of them; figures in bench/results.json.
# Needs wrk and taskset (Debian: apt-get install wrk), npm for Lighthouse, PostgreSQL for
# the load test.
LIGHTHOUSE := bench/node/node_modules/.bin/lighthouse
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && { apt-get install -y -q wrk || { apt-get update -q && apt-get install -y -q wrk; }; }; } \
		|| echo "wrk missing and not root: apt-get install wrk (the HTTP benchmark is skipped)"
	@test -x $(LIGHTHOUSE) || npm install --prefix bench/node --no-audit --no-fund lighthouse@12 \
		|| echo "npm could not install lighthouse (the Lighthouse benchmark is skipped)"
	$(PY) tests/bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
