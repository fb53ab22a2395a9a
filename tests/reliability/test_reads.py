"""Reading never writes: read commands and the web app open a store read-only, refuse a file that
is not a legation store of this schema in one line, and leave it byte for byte as it was; an
older store is upgraded only by a writing command or `legation migrate`; a freshly started
server answers many simultaneous first requests without an error."""

from __future__ import annotations

import concurrent.futures
import hashlib
import shutil
import socket
import sqlite3
import threading
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from legation.cli import app
from legation.store.sqlite import SCHEMA_VERSION, Store

runner = CliRunner()
READ_COMMANDS = [["works"], ["citations"], ["people"], ["quotes"], ["events"], ["check"], ["network"],
                 ["relations", "USSR", "JPN"], ["export", "--format", "json"]]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def foreign(tmp_path) -> Path:
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute("INSERT INTO notes (text) VALUES ('someone else''s data')")
    db.commit()
    db.close()
    return path


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_refuses_a_foreign_sqlite_file_and_leaves_it_unchanged(foreign, command):
    before = digest(foreign)
    result = runner.invoke(app, [*command, "--db", str(foreign)])
    assert result.exit_code == 2
    assert f"{foreign}: not a legation store" in result.output and "Traceback" not in result.output
    assert digest(foreign) == before
    assert [p.name for p in foreign.parent.iterdir()] == ["other.sqlite"]  # no journal, no -wal, no -shm


@pytest.fixture()
def older_store(tmp_path, seeds_db) -> Path:
    """The seeds store as the previous schema left it: no full-text indexes, schema 3."""
    path = tmp_path / "old.db"
    shutil.copy(seeds_db, path)
    db = sqlite3.connect(path)
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE "
                              "'CREATE VIRTUAL TABLE%'").fetchall():
        db.execute(f"DROP TABLE {name}")
    db.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the file itself before its bytes are read
    db.close()
    return path


def test_an_older_store_is_upgraded_by_migrate_and_not_by_a_read(older_store):
    before = digest(older_store)
    refused = runner.invoke(app, ["works", "--db", str(older_store)])
    assert refused.exit_code == 2 and "legation migrate" in refused.output
    assert digest(older_store) == before
    migrated = runner.invoke(app, ["migrate", "--db", str(older_store)])
    assert migrated.exit_code == 0, migrated.output
    with Store(older_store, readonly=True) as store:
        assert store.schema_version() == SCHEMA_VERSION
        from legation.store.search import search
        assert search(store.db, "Smetanin")  # the documents stored before were indexed once, by migrate
    assert runner.invoke(app, ["works", "--db", str(older_store)]).exit_code == 0


def test_a_read_only_store_cannot_be_written(seeds_db):
    with Store(seeds_db, readonly=True) as store:
        with pytest.raises(sqlite3.OperationalError):
            store.db.execute("DELETE FROM sources")


def test_a_cold_server_answers_64_simultaneous_first_requests(seeds_db, tmp_path):
    import uvicorn

    from legation.web.app import create_app

    path = tmp_path / "cold.db"
    shutil.copy(seeds_db, path)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(path), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    pages = ["/", "/people", "/citations", "/quotes", "/search?q=Smetanin", "/relations", "/network", "/works/1"]
    try:
        with httpx.Client(timeout=60) as client, concurrent.futures.ThreadPoolExecutor(64) as pool:
            codes = list(pool.map(lambda i: client.get(base + pages[i % len(pages)]).status_code, range(64)))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
    assert codes.count(200) == 64, sorted(set(codes))
