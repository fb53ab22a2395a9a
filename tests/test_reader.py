"""The text/Markdown reader: body rebuilt from debris, notes separated, offsets kept."""

import re

import pytest

from legation.ingest.source import read_source
from legation.ingest.text import read_layout
from legation.errors import InputError
from conftest import FULL_TEXT


def layout_of(text):
    return read_layout(text)


# --- the seed -----------------------------------------------------------------------------

def test_seed_body_has_no_debris(seed_layout):
    body = seed_layout.body.text
    assert "<sup>" not in body and "&lt;" not in body and "sup>" not in body
    assert "*" not in body
    assert "AVP RF" not in body  # no footnote text leaked into the running text
    assert "25th International Youth Day" in body and "2600th anniversary" in body


@pytest.mark.parametrize("joined", [
    "Through its ambassador, Ōshima Hiroshi, Japan expressed an official protest to Germany",
    "and his determination to \"scrupulously [...] fulfill his obligations",
    "Similar measures were taken on the Soviet side. U.S. ambassador Steinhardt",
    "\"On the morning of October 29, we crossed the border",
    "Pretending to be a friend and fawning over us",
    "It would be better if the Soviet Union understood the point of view",
    "According to the Associated Press, the Soviet-Japanese treaty",
    "not devoid of racial, physical, and everyday stereotypes",
])
def test_seed_sentences_cut_by_note_blocks_are_rejoined(seed_layout, joined):
    assert joined in seed_layout.body.text


def test_seed_paragraph_breaks_survive(seed_layout):
    body = seed_layout.body.text
    assert "spheres of influence in China.\n\nA similar picture was painted" in body
    assert "\n\nThe Reestablishment of Soviet-Japanese Relations\n\n" in body


def test_seed_front_and_back_matter_are_not_body(seed_layout):
    body = seed_layout.body.text
    assert body.startswith("In 1939, Japan made a final decision")
    assert body.rstrip().endswith("a not entirely smart trickster.\"")
    assert "Keywords" not in body and "DEGTEV Ivan Andreevich" not in body
    assert seed_layout.keywords[:3] == ["the USSR", "Japan", "Khalkhin Gol"]
    assert seed_layout.abstract[0].startswith("In the late 1930s and early 1940s")


def test_seed_markers_of_every_form(seed_layout):
    markers = {m.number: m for m in seed_layout.markers}
    # <sup>2</sup>, manner." 9 "Now, Council."12 "The, actions.20 "We, representatives,32 as, guard" 43 for
    assert markers[2].explicit and not markers[9].explicit
    for bare in (9, 12, 13, 17, 18, 20, 21, 32, 33, 43, 44):
        assert not markers[bare].explicit, bare
    assert set(markers) == set(range(1, 45)) - {1, 7, 15, 36}


def test_seed_marker_offsets_point_at_the_marker_in_the_file(seed_layout):
    text = FULL_TEXT.read_text(encoding="utf-8")
    for marker in seed_layout.markers:
        assert str(marker.number) in text[marker.source_start:marker.source_end]


def test_seed_body_maps_back_to_the_original(seed_layout):
    text = FULL_TEXT.read_text(encoding="utf-8")
    body = seed_layout.body.text
    for match in re.finditer(r"Smetanin|Khalkhin Gol|Molotov", body):
        start, end = seed_layout.body.span_to_source(match.start(), match.end())
        assert text[start:end] == match.group()


# --- debris forms (own fixtures) ----------------------------------------------------------

def test_sup_marker_forms():
    text = ("First claim.<sup>1</sup> Second claim.<sup>&</sup>lt;sup>2</sup> Third &lt;sup&gt;3&lt;/sup&gt; "
            "and fourth[^4] and fifth.⁵ End.\n\n"
            "<sup>1</sup> AVP RF. F. 1. Op. 1. D. 1. L. 1.\n\n<sup>&</sup>lt;sup>2</sup> Ibid. L. 2.\n\n"
            "<sup>3</sup> Ibid. L. 3.\n\n<sup>4</sup> Ibid. L. 4.\n\n<sup>5</sup> Ibid. L. 5.\n")
    layout = layout_of(text)
    assert layout.body.text == "First claim. Second claim. Third and fourth and fifth. End."
    assert [m.number for m in layout.markers] == [1, 2, 3, 4, 5]
    assert [n.number for n in layout.notes] == [1, 2, 3, 4, 5]


def test_bare_numerals_only_in_note_sequence():
    text = ('He wrote "yes." 1 "No," she said.2 In 1937, 40 people came. On May 3, 1939, peace.3\n\n'
            "1 AVP RF. F. 1. Op. 1. D. 1. L. 1.\n\n2 AVP RF. F. 1. Op. 1. D. 1. L. 2.\n\n"
            "3 AVP RF. F. 1. Op. 1. D. 1. L. 3.\n")
    layout = layout_of(text)
    assert [m.number for m in layout.markers] == [1, 2, 3]
    assert "In 1937, 40 people came. On May 3, 1939, peace." in layout.body.text
    assert layout.body.text.startswith('He wrote "yes." "No," she said. In 1937')


def test_entities_emphasis_and_tags():
    layout = layout_of("The *Nichi-Nichi* &amp; <i>Asahi</i> papers wrote &laquo;nothing&raquo; — **so** it_goes.\n")
    assert layout.body.text == "The Nichi-Nichi & Asahi papers wrote «nothing» — so it_goes."


def test_running_heads_and_page_numbers_are_dropped_and_sentences_rejoined():
    head = "Journal of Diplomatic History, 2020, 3"
    text = (f"{head}\n\nThe first part of a long sentence that runs across the\n\n12\n\n{head}\n\n"
            f"page break and ends here. Another paragraph follows.\n\n13\n\n{head}\n\nNew paragraph.\n")
    layout = layout_of(text)
    assert layout.body.text == ("The first part of a long sentence that runs across the page break and ends here. "
                                "Another paragraph follows.\n\nNew paragraph.")


def test_unnumbered_note_next_to_notes_is_a_note():
    text = ("Body sentence one.<sup>1</sup> Body two.<sup>2</sup> Body three.<sup>3</sup>\n\n"
            "<sup>1</sup> RGASPI. F. 17. Op. 3. D. 1. L. 5.\n\n"
            "FRUS, 1941. Vol. IV, the Far East. Washington, 1956. P. 12.\n\n"
            "<sup>3</sup> GARF. F. R-5446. Op. 1. D. 2. L. 3.\n")
    layout = layout_of(text)
    assert [(n.number, n.marker_lost) for n in layout.notes] == [(1, False), (None, True), (3, False)]
    assert "FRUS" not in layout.body.text


def test_markdown_footnote_definitions_and_endnotes_section():
    text = ("# A Title\n\nSome prose that is long enough to be the body of an article about diplomats in Tokyo "
            "and their reports to Moscow, written at length so that it reads as prose rather than a heading.[^1]\n\n"
            "[^1]: AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 170.\n\n"
            "## Notes\n\n2. Ibid. L. 171.\n")
    layout = layout_of(text)
    assert [n.number for n in layout.notes] == [1, 2]
    assert layout.notes[1].text == "2. Ibid. L. 171." or layout.notes[1].text.endswith("Ibid. L. 171.")


def test_numbered_reference_list_is_not_taken_for_notes():
    text = ("Title of a paper\nhttps://doi.org/10.1234/abc\nReferences\n1. Smith, J. (2001). A Book. London: Penguin.\n"
            "2. Doe, A. (1999). Another Book. Paris: Seuil.\n")
    layout = layout_of(text)
    assert layout.notes == []
    assert [line for line, _ in layout.reference_lines][0].startswith("1. Smith")


# --- bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("content, problem", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"caf\xe9 au lait", "not UTF-8 text"),
])
def test_bad_files_are_refused_with_one_line(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_source(path)
    message = str(raised.value)
    assert problem in message and str(path) in message and "\n" not in message


def test_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


def test_crlf_line_endings_read_like_lf(tmp_path, seed_doc):
    from legation.pipeline import extract_file

    crlf = tmp_path / "seed-crlf.txt"
    crlf.write_bytes(FULL_TEXT.read_bytes().replace(b"\n", b"\r\n"))
    doc = extract_file(crlf)
    assert doc.body == seed_doc.body
    assert [f.text for f in doc.footnotes] == [f.text for f in seed_doc.footnotes]
    assert [c.fields for c in doc.citations if c.kind != "ibid"] == [
        c.fields for c in seed_doc.citations if c.kind != "ibid"]
    assert [r.text for r in doc.references] == [r.text for r in seed_doc.references]
    for citation in doc.citations:
        assert doc.text[citation.source_start:citation.source_end] == citation.text
