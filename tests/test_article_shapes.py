"""Markdown and text articles of every shape keep their body (issue: real scholarship, class 0 and
1): a title heading first, front matter, notes at the end, notes between paragraphs, 1,000+ notes,
a three-line file, and notes or headings that look like report headers."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from legation.cli import app
from legation.ingest.units import Unit, read_units
from legation.pipeline import extract_file, extract_unit

PROSE = ("The second paragraph goes on at length about the documents, the archives that hold them and "
         "the way the editors of the series chose among them, which matters for what follows")


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_title_heading_first_and_a_paragraph_ending_in_a_marker(tmp_path):
    doc = extract_file(write(tmp_path, "a.md", f"# A Title\n\nThe talks began in 1955.[^1] {PROSE}.[^2]\n\n"
                                               "[^1]: Coox, *Nomonhan*, 23.\n[^2]: Ibid., 24.\n"))
    assert doc.body.startswith("The talks began in 1955.") and doc.work.title == "A Title"
    assert [f.number for f in doc.footnotes] == [1, 2] and all(f.anchor for f in doc.footnotes)
    assert not [d for d in doc.diagnostics if d.code == "note-without-marker"]


def test_a_three_line_file_keeps_its_sentence(tmp_path):
    doc = extract_file(write(tmp_path, "b.md", "# A title\n\nA sentence.\n"))
    assert doc.body == "A sentence."


def test_front_matter_then_notes_between_paragraphs(tmp_path):
    text = (f"# Title of the Essay\n\n## By A. Historian\n\nDOI: 10.1234/abc\n\nFirst paragraph is short.[^1]\n\n"
            f"[^1]: Hoffman, *Governmental Secrecy*, 69.\n\n{PROSE}.[^2]\n\n[^2]: Ibid., 70.\n")
    doc = extract_file(write(tmp_path, "c.md", text))
    assert doc.body.startswith("First paragraph is short.") and PROSE in doc.body
    assert [f.number for f in doc.footnotes] == [1, 2]


def test_notes_numbered_past_a_thousand(tmp_path):
    body = " ".join(f"Sentence {n} of the book.[^{n}]" for n in range(995, 1005))
    notes = "\n".join(f"[^{n}]: Source {n}, p. {n}." for n in range(995, 1005))
    doc = extract_file(write(tmp_path, "d.md", f"# A Long Book\n\n{body}\n\n{notes}\n"))
    assert [f.number for f in doc.footnotes] == list(range(995, 1005))
    assert all(f.anchor for f in doc.footnotes)
    gap = [d.message for d in doc.diagnostics if d.code == "footnote-gap"]
    assert gap == ["no notes numbered 1–994"]  # one diagnostic for the run, not 994


NOTES_LIKE_HEADERS = f"""The London Talks of 1955

In January 1955 the embassy in London reported on the talks with care.40 {PROSE}.41

{PROSE}, again.42

{PROSE}, and once more.

Notes

40. U.S. Embassy London to Secretary of State, January 13, 1955, NARA, RG 59, 741.00/1-1355.
41. Secretary of State to U.S. Embassy London, January 20, 1955, NARA, RG 59, 741.00/1-2055.
42. Ibid.
"""

EDITORIAL_NOTE = f"""# The Editors at Work

{PROSE}.[^1]

{PROSE}, again.[^2]

{PROSE}, and once more.[^3]

### Editorial Note

On January 3, 1949, the editors printed what follows.

### Editorial Note

On March 3, 1949, they printed more.

[^1]: Leopold, "The Foreign Relations Series," 596.
[^2]: Ibid.
[^3]: Ibid., 597.
"""


@pytest.mark.parametrize("text", [NOTES_LIKE_HEADERS, EDITORIAL_NOTE], ids=["notes-like-headers", "editorial-note"])
def test_an_article_whose_lines_look_like_report_headers_stays_an_article(tmp_path, text):
    [unit] = list(read_units(write(tmp_path, "e.txt", text)))
    assert isinstance(unit, Unit) and unit.report is None
    doc = extract_unit(unit)
    assert PROSE in doc.body and len(doc.footnotes) == 3


def test_as_overrides_the_guess_and_a_split_file_says_why(tmp_path):
    path = write(tmp_path, "e.txt", NOTES_LIKE_HEADERS)
    forced = [u for u in read_units(path, "reports") if isinstance(u, Unit)]
    assert len(forced) == 2 and forced[0].report is not None
    [said] = [d for d in forced[0].diagnostics if d.code == "read-as-reports"]
    assert "2 reports" in said.message and "--as article" in said.message
    runner = CliRunner()
    as_article = runner.invoke(app, ["extract", str(path), "--json", "--as", "article"])
    assert as_article.exit_code == 0 and json.loads(as_article.stdout)["footnotes"]
    assert runner.invoke(app, ["extract", str(path), "--as", "memo"]).exit_code == 2


def test_further_reading_entries_join_the_reference_list_and_prose_stays_in_the_body(tmp_path):
    text = (f"# Essay\n\n{PROSE}.[^1]\n\n[^1]: Ibid.\n\n# Further readings\n\n"
            "Most of this literature is recent, and the reader is best served by the issue as a whole, which "
            "grapples with the questions asked here at length and from several sides.\n\n"
            "- Smith et al. (2015) introduce the algorithm in detail\n- Cordell (2015) applied it to newspapers\n\n"
            "- Choi, Yejin. \"The Curious Case of Commonsense Intelligence.\" *Dædalus* 151, no. 2 (2022): 139-155.\n\n"
            "- Rees, Tobias. \"Non-Human Words.\" *Dædalus* 151, no. 2 (2022): 168-182.\n")
    doc = extract_file(write(tmp_path, "f.md", text))
    assert [r.authors[0]["family"] for r in doc.references] == ["Choi", "Rees"]
    assert "Smith et al. (2015) introduce the algorithm" in doc.body and "Most of this literature" in doc.body
