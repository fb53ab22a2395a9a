"""Where extraction runs: in this process, or spread over a Dask cluster.

Both engines have one method, ``map(func, items)``: an iterator of ``Outcome``s in the order of
``items``, produced lazily, so the caller (the single writer to the store) writes each result as
it arrives. A failing item becomes an Outcome with an error, never an exception that ends the
run. The Dask engine keeps a bounded number of tasks in flight, so a stream of thousands of
documents is never held in memory at once.

Heavy models load once per worker process, not once per task: ``legation.nlp`` caches them at
module level, and a Dask worker is a long-lived process that keeps its modules between tasks.
"""

from __future__ import annotations

import itertools
import logging
import os
import queue
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Iterable, Iterator, Protocol, TypeVar

from legation.errors import LegationError
from legation.model import Document
from legation.pipeline import LAYERS

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(slots=True)
class Outcome(Generic[Item, Result]):
    """One item's result, or what went wrong with it ("InputError: x.txt: empty file")."""

    item: Item
    value: Result | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


OnDone = Callable[[Outcome], None]
_END = object()  # the end of the items (None may be an item)


class Engine(Protocol):
    def map(self, func: Callable[[Any], Any], items: Iterable[Any],
            on_done: OnDone | None = None) -> Iterator[Outcome]: ...


def _attempt(func: Callable[[Any], Any], item: Any) -> tuple[Any, str | None]:
    """Run one task, turning an exception into a message. It runs where the task runs (on a Dask
    worker too), so an exception that does not pickle still reaches the caller as text."""
    try:
        return func(item), None
    except Exception as problem:  # a bug in one document must not stop the batch
        return None, _describe(problem)


def _attempt_each(func: Callable[[Any], Any], items: list[Any]) -> list[tuple[Any, str | None]]:
    """One task's batch of items, each attempted on its own: one failing item fails alone."""
    return [_attempt(func, item) for item in items]


def _describe(problem: BaseException) -> str:
    return f"{type(problem).__name__}: {problem}"


class LocalEngine:
    """Everything in this process, one item after the other."""

    def map(self, func: Callable[[Item], Result], items: Iterable[Item],
            on_done: OnDone | None = None) -> Iterator[Outcome[Item, Result]]:
        for item in items:
            outcome = Outcome(item, *_attempt(func, item))
            if on_done is not None:
                on_done(outcome)
            yield outcome

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class EngineError(LegationError):
    """The cluster cannot be reached."""


# Items per task once every worker has work. A task costs the single writer's process (client and
# scheduler) about as much as storing a document does, so one task per document makes the writer
# the bottleneck as workers are added; a batch of a volume's reports also pickles the authority
# they share once. Eight reports are a few seconds of a worker's time: the run's tail stays short.
BATCH = 8

# Dask's nanny gives each worker MALLOC_TRIM_THRESHOLD_=65536, so glibc hands freed memory back
# to the kernel after nearly every document: measured on one FRUS volume (211 reports) that adds
# 14 % to the run in system time. Unset, glibc's own adaptive threshold applies, as in the local
# engine. OMP_NUM_THREADS and the like stay 1 (one thread per worker).
#
# Dask keeps, for debugging, the last `low-level-log-length` (1,000) messages of every batched
# stream and stimuli of every worker: each task's message holds its batch of reports (texts,
# layouts, authority), so the client's process and every worker held some 8,000 reports' worth
# once a run passed 1,000 tasks (the writer's peak RSS grew from 490 to 1,140 MB between 10 and
# 30 FRUS volumes, then levelled). A short log keeps memory flat as a corpus grows.
_CLUSTER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                   "distributed.admin.low-level-log-length": 16}


class DaskEngine:
    """A Dask cluster: a LocalCluster of ``workers`` single-threaded processes (default: one per
    core; the work is CPU-bound Python, which threads would serialise on the GIL), or the cluster
    whose scheduler listens at ``scheduler`` ("tcp://host:8786"). Use it as a context manager:
    it closes what it opened (never a cluster it only connected to).

    Items go to the workers in tasks of ``batch`` items, except the first round of tasks, which
    hold one item each, so that a short input is still spread over every worker."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None,
                 in_flight: int | None = None, connect_timeout: float = 30, batch: int = BATCH):
        if workers is not None and scheduler is not None:
            raise ValueError("give workers (a local cluster) or scheduler (an existing one), not both")
        if batch < 1:
            raise ValueError(f"batch must be at least 1, not {batch}")
        self.workers = workers
        self.scheduler = scheduler
        self.in_flight = in_flight
        self.batch = batch
        self.connect_timeout = connect_timeout
        self.client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> "DaskEngine":
        from distributed import Client, LocalCluster

        import dask

        with dask.config.set(_CLUSTER_CONFIG):  # read as each part starts: client, scheduler, workers
            if self.scheduler is not None:
                try:
                    self.client = Client(self.scheduler, timeout=self.connect_timeout)
                except OSError as problem:  # refused, timed out, unknown host
                    raise EngineError(f"{self.scheduler}: cannot reach the Dask scheduler ({problem})") from problem
                return self
            # no dashboard, and the scheduler's small HTTP server (health, metrics) on a free port, so
            # two clusters on one machine do not compete for 8787
            self._cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                         processes=True, dashboard_address=None, silence_logs=logging.ERROR,
                                         scheduler_kwargs={"dashboard_address": ":0"})
            try:
                self.client = Client(self._cluster)
            except BaseException:
                self.__exit__()
                raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
        self.client = self._cluster = None

    def slots(self) -> int:
        """Tasks to keep in flight: enough that no worker waits for the next one while the
        caller stores a result, few enough that memory stays bounded. Asked again after every
        task, so workers that join a running cluster get work."""
        if self.in_flight is not None:
            return self.in_flight
        threads = sum(self.client.nthreads().values()) or 1
        return 4 * threads

    def map(self, func: Callable[[Item], Result], items: Iterable[Item],
            on_done: OnDone | None = None) -> Iterator[Outcome[Item, Result]]:
        if self.client is None:
            raise RuntimeError("DaskEngine.map outside its `with` block")
        pending: deque[tuple[list[Item], Any]] = deque()
        stream = iter(items)
        submitted = 0
        try:
            while True:
                slots = self.slots()
                while len(pending) < slots:
                    batch = list(itertools.islice(stream, 1 if submitted < slots else self.batch))
                    if not batch:
                        break
                    # pure=False: the same items twice are two tasks (a retry must really re-run)
                    pending.append((batch, self.client.submit(_attempt_each, func, batch, pure=False)))
                    submitted += 1
                if not pending:
                    return
                batch, future = pending.popleft()
                for item, (value, error) in zip(batch, self._results(future, len(batch))):
                    outcome = Outcome(item, value, error)
                    if on_done is not None:
                        on_done(outcome)
                    yield outcome
        finally:  # the caller stopped early (an interrupt, an error while storing): free the cluster
            for _, future in pending:
                future.cancel()

    @staticmethod
    def _results(future: Any, count: int) -> list[tuple[Any, str | None]]:
        """The task's (value, error) per item; a lost worker (KilledWorker) is each item's error."""
        try:
            return future.result()
        except Exception as problem:
            return [(None, _describe(problem))] * count
        finally:
            future.release()


def prefetched(items: Iterable[Item], depth: int) -> Iterator[Item]:
    """The items, read by a thread up to ``depth`` ahead of the consumer. An exception raised while
    reading is raised to the consumer in its place; a consumer that stops early stops the thread."""
    slots: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    failed: list[BaseException] = []

    def read() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        slots.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
        except BaseException as problem:  # given to the consumer, in order
            failed.append(problem)
        finally:
            slots.put(_END)

    reader = threading.Thread(target=read, name="legation-read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            item = slots.get()
            if item is _END:
                if failed:
                    raise failed[0]
                return
            yield item
    finally:
        stop.set()
        while reader.is_alive():  # let a reader blocked on a full queue see the stop
            try:
                slots.get_nowait()
            except queue.Empty:
                reader.join(0.05)


def make_engine(kind: str = "local", workers: int | None = None,
                scheduler: str | None = None) -> LocalEngine | DaskEngine:
    """The engine the command line names: "local", or "dask" with a worker count or a scheduler."""
    if kind == "local":
        if workers is not None or scheduler is not None:
            raise ValueError("--workers and --scheduler need --engine dask")
        return LocalEngine()
    if kind == "dask":
        if workers is not None and workers < 1:
            raise ValueError(f"--workers must be at least 1, not {workers}")
        return DaskEngine(workers=workers, scheduler=scheduler)
    raise ValueError(f"--engine must be local or dask, not {kind!r}")


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0
    unchanged: int = 0  # already in the store with these layers
    failed: list[tuple[Any, str]] = field(default_factory=list)  # (unit, error message)


class DocumentSink(Protocol):
    """The SQLite Store or a ParquetWriter."""

    def add_document(self, doc: Document, layers: tuple[str, ...]) -> bool: ...

    def has_source(self, sha256: str, layers: tuple[str, ...]) -> bool: ...

    def source_path(self, sha256: str) -> str | None: ...

    def close(self) -> None: ...


def ingest_with(engine: Engine, store: DocumentSink, units: Iterable[Any], extract: Callable[[Any], Document],
                on_done: Callable[[Outcome, str], None] | None = None,
                layers: tuple[str, ...] = LAYERS) -> IngestSummary:
    """Extract every unit on the engine and store the documents in input order from this process
    (the single writer). ``extract`` must be picklable for a Dask engine (a module-level function
    or a functools.partial of one). ``on_done(outcome, status)`` follows each unit, status being
    "ingested", "unchanged" or "failed"."""
    summary = IngestSummary()
    for outcome in engine.map(extract, units):
        if not outcome.ok:
            status = "failed"
            summary.failed.append((outcome.item, outcome.error))
        elif store.add_document(outcome.value, layers):
            status = "ingested"
            summary.ingested += 1
        else:
            status = "unchanged"
            summary.unchanged += 1
        if on_done is not None:
            on_done(outcome, status)
    return summary
