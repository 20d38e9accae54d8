# `make run`: set up .venv, ingest the bundled examples into parley.duckdb, show what the store holds.
# `make test`: set up .venv, lint (ruff), type-check (mypy), run the tests (pytest).
# The interpreter: a Python 3.12 when one runs here (on the PATH, or installed by pyenv), else python3.
# spaCy's compiled modules carry profiling hooks below 3.12 and parse about 1.7x slower there
# (docs/scale-out.md, "Which Python"). `make PYTHON=/path/to/python` chooses another.
PYTHON ?= $(firstword $(shell python3.12 -c 'import sys; print(sys.executable)' 2>/dev/null) \
                      $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) python3)
VENV := .venv
BIN := $(VENV)/bin
PYVER := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
STAMP := $(VENV)/.installed-$(PYVER)
DB ?= parley.duckdb

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml requirements.lock
	@# a .venv made with another Python version is made anew
	$(BIN)/python -c 'import sys; sys.exit("%d.%d" % sys.version_info[:2] != "$(PYVER)")' 2>/dev/null \
		|| { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/parley ingest examples/corpus --db $(DB)
	$(BIN)/parley summary --db $(DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

test: lint
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-bench.lock
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB).lock $(DB).ingest $(DB).ingest.wal .pytest_cache .mypy_cache .ruff_cache
