"""Footnote numbering, anchors and diagnostics."""

from legation.extract.footnotes import build_footnotes
from legation.ingest.text import read_layout


def test_seed_has_44_notes_with_two_numbers_inferred(seed_layout):
    footnotes, _ = build_footnotes(seed_layout)
    assert [f.number for f in footnotes] == list(range(1, 45))
    assert [f.number for f in footnotes if f.number_inferred] == [5, 8]
    assert footnotes[4].text.startswith("FRUS, 1940. Vol. I, General.")
    assert footnotes[7].text.endswith("Pp. 62–63.")


def test_seed_anchors_are_the_sentences_the_markers_close(seed_layout):
    footnotes, _ = build_footnotes(seed_layout)
    body = seed_layout.body.text
    anchored = {f.number: body[f.anchor.start:f.anchor.end] for f in footnotes if f.anchor}
    assert set(anchored) == set(range(1, 45)) - {1, 7, 15, 36}
    assert anchored[2] == ("Temporary chargé d'affaires Eugene Dooman wrote that everyone, from government "
                           "officials to ordinary subjects, were stunned by the actions of the Germans.")
    assert anchored[9].startswith('"Malicious and anti-Soviet articles," as K. A. Smetanin')
    assert anchored[9].endswith('pose questions in a businesslike manner."')
    assert anchored[32].endswith("public conversations with Soviet representatives,")
    assert anchored[43].endswith('called on its employees to "be on guard"')
    assert anchored[44].endswith('a not entirely smart trickster."')


def test_seed_anchor_offsets_lead_to_the_marker_in_the_file(seed_layout):
    footnotes, _ = build_footnotes(seed_layout)
    for footnote in footnotes:
        if footnote.marker_source:
            marker = seed_layout.text[footnote.marker_source.start:footnote.marker_source.end]
            assert str(footnote.number) in marker
        assert seed_layout.text[footnote.source_start:footnote.source_end].rstrip().endswith(footnote.text[-10:])


def test_seed_diagnostics_name_the_notes_that_lost_their_markers(seed_layout):
    _, diagnostics = build_footnotes(seed_layout)
    assert sorted((d.code, d.footnote) for d in diagnostics) == [
        ("note-without-marker", 1), ("note-without-marker", 7), ("note-without-marker", 15),
        ("note-without-marker", 36)]


def _notes(body, notes):
    return build_footnotes(read_layout(body + "\n\n" + "\n\n".join(notes) + "\n"))


def test_gap_duplicate_and_marker_without_note():
    footnotes, diagnostics = _notes(
        "One.<sup>1</sup> Two.<sup>2</sup> Four.<sup>4</sup> Five.<sup>5</sup>",
        ["<sup>1</sup> AVP RF. F. 1. Op. 1. D. 1. L. 1.", "<sup>2</sup> AVP RF. F. 1. Op. 1. D. 1. L. 2.",
         "<sup>2</sup> AVP RF. F. 1. Op. 1. D. 1. L. 3.", "<sup>4</sup> AVP RF. F. 1. Op. 1. D. 1. L. 4."])
    codes = sorted((d.code, d.footnote) for d in diagnostics)
    assert ("footnote-duplicate", 2) in codes
    assert ("footnote-gap", 3) in codes
    assert ("marker-without-note", 5) in codes


def test_inferred_number_that_does_not_fit_is_flagged():
    footnotes, diagnostics = _notes(
        "One.<sup>1</sup> Two.<sup>2</sup> Three.<sup>3</sup> Four.<sup>4</sup>",
        ["<sup>1</sup> AVP RF. F. 1. Op. 1. D. 1. L. 1.", "FRUS, 1939. Vol. III. Washington, 1955. P. 5.",
         "<sup>4</sup> AVP RF. F. 1. Op. 1. D. 1. L. 4."])
    assert [(f.number, f.number_inferred) for f in footnotes] == [(1, False), (2, True), (4, False)]
    assert any(d.code == "footnote-number-uncertain" for d in diagnostics)


def test_anchor_does_not_reach_back_past_initials_or_the_previous_marker():
    footnotes, _ = _notes(
        "Earlier text. As N. I. Generalov wrote to the U.S. envoy, all was well.<sup>1</sup> Then A,<sup>2</sup> and B.<sup>3</sup>",
        ["<sup>1</sup> Ibid.", "<sup>2</sup> Ibid.", "<sup>3</sup> Ibid."])
    layout_body = read_layout(
        "Earlier text. As N. I. Generalov wrote to the U.S. envoy, all was well.<sup>1</sup> Then A,<sup>2</sup> and B.<sup>3</sup>"
        "\n\n<sup>1</sup> Ibid.\n\n<sup>2</sup> Ibid.\n\n<sup>3</sup> Ibid.\n").body.text
    spans = [layout_body[f.anchor.start:f.anchor.end] for f in footnotes]
    assert spans == ["As N. I. Generalov wrote to the U.S. envoy, all was well.", "Then A,", "and B."]
