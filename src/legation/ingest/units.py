"""What a file gives to extract: one unit for an article, one per report for a collection.

A unit carries its own text, so a worker on another machine needs no shared disk, and it is
small, so a volume of thousands of reports streams through memory one report at a time.
"""

from __future__ import annotations

import hashlib
from importlib import import_module
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from legation.errors import InputError
from legation.lexicon.authority import Layer
from legation.lexicon.sides import edition_side
from legation.ingest import tei
from legation.ingest.persons_list import ListedPerson, persons_list
from legation.ingest.reports import split_reports_read
from legation.ingest.tei_article import TEI_ARTICLE, read_tei_layout
from legation.ingest.text import read_layout
from legation.ingest.source import content_suffix, open_content, read_source, source_id
from legation.model import Diagnostic, Layout, Report, Source, Work

TEI_SUFFIXES = {".xml", ".tei"}


@dataclass(slots=True)
class Unit:
    """One piece of extraction work: a whole article, or one report of a collection file."""

    source: Source  # the file it comes from
    text: str  # the article's text, or the report's own text
    report: Report | None = None
    work: Work | None = None  # the collection's work (a FRUS volume), shared by its reports
    diagnostics: list[Diagnostic] = field(default_factory=list)  # found while reading it
    laid_out: Layout | None = None  # the layout, where the reader built it from the format's structure
    # the authority layers it is read with over the built-in files: its collection's own
    # identifications, a user's file (legation.pipeline.read_collection)
    authority: tuple[Layer, ...] = ()
    share: float = 1.0  # the part of its file it stands for: 1 / the file's reports (for progress)
    period: tuple[str, str] | None = None  # the first and last dates of its collection's reports
    # on a text collection's first report: the list of persons of the file's front matter
    listed: tuple[ListedPerson, ...] = ()

    def layout(self) -> Layout:
        """The unit's layout: the reader's own, or else its text laid out by its format's reader
        (late, so a worker does the work and a unit travels as text)."""
        return self.laid_out if self.laid_out is not None else lay_out(self.source.format, self.text)

    @property
    def label(self) -> str:
        return self.source.path if self.report is None else f"{self.source.path}#{self.report.id}"


def lay_out(fmt: str, text: str) -> Layout:
    """A text of the given source format laid out by its reader: a TEI article from its markup,
    anything else as plain text or Markdown."""
    return read_tei_layout(text) if fmt == TEI_ARTICLE else read_layout(text)


READINGS = ("article", "reports")  # what --as may say a text file is

# Readers of documents that are not text (word-processor files, PDFs): by file suffix, the
# source format and "module:function" of a reader taking the path and returning the file's
# Layout, or raising InputError. Imported when first needed (a PDF library is slow to load).
DOCUMENT_READERS: dict[str, tuple[str, str]] = {
    ".docx": ("docx", "legation.ingest.docx:read_docx"),
    ".pdf": ("pdf", "legation.ingest.pdf:read_pdf"),
}


def read_units(path: str | Path, read_as: str | None = None) -> Iterator[Unit | InputError]:
    """The units of one file, in file order. A text file is an article or a file of reports as
    its shape says, unless ``read_as`` ("article" or "reports") says which. A problem that stops
    the reading part-way (a truncated volume) comes as an InputError after the units read
    before it; one that stops it at once is raised."""
    path = Path(path)
    if path.suffix.lower() in DOCUMENT_READERS:
        yield _document_unit(path, *DOCUMENT_READERS[path.suffix.lower()])
        return
    if content_suffix(path) in TEI_SUFFIXES or (path.is_file() and tei.is_tei(path)):  # a TEI file by any name
        yield from _tei_units(path)
        return
    source, text = read_source(path)
    # A file of reports, or a file that holds one report from its first line ("Bruce to Curtin" /
    # "Cablegram 59 LONDON, 3 March 1944"): one unit per report, each saying what its header lacks.
    read = [] if read_as == "article" else split_reports_read(text, force=read_as == "reports")
    if not read:
        if read_as == "reports":
            raise InputError(str(path), "no report headers found (a heading such as 'The Ambassador in "
                                        "Japan (Grew) to the Secretary of State' or 'Telegram 1234 TOKYO, "
                                        "September 8, 1939')")
        yield Unit(source, text)
        return
    reports = [(one.report, one.text) for one in read]
    for k, one in enumerate(read):
        unit = Unit(source, one.text, one.report, share=1 / len(read))
        if k == 0:
            unit.diagnostics.append(_read_as_reports(reports, read_as))
            unit.listed = tuple(persons_list(text[:one.report.start]))
        if any(gap.startswith(("date", "sender")) for gap in one.gaps) or (one.gaps and not one.report.heading):
            unit.diagnostics.append(_header_gaps(one.report, one.gaps))
        yield unit


def _document_unit(path: Path, fmt: str, reader: str) -> Unit:
    """A word-processor or PDF file: one article, laid out by its format's reader."""
    if not path.is_file():
        raise InputError(str(path), "no such file" if not path.exists() else "is not a file")
    module, function = reader.split(":")
    layout = getattr(import_module(module), function)(path)
    return Unit(_file_source(path, fmt), layout.text, laid_out=layout)


def _read_as_reports(reports: list[tuple[Report, str]], read_as: str | None) -> Diagnostic:
    """Says, on a collection's first report, that the file was split and on what evidence."""
    shown = "; ".join(repr(text.splitlines()[0][:60]) for _, text in reports[:3])
    why = "as --as reports said" if read_as == "reports" else "by its report headers"
    what = "one report" if len(reports) == 1 else f"a file of {len(reports)} reports"
    return Diagnostic("read-as-reports",
                      f"read as {what} {why} ({shown}{'; …' if len(reports) > 3 else ''}); "
                      f"--as article reads it as one article")


def _header_gaps(report: Report, gaps: list[str]) -> Diagnostic:
    """Says what a stored report's header did not give ("no date, no sender")."""
    heading = report.heading or "no heading"
    return Diagnostic("report-header-incomplete",
                      f"{report.id}: its header gives no {', no '.join(gaps)} ({heading[:80]!r}); "
                      f"the report is kept")


def _tei_units(path: Path) -> Iterator[Unit | InputError]:
    shown = str(path)
    if not path.is_file():
        raise InputError(shown, "no such file" if not path.exists() else "is not a file")
    container = _file_source(path, "tei")
    info = tei.volume_info(path)
    work = Work(title=info.get("title"), volume=info.get("idno"))
    side = edition_side(work.title)
    reports = problems = 0
    for item in tei.iter_reports(path):
        if item.report is None:
            problems += 1
            for diagnostic in item.diagnostics:
                yield InputError(shown, diagnostic.message)
        else:
            reports += 1
            yield Unit(container, item.text, _with_edition_side(item.report, side), work, item.diagnostics,
                       item.layout)
    if not reports and not problems:  # no documents of an edition: an article (DHQ, jTEI, an essay)
        source, text = read_source(path)
        yield Unit(replace(source, format=TEI_ARTICLE), text)


def _with_edition_side(report: Report, side: str | None) -> Report:
    """A documentary edition prints its own government's papers: a correspondent whose office
    names no other state ("The Secretary of State", "The Ambassador in Japan (Grew)") is its
    official. "The Japanese Ambassador" keeps the side its heading gives."""
    if report.sender and report.sender_side is None:
        report.sender_side = side
    if report.recipient and report.recipient_side is None:
        report.recipient_side = side
    return report


def _file_source(path: Path, fmt: str) -> Source:
    """A Source for a file too large to hold at once: hashed in chunks."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open_content(path) as handle:  # the content, so a volume and its .gz are one source
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except (OSError, EOFError) as err:  # unreadable, or a compressed file cut short
        raise InputError(str(path), f"cannot be read ({getattr(err, 'strerror', None) or err})") from None
    hexdigest = digest.hexdigest()
    return Source(id=source_id(hexdigest), path=str(path), format=fmt, sha256=hexdigest, size=size)
