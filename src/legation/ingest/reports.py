"""Transcribed diplomatic reports: split a plain-text or Markdown file into reports and read each
report's first lines into a ``Report``.

A report starts with a run of header lines, as a printed edition or a user's transcription shows
them: an edition number ("No. 467"), a file note ("894.628/1–1949: Telegram"), a heading ("The
Ambassador in Japan (Grew) to the Secretary of State"), a telegram line ("Telegram 1234 TOKYO,
September 8, 1939—noon"), a dateline ("[Washington,] January 9, 1952."), "[Received …]" and opener
lines ("No. 11", "Secret"). Blank lines may stand between them. Every line is classified on its
own; consecutive header lines form a run, and a run that names its document (a heading, a
telegram line, or an edition number with a title, a date or a file note) starts a report.

Word lists are data: ``data/report_headers.yaml``; nationality words come from the places
authority; dates are read by ``legation.extract.dates``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from legation.lexicon.dates import find_dates
from legation.lexicon.names import entity_rules, fold
from legation.lexicon.vocabulary import adjective_sides, role_word
from legation.model import Report

# --------------------------------------------------------------------------------------------
# Tables


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    text = (resources.files("legation") / "data" / "report_headers.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Patterns:
    edition: re.Pattern[str]
    file_number: re.Pattern[str]
    source_words: re.Pattern[str]
    telegram: re.Pattern[str]
    received: re.Pattern[str]
    undated: re.Pattern[str]
    classification: re.Pattern[str]
    own_number: re.Pattern[str]
    type_prefix: re.Pattern[str]
    type_anywhere: re.Pattern[str]
    author: re.Pattern[str]
    salutation: re.Pattern[str]
    time: re.Pattern[str]
    name_title: re.Pattern[str]
    types: dict[str, str]
    opener_words: frozenset[str]
    office_to_words: frozenset[str]
    institution_words: frozenset[str]
    connectives: frozenset[str]
    side_stop_words: frozenset[str]
    time_words: dict[str, str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    rules = _rules()
    types = {fold(k): v for k, v in rules["document_types"].items()}
    type_words = _alternation(list(rules["document_types"]))
    modifiers = _alternation(rules["type_modifiers"])
    authors = _alternation(rules["author_words"])
    titles = [*rules["name_titles"], *(t for group in entity_rules()["titles"].values() for t in group)]
    number = r"(?:No\.?\s*|№\s*|#\s*)?(?P<number>\d[\w/.-]*)"
    return _Patterns(
        edition=re.compile(rf"^(?:{_alternation(rules['edition_words'])})\s*(?P<number>\d+[A-Za-z]?)\.?$", re.I),
        # a State Department decimal file number: "894.628/1–1949", "740.00119 Control (Japan)/1–749"
        file_number=re.compile(r"^\d{3}[0-9A-Z]*\.[\w-]+[\w\s().,–—-]{0,60}?/\s?[\w–—.-]+/?\s*"
                               r"(?::\s*(?P<type>[^\W\d][\w\s-]*))?$", re.I),
        source_words=re.compile(rf"(?<!\w)(?:{_alternation(rules['source_note_words'])})(?!\w)", re.I),
        telegram=re.compile(rf"^(?P<type>{_alternation(rules['telegram_words'])})\.?(?:\s+{number})?"
                            rf"(?P<rest>\W.*)?$", re.I),
        received=re.compile(rf"\[?\s*(?:{_alternation(rules['received_words'])})\b[^\]]*\]?", re.I),
        undated=re.compile(rf"(?<!\w)(?:{_alternation(rules['undated_words'])})(?!\w)", re.I),
        classification=re.compile(rf"(?<!\w)(?:{_alternation(rules['classifications'])})(?!\w)", re.I),
        own_number=re.compile(r"^(?:(?:despatch|dispatch|telegram|no)\.?\s*(?:no\.?)?\s*|№\s*)(?P<number>\d+)\.?$",
                              re.I),
        type_prefix=re.compile(rf"^(?:(?:{modifiers})\s+)*(?P<type>{type_words})(?!\w)(?P<rest>.*)$", re.I),
        type_anywhere=re.compile(rf"(?<!\w)(?:{type_words})(?!\w)", re.I),
        # "<document>, by <author>": the document part holds no brackets
        author=re.compile(rf"^(?P<doc>[^()]+?),?\s+(?:{authors})\s+(?P<author>.+)$"),
        salutation=re.compile(rf"(?:{_alternation(rules['salutations'])})(?!\w)", re.I),
        time=re.compile(r"^\s*[—–,-]?\s*\[?\s*(?:at\s+)?(?:(?P<word>[^\W\d]+)|(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?"
                        r"(?:\s*(?P<ap>[ap])\.?\s?m\.?)?)", re.I),
        name_title=re.compile(rf"^(?:(?:{_alternation(titles)})\s+)+"),
        types=types,
        opener_words=frozenset(fold(w) for w in rules["opener_words"]),
        office_to_words=frozenset(fold(w) for w in rules["office_to_words"]),
        institution_words=frozenset(fold(w) for w in rules["institution_words"]),
        connectives=frozenset(rules["connectives"]),
        side_stop_words=frozenset(rules["side_stop_words"]),
        time_words={fold(k): v for k, v in rules["time_words"].items()},
    )


# --------------------------------------------------------------------------------------------
# Headings


@dataclass(frozen=True, slots=True)
class HeadingParts:
    """What a heading says about who wrote to whom, and what kind of document it is."""

    sender: str | None = None
    sender_role: str | None = None
    recipient: str | None = None
    recipient_role: str | None = None
    sender_side: str | None = None
    recipient_side: str | None = None
    type: str | None = None


_MARKUP = re.compile(r"\[\^\d+\]|^#+\s*|[*_]{1,3}|\s+(?=[),])|(?<=\()\s+")


def clean_line(line: str) -> str:
    """A line without Markdown emphasis, heading hashes or footnote markers, spaces collapsed."""
    line = _MARKUP.sub("", " ".join(line.split()))
    return line.strip()


def _words_outside_brackets(phrase: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’.-]*", re.sub(r"\([^)]*\)", " ", phrase))


def _is_office_phrase(phrase: str) -> bool:
    """Title Case words with connectives ("the Acting Political Adviser in Japan (Sebald)"),
    at most one stray lower-case word (two beside a bracketed name), and an office word or a
    bracketed name in it."""
    bracketed = "(" in phrase
    office = bracketed or _has_office_word(_words_outside_brackets(phrase))
    return office and _title_case(phrase, stray=2 if bracketed else 1)


def _has_office_word(words: list[str]) -> bool:
    return any(role_word(w) or fold(w) in _patterns().institution_words for w in words)


def _title_case(phrase: str, stray: int = 1) -> bool:
    """Capitalised words and connectives, with at most ``stray`` other lower-case words
    (bracketed names left out: "( sebald )")."""
    words = _words_outside_brackets(phrase)
    lower = [w for w in words if w[0].islower() and w not in _patterns().connectives]
    return bool(words) and len(lower) <= stray


def _split_to(text: str) -> tuple[str, str | None]:
    """Sender and recipient phrases: the " to " after a bracketed name or a comma first, else the
    first " to " that is not part of an office ("Political Adviser to SCAP")."""
    for pattern in (r"\)\s*,?\s+to\s+", r",\s+to\s+"):
        match = re.search(pattern, text)
        if match:
            cut = match.start() + (1 if text[match.start()] == ")" else 0)
            return text[:cut].strip(" ,"), text[match.end():].strip(" ,.")
    depth = 0
    for match in re.finditer(r"\(|\)|\s+to\s+", text):
        token = match.group()
        if token in "()":
            depth += 1 if token == "(" else -1
            continue
        before = re.search(r"([\w'’-]+)\W*$", text[max(0, match.start() - 40):match.start()])
        if depth == 0 and before and fold(before.group(1)) not in _patterns().office_to_words:
            return text[:match.start()].strip(" ,"), text[match.end():].strip(" ,.")
    return text.strip(" ,."), None


def _side_of(phrase: str) -> str | None:
    """A nationality word in the office before its first preposition: "The Japanese Ambassador
    in …" → JPN. Capitalised words only ("us" is not the US)."""
    p = _patterns()
    head: list[str] = []
    for word in re.sub(r"\([^)]*\)", " ", phrase).split():
        if word in p.side_stop_words:
            break
        head.append(word.strip(",.;:"))
    sides = adjective_sides()
    capitalised = [w for w in head if w[:1].isupper()]
    for n in (3, 2, 1):
        for i in range(len(capitalised) - n + 1):
            side = sides.get(fold(" ".join(capitalised[i:i + n])).rstrip("."))
            if side:
                return side
    return None


def _person_name(phrase: str) -> str | None:
    """A personal name that opens a phrase ("Mr. Paul H. Nitze, Deputy to …" → "Paul H. Nitze")."""
    p = _patterns()
    pieces = [piece.strip() for piece in phrase.split(",")]
    segment = p.name_title.sub("", pieces[0])
    words: list[str] = []
    for word in segment.split():
        if not (word[:1].isupper() or re.fullmatch(r"[A-Z]\.", word)):
            break
        words.append(word)
    if not words or _has_office_word(segment.split(" of ")[0].split()):
        return None
    if len(pieces) > 1 and pieces[1] in _rules()["name_suffixes"]:
        return f"{' '.join(words)}, {pieces[1]}"  # "Robert Haydock, Jr."
    return " ".join(words)


def _party(phrase: str | None) -> tuple[str | None, str | None, str | None]:
    """(name, role, side) of one side of a heading."""
    if not phrase:
        return None, None, None
    role = phrase.strip(" ,.")
    side = _side_of(role)
    bracketed = re.findall(r"\(\s*([^()]*?)\s*\)", role)
    name = None if re.match(r"(?i)the\s", role) else _person_name(role)
    if name:
        return name, role, side
    if bracketed:
        return bracketed[0], role, side
    # the office without its article, its brackets and where it was at: ", at Paris"
    office = re.sub(r"\s*\([^)]*\)", "", re.sub(r"(?i)^the\s+", "", role))
    office = re.split(r",\s+at\s", office)[0].strip(" ,")
    return office or None, role, side


def _document_type(text: str) -> tuple[str | None, str | None]:
    """A heading's document type and its author part: "Memorandum of Conversation, by the …"
    → (memorandum, "the …"); "Interim Directive by the Joint Chiefs …" → (directive, "the Joint …");
    "Editorial Note" → ("editorial note", ""). (None, None) when it names no document."""
    p = _patterns()
    author = p.author.match(text)
    if author:
        doc = author.group("doc")
        kind = _type_in(doc)
        if kind and doc[:1].isupper() and _title_case(doc):
            return kind, author.group("author")
    match = p.type_prefix.match(text)
    if match:
        return p.types.get(fold(match.group("type"))), ""
    return None, None


def _type_in(words: str) -> str | None:
    """The longest document-type phrase in some words ("U.S. Summary Minutes of …" → minutes)."""
    found = _patterns().type_anywhere.findall(words)
    return _patterns().types.get(fold(max(found, key=len))) if found else None


def parse_heading(heading: str) -> HeadingParts:
    """Sender, recipient, their roles and sides, and the document type of a heading.

    "The Acting Political Adviser in Japan (Sebald) to the Acting Secretary of State" → sender
    "Sebald", recipient "Acting Secretary of State"; "Memorandum of Conversation, by the Acting
    Assistant Secretary of State for Far Eastern Affairs (Allison)" → sender "Allison", type
    memorandum. Pure: no state, never raises on text.
    """
    text = clean_line(heading).rstrip(".")
    kind, rest = _document_type(text)
    if rest == "":
        return HeadingParts(type=kind)
    sender_phrase, recipient_phrase = _split_to(rest or text)
    if rest is None:  # "X to Y": an office (or a bracketed name) writes to an office or a person
        plausible = bool(recipient_phrase) and _is_office_phrase(sender_phrase) and _is_party(recipient_phrase)
    else:  # "Memorandum by X [to Y]"
        plausible = _is_party(sender_phrase) and (recipient_phrase is None or _is_party(recipient_phrase))
    if not plausible:
        return HeadingParts()
    sender, sender_role, sender_side = _party(sender_phrase)
    recipient, recipient_role, recipient_side = _party(recipient_phrase)
    return HeadingParts(sender, sender_role, recipient, recipient_role, sender_side, recipient_side, kind)


def _is_party(phrase: str | None) -> bool:
    """An office, or a person named in Title Case ("Mr. John P. Davies, Jr., of the Policy …")."""
    if not phrase:
        return False
    return _is_office_phrase(phrase) or (_title_case(phrase) and _person_name(phrase) is not None)


def _is_heading(line: str) -> bool:
    if len(line) > _rules()["max_heading_chars"]:
        return False
    parts = parse_heading(line)
    if parts.sender or parts.recipient:
        return True
    # a heading that only names its type: "Editorial Note", "Memorandum Prepared for …"
    return bool(parts.type) and _title_case(line) and not line.endswith(".")


# --------------------------------------------------------------------------------------------
# Datelines, telegram lines, openers


@dataclass(slots=True)
class _Dateline:
    place: str | None = None
    place_supplied: bool = False
    date: str | None = None
    time: str | None = None
    received: str | None = None


def _time_after(text: str) -> str | None:
    """"—noon", "—6 p. m.", ", 5.51 p.m.", "—2:26 p.m." → "12:00", "18:00", "17:51", "14:26"."""
    match = _patterns().time.match(text)
    if not match:
        return None
    if match.group("word"):
        return _patterns().time_words.get(fold(match.group("word")))
    hour, minute, ap = int(match.group("h")), int(match.group("m") or 0), match.group("ap")
    if not ap and not match.group("m"):
        return None  # a bare number is not a time
    if ap:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap.lower() == "p" else 0)
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _place(prefix: str) -> tuple[str | None, bool]:
    """The place before a dateline's date: "[ Washington ,]" → ("Washington", supplied)."""
    supplied = "[" in prefix
    place = re.sub(r"[\[\]?]", " ", prefix).strip(" ,.;:")  # "[Washington?,": editors' marks
    place = " ".join(place.split())
    if not place:
        return None, supplied
    if place.isupper() and len(place) > 3:  # telegram style: "TOKYO"
        place = place.title()
    return place, supplied


def _read_dateline(line: str) -> _Dateline | None:
    """A dateline: an optional place (possibly bracketed), then a day date or "undated"."""
    rules, p = _rules(), _patterns()
    if len(line) > rules["max_dateline_chars"] or not (re.search(r"\d", line) or p.undated.search(line)):
        return None
    received = p.received.search(line)
    main = line[:received.start()] if received else line
    year = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", main)
    dates = [d for d in find_dates(main, context_year=int(year.group()) if year else None)
             if d.precision == "day" and d.iso]
    if dates:
        date = dates[0]
        prefix, after = main[:date.start], main[date.end:]
        iso, time = date.iso, _time_after(after)
    else:
        undated = p.undated.search(main)
        if not undated:
            return None
        prefix, iso, time = main[:undated.start()], None, None
    if len(prefix) > rules["max_place_chars"] or not _looks_like_place(prefix):
        return None
    place, supplied = _place(prefix)
    return _Dateline(place, supplied, iso, time, received.group().strip() if received else None)


def _looks_like_place(prefix: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’.-]*", prefix)
    return len(words) <= 5 and all(w[0].isupper() or w in _patterns().connectives for w in words) \
        and not re.search(r"\d", prefix)


@dataclass(slots=True)
class _Telegram:
    type: str | None
    number: str | None
    dateline: _Dateline | None


def _read_telegram(line: str) -> _Telegram | None:
    """"Telegram 1234 TOKYO, September 8, 1939—noon [Received …]"."""
    match = _patterns().telegram.match(line)
    if not match:
        return None
    rest = (match.group("rest") or "").strip(" ,.")
    dateline = _read_dateline(rest) if rest else None
    if not (match.group("number") or dateline):
        return None
    if rest and not dateline and len(rest) > 20:
        return None  # "Telegram from Tokyo reported that …": prose
    return _Telegram(_patterns().types.get(fold(match.group("type"))), match.group("number"), dateline)


def _is_opener(line: str) -> bool:
    """"Confidential", "Top Secret Priority", "Personal and Secret", "No. 11"."""
    p = _patterns()
    if p.own_number.match(line):
        return True
    words = re.findall(r"[^\W\d_][\w.-]*", line.casefold())
    return bool(words) and len(words) <= 8 and not re.search(r"\d", line) \
        and all(fold(w.strip(".")) in p.opener_words for w in words)


def _source_note(line: str) -> re.Match[str] | None:
    return _patterns().file_number.match(line)


def _is_other_source(line: str) -> bool:
    """A file note that is not a decimal file number ("Dulles files, lot 54 D 423, “China”")."""
    short = len(line) <= _rules()["max_note_chars"] and not line.endswith(".")
    return short and line[:1].isupper() and bool(_patterns().source_words.search(line))


# --------------------------------------------------------------------------------------------
# Line kinds and runs

EDITION, SOURCE, HEADING, TELEGRAM, DATELINE, RECEIVED, OPENER, TITLE = (
    "edition", "source", "heading", "telegram", "dateline", "received", "opener", "title")


def _kind(line: str) -> str | None:
    p = _patterns()
    if not line:
        return None
    if p.edition.match(line):
        return EDITION
    if _source_note(line):
        return SOURCE
    if _read_telegram(line):
        return TELEGRAM
    if p.received.fullmatch(line):
        return RECEIVED
    if _read_dateline(line):
        return DATELINE
    if _is_opener(line):
        return OPENER
    if _is_heading(line):
        return HEADING
    return None


@dataclass(slots=True)
class _Line:
    text: str  # cleaned
    start: int  # into the file's text
    end: int
    kind: str | None
    index: int = 0  # among the file's non-blank lines


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
    for match in re.finditer(r"[^\n]+", text):
        cleaned = "" if _NOTE_LINE.match(match.group()) else clean_line(match.group())
        if cleaned or match.group().strip():
            out.append(_Line(cleaned, match.start(), match.end(), None, len(out)))
    return out


def _classify(lines: list[_Line]) -> list[_Run]:
    """Kinds for every line, then runs of consecutive header lines. A despatch number "No. 11"
    inside a header is an opener; an edition number before a file note or a heading, or a second
    heading or telegram line, begins the next run."""
    for line in lines:
        line.kind = _kind(line.text)
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


def _is_file_note_before(line: _Line) -> bool:
    return line.kind is None and _is_other_source(line.text)


def _next_kind(lines: list[_Line], i: int) -> str | None:
    return lines[i + 1].kind if i + 1 < len(lines) else None


def _starts_anew(run: _Run, lines: list[_Line], i: int) -> bool:
    kind = lines[i].kind
    if kind == EDITION:
        return _next_kind(lines, i) in (SOURCE, HEADING, TELEGRAM) or \
            (i + 1 < len(lines) and _is_other_source(lines[i + 1].text))
    if kind in (HEADING, TELEGRAM, SOURCE):
        return kind in run.kinds
    return False


def _unknown_in_run(lines: list[_Line], i: int, run: _Run) -> str | None:
    """A line the tables do not know, just after an edition number: a file note when a heading
    follows or it names files ("Dulles files, lot 54 D 423"), else a title ("Editorial Note")."""
    before_heading = _next_kind(lines, i) in (HEADING, TELEGRAM)
    if len(run.lines) == 1 and run.first == EDITION and (before_heading or _is_other_source(lines[i].text)):
        return SOURCE
    if run.first == EDITION and run.kinds <= {EDITION, SOURCE} and _is_title(lines[i].text):
        return TITLE
    return None


def _is_title(line: str) -> bool:
    return len(line) <= _rules()["max_heading_chars"] and line[:1].isupper() and not re.search(r"[:;]$", line)


# --------------------------------------------------------------------------------------------
# Reading a header


def _header_fields(run: _Run, continuation: list[_Line]) -> dict[str, Any]:
    """Report fields from the lines of one header run and the header lines that continue it."""
    p = _patterns()
    out: dict[str, Any] = {}
    dateline: _Dateline | None = None
    types: dict[str, str] = {}  # where the type was read → type
    for line in [*run.lines, *continuation]:
        text, kind = line.text, line.kind
        if kind == EDITION and "number" not in out:
            out["number"] = p.edition.match(text).group("number")  # type: ignore[union-attr]
        elif kind == SOURCE and "source_note" not in out:
            out["source_note"] = text
            suffix = re.search(r":\s*([^:]+)$", text)  # "…/1–1949: Circular airgram"
            if suffix:
                types.setdefault("source", _type_in(suffix.group(1)) or "")
        elif kind in (HEADING, TITLE) and "heading" not in out:
            out["heading"] = text
            _heading_fields(parse_heading(text), out, types)
        elif kind == TELEGRAM:
            telegram = _read_telegram(text)
            if telegram:
                types.setdefault("telegram", telegram.type or "")
                out.setdefault("own_number", telegram.number)
                dateline = dateline or telegram.dateline
        elif kind == DATELINE:
            dateline = dateline or _read_dateline(text)
        elif kind == RECEIVED:
            out.setdefault("received", text)
        elif kind == OPENER:
            _opener_fields(text, out)
    if dateline:
        _dateline_fields(dateline, out)
    kind = types.get("telegram") or types.get("source") or types.get("heading")
    if not kind and out.get("own_number"):
        kind = "despatch"  # a numbered report that is not a telegram: "No. 11"
    out["type"] = kind or None
    out["number"] = out.get("number") or out.get("own_number")
    return {k: v for k, v in out.items() if v is not None}


def _heading_fields(parts: HeadingParts, out: dict[str, Any], types: dict[str, str]) -> None:
    for name in ("sender", "sender_role", "recipient", "recipient_role", "sender_side", "recipient_side"):
        out[name] = getattr(parts, name)
    if parts.type:
        types["heading"] = parts.type


def _opener_fields(text: str, out: dict[str, Any]) -> None:
    p = _patterns()
    number = p.own_number.match(text) or p.edition.match(text)
    if number:
        out.setdefault("own_number", number.group("number"))
    classification = p.classification.search(text)
    if classification and "classification" not in out:
        out["classification"] = " ".join(classification.group().casefold().split())


def _dateline_fields(dateline: _Dateline, out: dict[str, Any]) -> None:
    out.update(place=dateline.place, place_supplied=dateline.place_supplied, date=dateline.date,
               time=dateline.time)
    if dateline.received:
        out.setdefault("received", dateline.received)


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
    return _header_fields(runs[0], _continuation(parsed, runs[0], len(parsed)))


def _continuation(lines: list[_Line], run: _Run, stop: int) -> list[_Line]:
    """Header lines that an editor's note or an "Extract" line keeps apart from the run: a
    dateline within the next few short lines, what follows it, and a title before it when the
    run has no heading ("No. 316" / file note / note paragraph / title / dateline)."""
    rules = _rules()
    first = run.lines[-1].index + 1
    window = lines[first:min(stop, first + rules["continuation_lines"])]
    for k, line in enumerate(window):
        if len(line.text) > rules["max_heading_chars"]:
            return []
        if line.kind == DATELINE or (line.kind is None and _read_dateline(line.text)):
            taken = [_Line(line.text, line.start, line.end, DATELINE, line.index)]
            taken += [rest for rest in window[k + 1:k + 3] if rest.kind in (RECEIVED, OPENER)]
            if not ({HEADING, TITLE} & run.kinds) and k and _is_title(window[k - 1].text):
                taken.append(_Line(window[k - 1].text, 0, 0, TITLE, window[k - 1].index))
            return taken
    return []


# --------------------------------------------------------------------------------------------
# Splitting a file


def _is_salutation(line: str) -> bool:
    """"My dear Mr. Secretary:", "Dear General MacArthur:", "Sir:": a letter's first words."""
    return bool(_patterns().salutation.match(line))


def _collection_style(runs: list[_Run]) -> list[_Run]:
    """When most reports open with an edition number, a header without one is an enclosure or a
    quoted document inside the report before it, not a report of its own."""
    numbered = [run for run in runs if run.first == EDITION]
    return numbered if len(runs) >= 2 and 2 * len(numbered) >= len(runs) else runs


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


_TRAILING_RULE = re.compile(r"(?:\s*\n[ \t]*(?:[-*_=~•·][ \t]*){3,})+$")  # "---", "* * *" between reports


def split_reports(text: str, force: bool = False) -> list[tuple[Report, str]]:
    """The reports of a file holding transcribed reports, each with its own text; ``[]`` when
    the text is not a collection of reports (an article, a book chapter). ``force`` splits at
    every header found, whatever the rest of the file looks like."""
    lines = _lines(text)
    runs = _collection_style([run for run in _classify(lines) if run.names_a_document()])
    if not runs:
        return []
    if not force and ((len(runs) == 1 and text[:runs[0].lines[0].start].strip())  # a quoted document
                      or article_evidence(text, runs[0].lines[0].start)):
        return []
    out: list[tuple[Report, str]] = []
    for k, run in enumerate(runs):
        start = run.lines[0].start
        end = runs[k + 1].lines[0].start if k + 1 < len(runs) else len(text)
        end = start + len(_TRAILING_RULE.sub("", text[start:end].rstrip()))
        stop = runs[k + 1].lines[0].index if k + 1 < len(runs) else len(lines)
        continuation = _continuation(lines, run, stop)
        fields = _header_fields(run, continuation)
        body = max(line.index for line in [*run.lines, *continuation]) + 1
        if not fields.get("type") and body < stop and _is_salutation(lines[body].text):
            fields["type"] = "letter"
        out.append((Report(id=f"r{k + 1}", start=start, end=end, **fields), text[start:end]))
    return out
