"""One reader of report headers, for every documentary edition and for both readers.

A report opens with a header: an edition number ("No. 467"), a source note ("894.628/1–1949:
Telegram", "Source: Department of State, Central Files, 611.94/2–1055. Secret."), a heading
("The Ambassador in Japan (Grew) to the Secretary of State", "Telegram From the Embassy in Jordan
to the Department of State", "Mr R. G. Menzies, Prime Minister, to Mr N. Chamberlain, U.K. Prime
Minister, and Mr S. M. Bruce, High Commissioner in London", "Note by Bruce of Conversation with
Attlee", "Editorial Note"), a document-type line ("Cablegram 99 WASHINGTON, 7 February 1941, 5.51
p.m.", "Cablegram unnumbered 15 June 1939,", "Memorandum CANBERRA, undated"), a dateline ("[LONDON],
18 May 1942"), "[Received …]" and openers ("Secret", "No. 11").

This module reads one line, or one heading, at a time: what kind of header line it is and what
it gives. The plain-text reader (``legation.ingest.reports``) classifies a file's lines with it
and reads each report's header lines with :func:`header_fields`; the TEI reader
(``legation.ingest.tei``) takes the volume's marks where it has them (``date/@when``,
``placeName``, ``persName[@type]``) and asks this module for the rest: the heading's type, its
turn from sender to recipient, the sides the marks do not name, the classification.

Word lists are data: ``data/report_headers.yaml``, one file for both readers; nationality words
come from the places authority; dates are read by ``legation.lexicon.dates``. Pure functions:
no state, never raise on text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from legation.lexicon.dates import DateMention, find_dates
from legation.lexicon.names import entity_rules, fold
from legation.lexicon.vocabulary import adjective_sides, phrase_words, role_word, state_sides

# --------------------------------------------------------------------------------------------
# Tables


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The header words (``data/report_headers.yaml``)."""
    text = (resources.files("legation") / "data" / "report_headers.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Patterns:
    edition: re.Pattern[str]
    file_number: re.Pattern[str]
    source_words: re.Pattern[str]
    source_opener: re.Pattern[str]
    telegram: re.Pattern[str]
    received: re.Pattern[str]
    undated: re.Pattern[str]
    classification: re.Pattern[str]
    own_number: re.Pattern[str]
    modifiers: re.Pattern[str]
    type_at: re.Pattern[str]
    type_anywhere: re.Pattern[str]
    author: re.Pattern[str]
    author_by: re.Pattern[str]
    conversation: re.Pattern[str]
    salutation: re.Pattern[str]
    time: re.Pattern[str]
    name_title: re.Pattern[str]
    unnumbered: re.Pattern[str]
    type_note: re.Pattern[str]
    types: dict[str, str]
    opener_words: frozenset[str]
    office_to_words: frozenset[str]
    institution_words: frozenset[str]
    office_domains: frozenset[str]
    office_words: frozenset[str]
    connectives: frozenset[str]
    side_stop_words: frozenset[str]
    time_words: dict[str, str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    r = rules()
    types = {fold(k): v for k, v in r["document_types"].items()}
    type_words = _alternation(list(r["document_types"]))
    authors = _alternation([*r["author_words"], *r["between_words"], *r["with_words"]])
    titles = [*r["name_titles"], *(t for group in entity_rules()["titles"].values() for t in group)]
    number = r"(?:No\.?\s*|№\s*|#\s*)?(?P<number>\d[\w/.-]*)"
    return _Patterns(
        # case as written: "NO. 339" is a press release's number, not the edition's
        edition=re.compile(rf"^(?:{_alternation(r['edition_words'])})\s*(?P<number>\d+[A-Za-z]?)\.?$"),
        # a State Department decimal file number: "894.628/1–1949", "740.00119 Control (Japan)/1–749"
        file_number=re.compile(r"^\d{3}[0-9A-Z]*\.[\w-]+[\w\s().,–—-]{0,60}?/\s?[\w–—.-]+/?\s*"
                               r"(?::\s*(?P<type>[^\W\d][\w\s-]*))?$", re.I),
        source_words=re.compile(rf"(?<!\w)(?:{_alternation(r['source_note_words'])})(?!\w)", re.I),
        source_opener=re.compile(rf"^\[?(?:{_alternation(r['source_note_openers'])})\s", re.I),
        telegram=re.compile(rf"^(?P<type>{_alternation(r['telegram_words'])})\.?(?:\s+{number})?"
                            rf"(?P<rest>\W.*)?$", re.I),
        received=re.compile(rf"\[?\s*(?:{_alternation(r['received_words'])})\b[^\]]*\]?", re.I),
        undated=re.compile(rf"(?<!\w)(?:{_alternation(r['undated_words'])})(?!\w)", re.I),
        classification=re.compile(rf"(?<!\w)(?:{_alternation(r['classifications'])})(?!\w)", re.I),
        own_number=re.compile(r"^(?:(?:despatch|dispatch|telegram|no)\.?\s*(?:no\.?)?\s*|№\s*)(?P<number>\d+)\.?$",
                              re.I),
        modifiers=re.compile(rf"(?:{_alternation(r['type_modifiers'])})\s+", re.I),
        type_at=re.compile(rf"(?:{type_words})(?!\w)", re.I),
        type_anywhere=re.compile(rf"(?<!\w)(?:{type_words})(?!\w)", re.I),
        # "<document>, by <author>": the document part holds no brackets
        author=re.compile(rf"^(?P<doc>[^()]+?),?\s+(?P<word>{authors})\s+(?P<author>.+)$", re.I),
        author_by=re.compile(rf"^(?P<doc>[^()]+?),?\s+(?P<word>{_alternation(r['author_words'])})\s+"
                             rf"(?P<author>.+)$", re.I),
        conversation=re.compile(rf",?\s+(?:of|on)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?"
                                rf"(?:{_alternation(r['conversation_words'])})\b.*$", re.I),
        salutation=re.compile(rf"(?:{_alternation(r['salutations'])})(?!\w)", re.I),
        time=re.compile(r"^\s*[—–,-]?\s*\[?\s*(?:at\s+)?(?:\d{1,2}\s+(?=noon|midnight))?(?:(?P<word>[^\W\d]+)|"
                        r"(?P<h>\d{1,2})(?:[:.-](?P<m>\d{2}))?(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?)", re.I),
        name_title=re.compile(rf"^(?:(?:{_alternation(titles)})\s+)+"),
        unnumbered=re.compile(rf"^(?:{_alternation(r['unnumbered_words'])})(?!\w)", re.I),
        type_note=re.compile(r"^\((?:[^()\d]{1,40})\)"),  # "(extract)", "(air mail)", "(secret and personal)"
        types=types,
        opener_words=frozenset(fold(w) for w in r["opener_words"]),
        office_to_words=frozenset(fold(w) for w in r["office_to_words"]),
        institution_words=frozenset(fold(w) for w in r["institution_words"]),
        office_domains=frozenset(fold(w) for w in r["office_domains"]),
        office_words=frozenset(fold(w) for w in r["office_words"]),
        connectives=frozenset(r["connectives"]),
        side_stop_words=frozenset(r["side_stop_words"]),
        time_words={fold(k): v for k, v in r["time_words"].items()},
    )


_MARKUP = re.compile(r"\[\^\d+\]|^#+\s*|[*_]{1,3}|\\(?=[.\-#*_])|\s+(?=[),])|(?<=\()\s+")
_NOTE_REFERENCE = re.compile(r"\s*\[\d{1,2}\](?=\s|[,.;:]|$)")  # "[1]": an edition's note marker


def clean_line(line: str) -> str:
    """A line without Markdown emphasis and escapes, heading hashes or footnote markers, spaces
    collapsed."""
    line = _MARKUP.sub("", " ".join(line.split()))
    return line.strip()


# --------------------------------------------------------------------------------------------
# Document types


def heading_type(heading: str) -> tuple[str | None, int]:
    """(type, end of the type phrase) from a heading's first words, after any modifiers
    ("Draft Memorandum …", "Special National Intelligence Estimate"). Of the readings, the one
    whose type phrase ends furthest is taken, with fewer modifiers on a tie."""
    p = _patterns()
    best: tuple[int, str] | None = None
    at = 0
    while True:
        match = p.type_at.match(heading, at)
        if match and (best is None or match.end() > best[0]):
            best = (match.end(), p.types.get(fold(match.group())) or "")
        modifier = p.modifiers.match(heading, at)
        if not modifier:
            break
        at = modifier.end()
    if best is None:
        return None, 0
    return best[1] or None, best[0]


def type_in(words: str) -> str | None:
    """The longest document-type phrase in some words ("U.S. Summary Minutes of …" → minutes)."""
    found = _patterns().type_anywhere.findall(words)
    return _patterns().types.get(fold(max(found, key=len))) if found else None


def source_type(source_note: str | None) -> str | None:
    """The type a source note's suffix names exactly ("894.628/1–1949: Telegram" → telegram;
    "…: Circular airgram" → airgram)."""
    if not source_note or ":" not in source_note:
        return None
    suffix = source_note.rsplit(":", 1)[1].strip().rstrip(".")
    kind, end = heading_type(suffix)
    return kind if kind and end == len(suffix) else None


def is_editorial(kind: str | None) -> bool:
    """Is this the type of the editors' own matter ("editorial note")?"""
    return bool(kind) and kind in rules()["editorial_types"]


@lru_cache(maxsize=1)
def _editorial_notes() -> list[tuple[str, re.Pattern[str]]]:
    return [(kind, re.compile(pattern, re.I)) for kind, patterns in rules()["editorial_notes"].items()
            for pattern in patterns]


def editorial_note(text: str) -> str | None:
    """What kind of editors' note a note is, when it cites nothing a reader could find: "not
    printed" ("Not printed.", "Telegram 239 from Amman is not printed."), "cross-reference"
    ("Document 278.", "See footnote 2, supra."), "source note" ("Source: Department of State,
    …"), "editorial note"; else None."""
    note = " ".join(text.split())
    return next((kind for kind, pattern in _editorial_notes() if pattern.search(note)), None)


# --------------------------------------------------------------------------------------------
# Headings: who wrote to whom


@dataclass(frozen=True, slots=True)
class HeadingParts:
    """What a heading says about who wrote to whom, and what kind of document it is. Several
    recipients ("… to Mr John Curtin, Prime Minister, and to Dr H. V. Evatt") are named in
    ``recipient`` joined by "; "; the phrase is ``recipient_role``."""

    sender: str | None = None
    sender_role: str | None = None
    recipient: str | None = None
    recipient_role: str | None = None
    sender_side: str | None = None
    recipient_side: str | None = None
    type: str | None = None


PARTY_JOIN = "; "  # between the names of several recipients


def _words_outside_brackets(phrase: str) -> list[str]:
    """The words of a phrase outside its brackets: "(Sebald)", "[place not declassified]"."""
    return re.findall(r"[^\W\d_][\w'’.-]*", re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", phrase))


def _has_office_word(words: list[str]) -> bool:
    return any(_office_word(w) for w in words)


def _title_case(phrase: str, stray: int = 1) -> bool:
    """Capitalised words and connectives, with at most ``stray`` other lower-case words
    (bracketed names left out: "( sebald )")."""
    words = _words_outside_brackets(phrase)
    lower = [w for w in words if w[0].islower() and w not in _patterns().connectives]
    return bool(words) and len(lower) <= stray


_BRACKETED_NAME = re.compile(r"\(\s*[A-Z][^()]*\)")  # "(Sebald)", not "(a)"
_DIGIT = re.compile(r"\d")


def is_office_phrase(phrase: str) -> bool:
    """Title Case words with connectives ("the Acting Political Adviser in Japan (Sebald)"),
    at most one stray lower-case word (two beside a bracketed name), and an office word or a
    bracketed name in it."""
    bracketed = bool(_BRACKETED_NAME.search(phrase))
    office = bracketed or _has_office_word(_words_outside_brackets(phrase))
    return office and _title_case(phrase, stray=2 if bracketed else 1)


def _person_name(phrase: str) -> str | None:
    """A personal name that opens a phrase ("Mr. Paul H. Nitze, Deputy to …" → "Paul H. Nitze";
    "President Johnson" → "Johnson")."""
    p = _patterns()
    pieces = [piece.strip() for piece in phrase.split(",")]
    segment = p.name_title.sub("", pieces[0])
    titled = segment != pieces[0] and not _role_head(pieces[0].split()[0])  # "Mr F. K. Officer": a person
    if re.match(r"(?:His|Her|Their|Its|Certain|All|Various|Several|Other)\s", segment):
        return None  # "His Special Assistant …", "Certain Diplomatic and Consular Offices": an office
    words: list[str] = []
    for k, word in enumerate(segment.split()):
        particle = word in ("de", "van", "von", "da", "di", "del", "du", "la", "le") and \
            (words or k + 1 < len(segment.split()) and segment.split()[k + 1][:1].isupper())
        if not (word[:1].isupper() or re.fullmatch(r"[A-Z]\.", word)) and not particle:
            break
        words.append(word)
    while words and words[-1] in ("de", "van", "von", "da", "di", "del", "du", "la", "le"):
        words.pop()
    initials = any(re.fullmatch(r"[A-Z]\.", w) for w in words)
    if not words or (_has_office_word(words) and not ((titled or initials) and not _office_word(words[0]))):
        return None
    rest = segment.split(None, len(words))[-1] if len(segment.split()) > len(words) else ""
    joined = re.match(r"and\s+(?:[A-Z][a-z]+\s+){0,3}(?P<last>[A-Z][a-z]+)\b", rest)
    if joined and _office_word(joined.group("last")):
        return None  # "Diplomatic and Consular Offices": words of one office
    if len(pieces) > 1 and pieces[1] in rules()["name_suffixes"]:
        return f"{' '.join(words)}, {pieces[1]}"  # "Robert Haydock, Jr."
    return " ".join(words)


_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’-]+|[A-Z]\.|(?:Mc|Mac|O’|O')[A-Z][\w'’-]+)$")


def _name_after_office(phrase: str) -> str | None:
    """The person an office phrase ends with: "Secretary of State Dulles" → "Dulles", "Soviet
    General Secretary Brezhnev" → "Brezhnev", "Secretary of the Treasury Anderson" →
    "Anderson". None for an office alone ("Embassy in Iraq", "Secretary of State")."""
    p = _patterns()
    words = phrase.split(",")[0].split()
    if len(words) < 2 or "(" in phrase:
        return None
    i = len(words)
    while i > 0 and _NAME_WORD.match(words[i - 1]) and not _office_word(words[i - 1]):
        i -= 1
    sides = adjective_sides()
    if any(_role_head(w) for w in words[:i]):  # "… of China Mao Tse-tung": the place ends the office
        place = next((n for n in (3, 2, 1) if i + n <= len(words) and sides.get(fold(" ".join(words[i:i + n])))), 0)
        if place:
            if i + place == len(words):
                return None  # "Chargé of the Soviet Union": no name
            return " ".join(words[i + place:]) if words[i - 1] in ("of", "in", "for", "the") else None
    name = words[i:]
    if not name or i == 0:
        return None
    if _role_head(words[i - 1]):  # "President Johnson", "Foreign Minister Gromyko"
        return " ".join(name)
    j = i - 1  # "Secretary of [the] State Dulles": a role, "of", what the office is of, the name
    while j >= 0 and fold(words[j]) in p.office_domains:
        j -= 1
    if j == i - 1 or j < 1:
        return None
    if words[j] == "the":
        j -= 1
    return " ".join(name) if j >= 1 and words[j] in ("of", "for") and _role_head(words[j - 1]) else None


def _role_head(word: str) -> bool:
    """A noun that names an office ("Secretary", "President", "Minister"), not a word that only
    qualifies one ("Foreign", "Acting", "Deputy")."""
    folded = fold(word.strip(",.;:"))
    return (role_word(folded) or folded in _patterns().office_words) and folded not in phrase_words() \
        and folded not in _patterns().office_domains


def _office_word(word: str) -> bool:
    p = _patterns()
    folded = fold(word.strip(",.;:"))
    return role_word(folded) or folded in p.institution_words or folded in p.office_domains or folded in p.office_words


def side_of(phrase: str) -> str | None:
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


def party_name(role: str) -> str | None:
    """The name of one side, from its phrase: the person it opens with ("Mr R. G. Casey, Minister
    to the United States" → "R. G. Casey"), the person after an office ("Secretary of State
    Dulles" → "Dulles"), the bracketed name ("The Ambassador in Japan (Grew)" → "Grew"), else
    the office without its article, its brackets and where it was at ("Embassy in Jordan")."""
    role = role.strip(" ,.")
    # where the person was: "Secretary of State Herter at Geneva", "The Secretary of State, in Paris"
    core = re.sub(r"(?:,\s+(?:at|in)|\s+at)\s+[A-Z\[][^()]*$", "", role) or role
    name = None if re.match(r"(?i)the\s", core) else _person_name(core)
    if name:
        return name
    bracketed = _bracketed_name(role)
    if bracketed:
        return bracketed
    after = _name_after_office(re.sub(r"(?i)^the\s+", "", core))
    if after:
        return after
    office = re.sub(r"\s*\([^)]*\)", "", re.sub(r"(?i)^the\s+", "", role))
    office = re.split(r",\s+at\s", office)[0]  # "…, at Paris": where it was, not the office ("Mission at Berlin")
    held = re.split(r",\s+in\s", office)
    if len(held) > 1 and any(_role_head(w) for w in held[0].split()) and not any(
            fold(w) in _patterns().institution_words for w in held[0].split()):
        office = held[0]  # "Secretary of State, in Paris" (not "General Headquarters, Far East Command, in Japan")
    return office.strip(" ,") or None


def _bracketed_name(phrase: str) -> str | None:
    """The first name in brackets ("… (Plans) of Central Intelligence (Wisner)" → "Wisner";
    "… Assistants (Haldeman), (Ehrlichman) and (Kissinger)" → "Haldeman"); never a place ("(in
    London)", "(at Sea)") or what an office is of ("(Intelligence)", "(Plans)")."""
    found = [m for m in re.finditer(r"\(\s*([^()]*?)\s*\)", phrase)
             if m.group(1) and not re.match(r"(?i)(?:in|at|on)\s", m.group(1))
             and fold(m.group(1)) not in _patterns().office_domains]
    return found[0].group(1) if found else None


@lru_cache(maxsize=4096)  # a collection's headings name the same few correspondents again and again
def party(phrase: str | None, several: bool = True) -> tuple[str | None, str | None, str | None]:
    """(name, role, side) of one side of a heading; several parties' names joined by "; " (or,
    not ``several``, the first's: a joint sender is named by the first of them)."""
    if not phrase:
        return None, None, None
    role = phrase.strip(" ,.")
    pieces = split_parties(role)
    names = [n for n in (party_name(piece) for piece in pieces) if n]
    name = PARTY_JOIN.join(names) if several else (names[0] if names else "")
    return name or None, role, side_of(pieces[0] if pieces else role)


_BARE_NAME = re.compile(r"^(?:(?:van|von|de)\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$")


def split_parties(phrase: str) -> list[str]:
    """The parties a phrase names: "Mr John Curtin, Prime Minister, and to Dr H. V. Evatt, …" →
    two; "Chifley and Makin", "Curtin, Chifley and Evatt" → names; "the Secretary of the Treasury
    (Humphrey), the Under Secretary of State (Hoover), and …" → three; "Secretary of State Rusk
    and Secretary of Defense McNamara" → two. An "and" inside an office ("the Office of Greek,
    Turkish, and Iranian Affairs", "Minister for Trade and Customs") joins nothing."""
    pieces: list[str] = []
    at = 0
    for turn in re.finditer(r",\s+and\s+(?:to\s+)?|\s+and\s+(?:to\s+)?|(?<=\)),\s+", phrase):
        left, right = phrase[at:turn.start()].strip(" ,"), phrase[turn.end():]
        if left.count("(") != left.count(")") or not _opens_a_party(right, turn.group()):
            continue
        if "and" in turn.group().split() and _bracketed_name(right) and not (
                _bracketed_name(left) or _person_name(left) or _name_after_office(re.sub(r"(?i)^the\s+", "", left))):
            continue  # "the Counselor and Chairman of the Policy Planning Council (Rostow)": one person
        if turn.group().startswith(",") or left.endswith(")") or is_party(left):
            pieces.append(left)
            at = turn.end()
    pieces.append(phrase[at:].strip(" ,"))
    pieces = [piece for piece in pieces if piece]
    if len(pieces) == 1:
        names = [n.strip() for n in re.split(r",\s+|\s+and\s+", phrase)]
        if len(names) > 1 and all(_BARE_NAME.match(n) and not _has_office_word(n.split()) for n in names):
            return names
    return pieces or [phrase]


def _opens_a_party(text: str, turn: str) -> bool:
    """Does a party begin here: "the …", "to …", a form of address or a title ("Mr", "Dr", "Lt
    Col", "President"), an office word, a nationality and an office ("Chinese Premier …"), or
    after ", and" a personal name ("…, and Clair Engle")?"""
    p = _patterns()
    if re.match(r"(?:the|to)\s", text) or "to" in turn.split():
        return True
    if p.name_title.match(text):
        return True
    words = text.split()
    if not words or not words[0][:1].isupper():
        return False
    if _role_head(words[0]):
        return True
    if len(words) > 1 and adjective_sides().get(fold(words[0])) and _role_head(words[1]):
        return True
    name = _person_name(text)
    return turn.startswith(",") and "and" in turn and bool(name) and len(name.split()) >= 2 and \
        not _has_office_word(text.split(",")[0].split())  # "…, and Clair Engle", not "…, and Cyprus"


def _to_turns(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\s+to\s+", text)]


def split_point(heading: str, start: int = 0, froms: list[int] | None = None, tos: list[int] | None = None,
                *, fallback: bool = False) -> tuple[int, int] | None:
    """Where the sender's phrase turns into the recipient's (the span of " to "), or None.

    A " to " right after a bracketed name or a comma ("… (Grew) to …", "… Prime Minister, to
    …") is the turn. Else, among the " to "s that put every from mark (``froms``: where each
    ends) before and every to mark (``tos``: where each starts) after them (all of them when
    there are no such marks), the first that does not belong to an office ("the Ambassador to
    Japan"). With marks on both sides, or ``fallback``, the first of them when every one does.
    """
    candidates = [(at + start, end + start) for at, end in _to_turns(heading[start:])]
    for at, end in candidates:
        if re.search(r"(?:\)|,)\s*$", heading[:at]):
            return at, end
    froms, tos = froms or [], tos or []
    if froms and tos:
        candidates = [(at, end) for at, end in candidates if max(froms) <= at and min(tos) >= end] or candidates
    offices = _patterns().office_to_words
    depth_ok = [(at, end) for at, end in candidates if heading[start:at].count("(") == heading[start:at].count(")")]
    for at, end in depth_ok or candidates:
        previous = re.findall(r"[\w'’-]+", heading[start:at])[-1:]
        if not previous or fold(previous[0]) not in offices:
            return at, end
    return candidates[0] if ((froms and tos) or fallback) and candidates else None


def _split_between(text: str) -> tuple[str, str | None]:
    """The two sides of a conversation "X and Y": the " and " after a bracketed name first, then
    one before "the", a title or a name, such that both sides read as parties."""
    turns = [m for m in re.finditer(r"\s+and\s+", text)]
    ranked = sorted(turns, key=lambda m: (0 if text[:m.start()].endswith(")") else
                                          1 if re.match(r"(?:the\s|[A-Z])", text[m.end():]) else 2))
    for m in ranked:
        left, right = text[:m.start()].strip(" ,"), text[m.end():].strip(" ,")
        if left.count("(") == left.count(")") and is_party(left) and is_party(right):
            return left, right
    return text, None


def strip_date(text: str) -> str:
    """A heading's phrase without the date, time and place it may end with."""
    return _without_date(text)[0]


def _day_dates(text: str) -> list[DateMention]:
    """The dates to the day the text writes. A day's date needs its number, and most phrases
    read here (names, offices) have none: they skip the date scan."""
    if not _DIGIT.search(text):
        return []
    return [d for d in find_dates(text) if d.precision == "day" and d.iso]


def _without_date(text: str) -> tuple[str, bool]:
    """A phrase without the date, time and place a heading may end with ("…, Department of State,
    Washington, March 3, 1955, 3:32 p.m."); and whether it had a date."""
    dates = _day_dates(text)
    if not dates:
        return text, False
    cut = re.sub(r"[\s,]*$", "", text[:dates[-1].start])
    for _ in range(3):  # "…, White House, Washington, March 3, 1955": where it was written
        pieces = cut.rsplit(",", 1)
        last = pieces[-1].strip()
        if len(pieces) < 2 or not _looks_like_place(last) or len(last.split()) > 4 or \
                any(_role_head(w) for w in last.split()) or _BRACKETED_NAME.search(last):
            break
        cut = pieces[0].rstrip(" ,")
    return cut, True


@lru_cache(maxsize=4096)  # a volume's telegrams repeat their headings (2–3 times each in FRUS)
def parse_heading(heading: str, *, loose: bool = False) -> HeadingParts:
    """Sender, recipient, their roles and sides, and the document type of a heading.

    "The Acting Political Adviser in Japan (Sebald) to the Acting Secretary of State" → sender
    "Sebald", recipient "Acting Secretary of State"; "Memorandum of Conversation, by the Acting
    Assistant Secretary of State for Far Eastern Affairs (Allison)" → sender "Allison", type
    memorandum; "Telegram From the Embassy in Jordan to the Department of State" → "Embassy in
    Jordan", "Department of State", telegram. ``loose``: the line is known to be a heading (a
    dateline follows it), so "Bruce to Curtin" needs no office word.
    """
    text = clean_line(heading).rstrip(".")
    text = _NOTE_REFERENCE.sub("", text)
    kind, rest, between = _document_type(text, loose)
    if rest == "":
        return HeadingParts(type=kind)
    body, _dated = _without_date(rest if rest is not None else text)
    if between:
        sender_phrase, recipient_phrase = _split_between(body)
    else:
        # "Memorandum by John Foster Dulles, Consultant to the Secretary of State": after a named
        # person and his office, the editors read " to " as the turn
        named = rest is not None and bool(_person_name(body.split(",")[0])) and "," in body
        sender_phrase, recipient_phrase = _split_to(body, fallback=rest is None or named, named=named)
        if recipient_phrase is None and rest is not None:
            sender_phrase = _patterns().conversation.sub("", sender_phrase)  # "Note by X of Conversation with Y"
    if rest is None:  # "X to Y": an office (or a bracketed name) writes to an office or a person
        titled = bool(_patterns().name_title.match(sender_phrase)) and _person_name(sender_phrase) is not None
        plausible = bool(recipient_phrase) and (
            ((is_office_phrase(sender_phrase) or titled) and is_party(recipient_phrase)) or
            (loose and _is_loose_party(sender_phrase) and _is_loose_party(recipient_phrase)))
    else:  # "Memorandum by X [to Y]"
        plausible = (is_party(sender_phrase) or (loose and _is_loose_party(sender_phrase))) and \
            (recipient_phrase is None or is_party(recipient_phrase) or (loose and _is_loose_party(recipient_phrase)))
    if not plausible:
        return HeadingParts(type=kind) if kind and loose else HeadingParts()
    sender, sender_role, sender_side = party(sender_phrase, several=False)  # "Evatt and Lavarack": Evatt
    recipient, recipient_role, recipient_side = party(recipient_phrase)
    return HeadingParts(sender, sender_role, recipient, recipient_role, sender_side, recipient_side, kind)


def _is_loose_party(phrase: str | None) -> bool:
    """A side of a heading known to be one: Title Case words, a few of them lower case."""
    if not phrase or len(phrase) > 200:
        return False
    return (phrase[:1].isupper() or bool(re.match(r"(?:the|van|von|de|del|della|di|da|du|la|le)\s+[A-Z]", phrase))) \
        and _title_case(phrase, stray=2)


@lru_cache(maxsize=4096)
def is_party(phrase: str | None) -> bool:
    """An office, a person named in Title Case ("Mr. John P. Davies, Jr., of the Policy …"), or a
    body named by its article and capitalised words ("the Nation", "the Bohemian Club")."""
    if not phrase:
        return False
    if is_office_phrase(phrase) or (_title_case(phrase) and _person_name(phrase) is not None):
        return True
    return bool(re.fullmatch(r"the\s+(?:[A-Z][\w'’.-]*\s*){1,6}", phrase.strip(" ,.")))


def _split_to(text: str, fallback: bool = False, named: bool = False) -> tuple[str, str | None]:
    """Sender and recipient phrases of "X to Y". In a heading that must name both (no document
    type before it: ``fallback``), a " to " after an office word ("The Prime Minister to …")
    turns when nothing else does and an office or a titled person follows ("… to the High
    Commissioner", "… to Mr Bruce"; not "the Ambassador to Japan")."""
    turn = split_point(text)
    if turn is None and fallback:
        last = split_point(text, fallback=True)
        if last is not None:
            before, after = text[:last[0]], text[last[1]:].strip(" ,.")
            one_side = bool(_BRACKETED_NAME.search(after)) and not _BRACKETED_NAME.search(before) and not named
            if (is_office_phrase(after) or _patterns().name_title.match(after)) and not one_side:
                turn = last  # not "the Political Adviser to the United States Delegation (Nufer)"
    if turn is None:
        return text.strip(" ,."), None
    at, end = turn
    return text[:at].strip(" ,"), text[end:].strip(" ,.")


def _document_type(text: str, loose: bool = False) -> tuple[str | None, str | None, bool]:
    """A heading's document type, its author part and whether the part names a conversation's
    two sides: "Memorandum of Conversation, by the …" → (memorandum, "the …", False); "Telegram
    From X to Y" → (telegram, "X to Y", False); "Memorandum of a Conversation Between X and Y"
    → (memorandum, "X and Y", True); "Report to the National Security Council by the Executive
    Secretary (Lay)" → (report, "the Executive Secretary (Lay) to the National Security
    Council", False); "Remarks by President Nixon" → (other, "President Nixon", False): a kind the
    tables do not know, in a few capitalised words, read only in a heading known by its place
    (``loose``); "Editorial Note" → ("editorial note", "", False). (None, None, False) when it
    names no document."""
    r = rules()
    for author in _author_turns(text):
        doc, word = author.group("doc"), fold(author.group("word"))
        if word in r["with_words"] and not names_a_conversation(doc):
            continue  # "with" names a side only after a conversation
        kind = heading_type(doc)[0] or type_in(doc)
        if not kind and loose and re.fullmatch(r"[A-Z][\w'’-]*(?:\s+(?:of|on|for|the|[A-Z][\w'’-]*)){0,4}", doc) \
                and not _BRACKETED_NAME.search(doc):
            kind = "other"  # "Remarks by …", "Address by …", "White House Background Press Briefing by …"
        if kind and doc[:1].isupper() and _title_case(doc, stray=1) and not re.match(r"(?:The|A|An)\s", doc):
            rest = author.group("author")
            addressed = re.match(r"(?P<kind>.*?)\s+to\s+(?P<to>.+)$", doc)
            if addressed and word not in r["between_words"] and heading_type(addressed.group("kind"))[0]:
                rest = f"{rest} to {addressed.group('to')}"  # "Report to X by Y"
            return kind, rest, word in r["between_words"]
    kind, end = heading_type(text)
    if kind:
        rest = text[end:]
        if re.match(r"\s+to\s", rest):  # "Letter to the Secretary of State": a recipient only
            return kind, None, False
        of = re.match(r"\s+of\s+(?P<party>(?:the\s)?[A-Z].*\(\s*[A-Z][^()]*\).*)$", rest)
        if of:  # "Report of the President’s Special Assistant (Stassen) to the National Security Council"
            return kind, of.group("party"), False
        return kind, "", False
    return None, None, False


def names_a_conversation(heading: str) -> bool:
    """Does a heading name a conversation, a meeting or a conference?"""
    return bool(re.search(rf"(?i)\b(?:{_alternation(rules()['conversation_words'])})\b", heading))


def _author_turns(text: str) -> list[re.Match[str]]:
    """The readings "<document> by|from <author>", then "<document> between|with <sides>", of a
    heading: "Memorandum of Conversation With the President, by the Secretary of State" is the
    Secretary's."""
    p = _patterns()
    return [match for match in (p.author_by.match(text), p.author.match(text)) if match]


_SENTENCE_TURN = re.compile(r"(?:\b(?!(?:Mr|Mrs|Ms|Dr|No|Nos|St|Jr|Sr|Gen|Col|Capt|Adm|Lt|Ltd|Co|Amb|Sen|Rep|Dept|Gov|"
                            r"Prof|Rev|Hon|Messrs|Maj|Sgt|Cmdr|Inc|Corp|Bros|Vol|Govt|Esq)\.)\w{2,}|\))\.\s+[A-Z][a-z]")
_NOTE_LINE_START = re.compile(r"^\d+\s+\S")  # "2 F. K. Officer, Australian Counsellor …": an edition's note


def is_heading(line: str) -> bool:
    """A heading on its own: one that names a side, or only its type in Title Case ("Editorial
    Note", "Memorandum for the Record")."""
    numbered = re.sub(r"^\d+[A-Za-z]?\.\s+", "", line)  # "467. The Ambassador …": the edition's number first
    if len(line) > rules()["max_heading_chars"] or not numbered[:1].isupper() or _NOTE_LINE_START.match(line):
        return False
    if line.rstrip().endswith(".") and not (heading_dateline(line) or re.search(r"(?:\b[A-Z]|Jr|Sr)\.$", line)):
        return False  # a sentence (a note's last line), unless it ends with its date or a name
    if _SENTENCE_TURN.search(numbered):
        return False  # "Paragraph 5(a). In regard to …": a paragraph's line
    if numbered.isupper():
        return False  # "IMMEDIATE PERSONAL FOR EVATT FROM BRUCE", "STATEMENT 'A'": an opener, a section
    parts = parse_heading(line)
    if parts.sender or parts.recipient:
        return True
    if not parts.type or len(line.split()) < 2:
        return False
    return _title_case(_without_date(line)[0])


def heading_dateline(heading: str) -> Dateline | None:
    """The date and place a heading carries at its end: "Memorandum of a Conversation, Department
    of State, Washington, March 3, 1955, 3:32 p.m." → Washington, 1955-03-03."""
    text = _NOTE_REFERENCE.sub("", clean_line(heading))
    dates = _day_dates(text)
    if not dates:
        return None
    date = dates[-1]
    before = re.sub(r"[\s,]*$", "", text[:date.start])
    pieces = [piece.strip() for piece in before.split(",")]
    place = None
    if len(pieces) > 1 and _looks_like_place(pieces[-1]) and not _has_office_word(pieces[-1].split()) \
            and not _patterns().type_anywhere.search(pieces[-1]):
        place = _place(pieces[-1])[0]
    return Dateline(place, False, date.iso, _time_after(text[date.end:]), None)


# --------------------------------------------------------------------------------------------
# Datelines and document-type lines


@dataclass(slots=True)
class Dateline:
    place: str | None = None
    place_supplied: bool = False
    date: str | None = None
    time: str | None = None
    received: str | None = None
    undated: bool = False
    pieces: int = 1  # the comma-separated pieces before the date ("Department of State, Washington": 2)
    month_day: tuple[int, int] | None = None  # "Washington, October 16, 9:09 p.m.": a date without its year


def _time_after(text: str) -> str | None:
    """"—noon", "—6 p. m.", ", 5.51 p.m.", "—2:26 p.m.", ", [1.45 a.m.]" → "12:00", "18:00",
    "17:51", "14:26", "01:45"."""
    zulu = re.match(r"^\s*[—–,-]?\s*(?P<h>[0-2]\d)(?P<m>[0-5]\d)Z\b", text)  # "1054Z": the cable's GMT
    if zulu and int(zulu.group("h")) < 24:
        return f"{zulu.group('h')}:{zulu.group('m')}"
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
    """The place before a dateline's date: "[ Washington ,]" → ("Washington", supplied); "TOKYO"
    → "Tokyo"; "HOBCAW [1]" → "Hobcaw"."""
    prefix = _NOTE_REFERENCE.sub("", prefix)
    supplied = "[" in prefix
    place = re.sub(r"[\[\]?<>]", " ", prefix).strip(" ,.;:")  # "[Washington?,": editors' marks
    place = " ".join(place.split())
    if not place:
        return None, False
    if place.isupper() and len(place) > 3:  # telegram style: "TOKYO", "SAN FRANCISCO"
        place = " ".join(w.capitalize() for w in place.split())
    return place, supplied


def _looks_like_place(prefix: str) -> bool:
    """At most five capitalised words (connectives allowed inside), no digits, starting with a
    capital or a bracket, naming no document ("Memorandum of a Conversation, Jidda" is none)."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", prefix)
    stripped = prefix.strip(" ,[")
    if re.search(r"[·•|@#*=+]", prefix):
        return False  # "Joshua Botts · ": a byline
    return len(words) <= 5 and all(w[0].isupper() or w in _patterns().connectives or re.match(r"[dl]['’]", w)
                                   for w in words) \
        and not re.search(r"\d", _NOTE_REFERENCE.sub("", prefix)) and (not words or stripped[:1].isupper()) \
        and not _patterns().type_anywhere.search(prefix)


def read_dateline(line: str) -> Dateline | None:
    """A dateline: an optional place (possibly bracketed), then a day date or "undated"
    ("n.d. [c. 6 March 1937]" is undated: the editors' estimate is no date). A reference code may
    stand before the place ("OCI No. 2057/64 Washington, December 2, 1964"); a date of a month
    only ("Washington, January 1963.") gives the place and no date."""
    r, p = rules(), _patterns()
    if len(line) > r["max_dateline_chars"] or not (re.search(r"\d", line) or p.undated.search(line)):
        return None
    received = p.received.search(line)
    main = line[:received.start()] if received else line
    main = main.replace("(?)", "")  # "[LONDON, 22(?) May 1944]": the editors' doubt
    undated = p.undated.search(main)
    year = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", main)
    found = find_dates(main, context_year=int(year.group()) if year else None)
    dates = [d for d in found if d.precision == "day" and d.iso]
    if dates and not (undated and undated.start() < dates[0].start):
        date = dates[0]
        prefix, after = main[:date.start], main[date.end:]
        iso, time = date.iso, _time_after(after)
    elif undated:
        prefix, iso, time = main[:undated.start()], None, None
    else:
        prefix, iso, time = _day_comma_month(main)
        partial = next((d for d in found if d.precision == "day" and not d.iso), None) if prefix is None else None
        if partial is not None:
            return _dateline_without_year(main, partial, received)
        if prefix is None:
            month = next((d for d in found if d.precision == "month" and d.iso and not main[d.end:].strip(" .,;")),
                         None)
            if month is None or not main[:month.start].strip(" ,["):
                return None
            prefix, iso, time = main[:month.start], None, None  # "Washington, January 1963."
    prefix = _REFERENCE_CODE.sub("", prefix)
    place_like = _looks_like_place(prefix) or _EDITORS_PLACE.fullmatch(prefix.strip())
    if len(prefix) > r["max_place_chars"] or not place_like:
        return None
    place, supplied = _place(_first_place(prefix))
    pieces = len([piece for piece in prefix.strip(" ,").split(",") if re.search(r"[^\W\d_]", piece)])
    return Dateline(place, supplied, iso, time, received.group().strip() if received else None,
                    iso is None and bool(undated), max(pieces, 1))


# "OCI No. 2057/64 ", "SecDel/MC/79 ": a document's reference code before its place
_REFERENCE_CODE = re.compile(r"^(?:[A-Z][\w/.-]*\s+)*?(?:No\.\s*)?[\w/.-]*\d[\w/.-]*\s+(?=[A-Z\[])")
_EDITORS_PLACE = re.compile(r"\[[^\[\]]{3,40}\],?")  # "[place not declassified],"


def _first_place(prefix: str) -> str:
    """The place of "Department of State, Washington" or "Secretary’s Office, Hotel du Rhone,
    Geneva": its pieces that name no office ("Washington"; "Camp David, Maryland" stays whole)."""
    pieces = [piece for piece in re.split(r",\s*", prefix.strip(" ,")) if re.search(r"[^\W\d_]", piece)]
    if len(pieces) < 2:
        return prefix
    kept = [piece for piece in pieces if not _has_office_word(piece.strip("[] ").split())]
    place = ", ".join(kept or pieces)
    bracket = "[" if "[" in prefix and "[" not in place else ""
    return bracket + place


def _dateline_without_year(main: str, partial: Any, received: re.Match[str] | None) -> Dateline | None:
    """"Washington, October 16, 9:09 p.m.": the place and the day, the year left to the report's
    own file number (:func:`complete_date`)."""
    month_day = _month_day(main[partial.start:partial.end])
    prefix = _REFERENCE_CODE.sub("", main[:partial.start])
    after = main[partial.end:]
    if not month_day or len(prefix) > rules()["max_place_chars"] or not _looks_like_place(prefix):
        return None
    if not re.fullmatch(r"[\s,.;—–-]*(?:\d{1,2}(?::\d{2})?\s*[ap]\.\s?m\.?|noon|midnight)?[\s.]*", after, re.I):
        return None
    place, supplied = _place(_first_place(prefix))
    return Dateline(place, supplied, None, _time_after(after), received.group().strip() if received else None,
                    False, 1, month_day)


def _month_day(text: str) -> tuple[int, int] | None:
    """"October 16" → (10, 16), read by the date finder in a year it cannot miss."""
    dates = _day_dates(f"{text}, 2000")
    return (int(dates[0].iso[5:7]), int(dates[0].iso[8:10])) if dates else None


def year_from_source(text: str) -> int | None:
    """The year a State Department decimal file number dates a document to ("Central Files,
    303/10-1661" → 1961): the report's own source note, never a neighbour's."""
    match = re.search(r"\b\d{3}[0-9A-Z]*\.?[\w-]*/\s?\d{1,2}\s?[–-]\s?\d{1,2}(\d{2})\b", text)
    return 1900 + int(match.group(1)) if match else None


def complete_date(dateline: Dateline, year: int | None) -> None:
    """A dateline without its year takes the year of the report's own file number."""
    if dateline.date is None and dateline.month_day and year:
        month, day = dateline.month_day
        found = [d for d in find_dates(f"{day} {_MONTHS[month - 1]} {year}") if d.iso]
        dateline.date = found[0].iso if found else None


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def _day_comma_month(text: str) -> tuple[str | None, str | None, str | None]:
    """"LONDON, 22, November 1937, 6.00 p.m.", "Rome, October, 14, 1965.": a stray comma in the
    date."""
    match = re.search(r"(?<!\d)(\d{1,2}),\s+([A-Z][a-z]+ \d{4})", text)
    if not match:
        swapped = re.search(r"\b([A-Z][a-z]+),\s+(\d{1,2}),\s+(\d{4})", text)
        if not swapped:
            return None, None, None
        dates = _day_dates(f"{swapped.group(2)} {swapped.group(1)} {swapped.group(3)}")
        if not dates:
            return None, None, None
        return text[:swapped.start()], dates[0].iso, _time_after(text[swapped.end():])
    dates = _day_dates(f"{match.group(1)} {match.group(2)}")
    if not dates:
        return None, None, None
    return text[:match.start()], dates[0].iso, _time_after(text[match.end():])


@dataclass(slots=True)
class TypeLine:
    """A document-type line: "Cablegram 99 WASHINGTON, 7 February 1941, 5.51 p.m."."""

    type: str | None  # None: a kind the tables do not know ("Agendum"): written `other`
    kind: str  # as printed
    number: str | None
    dateline: Dateline | None


_NUMBER = re.compile(r"^(?:No\.?\s*|№\s*|#\s*)?(?P<number>\d+\s+and\s+\d+|"
                     r"(?:[A-Z][a-z]+\s+(?=\[?\d)|[A-Z]{2}\s+(?=\d))?"  # "Johcu 86", "Financial 35", "CS 2684"
                     r"(?:\[?[A-Z]{0,4}\]?-?\d[\w/.\-\[\]]*|\[[A-Z]*\d[\dA-Z]*\][\w/.\-\[\]]*))(?=[\s,]|$)")
_KIND_WORD = r"[A-Z][\w'’-]*|[a-z][\w'’-]*"


def read_type_line(line: str) -> TypeLine | None:
    """A line that names its document's kind and dates it: "Telegram 1234 TOKYO, September 8,
    1939—noon [Received …]", "Cablegram unnumbered 15 June 1939,", "Letter LONDON, 3 March 1940",
    "Dispatch 12/40 TOKYO, 20 May 1940", "Memorandum CANBERRA, undated", "Letter (air mail),
    BATAVIA, 30 December 1937", "CANBERRA, 13 December 1941 Cablegram 153". A kind the tables do
    not know ("Agendum 669B CANBERRA, …", "Teleprinter message unnumbered …") is read when a
    number, "unnumbered" or a place in capitals follows it, then a dated dateline."""
    r = rules()
    line = line.strip()
    if not line or len(line) > r["max_dateline_chars"]:
        return None
    if not line[:1].isupper() and not line[:1] == "[" and not re.match(r"[a-z]+\s+[A-Z]", line):
        return None  # "telegram, No. 122[A]. [2]": a line of a paragraph ("circular Cablegram D1082 …" is one)
    known = _kind_at_start(line)
    if known is None:
        words = re.match(rf"(?:{_KIND_WORD})(?:\s+(?:{_KIND_WORD})){{0,{r['max_unknown_kind_words'] - 1}}}(?=\s)", line)
        if not words or not line[0].isupper() or words.group().isupper() or _is_unknown_kind_excluded(words.group()):
            return _type_after_dateline(line)
        found = _read_after_kind(line[words.end():], None, words.group())
        if found is None or found.dateline is None or (found.dateline.date is None and not found.dateline.undated):
            return _type_after_dateline(line)
        after = line[words.end():].lstrip()
        if not (found.number or _patterns().unnumbered.match(after) or after[:1] == "[" or
                re.match(r"[A-Z][A-Z .'-]{2,}\b", after)):
            return _type_after_dateline(line)
        return found
    return _read_after_kind(line[len(known[0]):], known[1], known[0]) or _type_after_dateline(line)


def _is_unknown_kind_excluded(words: str) -> bool:
    """Words that never name an unknown kind: an edition's number word, an opener ("Secret")."""
    r, p = rules(), _patterns()
    first = fold(words.split()[0].strip("."))
    notes = {fold(w) for w in r["type_line_notes"]}
    return first in {fold(w.strip(".")) for w in r["edition_words"]} or all(
        fold(w) in p.opener_words and fold(w) not in notes for w in words.split())


def _read_after_kind(rest: str, kind: str | None, kind_text: str) -> TypeLine | None:
    """The number, notes and dateline after a type line's kind."""
    if re.match(r"\s*(?:from|by|between|to|of|for|on)\s", rest, re.I):
        return None  # "Memorandum From Secretary Laird to …": a heading
    rest = _without_notes(rest)  # "Cablegram (secret and personal) unnumbered …"
    number, rest = _type_line_number(rest)
    rest = _without_notes(rest)  # "(extract)", "(air mail)," and note markers before the dateline
    rest = rest.strip(" ,")
    dateline = read_dateline(rest) if rest else None
    words = rest.split()
    if rest and dateline is None and kind is not None and len(words) > 1 and re.fullmatch(r"[a-z]{1,4}", words[0]):
        dateline = read_dateline(rest.split(None, 1)[1])  # "Cablegram log LONDON, …": a number misprinted
        if dateline is not None and not words[1].strip("[],").isupper():
            dateline = None
    if rest and dateline is None:
        return _typeline(kind, kind_text, number, None) if kind is not None and _only_notes(rest) else None
    if dateline is not None and dateline.pieces > 1:
        return None  # "Memorandum of a Conversation, Department of State, Washington, …": a heading
    if kind is not None and not (number or dateline):
        return None
    return _typeline(kind, kind_text, number, dateline)


def _without_notes(rest: str) -> str:
    """A type line's rest without the notes that open it: "(extract)", "[1]"."""
    rest = rest.strip()
    while True:
        note = _patterns().type_note.match(rest) or re.match(r"^\[\d{1,2}\]", rest)
        if not note:
            return rest
        rest = rest[note.end():].lstrip(" ,")


def _typeline(kind: str | None, kind_text: str, number: str | None, dateline: Dateline | None) -> TypeLine:
    return TypeLine(kind, kind_text.strip(), number, dateline)


def _only_notes(rest: str) -> bool:
    return not re.sub(r"\[\d{1,2}\]|\([^)]*\)|[\s,.]", "", rest)


def _kind_at_start(line: str) -> tuple[str, str | None] | None:
    """(the kind as printed, its type) when the line opens with a known kind: a telegram word,
    or any document type with its modifiers ("Circular cablegram", "Draft Cablegram")."""
    p = _patterns()
    match = p.telegram.match(line)
    if match:
        text = line[:match.end("type")]
        return text, p.types.get(fold(match.group("type")))
    kind, end = heading_type(line)
    if kind and (end == len(line) or not line[end].isalnum()):
        return line[:end], kind
    return None


def _type_line_number(rest: str) -> tuple[str | None, str]:
    """The document's own number after its kind ("99", "M304", "Johcu 86", "12/40", "[4] [1]" →
    "[4]"; "[1]" alone is a note marker; "unnumbered" is no number)."""
    p = _patterns()
    text = rest.lstrip(" .")
    if p.unnumbered.match(text):
        return None, text[p.unnumbered.match(text).end():]  # type: ignore[union-attr]
    match = _NUMBER.match(text)
    if not match:
        return None, rest
    number = match.group("number")
    after = text[match.end():]
    if number.count("[") != number.count("]"):
        return None, rest  # "[14 May 1943]": an editor's date, not a number
    if re.fullmatch(r"\[\d{1,2}\]", number) and not re.match(r"\s*\[\d{1,2}\]", after):
        return None, rest  # a note marker, not an editor's number
    if re.fullmatch(r"\d{1,2}", number) and re.match(r"\s+[A-Z][a-z]+\s+\d{4}", after):
        return None, rest  # "Memorandum 3 May 1937": a day, not a number
    if re.fullmatch(r"\d{1,2}", number) and re.match(r",\s+\d{4}", after):
        return None, rest
    return number.strip(), after


def _type_after_dateline(line: str) -> TypeLine | None:
    """"CANBERRA, 13 December 1941 Cablegram 153": the kind and number after the date."""
    p = _patterns()
    for match in p.type_anywhere.finditer(line):
        if match.start() == 0:
            continue
        before = line[:match.start()].strip(" ,")
        dateline = read_dateline(before)
        if dateline is None or dateline.date is None:
            continue
        number, after = _type_line_number(line[match.end():])
        if _only_notes(after) or not after.strip():
            return TypeLine(p.types.get(fold(match.group())), match.group(), number, dateline)
    return None


# --------------------------------------------------------------------------------------------
# Openers, classification, source notes


def is_opener(line: str) -> bool:
    """"Confidential", "Top Secret Priority", "Personal and Secret", "No. 11"."""
    p = _patterns()
    if p.own_number.match(line):
        return True
    words = re.findall(r"[^\W\d_][\w.-]*", line.casefold())
    return bool(words) and len(words) <= 8 and not re.search(r"\d", line) \
        and all(fold(w.strip(".")) in p.opener_words for w in words)


def classification(lines: list[str], *, anywhere: bool = False) -> str | None:
    """The classification the first of some lines opens with ("Top Secret", "Secret;
    Priority."), lower case; ``anywhere`` in the line ("Personal and Secret", an opener)."""
    p = _patterns()
    for line in lines:
        text = line.strip()
        match = p.classification.search(text) if anywhere else p.classification.match(text)
        if match:
            return " ".join(match.group().casefold().split())
    return None


def own_number(line: str) -> str | None:
    """A report's own number on an opener line ("No. 11", "Despatch No. 50")."""
    p = _patterns()
    match = p.own_number.match(line) or p.edition.match(line)
    return match.group("number") if match else None


def edition_number(line: str) -> str | None:
    match = _patterns().edition.match(line)
    return match.group("number") if match else None


def is_source_note(line: str) -> bool:
    """A file note ("894.628/1–1949: Telegram", "Dulles files, lot 54 D 423") or a source note of
    any length ("Source: Department of State, Central Files, …")."""
    p = _patterns()
    return bool(p.file_number.match(line) or p.source_opener.match(line))


def is_other_source(line: str) -> bool:
    """A file note that is not a decimal file number ("Dulles files, lot 54 D 423, “China”")."""
    short = len(line) <= rules()["max_note_chars"] and not line.endswith(".")
    return short and line[:1].isupper() and bool(_patterns().source_words.search(line))


def source_note_type(line: str) -> str | None:
    """The type a file note's suffix names ("…/1–1949: Circular airgram" → airgram)."""
    if _patterns().source_opener.match(line):
        return None
    suffix = re.search(r":\s*([^:]+)$", line)
    return type_in(suffix.group(1)) if suffix else None


def is_enclosure_line(line: str) -> bool:
    """"Enclosure", "[Enclosure—Copy]", "Attachment", "Tab A": what stands before a document
    enclosed in the one before it."""
    return bool(re.fullmatch(rf"\[?\s*(?:{_alternation(rules()['enclosure_words'])})\b[^\]]{{0,30}}\]?\.?:?",
                             line.strip(), re.I))


def source_sentences(source_note: str | None) -> list[str]:
    """The sentences after the file number of a newer volume's source note ("Source: …,
    611.94/1–251. Secret; Priority."), where the classification is printed."""
    return re.split(r"(?<=[.;])\s+", source_note.strip("[] "))[1:] if source_note else []


def participants(lines: list[str]) -> tuple[list[str], list[str]] | None:
    """The two sides of a conversation from its list of participants, the lines after
    "PARTICIPANTS" (a side's label — "United States", "UK", "Germans" — starts a side; without
    labels the first participant is one side, the others the other): ([entries of the first side],
    [entries of the others]); None when the lines hold no such list. An empty line stands for a
    blank one, which ends the list."""
    groups: list[list[str]] = [[]]
    for kind, text in _participant_lines(lines):
        if kind == "label":
            groups.append([]) if groups[-1] else None
        else:
            groups[-1].append(text)
    groups = [group for group in groups if group]
    if not groups:
        return None
    if len(groups) == 1:
        return groups[0][:1], groups[0][1:]
    return groups[0], [entry for group in groups[1:] for entry in group]


def participant_groups(lines: list[str]) -> list[tuple[str, str]]:
    """The participants of a list, as (label, entry): the label of the line that opens their
    group ("US:", "Israel"), or their own ("Sir Pierson Dixon—UK"); "" for a participant under no
    label (whose entry may still say whose they are: "Mark Chona, Assistant to the President of
    Zambia")."""
    found, label = [], None
    for kind, text in _participant_lines(lines):
        if kind == "label":
            label = text.strip(" :")
            continue
        after = re.search(r"\s*[—–]\s*(?P<label>[^—–]{2,30})$", text)
        if after and _is_side_label(after.group("label")):
            found.append((after.group("label").strip(" :"), text[:after.start()]))
        else:
            found.append((label or "", text))
    return found


def _participant_lines(lines: list[str]) -> Iterator[tuple[str, str]]:
    """The list of participants the lines hold, line by line: ("label", a side's label) or
    ("entry", a participant without an office's prefix: "NEA—Mr. Berry" → "Mr. Berry")."""
    r = rules()
    words = {fold(w) for w in r["participants_words"]}
    stops = {fold(w) for w in r["participants_stop"]}
    for k, line in enumerate(lines):
        head = re.match(r"^(?P<word>[^\W\d]+:?)\s*(?P<rest>.*)$", line.strip())
        if not (head and fold(head.group("word")) in words and (not head.group("rest") or ":" in head.group("word"))):
            continue
        begun = False
        for entry in [head.group("rest"), *lines[k + 1:]]:
            entry = entry.strip()
            if not entry:  # a blank line ends the list once it has begun
                if begun:
                    return
                continue
            if fold(entry) in stops or len(entry) > 120 or (entry.endswith(".") and len(entry.split()) > 8):
                return
            if _is_side_label(entry):
                yield "label", entry
                continue
            label = re.match(r"^(?P<label>[^—–]{2,30}?)\s*[—–]\s*(?=\S)", entry)  # "NEA—Mr. Berry", "Canada—…"
            if label and (_is_side_label(label.group("label")) or re.fullmatch(r"[A-Z/]{2,}", label.group("label"))):
                entry = entry[label.end():]
            begun = True
            yield "entry", entry.strip(" .;")
        return


def _is_side_label(entry: str) -> bool:
    """"United States", "U.S. Side", "Germans", "Department of State": a side of a conversation."""
    text = fold(entry.strip(" :"))
    if text in {fold(w) for w in rules()["participant_groups"]}:
        return True
    stripped = re.sub(r"\s+(?:side|delegation|group|participants)$", "", text)
    if adjective_sides().get(stripped) and len(stripped.split()) <= 4 or state_sides().get(stripped):
        return True  # "Soviet Side", "Federal Republic of Germany"
    words = entry.strip(" :").split()  # "Israel", "Spain", "Saudi Arabia": a country's name alone
    return 1 <= len(words) <= 2 and all(re.fullmatch(r"[A-Z][a-z]+", w) for w in words) and \
        not _has_office_word(words) and not _patterns().name_title.match(entry) and words[0] != "The"


def is_salutation(line: str) -> bool:
    """"My dear Mr. Secretary:", "Dear General MacArthur:", "Sir:": a letter's first words."""
    return bool(_patterns().salutation.match(line))


def received_line(line: str) -> bool:
    return bool(_patterns().received.fullmatch(line))


# --------------------------------------------------------------------------------------------
# Line kinds

EDITION, SOURCE, HEADING, TELEGRAM, DATELINE, RECEIVED, OPENER, TITLE = (
    "edition", "source", "heading", "telegram", "dateline", "received", "opener", "title")


def line_kind(line: str) -> str | None:
    """What header line a (cleaned) line is on its own, or None."""
    if not line:
        return None
    if _patterns().edition.match(line):
        return EDITION
    if is_source_note(line):
        return SOURCE
    if read_type_line(line):
        return TELEGRAM
    if received_line(line):
        return RECEIVED
    if read_dateline(line):
        return DATELINE
    if is_opener(line):
        return OPENER
    if is_heading(line):
        return HEADING
    return None


def is_title(line: str) -> bool:
    """A line that may be a heading when a dateline or type line follows it: short, opening with
    a capital, not a sentence ("Bruce to Curtin", "Operations Coordinating Board Report")."""
    text = line.strip()
    if not text or len(text) > rules()["max_heading_chars"] or not text[0].isupper():
        return False
    if re.search(r"[:;]$", text) or re.search(r"[.!?]$", text) and not re.search(r"(?:\b[A-Z]|Jr|Sr)\.$", text):
        return False
    return _title_case(text, stray=3)


def header_fields(lines: list[tuple[str, str | None]]) -> dict[str, Any]:
    """Report fields from a header's lines, each (cleaned text, kind): type, numbers, place,
    date, time, classification, heading, sender, recipient, their roles and sides, the source
    note, "[Received …]". Fields the lines do not give are left out; ``undated`` says the header
    says so."""
    out: dict[str, Any] = {}
    dateline: Dateline | None = None
    types: dict[str, str] = {}  # where the type was read → type
    heading: str | None = None
    for text, kind in lines:
        if kind == EDITION and "number" not in out:
            out["number"] = edition_number(text)
        elif kind == SOURCE and "source_note" not in out:
            out["source_note"] = text
            types.setdefault("source", source_note_type(text) or "")
            found = classification(source_sentences(text))  # "Source: …, 611.94/1–251. Secret; Priority."
            if found and "classification" not in out:
                out["classification"] = found
        elif kind in (HEADING, TITLE) and heading is None:
            heading = text
            out["heading"] = text
            _heading_fields(parse_heading(text, loose=True), out, types)
        elif kind == TELEGRAM:
            typeline = read_type_line(text)
            if typeline:
                types.setdefault("telegram", typeline.type or ("" if typeline.kind.casefold().startswith(
                    ("extract",)) else "other"))
                if typeline.number:
                    out.setdefault("own_number", typeline.number)
                dateline = dateline or typeline.dateline
        elif kind == DATELINE:
            dateline = dateline or read_dateline(text)
        elif kind == RECEIVED:
            out.setdefault("received", text)
        elif kind == OPENER:
            number = own_number(text)
            if number:
                out.setdefault("own_number", number)
            found = classification([text], anywhere=True)
            if found and "classification" not in out:
                out["classification"] = found
    if dateline is None and heading:
        dateline = heading_dateline(heading)
    if dateline:
        out.update(place=dateline.place, place_supplied=dateline.place_supplied, date=dateline.date,
                   time=dateline.time)
        if dateline.received:
            out.setdefault("received", dateline.received)
        if dateline.undated:
            out["undated"] = True
        if dateline.month_day and not dateline.date:
            out["month_day"] = dateline.month_day  # the year is the report's own file number's
    kind = types.get("heading") if is_editorial(types.get("heading")) else None
    kind = kind or types.get("telegram") or types.get("source") or types.get("heading")
    if kind == "other" and types.get("heading"):
        kind = types["heading"]
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
