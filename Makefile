# One command sets up and runs the main job on the bundled seeds; one runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds
DB ?= legation.db

.PHONY: setup demo test bench clean

$(BIN)/legation: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

setup: $(BIN)/legation

demo: setup
	$(BIN)/legation ingest $(SEEDS) --db $(DB)
	$(BIN)/legation works --db $(DB)
	$(BIN)/legation citations --db $(DB) --top 10
	$(BIN)/legation people --db $(DB) --top 12
	$(BIN)/legation events --db $(DB) --from 1941-04 --to 1941-04
	$(BIN)/legation check --db $(DB)

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/apparatus.py
	$(BIN)/python bench/actors.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
