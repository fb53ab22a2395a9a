"""A process reading a whole series must not keep every word it has met: each document's parse
runs in spaCy's memory zone, and what the zone learnt is gone when the document is done."""

from legation import nlp
from legation.ingest.units import lay_out
from legation.model import Source
from legation.pipeline import extract_layout


def _text(suffix: str) -> str:
    """A report naming three people and an incident by words no English pipeline has in its
    vocabulary (each test its own, so that none has met them before)."""
    return (f"On 12 March 1951 Ambassador Quorvantel{suffix} met Foreign Minister Blestrovak{suffix} "
            f"in Tokyo and protested against the Zemplinoth{suffix} incident.\n")


def _new_words(vocab, suffix: str) -> list[str]:
    return [w + suffix for w in ("Quorvantel", "Blestrovak", "Zemplinoth") if w + suffix in vocab.strings]


def test_words_parsed_in_a_document_block_are_forgotten_after_it():
    english = nlp.english()
    with nlp.one_document():
        parsed = nlp.parse_english(_text("a"))
        assert [t.text for t in parsed[0][1]][:4] == ["On", "12", "March", "1951"]
        assert _new_words(english.vocab, "a") == ["Quorvantela", "Blestrovaka", "Zemplinotha"]
    assert _new_words(english.vocab, "a") == []
    assert not english.vocab.in_memory_zone


def test_without_a_block_the_words_stay():
    english = nlp.english()
    nlp.parse_english(_text("b"))
    assert _new_words(english.vocab, "b") == ["Quorvantelb", "Blestrovakb", "Zemplinothb"]


def test_a_block_that_parses_nothing_enters_no_zone():
    with nlp.one_document():
        assert not nlp.english().vocab.in_memory_zone


def test_extracting_a_document_keeps_no_new_word_and_finds_the_same_actors():
    text = _text("c")
    source = Source(id="zone", path="zone.txt", sha256="0" * 64, format="text", size=len(text))
    first = extract_layout(source, lay_out("text", text))
    assert _new_words(nlp.english().vocab, "c") == []
    again = extract_layout(source, lay_out("text", text))
    assert [m.text for m in first.mentions] == [m.text for m in again.mentions]
    assert {m.text for m in first.mentions} >= {"Quorvantelc", "Blestrovakc"}
    assert [(e.date, e.type) for e in first.events] == [(e.date, e.type) for e in again.events]


def test_paragraphs_are_parsed_in_batches_bounded_in_count_and_characters():
    texts = ["a" * 4000, "b" * 4000, "c" * 4000, "d" * 12000, "e" * 10, "f" * 10, "g" * 10]
    sizes = [[len(t) for t in batch] for batch in nlp.batches(texts, most=2, chars=10_000)]
    # a batch closes at two texts or before 10,000 characters; a longer text goes alone
    assert sizes == [[4000, 4000], [4000], [12000], [10, 10], [10]]
    assert list(nlp.batches([])) == []


def test_a_long_body_parses_as_it_would_in_one_batch():
    # 200 paragraphs, 14,500 characters: four batches (64, 64, 64, 8)
    body = "\n".join(f"Paragraph {i}: the Ambassador called on Minister Blestrovakd{i} in Tokyo." for i in range(200))
    parsed = nlp.parse_english(body)
    whole = list(nlp.english().pipe(body.split("\n"), batch_size=64))
    assert [p.start_char for _, doc in parsed for p in doc.ents] == [e.start_char for doc in whole for e in doc.ents]
    assert [[t.dep_ for t in doc] for _, doc in parsed] == [[t.dep_ for t in doc] for doc in whole]
    assert [offset for offset, _ in parsed] == [m for m in range(len(body)) if m == 0 or body[m - 1] == "\n"]
