"""The ``legation`` command line."""

from __future__ import annotations

import functools
import itertools
import json
import re
import sys
import time
from pathlib import Path
from typing import Any, Iterator, Optional

import typer
from rich.console import Console
from rich.progress import (BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.text import Text
from typer.core import TyperArgument, TyperGroup, TyperOption

from legation import __version__
from legation.engine import DocumentSink, EngineError, Outcome, ingest_with, make_engine, prefetched
from legation.errors import InputError, LegationError
from legation.ingest.source import TEXT_SUFFIXES, content_size, content_suffix, read_source
from legation.ingest.units import DOCUMENT_READERS, READINGS, TEI_SUFFIXES, Unit, read_units
from legation.model import Diagnostic, Document, Source, Work, collection_to_dict
from legation.lexicon.authority import Layer, read_authority_file
from legation.pipeline import LAYERS, extract_unit, read_collection, unit_source
from legation.cli.common import EXIT_BAD_INPUT, err, fail as _fail, open_store as _open_store, out, stop
from legation.cli.corrections import correct, corrections_app
from legation.cli.library import (BIBLIOGRAPHY_OPTION, bibliography_files, index_of, keep_bibliographies, library,
                                  print_bibliographies, read_bibliographies)
from legation.cli.exports import export, report
from legation.cli.serve import serve
from legation.formats.tables import role_label
from legation.store.parquet import ParquetWriter
from legation.store.sqlite import StoreError
from legation.terminal import Column, indented, print_table

class _PlainArgument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the argument's name says what it is; no "<str>" beside it


class _PlainHelpGroup(TyperGroup):
    """Commands whose help shows a word for each option's value (--db FILE, --from TEXT), never a
    Python type tag such as <str>."""

    WORDS = {"str": "TEXT", "int": "N", "float": "NUMBER", "Path": "PATH"}

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        for param in command.params if command else ():
            if isinstance(param, TyperArgument):
                param.__class__ = _PlainArgument
            elif isinstance(param, TyperOption) and not param.is_flag and param.metavar is None:
                param.metavar = self.WORDS.get(param.bare_type(), "VALUE")
        return command


# Plain help (rich_markup_mode=None): paragraphs rewrapped to the terminal, no type tags.
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, cls=_PlainHelpGroup,
                  help="Read diplomatic history with a machine and keep the evidence.")
DB_OPTION = typer.Option("legation.db", "--db", metavar="FILE", help="SQLite store to use.")
AS_OPTION = typer.Option(None, "--as", metavar="article|reports",
                         help="Read text files as one article each, or as files of reports, whatever their "
                              "shape suggests (by default legation decides, and says so when it splits a file).")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a table.")
AUTHORITY_OPTION = typer.Option(None, "--authority", metavar="FILE",
                                help="Your own authority file (YAML or CSV: people with name forms, dated roles "
                                     "and sides), which wins over the built-in ones and the documents' own.")
READABLE = TEXT_SUFFIXES | TEI_SUFFIXES | set(DOCUMENT_READERS)
READABLE_NAMES = ", ".join(sorted(s for s in READABLE if s))  # ".docx, .md, …", for messages
# A folder's own description, not one of its sources: a corpus folder's README says where its
# files come from and under what licence (../shared/data/frus-series/README.md)
FOLDER_NOTES = re.compile(r"(?i)(?:readme|licen[cs]e|copying|changelog)(?:\.\w+)?")


def _readable(path: Path) -> bool:
    """Is this file in a folder one to ingest? By what its name says it holds, compressed or not."""
    return content_suffix(path) in READABLE and not FOLDER_NOTES.fullmatch(path.name)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    """The entry point of `python -m legation`."""
    app(prog_name="legation")


def _show_version(wanted: bool) -> None:
    if wanted:
        out.print(f"legation {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                          help="Print legation's version and exit.")) -> None:
    """Read diplomatic history with a machine and keep the evidence."""


def _files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The text files named or found under the directories named, and the problems met."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            entries = sorted(p for p in path.rglob("*") if not p.name.startswith("."))
            found = [p for p in entries if p.is_file() and _readable(p)]
            problems.extend(f"{p}: broken symbolic link" for p in entries if p.is_symlink() and not p.exists())
            others = [p for p in entries if p.is_file() and not _readable(p)]
            if others:
                err.print(f"note: {path}: skipped {len(others)} file(s) that are not {READABLE_NAMES} "
                          f"or are the folder's own notes ({', '.join(p.name for p in others[:3])}"
                          f"{', …' if len(others) > 3 else ''})", highlight=False)
            if not found:
                problems.append(f"{path}: no {READABLE_NAMES} files in this directory")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or directory")
    return files, problems


def _layers(option: str) -> tuple[str, ...]:
    layers = tuple(layer.strip() for layer in option.split(",") if layer.strip())
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown or "apparatus" not in layers:
        stop(f"--layers: {option!r} must name apparatus and optionally {', '.join(LAYERS[1:])}")
    return layers


@app.command()
def ingest(paths: Optional[list[Path]] = typer.Argument(None, help="Files or directories to ingest; a .json or .bib "
                                                                   "file is a bibliography (--bibliography)."),
           db: str = DB_OPTION,
           layers: str = typer.Option(",".join(LAYERS), "--layers",
                                      help="apparatus (notes, citations, references) and actors "
                                           "(people, places, dates, quotes, events)."),
           engine: str = typer.Option("local", "--engine", help="local, or dask to spread the work over a cluster."),
           workers: Optional[int] = typer.Option(None, "--workers", help="dask: worker processes of a local cluster "
                                                                         "(default: one per core)."),
           scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                                   help="dask: a running cluster, tcp://HOST:8786 (docs/cluster.md)."),
           parquet: Optional[Path] = typer.Option(None, "--parquet",
                                                  help="Write a Parquet dataset to this new directory instead of "
                                                       "the SQLite store (for corpora too big for one file)."),
           read_as: Optional[str] = AS_OPTION, authority: Optional[Path] = AUTHORITY_OPTION,
           bibliography: Optional[list[Path]] = BIBLIOGRAPHY_OPTION) -> None:
    """Ingest articles (text or Markdown), files of reports and TEI volumes into the store:
    atomic per article or report, idempotent. A bibliography (Zotero's CSL JSON or BibTeX) is
    kept too, and citations link to its items."""
    wanted = _layers(layers)
    _check_reading(read_as)
    user = _authority(authority)
    bibliographies, paths = bibliography_files(paths or [], bibliography)
    if not paths and not bibliographies:
        stop("name the files or directories to ingest, or a bibliography (--bibliography FILE)")
    libraries = read_bibliographies(bibliographies)
    try:
        runner = make_engine(engine, workers, scheduler)
    except ValueError as problem:
        stop(str(problem))
    files, problems = _files(paths)
    for problem in problems:
        _fail(problem)
    sink = _open_parquet(parquet) if parquet is not None else _open_store(db, reading=False)
    linked_to, added = keep_bibliographies(sink, libraries)
    tally = IngestTally()
    with IngestProgress(files) as progress:

        def done(outcome: Outcome, status: str) -> None:
            unit = outcome.item
            if status == "failed":
                _fail(f"{unit.label}: could not be processed ({outcome.error})")
            tally.add(unit.source.path, status, outcome.value if status == "ingested" else None)
            progress.unit_done(unit, stored=status == "ingested")

        try:
            with runner:
                ingest_with(runner, sink, _units_to_extract(files, sink, wanted, tally, progress, read_as, user,
                                                            read_ahead=engine == "dask"),
                            functools.partial(extract_unit, layers=wanted, library=linked_to), done, wanted)
        except EngineError as problem:
            _fail(str(problem))
            sink.close()
            raise typer.Exit(EXIT_BAD_INPUT)
    if files or not libraries:
        tally.print(out)
    print_bibliographies(sink, libraries, added)
    sink.close()
    if tally.failed or problems:
        raise typer.Exit(EXIT_BAD_INPUT)


def _open_parquet(root: Path) -> ParquetWriter:
    try:
        return ParquetWriter(root)
    except (StoreError, OSError) as problem:
        stop(f"{root}: cannot write a Parquet dataset there ({problem})")


def _check_reading(read_as: str | None) -> None:
    if read_as is not None and read_as not in READINGS:
        stop(f"--as: {read_as!r} is not one of {', '.join(READINGS)}")


def _authority(path: Path | None) -> Layer | None:
    """A user's authority file, read once before any document (a bad one stops the run)."""
    if path is None:
        return None
    try:
        return read_authority_file(path)
    except InputError as problem:
        stop(str(problem))


def _units_to_extract(files: list[Path], store: DocumentSink, layers: tuple[str, ...], tally: "IngestTally",
                      progress: "IngestProgress", read_as: str | None = None, authority: Layer | None = None,
                      read_ahead: bool = False) -> Iterator[Unit]:
    """The units of every file not already stored with these layers; problems reported as met. The
    same content under another name is stored once, and said to be the same as the first. With
    ``read_ahead`` the files are read in a thread, up to READ_AHEAD units ahead: a collection's
    first pass (every report of a volume, before its first unit) then overlaps the workers'
    extraction instead of leaving them idle; the store is asked only here, in this thread."""
    seen: dict[str, str] = {}  # sha256 -> the label it was first met under in this run
    read = (prefetched(_read_files(files, read_as, authority), READ_AHEAD) if read_ahead
            else _read_files(files, read_as, authority))
    for path, units in itertools.groupby(read, key=lambda pair: pair[0]):
        try:
            for _, unit in units:
                if isinstance(unit, LegationError) and not isinstance(unit, InputError):
                    raise unit
                if isinstance(unit, InputError):
                    _fail(str(unit))
                    tally.add(str(path), "failed")
                    progress.file_over(path)
                    continue
                sha256 = unit_source(unit).sha256
                first = seen.setdefault(sha256, unit.label)
                stored = store.source_path(sha256) if store.has_source(sha256, layers) else None
                if stored == unit.label:
                    tally.add(unit.source.path, "unchanged")
                    progress.unit_done(unit)
                elif stored is not None or first != unit.label:
                    tally.add(unit.source.path, "same", same_as=stored or first)
                    progress.unit_done(unit)
                else:
                    yield unit
        except LegationError as problem:
            _fail(str(problem))
            tally.add(str(path), "failed")
            progress.file_over(path)


READ_AHEAD = 256  # units read ahead of the cluster (small: a report's text and its authority layers)


def _read_files(files: list[Path], read_as: str | None, authority: Layer | None
                ) -> Iterator[tuple[Path, Unit | LegationError]]:
    """(file, unit) for every unit of every file; a file that cannot be read gives its error in
    place of its units (after those read before it), as read_collection raises or yields it."""
    for path in files:
        try:
            for unit in read_collection(path, read_as, authority):
                yield path, unit
        except LegationError as problem:
            yield path, problem


class IngestProgress:
    """The bar of an ingest: the part of the input's bytes done (a file's report counting for its
    share of the file), the documents stored and how many a second, and an estimate of the time
    left. Units skipped as already stored move the bar too, so a resumed run shows what remains."""

    def __init__(self, files: list[Path]):
        self.sizes = {str(path): _content_size(path) for path in files}
        self.done: dict[str, float] = {}
        self.stored = 0
        self.started = time.monotonic()
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                            TextColumn("{task.fields[stored]} stored, {task.fields[rate]}/s"),
                            TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                            console=err, transient=True)

    def __enter__(self) -> "IngestProgress":
        self.bar.__enter__()
        self.task = self.bar.add_task("ingesting", total=sum(self.sizes.values()) or None, stored=0, rate="–")
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def unit_done(self, unit: Unit, stored: bool = False) -> None:
        path = unit.source.path
        self.stored += stored
        self._advance(path, self.sizes.get(path, 0) * unit.share)
        seconds = time.monotonic() - self.started
        self.bar.update(self.task, description=f"ingesting {Path(path).name}", stored=self.stored,
                        rate=f"{self.stored / seconds:.1f}" if seconds > 0 else "–")

    def file_over(self, path: Path | str) -> None:
        """A file that failed part-way: the rest of it is done with."""
        path = str(path)
        self._advance(path, self.sizes.get(path, 0) - self.done.get(path, 0))

    def _advance(self, path: str, amount: float) -> None:
        amount = max(0.0, min(amount, self.sizes.get(path, 0) - self.done.get(path, 0)))
        self.done[path] = self.done.get(path, 0) + amount
        self.bar.update(self.task, advance=amount)


def _content_size(path: Path) -> int:
    try:
        return content_size(path)
    except OSError:  # reported when the file is read
        return 0


class IngestTally:
    """Per file: how many of its units were ingested, unchanged, the same as another's or failed,
    and what was found."""

    COUNTED = ("notes", "cit.", "refs", "in-text", "people", "quotes", "events", "diag.")  # short: 100 columns hold them
    STATUSES = ("ingested", "unchanged", "same", "failed")

    def __init__(self) -> None:
        self.files: dict[str, dict[str, int]] = {}
        self.same_as: dict[str, str] = {}  # path -> what its content was first stored or met as
        self.failed = 0

    def add(self, path: str, status: str, doc: Document | None = None, same_as: str | None = None) -> None:
        row = self.files.setdefault(path, dict.fromkeys((*self.STATUSES, *self.COUNTED), 0))
        row[status] += 1
        if same_as is not None:
            self.same_as.setdefault(path, same_as)
        self.failed += status == "failed"
        if doc is not None:
            found = (doc.footnotes, doc.citations, doc.references, doc.intext_citations,
                     [p for p in doc.persons if not p.is_author], doc.quotes, doc.events, doc.diagnostics)
            for column, items in zip(self.COUNTED, found):
                row[column] += len(items)

    def print(self, console: Console) -> None:
        columns = [Column("file"), Column("status", "short"), *(Column(c, "number") for c in self.COUNTED)]
        rows = [[Path(path).name, self._status(path, row),
                 *(str(row[c]) if row["ingested"] else "" for c in self.COUNTED)] for path, row in self.files.items()]
        print_table(console, "Ingested", columns, rows)

    def _status(self, path: str, row: dict[str, int]) -> str:
        units = sum(row[status] for status in self.STATUSES)
        if units == 1 and row["same"]:
            return f"the same as {self.same_as[path]}"
        if units == 1:
            return next(status for status in self.STATUSES if row[status])
        return ", ".join(f"{row[status]} {'the same as before' if status == 'same' else status}"
                         for status in self.STATUSES if row[status])


@app.command()
def extract(file: Path = typer.Argument(..., help="An article (text or Markdown), a file of reports, or a TEI volume."),
            as_json: bool = typer.Option(False, "--json", help="Print the JSON contract (docs/json-contract.md)."),
            read_as: Optional[str] = AS_OPTION, authority: Optional[Path] = AUTHORITY_OPTION,
            bibliography: Optional[list[Path]] = BIBLIOGRAPHY_OPTION) -> None:
    """Extract one file without a store: its apparatus, people, places, dates, quotes and events;
    for a collection of reports, each report's metadata and findings."""
    docs: list[Document] = []
    problems: list[InputError] = []
    _check_reading(read_as)
    user = _authority(authority)
    linked_to = index_of(read_bibliographies(bibliography or []))
    container = Source(id="", path=str(file), format="", sha256="", size=0)  # until a unit names it
    try:
        for unit in read_collection(file, read_as, user):
            if isinstance(unit, InputError):
                problems.append(unit)
            else:
                container = unit.source
                docs.append(extract_unit(unit, library=linked_to))
    except LegationError as problem:
        stop(str(problem))
    for problem in problems:
        _fail(str(problem))
    if docs and docs[0].report is None:
        _show_article(docs[0], file, as_json)
    elif docs or as_json:  # a file refused whole has said why: no empty table
        _show_collection(container, docs, problems, as_json)
    if problems:
        raise typer.Exit(EXIT_BAD_INPUT)


def _show_collection(container: Source, docs: list[Document], problems: list[InputError], as_json: bool) -> None:
    if as_json:
        work = docs[0].work if docs else Work()
        diagnostics = [Diagnostic("read-error", problem.problem) for problem in problems]
        _print_json(collection_to_dict(container, work, docs, diagnostics))
        return
    columns = [Column("id", "short"), Column("date", "short"), Column("type"), Column("from"), Column("to"),
               Column("place"), *(Column(c, "number") for c in ("people", "quotes", "events", "diag."))]
    rows = [[doc.report.id, _or_blank(doc.report.date), _or_blank(doc.report.type), _or_blank(doc.report.sender),
             _or_blank(doc.report.recipient), _or_blank(doc.report.place), str(len(doc.persons)),
             str(len(doc.quotes)), str(len(doc.events)), str(len(doc.diagnostics))] for doc in docs]
    print_table(out, f"{container.path}: {len(docs)} reports", columns, rows)


def _show_article(doc: Document, file: Path, as_json: bool) -> None:
    if as_json:
        _print_json(doc.to_dict())
        return
    work = doc.work
    out.print(f"[bold]{work.title or file}[/bold]  {', '.join(work.authors)}  {work.journal or ''} "
              f"{work.year or ''} doi:{work.doi or '—'}", highlight=False)
    kinds: dict[str, int] = {}
    for citation in doc.citations:
        kinds[citation.kind] = kinds.get(citation.kind, 0) + 1
    out.print(f"{len(doc.footnotes)} notes ({sum(f.number_inferred for f in doc.footnotes)} numbers inferred), "
              f"citations {kinds}, {len(doc.intext_citations)} author–year citations, "
              f"{len(doc.references)} references, {len(doc.diagnostics)} diagnostics")
    actors = [p for p in doc.persons if not p.is_author]
    out.print(f"{len(actors)} people, {len(doc.organizations)} organisations, {len(doc.places)} places, "
              f"{len(doc.dates)} dates, {len(doc.quotes)} quotes, {len(doc.events)} events")


@app.command()
def citations(db: str = DB_OPTION,
              top: Optional[int] = typer.Option(None, help="Show only the N most cited files."),
              as_json: bool = typer.Option(False, "--json")) -> None:
    """The citation index: archive files ranked by the number of notes citing them."""
    with _open_store(db) as store:
        index = store.citation_index()
    if top is not None:
        index = index[:top]
    if as_json:
        _print_json(index)
        return
    columns = [Column("archive"), *(Column(level, "short") for level in ("fond", "opis", "papka", "delo")),
               Column("notes", "number"), Column("folios")]
    rows = [[row["archive"], row["fond"] or "", row["opis"] or "", row["papka"] or "", row["delo"] or "",
             str(row["notes"]), ", ".join(row["folios"])] for row in index]
    print_table(out, "Archive files by citing notes", columns, rows)


@app.command()
def refs(db: str = DB_OPTION,
         format: str = typer.Option("csljson", "--format", help="csljson or bibtex.")) -> None:
    """Export the reference lists of everything ingested."""
    from legation.model import Reference
    from legation.formats.bibliography import to_bibtex, to_csl_json

    writers = {"csljson": to_csl_json, "bibtex": to_bibtex}
    if format not in writers:
        stop(f"--format: {format!r} is not one of {', '.join(writers)}")
    with _open_store(db) as store:
        references = [Reference(**data) for data in store.references()]
    sys.stdout.write(writers[format](references).rstrip("\n") + "\n")


PARSE_REFS_FORMATS = ("json", "csljson", "bibtex")


@app.command("parse-refs")
def parse_refs(file: Path = typer.Argument(..., help="One reference or footnote per line; '-' for stdin."),
               format: str = typer.Option("json", "--format",
                                          help="json (one object per line, every field with its offsets), "
                                               "csljson (the published works, for Zotero) or bibtex.")) -> None:
    """Parse references and notes, one per line: archival citations of many countries, published
    works in any European language, back-references; each typed primary or secondary."""
    from legation.extract.parse_line import parse_lines, to_bibtex_entries, to_csl_items

    if format not in PARSE_REFS_FORMATS:
        stop(f"--format: {format!r} is not one of {', '.join(PARSE_REFS_FORMATS)}")
    try:
        text = sys.stdin.read() if str(file) == "-" else read_source(file)[1]
    except LegationError as problem:
        stop(str(problem))
    results = parse_lines(text.splitlines())
    if format == "csljson":
        _print_json(to_csl_items(results))
    elif format == "bibtex":
        sys.stdout.write(to_bibtex_entries(results).rstrip("\n") + "\n")
    else:
        for result in results:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


@app.command()
def works(db: str = DB_OPTION, as_json: bool = typer.Option(False, "--json")) -> None:
    """Works in the store, their sources, and where the sources of one work differ."""
    with _open_store(db) as store:
        listing = store.works()
    if as_json:
        _print_json(listing)
        return
    for work in listing:
        out.print(Text(work["title"] or "(untitled)", style="bold"))
        described = _describe_work(work)
        if described:
            out.print(indented(Text(described)))
        for line in _describe_sources(work["sources"]):
            out.print(indented(Text(line)))
        names = {source["id"]: Path(source["path"]).name for source in work["sources"]}
        for difference in work["differences"]:
            out.print(indented(Text(f"the sources differ: {_describe_difference(difference, names)}")))


def _describe_work(work: dict[str, Any]) -> str:
    """Authors, journal, year, volume, issue, pages and DOI, each only where the work has it."""
    parts = [", ".join(work["authors"]), work["journal"], work["year"] and str(work["year"]),
             work["volume"] and f"vol. {work['volume']}", work["issue"] and f"no. {work['issue']}",
             work["pages"] and f"pp. {work['pages']}", work["doi"] and f"doi:{work['doi']}"]
    return ", ".join(part for part in parts if part)


def _describe_sources(sources: list[dict[str, Any]]) -> list[str]:
    """One line per file: an article's path, or a collection's path with how many of its reports are stored."""
    reports: dict[str, int] = {}
    for source in sources:
        file, _, report = source["path"].partition("#")
        reports[file] = reports.get(file, 0) + bool(report)
    return [f"source: {file}" + (f" ({count} report{'s' * (count > 1)})" if count else "")
            for file, count in reports.items()]


def _describe_difference(difference: dict[str, Any], names: dict[str, str]) -> str:
    """'volume: 8 in A.txt, none in B.txt', or 'reference "X 2015" only in B.txt'."""
    if difference["field"] == "reference":
        return f"reference \"{difference['label']}\" only in {', '.join(names[s] for s in difference['only_in'])}"
    values = []
    for sid, value in difference["values"].items():
        shown = "none" if value in (None, "", []) else ", ".join(value) if isinstance(value, list) else str(value)
        values.append(f"{shown} in {names[sid]}")
    return f"{difference['field']}: {'; '.join(values)}"


@app.command()
def check(paths: Optional[list[Path]] = typer.Argument(None, metavar="[FILE]...",
                                                       help="Files or directories to check as they are, "
                                                            "without storing them (a manuscript before submission)."),
          db: str = DB_OPTION, as_json: bool = typer.Option(False, "--json")) -> None:
    """The consistency report: note numbering, lost markers, Ibid and short forms with nothing to
    repeat, references never cited and citations with no reference, one archive file cited in
    different ways. Of the store, or of the files named (read, not stored)."""
    if paths:
        rows = _file_diagnostics(paths)
    else:
        with _open_store(db) as store:
            rows = [dict(row) for row in store.diagnostics()]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        out.print("No problems found.")
        return
    by_file: dict[str, list[list[str]]] = {}
    for row in rows:
        by_file.setdefault(row["path"], []).append([row["code"], row["message"]])
    out.print(Text(f"Consistency report: {_count(len(rows), 'problem')} in {_count(len(by_file), 'source')}",
                   style="bold"))
    for path, problems in by_file.items():
        print_table(out, path, [Column("code", "short"), Column("message")], problems)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _file_diagnostics(paths: list[Path]) -> list[dict[str, Any]]:
    """The diagnostics of each file's apparatus, read as ingest reads it, nothing stored."""
    files, problems = _files(paths)
    if problems:
        for problem in problems:
            _fail(problem)
        raise typer.Exit(EXIT_BAD_INPUT)
    rows: list[dict[str, Any]] = []
    for path in files:
        try:
            for unit in read_units(path):
                if isinstance(unit, InputError):
                    raise unit
                doc = extract_unit(unit, layers=("apparatus",))
                rows.extend({"path": unit.label, **d.to_dict()} for d in doc.diagnostics)
        except InputError as problem:
            stop(str(problem))
    return rows


@app.command()
def people(db: str = DB_OPTION,
           side: Optional[str] = typer.Option(None, help="Only this side (USSR, JPN, DEU, USA, …)."),
           authors: bool = typer.Option(False, "--authors", help="The scholars cited, not the historical actors."),
           top: Optional[int] = typer.Option(None, help="Show only the N most mentioned."),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """People in the store: side, roles, name forms, mentions and quotes."""
    with _open_store(db) as store:
        rows = store.people(side, authors, top)
    if as_json:
        _print_json(rows)
        return
    columns = [Column("name (id)"), Column("side", "short"), Column("mentions", "number"), Column("quotes", "number"),
               Column("roles"), Column("other forms")]
    table = []
    for row in rows:
        roles = "; ".join(dict.fromkeys(role_label(role) for role in row["roles"]))  # each role once
        forms = ", ".join(v for v in row["variants"] if v != row["name"])
        table.append([f"{row['name']} ({row['id']})", row["side"] or "", str(row["mentions"]), str(row["quotes"]),
                      roles, forms])
    print_table(out, "Scholars cited" if authors else "People", columns, table)


@app.command()
def quotes(db: str = DB_OPTION,
           speaker: Optional[str] = typer.Option(None, help="A person id, or a name or name form."),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """Quotations with speaker, addressee, date, medium and the note that sources them."""
    with _open_store(db) as store:
        rows = store.quotes(speaker)
    if as_json:
        _print_json(rows)
        return
    columns = [Column("date", "short"), Column("speaker"), Column("to"), Column("medium"), Column("note", "number"),
               Column("quote")]
    print_table(out, "Quotations", columns,
                [[row["date"] or "", row["speaker_name"] or row["speaker"] or row["speaker_text"] or "",
                  row["addressee"] or "", row["medium"] or "", _or_blank(row["footnote"]), row["text"]]
                 for row in rows])


@app.command()
def events(db: str = DB_OPTION,
           start: Optional[str] = typer.Option(None, "--from", help="YYYY-MM (or YYYY, YYYY-MM-DD)."),
           end: Optional[str] = typer.Option(None, "--to", help="YYYY-MM (or YYYY, YYYY-MM-DD)."),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """Events between actors, CAMEO-coded with PLOVER category and Goldstein score, in date order."""
    with _open_store(db) as store:
        rows = [event.to_dict() for event in store.events(start, end)]
    if as_json:
        _print_json(rows)
        return
    columns = [Column("date"), Column("CAMEO", "short"), Column("PLOVER", "short"), Column("tone", "number"),
               Column("who → whom"), Column("notes"), Column("event")]
    table = []
    for told in _events_told(rows):
        row = told[0]
        date = row["date"] or ""
        if row["date_end"] and row["date_end"] != row["date"]:
            date += f" – {row['date_end']}"  # spaced, so a narrow column wraps it between the two dates
        notes = ", ".join(dict.fromkeys(str(r["footnote"]) for r in told if r["footnote"] is not None))
        event = row["name"] or row["trigger"] or ""
        table.append([date, row["type"], row["plover"] or "", _or_blank(row["goldstein"]),
                      f"{_actor(row['source'], row['source_side'])} → {_actor(row['target'], row['target_side'])}",
                      notes, event + (f" (told {len(told)} times)" if len(told) > 1 else "")])
    print_table(out, "Events", columns, table, "tone: Goldstein score, −10 conflict … +10 cooperation")


def _actor(actor: str | None, side: str | None) -> str:
    """'smetanin (USSR)', 'JPN' for a state acting as itself, '?' for nobody known."""
    if actor and side and actor != side:
        return f"{actor} ({side})"
    return actor or side or "?"


def _events_told(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The event rows grouped by what they tell: the same act by the same actors on the same dates,
    told in several notes or sources, is one group, in the order of its first telling."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for row in rows:
        key = (row["date"], row["date_end"], row["type"], row["source"], row["target"],
               (row["name"] or row["trigger"] or "").casefold())
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def _or_blank(value: Any) -> str:
    return "" if value is None else str(value)


@app.command("relations")
def relations_command(
        side_a: str = typer.Argument("USSR", metavar="A", help="A side: USSR (SUN, RUS), JPN, USA, DEU, GBR, CHN, …"),
        side_b: str = typer.Argument("JPN", metavar="B", help="The other side."),
        start: Optional[str] = typer.Option(None, "--from", help="First period: YYYY-MM (or YYYY, YYYY-MM-DD)."),
        end: Optional[str] = typer.Option(None, "--to", help="Last period: YYYY-MM (or YYYY, YYYY-MM-DD)."),
        by: str = typer.Option("month", "--by", help="week, month, quarter or year."),
        directed: bool = typer.Option(False, "--directed", help="Only A acting towards B."),
        reporter: Optional[str] = typer.Option(None, "--reporter", help="Only what this side's sources report."),
        csv_path: Optional[Path] = typer.Option(None, "--csv", help="Write one row per period here, and one row "
                                                "per span to NAME.spans.csv beside it."),
        plot: Optional[Path] = typer.Option(None, "--plot", help="Write an interactive chart (HTML) here."),
        as_json: bool = typer.Option(False, "--json", help="Periods, spans, turning points and their evidence as JSON."),
        disputes: Optional[Path] = typer.Option(None, "--disputes", metavar="CSV",
                                                help="Compare the yearly tone with militarized disputes: a GML "
                                                     "dyad-year file of this pair (docs/disputes.md)."),
        min_events: int = typer.Option(10, "--min-events", help="--disputes: a year with fewer scored events is "
                                                               "listed as thin, not compared."),
        db: str = DB_OPTION) -> None:
    """Interactions between two sides per period: count, Goldstein mean and sum, cooperative and
    conflictual, by reporting side; turning points in the tone, with the events that drive them."""
    from legation.analyze.chart import write_chart
    from legation.analyze.disputes import compare, read_dyad_years
    from legation.analyze.evidence import load_events
    from legation.analyze.relations import relations, turning_points, write_csv

    try:
        dyad_years = read_dyad_years(disputes) if disputes else None
    except InputError as problem:
        stop(str(problem))
    try:
        with _open_store(db) as store:
            events = load_events(store, (side_a, side_b))  # those between the two sides only
        series = relations(events, side_a, side_b, start, end, by, directed, reporter)
        yearly = relations(events, side_a, side_b, start, end, "year", directed, reporter) if dyad_years else None
    except ValueError as problem:
        stop(str(problem))
    points = turning_points(series)
    comparison = compare(yearly, dyad_years, points, min_events) if yearly is not None and dyad_years else None
    if csv_path:
        write_csv(series, csv_path)
    if plot:
        write_chart(series, points, plot)
    if as_json:
        _print_json({"summary": series.summary(), "periods": series.table(),
                     "spans": [span.to_dict() for span in series.spans],
                     "turning_points": [p.to_dict() for p in points],
                     **({"disputes": {"summary": comparison.summary(), "years": comparison.table()}}
                        if comparison else {})})
        return
    _relations_table(series)
    if series.spans:
        out.print("spans (each counted once, in the period it begins):", highlight=False)
    for span in series.spans:
        sentences = len(span.event.evidence)
        where = "" if span.counted else f"; begins before {series.rows[0].period.label}, not counted here"
        out.print(indented(Text(f"{span.periods_label} {span.label} (CAMEO {span.event.type}, "
                                f"{_signed(span.event.goldstein)}, {sentences} sentence{'s' * (sentences != 1)}"
                                f"{where})")))
    for point in points:
        out.print(f"[bold]turning point {point.period}[/bold]: mean {point.mean_before:+.2f} "
                  f"({point.before[0]} – {point.before[1]}) → {point.mean_after:+.2f} "
                  f"({point.after[0]} – {point.after[1]})", highlight=False)
        for event in point.evidence:
            first = event.evidence[0]
            note = f" [note {first.footnote}: {'; '.join(first.cited)}]" if first.footnote is not None else ""
            out.print(indented(Text(f"{event.date} {event.type} {_or_blank(event.goldstein)} "
                                    f"{event.name or event.trigger or ''}: {_clip(first.sentence, 160)}{note}")))
    summary = series.summary()
    out.print(f"{summary['counted']} events counted; left out: {summary['undated']} undated, "
              f"{summary['imprecise']} dated too coarsely for a {by}, {summary['outside']} begun outside the range",
              highlight=False)
    if comparison is not None:
        _disputes_report(comparison, disputes)


def _disputes_report(comparison: Any, path: Path) -> None:
    """The yearly tone beside the dispute years, and what the two say together."""
    columns = [Column("year", "short"), Column("events", "number"), Column("tone", "number"),
               Column("dispute", "short"), Column("hostility", "number"), Column("disputes")]
    rows = [[str(r["year"]), str(r["events"]), _or_blank(r["tone"]) + (" (thin)" if r["thin"] else ""),
             "onset" if r["onset"] else "yes" if r["dispute"] else "", str(r["hostility"] or ""), r["disputes"]]
            for r in comparison.table()]
    print_table(out, f"tone by year beside militarized disputes ({path.name})", columns, rows,
                f"thin: fewer than {comparison.min_events} scored events, not compared")
    s = comparison.summary()
    if s["tone_dispute_years"] is None or s["tone_other_years"] is None:
        out.print(f"too few compared years to set dispute years against the others "
                  f"({s['dispute_years']} with a dispute, {s['other_years']} without)", highlight=False)
    else:
        lower = s["difference"]
        out.print(f"mean yearly tone: {s['tone_dispute_years']:+.2f} in {s['dispute_years']} dispute years, "
                  f"{s['tone_other_years']:+.2f} in {s['other_years']} others ({abs(lower):.2f} "
                  f"{'lower' if lower > 0 else 'higher'} in dispute years); Spearman rank correlation of "
                  f"hostility and tone {_or_blank(s['spearman_hostility_tone'])}", highlight=False)
    hits = [p for p in s["turning_points"] if p["dispute_onset_that_year"]]
    if s["turning_points"]:
        out.print(f"turning points in a year a dispute began: {len(hits)} of {len(s['turning_points'])} "
                  f"({', '.join(p['period'] for p in hits) or 'none'})", highlight=False)


def _signed(score: float | None) -> str:
    """A Goldstein score with its sign, so that its tone reads without colour: "+5.0", "-10.0"."""
    return "no score" if score is None else f"{score:+.1f}"


def _clip(text: str, width: int) -> str:
    """``text`` on one line, cut at the last word boundary before ``width`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[:width].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–-") + "…"


def _relations_table(series: Any) -> None:
    rows = series.table()
    reporters = [c for c in (rows[0] if rows else {}) if c.startswith("count_") and c.endswith("_sources")]
    sides = [c[len("count_"):-len("_sources")] for c in reporters]
    columns = [Column("period", "short"), *(Column(c, "number") for c in ("count", "mean", "sum", "coop.", "confl.")),
               *(Column(f"by {'?' if side == 'unknown' else side}", "number") for side in sides)]
    table = [[row["period"], str(row["count"]), _or_blank(row["goldstein_mean"]), str(row["goldstein_sum"]),
              str(row["cooperative"]), str(row["conflictual"]), *(str(row[c]) for c in reporters)] for row in rows]
    caption = ("mean, sum: Goldstein tone (−10 conflict … +10 cooperation); coop., confl.: events of each tone; "
               "by X: events reported in X's papers (by ?: reporting side unknown)")
    print_table(out, f"{series.sides[0]}–{series.sides[1]} by {series.by}", columns, table, caption)


@app.command("network")
def network_command(
        start: Optional[str] = typer.Option(None, "--from", help="Only occasions from this date (YYYY-MM, …)."),
        end: Optional[str] = typer.Option(None, "--to", help="Only occasions up to this date."),
        gexf: Optional[Path] = typer.Option(None, "--gexf", help="Write the network as GEXF (Gephi, networkx)."),
        top: int = typer.Option(20, "--top", help="Links shown."),
        db: str = DB_OPTION) -> None:
    """Who met whom: people linked by the events and quotations between them, weighted and dated."""
    from legation.analyze.network import people_network, write_gexf

    with _open_store(db) as store:
        try:
            graph = people_network(store, start, end)
        except ValueError as problem:
            stop(str(problem))
    if gexf:
        write_gexf(graph, gexf)
    columns = [Column("person"), Column("person"), *(Column(c, "number") for c in ("weight", "events", "quotes")),
               Column("first", "short"), Column("last", "short")]
    links = sorted(graph.edges(data=True), key=lambda link: (-link[2]["weight"], link[0], link[1]))
    rows = [[graph.nodes[a]["label"], graph.nodes[b]["label"], str(data["weight"]), str(data["events"]),
             str(data["quotes"]), data.get("start", ""), data.get("end", "")] for a, b, data in links[:top]]
    print_table(out, f"Who met whom: {graph.number_of_nodes()} people, {graph.number_of_edges()} links", columns, rows)


@app.command()
def migrate(db: str = DB_OPTION) -> None:
    """Upgrade a store made by an older legation to this one's schema, once (read commands never
    upgrade a store; ingest does it too)."""
    if not Path(db).is_file():
        stop(f"{db}: no such store")
    with _open_store(db, reading=False) as store:
        version = store.schema_version()
    out.print(f"{db}: schema {version}, as this legation writes it", highlight=False)


# Commands written beside what they drive: exports and the shareable report live with the store,
# the web app with the web package.
app.command()(export)
app.command()(report)
app.command()(serve)
app.command()(correct)
app.add_typer(corrections_app, name="corrections")
app.command()(library)
