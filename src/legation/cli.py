"""The ``legation`` command line."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from legation.errors import LegationError
from legation.ingest.source import TEXT_SUFFIXES, read_source
from legation.pipeline import LAYERS, extract_file, extract_text
from legation.store.sqlite import Store, StoreError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Read diplomatic history with a machine and keep the evidence.")
out = Console()
err = Console(stderr=True)

DB_OPTION = typer.Option("legation.db", "--db", help="SQLite store to use.")
EXIT_BAD_INPUT = 2


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _open_store(db: str) -> Store:
    try:
        return Store(db)
    except (StoreError, OSError, sqlite3.DatabaseError) as problem:
        _fail(f"{db}: cannot open the store ({problem})")
        raise typer.Exit(EXIT_BAD_INPUT)


def _files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The text files named or found under the directories named, and the problems met."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            entries = sorted(p for p in path.rglob("*") if not p.name.startswith("."))
            found = [p for p in entries if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES]
            problems.extend(f"{p}: broken symbolic link" for p in entries if p.is_symlink() and not p.exists())
            others = [p for p in entries if p.is_file() and p.suffix.lower() not in TEXT_SUFFIXES]
            if others:
                err.print(f"note: {path}: skipped {len(others)} file(s) that are not .txt or .md", highlight=False)
            if not found:
                problems.append(f"{path}: no .txt or .md files in this directory")
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
        _fail(f"--layers: {option!r} must name apparatus and optionally {', '.join(LAYERS[1:])}")
        raise typer.Exit(EXIT_BAD_INPUT)
    return layers


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Files or directories to ingest."),
           db: str = DB_OPTION,
           layers: str = typer.Option(",".join(LAYERS), "--layers",
                                      help="apparatus (notes, citations, references) and actors "
                                           "(people, places, dates, quotes, events).")) -> None:
    """Ingest articles (text or Markdown) into the store: atomic per file, idempotent."""
    wanted = _layers(layers)
    files, problems = _files(paths)
    for problem in problems:
        _fail(problem)
    store = _open_store(db)
    results: list[tuple[str, str, Any]] = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=len(files) < 2) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for path in files:
            results.append(_ingest_one(store, path, wanted))
            progress.advance(task)
    _ingest_summary(results)
    failed = [r for r in results if r[1] == "failed"]
    store.close()
    if failed or problems:
        raise typer.Exit(EXIT_BAD_INPUT)


def _ingest_one(store: Store, path: Path, layers: tuple[str, ...]) -> tuple[str, str, Any]:
    try:
        source, text = read_source(path)
        if store.has_source(source.sha256, layers):
            return str(path), "unchanged", None
        doc = extract_text(source, text, layers)
        store.add_document(doc, layers)
        return str(path), "ingested", doc
    except LegationError as problem:
        _fail(str(problem))
    except Exception as problem:  # a bug must not stop the batch; the file is not stored
        _fail(f"{path}: could not be processed ({type(problem).__name__}: {problem})")
    return str(path), "failed", None


def _ingest_summary(results: list[tuple[str, str, Any]]) -> None:
    table = Table(title="Ingested")
    columns = ("notes", "citations", "refs", "in-text", "people", "quotes", "events", "diag.")
    table.add_column("file", overflow="fold")
    table.add_column("status", no_wrap=True)
    for column in columns:
        table.add_column(column, justify="right")
    for path, status, doc in results:
        name = Path(path).name
        if doc is None:
            table.add_row(name, status, *[""] * len(columns))
        else:
            counted = (doc.footnotes, doc.citations, doc.references, doc.intext_citations,
                       [p for p in doc.persons if not p.is_author], doc.quotes, doc.events, doc.diagnostics)
            table.add_row(name, status, *(str(len(items)) for items in counted))
    out.print(table)


@app.command()
def extract(file: Path = typer.Argument(..., help="A text or Markdown article."),
            as_json: bool = typer.Option(False, "--json", help="Print the JSON contract (docs/json-contract.md).")) -> None:
    """Extract one file without a store: its apparatus, people, places, dates, quotes and events."""
    try:
        doc = extract_file(file)
    except LegationError as problem:
        _fail(str(problem))
        raise typer.Exit(EXIT_BAD_INPUT)
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
    table = Table(title="Archive files by citing notes")
    for column in ("archive", "fond", "opis", "papka", "delo", "notes", "folios"):
        table.add_column(column)
    for row in index:
        table.add_row(row["archive"], row["fond"], row["opis"] or "", row["papka"] or "", row["delo"] or "",
                      str(row["notes"]), ", ".join(row["folios"]))
    out.print(table)


@app.command()
def refs(db: str = DB_OPTION,
         format: str = typer.Option("csljson", "--format", help="csljson or bibtex.")) -> None:
    """Export the reference lists of everything ingested."""
    from legation.model import Reference
    from legation.store.export import to_bibtex, to_csl_json

    writers = {"csljson": to_csl_json, "bibtex": to_bibtex}
    if format not in writers:
        _fail(f"--format: {format!r} is not one of {', '.join(writers)}")
        raise typer.Exit(EXIT_BAD_INPUT)
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
        _fail(f"--format: {format!r} is not one of {', '.join(PARSE_REFS_FORMATS)}")
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        text = sys.stdin.read() if str(file) == "-" else read_source(file)[1]
    except LegationError as problem:
        _fail(str(problem))
        raise typer.Exit(EXIT_BAD_INPUT)
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
        out.print(f"[bold]{work['title']}[/bold] — {', '.join(work['authors'])}, {work['journal']} "
                  f"{work['year']}, vol. {work['volume'] or '—'}, no. {work['issue'] or '—'}, pp. {work['pages'] or '—'}, "
                  f"doi:{work['doi'] or '—'}", highlight=False)
        for source in work["sources"]:
            out.print(f"  source {source['id']}  {source['path']}", highlight=False)
        for difference in work["differences"]:
            out.print(f"  differs: {_describe_difference(difference)}", highlight=False)


def _describe_difference(difference: dict[str, Any]) -> str:
    if difference["field"] == "reference":
        return f"reference {difference['label']!r} only in {', '.join(difference['only_in'])}"
    values = "; ".join(f"{sid}: {value!r}" for sid, value in difference["values"].items())
    return f"{difference['field']}: {values}"


@app.command()
def check(db: str = DB_OPTION, as_json: bool = typer.Option(False, "--json")) -> None:
    """The consistency report: numbering problems, lost markers, uncited or missing references."""
    with _open_store(db) as store:
        rows = [dict(row) for row in store.diagnostics()]
    if as_json:
        _print_json(rows)
        return
    table = Table(title="Consistency report")
    for column in ("file", "code", "message"):
        table.add_column(column)
    for row in rows:
        table.add_row(Path(row["path"]).name, row["code"], row["message"])
    out.print(table if rows else "No problems found.")


@app.command()
def people(db: str = DB_OPTION,
           side: Optional[str] = typer.Option(None, help="Only this side (USSR, JPN, DEU, USA, …)."),
           authors: bool = typer.Option(False, "--authors", help="The scholars cited, not the historical actors."),
           top: Optional[int] = typer.Option(None, help="Show only the N most mentioned."),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """People in the store: side, roles, name forms, mentions and quotes."""
    with _open_store(db) as store:
        rows = store.people(side, authors)[:top]
    if as_json:
        _print_json(rows)
        return
    table = Table(title="Scholars cited" if authors else "People")
    for column in ("id", "name", "side", "roles", "mentions", "quotes", "other forms"):
        table.add_column(column)
    for row in rows:
        roles = "; ".join(_role_label(role) for role in row["roles"])
        forms = ", ".join(v for v in row["variants"] if v != row["name"])
        table.add_row(row["id"], row["name"], row["side"] or "", roles, str(row["mentions"]), str(row["quotes"]), forms)
    out.print(table)


def _role_label(role: dict[str, Any]) -> str:
    held = "–".join(part for part in (role.get("from"), role.get("to")) if part)
    return f"{role['title']} ({held})" if held else role["title"]


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
    table = Table(title="Quotations")
    for column in ("date", "speaker", "to", "medium", "note", "quote"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["date"] or "", row["speaker_name"] or row["speaker"] or row["speaker_text"] or "",
                      row["addressee"] or "", row["medium"] or "", _or_blank(row["footnote"]), row["text"])
    out.print(table)


@app.command()
def events(db: str = DB_OPTION,
           start: Optional[str] = typer.Option(None, "--from", help="YYYY-MM (or YYYY, YYYY-MM-DD)."),
           end: Optional[str] = typer.Option(None, "--to", help="YYYY-MM (or YYYY, YYYY-MM-DD)."),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """Events between actors, CAMEO-coded with PLOVER category and Goldstein score, in date order."""
    with _open_store(db) as store:
        rows = store.events(start, end)
    if as_json:
        _print_json(rows)
        return
    table = Table(title="Events")
    for column in ("date", "CAMEO", "PLOVER", "Goldstein", "source", "target", "note", "evidence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        date = row["date"] or ""
        if row["date_end"] and row["date_end"] != row["date"]:
            date += f"/{row['date_end']}"
        table.add_row(date, row["type"], row["plover"] or "", _or_blank(row["goldstein"]),
                      f"{row['source'] or ''} ({row['source_side'] or '?'})",
                      f"{row['target'] or ''} ({row['target_side'] or '?'})",
                      _or_blank(row["footnote"]), row["name"] or row["trigger"] or "")
    out.print(table)


def _or_blank(value: Any) -> str:
    return "" if value is None else str(value)
