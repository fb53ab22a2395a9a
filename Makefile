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
	$(BIN)/legation relations USSR JPN --db $(DB) --from 1939-01 --to 1941-12 --by month \
		--csv relations.csv --plot relations.html
	$(BIN)/legation network --db $(DB) --gexf network.gexf
	$(BIN)/legation check --db $(DB)

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/apparatus.py
	$(BIN)/python bench/actors.py
	$(BIN)/python bench/tei.py
	$(BIN)/python bench/tei_pipeline.py --limit 100
	$(BIN)/python bench/ingest_memory.py --repeat 10
	$(BIN)/python bench/dask_engine.py --reports 80 --runs 2
	$(BIN)/python bench/web.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm relations.csv relations.html network.gexf
