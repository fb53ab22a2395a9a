"""From a file to a Document: read, lay out, and run the apparatus extractors over it."""

from __future__ import annotations

import hashlib
from itertools import chain
from pathlib import Path
from typing import Iterator

from legation.extract.citations import archival_key, parse_note, resolve_back_references
from legation.extract.consistency import archive_files_cited_differently
from legation.extract.footnotes import build_footnotes
from legation.extract.intext import find_intext_citations, link_intext_citations
from legation.extract.library import LibraryIndex, link_notes
from legation.extract.references import parse_reference_list
from legation.extract.work import extract_work
from legation.extract.identities import CollectionPeople
from legation.errors import InputError
from legation.ingest import headers, tei
from legation.ingest.source import content_size, read_source
from legation.ingest.units import Unit, lay_out, read_units
from legation.lexicon.authority import Layer, in_force
from legation.lexicon.sides import edition_side
from legation.model import Citation, Diagnostic, Document, Footnote, InTextCitation, Layout, NoteBlock, Report, Source
from legation.nlp import one_document

# The layers of extraction, in order. "apparatus" is notes, citations and references; "actors"
# adds people, organisations, places, dates, quotations and events (it loads the NLP models).
LAYERS = ("apparatus", "actors")


def extract_file(path: str | Path, layers: tuple[str, ...] = LAYERS, library: LibraryIndex | None = None) -> Document:
    """Read and extract one text or Markdown file (raises InputError on unreadable input)."""
    source, text = read_source(path)
    return extract_layout(source, lay_out(source.format, text), layers, library=library)


def extract_unit(unit: Unit, layers: tuple[str, ...] = LAYERS, library: LibraryIndex | None = None) -> Document:
    """Extract what a file gave to extract: an article, or one report with its collection's work,
    with the unit's authority layers in force; citations the document's own reference list lacks
    are linked to the ``library`` given (the bibliographies given to ingest), if any."""
    with in_force(*unit.authority):
        if unit.report is None:
            return extract_layout(unit.source, unit.layout(), layers, library=library)
        source = report_source(unit.source, unit.report, unit.text)
        layout = unit.layout()
        if unit.work is not None:
            layout.work = unit.work  # the collection's work: what an undated report's years are
        doc = extract_layout(source, layout, layers, unit.report, unit.period, library)
    doc.diagnostics[:0] = unit.diagnostics
    return doc


# A TEI volume up to this size (uncompressed) is read once and its units held for the second
# pass: reading volumes was the largest part of the writer's work under Dask, more than storing.
# Every FRUS volume of 1948-80 is under 4.2 MB; holding the largest one's 507 units left the
# reading process's peak RSS where reading it twice had it (67 MB).
HELD_TEI_BYTES = 8_000_000


def read_collection(path: str | Path, read_as: str | None = None, authority: Layer | None = None
                    ) -> Iterator[Unit | InputError]:
    """The units of one file (``read_units``), each carrying the authority it is read with: a
    user's file over the built-in ones and, for a collection of reports, what the collection
    itself says of its people (``extract.identities``), gathered in a first pass over the file so
    that the first report already knows who a person identified in the fiftieth is. A file's
    units are held between the passes (a text file's text is in memory anyway), except a TEI
    volume larger than ``HELD_TEI_BYTES``, which is read twice rather than held."""
    user = (authority,) if authority is not None else ()
    units = read_units(path, read_as)
    first = next(units, None)
    if first is None:
        return
    if isinstance(first, InputError) or first.report is None:
        yield from (_with_authority(u, user) for u in chain((first,), units))
        return
    streamed = first.source.format == "tei" and content_size(path) > HELD_TEI_BYTES
    info = tei.volume_info(path) if first.source.format == "tei" else {}
    people = CollectionPeople(first.source.path, edition_side(first.work.title if first.work else None))
    for key, written in info.get("persons", {}).items():
        people.add_listed(written, info.get("identifications", {}).get(key, ""), key)
    for listed in first.listed:  # a text file's own list of persons
        people.add_listed(listed.written, listed.identification)
    kept: list[Unit | InputError] = []
    count = 0
    dates: list[str] = []
    for unit in chain((first,), units):  # one at a time: '(first, *units)' would hold them all
        if isinstance(unit, Unit) and unit.report is not None:
            count += 1
            if unit.report.date:
                dates.append(unit.report.date)
            if not streamed:
                unit.laid_out = unit.layout()  # laid out once: the worker reuses it
            layout = unit.layout()
            people.add_report(unit.report, layout, _participants(layout))
        if not streamed:
            kept.append(unit)
    layer = people.layer()
    layers = (*((layer,) if layer else ()), *user)
    period = (min(dates), max(dates)) if dates else None
    yield from (_with_authority(u, layers, 1 / max(count, 1), period)
                for u in (read_units(path, read_as) if streamed else kept))


def _participants(layout: Layout | None) -> list[tuple[str, str, str]]:
    """(side's label, name, entry) of each participant of a report's list ("" under no label)."""
    if layout is None:
        return []
    found = headers.participant_groups(layout.text.splitlines()[:80])
    return [(label, name, entry) for label, entry in found if (name := headers.party_name(entry))]


def _with_authority(unit: Unit | InputError, layers: tuple[Layer, ...], share: float | None = None,
                    period: tuple[str, str] | None = None) -> Unit | InputError:
    if isinstance(unit, Unit):
        unit.authority = layers
        if share is not None:
            unit.share = share
        unit.period = period
    return unit


def unit_source(unit: Unit) -> Source:
    """The Source a unit is stored as: its file's, or for a report its own."""
    return unit.source if unit.report is None else report_source(unit.source, unit.report, unit.text)


def report_source(container: Source, report: Report, text: str) -> Source:
    """A report's own Source: known by its file, its id and its text, so re-reading an unchanged
    report is a no-op and the same report in two files is two sources."""
    digest = hashlib.sha256(f"{container.path}#{report.id}\n{text}".encode()).hexdigest()
    return Source(id=digest[:16], path=f"{container.path}#{report.id}", format=container.format,
                  sha256=digest, size=len(text.encode()))


def extract_text(source: Source, text: str, layers: tuple[str, ...] = LAYERS,
                 report: Report | None = None) -> Document:
    """Extract a text of the source's format, laid out by that format's reader."""
    return extract_layout(source, lay_out(source.format, text), layers, report)


def extract_layout(source: Source, layout: Layout, layers: tuple[str, ...] = LAYERS,
                   report: Report | None = None, period: tuple[str, str] | None = None,
                   library: LibraryIndex | None = None) -> Document:
    """Run the extractors over what a reader laid out: notes, citations, references, and the actors."""
    doc = Document(source=source, text=layout.text, body=layout.body.text, work=extract_work(layout), report=report,
                   marks=layout.names, collection_period=period)
    doc.footnotes, diagnostics = build_footnotes(layout)
    for footnote in doc.footnotes:
        footnote.page = layout.page_at(footnote.source_start)
    doc.citations = _note_citations(layout.notes, doc.footnotes, diagnostics, edition=report is not None)
    diagnostics.extend(resolve_back_references(doc.citations))
    _name_archive_files(doc.citations)
    diagnostics.extend(archive_files_cited_differently(doc.citations))
    doc.references = parse_reference_list(layout.reference_lines)
    doc.intext_citations = _intext_citations(layout, doc)
    diagnostics.extend(link_intext_citations(doc.intext_citations, doc.references, library))
    if library is not None:
        link_notes(doc.citations, library, doc.references)
    _label_as_cited(doc)
    diagnostics.extend(_uncited_references(doc))
    if "actors" in layers:
        with one_document():  # the parse is large, and no later step reads it
            diagnostics.extend(_actors(doc))
            doc.views = None
        _place_in_source(layout, doc)
    doc.diagnostics = diagnostics
    return doc


def _actors(doc: Document) -> list[Diagnostic]:
    """Who, what, when: each stage reads the layers before it (events need people and dates)."""
    from legation.extract import correspondents, dates, entities, events, quotes

    diagnostics = entities.annotate(doc)
    correspondents.add_correspondents(doc)
    for stage in (dates, quotes, events):
        diagnostics.extend(stage.annotate(doc))
    correspondents.date_undated_events(doc)
    return diagnostics


def _place_in_source(layout: Layout, doc: Document) -> None:
    """Body offsets to offsets in the original file, for every span-bearing item of the actors layer."""
    for item in [*doc.mentions, *doc.dates, *doc.quotes]:
        item.source_start, item.source_end = layout.body.span_to_source(item.start, item.end)
    for event in doc.events:
        event.source_start, event.source_end = layout.body.span_to_source(event.evidence.start, event.evidence.end)


def _note_citations(notes: list[NoteBlock], footnotes: list[Footnote], diagnostics: list[Diagnostic],
                    edition: bool = False) -> list[Citation]:
    """Each note's citations, placed in the file. In a report of an edition, a note in which the
    editors cite nothing a reader could find ("Telegram 239 from Amman is not printed.", "See
    Document 278.") is one citation of kind ``editorial``, not an unparsed one."""
    citations: list[Citation] = []
    for note, footnote in zip(notes, footnotes):
        lead = len(note.map.text) - len(note.map.text.lstrip())  # footnote.text is stripped
        found = _editorial(footnote.text, parse_note(footnote.text)) if edition else parse_note(footnote.text)
        for citation in found:
            citation.footnote = footnote.number
            citation.source_start, citation.source_end = note.map.span_to_source(
                citation.start + lead, citation.end + lead)
            citations.append(citation)
            if citation.kind == "other":
                diagnostics.append(Diagnostic(
                    "citation-unparsed", f"note {footnote.number}: {citation.fields.get('reason', 'not recognised')}",
                    footnote.number, citation.source_start, citation.source_end))
    return citations


def _editorial(text: str, citations: list[Citation]) -> list[Citation]:
    """The note as the editors' own, when it is one and nothing in it was read as a source."""
    from legation.ingest.headers import editorial_note  # the editors' notes are the header reader's words

    editorial = editorial_note(text)
    if editorial is None or any(c.kind != "other" for c in citations):
        return citations
    return [Citation("editorial", text, 0, len(text), {"editorial": editorial, "source_type": None})]


def _name_archive_files(citations: list[Citation]) -> None:
    """Each archival citation, and each Ibid of one, knows the file it cites."""
    for citation in citations:
        try:
            citation.file = archival_key(citation)
        except ValueError:
            citation.file = None  # not archival


def _intext_citations(layout: Layout, doc: Document) -> list[InTextCitation]:
    found = find_intext_citations(doc.body)
    for citation in found:
        citation.source_start, citation.source_end = layout.body.span_to_source(citation.start, citation.end)
    return found


def _label_as_cited(doc: Document) -> None:
    """A work without authors is cited by the first words of its title, as many as the article
    uses ("SSSR i strany Vostoka 2010"): its label follows the article's own usage."""
    by_id = {ref.id: ref for ref in doc.references}
    for citation in doc.intext_citations:
        ref = by_id.get(citation.reference)
        if ref is not None and not ref.authors and citation.year == ref.year and citation.key != "Ibid":
            ref.label = f"{citation.key} {ref.year}"


def _uncited_references(doc: Document) -> list[Diagnostic]:
    if not doc.intext_citations:
        return []  # a source without a body (an abstract page) cites nothing by design
    cited = {c.reference for c in doc.intext_citations}
    return [Diagnostic("reference-not-cited", f"reference {ref.label!r} is never cited in the text",
                       None, ref.source_start, ref.source_end)
            for ref in doc.references if ref.id not in cited]
