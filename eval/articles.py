"""The apparatus on real articles by other authors, against their hand-written gold.

Scores every article of ``../shared/data/articles/`` (``legation.devdata.shared_path("data",
"articles")``) that has a ``.gold.json``: the text and Markdown articles, and the TEI files in
``tei/`` (the ``frus-history-*`` TEI files share the gold of their text renderings, which lies
one folder up under the same stem; ``dhq-000041.xml`` has its own gold beside it). The measures
are those of GOLD-FORMAT.md, "How a reading is compared with the gold", per article and
micro-averaged (counts summed) over all:

- **notes P / notes R**: an output footnote counts when its number is a gold note's and its text
  agrees: ``difflib.SequenceMatcher`` ratio >= 0.8 between the first 80 characters of each,
  whitespace collapsed (nothing else is removed). One output note for one gold note.
- **kinds**: gold notes whose multiset of citation kinds equals the output's for that note (the
  citations of the output footnote matched above; a gold note not found has none). A
  commentary-only gold note must have no output citation (an ``other`` there is wrong).
- **archival**: each gold ``archival`` citation, and each ``ibid`` with levels, passes when one
  output citation of the same note, of kind ``archival`` or ``ibid`` (a resolved Ibid carries the
  fields it repeats), has
    * the gold archive: one of ``archive``, ``archive_id``, ``archive_name`` and the gold name
      contain one another as words (accents folded, case ignored); a gold archive ``null`` (the
      note names no repository) asks for nothing here;
    * every gold level value, normalised (lower case, dashes unified, spaces collapsed, trailing
      punctuation stripped), in a *container*: one of the output's level fields (the field of
      that name or any other string field except the bookkeeping ones in ``NOT_LEVELS``) or one
      element of ``path``. "In" means equal, or contained with word boundaries ("59" is in
      "rg 59", not in "590"). A container holding two or more of the citation's level values
      (values contained in another found value not counted apart) is an unparsed dump and counts
      for none. GOLD-FORMAT states this for ``path`` elements; it is applied to level fields as
      well, since a dump in one field is the same failure. ``text`` is never looked at.
- **back-refs**: each gold ``ibid`` and each ``published`` ``short``/``earlier_work`` form with
  ``repeats`` passes when an output citation of the same note whose span overlaps the gold
  citation's points at the gold's note (``refers_to["footnote"]``, or the ``footnote`` of the
  citation in ``resolved``) and, for an archival Ibid (gold with levels), passes the archival
  test above. The gold gives texts, not offsets: the gold citation's text is looked up in the
  output note's text (whitespace and the Markdown marks ``*`` ``_`` ignored between characters,
  searched after the previous gold citation of the note; else the longest common block of at
  least half its length), and overlap is then between offsets in the output note's text.
- **refs P / refs R**: a reference is known by its first author's family name (the part before
  the comma in the gold; ``family``, else ``literal``, in the output; the first editor when no
  author is given), accents folded, case and spacing ignored, and its year (the first four digits:
  "2017a" is 2017); matched one to one.
- **in-text**: each gold author–year citation passes when an output in-text citation overlaps
  its text in ``body`` (found as above, in order) and its ``reference`` is a Reference with the
  gold reference's first author and year (as for refs).
- **body**: every ``body_samples`` sentence is in the output ``body``, both whitespace-collapsed.

Kinds: legation's citation kinds are the gold's five (``archival``, ``published``,
``newspaper``, ``ibid``, ``other``), so ``KINDS`` maps them onto themselves. Its short forms,
op. cit. (``earlier_work``) and ders./он же (``same_author``) are ``published`` citations with a
``form``, like the gold's; its document series (FRUS, DVP, …) are ``published`` with a
``series``. Kinds legation might add later are mapped in ``KINDS`` too (``series``,
``document``, ``book``, ``article`` -> ``published``; ``op_cit``, ``short`` -> ``published``);
a kind not listed is kept as it is and so never equals a gold kind.

Reading: each file goes through ``legation.ingest.units.read_units`` and ``extract_unit`` (the
apparatus layer), as ``legation extract`` does. A file legation cannot read as one article (it
raises, yields only read errors, or reads it as a file of reports) scores 0 on every measure:
recall-type measures 0 of the gold count, and precision-type ones too (0 of the gold count, so
the failure weighs in the overall row); the reason is printed under the table.

    .venv/bin/python eval/articles.py [--corpus DIR ...] [--article NAME] [--show-errors] [--json]

Corpora: ``--corpus DIR`` (repeatable) names the folders to score, each laid out like the shared
one (articles and their gold, TEI files in ``tei/``). Without it: the shared corpus and the
in-repo ``eval/corpus/articles`` (more real articles, gold written the same way; see its
README.md), each when present. Articles of the shared corpus keep their names; those of any
other folder are named with that folder's path before theirs (``eval/corpus/articles/x.md``).
With more than one corpus the table adds an overall row for each before the overall of all.

``--article`` takes a name as the table shows it (``tei/dhq-000041.xml``), a file name, or a
stem (which may name both a text rendering and its TEI file). A default corpus that is not on
this machine is skipped, saying so; with none at all it prints why and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from legation.devdata import missing_reason, shared_path  # noqa: E402
from legation.ingest.units import Unit, read_units  # noqa: E402
from legation.model import Citation, Document, Footnote, Reference, Source  # noqa: E402
from legation.pipeline import extract_unit  # noqa: E402

ARTICLES = shared_path("data", "articles")
IN_REPO = REPO / "eval" / "corpus" / "articles"
ARTICLE_SUFFIXES = {".txt", ".md", ".xml"}
LAYERS = ("apparatus",)

NOTE_PREFIX = 80  # characters of a note compared
NOTE_SIMILARITY = 0.8
EXCERPT = 110  # characters of a text shown in --show-errors

KINDS = {
    "archival": "archival", "published": "published", "newspaper": "newspaper", "ibid": "ibid",
    "other": "other",
    "series": "published", "document": "published", "book": "published", "article": "published",
    "op_cit": "published", "short": "published",
}
BACK_REFERENCE_FORMS = ("short", "earlier_work")
# Output fields that are not hierarchy levels: names, bookkeeping, numbers derived from levels.
NOT_LEVELS = frozenset({
    "archive", "archive_id", "archive_name", "country", "scheme", "archive_implied", "source_type",
    "reason", "form", "back_reference", "refers_to", "resolved", "path", "verso",
    "folio_first", "folio_last", "page_first", "page_last",
})

DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
SPACES = re.compile(r"\s+")
TRAILING_PUNCTUATION = " .,;:"
YEAR = re.compile(r"[0-9]{4}")
WORD = re.compile(r"\w+")
MARKUP_BETWEEN = r"[\s*_]*"  # what may stand between two characters of a gold text in the output


# --- text helpers --------------------------------------------------------------------------

def collapse(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Accents dropped, case folded, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return collapse("".join(c for c in decomposed if not unicodedata.combining(c)).casefold())


def level_value(value: Any) -> str:
    """A level as GOLD-FORMAT compares it: lower case, dashes unified, spaces collapsed, no
    trailing punctuation."""
    return collapse(DASHES.sub("-", str(value).lower())).rstrip(TRAILING_PUNCTUATION)


def contains(container: str, value: str) -> bool:
    """``value`` in ``container`` as a whole: equal, or with no word character either side."""
    if not value:
        return False
    return container == value or re.search(rf"(?<!\w){re.escape(value)}(?!\w)", container) is not None


def excerpt(text: str | None, length: int = EXCERPT) -> str:
    text = collapse(text or "")
    return text if len(text) <= length else text[:length - 1] + "…"


def locate(needle: str, haystack: str, start: int = 0) -> tuple[int, int] | None:
    """Where ``needle`` stands in ``haystack`` (from ``start``, else anywhere), whitespace and
    Markdown emphasis ignored between characters; else its longest common block with
    ``haystack`` when that covers half of it."""
    chars = [c for c in needle if not c.isspace()]
    if not chars:
        return None
    pattern = re.compile(MARKUP_BETWEEN.join(re.escape(c) for c in chars))
    found = pattern.search(haystack, start) or pattern.search(haystack)
    if found:
        return found.span()
    block = SequenceMatcher(None, needle, haystack, autojunk=False).find_longest_match(
        0, len(needle), 0, len(haystack))
    if block.size * 2 < len(needle):
        return None
    begin = max(0, block.b - block.a)
    return begin, min(len(haystack), begin + len(needle))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- scores --------------------------------------------------------------------------------

@dataclass(slots=True)
class Score:
    correct: int = 0
    total: int = 0

    def count(self, ok: bool) -> bool:
        self.correct += ok
        self.total += 1
        return ok

    def add(self, other: Score) -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def cell(self) -> str:
        return "—" if not self.total else f"{self.value:.2f} ({self.correct}/{self.total})"

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "score": self.value}


@dataclass(slots=True)
class Failure:
    """One gold (or output) item a measure failed on, and what legation gave for it."""

    note: int | None
    item: str
    got: str

    def line(self) -> str:
        where = f"n. {self.note}: " if self.note is not None else ""
        return f"  {where}{self.item}\n      -> {self.got}"

    def to_dict(self) -> dict[str, Any]:
        return {"note": self.note, "gold": self.item, "output": self.got}


@dataclass(slots=True)
class Outcome:
    score: Score = field(default_factory=Score)
    failures: list[Failure] = field(default_factory=list)

    def judge(self, ok: bool, note: int | None, item: str, got: Callable[[], str]) -> None:
        if not self.score.count(ok):
            self.failures.append(Failure(note, item, got()))


# --- the gold and the output, side by side -------------------------------------------------

@dataclass(slots=True)
class Article:
    name: str  # as the table shows it: the path under the articles folder (with its prefix)
    path: Path
    gold_path: Path
    corpus: str = "shared"  # the corpus it belongs to, as the per-corpus overall rows name it

    def gold(self) -> dict[str, Any]:
        return json.loads(self.gold_path.read_text(encoding="utf-8"))


class Reading:
    """One article's gold and legation's Document, with the notes paired once for all measures."""

    def __init__(self, gold: dict[str, Any], doc: Document):
        self.gold, self.doc = gold, doc
        self.notes: list[dict[str, Any]] = gold["notes"]
        self.paired: dict[int, Footnote] = {}  # gold note index -> output footnote
        self.unpaired: list[Footnote] = []
        self._pair_notes()
        self.references: dict[str, Reference] = {ref.id: ref for ref in doc.references}

    def _pair_notes(self) -> None:
        free = list(self.doc.footnotes)
        for index, note in enumerate(self.notes):
            match = next((fn for fn in free if fn.number == note["number"] and notes_agree(note["text"], fn.text)),
                         None)
            if match is not None:
                self.paired[index] = match
                free.remove(match)
        self.unpaired = free

    def citations_of(self, footnote: Footnote | None) -> list[Citation]:
        """The output citations of one output note (by number; by place when numbers repeat)."""
        if footnote is None:
            return []
        same_number = [c for c in self.doc.citations if c.footnote == footnote.number]
        if sum(fn.number == footnote.number for fn in self.doc.footnotes) == 1:
            return same_number
        return [c for c in same_number if c.source_start is None
                or footnote.source_start <= c.source_start < footnote.source_end]

    def output_note(self, index: int) -> Footnote | None:
        return self.paired.get(index)

    def gold_citations(self) -> Iterator[tuple[int, dict[str, Any], int, dict[str, Any]]]:
        """(note index, note, citation index, citation) for every gold citation."""
        for index, note in enumerate(self.notes):
            for position, citation in enumerate(note["citations"]):
                yield index, note, position, citation

    def counterparts(self, index: int, position: int) -> list[Citation]:
        """Output citations of the note whose span overlaps the gold citation's."""
        footnote = self.output_note(index)
        if footnote is None:
            return []
        span = gold_citation_span(self.notes[index], position, footnote.text)
        if span is None:
            return []
        return [c for c in self.citations_of(footnote) if overlaps(span, (c.start, c.end))]


def notes_agree(gold_text: str, output_text: str) -> bool:
    a, b = collapse(gold_text)[:NOTE_PREFIX], collapse(output_text)[:NOTE_PREFIX]
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= NOTE_SIMILARITY


def gold_citation_span(note: dict[str, Any], position: int, output_text: str) -> tuple[int, int] | None:
    """The gold citation's span in the output note's text, found in order with the others."""
    start, span = 0, None
    for citation in note["citations"][:position + 1]:
        span = locate(citation["text"], output_text, start)
        if span is not None:
            start = span[0]
    return span


def output_kind(citation: Citation) -> str:
    return KINDS.get(citation.kind, citation.kind)


def describe(citation: Citation) -> str:
    """A citation as --show-errors prints it: kind, its telling fields, and its text."""
    shown = {k: v for k, v in citation.fields.items()
             if v not in (None, [], False, "") and k not in ("source_type", "country", "archive_name", "resolved",
                                                            "page_first", "page_last", "folio_first", "folio_last")}
    if citation.kind == "ibid":
        shown["resolved"] = target_note(citation)
    return f"{citation.kind} {json.dumps(shown, ensure_ascii=False, default=str)} «{excerpt(citation.text, 70)}»"


def describe_all(citations: list[Citation], none: str = "no output citation") -> str:
    return "; ".join(describe(c) for c in citations) if citations else none


# --- archival levels -----------------------------------------------------------------------

def gold_levels(citation: dict[str, Any]) -> list[str]:
    return [level_value(v) for v in (citation.get("levels") or {}).values() if v not in (None, "")]


def containers(citation: Citation) -> list[str]:
    """Where an output citation may hold a level: its level fields and its path's elements."""
    fields = citation.fields
    found = [level_value(v) for k, v in fields.items()
             if k not in NOT_LEVELS and isinstance(v, (str, int)) and not isinstance(v, bool)]
    return found + [level_value(element) for element in fields.get("path") or []]


def is_dump(container: str, values: list[str]) -> bool:
    """Whether ``container`` holds two or more of the values (not counting one inside another)."""
    inside = {v for v in values if contains(container, v)}
    outermost = {v for v in inside if not any(v != w and contains(w, v) for w in inside)}
    return len(outermost) >= 2


def levels_found(citation: Citation, values: list[str]) -> list[str]:
    usable = [c for c in containers(citation) if not is_dump(c, values)]
    return [v for v in values if any(contains(c, v) for c in usable)]


def same_archive(gold_name: str | None, citation: Citation) -> bool:
    if not gold_name:
        return True
    wanted = WORD.findall(fold(gold_name))
    for name in (citation.fields.get(k) for k in ("archive", "archive_id", "archive_name")):
        words = WORD.findall(fold(name)) if isinstance(name, str) else []
        if words and (sublist(wanted, words) or sublist(words, wanted)):
            return True
    return False


def sublist(part: list[str], whole: list[str]) -> bool:
    return any(whole[i:i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def archival_ok(gold: dict[str, Any], citation: Citation) -> bool:
    values = gold_levels(gold)
    return (output_kind(citation) in ("archival", "ibid") and same_archive(gold.get("archive"), citation)
            and len(levels_found(citation, values)) == len(values))


def archival_miss(gold: dict[str, Any], citations: list[Citation]) -> str:
    """What the closest output citation (most levels found, the archive first) lacked."""
    values = gold_levels(gold)
    if not citations:
        return "no archival or ibid output citation in this note"
    closest = max(citations, key=lambda c: (same_archive(gold.get("archive"), c), len(levels_found(c, values))))
    found = levels_found(closest, values)
    archive = "" if same_archive(gold.get("archive"), closest) else "archive differs; "
    others = f" (closest of {len(citations)})" if len(citations) > 1 else ""
    return f"{archive}levels missing {[v for v in values if v not in found]}{others}: {describe(closest)}"


def gold_archival_text(citation: dict[str, Any]) -> str:
    return (f"«{excerpt(citation['text'], 80)}» archive={citation.get('archive')!r} "
            f"levels={json.dumps(citation.get('levels') or {}, ensure_ascii=False)}")


# --- references ----------------------------------------------------------------------------

def reference_key(family: str | None, year: Any) -> tuple[str | None, int | None]:
    digits = YEAR.search(str(year)) if year is not None else None
    return (fold(family).strip(" .,") if family else None, int(digits.group()) if digits else None)


def gold_reference_key(ref: dict[str, Any]) -> tuple[str | None, int | None]:
    names = ref.get("authors") or ref.get("editors") or []
    return reference_key(names[0].split(",")[0] if names else None, ref.get("year"))


def output_reference_key(ref: Reference) -> tuple[str | None, int | None]:
    names = ref.authors or ref.editors
    first = names[0] if names else {}
    return reference_key(first.get("family") or first.get("literal"), ref.year)


def target_note(citation: Citation) -> int | None:
    """The note an output back-reference points at."""
    refers = citation.fields.get("refers_to")
    if isinstance(refers, dict) and refers.get("footnote") is not None:
        return refers["footnote"]
    resolved = citation.fields.get("resolved")
    if isinstance(resolved, Citation):
        return resolved.footnote
    if isinstance(resolved, dict):
        return resolved.get("footnote")
    return None


# --- the measures --------------------------------------------------------------------------

def notes_recall(r: Reading) -> Outcome:
    out = Outcome()
    for index, note in enumerate(r.notes):
        same = [fn for fn in r.doc.footnotes if fn.number == note["number"]]
        out.judge(index in r.paired, note["number"], f"«{excerpt(note['text'])}»",
                  lambda: "; ".join(f"output n. {fn.number}: «{excerpt(fn.text)}»" for fn in same)
                  or f"no output note numbered {note['number']}")
    return out


def notes_precision(r: Reading) -> Outcome:
    out = Outcome()
    paired = {id(fn) for fn in r.paired.values()}
    gold_by_number = {note["number"]: note for note in r.notes}
    for fn in r.doc.footnotes:
        gold = gold_by_number.get(fn.number)
        out.judge(id(fn) in paired, fn.number, f"output «{excerpt(fn.text)}»",
                  lambda: f"gold n. {fn.number}: «{excerpt(gold['text'])}»" if gold
                  else f"no gold note numbered {fn.number}")
    return out


def kinds(r: Reading) -> Outcome:
    out = Outcome()
    for index, note in enumerate(r.notes):
        wanted = Counter(c["kind"] for c in note["citations"])
        citations = r.citations_of(r.output_note(index))
        got = Counter(output_kind(c) for c in citations)
        out.judge(wanted == got, note["number"],
                  f"gold {dict(sorted(wanted.items())) or 'no citation'} «{excerpt(note['text'], 80)}»",
                  lambda: (f"output {dict(sorted(got.items())) or 'no citation'}: " + describe_all(citations))
                  if index in r.paired else "note not found")
    return out


def archival(r: Reading) -> Outcome:
    out = Outcome()
    for index, note, _, gold in r.gold_citations():
        if gold["kind"] != "archival" and not (gold["kind"] == "ibid" and gold.get("levels")):
            continue
        candidates = [c for c in r.citations_of(r.output_note(index)) if output_kind(c) in ("archival", "ibid")]
        out.judge(any(archival_ok(gold, c) for c in candidates), note["number"], gold_archival_text(gold),
                  lambda: archival_miss(gold, candidates) if index in r.paired else "note not found")
    return out


def back_references(r: Reading) -> Outcome:
    out = Outcome()
    for index, note, position, gold in r.gold_citations():
        if "repeats" not in gold or not (gold["kind"] == "ibid" or gold.get("form") in BACK_REFERENCE_FORMS):
            continue
        found = r.counterparts(index, position)
        wanted = gold["repeats"]["note"]
        archival_too = bool(gold.get("levels"))
        ok = any(target_note(c) == wanted and (not archival_too or archival_ok(gold, c)) for c in found)
        item = f"«{excerpt(gold['text'], 80)}» repeats n. {wanted}" + (
            f" with levels {json.dumps(gold['levels'], ensure_ascii=False)}" if archival_too else "")
        out.judge(ok, note["number"], item,
                  lambda: ("; ".join(f"points at n. {target_note(c)}: {describe(c)}" for c in found)
                           or "no overlapping output citation") if index in r.paired else "note not found")
    return out


def references_recall(r: Reading) -> Outcome:
    return match_references(r, gold_side=True)


def references_precision(r: Reading) -> Outcome:
    return match_references(r, gold_side=False)


def match_references(r: Reading, gold_side: bool) -> Outcome:
    """One to one by (first author's family name, year): the gold items (recall) or the output's
    (precision) that find a partner."""
    gold = [(gold_reference_key(ref), ref["text"]) for ref in r.gold["references"]]
    output = [(output_reference_key(ref), ref.text) for ref in r.doc.references]
    mine, theirs = (gold, output) if gold_side else (output, gold)
    left = Counter(key for key, _ in theirs)
    out = Outcome()
    for key_, text in mine:
        ok = left[key_] > 0
        left[key_] -= ok
        same_year = [k for k, _ in theirs if k[1] == key_[1]]
        out.judge(ok, None, f"{'gold' if gold_side else 'output'} {key_} «{excerpt(text, 90)}»",
                  lambda: f"{'output' if gold_side else 'gold'} keys of that year: {same_year or 'none'}")
    return out


def intext(r: Reading) -> Outcome:
    out = Outcome()
    start = 0
    for item in r.gold["intext"]:
        wanted = gold_reference_key(r.gold["references"][item["reference"]])
        span = locate(item["text"], r.doc.body, start)
        found = [c for c in r.doc.intext_citations if span and overlaps(span, (c.start, c.end))]
        if span:
            start = span[0]
        linked = [output_reference_key(r.references[c.reference]) if c.reference in r.references else None
                  for c in found]
        out.judge(wanted in linked, None, f"«{item['text']}» -> {wanted}",
                  lambda: "text not found in body" if span is None else
                  "; ".join(f"«{c.text}» key={c.key!r} year={c.year} reference={c.reference!r} -> {k}"
                            for c, k in zip(found, linked)) or "no output in-text citation there")
    return out


def body(r: Reading) -> Outcome:
    out = Outcome()
    kept = collapse(r.doc.body)
    for sample in r.gold["body_samples"]:
        out.judge(collapse(sample) in kept, None, f"«{excerpt(sample)}»",
                  lambda: f"not in body ({len(r.doc.body)} characters)")
    return out


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    score: Callable[[Reading], Outcome]
    precision_of: str | None = None  # for a precision: the recall measure that counts the gold


MEASURES = (
    Measure("notes P", notes_precision, precision_of="notes R"),
    Measure("notes R", notes_recall),
    Measure("kinds", kinds),
    Measure("archival", archival),
    Measure("back-refs", back_references),
    Measure("refs P", references_precision, precision_of="refs R"),
    Measure("refs R", references_recall),
    Measure("in-text", intext),
    Measure("body", body),
)


# --- reading the articles ------------------------------------------------------------------

def corpus_label(root: Path) -> str:
    """How a corpus folder is named: "" for the shared corpus, else its path (from the repository
    when inside it)."""
    if root.resolve() == ARTICLES.resolve():
        return ""
    try:
        return str(root.resolve().relative_to(REPO))
    except ValueError:
        return str(root)


def find_articles(root: Path) -> list[Article]:
    """Every article file under ``root`` and ``root/tei`` with a gold file (beside it, or for a
    TEI rendering, the gold of the same stem in ``root``)."""
    label = corpus_label(root)
    prefix = f"{label}/" if label else ""
    found = []
    for folder in (root, root / "tei"):
        for path in sorted(folder.glob("*")):
            if path.suffix not in ARTICLE_SUFFIXES or not path.is_file():
                continue
            gold = next((g for g in (path.with_suffix(".gold.json"), root / f"{path.stem}.gold.json")
                         if g.is_file()), None)
            if gold is not None:
                found.append(Article(prefix + str(path.relative_to(root)), path, gold, label or "shared"))
    return found


def read_article(path: Path) -> Document | str:
    """legation's Document for one article, or why it has none."""
    try:
        units = list(read_units(path))
        articles = [u for u in units if isinstance(u, Unit) and u.report is None]
        reports = [u for u in units if isinstance(u, Unit) and u.report is not None]
        if articles:
            return extract_unit(articles[0], LAYERS)
        if reports:
            return f"read as a file of {len(reports)} reports, not as an article"
        problems = [str(u) for u in units if not isinstance(u, Unit)]
        return "; ".join(problems) or "nothing read"
    except Exception as problem:  # a failure to read is a result here, not a crash
        return f"{type(problem).__name__}: {problem}"


@dataclass(slots=True)
class Row:
    article: Article
    outcomes: dict[str, Outcome]
    problem: str | None = None


def score_article(article: Article) -> Row:
    gold = article.gold()
    doc = read_article(article.path)
    problem = doc if isinstance(doc, str) else None
    if problem is not None:
        doc = Document(source=Source("", str(article.path), "", "", 0), text="")
    outcomes = {m.name: m.score(Reading(gold, doc)) for m in MEASURES}
    if problem is not None:
        outcomes = unread(outcomes)
    return Row(article, outcomes, problem)


def unread(outcomes: dict[str, Outcome]) -> dict[str, Outcome]:
    """0 on every measure, over the gold's count (a precision's too); no item-by-item errors."""
    return {m.name: Outcome(Score(0, outcomes[m.precision_of or m.name].score.total)) for m in MEASURES}


def overall(rows: list[Row]) -> dict[str, Score]:
    total = {m.name: Score() for m in MEASURES}
    for row in rows:
        for name, outcome in row.outcomes.items():
            total[name].add(outcome.score)
    return total


# --- output --------------------------------------------------------------------------------

def by_corpus(rows: list[Row]) -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.article.corpus, []).append(row)
    return groups


def print_table(rows: list[Row]) -> None:
    lines = [["article", *(m.name for m in MEASURES)]]
    lines += [[row.article.name + (" (!)" if row.problem else ""),
               *(row.outcomes[m.name].score.cell() for m in MEASURES)] for row in rows]
    groups = by_corpus(rows)
    if len(groups) > 1:
        lines += [[f"overall {corpus}", *(score.cell() for score in overall(group).values())]
                  for corpus, group in groups.items()]
    totals_from = len(rows) + 1
    lines.append(["overall (micro)", *(score.cell() for score in overall(rows).values())])
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    for n, line in enumerate(lines):
        if n in (1, totals_from):
            print("  ".join("-" * w for w in widths))
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))))
    for row in rows:
        if row.problem:
            print(f"(!) {row.article.name}: legation could not read it as an article ({row.problem}); "
                  f"counted 0 on every measure")


def print_errors(rows: list[Row]) -> None:
    for row in rows:
        print(f"\n=== {row.article.name}" + (f" (not read: {row.problem})" if row.problem else ""))
        for m in MEASURES:
            failures = row.outcomes[m.name].failures
            if failures:
                print(f"--- {m.name}: {len(failures)} failed of {row.outcomes[m.name].score.total}")
                for failure in failures:
                    print(failure.line())


def as_json(rows: list[Row], with_errors: bool) -> dict[str, Any]:
    def article(row: Row) -> dict[str, Any]:
        out: dict[str, Any] = {"article": row.article.name, "gold": str(row.article.gold_path),
                               "read_error": row.problem,
                               "measures": {name: o.score.to_dict() for name, o in row.outcomes.items()}}
        if with_errors:
            out["errors"] = {name: [f.to_dict() for f in o.failures] for name, o in row.outcomes.items()}
        return out
    return {"articles": [article(row) for row in rows],
            "corpora": {corpus: {name: score.to_dict() for name, score in overall(group).items()}
                        for corpus, group in by_corpus(rows).items()},
            "overall": {name: score.to_dict() for name, score in overall(rows).items()}}


def select(articles: list[Article], name: str | None) -> list[Article]:
    if name is None:
        return articles
    for same in (lambda a: a.name == name, lambda a: a.path.name == name, lambda a: a.path.stem == name):
        chosen = [a for a in articles if same(a)]
        if chosen:
            return chosen
    return []


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--article", metavar="NAME", help="only this article (name, file name or stem)")
    parser.add_argument("--show-errors", action="store_true", help="list the gold items each measure failed on")
    parser.add_argument("--json", action="store_true", help="print the scores (and errors) as JSON")
    parser.add_argument("--corpus", metavar="DIR", type=Path, action="append",
                        help="score this corpus folder (repeatable; default: the shared corpus and "
                             "eval/corpus/articles, each when present)")
    args = parser.parse_args(None if argv is None else list(argv))
    named = [d for d in args.corpus or [] if not d.is_dir()]
    if named:
        print(f"no corpus folder {', '.join(map(str, named))}", file=sys.stderr)
        return 2
    corpora = args.corpus or [d for d in (ARTICLES, IN_REPO) if d.is_dir()]
    if not corpora:
        print(missing_reason(ARTICLES))
        return 0
    if not args.corpus and not ARTICLES.is_dir():  # on stderr, so that --json stays one JSON document
        print(f"{missing_reason(ARTICLES)}; scoring {IN_REPO.relative_to(REPO)} only", file=sys.stderr)
    articles = [article for folder in corpora for article in find_articles(folder)]
    chosen = select(articles, args.article)
    if not chosen:
        print(f"no article {args.article!r}; there are: {', '.join(a.name for a in articles)}", file=sys.stderr)
        return 2
    rows = [score_article(article) for article in chosen]
    if args.json:
        print(json.dumps(as_json(rows, args.show_errors), ensure_ascii=False, indent=2))
        return 0
    print_table(rows)
    if args.show_errors:
        print_errors(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
