"""Archival citations of other countries' archives: each scheme's levels, folios and file identity."""

from __future__ import annotations

import pytest

from legation.extract.citations import archival_key, parse_note

NARA = {"archive_id": "NARA", "country": "US", "scheme": "nara"}
TNA = {"archive_id": "TNA", "country": "GB", "scheme": "tna"}
PA_AA = {"archive": "PA AA", "archive_id": "PA AA", "country": "DE", "scheme": "pa_aa"}

CASES = [
    # United States: record group, series (a name), decimal file, box; "RG" alone names NARA
    ("RG 59, Central Decimal File 761.94/1123",
     {**NARA, "archive": "NARA", "archive_implied": True, "record_group": "59", "series": "Central Decimal File",
      "file": "761.94/1123", "box": None, "path": ["RG 59", "Central Decimal File 761.94/1123"]}),
    ("NARA, RG 84, Tokyo Embassy, Box 12",
     {**NARA, "archive": "NARA", "record_group": "84", "series": "Tokyo Embassy", "box": "12",
      "path": ["RG 84", "Tokyo Embassy", "Box 12"]}),
    ("Memorandum by Hornbeck, 3 March 1941, NARA, RG 59, Decimal File 1940–1944, 711.94/2045, Box 3024.",
     {**NARA, "record_group": "59", "series": "Decimal File 1940–1944", "file": "711.94/2045", "box": "3024"}),
    ("Grew to Hull, 12 May 1941, Record Group 59, 894.00/1043, National Archives, College Park.",
     {**NARA, "record_group": "59", "file": "894.00/1043", "series": None}),
    # United Kingdom: department, series, piece; the FO registry number; folios; PRO for TNA
    ("TNA, FO 371/23561, F 1234/87/23",
     {**TNA, "archive": "TNA", "department": "FO", "series": "371", "piece": "23561",
      "registry_number": "F 1234/87/23", "folios": None, "path": ["FO 371/23561", "F 1234/87/23"]}),
    ("PRO, FO 371/22185, F 8976/71/10, ff. 123–125.",
     {**TNA, "archive": "PRO", "piece": "22185", "folios": "123–125", "folio_first": 123, "folio_last": 125,
      "verso": False}),
    ("Cabinet conclusions, 12 June 1941, CAB 65/18/38.",
     {**TNA, "archive_implied": True, "department": "CAB", "series": "65", "piece": "18", "item": "38"}),
    ("Churchill to Eden, minute, PREM 3/252/6A, f. 45v",
     {**TNA, "department": "PREM", "series": "3", "piece": "252", "item": "6A", "folios": "45v", "verso": True}),
    # Germany: the Foreign Office's R numbers and Bände, Blatt with Rückseite; the Bundesarchiv
    ("PA AA, R 29843, Bl. 12",
     {**PA_AA, "signature": "R 29843", "folios": "12", "folio_first": 12, "verso": False, "path": ["R 29843"]}),
    ("Aufzeichnung Weizsäcker, 4.4.1941, PA AA, Büro des Staatssekretärs, Japan, Bd. 4, R 29845, Bl. 45–46 Rs.",
     {**PA_AA, "bestand": "Büro des Staatssekretärs", "subject": "Japan", "band": "4", "signature": "R 29845",
      "folio_first": 45, "folio_last": 46, "verso": True,
      "path": ["Büro des Staatssekretärs", "Japan", "Bd. 4", "R 29845"]}),
    ("Ott an AA, 14.4.1941, PA AA, R 29843, Bl. 112.",  # "AA" here is the Foreign Office, not the NAA
     {**PA_AA, "signature": "R 29843", "folio_first": 112}),
    ("BArch, RM 11/123",
     {"archive": "BArch", "archive_id": "BArch", "scheme": "barch", "bestand": "RM 11", "file": "123"}),
    ("Bundesarchiv, R 43 II/1421, Bl. 5",
     {"archive_id": "BArch", "bestand": "R 43 II", "file": "1421", "folio_first": 5}),
    # Japan: the Foreign Ministry's file classification, JACAR reference codes
    ("Gaimushō kiroku A.1.1.0.21",
     {"archive": "Gaimushō kiroku", "archive_id": "DAMOFA", "country": "JP", "file_number": "A.1.1.0.21"}),
    ("Gaimusho Kiroku, A.1.1.0.21-12, \"Nisso chūritsu jōyaku kankei ikken\", vol. 2, JACAR Ref. B02030012300.",
     {"archive_id": "DAMOFA", "file_number": "A.1.1.0.21-12", "file_title": "Nisso chūritsu jōyaku kankei ikken",
      "volume": "2", "jacar_ref": "B02030012300"}),
    ("JACAR Ref. B02030012345",
     {"archive": "JACAR", "archive_id": "JACAR", "reference": "B02030012345", "path": ["Ref. B02030012345"]}),
    ("JACAR (Japan Center for Asian Historical Records) Ref. C01004123400, National Institute for Defense Studies",
     {"archive_id": "JACAR", "reference": "C01004123400", "title": None,
      "holding_archive": "National Institute for Defense Studies"}),
    ("JACAR Ref. C01004877900, Rikugunshō Dainikki Kō, Bōei Kenkyūjo",
     {"reference": "C01004877900", "title": "Rikugunshō Dainikki Kō", "holding_archive": "Bōei Kenkyūjo"}),
    # Australia: series, control symbol, part; the older "AA:" form in brackets
    ("NAA: A981, FAR EAST 25B",
     {"archive": "NAA", "archive_id": "NAA", "country": "AU", "series": "A981", "control_symbol": "FAR EAST 25B",
      "item": None}),
    ("[AA:A981, FAR EAST 25B, i]",
     {"archive": "AA", "archive_id": "NAA", "series": "A981", "control_symbol": "FAR EAST 25B", "item": "i",
      "path": ["A981", "FAR EAST 25B", "i"]}),
    ("NAA: A1838, 3123/5/1, part 2", {"series": "A1838", "control_symbol": "3123/5/1", "item": "part 2"}),
    # Italy: named fondo and serie, busta / filza / registro, fascicolo, carte with recto and verso
    ("ASV, Senato, Dispacci, Costantinopoli, filza 12, c. 34r",
     {"archive": "ASV", "archive_id": "ASVe", "country": "IT", "fondo": "Senato", "serie": "Dispacci",
      "subseries": "Costantinopoli", "filza": "12", "folios": "34r", "folio_first": 34, "verso": False,
      "path": ["Senato", "Dispacci", "Costantinopoli", "filza 12"]}),
    ("ASVe, Senato, Dispacci, Costantinopoli, filza 12, cc. 12r-15v",
     {"folios": "12r-15v", "folio_first": 12, "folio_last": 15, "verso": True}),
    ("ASMAE, Affari Politici 1931–1945, Giappone, b. 32, fasc. 1.",
     {"archive_id": "ASMAE", "fondo": "Affari Politici 1931–1945", "serie": "Giappone", "busta": "32",
      "fascicolo": "1"}),
    ("ASV, Collegio, Esposizioni Principi, reg. 7, c. 15v.",
     {"fondo": "Collegio", "serie": "Esposizioni Principi", "registro": "7", "folio_first": 15, "verso": True}),
    ("ASVE Senato da Terra reg. 141 c. 370r-v, 1650 novembre 2.",  # no commas between the levels
     {"archive_id": "ASVe", "fondo": "Senato da Terra", "registro": "141", "folio_first": 370}),
    ("asv: Senato, Deliberazioni segrete, reg. 26, cc. 176v-177r.",
     {"archive": "asv", "archive_id": "ASVe", "serie": "Deliberazioni segrete", "registro": "26",
      "folio_first": 176, "folio_last": 177, "verso": True}),
    ("A. S. V., Senato, dispacci Pietroburgo, filza 2, n. 17, 25 febbraio 1791.",
     {"archive_id": "ASVe", "serie": "dispacci Pietroburgo", "filza": "2", "item": "17",
      "path": ["Senato", "dispacci Pietroburgo", "filza 2", "n. 17"]}),
    # manuscripts in libraries
    ("BNM, It., cl. VII, 788, c. 28v.",
     {"archive_id": "BNM", "scheme": "italian_library", "classe": "VII", "shelfmark": "788", "folio_first": 28,
      "verso": True}),
    ("Museo Correr, Cod. Cicogna 2525, c. 33.", {"archive_id": "BMC", "codice": "Cicogna 2525", "folio_first": 33}),
    # France: Archives diplomatiques (série, volume), Défense call numbers
    ("MAE, Série Guerre 1939–1945, Vichy-Asie, vol. 123, f. 45.",
     {"archive_id": "MAE", "country": "FR", "serie": "Guerre 1939–1945", "subseries": "Vichy-Asie",
      "volume": "123", "folio_first": 45}),
    ("SHD, GR 7 N 1234", {"archive_id": "SHD", "cote": "GR 7 N 1234"}),
]


@pytest.mark.parametrize("note, expected", CASES, ids=[case[0][:40] for case in CASES])
def test_archives_of_other_countries(note, expected):
    [citation] = parse_note(note)
    assert citation.kind == "archival"
    assert {k: citation.fields.get(k) for k in expected} == expected
    assert citation.fields["source_type"] == "primary"


def test_every_scheme_keeps_the_fields_the_contract_requires():
    [citation] = parse_note("NAA: A981, FAR EAST 25B")
    for name in ("archive", "fond", "opis", "papka", "delo", "folio_first", "folio_last", "verso", "path"):
        assert name in citation.fields
    assert citation.fields["fond"] is None and citation.fields["verso"] is False


@pytest.mark.parametrize("first, second", [
    ("TNA, FO 371/23561, F 1234/87/23", "PRO, FO 371/23561, F 5678/87/23, f. 12"),
    ("NARA, RG 84, Tokyo Embassy, Box 12", "RG 84, Tokyo Embassy, Box 12, Folder 3"),
    ("PA AA, R 29843, Bl. 12", "PA/AA, R 29843, Bl. 40–41"),
])
def test_one_archive_file_one_key(first, second):
    [a], [b] = parse_note(first), parse_note(second)
    assert archival_key(a) == archival_key(b)


def test_keys_tell_files_apart():
    keys = {archival_key(parse_note(note)[0]) for note in (
        "TNA, FO 371/23561", "TNA, FO 371/23562", "CAB 65/1", "NAA: A981, FAR EAST 25B", "NAA: A981, FAR EAST 25C")}
    assert len(keys) == 5
    assert archival_key(parse_note("TNA, FO 371/23561, F 1234/87/23")[0]) == ("TNA", "FO", "371", "23561", None)


def test_prose_after_the_archival_part_is_not_a_level():
    [citation] = parse_note("NARA, RG 59, 711.94/2045, Hornbeck to Welles, memorandum, 12 May 1941")
    assert citation.fields["file"] == "711.94/2045" and citation.fields["box"] is None
    assert citation.fields["path"] == ["RG 59", "711.94/2045"]


@pytest.mark.parametrize("note, reason", [
    ("ASMAE, Affari Politici, Giappone", "archive ASMAE named without a file or folios"),
    ("TNA, unsorted papers", "archive TNA named without a file or folios"),
])
def test_an_archive_without_a_file_is_other(note, reason):
    [citation] = parse_note(note)
    assert citation.kind == "other" and citation.fields["reason"] == reason


def test_an_abbreviation_inside_prose_names_no_archive():
    [citation] = parse_note("The BA thesis of 1999 says so, 12.")
    assert citation.kind != "archival"
