#!/usr/bin/env bash
# The demo `make demo` runs (and tests/test_demo.py runs too, so that it cannot rot): ingest a
# corpus, then show what legation found in it and where to look next.
#   BIN     the directory holding the legation command (default .venv/bin)
#   SEEDS   the corpus to ingest (default examples/corpus: the seed article, its abstract page, a lesson as PDF,
#           32 FRUS documents of 1949)
#   DB      the store (default legation.db)
#   OUT     where relations.csv, relations.html, network.gexf and report.html go (default .)
set -euo pipefail
BIN=${BIN:-.venv/bin}
SEEDS=${SEEDS:-examples/corpus}
DB=${DB:-legation.db}
OUT=${OUT:-.}
legation() { "$BIN/legation" "$@"; }

legation ingest "$SEEDS" --db "$DB"
legation works --db "$DB"
legation citations --db "$DB" --top 10
legation people --db "$DB" --top 12
legation events --db "$DB" --from 1941-04 --to 1941-04
legation relations USSR JPN --db "$DB" --from 1939-01 --to 1941-12 --by month \
    --csv "$OUT/relations.csv" --plot "$OUT/relations.html"
legation relations USA JPN --db "$DB" --from 1949-01 --to 1949-12 --by quarter
legation network --db "$DB" --gexf "$OUT/network.gexf" --top 12
legation check --db "$DB"
legation report --db "$DB" --out "$OUT/report.html" --a USSR --b JPN --from 1939-01 --to 1941-12 >/dev/null

fold -s -w "${COLUMNS:-80}" <<DONE

Done. What to open next:
  $OUT/relations.html: the USSR–Japan relations chart, month by month (a browser opens it)
  $OUT/report.html: one self-contained report to share: relations, citation index, people, events
  $OUT/relations.csv: the same series for a spreadsheet
  $OUT/network.gexf: who met whom, for Gephi
  $BIN/legation serve --db $DB: the workbench on http://127.0.0.1:8000/ (documents, notes, search)
  $BIN/legation --help: every command
DONE
