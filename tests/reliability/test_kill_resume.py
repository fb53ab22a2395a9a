"""kill -9 in the middle of an ingest leaves an intact store, and ingesting again resumes it to
exactly what one clean run stores (table by table, the ingestion time aside)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

from legation.devdata import EXAMPLES
from legation.store.contents import store_contents

COMMAND = [sys.executable, "-m", "legation", "ingest", str(EXAMPLES), "--layers", "apparatus"]


def test_killed_at_random_points_then_resumed_equals_a_clean_run(tmp_path):
    clean = tmp_path / "clean.db"
    subprocess.run([*COMMAND, "--db", str(clean)], check=True, capture_output=True, timeout=600)
    expected = store_contents(clean)
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
            store_contents(db)  # whatever was committed is intact
        subprocess.run([*COMMAND, "--db", str(db)], check=True, capture_output=True, timeout=600)
        assert store_contents(db) == expected, f"attempt {attempt}"
