"""The CRF reference labeller, the labelled-set readers and parse_line's fields and types."""

import json

import pytest

from hypothesis import given, strategies as st

from conftest import shared_path
from legation.extract.crf import (ARCHIVAL_COMPONENTS, LINKEDBOOKS_MODEL, LINKEDBOOKS_TYPES_MODEL, MAX_TOKENS,
                                  archival_evidence, label_components, label_line, label_reference, label_words,
                                  line_features, preceding_words, primary_by_share, primary_line_probabilities,
                                  reference_kind, reference_type, tokenize)
from legation.extract.labelled import read_anystyle, read_cora, read_linkedbooks
from legation.extract.references import parse_reference
from legation.formats.bibliography import reference_to_csl
from legation.extract.parse_line import parse_line, parse_lines, to_bibtex_entries, to_csl_items

APPARATUS = shared_path("data", "apparatus")
CHICAGO = ('Hosoya, Chihiro. "The Japanese-Soviet Neutrality Pact." In The Fateful Choice, edited by '
           "James W. Morley, 13–114. New York: Columbia University Press, 1980.")
ITALIAN_BOOK = "F. Braudel, Civiltà e imperi del Mediterraneo nell'età di Filippo II, Torino, Einaudi, 1953, pp. 120-134."
ITALIAN_ARCHIVE = "ASV, Senato, Dispacci, Costantinopoli, filza 12, c. 34r."


def values(fields) -> dict[str, str]:
    return {f.field: f.value for f in fields}


def test_tokens_carry_their_offsets():
    text = "  Smith, J. (1999). Title:  a study."
    for fine in (False, True):
        tokens = tokenize(text, fine)
        assert all(text[t.start:t.end] == t.text for t in tokens)
    assert [t.text for t in tokenize("Smith, J.", fine=True)] == ["Smith", ",", "J", "."]


def test_chicago_reference_fields():
    fields = values(label_reference(CHICAGO))
    assert fields["author"] == "Hosoya, Chihiro"
    assert fields["title"] == "The Japanese-Soviet Neutrality Pact"
    assert fields["publisher"] == "Columbia University Press"
    assert fields["location"] == "New York"
    assert fields["pages"] == "13–114" and fields["date"] == "1980"


def test_italian_book_fields():
    fields = values(label_reference(ITALIAN_BOOK))
    assert fields["author"] == "F. Braudel"
    assert fields["location"] == "Torino" and fields["publisher"] == "Einaudi" and fields["date"] == "1953"


@pytest.mark.shared("data", "apparatus")
def test_gold_reference_from_the_shared_set():
    first = read_anystyle(APPARATUS / "anystyle" / "gold.xml")[0]
    fields = values(label_reference(first.text))
    assert fields["container-title"] == "European Journal of Clinical Pharmacology"
    assert fields["volume"] == "61" and fields["pages"] == "327–335"


@pytest.mark.shared("data", "apparatus")
def test_readers_of_the_labelled_sets():
    gold = read_anystyle(APPARATUS / "anystyle" / "gold.xml")
    assert len(gold) == 1669
    assert all(ref.text[s:e] for ref in gold[:50] for _, s, e in ref.spans)
    cora = read_cora(APPARATUS / "parscit" / "tagged_references.txt")
    assert len(cora) == 500 and "container-title" in cora[0].labels  # booktitle mapped
    valid = read_linkedbooks(APPARATUS / "linkedbooks" / "clean_valid.txt")
    assert valid[0].words[:3] == ["C", ".", "Agnoletti"] and valid[0].components[0] == "author"


def test_archival_components_of_an_italian_citation():
    fields = values(label_components(ITALIAN_ARCHIVE))
    assert fields["archive_lib"] == "ASV"
    assert any(f in fields for f in ("filza", "box")) and "cartulation" in fields


def test_primary_and_secondary_types():
    assert reference_type(ITALIAN_ARCHIVE) == "primary"
    assert reference_type(ITALIAN_BOOK) == "secondary"
    assert parse_line(ITALIAN_ARCHIVE)["source_type"] == "primary"
    assert parse_line("AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 258–259.")["source_type"] == "primary"
    assert parse_line(CHICAGO)["source_type"] == "secondary"


def test_reference_types_without_their_position():
    assert [reference_kind(t) for t in ("b-primary", "i-meta-annotation", "e-secondary", "o")] == [
        "primary", "meta-annotation", "secondary", "o"]


def test_any_model_counts_as_archival_evidence():
    components = ["archive_lib", "title", "title", "o", "year", "o"]
    types = ["secondary", "primary", "primary", "o", "o", "o"]
    evidence = archival_evidence(components, types)
    assert evidence == [True, True, True, False, False, False]
    assert primary_by_share(evidence) and not primary_by_share(evidence[1:])  # 3 of 6, 2 of 5
    assert archival_evidence(components, types, line_primary=0.9) == [True] * 6
    assert archival_evidence(components, types, line_primary=0.1) == evidence


def test_a_line_as_an_item_of_the_lines_model():
    feats = line_features(["b", ".", "312", ",", "Arti"], ["primary", "primary", "primary", "o", "secondary"])
    assert {"prim=3", "sec=1", "anyprim", "headprim", "first=b", "w=arti", "w=312"} <= set(feats)
    assert "anyprim" not in line_features(["Arti"], ["secondary"])


def test_the_lines_model_reads_a_line_with_those_before_it():
    above = "Archivio di Stato di Venezia, Arti, b. 312, Mariegola dell'Arte dei Tagiapiera;"
    series = "Arte dei Marzeri, Arte dei Fabbri."
    lines = [[t.text for t in tokenize(line, fine=True)] for line in (above, series)]
    kinds = [label_words(words, LINKEDBOOKS_TYPES_MODEL) for words in lines]
    with_above = primary_line_probabilities(lines, kinds)
    alone = primary_line_probabilities(lines[1:], kinds[1:])
    assert len(with_above) == 2 and all(0 <= p <= 1 for p in with_above)
    assert with_above[0] > 0.5 and with_above[1] > alone[0]


def test_a_line_is_labelled_together_with_the_lines_before_it():
    above = "Archivio di Stato di Venezia, Arti, b. 312, Mariegola dell'Arte dei Tagiapiera;"
    series = "Arte dei Marzeri, Arte dei Fabbri."
    lines = [[t.text for t in tokenize(line, fine=True)] for line in (above, series)]
    first = label_line(lines, 0, LINKEDBOOKS_MODEL)
    assert first == label_words(lines[0], LINKEDBOOKS_MODEL) and first[0] in ARCHIVAL_COMPONENTS
    continued = label_line(lines, 1, LINKEDBOOKS_MODEL)
    alone = label_words(lines[1], LINKEDBOOKS_MODEL, preceding_words(lines, 1))  # the words above as context only
    assert len(continued) == len(lines[1])
    assert continued[0] == first[-1] != alone[0]  # the component the line above ends with goes on


def test_a_block_too_long_for_one_pass_is_labelled_line_by_line():
    lines = [["Senato", ",", "b", ".", "12"] * (MAX_TOKENS // 5), ["c", ".", "3"]]
    assert label_line(lines, 1, LINKEDBOOKS_MODEL) == label_words(lines[1], LINKEDBOOKS_MODEL, preceding_words(lines, 1))


SERIES = "Arte dei Marzeri, Arte dei Fabbri."
SERIES_ABOVE = "Archivio di Stato di Venezia, Arti, b. 312, Mariegola dell'Arte dei Tagiapiera;"


def test_a_continuation_line_alone_is_secondary():
    assert parse_line(SERIES)["source_type"] == "secondary"
    assert parse_lines([SERIES_ABOVE])[0]["source_type"] == "primary"


def test_a_continuation_line_is_typed_with_the_line_above():
    """A bare series name under a primary line is primary too (crf_lexicon.toml [source_type])."""
    assert [r["source_type"] for r in parse_lines([SERIES_ABOVE, "", SERIES])] == ["primary", "primary"]


def test_seed_references_keep_their_rule_parse(seed_doc):
    assert len(seed_doc.references) == 15
    rule_items = 0
    for ref in seed_doc.references:
        result = parse_line(ref.text)
        assert result["kind"] == "published" and result["source_type"] == "secondary"
        if "id" in result:  # not a document series (those keep the note parser's fields)
            before = reference_to_csl(parse_reference(ref.text))
            assert {k: result[k] for k in before} == before
            rule_items += 1
    assert rule_items == 13


def test_parse_line_fields_point_into_the_line():
    line = "   " + CHICAGO + "  "
    result = parse_line(line)
    assert result["kind"] == "published"
    assert result["fields"] and all(line[f["start"]:f["end"]] == f["value"] for f in result["fields"])
    assert result["publisher"] == "Columbia University Press"


def test_archival_note_fields_are_the_rule_fields_located():
    line = "AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 258–259."
    result = parse_line(line)
    assert result["kind"] == "archival"
    by_name = {f["field"]: f for f in result["fields"]}
    assert line[by_name["fond"]["start"]:by_name["fond"]["end"]] == "0146"
    assert by_name["folio_last"]["value"] == "259"


def test_renderings_for_reference_managers():
    results = parse_lines([CHICAGO, "", ITALIAN_ARCHIVE, ITALIAN_BOOK])
    assert len(results) == 3
    items = to_csl_items(results)
    ids = [item["id"] for item in items]
    assert len(ids) == 2 and len(set(ids)) == 2 and all(ids)
    assert items[0]["publisher"] == "Columbia University Press"
    json.dumps(items)
    bibtex = to_bibtex_entries(results)
    assert bibtex.count("\n@") == 1 and "publisher = {Einaudi}" in bibtex


@given(st.text(max_size=300))
def test_labeller_never_raises_and_offsets_are_in_range(text):
    for fields in (label_reference(text), label_components(text)):
        assert all(0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.value for f in fields)


@given(st.text(alphabet=st.sampled_from(list("Ab1.,;:()[]\"“”'- \tvol.pp.ed.")), max_size=200))
def test_parse_line_is_total_and_deterministic(text):
    first = parse_line(text)
    assert first == parse_line(text)
    assert first["source_type"] in ("primary", "secondary")
    assert all(text[f["start"]:f["end"]] == f["value"] for f in first["fields"])


def test_a_huge_line_is_labelled_in_chunks():
    text = ("Smith, J. (1999). A title. London: Press. " * 5000)[:200_000]
    fields = label_reference(text)
    assert fields and fields[-1].end <= len(text)


def test_an_archival_source_the_rules_do_not_know_is_read_by_the_linked_books_models():
    line = "Scuola di S. Rocco, Seconda consegna, b. 42, fasc. 3"
    result = parse_line(line)
    assert result["kind"] == "archival" and result["source_type"] == "primary" and result["method"] == "linkedbooks"
    assert result["path"] and result["path"][0].startswith("Scuola di S. Rocco")
    archival = [f for f in result["fields"] if f["field"] in ("archive", "path", "box", "filza", "registry", "folder",
                                                               "folios")]
    assert archival and all(line[f["start"]:f["end"]] == f["value"] for f in archival)


def test_a_published_work_stays_published():
    result = parse_line("Rossi, M., Storia di Venezia, Milano, 1990, p. 23")
    assert result["kind"] == "published" and result["source_type"] == "secondary"


def test_a_rule_citations_path_levels_are_located_in_the_line():
    line = "AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 258–259."
    paths = [f for f in parse_line(line)["fields"] if f["field"] == "path"]
    assert [f["value"] for f in paths] == ["F. 0146", "Op. 22", "Pap. 192", "D. 13"]
    assert all(line[f["start"]:f["end"]] == f["value"] for f in paths)
