"""Bibliographies on the command line: a Zotero export given to ``legation ingest`` (a ``.json``
or ``.bib`` file named beside the articles, or ``--bibliography FILE``), and ``legation library``,
which lists what was kept and what cites it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional, Protocol

import typer

from legation.cli.common import open_store, out, stop
from legation.errors import InputError
from legation.extract.library import LibraryIndex, relink
from legation.ingest.bibliography import LIBRARY_SUFFIXES, Library, read_library
from legation.ingest.source import content_suffix
from legation.model import Reference
from legation.store import library as kept
from legation.store.sqlite import Store
from legation.terminal import Column, print_table

BIBLIOGRAPHY_OPTION = typer.Option(
    None, "--bibliography", metavar="FILE",
    help="A bibliography (Zotero's CSL JSON or BibTeX export) that author–year citations and short forms link "
         "to where a document's own reference list lacks the work (ingest: a .json or .bib file named among the "
         "files is one too, and the store keeps it for the documents ingested later).")


def bibliography_files(paths: list[Path], named: list[Path] | None) -> tuple[list[Path], list[Path]]:
    """(the bibliographies, the rest): files named with a bibliography's suffix, and those given
    with --bibliography. A folder's .json and .bib files are not read as bibliographies."""
    found = [p for p in paths if not p.is_dir() and content_suffix(p) in LIBRARY_SUFFIXES]
    return [*found, *(named or [])], [p for p in paths if p not in found]


def read_bibliographies(paths: list[Path]) -> list[Library]:
    """Every bibliography named, read whole before anything is stored: one that cannot be read
    ends the command, saying why in one line."""
    libraries = []
    for path in paths:
        try:
            libraries.append(read_library(path))
        except InputError as problem:
            stop(str(problem))
    return libraries


def _linking(items: list[Reference]):
    """The linker of stored citations for the libraries' items (legation.store.library)."""
    index = LibraryIndex(items)
    return lambda intext, citations, references: relink(intext, citations, index, references)


class _Sink(Protocol):
    def close(self) -> None: ...


def index_of(libraries: list[Library]) -> LibraryIndex | None:
    """The items of the bibliographies read, to link citations to; None without any."""
    items = [item for library in libraries for item in library.items]
    return LibraryIndex(items) if items else None


def keep_bibliographies(sink: _Sink, libraries: list[Library]) -> tuple[LibraryIndex | None, dict[str, bool]]:
    """Keep the bibliographies in the store (linking what it holds already to them) and give the
    index of every library it keeps, for the documents to come; a Parquet dataset keeps none of
    them, and links to those named. Also: path -> whether the file was newly kept."""
    if not isinstance(sink, Store):
        return index_of(libraries), {}
    added = {library.path: kept.add_library(sink, library, _linking) for library in libraries}
    items = kept.references(sink)
    return (LibraryIndex(items) if items else None), added


def print_bibliographies(sink: _Sink, libraries: list[Library], added: dict[str, bool]) -> None:
    for library in libraries:
        status = "kept" if added.get(library.path) else "not stored" if library.path not in added else \
            "unchanged" if kept.library_path(sink, library.sha256) == library.path else \
            f"the same as {kept.library_path(sink, library.sha256)}"
        linked = f"; {kept.linked_of_library(sink, library.id)} citations link to it" if isinstance(sink, Store) else ""
        out.print(f"{library.path}: bibliography ({'CSL-JSON' if library.format == 'csljson' else 'BibTeX'}) of "
                  f"{len(library.items)} items, {status}{linked}", highlight=False)
        for note in library.notes:
            out.print(f"  note: {note}", highlight=False)


def library(db: str = typer.Option("legation.db", "--db", metavar="FILE", help="SQLite store to use."),
            key: Optional[str] = typer.Option(None, "--key", help="One item: its citations, in the text and notes."),
            as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """The bibliographies given to ingest: each item with the citations linked to it."""
    with open_store(db) as store:
        if key is not None:
            item = kept.library_item(store, key)
            if item is None:
                stop(f"{key}: no item of that key in the libraries of {db}")
            _show_item(item, as_json)
            return
        items = kept.library_items(store)
        files = kept.libraries(store)
    if as_json:
        sys.stdout.write(json.dumps({"libraries": files, "items": items}, ensure_ascii=False, indent=2) + "\n")
        return
    columns = [Column("key", "short"), Column("item"), Column("file"), Column("text", "number"),
               Column("notes", "number")]
    rows = [[row["key"], _label(row["csl"]), f"{Path(row['path']).name} #{row['seq'] + 1}", str(row["in_text"]),
             str(row["in_notes"])] for row in items]
    print_table(out, f"{len(items)} items of {len(files)} bibliographies, with the citations linked to them",
                columns, rows)


def _label(csl: dict) -> str:
    names = csl.get("author") or csl.get("editor") or []
    lead = (names[0].get("family") or names[0].get("literal") or "") if names else ""
    year = ((csl.get("issued") or {}).get("date-parts") or [[""]])[0][0]
    return ", ".join(str(part) for part in (lead, year, csl.get("title")) if part)


def _show_item(item: dict, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(item, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"{item['key']}: {_label(item['csl'])} ({item['path']}, item {item['seq'] + 1}, characters "
              f"{item['source_start']}–{item['source_end']})", highlight=False)
    columns = [Column("where", "short"), Column("file"), Column("citation")]
    rows = [["in the text" if c["place"] == "text" else f"note {c['footnote']}", c["path"], c["text"]]
            for c in item["citations"]]
    print_table(out, f"{len(rows)} citations", columns, rows)
