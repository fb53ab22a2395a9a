"""A learned sequence labeller for references: tokens with offsets, features, tagging, fields.

Four shipped CRF models (``src/legation/data/models/``, built by ``scripts/train_crf.py``):

- ``references`` labels whitespace tokens of a published reference with bibliographic fields
  (author, title, container-title, date, volume, pages, publisher, location, …), trained on
  AnyStyle's core set, ParsCit's humanities sets and CORA;
- ``linkedbooks`` labels finer tokens (punctuation apart) with Linked Books' components, the
  archival ones included (archive_lib, archivalreference, busta/box, filza, registry, folder,
  cartulation, foliation), trained on Linked Books' training split;
- ``linkedbooks_types`` labels the same tokens with Linked Books' reference types (primary,
  secondary, meta-annotation, o);
- ``linkedbooks_lines``, stacked on ``linkedbooks_types``: its items are text lines (a line and
  the two before it), labelled primary or other, with features summing up each line and the
  types model's labels of it (``line_features``). Lines of one footnote's list of archival series
  share their type, while a continuation line alone often names no archive.

A reference is typed primary (archival) or secondary (published) by the share of its tokens that
are archival evidence: an archival component, typed primary, or on a line the lines model calls
primary (``archival_evidence``). Rules then read the lines in order (``source_evidence``, their
patterns and words in the ``[source_type]`` table of ``data/crf_lexicon.toml``): a line repeating
the one above ("Ibid.") takes its type, a line with a mark of a published work ("(1995)", "et al.",
"pp. 3-7", "op. cit.", an imprint) is secondary, a bare list going on from a primary line or opened
by an archive's name is primary.

Token features are the same for the three token models: the token's own form and shape,
dictionary hits from ``data/crf_lexicon.toml``, bracket/quote state, relative position, and a ±2
token window. The Linked Books components model labels a text line together with the two lines
before it, as one sequence (``label_line``), so that a footnote's continuation line takes up the
components its line above ends with.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite

MODELS = Path(str(resources.files("legation") / "data" / "models"))
REFERENCE_MODEL = "references"
LINKEDBOOKS_MODEL = "linkedbooks"
LINKEDBOOKS_TYPES_MODEL = "linkedbooks_types"
LINKEDBOOKS_LINES_MODEL = "linkedbooks_lines"
# Linked Books' components of an archival (primary-source) citation.
ARCHIVAL_COMPONENTS = frozenset({"archive_lib", "archivalreference", "box", "filza", "registry", "folder",
                                 "cartulation", "foliation"})

WORD_TOKEN = re.compile(r"\S+")
# Linked Books' tokenisation: words (with inner hyphens/apostrophes) and single punctuation marks.
FINE_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
EDGE_PUNCT = re.compile(r"^\W+|\W+$")
YEAR = re.compile(r"^[(\[]?(1[4-9]\d\d|20\d\d)[a-z]?[)\].,;:]*$")
ROMAN = re.compile(r"^[ivxlcdm]+$", re.IGNORECASE)
RANGE = re.compile(r"\d+\s*[-–—]+\s*\d+")
OPENERS, CLOSERS = "([{", ")]}"
QUOTE_OPEN, QUOTE_CLOSE, QUOTE_BOTH = "“‘«„", "”’»", '"'
# What a field's value loses at its edges: separators and spaces; brackets and quotes when they
# enclose the value or have no partner inside it.
SEPARATORS = " \t\n,;:"
PAIRS = {"(": ")", "[": "]", "{": "}", "“": "”", "‘": "’", "«": "»", "„": "“", '"': '"'}
CLOSING = frozenset(PAIRS.values())
# A reference is primary when this share of its tokens are archival evidence, a line's tokens are
# when the lines model gives the line at least LINE_PRIMARY. Chosen on the development split of
# clean_train.txt (``eval/linkedbooks.py --dev``): primary F1 0.830 with the token models alone
# (share 2/5), 0.848 with the lines model (F1 0.844-0.848 for any threshold 0.3-0.7 with share 1/2).
PRIMARY_SHARE = Fraction(1, 2)
LINE_PRIMARY = 0.5
LINE_WINDOW = 3  # a line and the two before it, as ``parse_line.parse_lines`` passes them
MAX_TOKENS = 400  # a 1 MB "line" is labelled in chunks of this many tokens
CONTEXT_TOKENS = 60  # how much of the preceding lines a Linked Books line sees


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled stretch of a reference: ``text[start:end] == value``."""

    field: str
    value: str
    start: int
    end: int

    def to_dict(self) -> dict[str, str | int]:
        return {"field": self.field, "value": self.value, "start": self.start, "end": self.end}


def tokenize(text: str, fine: bool = False) -> list[Token]:
    """Whitespace tokens (AnyStyle, ParsCit), or word/punctuation tokens (Linked Books)."""
    pattern = FINE_TOKEN if fine else WORD_TOKEN
    return [Token(m.group(), m.start(), m.end()) for m in pattern.finditer(text)]


# ---------------------------------------------------------------------------------------------
# Features.


@lru_cache(maxsize=1)
def _lexicon_file() -> dict:
    return tomllib.loads((resources.files("legation") / "data" / "crf_lexicon.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """The word lists of the dictionary features (the file's tables, such as the source-typing
    rules, are no word lists)."""
    return {name: frozenset(words) for name, words in _lexicon_file().items() if isinstance(words, list)}


def shape(word: str) -> str:
    """Character classes with runs collapsed: "Molodyakov," -> "Xx,", "1941–1945" -> "d–d"."""
    out: list[str] = []
    for ch in word:
        cls = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)[:8]


def _own_features(word: str) -> list[str]:
    """What one token says about itself, without neighbours."""
    lower = word.lower()
    cased = EDGE_PUNCT.sub("", word)
    core = cased.lower()
    digits = sum(ch.isdigit() for ch in core)
    feats = [f"w={lower}", f"c={core}", f"sh={shape(word)}", f"p3={core[:3]}", f"s3={core[-3:]}",
             f"s2={core[-2:]}", f"len={min(len(core), 8)}", f"dig={min(digits, 5)}"]
    if word and not word[0].isalnum():
        feats.append(f"lead={word[0]}")
    if word and not word[-1].isalnum():
        feats.append(f"trail={word[-1]}")
    if cased[:1].isupper():
        feats.append("cap")
    if cased.isalpha() and cased.isupper():
        feats.append("allcap")
    if len(core) == 1 and core.isalpha():
        feats.append("initial")
    if YEAR.match(word):
        feats.append("year")
    if core and ROMAN.match(core):
        feats.append("roman")
    if RANGE.search(word):
        feats.append("range")
    if "http" in lower or "www." in lower or "doi.org" in lower:
        feats.append("link")
    feats.extend(f"lex={name}" for name, words in lexicon().items() if core in words or lower in words)
    return feats


# The subset of a neighbour's features that the window carries (all of them would bloat the model).
WINDOW_KINDS = ("c=", "sh=", "lex=", "year", "initial", "cap", "trail=")


def _bracket_states(words: list[str]) -> list[tuple[bool, bool]]:
    """For each token: inside round/square brackets, inside quotes (a token that opens counts)."""
    depth, quoted, states = 0, False, []
    for word in words:
        if word[:1] in OPENERS:
            depth += 1
        if word[:1] in QUOTE_OPEN or (word[:1] == QUOTE_BOTH and not quoted):
            quoted = True
        states.append((depth > 0, quoted))
        depth = max(0, depth + sum(ch in OPENERS for ch in word[1:]) - sum(ch in CLOSERS for ch in word))
        if word[-1:] in QUOTE_CLOSE or (word[-1:] == QUOTE_BOTH and len(word) > 1) or (word[-2:-1] in QUOTE_CLOSE):
            quoted = False
    return states


def _context_states(own: list[list[str]]) -> list[list[str]]:
    """What came before each token: how many commas (the slot in "Author, Title, Place Year"),
    and whether a year, an archive name or a container marker ("In:", "in") was met."""
    line_has_archive = any("lex=archive" in feats for feats in own)
    commas, seen, states = 0, set(), []
    for feats in own:
        row = [f"seg={min(commas, 8)}", *(f"after={kind}" for kind in sorted(seen))]
        states.append(row + ["linearchive"] if line_has_archive else row)
        commas += any(f in ("trail=,", "trail=;", "w=,", "w=;") for f in feats)
        seen.update(kind for kind in ("year", "lex=archive", "lex=container") if kind in feats)
    return states


def sequence_features(words: list[str], before: list[str] | tuple[str, ...] = ()) -> list[list[str]]:
    """One feature row per word. ``before``: the words of the preceding text lines, when a
    reference runs over several (Linked Books' footnotes); they reach the first words' window
    and the context states (an archive named on the line above), but get no row of their own."""
    every = [*before, *words]
    own = [_own_features(w) for w in every]
    brief = [[f for f in fs if f.startswith(WINDOW_KINDS)] for fs in own]
    states = _bracket_states(every)
    context = _context_states(own)
    shapes = [shape(w) for w in every]
    n, skip = len(words), len(before)
    rows: list[list[str]] = []
    for i in range(n):
        k = skip + i
        row = ["bias", f"pos={10 * i // n}", *own[k], *context[k]]
        if states[k][0]:
            row.append("inparen")
        if states[k][1]:
            row.append("inquote")
        if i == 0:
            row.append("first")
        if i == n - 1:
            row.append("last")
        for offset in (-2, -1, 1, 2):
            j = k + offset
            if 0 <= j < len(every):
                row.extend(f"{offset}:{f}" for f in brief[j])
            else:
                row.append(f"{offset}:edge")
        rows.append(row + _conjunctions(every, own, shapes, k))
    return rows


def _conjunctions(every: list[str], own: list[list[str]], shapes: list[str], k: int) -> list[str]:
    """Features of word pairs and shape triples around word ``k``, and its neighbours' word forms."""
    last = len(every) - 1
    feats = [f"tri={shapes[k - 1] if k else '^'}|{shapes[k]}|{shapes[k + 1] if k < last else '$'}"]
    if k > 0:
        feats.append(f"bi={own[k - 1][1]}|{own[k][1]}")
    if k < last:
        feats.append(f"bin={own[k][1]}|{own[k + 1][1]}")
    for j in (k - 1, k + 1):
        if 0 <= j <= last:
            feats.extend((f"{j - k}:{own[j][0]}", f"{j - k}:{own[j][3]}"))  # w= and p3=
    return feats


def preceding_words(lines: list[list[str]], i: int, count: int = 2) -> list[str]:
    """The last words of the ``count`` lines before line ``i``: its ``before`` context."""
    words = [w for line in lines[max(0, i - count):i] for w in line]
    return words[-CONTEXT_TOKENS:]


# ---------------------------------------------------------------------------------------------
# Tagging.


@lru_cache(maxsize=4)
def tagger(model: str) -> pycrfsuite.Tagger:
    t = pycrfsuite.Tagger()
    t.open(str(MODELS / f"{model}.crfsuite"))
    return t


def label_words(words: list[str], model: str, before: list[str] | tuple[str, ...] = ()) -> list[str]:
    """One label per word; long inputs are labelled in chunks so memory stays bounded."""
    labels: list[str] = []
    for i in range(0, len(words), MAX_TOKENS):
        chunk = words[i:i + MAX_TOKENS]
        labels.extend(tagger(model).tag(sequence_features(chunk, before if i == 0 else ())))
    return labels


def block_features(lines: list[list[str]], first: int, last: int) -> list[list[str]]:
    """Feature rows of ``lines[first:last]`` as one sequence, each line with the words of the
    lines before it as context (``preceding_words``): the Linked Books components model labels
    consecutive lines together, so that transitions cross the line break and a continuation
    line's labels follow on from those of the line above."""
    return [row for i in range(first, last) for row in sequence_features(lines[i], preceding_words(lines, i))]


def label_line(lines: list[list[str]], i: int, model: str) -> list[str]:
    """The labels of line ``i``, tagged jointly with the lines before it (``LINE_WINDOW`` in
    all, as the components model is trained); a block too long for one pass is labelled line by
    line."""
    first = max(0, i - LINE_WINDOW + 1)
    if not lines[i] or sum(map(len, lines[first:i + 1])) > MAX_TOKENS:
        return label_words(lines[i], model, preceding_words(lines, i))
    labels = tagger(model).tag(block_features(lines, first, i + 1))
    return labels[len(labels) - len(lines[i]):]


def fields_of(text: str, tokens: list[Token], labels: list[str]) -> list[Field]:
    """Runs of equally labelled tokens, as fields with offsets into ``text``; empty values dropped."""
    fields: list[Field] = []
    i = 0
    while i < len(tokens):
        j = i
        while j + 1 < len(tokens) and labels[j + 1] == labels[i]:
            j += 1
        start, end = _trimmed(text, tokens[i].start, tokens[j].end)
        if start < end:
            fields.append(Field(labels[i], text[start:end], start, end))
        i = j + 1
    return fields


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop separators, unbalanced or enclosing brackets and quotes at the edges; a final period
    stays after an abbreviation ("V. E.", "Ltd.")."""
    while True:
        before = (start, end)
        while start < end and text[start] in SEPARATORS:
            start += 1
        while start < end and (text[end - 1] in SEPARATORS
                               or (text[end - 1] == "." and not _abbreviation_before(text, start, end - 1))):
            end -= 1
        value = text[start:end]
        if len(value) >= 2 and PAIRS.get(value[0]) == value[-1] and _balanced(value[1:-1]):
            start, end = start + 1, end - 1
        elif value[:1] in PAIRS and not _balanced(value):
            start += 1
        elif value[-1:] in CLOSING and not _balanced(value):
            end -= 1
        if (start, end) == before:
            return start, end


def _balanced(value: str) -> bool:
    return all(value.count(o) == value.count(c) for o, c in PAIRS.items() if o != c) and value.count('"') % 2 == 0


def _abbreviation_before(text: str, start: int, dot: int) -> bool:
    """``V. E.`` or ``Ltd.`` keep their period; ``Routledge.`` and ``1993.`` lose it."""
    word_start = dot
    while word_start > start and text[word_start - 1].isalpha():
        word_start -= 1
    return 0 < dot - word_start <= 3 and (word_start == start or not text[word_start - 1].isalnum())


def label_reference(text: str) -> list[Field]:
    """The bibliographic fields of one published reference."""
    tokens = tokenize(text)
    return fields_of(text, tokens, label_words([t.text for t in tokens], REFERENCE_MODEL))


def label_components(text: str) -> list[Field]:
    """Linked Books' components of one reference line (archival ones included)."""
    tokens = tokenize(text, fine=True)
    return fields_of(text, tokens, label_words([t.text for t in tokens], LINKEDBOOKS_MODEL))


# Linked Books' archival components as the archival output fields they fill; a token of a primary
# line that the components model left outside the group but the types model typed primary (or
# on a line typed archival whole) is still archival, an unnamed level of the path.
ARCHIVAL_FIELDS = {"archive_lib": "archive", "archivalreference": "path", "box": "box", "filza": "filza",
                   "registry": "registry", "folder": "folder", "cartulation": "folios", "foliation": "folios"}


@dataclass(frozen=True, slots=True)
class LineReading:
    """What the Linked Books models read in one reference line."""

    source_type: str  # primary (an archival source) or secondary (a published work)
    archival: list[Field]  # for a primary line: its archive, path levels and named levels


def read_line(text: str, before: list[str] | tuple[str, ...] = ()) -> LineReading:
    """The three Linked Books models and the rules of source typing on one line; ``before``: the
    text lines before it, when it continues a footnote."""
    return read_lines([*before[-(LINE_WINDOW - 1):], text])[-1]


def read_lines(texts: list[str], known: list[bool] | None = None) -> list[LineReading]:
    """The same for consecutive lines of one text, in one pass: each line is labelled with the two
    before it as context (the components jointly with them, ``label_line``), and typed in order,
    so that a line repeating or continuing the one above takes its type (``source_evidence``).
    ``known[i]``: line ``i`` holds an archival citation the rules of ``legation.extract.citations``
    read (it is primary, and is not labelled with components)."""
    tokens = [tokenize(text, fine=True) for text in texts]
    lines = [[t.text for t in line] for line in tokens]
    known = known or [False] * len(lines)
    kinds = [label_words(words, LINKEDBOOKS_TYPES_MODEL, preceding_words(lines, i)) for i, words in enumerate(lines)]
    components = [["o"] * len(words) if known[i] else label_line(lines, i, LINKEDBOOKS_MODEL)
                  for i, words in enumerate(lines)]
    evidence = source_evidence(lines, components, kinds, primary_line_probabilities(lines, kinds), known)
    readings = []
    for text, line, labels, types, archival in zip(texts, tokens, components, kinds, evidence):
        if not primary_by_share(archival):
            readings.append(LineReading("secondary", []))
            continue
        # a line typed archival whole (by the lines model or the rules): what the components model
        # names no archival part is an unnamed level of its path, as a token typed primary is
        whole = all(archival)
        names = [ARCHIVAL_FIELDS.get(c) or ("path" if k == "primary" or whole else "")
                 for c, k in zip(labels, types)]
        readings.append(LineReading("primary", [f for f in fields_of(text, line, names) if f.field]))
    return readings


def reference_type(text: str, before: list[str] | tuple[str, ...] = ()) -> str:
    """``primary`` (an archival source) or ``secondary`` (a published work), by the three Linked
    Books models and the rules of source typing; ``before``: the text lines before it, when it
    continues a footnote."""
    return read_line(text, before).source_type


def line_features(words: list[str], kinds: list[str]) -> list[str]:
    """One line as an item of the lines model: its words, its length, its archive names and other
    dictionary hits, its first word, and how much of it the types model typed primary/secondary."""
    cores = [EDGE_PUNCT.sub("", w).lower() for w in words]
    n = max(len(words), 1)
    primary = sum(k == "primary" for k in kinds)
    feats = ["bias", f"prim={min(5 * primary // n, 4)}", f"sec={min(5 * sum(k == 'secondary' for k in kinds) // n, 4)}",
             f"len={min(len(words) // 5, 8)}", f"arch={min(sum(c in lexicon().get('archive', ()) for c in cores), 3)}",
             f"first={cores[0] if cores else ''}", f"firstsh={shape(words[0]) if words else ''}"]
    if primary:
        feats.append("anyprim")
    if "primary" in kinds[:3]:
        feats.append("headprim")
    feats.extend(f"lex={name}" for name, found in lexicon().items() if any(c in found for c in cores))
    return feats + sorted({f"w={c}" for c in cores if c})


def line_windows(items: list) -> list[list]:
    """Each line with the lines before it, ``LINE_WINDOW`` in all: the lines model's sequences."""
    return [items[max(0, i - LINE_WINDOW + 1):i + 1] for i in range(len(items))]


def primary_line_probabilities(lines: list[list[str]], kinds: list[list[str]],
                               model: str = LINKEDBOOKS_LINES_MODEL) -> list[float]:
    """For each line (its words, and their labels by the types model): the lines model's
    probability that it is primary, given the lines before it."""
    t = tagger(model)
    probabilities: list[float] = []
    for window in line_windows([line_features(w, k) for w, k in zip(lines, kinds)]):
        t.set(window)
        probabilities.append(t.marginal("primary", len(window) - 1))
    return probabilities


def reference_kind(type_label: str) -> str:
    """Linked Books' token type without its position in the reference: "b-primary" -> "primary"."""
    return type_label.split("-", 1)[1] if type_label[:2] in ("b-", "i-", "e-") else type_label


def archival_evidence(components: list[str], types: list[str], line_primary: float = 0.0) -> list[bool]:
    """Per token: any model says archival (an archival component, typed primary, or a line the
    lines model calls primary). On the development split the union types more primary
    references right than any model alone."""
    whole_line = line_primary >= LINE_PRIMARY
    return [whole_line or c in ARCHIVAL_COMPONENTS or t == "primary" for c, t in zip(components, types)]


def primary_by_share(evidence: list[bool], share: Fraction = PRIMARY_SHARE) -> bool:
    """At least ``share`` of the tokens are archival evidence."""
    return bool(evidence) and sum(evidence) >= share * len(evidence)


# ---------------------------------------------------------------------------------------------
# Source typing: rules over the models' evidence (data: the [source_type] table of crf_lexicon.toml).


@dataclass(frozen=True, slots=True)
class SourceRules:
    repeat: frozenset[str]  # a line opening with one of these repeats the reference above
    published: re.Pattern[str]  # marks of a published work
    archival: re.Pattern[str]  # marks of an archival unit (no mark of a published work counts then)
    places: frozenset[str]  # the place words of an imprint
    closing: frozenset[str]  # a line ending with one of these tokens is not continued by the next
    not_bare: frozenset[str]  # words of a published work's parts
    heading: frozenset[str]  # archive names that open a list of series


@lru_cache(maxsize=1)
def source_rules() -> SourceRules:
    data = _lexicon_file()["source_type"]
    words = lexicon()

    def listed(names: list[str]) -> frozenset[str]:
        return frozenset(w for name in names for w in words[name])

    return SourceRules(
        repeat=frozenset(data["repeat"]), published=re.compile("|".join(f"(?:{p})" for p in data["published"])),
        archival=re.compile("|".join(f"(?:{p})" for p in data["archival"])), places=listed(data["imprint_places"]),
        closing=frozenset(data["closing"]), not_bare=listed(data["not_bare"]), heading=listed(data["heading"]))


def _spaced(words: list[str]) -> str:
    """The tokens as the rules' patterns read them: lower-cased, one space between and at either end."""
    return f" {' '.join(words).lower()} "


def _body(words: list[str]) -> list[str]:
    """The line without a leading note number: "(3)", "[3]", "3)", "3."."""
    if len(words) > 2 and words[0] in ("(", "[") and words[1].isdigit() and words[2][:1] in ")]":
        return words[3:]
    if len(words) > 1 and words[0].isdigit() and len(words[0]) <= 3 and words[1][:1] in ").]":
        return words[2:]
    return words


def _opens_with(words: list[str], found: frozenset[str]) -> bool:
    body = _body(words)
    return bool(body) and EDGE_PUNCT.sub("", body[0]).lower() in found


def _imprint(words: list[str], places: frozenset[str]) -> bool:
    """The line closes with a year (only punctuation after it) with a place among the six words
    before: "Venezia, 1739.", "(Paris - The Hague, 1966-71)."."""
    end = len(words) - 1
    while end >= 0 and not any(ch.isalnum() for ch in words[end]):
        end -= 1
    if end < 0 or not YEAR.match(words[end].split("-")[0]):
        return False
    return any(EDGE_PUNCT.sub("", w).lower() in places for w in words[max(0, end - 6):end])


def published_marks(words: list[str]) -> bool:
    """The line has a mark of a published work (``[source_type] published``) or closes with an
    imprint, and has no mark of an archival unit ("Box 12, Folder 3 (1945)" stays archival)."""
    rules = source_rules()
    text = _spaced(words)
    return (bool(rules.published.search(text)) or _imprint(words, rules.places)) and not rules.archival.search(text)


def bare(words: list[str]) -> bool:
    """No mark of a published work: no number, quotation mark or initial, and no word of a published
    work's parts (``[source_type] not_bare``) but a fragment of a word broken by a hyphen ("co -")."""
    rules = source_rules()
    for i, word in enumerate(words):
        core = EDGE_PUNCT.sub("", word).lower()
        broken = i + 1 < len(words) and words[i + 1] == "-"
        if any(ch.isdigit() for ch in word) or word[:1] in QUOTE_OPEN + QUOTE_BOTH:
            return False
        if core in rules.not_bare and not broken:
            return False
        if len(word) == 1 and word.isupper() and i + 1 < len(words) and words[i + 1].startswith("."):
            return False
    return True


def source_evidence(lines: list[list[str]], components: list[list[str]], kinds: list[list[str]],
                    line_primary: list[float], known: list[bool] | None = None) -> list[list[bool]]:
    """Per line and token, the models' archival evidence (``archival_evidence``), then the rules of
    source typing, line by line in order (a line's type is ``primary_by_share`` of its evidence;
    ``known[i]``: line ``i`` is primary by the note parser's rules):

    - a line opening with "Ibid.", "ebd.", "Id." (``repeat``) takes the type of the line above;
    - a line with a mark of a published work (``published_marks``) is no archival source;
    - a bare line (``bare``) that goes on from a primary line above (ending with no ``closing``
      token) is primary: a list of archival series over several lines;
    - so is a bare line that opens with an archive's name (``heading``), whatever the models say.

    On the development split of clean_train.txt (``eval/linkedbooks.py --dev``) primary F1 rose from
    0.851 to 0.865; of AnyStyle's 1,669 published references in gold.xml, those the models type
    primary fell from 89 to 12."""
    rules = source_rules()
    known = known or [False] * len(lines)
    evidence: list[list[bool]] = []
    decided: list[bool] = []
    for i, words in enumerate(lines):
        found = archival_evidence(components[i], kinds[i], line_primary[i])
        above = bool(decided) and decided[-1]
        if i and _opens_with(words, rules.repeat):
            found = [above] * len(words)
        elif published_marks(words):
            found = [False] * len(words)
        elif above and lines[i - 1] and lines[i - 1][-1] not in rules.closing and bare(words):
            found = [True] * len(words)
        elif not primary_by_share(found) and _opens_with(words, rules.heading) and bare(words):
            found = [True] * len(words)
        evidence.append(found)
        decided.append(known[i] or primary_by_share(found))
    return evidence
