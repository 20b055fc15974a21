# Storyteller: `make run` to play, `make test` to check.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test web worker migrate sweep bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# One process: SQLite (or DATABASE_URL), the in-memory layer and the worker inside daphne.
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) storyteller.asgi:application

test: $(VENV)/.installed
	$(PY) -m pytest

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
