# The two commands of README.md: `make run` and `make test`. Everything else is their set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test check install system-deps lint typecheck format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

system-deps:
	@bash scripts/system-deps.sh

run: install
	@bash scripts/system-deps.sh fonts
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_data --if-empty
	@PORT=$(PORT) $(BIN)/python manage.py welcome
	@ITAKU_PYTHON=$(BIN)/python PORT=$(PORT) bash scripts/run.sh

test: install
	@bash scripts/system-deps.sh chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# What CI runs, from the same script, so the two cannot drift (needs PostgreSQL on 127.0.0.1:5432).
check:
	@bash .ci/run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy itaku

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var/static .pytest_cache
