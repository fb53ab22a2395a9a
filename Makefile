# One command sets up and runs the main job on the bundled examples; one runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEEDS ?= examples/corpus
DB ?= legation.db

.PHONY: setup demo test bench clean

$(BIN)/legation: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

setup: $(BIN)/legation

demo: setup
	BIN=$(BIN) SEEDS=$(SEEDS) DB=$(DB) bash scripts/demo.sh

test: setup
	$(BIN)/python -m pytest

# Each benchmark prints its targets as met or NOT met (never failing on them); without the shared
# corpora beside the clone, each measures the examples instead or says why it cannot.
bench: setup
	$(BIN)/python bench/apparatus.py
	$(BIN)/python bench/actors.py --copies 20
	$(BIN)/python bench/tei.py
	$(BIN)/python bench/tei_pipeline.py --limit 100
	$(BIN)/python bench/ingest_memory.py --repeat 10
	$(BIN)/python bench/dask_engine.py --reports 80 --runs 2
	$(BIN)/python bench/series.py --subset 10 --kill-resume
	$(BIN)/python bench/web.py
	$(BIN)/python bench/parse_refs.py
	$(BIN)/python bench/bad_input.py
	$(BIN)/python bench/long_lines.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/docx.py
	$(BIN)/python bench/pdf.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm relations.csv relations.html network.gexf report.html
