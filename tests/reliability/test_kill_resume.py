"""kill -9 in the middle of an ingest leaves an intact store, and ingesting again resumes it to
exactly what one clean run stores (table by table, the ingestion time aside)."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from legation.devdata import EXAMPLES

COMMAND = [sys.executable, "-m", "legation", "ingest", str(EXAMPLES), "--layers", "apparatus"]


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, ordered by content, without the time each source was ingested."""
    connection = sqlite3.connect(db)
    names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                               "AND name NOT LIKE 'search%' ORDER BY name")]
    contents = {}
    for name in names:
        cursor = connection.execute(f"SELECT * FROM {name}")
        columns = [c[0] for c in cursor.description]
        rows = [tuple(v for c, v in zip(columns, row) if c != "ingested_at") for row in cursor]
        contents[name] = sorted(rows, key=repr)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    return contents


def test_killed_at_random_points_then_resumed_equals_a_clean_run(tmp_path):
    clean = tmp_path / "clean.db"
    subprocess.run([*COMMAND, "--db", str(clean)], check=True, capture_output=True, timeout=600)
    expected = tables(clean)
    started = time.monotonic()
    subprocess.run([*COMMAND, "--db", str(tmp_path / "timing.db")], check=True, capture_output=True, timeout=600)
    whole = time.monotonic() - started
    rng = random.Random(7)
    for attempt in range(3):
        db = tmp_path / f"killed{attempt}.db"
        process = subprocess.Popen([*COMMAND, "--db", str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 0.9) * whole)  # somewhere in the run, after the start-up
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if db.exists():
            tables(db)  # whatever was committed is intact
        subprocess.run([*COMMAND, "--db", str(db)], check=True, capture_output=True, timeout=600)
        assert tables(db) == expected, f"attempt {attempt}"
