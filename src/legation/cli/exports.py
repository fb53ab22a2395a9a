"""The ``export`` and ``report`` commands: the store written out for other tools."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from legation.cli.common import open_store, stop
from legation.store.sqlite import Store

EXPORT_FORMATS = ("csv", "json", "csljson", "bibtex", "gexf", "graphml", "tei")


def export(format: str = typer.Option(..., "--format", help=f"One of {', '.join(EXPORT_FORMATS)}."),
           db: str = typer.Option("legation.db", "--db", help="SQLite store to use."),
           out: Optional[Path] = typer.Option(None, "--out", help="File to write (a directory for csv); "
                                                                  "standard output when left out."),
           source: Optional[str] = typer.Option(None, "--source", help="tei: the source id of the article "
                                                                       "(needed when several are stored).")) -> None:
    """Export the store: csv (one table per file, for spreadsheets and Palladio) or json (the same
    tables), csljson or bibtex (reference lists and works cited in notes, for Zotero), gexf or
    graphml (who met whom, for Gephi and networkx), tei (one article with its markup)."""
    if format not in EXPORT_FORMATS:
        stop(f"--format: {format!r} is not one of {', '.join(EXPORT_FORMATS)}")
    if format == "csv" and out is None:
        stop("--format csv writes one file per table: name a directory with --out")
    with open_store(db) as store:
        if format == "csv":
            from legation.formats.tables import store_tables, write_csv

            for path in write_csv(store_tables(store), out):
                typer.echo(f"wrote {path}", err=True)
        elif format in ("gexf", "graphml"):
            _export_network(store, format, out)
        else:
            _write(_rendered(store, format, source), out)


def report(out: Path = typer.Option(Path("report.html"), "--out", help="The HTML file to write."),
           db: str = typer.Option("legation.db", "--db", help="SQLite store to use."),
           a: str = typer.Option("USSR", "--a", help="One side of the relations chart (USSR, JPN, USA, DEU, …)."),
           b: str = typer.Option("JPN", "--b", help="The other side."),
           start: Optional[str] = typer.Option(None, "--from", help="First period: YYYY-MM (or YYYY, YYYY-MM-DD)."),
           end: Optional[str] = typer.Option(None, "--to", help="Last period: YYYY-MM (or YYYY, YYYY-MM-DD)."),
           by: str = typer.Option("month", "--by", help="week, month, quarter or year."),
           top: int = typer.Option(15, "--top", help="Archive files, people and quotations shown.")) -> None:
    """One self-contained HTML report to share (opens with no network): the relations chart, the
    citation index chart, top people and their quotations, the timeline of events and the
    consistency report."""
    from legation.web.report import write_report

    with open_store(db) as store:
        try:
            write_report(store, out, a=a, b=b, start=start, end=end, by=by, top=top)
        except ValueError as problem:
            stop(str(problem))
    typer.echo(f"wrote {out}", err=True)


def _rendered(store: Store, format: str, source: str | None) -> str:
    """The text of a one-file export."""
    if format == "json":
        from legation.formats.tables import store_tables, to_json

        return to_json(store_tables(store)) + "\n"
    if format == "csljson":
        from legation.formats.cited import bibliography_csl

        return json.dumps(bibliography_csl(store), ensure_ascii=False, indent=2) + "\n"
    if format == "bibtex":
        from legation.formats.cited import bibliography_bibtex

        return bibliography_bibtex(store)
    from legation.formats.tei import TeiError, default_source, to_tei

    try:
        exported = to_tei(store, source or default_source(store))
    except TeiError as problem:
        stop(str(problem))
    if exported.dropped:
        left_out = ", ".join(f"{count} {tag}" for tag, count in sorted(exported.dropped.items()))
        typer.echo(f"note: spans that partly overlap another were left out: {left_out}", err=True)
    return exported.xml.decode("utf-8") + "\n"


def _export_network(store: Store, format: str, out: Path | None) -> None:
    from legation.formats.network import write_network

    graph = write_network(store, out if out is not None else sys.stdout.buffer, format)
    typer.echo(f"{graph.number_of_nodes()} people, {graph.number_of_edges()} links", err=True)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
