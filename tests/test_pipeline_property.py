"""Whatever a file holds, extraction ends in a Document whose offsets are all inside its texts."""

from hypothesis import given, settings
from hypothesis import strategies as st

from legation.ingest.source import source_id
from legation.model import Source
from legation.pipeline import extract_text
from conftest import FULL_TEXT

SEED_LINES = FULL_TEXT.read_text(encoding="utf-8").splitlines()
SOURCE = Source(id=source_id("0" * 64), path="generated.md", format="markdown", sha256="0" * 64, size=0)


def check_offsets(doc):
    n, body = len(doc.text), len(doc.body)
    for f in doc.footnotes:
        assert 0 <= f.source_start <= f.source_end <= n
        if f.anchor:
            assert 0 <= f.anchor.start <= f.anchor.end <= body
    for c in doc.citations:
        assert 0 <= c.source_start <= c.source_end <= n
    for c in doc.intext_citations:
        assert doc.body[c.start:c.end] == c.text
        assert 0 <= c.source_start <= c.source_end <= n
    for r in doc.references:
        assert 0 <= r.source_start <= r.source_end <= n


@settings(max_examples=150)
@given(st.lists(st.sampled_from(SEED_LINES), max_size=60))
def test_any_arrangement_of_article_lines(lines):
    check_offsets(extract_text(SOURCE, "\n".join(lines)))


@settings(max_examples=150)
@given(st.text(alphabet=st.sampled_from(list("ab .,;:\"'“”«»()[]<>/&#*_-–\n1234567890¹²FLOpDPIbid")), max_size=400))
def test_any_text_made_of_apparatus_characters(text):
    check_offsets(extract_text(SOURCE, text))


@given(st.text(max_size=300))
def test_any_text(text):
    check_offsets(extract_text(SOURCE, text))
