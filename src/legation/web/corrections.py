"""A historian's corrections in the workbench: an event's page and a citation's page, each showing
what the machine read and every correction made (who, when, why) and taking a new one; a source's
corrections (the events rejected among them); a person merged into another, their role's dates.

Each correction is recorded through a writing connection of its own, for that request (every
other request only reads), then the browser is sent to the page that shows it (303 See Other).
"""

from __future__ import annotations

import json
from typing import Any, Callable
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException

from legation.model import CITATION_KINDS
from legation.store import queries
from legation.store.corrections import (Correction, citation_target, corrections_of_source, correct, event_target,
                                        final_person, merged_into, parse_fields)
from legation.store.sqlite import Store

NAME_LENGTH, NOTE_LENGTH = 200, 2000  # what a form's "by" and "why" keep
FIELDS_LENGTH = 5000


async def form_of(request: Request) -> dict[str, str]:
    """A posted form's fields, each its last value, stripped."""
    body = (await request.body()).decode("utf-8")
    return {k: v[-1].strip() for k, v in parse_qs(body, keep_blank_values=True).items()}


def add_routes(app: FastAPI, path: Any, store: Callable[[], Store], page: Callable[..., HTMLResponse]) -> None:
    """The correction pages and forms of the app over the store at ``path`` (``store()`` a
    read-only store of the request's thread; ``page`` renders a template)."""

    def record(correction: Correction, form: dict[str, str]) -> None:
        correction.by, correction.note = form.get("by", "")[:NAME_LENGTH], form.get("note", "")[:NOTE_LENGTH]
        try:
            with Store(path) as writable:
                correct(writable, correction)
        except ValueError as problem:
            raise HTTPException(400, str(problem))

    def source_or_404(source_id: str) -> dict[str, Any]:
        found = queries.source(store(), source_id)
        if found is None:
            raise HTTPException(404, f"Source {source_id} is not in this store.")
        return found

    def of_item(source_id: str, target: dict[str, Any], kinds: tuple[str, ...]) -> list[Correction]:
        """The corrections of one event or citation of a source: at its place, and for an event with
        the same people acting in it (as the merges made them since)."""
        def same(c: Correction) -> bool:
            return (c.target["start"], c.target["end"]) == (target["start"], target["end"]) and (
                c.kind == "citation" or all(final_person(store(), c.target.get(k) or "") == (target.get(k) or "")
                                            for k in ("actor", "acted")))
        return [c for c in corrections_of_source(store(), source_id) if c.kind in kinds and same(c)]

    @app.get("/sources/{source_id}/events/{seq}", response_class=HTMLResponse)
    def event_page(request: Request, source_id: str, seq: int) -> HTMLResponse:
        source = source_or_404(source_id)
        event = queries.event_of_source(store(), source_id, seq)
        if event is None:
            raise HTTPException(404, f"Event {seq} of source {source_id} is not in this store (a rejected event is "
                                     f"listed among the source's corrections).")
        target = event_target(store(), source_id, seq)
        return page(request, "event.html", source=source, event=event,
                    named=queries.named_entities(store(), source_id),
                    corrections=of_item(source_id, target, EVENT_KINDS))

    @app.post("/sources/{source_id}/events/{seq}/correct")
    async def correct_event(request: Request, source_id: str, seq: int) -> RedirectResponse:
        """Reject, recode or redate an event: whichever the form asks (a rejection wins)."""
        form = await form_of(request)
        try:
            target = event_target(store(), source_id, seq)
        except ValueError as problem:
            raise HTTPException(404, str(problem))
        if form.get("reject"):
            made = [Correction("reject-event", target)]
        else:  # a new code, a new date, or both
            made = [Correction("recode-event", target, {"type": form["code"][:8]})] if form.get("code") else []
            if form.get("date"):
                made.append(Correction("event-date", target, {"date": form["date"][:10],
                                                              "date_end": form.get("date_end", "")[:10] or None}))
        if not made:
            raise HTTPException(400, "say what is wrong with the event: reject it, or give its CAMEO code or its date.")
        for correction in made:
            record(correction, form)
        where = f"/sources/{quote(source_id)}/corrections" if form.get("reject") else \
            f"/sources/{quote(source_id)}/events/{seq}"
        return RedirectResponse(f"{where}#corrections", status_code=303)

    @app.get("/sources/{source_id}/citations/{seq}", response_class=HTMLResponse)
    def citation_page(request: Request, source_id: str, seq: int) -> HTMLResponse:
        source = source_or_404(source_id)
        row = queries.citation_of_source(store(), source_id, seq)
        if row is None:
            raise HTTPException(404, f"Citation {seq} of source {source_id} is not in this store.")
        target = {"start": row["source_start"], "end": row["source_end"]}
        return page(request, "citation.html", source=source, citation=row, kinds=CITATION_KINDS,
                    file_key=queries.file_key(row) if row["archive_id"] else None,
                    shown=shown_fields(row["fields"]), corrections=of_item(source_id, target, ("citation",)))

    @app.post("/sources/{source_id}/citations/{seq}/correct")
    async def correct_citation(request: Request, source_id: str, seq: int) -> RedirectResponse:
        """A citation's kind and fields, the fields one NAME=VALUE a line (an empty VALUE removes one)."""
        form = await form_of(request)
        row = queries.citation_of_source(store(), source_id, seq)
        if row is None or row["footnote"] is None:
            raise HTTPException(404, f"Citation {seq} of source {source_id} is not in this store.")
        number = [c["seq"] for c in queries.citations_of_note(store(), source_id, row["footnote"])].index(seq) + 1
        try:
            fields = parse_fields(line for line in form.get("fields", "")[:FIELDS_LENGTH].splitlines() if line.strip())
            target = citation_target(store(), source_id, row["footnote"], number)
        except ValueError as problem:
            raise HTTPException(400, str(problem))
        kind = form.get("kind", "")
        if kind == row["kind"] and not fields:
            raise HTTPException(400, "say what is wrong with the citation: another kind, or fields as NAME=VALUE.")
        record(Correction("citation", target, {**({"kind": kind} if kind and kind != row["kind"] else {}),
                                               "fields": fields}), form)
        return RedirectResponse(f"/sources/{quote(source_id)}/citations/{seq}#corrections", status_code=303)

    @app.get("/sources/{source_id}/corrections", response_class=HTMLResponse)
    def source_corrections(request: Request, source_id: str) -> HTMLResponse:
        return page(request, "source_corrections.html", source=source_or_404(source_id),
                    corrections=corrections_of_source(store(), source_id))

    @app.post("/people/{person_id}/same-as")
    async def merge_person(request: Request, person_id: str) -> RedirectResponse:
        """This person is another: merged into them, their page then sends to that one."""
        form = await form_of(request)
        into = form.get("person", "")[:NAME_LENGTH]
        for who in (person_id, into):
            if queries.person(store(), who) is None:
                raise HTTPException(404, f"Person {who or '(none given)'} is not in this store.")
        record(Correction("merge-person", {"person": person_id}, {"person": into}), form)
        return RedirectResponse(f"/people/{quote(final_person(store(), into))}#corrections", status_code=303)

    @app.post("/people/{person_id}/role")
    async def date_role(request: Request, person_id: str) -> RedirectResponse:
        """The dates of one of a person's roles, by its title (an empty date is unknown)."""
        form = await form_of(request)
        found = queries.person(store(), person_id)
        if found is None:
            raise HTTPException(404, f"Person {person_id} is not in this store.")
        title = form.get("title", "")
        if title not in {role["title"] for role in found["roles"]}:
            raise HTTPException(400, f"{person_id} has no role titled {title[:NAME_LENGTH]!r}.")
        dates = {k: form[k][:10] for k in ("from", "to") if form.get(k)}  # a date left empty is kept as read
        if not dates:
            raise HTTPException(400, "give the role's first or last date (YYYY, YYYY-MM or YYYY-MM-DD).")
        record(Correction("role-dates", {"person": person_id, "title": title}, dates), form)
        return RedirectResponse(f"/people/{quote(person_id)}#corrections", status_code=303)


EVENT_KINDS = ("reject-event", "recode-event", "event-date")


def merged_person(store: Store, person_id: str) -> RedirectResponse | None:
    """Where a person merged into another is now: a redirect to that person's page, saying whom."""
    merge = merged_into(store, person_id)
    if merge is None:
        return None
    into = final_person(store, person_id)
    return RedirectResponse(f"/people/{quote(into)}?merged={quote(person_id)}#corrections", status_code=302)


def shown_fields(fields: str) -> list[tuple[str, Any]]:
    """A citation's own fields as NAME=VALUE lines would give them (not its place or its words)."""
    return [(name, value) for name, value in json.loads(fields).items()
            if name not in ("footnote", "kind", "text", "start", "end", "source_start", "source_end", "resolved")
            and value not in (None, "", [], {})]
