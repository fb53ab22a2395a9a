"""Cut a few documents out of a FRUS TEI volume as a valid TEI file of their own.

The header, the compilations and chapters that hold the chosen documents, and the documents
themselves are kept exactly as the volume has them; every other document, the front and the back
matter are dropped. This is how `examples/frus1949v07p2-excerpt.xml` was made:

    .venv/bin/python scripts/cut_tei.py ../shared/data/frus/frus1949v07p2.xml \\
        --ids d1 d6 ... -o examples/frus1949v07p2-excerpt.xml

Documents can also be chosen by a pattern over their text (``--matching 'Soviet' --limit 30``).
The volume may be gzip-compressed (``.xml.gz``).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _parse(volume: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    opener = gzip.open if volume.suffix == ".gz" else open
    with opener(volume, "rb") as stream:
        return etree.parse(stream, parser)


def _documents(tree: etree._ElementTree) -> list[etree._Element]:
    return [d for d in tree.iter(f"{TEI}div") if d.get("type") == "document"]


def choose(documents: list[etree._Element], ids: list[str] | None, matching: str | None,
           limit: int | None) -> set[str]:
    """The xml:ids of the documents to keep, in the volume's order."""
    if ids:
        known = {d.get(XML_ID) for d in documents}
        missing = [i for i in ids if i not in known]
        if missing:
            raise SystemExit(f"error: no document with id {', '.join(missing)} in the volume")
        return set(ids)
    pattern = re.compile(matching) if matching else None
    chosen = [d.get(XML_ID) for d in documents if pattern is None or pattern.search(" ".join(d.itertext()))]
    return set(chosen[:limit])


def cut(tree: etree._ElementTree, keep: set[str]) -> None:
    """Drop every document not kept, the divisions left empty by that, and the front and back matter."""
    root = tree.getroot()
    for matter in ("front", "back"):
        for element in root.iter(f"{TEI}{matter}"):
            element.getparent().remove(element)
    for document in [d for d in _documents(tree) if d.get(XML_ID) not in keep]:
        document.getparent().remove(document)
    emptied = True
    while emptied:  # a chapter emptied of documents may leave its compilation empty in turn
        emptied = False
        for division in list(root.iter(f"{TEI}div")):
            if division.get("type") != "document" and not any(
                    d.get("type") == "document" for d in division.iter(f"{TEI}div")):
                division.getparent().remove(division)
                emptied = True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("volume", type=Path)
    parser.add_argument("--ids", nargs="+", help="the documents' xml:ids (d1 d6 …)")
    parser.add_argument("--matching", help="keep documents whose text matches this regular expression")
    parser.add_argument("--limit", type=int, help="at most this many documents (with --matching)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    tree = _parse(args.volume)
    keep = choose(_documents(tree), args.ids, args.matching, args.limit)
    cut(tree, keep)
    args.output.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    print(f"{args.output}: {len(keep)} documents from {args.volume.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
