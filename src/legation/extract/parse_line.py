"""One reference or footnote per line, as AnyStyle's ``parse`` takes them, into one JSON object.

A line that holds archival, newspaper or series citations (a footnote) comes out with the rule
parser's citation fields (``legation.extract.citations.parse_note``); a line that is a published
work comes out as a CSL-JSON item. Every object also carries:

- ``fields``: each field as ``{"field", "value", "start", "end"}`` with ``line[start:end] == value``.
  For a published work these are the CRF labeller's fields (filling the CRF's gaps with the rule
  parser's values measured no better on gold.xml: field F1 0.957 either way); for notes, the rule
  parser's field values located in the line. The CSL-JSON item of a published work is the rule
  parser's, as before, with the variables it lacks taken from the CRF's fields;
- ``source_type``: ``primary`` (an archival source) or ``secondary`` (a published work). Archival
  citations found by the rules are primary; otherwise the Linked Books models and the rules of
  source typing decide (``crf.read_lines``: primary when ``crf.PRIMARY_SHARE`` of the line's tokens
  are archival evidence; the lines model reads the line with the two before it; a line repeating
  the one above (Ibid.) or going on from it as a bare list takes its type, a line with a mark of a
  published work is secondary: ``crf.source_evidence``).

``parse_lines`` does the same for many lines; ``to_csl_items`` and ``to_bibtex_entries`` render
the results for reference managers.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from legation.extract.citations import parse_note, published_to_csl, resolve_back_references
from legation.extract.crf import Field, LineReading, label_reference, read_line, read_lines
from legation.extract.references import parse_names, parse_reference
from legation.model import Citation
from legation.formats.bibliography import csl_to_bibtex, reference_to_csl

OFFSET_KEYS = ("footnote", "source_start", "source_end")
# What a CSL-JSON item may hold (the rule parser's other citation fields stay out of it).
CSL_VARIABLES = frozenset({
    "id", "type", "title", "author", "editor", "translator", "container-title", "collection-title",
    "collection-number", "volume", "issue", "page", "publisher", "publisher-place", "issued", "DOI", "URL",
    "edition", "genre", "note", "part-number", "language",
})
YEAR_IN = re.compile(r"(1[4-9]\d\d|20\d\d)")


def parse_line(line: str, before: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    """``before``: the lines before this one, context for its source type (a footnote's list of
    archival series runs over several lines, and only the first names the archive)."""
    citations = _rule_citations(line)
    archival = any(_is_archival(c) for c in citations)
    return _parsed(line, citations, None if archival else read_line(line.strip(), before))


def parse_lines(lines: list[str]) -> list[dict[str, Any]]:
    """One object per non-blank line, in order, each with the two non-blank lines before it as
    context. The lines are read as one run of notes: an Ibid., ebd. or op. cit. line is resolved
    to the citation it repeats on an earlier line (``resolved``/``refers_to``; ``footnote`` is
    the line's number among the non-blank lines, from 1)."""
    texts = [line for line in lines if line.strip()]
    citations = [_rule_citations(line) for line in texts]
    for number, found in enumerate(citations, start=1):
        for citation in found:
            citation.footnote = number
    resolve_back_references([c for found in citations for c in found])
    known = [any(_is_archival(c) for c in found) for found in citations]
    readings = read_lines([line.strip() for line in texts], known)
    return [_parsed(line, found, None if archival else reading)
            for line, found, archival, reading in zip(texts, citations, known, readings)]


def _rule_citations(line: str) -> list[Citation]:
    """The note parser's citations of a line, but a line it cuts into several published works that
    reads whole as one reference with authors and a year ("Hinton, G. E., & Nowlan, S. J. (1987).
    How learning can guide evolution. Complex Systems, 1, 495-502.") is that one reference: a
    reference list's entry, which the reference parser and the CRF read. So is a line the CRF reads
    as one work, opening with its author ("Lindqvist, Maria 2004. “Harbour records and the grain
    trade.” Scandinavian Economic History Review 52: 101-118.", which the reference parser gives no
    author)."""
    found = [c for c in parse_note(line.strip()) if c.kind != "other"]
    if len(found) > 1 and all(c.kind == "published" and not _is_note_citation(c) for c in found):
        whole = parse_reference(line.strip())
        if (whole.authors and whole.year) or _one_work(label_reference(line.strip())):
            return []
    return found


def _one_work(fields: list[Field]) -> bool:
    """The CRF's fields are one work's: an author first (after a citation number), one run of
    authors, one title, at most one date."""
    names = [f.field for f in fields if f.field != "citation-number"]
    return bool(names) and names[0] in ("author", "editor") and names.count("author") == 1 \
        and names.count("title") == 1 and names.count("date") <= 1


def _parsed(line: str, citations: list[Citation], reading: LineReading | None) -> dict[str, Any]:
    """``reading``: what the Linked Books models and the rules of source typing read in the line,
    None when the note parser found an archival citation in it."""
    text = line.strip()
    lead = len(line) - len(line.lstrip())
    if len(citations) > 1:
        out = {"kind": "note", "text": text, "citations": [_as_json(c) for c in citations]}
        fields = [f for c in citations for f in _citation_fields(text, c)]
    elif citations and _is_note_citation(citations[0]):
        out, fields = _as_json(citations[0]), _citation_fields(text, citations[0])
    elif reading is not None and reading.archival:
        out, fields = _archival_by_models(text, reading.archival), reading.archival
    else:
        ref = parse_reference(text)
        fields = label_reference(text)
        out = _csl_with_gaps_filled(reference_to_csl(ref), fields)
        out["kind"] = "published"
    out["source_type"] = "primary" if reading is None else reading.source_type
    out["fields"] = [_shifted(f, lead).to_dict() for f in sorted(fields, key=lambda f: (f.start, f.end))]
    return out


# ---------------------------------------------------------------------------------------------
# Rule citations.


def _is_note_citation(c: Citation) -> bool:
    """Archival, newspaper and series citations have their own fields, and so do the note forms
    that repeat an earlier line: op. cit. and a short form linked to its full citation (a
    bibliography entry looks like a short form, so an unlinked one is not taken for one). Any
    other published work goes to the reference parser and the CRF (which measure better on
    gold.xml than the note reader, Chicago note forms included)."""
    if c.kind in ("archival", "newspaper", "ibid"):
        return True
    f = c.fields
    if c.kind != "published":
        return False
    return bool(f.get("series") or f.get("back_reference") or f.get("refers_to"))


def _is_archival(c: Citation) -> bool:
    resolved = c.fields.get("resolved")
    return c.kind == "archival" or (isinstance(resolved, Citation) and resolved.kind == "archival")


def _as_json(c: Citation) -> dict[str, Any]:
    if c.kind == "published":
        item = published_to_csl(c)
        item.update(kind="published", **{k: v for k, v in c.fields.items() if k not in item})
        return item
    return {k: v for k, v in c.to_dict().items() if k not in OFFSET_KEYS}


def _citation_fields(text: str, c: Citation) -> list[Field]:
    """The citation's string and number fields, and each level of its path, where their value is
    written in its stretch of the line."""
    found = []
    for name, value in c.fields.items():
        values = value if isinstance(value, list) else [value]
        for one in values:
            if isinstance(one, (str, int)) and not isinstance(one, bool):
                span = _locate(text, str(one), c.start, c.end)
                if span:
                    found.append(Field(name, str(one), *span))
    return found


def _archival_by_models(text: str, fields: list[Field]) -> dict[str, Any]:
    """An archival source the rules do not know, as the Linked Books models read it: the first
    archive named, the path of its unnamed levels, and each named level (busta, filza, registry,
    folder, folios) as written."""
    out: dict[str, Any] = {"kind": "archival", "text": text, "method": "linkedbooks"}
    out["archive"] = next((f.value for f in fields if f.field == "archive"), None)
    out["path"] = [f.value for f in fields if f.field == "path"]
    for f in fields:
        if f.field not in ("archive", "path"):
            out.setdefault(f.field, f.value)
    return out


def _locate(text: str, value: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Where ``value`` stands as whole words in ``text[start:end]``."""
    if not value.strip():
        return None
    m = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)").search(text, start, len(text) if end is None else end)
    return (m.start(), m.end()) if m else None


# ---------------------------------------------------------------------------------------------
# Published works: CRF fields, gaps filled by the rules.


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    return tomllib.loads((resources.files("legation") / "data" / "crf_fields.toml").read_text("utf-8"))


def fields_to_csl(fields: list[Field]) -> dict[str, Any]:
    """A CSL-JSON item from labelled fields (the first value of each field wins)."""
    item: dict[str, Any] = {}
    tables = _tables()
    for f in fields:
        if f.field in tables["csl_names"]:
            variable = tables["csl_names"][f.field]
            item.setdefault(variable, parse_names(f.value) or [{"literal": f.value}])
        elif f.field == "date" and (year := YEAR_IN.search(f.value)):
            item.setdefault("issued", {"date-parts": [[int(year.group())]]})
        elif f.field in tables["csl"]:
            item.setdefault(tables["csl"][f.field], f.value)
    return item


def _csl_with_gaps_filled(rule_item: dict[str, Any], fields: list[Field]) -> dict[str, Any]:
    """The rule parser's item as it was; variables it lacks come from the labelled fields."""
    for variable, value in fields_to_csl(fields).items():
        rule_item.setdefault(variable, value)
    return rule_item


def _shifted(f: Field, by: int) -> Field:
    return Field(f.field, f.value, f.start + by, f.end + by) if by else f


# ---------------------------------------------------------------------------------------------
# Renderings.


def to_csl_items(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """CSL-JSON items for the published results (notes' published citations included); ids unique."""
    items: list[dict[str, Any]] = []
    used: set[str] = set()
    for result in results:
        for entry in result.get("citations", [result]):
            if entry.get("kind") == "published":
                item = {k: v for k, v in entry.items() if k in CSL_VARIABLES}
                item["id"] = _unique(str(item.get("id") or f"item{len(items) + 1}"), used)
                items.append(item)
    return items


def _unique(wanted: str, used: set[str]) -> str:
    found, n = wanted, 1
    while found in used:
        n += 1
        found = f"{wanted}-{n}"
    used.add(found)
    return found


def to_bibtex_entries(results: list[dict[str, Any]]) -> str:
    """BibTeX for the published results, through ``legation.formats.bibliography.csl_to_bibtex``."""
    return csl_to_bibtex(to_csl_items(results))


