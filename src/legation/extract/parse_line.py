"""One reference or footnote per line, as AnyStyle's ``parse`` takes them, into one JSON object.

A line that holds archival, newspaper or series citations (a footnote) comes out with the
citation fields; a line that is a published work comes out as a CSL-JSON item.
"""

from __future__ import annotations

from typing import Any

from legation.extract.citations import parse_note, published_to_csl
from legation.extract.references import parse_reference
from legation.model import Citation
from legation.store.export import reference_to_csl

OFFSET_KEYS = ("footnote", "source_start", "source_end")


def parse_line(line: str) -> dict[str, Any]:
    text = line.strip()
    citations = [c for c in parse_note(text) if c.kind != "other"]
    if len(citations) > 1:
        return {"kind": "note", "text": text, "citations": [_as_json(c) for c in citations]}
    if citations and _is_note_citation(citations[0]):
        return _as_json(citations[0])
    item = reference_to_csl(parse_reference(text))
    item["kind"] = "published"
    return item


def _is_note_citation(c: Citation) -> bool:
    """Archival, newspaper and series citations have their own fields; a plain book does not."""
    return c.kind in ("archival", "newspaper", "ibid") or (c.kind == "published" and bool(c.fields.get("series")))


def _as_json(c: Citation) -> dict[str, Any]:
    if c.kind == "published":
        item = published_to_csl(c)
        item.update(kind="published", **{k: v for k, v in c.fields.items() if k not in item})
        return item
    return {k: v for k, v in c.to_dict().items() if k not in OFFSET_KEYS}
