"""The historian's workbench: a local web app over one store, pages rendered on the server.

Each worker thread reads the store through a read-only connection of its own (sqlite3
connections are not shared across threads); only a historian's correction writes (through a
connection of its own, for that request), so reading never waits on a lock. Every
query is one of the store's named queries (``legation.store.queries``), answered from an index.
Long lists come a page at a time (``?page=``, ``?offset=``, ``?size=``), each saying how many
rows there are in all, in the order asked (``?sort=KEY`` or ``?sort=-KEY``, legation.web.sorting).
What is costly to derive (the events between two sides with their evidence, for the relations
series) is kept per store stamp, so it is recomputed only when the store changed.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import parse_qs, quote, urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException

from legation.analyze.evidence import load_events
from legation.lexicon.dates import day_span
from legation.analyze.network import people_network
from legation.analyze.relations import GRANULARITIES, parse_bound, relations, turning_points
from legation.lexicon.sides import side_code
from legation.model import QUOTE_MEDIA, SIDES
from legation.store import queries
from legation.store import search as fts
from legation.store import library as kept
from legation.store.corrections import Correction, correct, corrections_of_person
from legation.web.corrections import add_routes as add_correction_routes, merged_person
from legation.store.sqlite import Store
from legation.web.assets import PLOTLY_JS, STATIC, TEMPLATES
from legation.web.document import document_html
from legation.web import sorting
from legation.web.paging import Page, Window, window
from legation.web.sorting import Sorted, in_order

SIDE_PATTERN = r"^[A-Za-z]{2,12}$"
# rows on one page of each list when the request does not ask for another size (?size=, up to 500)
WORKS_PER_PAGE = 20
SOURCES_PER_WORK = 25  # on the works page; a work's own page lists them all, a page at a time
ROWS_PER_PAGE = 100  # sources of a work, people, archive files, the notes citing one, quotations, links
HITS_PER_PAGE = 50
LIST_LIMIT = 500  # the quotations and events listed on a person's page (the page says how many in all)
MENTIONS_SHOWN = 200
ROLES_SHOWN = 3  # of each person on the people page
CACHED = 32  # derived values kept: the events of a pair of sides, a relations series, a network


class BlankFieldsAsAbsent:
    """A form sends every field, the empty ones as "side=": an empty field is one not filled in,
    so it is dropped from the query before the parameters are read (else "side=" fails the side
    pattern and the Filter button answers 422)."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = scope["query_string"].split(b"&")  # kept as sent: nothing decoded and encoded again
            kept = [p for p in pairs if p.partition(b"=")[2].replace(b"+", b"").replace(b"%20", b"").strip()]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": b"&".join(kept)}
        await self.app(scope, receive, send)


class StoreAccess:
    """One Store per worker thread, and values derived from the store cached by its stamp."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._cache: OrderedDict[Any, tuple[str, Any]] = OrderedDict()

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.path, readonly=True)  # corrections write apart
        return store

    def cached(self, name: Any, compute: Callable[[Store], Any]) -> Any:
        """compute(store), kept under ``name`` until the store changes (the last CACHED names kept)."""
        store = self.store()
        stamp = fts.store_stamp(store)
        with self._lock:
            kept = self._cache.get(name)
            if kept is None or kept[0] != stamp:
                kept = self._cache[name] = (stamp, compute(store))
            self._cache.move_to_end(name)
            while len(self._cache) > CACHED:
                self._cache.popitem(last=False)
            return kept[1]


def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(sides=SIDES, media=QUOTE_MEDIA, granularities=GRANULARITIES, urlencode=urlencode)
    return env


def create_app(db_path: str | Path) -> FastAPI:
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such store")
    access = StoreAccess(path)
    access.store()  # refuses, here and not on a request, a file that is not a store of this schema
    env = templates()
    # the site's navigation names the library only in a store that keeps one
    env.globals["has_library"] = lambda: bool(access.cached("libraries", kept.libraries))
    app = FastAPI(title="legation", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(BlankFieldsAsAbsent)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def page(request: Request, template: str, code: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(request=request, path=request.url.path, **context)
        return HTMLResponse(html, status_code=code)

    def not_found(what: str) -> HTTPException:
        return HTTPException(404, f"{what} is not in this store.")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> HTMLResponse:
        return page(request, "error.html", error.status_code, status=error.status_code, message=error.detail)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> HTMLResponse:
        problems = [f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors()]
        return page(request, "error.html", 422, status=422, message="; ".join(problems))

    @app.get("/assets/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY_JS, media_type="text/javascript")

    def listed(request: Request, total: int, at: Window, noun: str, **params: Any) -> Page:
        return Page(total, at, noun, request.url.path, {k: str(v) for k, v in params.items() if v not in (None, "")})

    @app.get("/", response_class=HTMLResponse)
    def works(request: Request, at: Window = Depends(window(WORKS_PER_PAGE)),
              sort: Sorted = Depends(sorting.WORKS.requested())) -> HTMLResponse:
        store = access.store()
        total, found = queries.works_page(store, at.size, at.offset, SOURCES_PER_WORK, order=sort.order)
        return page(request, "works.html", works=found, pager=listed(request, total, at, "works", sort=sort.param),
                    sort=sort, counts=queries.counts_by_source(store, (s["id"] for w in found for s in w["sources"])),
                    counted=queries.COUNTED, shown=SOURCES_PER_WORK)

    @app.get("/works/{work_id}", response_class=HTMLResponse)
    def work(request: Request, work_id: int, at: Window = Depends(window(ROWS_PER_PAGE)),
             sort: Sorted = Depends(sorting.SOURCES.requested())) -> HTMLResponse:
        store = access.store()
        found = queries.work(store, work_id, at.size, at.offset, order=sort.order)
        if found is None:
            raise not_found(f"Work {work_id}")
        return page(request, "works.html", works=[found], sources_sort=sort,
                    sources_pager=listed(request, found["source_count"], at, "sources", sort=sort.param),
                    counts=queries.counts_by_source(store, (s["id"] for s in found["sources"])),
                    counted=queries.COUNTED, shown=None)

    @app.get("/sources/{source_id}", response_class=HTMLResponse)
    def document(request: Request, source_id: str, at: Optional[int] = Query(None, ge=0),
                 end: Optional[int] = Query(None, ge=0)) -> HTMLResponse:
        store = access.store()
        found = queries.source(store, source_id)
        if found is None:
            raise not_found(f"Source {source_id}")
        focus = (at, end if end is not None and end > at else at + 1) if at is not None else None
        report = queries.report(store, source_id)
        return page(request, "document.html", source=found, report=report,
                    **document_html(store, found, report, focus))

    @app.get("/citations", response_class=HTMLResponse)
    def citations(request: Request, at: Window = Depends(window(ROWS_PER_PAGE)),
                  sort: Sorted = Depends(sorting.ARCHIVE_FILES.requested())) -> HTMLResponse:
        total, index = queries.citation_index(access.store(), at.size, at.offset, cited_in=False, order=sort.order)
        for entry in index:
            entry["key"] = queries.file_key(entry)
        return page(request, "citations.html", index=index, sort=sort,
                    pager=listed(request, total, at, "archive files", sort=sort.param))

    @app.get("/citations/file", response_class=HTMLResponse)
    def archive_file(request: Request, key: str = Query(..., max_length=500),
                     at: Window = Depends(window(ROWS_PER_PAGE)),
                     sort: Sorted = Depends(sorting.FILE_NOTES.requested())) -> HTMLResponse:
        parsed = queries.parse_file_key(key)
        if parsed is None:
            raise HTTPException(400, "key must be archive|fond|opis|papka|delo, as the citation index links it.")
        store = access.store()
        entry = queries.archive_file(store, parsed)
        if entry is None:
            raise not_found(f"Archive file {key}")
        total, notes = queries.file_notes(store, parsed, at.size, at.offset, order=sort.order)
        return page(request, "archive_file.html", entry=entry, key=key, notes=notes, sort=sort,
                    pager=listed(request, total, at, "citing notes", key=key, sort=sort.param))

    @app.get("/people", response_class=HTMLResponse)
    def people(request: Request, side: Optional[str] = Query(None, pattern=SIDE_PATTERN),
               authors: bool = False, at: Window = Depends(window(ROWS_PER_PAGE)),
               sort: Sorted = Depends(sorting.PEOPLE.requested())) -> HTMLResponse:
        total, found = queries.people(access.store(), side=side, authors=authors, limit=at.size, offset=at.offset,
                                      roles=ROLES_SHOWN, order=sort.order)
        return page(request, "people.html", people=found, total=total, side=side, authors=authors, sort=sort,
                    pager=listed(request, total, at, "scholars" if authors else "people", side=side,
                                 authors="true" if authors else None, sort=sort.param))

    @app.get("/people/{person_id}", response_class=HTMLResponse)
    def person(request: Request, person_id: str) -> HTMLResponse:
        store = access.store()
        found = queries.person(store, person_id)
        if found is None:
            moved = merged_person(store, person_id)  # merged into another by a historian: their page
            if moved is not None:
                return moved
            raise not_found(f"Person {person_id}")
        spoken_total, spoken = queries.quotes(store, speaker_ids=[person_id], limit=LIST_LIMIT)
        received_total, received = queries.quotes(store, addressee=person_id, limit=LIST_LIMIT)
        events_total, events = queries.events_of_person(store, person_id, LIST_LIMIT)
        ids = {i for e in events for i in (e.source, e.target) if i}
        return page(request, "person.html", person=found, corrections=corrections_of_person(store, person_id),
                    sides=SIDES, spoken=spoken, spoken_total=spoken_total,
                    received=received, received_total=received_total, events=events, events_total=events_total,
                    timeline=_timeline(events), names=queries.names(store, ids),
                    mentions=queries.person_mentions(store, person_id, MENTIONS_SHOWN))

    @app.post("/people/{person_id}/side")
    async def correct_side(request: Request, person_id: str) -> RedirectResponse:
        """A historian sets a person's side: recorded as a correction (a short-lived writing
        connection; every other request only reads) and shown on the person's page."""
        form = {k: v[-1] for k, v in parse_qs((await request.body()).decode("utf-8")).items()}
        side = (form.get("side") or "").strip()
        if not re.fullmatch(SIDE_PATTERN, side):
            raise HTTPException(400, "side must be a side's code or name, such as USA or Japan.")
        if queries.person(access.store(), person_id) is None:
            raise not_found(f"Person {person_id}")
        try:
            with Store(access.path) as writable:
                correct(writable, Correction("side", {"person": person_id}, {"side": side_code(side)},
                                             by=(form.get("by") or "").strip()[:200],
                                             note=(form.get("note") or "").strip()[:2000]))
        except ValueError as problem:
            raise HTTPException(400, str(problem))
        return RedirectResponse(f"/people/{quote(person_id)}#side-correction", status_code=303)

    @app.get("/quotes", response_class=HTMLResponse)
    def quotes(request: Request, speaker: Optional[str] = Query(None, max_length=200),
               addressee: Optional[str] = Query(None, max_length=200),
               side: Optional[str] = Query(None, pattern=SIDE_PATTERN),
               start: Optional[str] = Query(None, alias="from"), end: Optional[str] = Query(None, alias="to"),
               medium: Optional[str] = Query(None, max_length=40),
               at: Window = Depends(window(ROWS_PER_PAGE)),
               sort: Sorted = Depends(sorting.QUOTES.requested())) -> HTMLResponse:
        start, end = _bound(start, "from"), _bound(end, "to")
        if medium and medium not in QUOTE_MEDIA:
            raise HTTPException(400, f"medium must be one of {', '.join(QUOTE_MEDIA)}.")
        store = access.store()
        total, found = queries.quotes(store, speaker or None, addressee or None, side or None, start, end,
                                      medium or None, at.size, at.offset, order=sort.order)
        files = queries.archive_files_of_notes(store, {(q["source_id"], q["footnote"]) for q in found
                                                       if q["footnote"] is not None})
        filters = {"speaker": speaker or "", "side": side or "", "from": start or "", "to": end or "",
                   "medium": medium or ""}
        return page(request, "quotes.html", quotes=found, total=total, files=files, filters=filters, sort=sort,
                    pager=listed(request, total, at, "quotations", addressee=addressee, **filters, sort=sort.param))

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = Query("", max_length=200),
               at: Window = Depends(window(HITS_PER_PAGE)),
               sort: Sorted = Depends(sorting.HITS.requested())) -> HTMLResponse:
        store = access.store()
        found = fts.search_page(store, q, at.size, at.offset, order=sort.order) if q.strip() else fts.Hits(0, 0, [])
        return page(request, "search.html", q=q, found=found, hits=[_hit_view(store, h, q) for h in found.hits],
                    sort=sort, pager=listed(request, found.total, at, "results", q=q, sort=sort.param))

    @app.get("/relations", response_class=HTMLResponse)
    def relations_page(request: Request, a: str = Query("USSR", pattern=SIDE_PATTERN),
                       b: str = Query("JPN", pattern=SIDE_PATTERN), start: str = Query("1939-01", alias="from"),
                       end: str = Query("1941-12", alias="to"), by: str = "month") -> HTMLResponse:
        series, points, rows = _relations(a, b, start, end, by)
        form = {"a": series.sides[0], "b": series.sides[1], "from": start, "to": end, "by": by}
        return page(request, "relations.html", series=series, rows=rows, points=points, form=form)

    @app.get("/api/relations")
    def relations_api(a: str = Query("USSR", pattern=SIDE_PATTERN), b: str = Query("JPN", pattern=SIDE_PATTERN),
                      start: str = Query("1939-01", alias="from"), end: str = Query("1941-12", alias="to"),
                      by: str = "month") -> JSONResponse:
        series, points, rows = _relations(a, b, start, end, by)
        return JSONResponse({"summary": series.summary(), "periods": rows,
                             "spans": [span.to_dict() for span in series.spans],
                             "turning_points": [p.to_dict() for p in points]})

    @app.get("/relations/events", response_class=HTMLResponse)
    def relation_events(request: Request, period: str = Query(..., max_length=20),
                        a: str = Query("USSR", pattern=SIDE_PATTERN), b: str = Query("JPN", pattern=SIDE_PATTERN),
                        start: str = Query("1939-01", alias="from"), end: str = Query("1941-12", alias="to"),
                        by: str = "month", at: Window = Depends(window(ROWS_PER_PAGE)),
                        sort: Sorted = Depends(sorting.PERIOD_EVENTS.requested())) -> HTMLResponse:
        series, _, _ = _relations(a, b, start, end, by)
        try:
            events = _events_in_order(series.events_in(period), sort)
        except KeyError:
            raise HTTPException(404, f"{period} is not a period of this series.")
        shown = events[at.offset:at.offset + at.size]
        return page(request, "relation_events.html", series=series, period=period, events=shown, total=len(events),
                    sort=sort, names=queries.names(access.store(), {i for e in shown for i in (e.source, e.target)
                                                                    if i}),
                    pager=listed(request, len(events), at, "events", a=a, b=b, by=by, period=period,
                                 sort=sort.param, **{"from": start, "to": end}))

    @app.get("/network", response_class=HTMLResponse)
    def network_page(request: Request, start: str = Query("", alias="from"), end: str = Query("", alias="to"),
                     at: Window = Depends(window(ROWS_PER_PAGE)),
                     sort: Sorted = Depends(sorting.LINKS.requested())) -> HTMLResponse:
        graph = _network(start, end)
        links = _links_in_order(graph, sort)
        return page(request, "network.html", graph=graph, links=links[at.offset:at.offset + at.size],
                    form={"from": start, "to": end}, sort=sort,
                    pager=listed(request, len(links), at, "links", sort=sort.param, **{"from": start, "to": end}))

    @app.get("/api/network")
    def network_api(start: str = Query("", alias="from"), end: str = Query("", alias="to")) -> JSONResponse:
        graph = _network(start, end)
        nodes = [{"data": {"id": n, "label": d["label"], "side": d["side"], "degree": graph.degree(n)}}
                 for n, d in graph.nodes(data=True)]
        edges = [{"data": {"id": f"{x}--{y}", "source": x, "target": y, **d}} for x, y, d in graph.edges(data=True)]
        return JSONResponse({"nodes": nodes, "edges": edges})

    @app.get("/network/link", response_class=HTMLResponse)
    def network_link(request: Request, a: str = Query(..., max_length=200),
                     b: str = Query(..., max_length=200)) -> HTMLResponse:
        store = access.store()
        people_found = {i: queries.person(store, i) for i in (a, b)}
        if any(p is None for p in people_found.values()):
            raise not_found(f"Person {a if people_found[a] is None else b}")
        events = queries.events_between_people(store, a, b)
        said = queries.quotes_between_people(store, a, b)
        return page(request, "link.html", a=people_found[a], b=people_found[b], events=events, said=said)

    @app.get("/library", response_class=HTMLResponse)
    def library_page(request: Request, at: Window = Depends(window(ROWS_PER_PAGE)),
                     sort: Sorted = Depends(sorting.LIBRARY_ITEMS.requested())) -> HTMLResponse:
        """The bibliographies given to ingest (a Zotero export), and their items with the citations
        linked to each counted."""
        store = access.store()
        files = [row | {"linked": kept.linked_of_library(store, row["id"])} for row in kept.libraries(store)]
        total, found = kept.items_page(store, at.size, at.offset, order=sort.order)
        return page(request, "library.html", libraries=files, items=found, sort=sort,
                    pager=listed(request, total, at, "items", sort=sort.param))

    @app.get("/library/{key:path}", response_class=HTMLResponse)
    def library_item(request: Request, key: str, at: Window = Depends(window(ROWS_PER_PAGE))) -> HTMLResponse:
        """One item of a library: its fields, its place in its file, and every citation linked to it."""
        store = access.store()
        item = kept.library_item(store, key, citations=False)
        if item is None:
            raise not_found(f"Library item {key}")
        total, citing = kept.item_citing(store, key, at.size, at.offset)
        return page(request, "library_item.html", item=item, citing=citing,
                    csl_json=json.dumps(item["csl"], ensure_ascii=False, indent=2),
                    pager=listed(request, total, at, "citations"))

    def _relations(a: str, b: str, start: str, end: str, by: str) -> tuple[Any, list[Any], list[dict[str, Any]]]:
        """The series, its turning points and its table (one row per period), kept until the store changes."""
        if by not in GRANULARITIES:
            raise HTTPException(400, f"by must be one of {', '.join(GRANULARITIES)}.")
        first, last = _bound(start, "from"), _bound(end, "to")
        try:
            pair = tuple(sorted((side_code(a), side_code(b))))
            # the events between the two sides (either way) with their evidence, and each series asked
            # for with its turning points, kept until the store changes
            events = access.cached(("events", pair), lambda store: load_events(store, pair))
            return access.cached(("relations", a, b, first, last, by), lambda store: _series(
                relations(events, a, b, first, last, by)))
        except ValueError as problem:
            raise HTTPException(400, str(problem))

    def _network(start: str, end: str) -> Any:
        first, last = _bound(start, "from"), _bound(end, "to")
        return access.cached(("network", first, last), lambda store: people_network(store, first, last))

    add_correction_routes(app, access.path, access.store, page)  # an event's, a citation's, a merge, a role
    return app


def _links_in_order(graph: Any, sort: Sorted) -> list[tuple[str, str, dict[str, Any]]]:
    """Every link of a network (person, person, figures) in the order asked, ties by the people's ids."""
    values: dict[str, Callable[[tuple[str, str, dict[str, Any]]], Any]] = {
        "person": lambda link: (graph.nodes[link[0]]["label"].casefold(), graph.nodes[link[1]]["label"].casefold()),
        "weight": lambda link: link[2]["weight"], "events": lambda link: link[2]["events"],
        "quotes": lambda link: link[2]["quotes"], "first": lambda link: link[2].get("start"),
        "last": lambda link: link[2].get("end")}
    return in_order(sorted(graph.edges(data=True), key=lambda link: (link[0], link[1])), values[sort.order.key],
                    sort.order)


def _events_in_order(events: list[Any], sort: Sorted) -> list[Any]:
    """A period's events in the order asked (date, tone by Goldstein score, CAMEO type), ties in
    the series' own order."""
    values: dict[str, Callable[[Any], Any]] = {"date": lambda e: e.date, "tone": lambda e: e.goldstein,
                                               "type": lambda e: e.type}
    return in_order(events, values[sort.order.key], sort.order)


def _series(series: Any) -> tuple[Any, list[Any], list[dict[str, Any]]]:
    return series, turning_points(series), series.table()


def _bound(value: str | None, name: str) -> str | None:
    """A date bound from a form: empty is none; else YYYY, YYYY-MM or YYYY-MM-DD, or a 400."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parse_bound(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date such as 1939, 1939-05 or 1939-05-11, not {value[:40]!r}.")
    return value


def _hit_view(store: Store, hit: fts.Hit, q: str) -> dict[str, Any]:
    """A search hit with its snippet as safe HTML and the place in the document it links to."""
    start, end = hit.start, hit.end
    if hit.kind == "document":
        start, end = fts.first_match(queries.source_body(store, hit.source_id), q) or (None, None)
    return {"hit": hit, "snippet": _marked(hit.snippet), "start": start, "end": end}


def _marked(snippet: str) -> Markup:
    return Markup(str(escape(snippet)).replace(fts.MATCH_OPEN, "<mark>").replace(fts.MATCH_CLOSE, "</mark>"))


def _timeline(events: list[Any]) -> list[dict[str, Any]]:
    """The dated events of a person placed along their span: left offset in percent."""
    dated = [(day_span(e.date), e) for e in events]
    dated = [(span[0], e) for span, e in dated if span]
    if not dated:
        return []
    first, last = min(day for day, _ in dated), max(day for day, _ in dated)
    width = max((last - first).days, 1)
    return [{"left": round(100 * (day - first).days / width, 2), "event": e, "day": day.isoformat()}
            for day, e in dated]
