# The single entry point: `make demo`, `make test`, `make lint`, `make serve` (later).
# Everything installs into .venv on first use, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint unit-tests bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/keruen demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# Tests on SQLite; then again on PostgreSQL when KERUEN_TEST_DATABASE_URL is set.
test: lint
	env -u KERUEN_TEST_DATABASE_URL $(BIN)/pytest
	@if [ -n "$$KERUEN_TEST_DATABASE_URL" ]; then \
	  echo "== again on PostgreSQL ($$KERUEN_TEST_DATABASE_URL)"; \
	  $(BIN)/pytest -m "not unit"; \
	fi

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
