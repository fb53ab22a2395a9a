"""A gzip-compressed TEI volume is read as it is (the FRUS series is kept so), as the same source
as its unpacked copy; a corpus folder's own README is not ingested."""

from __future__ import annotations

import gzip
import json

from typer.testing import CliRunner

from legation.cli import app
from legation.devdata import FRUS_EXCERPT
from legation.ingest.source import content_suffix
from legation.ingest.units import read_units

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def compressed_copy(folder, name="frus1949v07p2-excerpt.xml.gz"):
    path = folder / name
    path.write_bytes(gzip.compress(FRUS_EXCERPT.read_bytes()))
    return path


def test_content_suffix_looks_through_compression():
    assert content_suffix("frus1955-57v11.xml.gz") == ".xml"
    assert content_suffix("notes.md") == ".md"
    assert content_suffix("archive.gz") == ""


def test_a_compressed_volume_gives_the_same_units_as_its_plain_copy(tmp_path):
    plain = list(read_units(FRUS_EXCERPT))
    packed = list(read_units(compressed_copy(tmp_path)))
    assert len(plain) == len(packed) == 32
    assert [u.text for u in plain] == [u.text for u in packed]
    assert [u.report.id for u in plain] == [u.report.id for u in packed]
    assert {u.source.sha256 for u in plain} == {u.source.sha256 for u in packed}  # the content's hash


def test_a_folder_of_compressed_volumes_is_ingested_and_its_readme_skipped(tmp_path):
    folder = tmp_path / "series"
    folder.mkdir()
    compressed_copy(folder)
    (folder / "README.md").write_text("# FRUS series\n\nSource: the Office of the Historian. Licence: public domain.\n")
    (folder / "MANIFEST.csv").write_text("file,documents\nfrus1949v07p2-excerpt.xml.gz,32\n")
    db = tmp_path / "s.db"
    result = run("ingest", folder, "--db", db, "--layers", "apparatus")
    assert result.exit_code == 0, result.output
    assert "skipped 2 file(s)" in result.stderr and "README.md" in result.stderr
    works = json.loads(run("works", "--db", db, "--json").stdout)
    paths = {s["path"].split("#")[0] for w in works for s in w["sources"]}
    assert paths == {str(folder / "frus1949v07p2-excerpt.xml.gz")}
    assert sum(len(w["sources"]) for w in works) == 32


def test_a_truncated_compressed_volume_is_one_clear_error(tmp_path):
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(gzip.compress(FRUS_EXCERPT.read_bytes())[:5000])
    result = run("ingest", path, "--db", tmp_path / "s.db", "--layers", "apparatus")
    assert result.exit_code == 2
    assert "cut.xml.gz" in result.stderr
