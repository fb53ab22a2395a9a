"""Write a FRUS TEI volume's text rendering: its reports joined by REPORT_SEPARATOR.

This is the text the plain-text reports path reads in eval/reports_text.py, and the text that
``Report.start/end`` of the TEI reader point into. Diagnostics go to stderr, one per line.

    .venv/bin/python scripts/tei_to_text.py ../shared/data/frus/frus1949v07p2.xml [-o OUT.txt]
    .venv/bin/python scripts/tei_to_text.py ../shared/data/frus-series/frus1955-57v13.xml.gz -o v13.txt

A ``.xml.gz`` volume (the FRUS series is stored compressed) is read as it is, decompressed as
it streams. ``--persons-list`` puts the volume's list of persons before the documents, as the
printed volume has it ("Persons", then "Anderson, H. Eugenie, Minister to Bulgaria …").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from legation.ingest.tei import FILE_PROBLEMS, render_volume
from legation.model import Diagnostic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("volume", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="the text file to write (default: stdout)")
    parser.add_argument("--persons-list", action="store_true",
                        help="open with the volume's list of persons, as the printed volume does")
    args = parser.parse_args(argv)
    diagnostics: list[Diagnostic] = []
    pieces = render_volume(args.volume, diagnostics, persons_list=args.persons_list)
    if args.output:
        partial = args.output.with_name(args.output.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            out.writelines(pieces)
        partial.replace(args.output)  # nothing half-written under the real name
    else:
        sys.stdout.writelines(pieces)
    for diagnostic in diagnostics:
        print(f"{args.volume}: {diagnostic.message} ({diagnostic.code})", file=sys.stderr)
    return 2 if any(d.code in FILE_PROBLEMS for d in diagnostics) else 0


if __name__ == "__main__":
    sys.exit(main())
