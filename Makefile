# Kentro: everything a newcomer needs, from nothing but python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes side by side (pytest-xdist): one per core; 0 runs in this one.
TEST_WORKERS ?= auto

.PHONY: run worker install test lint format messages bench clean

# The virtualenv is refreshed whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

run: install
	mkdir -p var
	$(MANAGE) compile_catalogues
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) ensure_admin
	$(MANAGE) runserver $(HOST):$(PORT)

# The e-mail worker, for TASKS_BACKEND=database (production runs it as a service).
worker: install
	TASKS_BACKEND=database $(MANAGE) db_worker

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(MANAGE) compile_catalogues
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m tests.stable_collection
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract the interface strings into the catalogues (needs GNU gettext).
messages: install
	$(MANAGE) makemessages --locale el --locale en --locale ar --ignore ".venv/*" --ignore "var/*" --no-obsolete

# Benchmarks: 10,000 services on SQLite and PostgreSQL, served by gunicorn.
# BENCH_ARGS="--services 1000 --databases sqlite" for a quick run.
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
