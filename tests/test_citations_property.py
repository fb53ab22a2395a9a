"""No note makes the citation parser fail: any string, and strings made of citation pieces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from legation.extract.citations import parse_note, resolve_back_references
from legation.model import CITATION_KINDS

# Pieces of real citations, so that generated notes reach deep into the readers.
PIECES = [
    "AVP RF", "АВП РФ", "GA RF", "GAKhK", "F.", "Ф.", "Op.", "Оп.", "Pap.", "П.", "D.", "Д.", "L.", "Ll.", "Л.",
    "Karton", "Ed. khr.", "0146", "06", "803a", "P-4459", "Р-4459", "258–259", "1 об.", "12v", "ob.",
    "FRUS", "DGFP", "ДВП СССР", "Dokumenty vneshnei politiki", "1939", "1918–1945", "Vol.", "T.", "Т.", "III",
    "XXII", "Series", "D", "Third", "Kn.", "Кн.", "Washington:", "M.,", "М.:", "Press,", "P.", "Pp.", "S.",
    "С.", "62–63", "Ibid.", "Там же", "Ebd.", "Nichibei Shimbun", "23.09.1939", "31.02.1939", "September",
    "23,", "сентября", "г.", "№", "No.", "Molodyakov V. E.", "Rossiya", ";", ",", ".", ":", "(", ")", "[", "]",
    "//", " ", "  ", "\n", "–", "-", "0", "99999999999999", "9" * 5000,
    # other countries' archives, published works, back-references
    "NARA", "RG 59", "Box 12", "761.94/1123", "TNA", "FO 371/23561", "F 1234/87/23", "PA AA", "R 29843", "Bl.",
    "Rs.", "Bd.", "BArch", "RM 11/123", "Gaimushō kiroku", "A.1.1.0.21", "JACAR", "Ref.", "B02030012345",
    "NAA:", "A981", "[AA:", "ASV", "Senato", "filza", "b.", "reg.", "fasc.", "c.", "cc.", "34r", "15v", "MAE",
    "Série", "vol.", "V. E. Molodyakov,", "Hosoya Chihiro,", '"', "“", "”", "„", "«", "»", "in", "ed.,",
    "(Moscow: AIRO-XXI, 2012)", "(New York, 1980)", "no.", "op. cit.", "a.a.O.", "указ. соч.", "Ders.", "Он же",
    "Ivi", "ibidem", "p.", "pp.", "13–114", "Memoirs",
]
citation_like = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join)
notes = st.one_of(st.text(), citation_like, st.text(alphabet="FDLOPp. ,;()0123456789–обIVX", max_size=200))


def check_citations(note: str) -> list:
    citations = parse_note(note)
    position = 0
    for citation in citations:
        assert citation.kind in CITATION_KINDS
        assert citation.text == note[citation.start:citation.end]
        assert citation.text == citation.text.strip() != ""
        assert citation.start >= position
        position = citation.end
        assert citation.footnote is None and citation.source_start is None and citation.source_end is None
        if citation.kind == "other":
            assert citation.fields["reason"]
    return citations


@settings(max_examples=500)
@given(notes)
def test_parse_note_never_fails_and_keeps_offsets(note):
    check_citations(note)


@settings(max_examples=200)
@given(notes)
def test_parse_note_is_deterministic(note):
    assert [c.to_dict() for c in parse_note(note)] == [c.to_dict() for c in parse_note(note)]


def parsed(note_list: list[str]) -> list:
    citations = []
    for number, note in enumerate(note_list, start=1):
        for citation in check_citations(note):
            citation.footnote = number
            citations.append(citation)
    return citations


@settings(max_examples=200)
@given(st.lists(notes, max_size=8))
def test_back_references_never_fail_and_point_backwards(note_list):
    citations = parsed(note_list)
    diagnostics = resolve_back_references(citations)
    earlier: list = []
    unresolved = 0
    seen: set[tuple] = set()
    for citation in citations:
        refers_to = citation.fields.get("refers_to")
        if refers_to is not None:  # any back-reference points at a citation before it
            assert (refers_to["footnote"], refers_to["index"]) in seen
        seen.add((citation.footnote, sum(1 for f, _ in seen if f == citation.footnote)))
        if citation.kind == "ibid":
            resolved = citation.fields["resolved"]
            assert resolved is (earlier[-1] if earlier else None)
            unresolved += resolved is None
        else:
            earlier.append(citation)
        assert citation.fields["source_type"] in ("primary", "secondary", None)
    assert [d.code for d in diagnostics if d.code == "ibid-unresolved"] == ["ibid-unresolved"] * unresolved
    assert {d.code for d in diagnostics} <= {"ibid-unresolved", "back-reference-unresolved"}


@settings(max_examples=100)
@given(st.lists(notes, max_size=6))
def test_back_references_are_deterministic(note_list):
    first, second = parsed(note_list), parsed(note_list)
    assert resolve_back_references(first) == resolve_back_references(second)
    assert [c.to_dict() for c in first] == [c.to_dict() for c in second]
