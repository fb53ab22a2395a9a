"""A documentary edition's list of persons, read from a text file's front matter: entries split
into name and identification, and the collection's people given their sides from it."""

from __future__ import annotations

import pytest

from legation.devdata import shared_path
from legation.ingest import tei
from legation.ingest.persons_list import persons_list
from legation.ingest.units import read_units
from legation.pipeline import extract_unit, read_collection

FRONT = """Foreign Relations of the United States, 1964–1968, Volume XVII

Persons

Anderson, H. Eugenie, Minister to Bulgaria to December 1964
Bonesteel, General Charles H., III, Commander in Chief, United Nations Command
Chou En-lai, Premier of the People's Republic of China
Kosygin, Aleksei N., Chairman of the Council of Ministers of the Soviet Union; also
    member of the Politburo
de Gaulle, Charles, President of France
Thant, U, Secretary-General of the United Nations

Bulgaria
"""


def test_entries_are_split_into_the_name_and_what_the_list_says():
    entries = persons_list(FRONT)
    assert [(e.written, e.identification) for e in entries] == [
        ("Anderson, H. Eugenie", "Minister to Bulgaria to December 1964"),
        ("Bonesteel, General Charles H., III", "Commander in Chief, United Nations Command"),
        ("Chou En-lai", "Premier of the People's Republic of China"),
        ("Kosygin, Aleksei N.", "Chairman of the Council of Ministers of the Soviet Union; also member of the Politburo"),
        ("de Gaulle, Charles", "President of France"),
        ("Thant, U", "Secretary-General of the United Nations"),
    ]
    assert FRONT[entries[2].start:].startswith("Chou En-lai, Premier")  # provenance: where it is written


@pytest.mark.parametrize("text", [
    "Rusk, Dean, Secretary of State\n",  # entries without the list's heading
    "Persons\n\nRusk, Dean\nMcNamara, Robert S.\n",  # names alone: an index, not a list that identifies
    "The persons present were\n\nRusk, Dean, Secretary of State\n",
])
def test_no_list_without_its_heading_and_its_identifications(text):
    assert persons_list(text) == []


REPORTS = """Persons

Bashev, Ivan, Bulgarian Foreign Minister
Anderson, H. Eugenie, Minister to Bulgaria to December 1964

1. Telegram From the Legation in Bulgaria to the Department of State

Sofia, March 3, 1964, 1600Z.

1012. Anderson called on Bashev this morning. Bashev said that Bulgaria wished to settle the claims.

2. Telegram From the Legation in Bulgaria to the Department of State

Sofia, March 9, 1964, 1100Z.

1040. Bashev told Anderson that the claims talks could begin in April.
"""


def test_a_text_collection_reads_its_list_and_its_people_get_their_sides(tmp_path):
    path = tmp_path / "volume.txt"
    path.write_text(REPORTS, encoding="utf-8")
    units = [u for u in read_collection(path)]
    assert len(units) == 2 and [e.written for e in units[0].listed] == ["Bashev, Ivan", "Anderson, H. Eugenie"]
    doc = extract_unit(units[1])
    sides = {p.name: p.side for p in doc.persons}
    assert sides.get("Ivan Bashev") == "BGR" and sides.get("H. Eugenie Anderson") == "USA"


VOLUME = shared_path("data", "frus-series", "frus1964-68v17.xml.gz")


@pytest.mark.skipif(not VOLUME.exists(), reason="needs ../shared/data/frus-series/frus1964-68v17.xml.gz")
def test_a_rendered_volume_gives_back_its_list_of_persons(tmp_path):
    volume = VOLUME
    info = tei.volume_info(volume)
    path = tmp_path / "v17.txt"
    path.write_text("".join(tei.render_volume(volume, persons_list=True)), encoding="utf-8")
    plain = "".join(tei.render_volume(volume))
    units = list(read_units(path))
    assert len(units) == len(list(read_units_of_text(tmp_path, plain)))  # the list is no report
    listed = units[0].listed
    assert [e.written for e in listed] == list(info["persons"].values())
    assert [e.identification for e in listed] == [info["identifications"][k] for k in info["persons"]]


def read_units_of_text(folder, text):
    path = folder / "plain.txt"
    path.write_text(text, encoding="utf-8")
    return read_units(path)


def test_names_with_a_gloss_a_nickname_or_a_line_of_their_own_stay_in_the_list():
    text = """Persons

Bartholomew, Reginald H., “Reg”, Deputy Director, Policy Planning Staff
Berger, Samuel R. “Sandy,” Deputy Director, Policy Planning Staff
Carter, James Earl, Jr. “Jimmy”, President of the United States
Chou En-lai (Zhou Enlai), Premier of the People's Republic of China
(Teng Hsiao-p’ing)
Irwin, John A., II., Assistant Secretary of Defense
Peixoto, Erani do Amaral, Brazilian Minister
"""
    assert [(e.written, e.identification) for e in persons_list(text)] == [
        ("Bartholomew, Reginald H., “Reg”", "Deputy Director, Policy Planning Staff"),
        ("Berger, Samuel R. “Sandy”", "Deputy Director, Policy Planning Staff"),
        ("Carter, James Earl, Jr. “Jimmy”", "President of the United States"),
        ("Chou En-lai (Zhou Enlai)", "Premier of the People's Republic of China (Teng Hsiao-p’ing)"),
        ("Irwin, John A., II.", "Assistant Secretary of Defense"),
        ("Peixoto, Erani do Amaral", "Brazilian Minister"),
    ]
