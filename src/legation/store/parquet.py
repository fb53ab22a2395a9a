"""Parquet output, for corpora too big for one SQLite file.

A dataset is a directory with one folder per table of the SQLite store and the same columns
(``ROOT/events/part-00000.parquet``, …), so DuckDB reads a table with a glob::

    SELECT date, type, goldstein FROM read_parquet('ROOT/events/*.parquet')

Rows are made by the SQLite store itself: each document is added to an in-memory ``Store``,
and every ``batch`` documents the staged rows are written as one part file per table and
dropped. So the two outputs cannot drift apart (same columns, same values, same ``seq``
numbering, same work merging), and memory holds one batch at a time.

What is kept: every table, ``sources`` with the original ``text`` and rebuilt ``body`` by
default, because every offset in the other tables points into them (``text=False`` drops the
two columns when the files are at hand elsewhere). ``works`` is written once, on ``close``,
because a later source can fill a work's missing fields. A table with no rows still gets one
empty part, so a glob over it always reads. A dataset is written in one run: the writer
refuses a directory that already holds Parquet files, and a path given twice in a run with
different content keeps the rows of both versions once the first is written (the SQLite store
replaces it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from legation.model import Document
from legation.store.sqlite import Store, StoreError

# SQLite's declared column types as Arrow types (the schema declares only these three)
ARROW_TYPES = {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}
TEXT_COLUMNS = ("text", "body")  # of sources: the large ones


class ParquetWriter:
    """Writes documents as a Parquet dataset in ``root``, ``batch`` documents per part file."""

    def __init__(self, root: str | Path, batch: int = 500, text: bool = True):
        self.root = Path(root)
        if self.root.exists() and any(self.root.rglob("*.parquet")):
            raise StoreError(f"{self.root}: already holds a Parquet dataset; write to a new directory")
        self.batch = batch
        self._stage = Store(":memory:")
        self._columns = {table: self._stage_columns(table) for table in self._tables()}
        dropped = () if text else TEXT_COLUMNS
        self._schemas = {table: pa.schema([(name, ARROW_TYPES[kind]) for name, kind in columns
                                           if not (table == "sources" and name in dropped)])
                         for table, columns in self._columns.items()}
        self._parts = dict.fromkeys(self._schemas, 0)
        self._staged = 0
        self._written_sources = 0  # the sources rowid up to which rows are already written

    def __enter__(self) -> "ParquetWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_source(self, sha256: str, layers: tuple[str, ...] = ("apparatus",)) -> bool:
        """Whether this content was already added in this run (the Store's question, so a caller
        can skip extracting it)."""
        return self._stage.has_source(sha256, layers)

    def source_path(self, sha256: str) -> str | None:
        return self._stage.source_path(sha256)

    def add_document(self, doc: Document, layers: tuple[str, ...] = ("apparatus", "actors")) -> bool:
        """Like Store.add_document; False when this exact content was already added in this run."""
        added = self._stage.add_document(doc, layers)
        self._staged += added
        if self._staged >= self.batch:
            self.flush()
        return added

    def flush(self) -> None:
        """Write the staged rows as one part per table and drop them from memory. Sources rows
        stay staged without their text: works refer to them, and they tell a repeat apart."""
        db = self._stage.db
        for table in self._schemas:
            if table in ("sources", "works"):
                continue
            self._write(table, db.execute(f"SELECT * FROM {table}").fetchall())
            db.execute(f"DELETE FROM {table}")
        rows = db.execute("SELECT rowid, * FROM sources WHERE rowid > ? ORDER BY rowid",
                          (self._written_sources,)).fetchall()
        if rows:
            self._write("sources", [tuple(row)[1:] for row in rows])
            db.execute("UPDATE sources SET text = '', body = '' WHERE rowid > ?", (self._written_sources,))
            self._written_sources = rows[-1][0]
        self._staged = 0

    def close(self) -> None:
        """Write what is staged, the works, and an empty part for every table that got none."""
        if self._stage is None:
            return
        self.flush()
        self._write("works", self._stage.db.execute("SELECT * FROM works ORDER BY id").fetchall())
        for table, parts in self._parts.items():
            if parts == 0:
                self._write(table, [], allow_empty=True)
        self._stage.close()
        self._stage = None

    def _write(self, table: str, rows: list[Any], allow_empty: bool = False) -> None:
        if not rows and not allow_empty:
            return
        schema = self._schemas[table]
        names = [name for name, _ in self._columns[table]]
        columns = zip(*rows) if rows else ([] for _ in names)
        kept = {name: values for name, values in zip(names, columns) if name in schema.names}
        folder = self.root / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table(kept, schema=schema), folder / f"part-{self._parts[table]:05d}.parquet",
                       compression="zstd")
        self._parts[table] += 1

    def _tables(self) -> list[str]:
        rows = self._stage.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta' "
                                      "AND name NOT LIKE 'search%' ORDER BY name").fetchall()  # not the full-text indexes
        return [row[0] for row in rows]

    def _stage_columns(self, table: str) -> list[tuple[str, str]]:
        """(name, declared type) of a staged table, in the store's column order."""
        return [(row["name"], row["type"]) for row in self._stage.db.execute(f"PRAGMA table_info({table})")]
