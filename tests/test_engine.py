"""The engines: same store contents locally and on Dask, failures reported, order and memory kept;
and the Parquet dataset that DuckDB reads back as the SQLite store."""

from __future__ import annotations

import functools
import sqlite3
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ABSTRACT_PAGE, FIXTURES, FULL_TEXT, SEED_TEXTS
from legation import nlp
from legation.engine import DaskEngine, EngineError, LocalEngine, Outcome, ingest_with, make_engine
from legation.ingest.units import Unit, read_units
from legation.pipeline import LAYERS, extract_file, extract_unit
from legation.store.parquet import ParquetWriter
from legation.store.sqlite import Store, StoreError

IGNORED_COLUMNS = {"ingested_at"}  # the only column that differs between two runs


def store_rows(db_path: Path) -> dict[str, list[tuple]]:
    """Every table of a SQLite store, rows in insertion order, minus the ingestion timestamp (the
    full-text indexes, derived from the tables, are left out)."""
    db = sqlite3.connect(db_path)
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'search%' ORDER BY name")]
    contents = {table: _rows(db.execute(f"SELECT * FROM {table} ORDER BY rowid")) for table in tables}
    db.close()
    return contents


def parquet_rows(root: Path) -> dict[str, list[tuple]]:
    """Every table of a Parquet dataset as DuckDB reads it, minus the ingestion timestamp."""
    return {folder.name: _rows(duckdb.execute(f"SELECT * FROM read_parquet('{folder}/*.parquet')"))
            for folder in sorted(root.iterdir())}


def _rows(cursor: Any) -> list[tuple]:
    kept = [i for i, column in enumerate(cursor.description) if column[0] not in IGNORED_COLUMNS]
    return [tuple(row[i] for i in kept) for row in cursor.fetchall()]


@pytest.fixture(scope="module")
def dask_engine():
    with DaskEngine(workers=2) as engine:
        yield engine


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    """The seeds, two small articles, and two files no reader accepts (empty, not UTF-8)."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "empty.txt").write_text("")
    (folder / "latin1.txt").write_bytes("Molotov re\xe7ut l'ambassadeur.".encode("latin-1"))
    return [*SEED_TEXTS, FIXTURES / "en_endnotes.txt", FIXTURES / "ru_article.md",
            folder / "empty.txt", folder / "latin1.txt", folder / "missing.txt"]


def ingest(engine, units, extract, db_path: Path):
    with Store(db_path) as store:
        return ingest_with(engine, store, units, extract)


extract_all_layers = functools.partial(extract_file, layers=LAYERS)


def test_dask_store_is_the_local_store(dask_engine, corpus, tmp_path):
    local = ingest(LocalEngine(), corpus, extract_all_layers, tmp_path / "local.db")
    spread = ingest(dask_engine, corpus, extract_all_layers, tmp_path / "dask.db")
    assert local.ingested == spread.ingested == 4
    assert [unit for unit, _ in local.failed] == [unit for unit, _ in spread.failed] == corpus[-3:]
    local_rows, dask_rows = store_rows(tmp_path / "local.db"), store_rows(tmp_path / "dask.db")
    assert set(local_rows) == set(dask_rows)
    for table in local_rows:
        assert local_rows[table] == dask_rows[table], table
    assert len(local_rows["footnotes"]) > 44 and local_rows["events"]  # the actors layer ran on the workers


def test_failures_are_outcomes_with_the_reason(dask_engine, corpus, tmp_path):
    summary = ingest(dask_engine, corpus, extract_all_layers, tmp_path / "dask.db")
    reasons = dict(summary.failed)
    assert "empty" in reasons[corpus[-3]]
    assert "UTF-8" in reasons[corpus[-2]] or "utf-8" in reasons[corpus[-2]]
    assert reasons[corpus[-1]].startswith("InputError") and "cannot be read" in reasons[corpus[-1]]


def test_reports_of_a_tei_volume_store_the_same_on_dask(dask_engine, tmp_path):
    units = [u for u in read_units(FIXTURES / "tei" / "newer.xml") if isinstance(u, Unit)]
    assert len(units) == 3
    local = ingest(LocalEngine(), units, extract_unit, tmp_path / "local.db")
    spread = ingest(dask_engine, units, extract_unit, tmp_path / "dask.db")
    assert local.ingested == spread.ingested == 3
    local_rows = store_rows(tmp_path / "local.db")
    assert len(local_rows["reports"]) == 3
    assert local_rows == store_rows(tmp_path / "dask.db")


def test_a_second_ingest_is_unchanged(dask_engine, tmp_path):
    db = tmp_path / "store.db"
    ingest(LocalEngine(), [FULL_TEXT], extract_all_layers, db)
    again = ingest(dask_engine, [FULL_TEXT], extract_all_layers, db)
    assert (again.ingested, again.unchanged, again.failed) == (0, 1, [])


def test_workers_load_spacy_once(dask_engine, corpus, tmp_path):
    ingest(dask_engine, corpus * 2, extract_all_layers, tmp_path / "store.db")
    loads = dask_engine.client.run(nlp.english.cache_info)
    assert len(loads) == 2
    assert all(info.misses == 1 for info in loads.values())  # one load per worker process
    assert sum(info.hits for info in loads.values()) >= 4  # later documents reused it


def test_results_come_in_input_order_whatever_finishes_first(dask_engine):
    delays = [0.4, 0.3, 0.2, 0.1, 0.0, 0.0]  # the first submitted finishes last
    outcomes = list(dask_engine.map(time.sleep, delays))
    assert [o.item for o in outcomes] == delays
    assert all(o.ok for o in outcomes)


def test_input_is_read_lazily_with_bounded_tasks_in_flight():
    read: list[int] = []

    def numbers():
        for n in range(1000):
            read.append(n)
            yield n

    with DaskEngine(workers=1, in_flight=3) as engine:
        results = engine.map(abs, numbers())
        first = next(results)
        assert first.value == 0 and len(read) <= 4
        assert [o.value for o in results] == list(range(1, 1000))
    assert engine.client is None  # closed what it opened


def test_items_travel_in_batches_and_fail_alone():
    items = ["1", "2", "x", *map(str, range(3, 40))]
    sizes: list[int] = []
    with DaskEngine(workers=1, in_flight=2, batch=5) as engine:
        submit = engine.client.submit
        engine.client.submit = lambda attempt, func, batch, **kw: (sizes.append(len(batch)), submit(attempt, func, batch, **kw))[1]
        outcomes = list(engine.map(int, items))
    assert [o.item for o in outcomes] == items
    assert [o.value for o in outcomes if o.ok] == [1, 2, *range(3, 40)]
    assert [o.item for o in outcomes if not o.ok] == ["x"]
    assert sizes == [1, 1, 5, 5, 5, 5, 5, 5, 5, 3]  # one each until every slot had work


def test_a_batch_lost_with_its_worker_fails_each_of_its_items():
    class Lost:
        def result(self):
            raise RuntimeError("worker lost")

        def release(self):
            pass

    assert DaskEngine._results(Lost(), 3) == [(None, "RuntimeError: worker lost")] * 3


def test_workers_do_not_trim_memory_after_every_document(dask_engine):
    # distributed's default (65536) cost 14 % of a run in system time
    import os

    assert set(dask_engine.client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_")).values()) == {None}


def test_a_long_run_holds_only_the_items_in_flight(dask_engine):
    # Dask's debugging logs kept the last 1,000 messages of each stream, each task's with its
    # items: past 1,000 tasks the writer held some 8,000 reports (peak RSS 490 -> 1,140 MB)
    import gc
    from argparse import Namespace  # any picklable item gc can count

    def held() -> int:  # copies included: the scheduler, in this process, unpickles what it is sent
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, Namespace) and hasattr(o, "leak_check"))

    assert all(o.ok for o in dask_engine.map(repr, [Namespace(leak_check=n) for n in range(2000)]))
    assert held() <= 200
    assert set(dask_engine.client.run(lambda: __import__("dask").config.get(
        "distributed.admin.low-level-log-length")).values()) == {16}  # a worker's stimuli hold its tasks too


def test_progress_callback_sees_every_item_in_order(dask_engine):
    seen: list[Outcome] = []
    outcomes = list(dask_engine.map(int, ["1", "x", "3"], on_done=seen.append))
    assert seen == outcomes
    assert [o.value for o in seen] == [1, None, 3]
    assert seen[1].error.startswith("ValueError")


def test_ingest_with_reports_status_per_unit(corpus, tmp_path):
    statuses: list[str] = []
    with Store(tmp_path / "store.db") as store:
        ingest_with(LocalEngine(), store, corpus[:2] + corpus[:1] + corpus[-1:], extract_all_layers,
                    on_done=lambda outcome, status: statuses.append(status))
    assert statuses == ["ingested", "ingested", "unchanged", "failed"]


def test_an_existing_cluster_is_used_and_left_running(dask_engine, tmp_path):
    address = dask_engine.client.scheduler.address
    with DaskEngine(scheduler=address) as engine:
        assert [o.value for o in engine.map(int, ["7", "8"])] == [7, 8]
    assert [o.value for o in dask_engine.map(int, ["9"])] == [9]  # still up after the guest left


def test_scheduler_and_workers_exclude_each_other():
    with pytest.raises(ValueError):
        DaskEngine(workers=2, scheduler="tcp://127.0.0.1:8786")


def test_an_unreachable_scheduler_is_a_user_error():
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler"):
        with DaskEngine(scheduler="tcp://127.0.0.1:1", connect_timeout=1):
            pass


def test_engine_options_are_checked():
    assert isinstance(make_engine("local"), LocalEngine)
    assert make_engine("dask", workers=3).workers == 3
    for kind, workers, scheduler in [("local", 2, None), ("local", None, "tcp://h:8786"), ("dask", 0, None),
                                     ("spark", None, None)]:
        with pytest.raises(ValueError):
            make_engine(kind, workers, scheduler)


def test_map_outside_the_with_block_is_an_error():
    with pytest.raises(RuntimeError):
        next(DaskEngine(workers=1).map(abs, [1]))


@given(st.lists(st.text(alphabet="0123456789x-", max_size=4), max_size=30))
def test_local_engine_keeps_order_and_turns_errors_into_outcomes(items):
    outcomes = list(LocalEngine().map(int, items))
    assert [o.item for o in outcomes] == items
    for outcome in outcomes:
        try:
            assert outcome.value == int(outcome.item) and outcome.ok
        except ValueError:
            assert outcome.error.startswith("ValueError")


@settings(max_examples=15)
@given(st.lists(st.text(alphabet="0123456789x-", max_size=4), max_size=20))
def test_dask_engine_maps_like_the_local_engine(dask_engine, items):
    assert list(dask_engine.map(int, items)) == list(LocalEngine().map(int, items))


# --- Parquet --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_outputs(corpus, tmp_path_factory):
    """The corpus ingested into a SQLite store and, one document per part, into Parquet."""
    folder = tmp_path_factory.mktemp("outputs")
    docs = [d.value for d in LocalEngine().map(extract_all_layers, corpus) if d.ok]
    with Store(folder / "store.db") as store:
        for doc in docs:
            store.add_document(doc)
    with ParquetWriter(folder / "parquet", batch=1) as writer:
        for doc in docs:
            writer.add_document(doc)
    return folder / "store.db", folder / "parquet"


def test_duckdb_reads_the_parquet_dataset_as_the_sqlite_store(seed_outputs):
    db, root = seed_outputs
    sqlite_rows = store_rows(db)
    del sqlite_rows["meta"]
    duck_rows = parquet_rows(root)
    assert set(duck_rows) == set(sqlite_rows)
    for table, rows in sqlite_rows.items():
        assert sorted(duck_rows[table], key=repr) == sorted(rows, key=repr), table
    assert len(list((root / "footnotes").glob("*.parquet"))) > 1  # several parts, one glob


def test_seed_figures_through_duckdb(seed_outputs):
    db, root = seed_outputs
    seed_id = duckdb.execute(f"SELECT id FROM read_parquet('{root}/sources/*.parquet') WHERE path = ?",
                             [str(FULL_TEXT)]).fetchone()[0]
    notes = duckdb.execute(f"SELECT count(*) FROM read_parquet('{root}/footnotes/*.parquet') WHERE source_id = ?",
                           [seed_id]).fetchone()[0]
    assert notes == 44
    by_month = duckdb.execute(f"""
        SELECT substr(date, 1, 7) AS month, count(*) FROM read_parquet('{root}/events/*.parquet')
        WHERE date IS NOT NULL GROUP BY month ORDER BY month""").fetchall()
    with Store(db) as store:
        expected: dict[str, int] = {}
        for event in store.events():
            if event["date"]:
                expected[event["date"][:7]] = expected.get(event["date"][:7], 0) + 1
    assert dict(by_month) == expected and expected
    # offsets into the stored body retrieve the mention's words (SQL counts characters from 1)
    mentions, exact = duckdb.execute(f"""
        SELECT count(*), count(*) FILTER (WHERE substr(s.body, m.start + 1, m."end" - m.start) = m.text)
        FROM read_parquet('{root}/mentions/*.parquet') m
        JOIN read_parquet('{root}/sources/*.parquet') s ON s.id = m.source_id""").fetchone()
    assert mentions > 100 and exact == mentions


def test_parquet_without_text_and_empty_tables(tmp_path):
    with ParquetWriter(tmp_path / "lean", text=False) as writer:
        writer.add_document(extract_file(ABSTRACT_PAGE))
    columns = [c[0] for c in duckdb.execute(f"SELECT * FROM read_parquet('{tmp_path}/lean/sources/*.parquet')")
               .description]
    assert "path" in columns and "text" not in columns and "body" not in columns
    assert duckdb.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/lean/reports/*.parquet')").fetchone() == (0,)


def test_parquet_refuses_a_written_dataset(seed_outputs):
    with pytest.raises(StoreError):
        ParquetWriter(seed_outputs[1])


# --- the command line ----------------------------------------------------------------------------

def test_cli_ingest_on_dask_stores_what_the_local_engine_stores(dask_engine, tmp_path):
    from typer.testing import CliRunner

    from legation.cli import app

    runner = CliRunner()
    volume = FIXTURES / "tei" / "newer.xml"
    local = runner.invoke(app, ["ingest", *map(str, SEED_TEXTS), str(volume), "--db", str(tmp_path / "local.db")])
    assert local.exit_code == 0, local.output
    spread = runner.invoke(app, ["ingest", *map(str, SEED_TEXTS), str(volume), "--db", str(tmp_path / "dask.db"),
                                 "--engine", "dask", "--scheduler", dask_engine.client.scheduler.address])
    assert spread.exit_code == 0, spread.output
    assert store_rows(tmp_path / "dask.db") == store_rows(tmp_path / "local.db")
    assert runner.invoke(app, ["ingest", *map(str, SEED_TEXTS), "--workers", "2"]).exit_code == 2  # needs --engine dask


def test_cli_ingest_to_parquet_is_read_by_duckdb(tmp_path):
    from typer.testing import CliRunner

    from legation.cli import app

    root = tmp_path / "dataset"
    result = CliRunner().invoke(app, ["ingest", str(FIXTURES / "tei" / "newer.xml"), "--parquet", str(root),
                                      "--layers", "apparatus"])
    assert result.exit_code == 0, result.output
    with duckdb.connect() as con:
        reports = con.sql(f"SELECT id, date FROM read_parquet('{root}/reports/*.parquet') ORDER BY start").fetchall()
    assert reports and reports[0] == ("d1", "1941-01-10")
    again = CliRunner().invoke(app, ["ingest", str(FIXTURES / "tei" / "newer.xml"), "--parquet", str(root)])
    assert again.exit_code == 2 and "already holds a Parquet dataset" in again.stderr


def test_read_ahead_keeps_order_passes_errors_and_stops_with_its_consumer():
    import threading

    from legation.engine import prefetched

    assert list(prefetched(iter(range(1000)), 8)) == list(range(1000))

    def failing():
        yield 1
        raise ValueError("volume cut short")

    got = []
    with pytest.raises(ValueError, match="cut short"):
        for item in prefetched(failing(), 4):
            got.append(item)
    assert got == [1]
    before = threading.active_count()
    stream = prefetched(iter(range(10_000)), 4)
    assert next(stream) == 0
    stream.close()  # the consumer stops early: the reading thread ends too
    assert threading.active_count() <= before
