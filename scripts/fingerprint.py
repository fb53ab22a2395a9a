"""Fingerprints of what legation reads and extracts, to show that a change meant only to make it
faster (or tidier) leaves every output as it was: run before the change, run after, compare.

- ``tei``: for each FRUS volume (the series and the two base volumes of ``../shared/data``), a
  hash of everything ``iter_reports`` gives — each report's metadata, text, diagnostics and layout
  (body map, notes, markers, blocks, marked names). The whole series takes about a minute.
- ``extract``: for each document of a fixed set of inputs (the examples, the shared articles and
  DFAT reports, the first reports of one series volume), a hash of everything extracted with both
  layers. About a minute.
- ``people``: for every ``--step``-th FRUS series volume (default every third), a hash of what a
  collection's first pass gathers of its people (``read_collection``'s authority layers) and of
  its units' periods. About a minute at the default step.

One line per volume or document; ``diff`` the two files.

    .venv/bin/python scripts/fingerprint.py tei before.tsv
    .venv/bin/python scripts/fingerprint.py extract before.tsv [--reports 60]
    .venv/bin/python scripts/fingerprint.py people before.tsv [--step 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

from legation import devdata
from legation.errors import InputError
from legation.ingest.tei import iter_reports
from legation.pipeline import extract_unit, read_collection
from legation.textmap import TextMap


def canonical(value: Any) -> Any:
    """A JSON-able form of a model object, a text map included (its pieces, not only its text)."""
    if isinstance(value, TextMap):
        return {"text": value.text, **{name: repr(part) for name, part in sorted(vars(value).items())
                                       if name != "_text"}}
    if dataclasses.is_dataclass(value):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    return repr(value)


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, default=canonical, sort_keys=True, ensure_ascii=False)
                          .encode()).hexdigest()


def tei_lines() -> list[str]:
    volumes = [*sorted(devdata.shared_path("data", "frus-series").glob("*.xml.gz")),
               *sorted(devdata.shared_path("data", "frus").glob("*.xml"))]
    lines = []
    for volume in volumes:
        items = [digest({"report": item.report, "text": item.text, "diagnostics": item.diagnostics,
                         "layout": item.layout}) for item in iter_reports(volume)]
        lines.append(f"{volume.name}\t{len(items)}\t{digest(items)}")
    return lines


def extract_inputs(reports: int) -> list[tuple[Path, int | None]]:
    """(file, how many of its units at most) for the extract fingerprint."""
    articles = devdata.shared_path("data", "articles")
    dfat = devdata.shared_path("data", "reports", "dfat-dev")
    return [*((path, None) for path in sorted(devdata.EXAMPLES.glob("*.txt"))),
            (devdata.FRUS_EXCERPT, None),
            *((path, None) for path in [*sorted(articles.glob("*.md")), *sorted(articles.glob("*.txt"))]),
            *((path, None) for path in sorted(dfat.glob("*.txt"))[:25]),
            (devdata.shared_path("data", "frus-series", "frus1964-68v22.xml.gz"), reports)]


def extract_lines(reports: int) -> list[str]:
    lines = []
    for path, limit in extract_inputs(reports):
        if not path.exists():
            continue
        for count, unit in enumerate(read_collection(path)):
            if limit is not None and count >= limit:
                break
            if isinstance(unit, InputError):
                lines.append(f"{path.name}\terror\t{unit}")
                continue
            doc = extract_unit(unit)
            doc.views = None  # the parse: large, and nothing stored is read from it
            lines.append(f"{path.name}\t{doc.source.id}\t{digest(doc)}")
    return lines


def people_lines(step: int) -> list[str]:
    lines = []
    for volume in sorted(devdata.shared_path("data", "frus-series").glob("*.xml.gz"))[::step]:
        units = [unit for unit in read_collection(volume) if not isinstance(unit, InputError)]
        layers = {digest([unit.authority, unit.period, unit.share]) for unit in units}
        lines.append(f"{volume.name}\t{len(units)}\t{' '.join(sorted(layers))}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("tei", "extract", "people"))
    parser.add_argument("out", type=Path)
    parser.add_argument("--reports", type=int, default=60, help="extract: reports of the series volume")
    parser.add_argument("--step", type=int, default=3, help="people: every step-th series volume")
    args = parser.parse_args()
    lines = {"tei": tei_lines, "extract": lambda: extract_lines(args.reports),
             "people": lambda: people_lines(args.step)}[args.what]()
    args.out.write_text("\n".join(lines) + "\n")
    print(f"{len(lines)} lines in {args.out}")


if __name__ == "__main__":
    main()
