# The single entry point: `make demo`, `make test`, `make lint`, `make serve` (later).
# Everything installs into .venv on first use, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install system demo test lint unit-tests bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium and the fonts the browser tests and documents need (only what is missing).
system:
	bash scripts/system-packages.sh

demo: $(STAMP)
	$(BIN)/keruen demo --serve

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# Tests on SQLite; when KERUEN_TEST_DATABASE_URL is set, on PostgreSQL too, both passes at once
# (scripts/test-both.sh: one per core; the PostgreSQL pass skips the tests marked unit).
test: lint system
	@if [ -n "$$KERUEN_TEST_DATABASE_URL" ]; then \
	  bash scripts/test-both.sh; \
	else \
	  $(BIN)/pytest; \
	fi

# Every benchmark: each benchmarks/<area>/run.py, one after the other (see benchmarks/README.md).
BENCHES := $(patsubst %/run.py,%,$(wildcard benchmarks/*/run.py))
bench: $(STAMP)
	@for area in $(BENCHES); do \
	  echo "== $$area"; \
	  PYTHONPATH=. $(BIN)/python -m $$(echo $$area | tr / .).run || exit 1; \
	done

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
