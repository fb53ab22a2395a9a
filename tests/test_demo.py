"""The demo `make demo` runs (scripts/demo.sh), on the examples shipped in the repository, at the
widths of a pipe or CI log (80 columns) and of a wider terminal: it cannot rot unnoticed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

DEMO = REPO / "scripts" / "demo.sh"


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory) -> dict[int, str]:
    """The demo's output at 80 and at 100 columns, each into a store of its own."""
    folder = tmp_path_factory.mktemp("demo")
    outputs = {}
    for columns in (80, 100):
        env = {**os.environ, "BIN": str(Path(sys.executable).parent), "DB": str(folder / f"demo{columns}.db"),
               "OUT": str(folder), "COLUMNS": str(columns)}
        env.pop("SEEDS", None)  # the default: examples/corpus
        run = subprocess.run(["bash", str(DEMO)], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr[-2000:]
        outputs[columns] = run.stdout
    outputs["folder"] = folder
    return outputs


def test_the_demo_shows_every_part_of_the_examples(demo_runs):
    text = demo_runs[80]
    assert "From the Khalkhin Gol Events to the Neutrality Pact" in text
    assert "frus1949v07p2-excerpt.xml (32 reports)" in text  # the report collection
    assert re.search(r"002_brousseau_gpt2\.pdf\s+(?:status\s+)?ingested\s+(?:notes\s+)?18\b", " ".join(text.split()))  # a PDF, its 18 notes
    assert "Archive files by citing notes" in text and "AVP RF" in text and "P-4459" in text
    assert "Smetanin" in text and "Molotov" in text
    assert "Neutrality Pact" in " ".join(text.split()) and "(told 4 times)" in text  # one row, four notes
    assert "USSR–JPN by month" in text and "turning point" in text and "USA–JPN by quarter" in text
    assert "Who met whom" in text and "Consistency report" in text
    assert "What to open next" in text and "legation serve" in text


def test_the_demo_writes_the_files_it_names(demo_runs):
    folder = demo_runs["folder"]
    for name in ("relations.csv", "relations.html", "network.gexf", "report.html"):
        assert (folder / name).stat().st_size > 0, name
    assert (folder / "relations.csv").read_text().splitlines()[0].startswith("period,")


@pytest.mark.parametrize("columns", [80, 100])
def test_no_number_is_cut_and_no_python_none_shows(demo_runs, columns):
    text = demo_runs[columns]
    assert not re.search(r"\d…", text), "a number cut short"
    assert not re.search(r"\bNone\b", text)
    assert max(len(line) for line in text.splitlines()) <= columns
    assert re.search(r"notes\s+44\b", " ".join(text.split())) or re.search(r"001_f3ae314bfad271f2\.txt\s+ingested\s+44\s+44\s+15", " ".join(text.split()))
