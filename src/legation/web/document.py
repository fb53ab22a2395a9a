"""The document view: a source's body in its blocks (its own headings as headings, paragraphs,
quotations), with its people, places, organisations, dates, quotations and events as elements
placed by their stored offsets, and its footnote markers showing the note and its parsed
citations. Values from the store are escaped before they enter markup."""

from __future__ import annotations

import bisect
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from legation.store import queries
from legation.store.queries import folio_label
from legation.store.columns import StoredEvent
from legation.store.sqlite import Store
from legation.web.blocks import Block, body_blocks, heading_ranks
from legation.web.spans import Point, Region, Span, render_regions

EVENT_LAYER, QUOTE_LAYER, NAME_LAYER, FOCUS_LAYER = 0, 1, 2, 3


def document_html(store: Store, source: dict[str, Any], report: dict[str, Any] | None,
                  focus: tuple[int, int] | None) -> dict[str, Any]:
    """The rendered text and the lists shown beside it (notes, references, people, quotes, events,
    diagnostics), for the document template; ``report`` is the source's report row, if it is one."""
    sid = source["id"]
    text = queries.source_text(store, sid)
    footnotes = queries.items(store, "footnotes", sid)
    if source["format"] == "pdf":
        _add_pages(footnotes, text)
    notes = queries.note_files(store, sid)
    named = queries.named_entities(store, sid)
    mentions = queries.items(store, "mentions", sid)
    dates = queries.items(store, "dates", sid)
    quotes = queries.items(store, "quotes", sid)
    events = queries.events_of_source(store, sid)
    spans = ([_event_span(e) for e in events] + [_quote_span(q, named) for q in quotes]
             + [_mention_span(m, named) for m in mentions] + [_date_span(d) for d in dates])
    if focus is not None:
        spans.append(Span(focus[0], focus[1], Markup('<mark id="at" class="focus">'), Markup("</mark>"), FOCUS_LAYER,
                          Markup('<mark class="focus">')))
    points = [Point(f["anchor_end"], _marker(f, notes.get(f["number"], []))) for f in footnotes
              if f["anchor_end"] is not None and f["number"] is not None]
    points += [Point(c["end"], _library_link(c["library"], c["text"]))
               for c in queries.items(store, "intext_citations", sid) if c["library"]]
    regions = _regions(body_blocks(source, text, report))
    return {"text": render_regions(source["body"], regions, spans, points), "footnotes": footnotes, "notes": notes,
            "named": named, "quotes": quotes, "events": events,
            "references": queries.items(store, "bib_references", sid),
            "diagnostics": queries.items(store, "diagnostics", sid),
            "people": sorted((v | {"id": k} for k, v in named.items() if v["kind"] == "person"),
                             key=lambda p: p["name"])}


def _regions(blocks: list[Block]) -> list[Region]:
    """Each block as its element: a heading at its rank under the page's title, a quotation as
    one, any other block a paragraph of its kind."""
    ranks = heading_ranks(blocks)
    regions = []
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            opening, closing = Markup('<h{} class="text-heading">').format(ranks[i]), Markup("</h{}>").format(ranks[i])
        elif block.kind == "quotation":
            opening, closing = Markup("<blockquote>"), Markup("</blockquote>")
        else:
            opening, closing = Markup('<p class="{}">').format(block.kind), Markup("</p>")
        regions.append(Region(block.start, block.end, opening, closing))
    return regions


def _add_pages(footnotes: list[dict[str, Any]], text: str) -> None:
    """Each note's page in a PDF's stored text, where a form feed separates two pages."""
    breaks = [i for i, ch in enumerate(text) if ch == "\f"]
    for note in footnotes:
        note["page"] = bisect.bisect_right(breaks, note["source_start"]) + 1


def _attrs(**values: Any) -> Markup:
    return Markup(" ").join(Markup('{}="{}"').format(Markup(k.rstrip("_").replace("_", "-")), v)
                            for k, v in values.items() if v is not None)


def _mention_span(m: dict[str, Any], named: dict[str, dict[str, Any]]) -> Span:
    entity = named.get(m["entity"] or "")
    title = entity["name"] if entity else m["kind"]
    if m["kind"] == "person" and m["entity"]:
        opening = Markup("<a {}>").format(_attrs(class_="mention person", href=f"/people/{quote(m['entity'], safe='')}",
                                                 data_entity=m["entity"], title=title))
        return Span(m["start"], m["end"], opening, Markup("</a>"), NAME_LAYER)
    opening = Markup("<span {}>").format(_attrs(class_=f"mention {m['kind']}", data_entity=m["entity"], title=title))
    return Span(m["start"], m["end"], opening, Markup("</span>"), NAME_LAYER)


def _date_span(d: dict[str, Any]) -> Span:
    opening = Markup("<time {}>").format(_attrs(class_="date", datetime=d["iso"], title=d["date_edtf"] or d["iso"]))
    return Span(d["start"], d["end"], opening, Markup("</time>"), NAME_LAYER)


def _quote_span(q: dict[str, Any], named: dict[str, dict[str, Any]]) -> Span:
    speaker = named.get(q["speaker"] or "", {}).get("name") or q["speaker_text"] or "speaker unknown"
    title = f"{speaker} · {q['date'] or 'undated'} · {q['medium'] or ''}"
    opening = Markup("<span {}>").format(_attrs(class_="quote", id=f"quote-{q['seq']}", data_speaker=q["speaker"],
                                                title=title))
    again = Markup("<span {}>").format(_attrs(class_="quote", data_speaker=q["speaker"], title=title))
    return Span(q["start"], q["end"], opening, Markup("</span>"), QUOTE_LAYER, again)


def _event_span(e: StoredEvent) -> Span:
    tone = "coop" if (e.goldstein or 0) > 0 else "conflict" if (e.goldstein or 0) < 0 else "neutral"
    words = {"coop": "cooperative", "conflict": "conflictual", "neutral": "neutral"}[tone]
    title = f"{words} event: {e.type} {e.plover or ''} {e.goldstein:+.1f} · {e.date or 'undated'}" \
        if e.goldstein is not None else f"event: {e.type} · {e.date or 'undated'}"
    opening = Markup("<span {}>").format(_attrs(class_=f"event {tone}", id=f"event-{e.seq}", title=title,
                                                data_cameo=e.type))
    again = Markup("<span {}>").format(_attrs(class_=f"event {tone}", title=title, data_cameo=e.type))
    return Span(e.evidence_start, e.evidence_end, opening, Markup("</span>"), EVENT_LAYER, again)


def _marker(note: dict[str, Any], citations: list[dict[str, Any]]) -> Markup:
    """A footnote marker: a link to the note below, with the note and its parsed citations in a
    pop-up shown on hover or focus."""
    number = note["number"]
    parsed = Markup("").join(Markup('<span class="fn-cite">{}: {}</span>').format(c["kind"], _citation_label(c))
                             for c in citations)
    return Markup('<sup class="fn"><a class="fn-marker" href="#note-{n}" data-note="{n}">{n}</a>'
                  '<span class="fn-pop" role="note"><span class="fn-text">{text}</span>{parsed}</span></sup>'
                  ).format(n=number, text=note["text"], parsed=parsed)


def _library_link(key: str, cited: str) -> Markup:
    """After an author–year citation linked to an item of the historian's library: a link to the
    item's page, said in words (not by colour) and reached by the keyboard as any link is."""
    link = _attrs(class_="library-link", href=f"/library/{quote(key, safe='/')}", data_library=key,
                  aria_label=f"library: {cited}", title=f"{cited}: the item {key} of your library")
    return Markup('<sup class="library-cite"><a {}>library</a></sup>').format(link)


def _citation_label(c: dict[str, Any]) -> str:
    """A parsed archival citation as its parts; any other citation as written."""
    if not c["archive_id"]:
        return c["text"]
    parts = [c["archive"] or c["archive_id"]] + [f"{name} {c[name]}" for name in ("fond", "opis", "papka", "delo")
                                                   if c[name]]
    if c["folio_first"] is not None:
        parts.append(f"folio {folio_label(c)}")
    return ", ".join(parts)
