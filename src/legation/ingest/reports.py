"""Transcribed diplomatic reports: split a plain-text or Markdown file into reports and read each
report's first lines into a ``Report``.

A report starts with a run of header lines, as a printed edition or a user's transcription shows
them: an edition number ("No. 467"), a source note ("894.628/1–1949: Telegram", "Source: …"), a
heading ("The Ambassador in Japan (Grew) to the Secretary of State", "Bruce to Curtin"), a
document-type line ("Telegram 1234 TOKYO, September 8, 1939—noon", "Cablegram 99 WASHINGTON, 7
February 1941, 5.51 p.m."), a dateline ("[Washington,] January 9, 1952."), "[Received …]" and
opener lines ("No. 11", "Secret"). Blank lines may stand between them. Every line is classified
on its own by ``legation.ingest.headers`` (the one header reader, with its word lists in
``data/report_headers.yaml``); a short title line followed by a type line or a dateline is a
heading by its place, whatever its words ("Operations Coordinating Board Report", "Bruce to
Curtin"). Consecutive header lines form a run, and a run that names its document (a heading, a
type line, or an edition number with a title, a date or a source note) starts a report.

The file's own shape decides the rest: when most reports open with an edition number, only runs
that do are reports (an enclosure's heading is part of the report it is in), and every edition
number that continues the file's numbering opens one, whatever follows it ("No. 140" before a
heading no word list knows). A file that holds one report from its first line is one report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from legation.ingest import headers
from legation.ingest.headers import (DATELINE, EDITION, HEADING, OPENER, RECEIVED, SOURCE, TELEGRAM, TITLE,
                                     HeadingParts, clean_line, header_fields, is_other_source, is_salutation,
                                     is_title, line_kind, parse_heading, read_dateline, rules)
from legation.ingest.persons_list import persons_list_span
from legation.model import Report

__all__ = ["HeadingParts", "article_evidence", "clean_line", "header_gaps", "parse_heading", "read_header",
           "split_reports", "split_reports_read"]


# --------------------------------------------------------------------------------------------
# Line kinds and runs


@dataclass(slots=True)
class _Line:
    text: str  # cleaned
    start: int  # into the file's text
    end: int
    kind: str | None
    index: int = 0  # among the file's non-blank lines
    blank_before: bool = True  # a blank line (or the file's start) stands before it
    by_place: bool = False  # a heading by its place (a dateline follows), not by its words


@dataclass(slots=True)
class _Run:
    lines: list[_Line] = field(default_factory=list)
    kinds: set[str | None] = field(default_factory=set)  # kept as lines come: runs can be long

    def add(self, line: _Line) -> None:
        self.lines.append(line)
        self.kinds.add(line.kind)

    @property
    def first(self) -> str | None:
        return self.lines[0].kind

    def names_a_document(self) -> bool:
        if HEADING in self.kinds or TELEGRAM in self.kinds:
            return True
        return self.first == EDITION and bool(self.kinds & {TITLE, DATELINE, SOURCE})


_NOTE_LINE = re.compile(r"\s*\[\^\d+\]:")  # "[^2]: Not printed." is a footnote, never a header


def _lines(text: str) -> list[_Line]:
    """The non-blank lines, cleaned; a footnote line stays as an empty line that breaks a run."""
    out: list[_Line] = []
    previous_end = -1
    for match in re.finditer(r"[^\n]+", text):
        cleaned = "" if _NOTE_LINE.match(match.group()) else clean_line(match.group())
        if cleaned or match.group().strip():
            blank = previous_end < 0 or bool(text[previous_end:match.start()].count("\n") > 1)
            out.append(_Line(cleaned, match.start(), match.end(), None, len(out), blank))
            previous_end = match.end()
    return out


def _classify(lines: list[_Line]) -> list[_Run]:
    """Kinds for every line, then runs of consecutive header lines. A despatch number "No. 11"
    inside a header is an opener; an edition number before a file note or a heading, or a second
    heading or telegram line, begins the next run."""
    for line in lines:
        line.kind = line_kind(line.text)
    _headings_by_place(lines)
    runs: list[_Run] = []
    current = _Run()
    for i, line in enumerate(lines):
        if line.kind is None and current.lines:
            line.kind = _unknown_in_run(lines, i, current)
        if line.kind is None:
            if current.lines:
                runs.append(current)
            current = _Run()
            continue
        if current.lines and _starts_anew(current, lines, i):
            runs.append(current)
            current = _Run()
        elif line.kind == EDITION and current.lines:
            line.kind = OPENER
        if not current.lines and line.kind in (HEADING, TELEGRAM) and i and _is_file_note_before(lines[i - 1]):
            lines[i - 1].kind = SOURCE  # "Dulles files, lot 54 D 423" / "Memorandum by …"
            current.add(lines[i - 1])
        current.add(line)
    if current.lines:
        runs.append(current)
    return runs


def _headings_by_place(lines: list[_Line]) -> None:
    """A title line that a type line or a dated dateline follows is a heading, whatever its words
    ("Bruce to Curtin", "Operations Coordinating Board Report"): it opens a paragraph, or follows
    an edition number or a source note. Before a type line it must name a side or a type (a
    signature, "Grew", stands before the next telegram's line too)."""
    for i, line in enumerate(lines[:-1]):
        after = lines[i + 1]
        if line.kind not in (None, OPENER) or after.kind not in (TELEGRAM, DATELINE):
            continue
        opens = line.blank_before or (i and lines[i - 1].kind in (EDITION, SOURCE))
        if not (opens and is_title(line.text)) or headers.is_opener(line.text):
            continue
        parts = parse_heading(line.text, loose=True)
        named = bool(parts.sender or parts.recipient or parts.type)
        if named or line.index == 0 or (after.kind == DATELINE and len(line.text.split()) >= 2):  # not "Grew"
            line.kind, line.by_place = HEADING, True


def _is_file_note_before(line: _Line) -> bool:
    return line.kind is None and is_other_source(line.text)


def _next_kind(lines: list[_Line], i: int) -> str | None:
    return lines[i + 1].kind if i + 1 < len(lines) else None


def _starts_anew(run: _Run, lines: list[_Line], i: int) -> bool:
    kind = lines[i].kind
    if kind == EDITION:
        return _next_kind(lines, i) in (SOURCE, HEADING, TELEGRAM) or \
            (i + 1 < len(lines) and is_other_source(lines[i + 1].text)) or _next_number(run, lines[i])
    if kind in (HEADING, TELEGRAM, SOURCE):
        if kind == TELEGRAM and HEADING in run.kinds and TELEGRAM not in run.kinds and run.lines[-1].kind == HEADING:
            return False  # "Bruce to Curtin" / "Cablegram 59 LONDON, …": one header
        return kind in run.kinds
    return False


def _next_number(run: _Run, line: _Line) -> bool:
    """Is this edition number the one after the run's own ("No. 17" in the run of "No. 16",
    whose document is only a source note)?"""
    if run.first != EDITION:
        return False
    number, first = headers.edition_number(line.text) or "", headers.edition_number(run.lines[0].text) or ""
    return number.isdigit() and first.isdigit() and int(number) == int(first) + 1


def _unknown_in_run(lines: list[_Line], i: int, run: _Run) -> str | None:
    """A line the tables do not know, just after an edition number: a file note when a heading
    follows or it names files ("Dulles files, lot 54 D 423"), else a title ("Editorial Note")."""
    before_heading = _next_kind(lines, i) in (HEADING, TELEGRAM)
    if len(run.lines) == 1 and run.first == EDITION and (before_heading or is_other_source(lines[i].text)):
        return SOURCE
    if run.first == EDITION and run.kinds <= {EDITION, SOURCE} and _is_title(lines[i].text):
        return TITLE
    return None


def _is_title(line: str) -> bool:
    return len(line) <= rules()["max_heading_chars"] and line[:1].isupper() and not re.search(r"[:;]$", line)


# --------------------------------------------------------------------------------------------
# Reading a header


def _header_fields(run: _Run, continuation: list[_Line]) -> dict[str, Any]:
    """Report fields from the lines of one header run and the header lines that continue it."""
    return header_fields([(line.text, line.kind) for line in [*run.lines, *continuation]])


def read_header(lines: list[str]) -> dict[str, Any]:
    """Report fields (type, numbers, place, date, time, classification, heading, sender, …) from
    a report's first lines; fields the lines do not give are left out."""
    parsed = [_Line(clean_line(text), 0, 0, None) for text in lines]
    parsed = [line for line in parsed if line.text]
    for i, line in enumerate(parsed):
        line.index = i
    runs = _classify(parsed)
    if not runs:
        return {}
    fields = _header_fields(runs[0], _continuation(parsed, runs[0], len(parsed)))
    fields.pop("undated", None)
    fields.pop("month_day", None)
    return fields


def _continuation(lines: list[_Line], run: _Run, stop: int) -> list[_Line]:
    """Header lines that an editor's note or an "Extract" line keeps apart from the run: a
    dateline within the next few short lines, what follows it, and a title before it when the
    run has no heading ("No. 316" / file note / note paragraph / title / dateline)."""
    if DATELINE in run.kinds or any(line.kind == TELEGRAM and headers.read_type_line(line.text) and
                                    headers.read_type_line(line.text).dateline for line in run.lines):
        return []
    r = rules()
    first = run.lines[-1].index + 1
    window = lines[first:min(stop, first + r["continuation_lines"])]
    for k, line in enumerate(window):
        if len(line.text) > r["max_heading_chars"]:
            return []
        if line.kind == DATELINE or (line.kind is None and read_dateline(line.text)):
            taken = [_Line(line.text, line.start, line.end, DATELINE, line.index)]
            taken += [rest for rest in window[k + 1:k + 3] if rest.kind in (RECEIVED, OPENER)]
            if not ({HEADING, TITLE} & run.kinds) and k and _is_title(window[k - 1].text):
                taken.append(_Line(window[k - 1].text, 0, 0, TITLE, window[k - 1].index))
            return taken
    return []


def header_gaps(report: Report, undated: bool = False) -> list[str]:
    """What a report's header did not give: "date" (or "date (undated)"), "place", "sender",
    "recipient", "type". The editors' own notes ("Editorial Note") need none."""
    if headers.is_editorial(report.type):
        return []
    gaps = []
    if not report.date:
        gaps.append("date (the header says undated)" if undated else "date")
    for name in ("place", "sender", "recipient", "type"):
        if not getattr(report, name):
            gaps.append(name)
    return gaps


# --------------------------------------------------------------------------------------------
# Splitting a file


def _from_participants(fields: dict[str, Any], lines: list[str]) -> None:
    """A memorandum of conversation whose heading names no side: its participants are its
    correspondents (the first side's first participant, the other side's participants)."""
    found = headers.participants(lines[:40])
    if not found:
        return
    first, others = found
    sender, role, side = headers.party(first[0], several=False)
    names = [name for name in (headers.party_name(entry) for entry in others[:6]) if name]
    fields.update(sender=sender, sender_role=role, sender_side=side)
    if names:
        fields.update(recipient=headers.PARTY_JOIN.join(names), recipient_role=headers.PARTY_JOIN.join(others[:6]),
                      recipient_side=headers.side_of(others[0]))


def _edition_style(runs: list[_Run], all_runs: list[_Run]) -> list[_Run]:
    """The file's own numbering. When most reports open with an edition number ("No. 467"),
    a header without one is an enclosure or a quoted document inside the report before it, not
    a report of its own; and an edition number that continues the file's numbering opens a
    report whatever follows it (a heading the word lists do not know)."""
    numbered = [run for run in runs if run.first == EDITION]
    if not (len(runs) >= 2 and 2 * len(numbered) >= len(runs)):
        return runs
    chosen = {id(run) for run in numbered}
    previous: int | None = None
    out: list[_Run] = []
    for run in all_runs:
        if run.first != EDITION:
            continue
        number, suffix = _edition_int(run)
        follows = previous is not None and number is not None and (
            number == previous + 1 or (number == previous and suffix))  # "No. 72A" after "No. 72"
        if id(run) in chosen or (follows and run.lines[0].blank_before):
            out.append(run)
            previous = number if number is not None else previous
    return out


def _edition_int(run: _Run) -> tuple[int | None, str]:
    """The edition number and its letter: "No. 72A" → (72, "A")."""
    match = re.fullmatch(r"(\d+)([A-Za-z]?)", headers.edition_number(run.lines[0].text) or "")
    return (int(match.group(1)), match.group(2)) if match else (None, "")


def _by_place_alone(run: _Run) -> bool:
    """A run named only by a heading known by its place (a title before a dateline)."""
    return TELEGRAM not in run.kinds and all(line.by_place for line in run.lines if line.kind == HEADING)


def _shape(runs: list[_Run]) -> list[_Run]:
    """Runs named only by a heading known by its place stand as reports when the file opens with
    one, or when the file's reports are headed so (at least two, and not fewer than those the
    word lists know): a dateline after a line of prose in a report's body opens nothing."""
    weak = [run for run in runs if _by_place_alone(run)]
    if not weak:
        return runs
    strong = len(runs) - len(weak)
    keep_weak = len(weak) >= 2 and len(weak) >= strong
    return [run for k, run in enumerate(runs) if not _by_place_alone(run) or keep_weak or
            (k == 0 and run.lines[0].index == 0)]


def _not_enclosed(runs: list[_Run], lines: list[_Line]) -> list[_Run]:
    """Without the headers of enclosed documents: a header right after an "Enclosure",
    "Attachment" or "Tab A" line belongs to the report before it."""
    return [run for k, run in enumerate(runs) if k == 0 or not _enclosed(run, lines)]


def _enclosed(run: _Run, lines: list[_Line]) -> bool:
    """Is an enclosure line among the few short lines before the run?"""
    first = run.lines[0].index
    for line in reversed(lines[max(0, first - 3):first]):
        if headers.is_enclosure_line(line.text):
            return True
        if len(line.text) > rules()["max_heading_chars"] or line.kind is None and not is_title(line.text):
            return False
    return False


# What an article has before its first header line and a file of reports has not.
_NOTE_MARKER = re.compile(r"\[\^\d{1,4}\](?!:)|<sup>\s*\d{1,4}\s*</sup>|(?<=[\w.,;:!?\"”’»)])[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,4}")
_NOTES_HEADING = re.compile(r"^(?:#{1,6}\s*)?[*_]*(?:notes|endnotes|footnotes|references|bibliography|works cited"
                            r"|sources|примечания|список литературы|источники и литература)[*_:]*\s*$",
                            re.I | re.M)
_PROSE_END = re.compile(r"[.!?…][\"”’»)\]]*(?:\[\^\d+\]|<sup>\s*\d+\s*</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?\s*$")


def article_evidence(text: str, first_header: int) -> str | None:
    """Why a file whose lines include report headers is still an article, or None: footnote
    markers in running text, a notes or reference-list heading, or paragraphs of prose before
    the first header. Notes that read "40. U.S. Embassy London to Secretary of State, …" and an
    "Editorial Note" heading inside an essay are not reports."""
    before = text[:first_header]
    markers = len(_NOTE_MARKER.findall(before))
    if markers >= 3:
        return f"{markers} footnote markers in the text before the first report header"
    heading = _NOTES_HEADING.search(before)
    if heading:
        return f"a {heading.group().strip(' #*_:')!r} section before the first report header"
    prose = [p for p in re.split(r"\n[ \t]*\n", before)
             if len(p.strip()) > 200 and p.lstrip()[:1] not in "#|>-*" and _PROSE_END.search(p)]
    if len(prose) >= 3:
        return f"{len(prose)} paragraphs of prose before the first report header"
    return None


def _essay_evidence(text: str) -> bool:
    """A file whose one header is a title known by the dated line after it is an essay when it
    has an essay's marks: a Markdown title or section headings, footnote markers, a notes
    section ("# Eureka! …" / "Joshua Botts · October 27, 2011")."""
    return bool(re.search(r"^#{1,6}\s", text, re.M) or len(_NOTE_MARKER.findall(text)) >= 3
                or _NOTES_HEADING.search(text))


_TRAILING_RULE = re.compile(r"(?:\s*\n[ \t]*(?:[-*_=~•·][ \t]*){3,})+$")  # "---", "* * *" between reports


@dataclass(slots=True)
class ReadReport:
    """One report of a file: its Report, its own text, and what its header did not give."""

    report: Report
    text: str
    gaps: list[str] = field(default_factory=list)


def split_reports_read(text: str, force: bool = False) -> list[ReadReport]:
    """The reports of a file holding transcribed reports, each with its own text and the header
    parts it lacks; ``[]`` when the text is not a collection of reports (an article, a book
    chapter). ``force`` splits at every header found, whatever the rest of the file looks like."""
    lines = _lines(text)
    all_runs = _classify(lines)
    runs = _edition_style(_shape(_not_enclosed([run for run in all_runs if run.names_a_document()], lines)),
                          all_runs)
    runs = _outside_persons_list(runs, text)
    if not runs:
        return []
    if not force and ((len(runs) == 1 and text[:runs[0].lines[0].start].strip())  # a quoted document
                      or article_evidence(text, runs[0].lines[0].start)
                      or (len(runs) == 1 and _by_place_alone(runs[0]) and _essay_evidence(text))):
        return []
    out: list[ReadReport] = []
    for k, run in enumerate(runs):
        start = run.lines[0].start
        end = runs[k + 1].lines[0].start if k + 1 < len(runs) else len(text)
        end = start + len(_TRAILING_RULE.sub("", text[start:end].rstrip()))
        stop = runs[k + 1].lines[0].index if k + 1 < len(runs) else len(lines)
        continuation = _continuation(lines, run, stop)
        fields = _header_fields(run, continuation)
        undated = bool(fields.pop("undated", False))
        month_day = fields.pop("month_day", None)
        if month_day:  # "Washington, October 16, 9:09 p.m.": the year of the report's own file number
            year = headers.year_from_source(fields.get("source_note") or text[start:end])
            dateline = headers.Dateline(month_day=month_day)
            headers.complete_date(dateline, year)
            if dateline.date:
                fields["date"] = dateline.date
        body = max(line.index for line in [*run.lines, *continuation]) + 1
        if not fields.get("type") and body < stop and is_salutation(lines[body].text):
            fields["type"] = "letter"
        if not fields.get("sender") and headers.names_a_conversation(fields.get("heading") or ""):
            _from_participants(fields, [text for line in lines[body:min(stop, body + 40)]
                                        for text in (["", line.text] if line.blank_before else [line.text])])
        report = Report(id=f"r{k + 1}", start=start, end=end, **fields)
        out.append(ReadReport(report, text[start:end], header_gaps(report, undated)))
    return out


def _outside_persons_list(runs: list[_Run], text: str) -> list[_Run]:
    """The runs outside an edition's list of persons in the front matter, before any report:
    "Anderson, H. Eugenie, Minister to Bulgaria to December 1964" is an entry, not a heading."""
    span = persons_list_span(text)
    if span is None or any(run.lines[0].start < span[0] for run in runs):
        return runs
    return [run for run in runs if not span[0] <= run.lines[0].start < span[1]]


def split_reports(text: str, force: bool = False) -> list[tuple[Report, str]]:
    """The reports of a file holding transcribed reports, each with its own text; ``[]`` when
    the text is not a collection of reports (an article, a book chapter). ``force`` splits at
    every header found, whatever the rest of the file looks like."""
    return [(read.report, read.text) for read in split_reports_read(text, force)]
