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
		--bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --access-logformat '$(ACCESS_LOG_FORMAT)' \
		--env DJANGO_SETTINGS_MODULE=config.settings.production

bench: install
	$(PY) tests/bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
