"""What a store holds, table by table, to compare two stores: a resumed run's with a clean one's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# what differs between two runs that stored the same things
RUN_COLUMNS = ("ingested_at",)


def store_contents(db: str | Path) -> dict[str, list[tuple]]:
    """Every table's rows ordered by content, without the columns a run sets (the time each source
    was ingested) and without the full-text indexes (derived from the tables); checks the file's
    integrity first."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",), f"{db}: damaged"
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                   "AND name NOT LIKE 'search%' ORDER BY name")]
        contents = {}
        for name in names:
            cursor = connection.execute(f"SELECT * FROM {name}")
            columns = [c[0] for c in cursor.description]
            rows = (tuple(v for c, v in zip(columns, row) if c not in RUN_COLUMNS) for row in cursor)
            contents[name] = sorted(rows, key=repr)
        return contents
    finally:
        connection.close()
