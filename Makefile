# Storyteller: `make run` to play, `make test` to check.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test lint web worker migrate sweep bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# One process: SQLite (or DATABASE_URL), the in-memory layer and the worker inside daphne.
# storyteller.server is daphne refusing an over-large body before it is kept (REQUEST_MAX_BYTES).
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	@echo "Storyteller: open http://$(HOST):$(PORT)/kids/ (Ctrl-C stops it)"
	$(PY) -m storyteller.server -b $(HOST) -p $(PORT) storyteller.asgi:application

test: $(VENV)/.installed
	$(PY) -m pytest

# What CI checks besides the tests: lint, formatting, and no model change without its migration.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

# Scale-out (REDIS_URL and DATABASE_URL set; `make migrate` once per release): the web
# alone, and one worker process per generation channel. Run as many of each as needed.
CHANNELS := story-text story-images story-videos story-audio

web: export EMBEDDED_WORKER := false
web: $(VENV)/.installed
	$(PY) manage.py check
	$(PY) -m storyteller.server -b $(HOST) -p $(PORT) storyteller.asgi:application

# Ctrl-C or SIGTERM stops every worker; each lets its running jobs finish first (--grace).
worker: $(VENV)/.installed
	@trap 'kill $$pids; wait' INT TERM; \
	for channel in $(CHANNELS); do $(PY) manage.py jobworker $$channel & pids="$$pids $$!"; done; \
	wait

# One sweep now: resend lost jobs, requeue or fail stuck ones (workers also sweep on their own).
sweep: $(VENV)/.installed
	$(PY) manage.py sweep_jobs

# Figures for the README's Benchmarks section (a few minutes; not part of `make test`).
bench: $(VENV)/.installed
	$(PY) bench/concurrency.py
	$(PY) bench/latency.py
	$(PY) bench/gallery.py
	$(PY) bench/memory.py
	$(PY) bench/books.py
	$(PY) bench/tree.py
	$(PY) bench/live.py
	$(PY) bench/recovery.py
