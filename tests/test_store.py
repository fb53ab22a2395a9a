"""The SQLite store: one work from two sources, idempotence, atomicity, the citation index."""

import pytest

from legation.pipeline import extract_file
from legation.store.sqlite import SCHEMA_VERSION, Store, StoreError


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "test.db") as store:
        yield store


def test_two_seeds_are_one_work(store, seed_doc, abstract_doc):
    assert store.add_document(seed_doc) and store.add_document(abstract_doc)
    [work] = store.works()
    assert work["doi"] == "10.55105/2658-6444-2025-1-73-92"
    assert work["volume"] == "8"  # known only to the abstract page, filled in
    assert len(work["sources"]) == 2
    differences = work["differences"]
    assert {"field": "reference", "id": "samoylov-2015", "label": "Samoylov 2015",
            "only_in": [seed_doc.source.id]} in differences
    assert [d["field"] for d in differences if d["field"] != "reference"] == ["volume"]
    assert len([d for d in differences if d["field"] == "reference"]) == 1


def test_ingest_is_idempotent(store, seed_doc):
    assert store.add_document(seed_doc) is True
    before = store.counts()
    assert store.add_document(seed_doc) is False
    assert store.counts() == before
    assert before["footnotes"] == 44 and before["citations"] == 44 and before["bib_references"] == 15


def test_a_failure_mid_document_leaves_nothing(store, seed_doc, monkeypatch):
    def explode(doc):
        store.db.execute("INSERT INTO footnotes VALUES (?, 0, 1, 0, 't', NULL, NULL, 0, 1)", (doc.source.id,))
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_insert_apparatus", explode)
    with pytest.raises(RuntimeError):
        store.add_document(seed_doc)
    assert set(store.counts().values()) == {0}


def test_a_changed_file_replaces_its_earlier_version(store, tmp_path):
    path = tmp_path / "article.md"
    path.write_text("First version of a note.<sup>1</sup>\n\n<sup>1</sup> AVP RF. F. 1. Op. 2. D. 3. L. 4.\n")
    store.add_document(extract_file(path))
    path.write_text("Second version.<sup>1</sup>\n\n<sup>1</sup> AVP RF. F. 1. Op. 2. D. 3. L. 5.\n")
    store.add_document(extract_file(path))
    assert store.counts()["sources"] == 1
    assert store.citation_index()[0]["folios"] == ["5"]


def test_citation_index_ranks_files_by_citing_notes(store, seed_doc, abstract_doc):
    store.add_document(seed_doc)
    store.add_document(abstract_doc)
    index = store.citation_index()
    ranked = [(r["archive"], r["fond"], r["opis"], r["papka"], r["delo"], r["notes"]) for r in index]
    assert ranked == [
        ("AVP RF", "0146", "23", "206", "14", 12),
        ("AVP RF", "0146", "22", "192", "13", 10),
        ("AVP RF", "0146", "22", "191", "3", 5),
        ("GA RF", "P-4459", "27", None, "590", 5),
        ("AVP RF", "0146", "22", "202", "101", 1),
        ("AVP RF", "06", "6", "58", "803a", 1),
    ]
    assert index[1]["folios"] == ["19", "170", "174", "182", "227", "252", "254", "258", "258–259"]
    assert sum(r["notes"] for r in index) == 34


def test_schema_is_versioned(tmp_path):
    path = tmp_path / "v.db"
    with Store(path) as store:
        assert store.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
        store.db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_without_doi_title_and_year_make_one_work(store, tmp_path):
    header = "Diplomatic History 44, no. 2 (2020): 210–235\n\nMoscow's Envoys in Tokyo\n\n"
    prose = "Long prose of the article that runs on for a while about envoys and their reports. " * 4
    (tmp_path / "a.txt").write_text(header + prose + "\n")
    (tmp_path / "b.txt").write_text(header + "Another copy. " + prose + "\n")
    store.add_document(extract_file(tmp_path / "a.txt"))
    store.add_document(extract_file(tmp_path / "b.txt"))
    [work] = store.works()
    assert work["title"] == "Moscow's Envoys in Tokyo" and len(work["sources"]) == 2


def test_an_archive_missing_from_the_scheme_table_is_indexed_under_its_name(store, tmp_path):
    path = tmp_path / "local.md"
    path.write_text("A claim.<sup>1</sup> Another.<sup>2</sup>\n\n<sup>1</sup> GAKhK. F. 1. Op. 2. D. 3. L. 4.\n\n"
                    "<sup>2</sup> Ibid. L. 7.\n")
    store.add_document(extract_file(path))
    [row] = store.citation_index()
    assert (row["archive"], row["archive_id"], row["fond"], row["delo"], row["notes"]) == ("GAKhK", "GAKhK", "1", "3", 2)
    assert row["folios"] == ["4", "7"]
