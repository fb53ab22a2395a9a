"""Write a FRUS TEI volume's text rendering: its reports joined by REPORT_SEPARATOR.

This is the text the plain-text reports path reads in eval/reports_text.py, and the text that
``Report.start/end`` of the TEI reader point into. Diagnostics go to stderr, one per line.

    .venv/bin/python scripts/tei_to_text.py ../shared/data/frus/frus1949v07p2.xml [-o OUT.txt]
    .venv/bin/python scripts/tei_to_text.py ../shared/data/frus-series/frus1955-57v13.xml.gz -o v13.txt

A ``.xml.gz`` volume (the FRUS series is stored compressed) is read as it is, decompressed as
it streams.
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
    args = parser.parse_args(argv)
    diagnostics: list[Diagnostic] = []
    pieces = render_volume(args.volume, diagnostics)
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
