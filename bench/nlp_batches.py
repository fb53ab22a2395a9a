"""Peak memory and CPU time of the extraction by the characters spaCy gets in one batch.

Extracts the first ``--reports`` reports of one FRUS series volume (both layers), then the
volume's longest report, with ``legation.nlp.batches`` bounded at the given characters, in a
fresh process for each bound. Prints CPU seconds and peak RSS after the reports and after the
longest one. No target: the figures behind ``legation.nlp.BATCH_CHARS``.

    python bench/nlp_batches.py [--volume frus1961-63v01.xml.gz] [--reports 100] [--chars 1000000 20000 10000 5000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time

from legation import devdata


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(volume: str, reports: int, chars: int) -> None:
    from legation import nlp
    from legation.pipeline import extract_unit, read_collection

    nlp.batches.__defaults__ = (nlp.BATCH_PARAGRAPHS, chars)
    units = [u for u in read_collection(devdata.require_shared("data", "frus-series", volume))
             if not isinstance(u, Exception)]
    longest = max(units, key=lambda u: len(u.text or ""))
    extract_unit(units[0])  # the models load once per process
    started = time.process_time()
    for unit in units[1:reports]:
        extract_unit(unit)
    cpu, after_reports = time.process_time() - started, peak_mb()
    extract_unit(longest)
    print(f"{chars:>9,} characters a batch: {cpu:5.1f} s CPU for {reports - 1} reports, peak RSS "
          f"{after_reports:.0f} MB; after the longest report ({longest.report.id}) {peak_mb():.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volume", default="frus1961-63v01.xml.gz")
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--chars", type=int, nargs="+", default=[1_000_000, 20_000, 10_000, 5_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's bound
    args = parser.parse_args()
    if args.one is not None:
        measure(args.volume, args.reports, args.one)
        return
    for chars in args.chars:  # each bound in a process of its own: a peak never goes down
        subprocess.run([sys.executable, __file__, "--volume", args.volume, "--reports", str(args.reports),
                        "--one", str(chars)], check=True)


if __name__ == "__main__":
    main()
