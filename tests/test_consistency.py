"""One archive file cited in different ways across an article's notes."""

from __future__ import annotations

from legation.extract.consistency import archive_files_cited_differently
from legation.model import Citation


def cited(file, note):
    return Citation("archival", "…", 0, 1, footnote=note, file=file)


def test_a_level_given_in_one_note_and_left_out_in_another():
    found = archive_files_cited_differently([
        cited(("AVP RF", "0146", "22", "192", "13"), 3), cited(("AVP RF", "0146", "22", "192", "13"), 5),
        cited(("AVP RF", "0146", "22", None, "13"), 9)])
    assert [(d.code, d.footnote) for d in found] == [("archive-file-cited-differently", 9)]
    assert found[0].message == ("AVP RF, fond 0146, opis 22, delo 13: cited with papka 192 in notes 3, 5 "
                                "and without it in note 9")


def test_different_files_and_different_archives_are_not_flagged():
    assert archive_files_cited_differently([
        cited(("AVP RF", "0146", "22", "192", "13"), 1), cited(("AVP RF", "0146", "22", "193", "13"), 2),
        cited(("AVP RF", "0146", "22", None, "14"), 3), cited(("GARF", "0146", "22", None, "13"), 4),
        Citation("published", "…", 0, 1, footnote=5)]) == []
