"""What a file gives to extract: one unit for an article, one per report for a collection.

A unit carries its own text, so a worker on another machine needs no shared disk, and it is
small, so a volume of thousands of reports streams through memory one report at a time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from legation.errors import InputError
from legation.extract.sides import edition_side
from legation.ingest import tei
from legation.ingest.reports import split_reports
from legation.ingest.source import read_source, source_id
from legation.model import Diagnostic, Report, Source, Work

TEI_SUFFIXES = {".xml", ".tei"}


@dataclass(slots=True)
class Unit:
    """One piece of extraction work: a whole article, or one report of a collection file."""

    source: Source  # the file it comes from
    text: str  # the article's text, or the report's own text
    report: Report | None = None
    work: Work | None = None  # the collection's work (a FRUS volume), shared by its reports
    diagnostics: list[Diagnostic] = field(default_factory=list)  # found while reading it

    @property
    def label(self) -> str:
        return self.source.path if self.report is None else f"{self.source.path}#{self.report.id}"


def read_units(path: str | Path) -> Iterator[Unit | InputError]:
    """The units of one file, in file order. A problem that stops the reading part-way (a
    truncated volume) comes as an InputError after the units read before it; one that stops
    it at once is raised."""
    path = Path(path)
    if path.suffix.lower() in TEI_SUFFIXES or (path.is_file() and tei.is_tei(path)):  # a TEI file by any name
        yield from _tei_units(path)
        return
    source, text = read_source(path)
    reports = split_reports(text)
    if not reports:
        yield Unit(source, text)
        return
    for report, report_text in reports:
        yield Unit(source, report_text, report)


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
            yield Unit(container, item.text, _with_edition_side(item.report, side), work, item.diagnostics)
    if not reports and not problems:
        yield InputError(shown, 'no <div type="document"> in this TEI file: nothing to ingest')


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
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    hexdigest = digest.hexdigest()
    return Source(id=source_id(hexdigest), path=str(path), format=fmt, sha256=hexdigest, size=size)
