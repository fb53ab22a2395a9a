from hypothesis import given
from hypothesis import strategies as st

from legation.textmap import TextMap


def test_copied_runs_map_back_exactly():
    original = "abc<sup>1</sup>def"
    tm = TextMap()
    tm.copy(original, 0, 3)
    tm.copy(original, 15, 18)
    assert tm.text == "abcdef"
    assert [tm.to_source(i) for i in range(6)] == [0, 1, 2, 15, 16, 17]
    assert tm.span_to_source(2, 4) == (2, 16)


def test_replacements_cover_what_they_stand_for():
    original = "a&amp;b"
    tm = TextMap()
    tm.copy(original, 0, 1)
    tm.emit("&", 1, 6)
    tm.copy(original, 6, 7)
    assert tm.text == "a&b"
    assert tm.span_to_source(1, 2) == (1, 6)
    assert tm.span_to_source(0, 3) == (0, 7)


def test_rstrip_spaces_keeps_the_map_consistent():
    original = "word   x"
    tm = TextMap()
    tm.copy(original, 0, 7)
    tm.rstrip_spaces()
    tm.copy(original, 7, 8)
    assert tm.text == "wordx"
    assert tm.to_source(4) == 7


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=12), st.text(max_size=40))
def test_every_copied_character_maps_to_itself(cuts, original):
    tm = TextMap()
    position = 0
    for a, b in cuts:
        start, end = sorted((min(a, len(original)), min(b, len(original))))
        start = max(start, position)
        if end > start:
            tm.copy(original, start, end)
            position = end
    for i, ch in enumerate(tm.text):
        assert original[tm.to_source(i)] == ch
