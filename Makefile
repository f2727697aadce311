# SafeWard: `make run` and `make test` are the whole quick start.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
WORKERS ?= 3

.PHONY: run test install messages migrate demo serve-prod bench lint check clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed messages

# Compiled translations are built, not committed.
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "msgfmt missing: install gettext (apt-get install -y gettext)"; exit 1; }
	$(PY) manage.py compilemessages --ignore=.venv -v 0

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
		--bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --env DJANGO_SETTINGS_MODULE=config.settings.production

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
