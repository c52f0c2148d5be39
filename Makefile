# Bürgernah — the two set-up commands of the README, plus the benchmark.
#   make run    dashboard on the embedded DuckDB (demo data in an empty database)
#   make test   lint + the whole test suite, browser tests included
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3

.PHONY: run test bench bench-germany lint install install-dev chromium postgres report-deps clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet wheel && $(PIP) install --quiet --no-deps --no-build-isolation --editable .  # `buergernah`
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Starts the dashboard on http://localhost:8501 (STREAMLIT_SERVER_PORT etc. still apply).
run: install
	@bash scripts/ensure-report-deps.sh || echo "(ohne diese Pakete fehlt nur der PDF-Bericht)"
	$(PY) -m connectors migrate
	$(PY) -m connectors demo --if-empty
	$(VENV)/bin/streamlit run app.py

chromium:
	@bash scripts/ensure-chromium.sh

# PostgreSQL server binaries for the DuckLake tests (tests/ducklake start their own server).
postgres:
	@bash scripts/ensure-postgres.sh

report-deps:
	@bash scripts/ensure-report-deps.sh --test

lint: install-dev
	$(VENV)/bin/ruff check .

test: install-dev chromium postgres report-deps lint
	$(PY) -m pytest -n 2 --dist loadfile

bench: install-dev chromium
	$(PY) -m bench

# Pages at Germany scale (all 10,773 municipalities), embedded and on DuckLake: bench/germany.py.
bench-germany: install-dev postgres
	$(PY) -m bench --germany

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
