"""``legation correct`` and ``legation corrections list|export|import``: a historian's corrections,
kept in the store apart from the machine's reading and applied again after every ingest
(``legation.store.corrections``)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Optional

import typer

from legation.cli.common import open_store, out, stop
from legation.errors import InputError
from legation.lexicon.sides import side_code
from legation.store import queries
from legation.store.corrections import Correction, citation_target, correct as record, corrections, event_target, \
    export_jsonl, import_jsonl, mention_target, merged_into, new_person_id, parse_fields, role_titles, same_title

DB = typer.Option("legation.db", "--db", metavar="FILE", help="SQLite store to correct.")
BY = typer.Option("", "--by", help="Who makes the correction (shown beside it).")
NOTE = typer.Option("", "--note", help="Why: the evidence for it.")


def _store(db: str):
    if not Path(db).is_file():
        stop(f"{db}: no such store (ingest first)")
    return open_store(db, reading=False)


def correct(person: Optional[str] = typer.Option(None, "--person", help="A person's id (legation people)."),
            side: Optional[str] = typer.Option(None, "--side", help="--person: the side they acted for."),
            same_as: Optional[str] = typer.Option(None, "--same-as", metavar="ID",
                                                  help="--person: they are this person (merged into them)."),
            role: Optional[str] = typer.Option(None, "--role", metavar="TITLE",
                                               help="--person: the title of a role of theirs, to date with "
                                                    "--from/--to."),
            start: Optional[str] = typer.Option(None, "--from", help="--role: when they took it ('' for unknown)."),
            end: Optional[str] = typer.Option(None, "--to", help="--role: when they left it ('' for unknown)."),
            source: Optional[str] = typer.Option(None, "--source", help="A source's id (an event's, a mention's, a "
                                                                        "note's)."),
            event: Optional[int] = typer.Option(None, "--event", help="--source: the event's number (seq)."),
            reject: bool = typer.Option(False, "--reject", help="--event: it is no event."),
            code: Optional[str] = typer.Option(None, "--code", help="--event: its CAMEO code (e.g. 036)."),
            date: Optional[str] = typer.Option(None, "--date", help="--event: its date (1939-09-15, 1939-09, 1939)."),
            date_end: Optional[str] = typer.Option(None, "--date-end", help="--event: the end of its span."),
            mention: Optional[str] = typer.Option(None, "--mention", metavar="START-END",
                                                  help="--source: a person's mention, by its offsets in the text."),
            is_: Optional[str] = typer.Option(None, "--is", metavar="ID",
                                              help="--mention: the person it names (an id known or new)."),
            name: Optional[str] = typer.Option(None, "--name", help="--mention: that person's full name (without "
                                                                    "--is, their id is minted from it)."),
            note_number: Optional[int] = typer.Option(None, "--footnote", metavar="N",
                                                      help="--source: a note's number."),
            citation: int = typer.Option(1, "--citation", metavar="K", help="--footnote: its K-th citation."),
            kind: Optional[str] = typer.Option(None, "--kind", help="--footnote: the citation's kind (archival, "
                                                                    "published, newspaper, …)."),
            fields: list[str] = typer.Option([], "--field", metavar="NAME=VALUE",
                                             help="--footnote: a field of the citation (delo=14, title=…; NAME= removes "
                                                  "it); again for more."),
            by: str = BY, note: str = NOTE, db: str = DB) -> None:
    """Correct what the machine read: a person (their side, who they are, a role's dates), a
    mention (who it names), an event (reject it, recode it, redate it) or a note's citation (its
    kind and fields). The correction is kept apart and applied again after every ingest."""
    with _store(db) as store:
        try:
            if person:
                found = _of_person(store, person, side, same_as, role, start, end)
            elif source and event is not None:
                found = _of_event(store, source, event, reject, code, date, date_end)
            elif source and mention:
                found = _of_mention(store, source, mention, is_, name)
            elif source and note_number is not None:
                if not kind and not fields:
                    stop("--footnote needs --kind or --field NAME=VALUE")
                found = Correction("citation", citation_target(store, source, note_number, citation),
                                   {**({"kind": kind} if kind else {}), "fields": parse_fields(fields)})
            else:
                stop("say what to correct: --person ID with --side, --same-as or --role; or --source ID with "
                     "--event N, --mention START-END or --footnote N")
            found.by, found.note = by, note
            done = record(store, found)
        except ValueError as problem:
            stop(str(problem))
    out.print(f"corrected: {done.kind} {json.dumps(done.target, ensure_ascii=False)} → "
              f"{json.dumps(done.value, ensure_ascii=False)} "
              f"(the machine read {json.dumps(done.machine, ensure_ascii=False)})", highlight=False)


def _of_person(store, person: str, side: str | None, same_as: str | None, role: str | None, start: str | None,
               end: str | None) -> Correction:
    if queries.person(store, person) is None:
        merge = merged_into(store, person)
        stop(f"{person} was merged into {merge.value['person']}: correct that person" if merge
             else f"no person {person} in this store (legation people lists them)")
    if side:
        return Correction("side", {"person": person}, {"side": side_code(side)})
    if same_as:
        if queries.person(store, same_as) is None:
            stop(f"no person {same_as} in this store to merge {person} into")
        return Correction("merge-person", {"person": person}, {"person": same_as})
    if role:
        titles = role_titles(store, person)
        title = next((t for t in titles if same_title(t, role)), None)
        if title is None:
            stop(f"{person} has no role titled {role!r}; their roles: {'; '.join(titles) or 'none'}")
        if start is None and end is None:
            stop("--role needs --from or --to")
        dates = {k: v for k, v in (("from", start), ("to", end)) if v is not None}
        return Correction("role-dates", {"person": person, "title": title}, dates)
    stop("--person needs --side, --same-as or --role")


def _of_event(store, source: str, event: int, reject: bool, code: str | None, date: str | None,
              date_end: str | None) -> Correction:
    target = event_target(store, source, event)
    if reject:
        return Correction("reject-event", target)
    if code:
        return Correction("recode-event", target, {"type": code})
    if date:
        return Correction("event-date", target, {"date": date, "date_end": date_end})
    stop("--event needs --reject, --code or --date")


def _of_mention(store, source: str, mention: str, person: str | None, name: str | None) -> Correction:
    offsets = re.fullmatch(r"(\d+)-(\d+)", mention.strip())
    if offsets is None:
        stop(f"--mention is START-END (the mention's offsets, as the web app's links give them), not {mention!r}")
    if not person and not name:
        stop("--mention needs --is ID (the person it names) or --name \"Full Name\" (a person new to the store)")
    target = mention_target(store, source, int(offsets[1]), int(offsets[2]))
    return Correction("split-mention", target, {"person": person or new_person_id(name),
                                                **({"name": name} if name else {})})


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
