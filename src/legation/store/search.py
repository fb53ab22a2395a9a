"""Full-text search over the store: SQLite FTS5 indexes of quotations and documents.

The indexes are external-content tables over ``quotes.text`` and ``sources.text`` (a document's
whole text: its body, its notes and its reference list, so "0146" finds the notes citing fond
0146), so the text is not stored twice. Case and diacritics are folded (``remove_diacritics 2``);
a word that is a known person's name form (the authority in force: "Сметанин") is looked for
under every form of that person's name ("Smetanin" too). They are part of the store's schema and kept up to date as documents are
stored (``index_source`` and ``unindex_sources``, inside the store's own transaction), so a
reader never has to build them; ``rebuild_index`` builds them whole, once, when an older store is
migrated.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from legation.store.queries import CHANGES, Order, fetch, named, scalar, sorted_queries

if TYPE_CHECKING:
    from legation.store.sqlite import Store

# snippet() marks the matched words with these; they cannot occur in a stored text, so the
# caller can escape the snippet and then turn them into markup
MATCH_OPEN, MATCH_CLOSE = "\x02", "\x03"
SNIPPET_TOKENS = 24
CONTEXT_CHARS = 100  # of the body on either side of a quotation found
# words of a query: letters and digits of any script; everything else (FTS5 operators, quotes,
# brackets) is a separator, so no user input is ever read as FTS5 syntax
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12

INDEX_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS search_quotes USING fts5(
    text, content='quotes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS search_texts USING fts5(
    text, content='sources', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
"""


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # "quote" | "document"
    source_id: str
    path: str
    snippet: str  # context, the matched words between MATCH_OPEN and MATCH_CLOSE
    seq: int | None = None  # the quote's seq in its source
    start: int | None = None  # the quote's offsets into the source's body
    end: int | None = None
    speaker: str | None = None  # the speaker's person id, when a person
    speaker_name: str | None = None  # a person's or an organisation's name
    before: str = ""  # a quote's context: the words of the body just before and after it
    after: str = ""
    heading: str | None = None  # a report's heading, else the work's title
    date: str | None = None  # a report's date, else the work's year


def store_stamp(store: "Store | sqlite3.Connection") -> str:
    """What the store holds, in one string: changes whenever a source is added, replaced or
    re-extracted (the count of changes the writer keeps in meta), read in one lookup."""
    return str(scalar(store, CHANGES))


INDEX_BODY = named("index_body", "INSERT INTO search_texts(rowid, text) SELECT rowid, text FROM sources WHERE id = ?")
INDEX_QUOTES = named("index_quotes", """
    INSERT INTO search_quotes(rowid, text) SELECT rowid, text FROM quotes WHERE source_id = ?""")
UNINDEX_BODY = named("unindex_body", """
    INSERT INTO search_texts(search_texts, rowid, text) SELECT 'delete', rowid, text FROM sources WHERE id = ?""")
UNINDEX_QUOTES = named("unindex_quotes", """
    INSERT INTO search_quotes(search_quotes, rowid, text) SELECT 'delete', rowid, text FROM quotes
    WHERE source_id = ?""")


def index_source(db: sqlite3.Connection, source_id: str) -> None:
    """Add a source just stored, and its quotations, to the indexes (in the caller's transaction)."""
    db.execute(INDEX_BODY.sql, (source_id,))
    db.execute(INDEX_QUOTES.sql, (source_id,))


def unindex_sources(db: sqlite3.Connection, source_ids: list[str]) -> None:
    """Take sources about to be deleted, and their quotations, out of the indexes: an
    external-content index must be told the old text (in the caller's transaction)."""
    for source_id in source_ids:
        db.execute(UNINDEX_BODY.sql, (source_id,))
        db.execute(UNINDEX_QUOTES.sql, (source_id,))


def rebuild_index(db: sqlite3.Connection) -> None:
    """Build both indexes whole from what the store holds (in the caller's transaction)."""
    db.execute("INSERT INTO search_quotes(search_quotes) VALUES ('rebuild')")
    db.execute("INSERT INTO search_texts(search_texts) VALUES ('rebuild')")


def match_expression(query: str) -> str | None:
    """The FTS5 expression for what a person typed: every word must occur (each quoted as a
    phrase, so no word is taken as an operator), a known person's name form under any of that
    person's forms; None when there is no word to look for."""
    words = _WORD.findall(query)[:MAX_WORDS]
    return " AND ".join(_any_form(word) for word in words) or None  # explicit: FTS5 joins no group implicitly


def _any_form(word: str) -> str:
    """'"Сметанин"', or '("Сметанин" OR "Smetanin" OR …)' for a form of a known person's name."""
    forms = [word, *name_forms(word)]
    phrases = list(dict.fromkeys('"' + " ".join(_WORD.findall(f)) + '"' for f in forms if _WORD.search(f)))
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"


def name_forms(word: str) -> list[str]:
    """The other written forms of the person a word names, family names only ("Сметанин" →
    "Smetanin"): the forms of one word, so that a search stays a search for that word."""
    from legation.lexicon.authority import authorities, lookup

    people = authorities().persons
    forms: list[str] = []
    for kind, person_id in lookup(word):
        record = people.get(person_id) if kind == "person" else None
        if record is not None:
            forms += [f for f in (record.family, record.name, *record.variants) if f and len(f.split()) == 1]
    return [f for f in dict.fromkeys(forms) if f.casefold() != word.casefold()]


# the orders of a search's hits, each kind's in turn (the quotations, then the documents): best first
# (FTS5's rank), by date (a document's: its report's, else its work's year), or in corpus order
HITS_IN_ORDER = Order("relevance")
QUOTE_HIT_SORTS = {"relevance": ("search_quotes.rank",), "date": ("q.date",), "document": ("s.path", "q.seq")}
DOCUMENT_HIT_SORTS = {"relevance": ("search_texts.rank",), "date": ("coalesce(r.date, CAST(w.year AS TEXT))",),
                      "document": ("s.path",)}
QUOTE_HITS = sorted_queries("search_quotes_page", f"""
    SELECT q.source_id, s.path, q.seq, q.start, q."end", p.id, coalesce(p.name, e.name, q.speaker_text),
           snippet(search_quotes, 0, :open, :close, '…', {SNIPPET_TOKENS}) AS snippet,
           substr(s.body, max(q.start - {CONTEXT_CHARS}, 0) + 1, min(q.start, {CONTEXT_CHARS})) AS before,
           substr(s.body, q."end" + 1, {CONTEXT_CHARS}) AS after
    FROM search_quotes JOIN quotes q ON q.rowid = search_quotes.rowid JOIN sources s ON s.id = q.source_id
    LEFT JOIN persons p ON p.source_id = q.source_id AND p.id = q.speaker
    LEFT JOIN entities e ON e.source_id = q.source_id AND e.id = q.speaker
    WHERE search_quotes MATCH :match ORDER BY {{order}} LIMIT :limit OFFSET :offset""",
                            QUOTE_HIT_SORTS, "s.path, q.seq")
QUOTE_HITS_COUNT = named("search_quotes_count", "SELECT count(*) FROM search_quotes WHERE search_quotes MATCH ?")
DOCUMENT_HITS = sorted_queries("search_texts_page", f"""
    SELECT s.id, s.path, snippet(search_texts, 0, :open, :close, '…', {SNIPPET_TOKENS}) AS snippet,
           coalesce(r.heading, w.title), coalesce(r.date, CAST(w.year AS TEXT))
    FROM search_texts JOIN sources s ON s.rowid = search_texts.rowid
    LEFT JOIN reports r ON r.source_id = s.id LEFT JOIN works w ON w.id = s.work_id
    WHERE search_texts MATCH :match ORDER BY {{order}} LIMIT :limit OFFSET :offset""",
                               DOCUMENT_HIT_SORTS, "s.path")
DOCUMENT_HITS_COUNT = named("search_texts_count", "SELECT count(*) FROM search_texts WHERE search_texts MATCH ?")


@dataclass(frozen=True, slots=True)
class Hits:
    """One page of a search: how many quotations and documents match in all, and the hits of
    the page (quotations first, best first, then documents, best first)."""

    quotes: int
    documents: int
    hits: list[Hit]

    @property
    def total(self) -> int:
        return self.quotes + self.documents


def search_page(store: "Store | sqlite3.Connection", query: str, limit: int = 50, offset: int = 0,
                order: Order = HITS_IN_ORDER) -> Hits:
    """Hits ``offset`` .. ``offset + limit`` of every quotation, then every document, that contains
    every word of ``query``, each kind in ``order`` (a key of QUOTE_HIT_SORTS and DOCUMENT_HIT_SORTS),
    with context; and how many there are of each."""
    expression = match_expression(query)
    if expression is None:
        return Hits(0, 0, [])
    quote_total = scalar(store, QUOTE_HITS_COUNT, (expression,))
    document_total = scalar(store, DOCUMENT_HITS_COUNT, (expression,))
    marks = {"open": MATCH_OPEN, "close": MATCH_CLOSE, "match": expression}
    hits: list[Hit] = []
    if offset < quote_total:
        rows = fetch(store, QUOTE_HITS[order], {**marks, "limit": limit, "offset": offset})
        hits += [Hit("quote", r[0], r[1], r[7], seq=r[2], start=r[3], end=r[4], speaker=r[5], speaker_name=r[6],
                     before=_words_before(r[8]), after=_words_after(r[9])) for r in rows]
    wanted = limit - len(hits)
    if wanted > 0 and document_total:
        rows = fetch(store, DOCUMENT_HITS[order], {**marks, "limit": wanted, "offset": max(offset - quote_total, 0)})
        hits += [Hit("document", r[0], r[1], r[2], heading=r[3], date=r[4]) for r in rows]
    return Hits(quote_total, document_total, hits)


def search(db: "Store | sqlite3.Connection", query: str, limit: int = 50) -> list[Hit]:
    """Quotations, then documents, that contain every word of ``query``, best first, with
    context: the first ``limit`` of each."""
    expression = match_expression(query)
    if expression is None:
        return []
    marks = {"open": MATCH_OPEN, "close": MATCH_CLOSE, "match": expression, "limit": limit, "offset": 0}
    quotes = fetch(db, QUOTE_HITS[HITS_IN_ORDER], marks)
    bodies = fetch(db, DOCUMENT_HITS[HITS_IN_ORDER], marks)
    return ([Hit("quote", r[0], r[1], r[7], seq=r[2], start=r[3], end=r[4], speaker=r[5], speaker_name=r[6],
                 before=_words_before(r[8]), after=_words_after(r[9])) for r in quotes]
            + [Hit("document", r[0], r[1], r[2], heading=r[3], date=r[4]) for r in bodies])


def _words_before(text: str) -> str:
    """The end of a stretch of text, from its first whole word, on one line."""
    text = text.rsplit("\n\n", 1)[-1]
    return text if len(text) < CONTEXT_CHARS else "…" + text.split(" ", 1)[-1]


def _words_after(text: str) -> str:
    text = text.split("\n\n", 1)[0]
    return text if len(text) < CONTEXT_CHARS else text.rsplit(" ", 1)[0] + "…"


def first_match(text: str, query: str) -> tuple[int, int] | None:
    """Where the first word of ``query`` first occurs in ``text`` as a whole word, case-blind: the
    place in a document a search hit links to."""
    words = _WORD.findall(query)
    if not words:
        return None
    forms = "|".join(re.escape(f) for f in (words[0], *name_forms(words[0])))
    found = re.search(rf"\b(?:{forms})\b", text, re.IGNORECASE)
    return (found.start(), found.end()) if found else None
