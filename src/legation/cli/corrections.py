"""``legation correct`` and ``legation corrections list|export|import``: a historian's corrections,
kept in the store apart from the machine's reading and applied again after every ingest
(``legation.store.corrections``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from legation.cli.common import open_store, out, stop
from legation.errors import InputError
from legation.lexicon.sides import side_code
from legation.store.corrections import Correction, correct as record, corrections, event_target, export_jsonl, \
    import_jsonl

DB = typer.Option("legation.db", "--db", metavar="FILE", help="SQLite store to correct.")
BY = typer.Option("", "--by", help="Who makes the correction (shown beside it).")
NOTE = typer.Option("", "--note", help="Why: the evidence for it.")


def _store(db: str):
    if not Path(db).is_file():
        stop(f"{db}: no such store (ingest first)")
    return open_store(db, reading=False)


def correct(person: Optional[str] = typer.Option(None, "--person", help="A person's id (legation people)."),
            side: Optional[str] = typer.Option(None, "--side", help="--person: the side they acted for."),
            source: Optional[str] = typer.Option(None, "--source", help="An event's source id."),
            event: Optional[int] = typer.Option(None, "--event", help="--source: the event's number (seq)."),
            reject: bool = typer.Option(False, "--reject", help="--event: it is no event."),
            code: Optional[str] = typer.Option(None, "--code", help="--event: its CAMEO code (e.g. 036)."),
            date: Optional[str] = typer.Option(None, "--date", help="--event: its date (1939-09-15, 1939-09, 1939)."),
            date_end: Optional[str] = typer.Option(None, "--date-end", help="--event: the end of its span."),
            by: str = BY, note: str = NOTE, db: str = DB) -> None:
    """Correct what the machine read: a person's side, or an event (reject it, recode it, redate
    it). The correction is kept apart and applied again after every ingest."""
    with _store(db) as store:
        try:
            if person:
                if not side:
                    stop("--person needs --side")
                found = Correction("side", {"person": person}, {"side": side_code(side)}, by=by, note=note)
            elif source and event is not None:
                target = event_target(store, source, event)
                if reject:
                    found = Correction("reject-event", target, by=by, note=note)
                elif code:
                    found = Correction("recode-event", target, {"type": code}, by=by, note=note)
                elif date:
                    found = Correction("event-date", target, {"date": date, "date_end": date_end}, by=by, note=note)
                else:
                    stop("--event needs --reject, --code or --date")
            else:
                stop("say what to correct: --person ID --side SIDE, or --source ID --event N with --reject, "
                     "--code or --date")
            done = record(store, found)
        except ValueError as problem:
            stop(str(problem))
    out.print(f"corrected: {done.kind} {json.dumps(done.target)} → {json.dumps(done.value)} "
              f"(the machine read {json.dumps(done.machine)})", highlight=False)


corrections_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                              help="List, export and import a store's corrections (JSON Lines).")


@corrections_app.command("list")
def list_corrections(db: str = DB) -> None:
    """Every correction, one JSON object a line."""
    with _store(db) as store:
        for found in corrections(store):
            sys.stdout.write(json.dumps(found.to_dict(), ensure_ascii=False) + "\n")


@corrections_app.command("export")
def export_corrections(path: Path = typer.Argument(..., help="The JSON Lines file to write."), db: str = DB) -> None:
    """Write every correction to a file, to share, review or version."""
    with _store(db) as store:
        count = export_jsonl(store, path)
    out.print(f"{count} correction(s) written to {path}", highlight=False)


@corrections_app.command("import")
def import_corrections(path: Path = typer.Argument(..., help="A JSON Lines file of corrections."),
                       db: str = DB) -> None:
    """Record and apply the corrections of a file (a colleague's, or a fresh store's)."""
    with _store(db) as store:
        try:
            count = import_jsonl(store, path)
        except InputError as problem:
            stop(str(problem))
    out.print(f"{count} correction(s) applied from {path}", highlight=False)
