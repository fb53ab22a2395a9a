"""Who a collection's people are, from the collection itself: its list of persons, the editors'
identifying notes, its headings; a user's authority file over everything; sides at the date."""

from __future__ import annotations

import pytest

from legation.errors import InputError
from legation.extract.identities import (
    CollectionPeople, identification_side, listed_name, role_dates,
)
from legation.lexicon.authority import Layer, authorities, in_force, read_authority_file
from legation.lexicon.vocabulary import side_in_words
from legation.model import Report
from legation.pipeline import extract_unit, read_collection
from legation.devdata import shared_path

FRUS1949 = shared_path("data", "frus", "frus1949v07p2.xml")


@pytest.mark.parametrize("text, side", [
    ("President of the Republic of Korea", "KOR"),
    ("British Secretary of State for Foreign Affairs", "GBR"),
    ("Ambassador in Korea", "USA"),  # where the office is, not whose: the edition's own
    ("Chargé in the Soviet Union", "USA"),
    ("Soviet Ambassador in the United States", "USSR"),
    ("Secretary of State, January 1949–January 1953", "USA"),
    ("Secretary-General of the United Nations", None),  # an international body's: no state's
    ("Mrs. Roosevelt's niece", None),  # no office
])
def test_an_identification_gives_the_side_the_person_acts_for(text, side):
    assert identification_side(text, "USA") == side


def test_an_office_naming_no_state_has_no_side_outside_an_edition():
    assert identification_side("Ambassador in Korea", None) is None


@pytest.mark.parametrize("text, dates", [
    ("Under Secretary of State January 30, 1962–September 30, 1966", ("1962-01-30", "1966-09-30")),
    ("Deputy Assistant Secretary of State for Far Eastern Affairs until October 1966", (None, "1966-10")),
    ("Congressional Relations Officer, from March 1978 until January 1981", ("1978-03", "1981-01")),
    ("Commander-in-Chief of United Nations Command, Korea, 1965–1966", ("1965", "1966")),
    ("President of the United States", (None, None)),
])
def test_a_role_is_dated_by_its_own_words(text, dates):
    assert role_dates(text) == dates


@pytest.mark.parametrize("written, read", [
    ("Acheson, Dean G.", ("Dean G. Acheson", "Acheson")),
    ("Bonesteel, General Charles H., III", ("Charles H. Bonesteel III", "Bonesteel")),
    ("Chiang Kai-shek", ("Chiang Kai-shek", "Chiang")),
])
def test_a_list_entry_is_read_in_reading_order(written, read):
    assert listed_name(written) == read


def test_a_list_entry_a_heading_and_a_note_make_one_person_with_dated_roles():
    people = CollectionPeople("volume", "USA")
    people.add_listed("Rusk, Dean", "Assistant Secretary of State for Far Eastern Affairs from March 1950")
    heading = Report(id="d1", start=0, end=0, date="1950-06-25", sender="Rusk",
                     sender_role="The Assistant Secretary of State for Far Eastern Affairs (Rusk)")
    people.add_report(heading, None)
    (row,) = people.layer().people
    assert (row["name"], row["side"]) == ("Dean Rusk", "USA")
    assert [(r["title"], r["from"], r["to"]) for r in row["roles"]] == [
        ("Assistant Secretary of State for Far Eastern Affairs", "1950-03", None)]  # the heading's evidence joins it


def test_a_later_layer_joins_the_built_in_person_of_a_compatible_name():
    with in_force(Layer("mine", people=({"id": "mine-molotov", "name": "Vyacheslav M. Molotov", "side": "USSR"},))):
        auth = authorities()
        assert "mine-molotov" not in auth.persons
        assert "Vyacheslav M. Molotov" in auth.persons["molotov"].variants
    assert "Vyacheslav M. Molotov" not in authorities().persons["molotov"].variants  # out of force again


def test_a_person_acts_for_the_side_of_the_role_held_on_the_day():
    romulo = {"id": "romulo", "name": "Carlos P. Romulo", "side": "PHL", "roles": [
        {"title": "aide-de-camp to General MacArthur", "from": "1943", "to": "1944", "side": "USA"},
        {"title": "Philippine Secretary of Foreign Affairs", "from": "1950", "to": "1952", "side": "PHL"}]}
    with in_force(Layer("mine", people=(romulo,))):
        person = authorities().persons["romulo"]
        assert [person.side_on(day) for day in ("1943-06-01", "1951", None)] == ["USA", "PHL", "PHL"]


def test_a_user_authority_file_in_yaml_and_csv(tmp_path):
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text("people:\n  - {id: muccio, name: John J. Muccio, side: USA, variants: [Muccio]}\n",
                         encoding="utf-8")
    assert read_authority_file(yaml_file).people[0]["variants"] == ["Muccio"]
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text("id,name,side,variants,role,from,to,role_side\n"
                        "romulo,Carlos P. Romulo,PHL,Romulo; C. P. Romulo,aide-de-camp,1943,1944,USA\n"
                        "romulo,Carlos P. Romulo,PHL,,Secretary of Foreign Affairs,1950,1952,PHL\n", encoding="utf-8")
    (row,) = read_authority_file(csv_file).people
    assert row["variants"] == ["Romulo", "C. P. Romulo"] and [r["side"] for r in row["roles"]] == ["USA", "PHL"]


@pytest.mark.parametrize("content, problem", [
    ("people: [{name: No Id}]\n", "people entry 1 needs an id and a name"),
    ("- [unclosed\n", "not YAML"),
    ("states: []\n", "holds 'people', 'organizations' and 'places' lists"),
])
def test_a_bad_authority_file_is_one_clear_error(tmp_path, content, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_authority_file(path)


@pytest.mark.skipif(not FRUS1949.exists(), reason="needs ../shared/data/frus (FRUS 1949 vol. VII part 2)")
def test_frus_1949_people_are_one_each_with_their_own_sides():
    """Issue 21: in FRUS 1949 vol. VII part 2, Muccio (US Ambassador in Korea), Rhee, Bevin,
    Dening and Sebald each come out once, with the side they acted for."""
    units = [u for u in read_collection(FRUS1949) if not isinstance(u, InputError)]
    layer = units[0].authority[0]
    by_family = {}
    for row in layer.people:
        by_family.setdefault(row["family"], []).append(row)
    sides = {family: [row["side"] for row in by_family[family]]
             for family in ("Muccio", "Rhee", "Bevin", "Dening", "Sebald")}
    assert sides == {"Muccio": ["USA"], "Rhee": ["KOR"], "Bevin": ["GBR"], "Dening": ["GBR"], "Sebald": ["USA"]}
    seoul = next(u for u in units if "Rhee" in u.text and u.report.place == "Seoul")
    doc = extract_unit(seoul)
    rhee = [p for p in doc.persons if "Rhee" in p.name]
    assert [(p.id, p.side) for p in rhee] == [("syngman-rhee", "KOR")]


def test_people_stated_with_their_state_and_office_in_running_text():
    from legation.extract.identities import _stated_people

    text = ("Soviet Ambassador Dobrynin called. Iranian Chief of Staff. At the meeting Turkish Foreign "
            "Minister Caglayangil said that Dobrynin, the Soviet Ambassador, was late; Soviet Premier "
            "Khrushchev Wednesday spoke. The British Embassy agreed.")
    assert list(_stated_people(text)) == [
        ("Dobrynin", "Soviet Ambassador"), ("Caglayangil", "Turkish Foreign Minister"),
        ("Khrushchev", "Soviet Premier"), ("Dobrynin", "Soviet Ambassador")]


def test_a_name_does_not_run_into_the_next_line():
    from legation.extract.identities import _stated_people

    text = "Letter From President Carter to Turkish Prime Minister Demirel\nWashington, March 16, 1977\n"
    assert list(_stated_people(text)) == [("Demirel", "Turkish Prime Minister")]


def test_a_stated_office_is_headed_by_a_role_word():
    from legation.extract.identities import _stated_people

    text = "negotiations regarding the US-Greek Defense Cooperation Agreement; Egyptian President Nasir."
    assert list(_stated_people(text)) == [("Nasir", "Egyptian President")]


def test_drafters_are_the_names_that_close_each_clearance():
    from legation.extract.identities import _drafters

    note = ("Drafted by Walsh; cleared in draft by AID Near East/South Asia Coordinator Daniel Arrill, Towsley, "
            "and Tiger; and approved by Deputy Assistant Secretary for Near Eastern and South Asian Affairs "
            "James P. Grant.")
    assert list(_drafters(note)) == ["Walsh", "Daniel Arrill", "Towsley", "Tiger", "James P. Grant"]


def test_a_bureau_s_or_a_government_s_initials_are_no_person():
    """"Cleared by ARA, AF, EUR" names bureaus; "the GRC" a government: none becomes a person of
    the collection, while a drafter named by family name does."""
    people = CollectionPeople("telegrams.txt", "USA")
    report = Report(id="d1", start=0, end=0, date="1966-11-23",
                    source_note="Drafted by Fearey; cleared by ARA, AF, EUR, and Walsh.")
    people.add_report(report, None)
    assert sorted(row["name"] for row in people.layer().people) == ["Fearey", "Walsh"]


def test_a_home_title_does_not_make_a_foreign_person_the_edition_s():
    """"Senator Aquino" is the Philippine senator the collection's running text says he is, not
    a US senator."""
    from legation.ingest.units import lay_out

    people = CollectionPeople("telegrams.txt", "USA")
    layout = lay_out("txt", "Philippine Senator Benigno Aquino called on me.\n\nWe told Senator Aquino that he would run.\n")
    people.add_report(Report(id="d1", start=0, end=0, date="1971-08-20"), layout)
    (row,) = [row for row in people.layer().people if "Aquino" in row["name"]]
    assert row["side"] == "PHL" and {role["side"] for role in row["roles"]} == {"PHL"}


def test_the_officials_minutes_list_as_present_hold_their_offices():
    """A meeting's minutes list their officials office first ("Deputy Director of CIA William
    Nelson", "Chief, Africa Division, CIA, James M. Potts") or name first ("Lt. General W. Y. Smith,
    Assistant to …"): each holds the office, the edition's own where it names no state."""
    from legation.extract.identities import _present

    text = ("Members Present: Assistant to the President for National Security Affairs Henry A. Kissinger; "
            "Deputy Secretary of Defense William P. Clements.\n\nAlso Present: Director of INR William Hyland; "
            "Deputy Director of CIA William Nelson; Chief, Africa Division, CIA, James M. Potts. Scowcroft arrived late.\n"
            "Also Present: Lt. General W. Y. Smith, Assistant to the Chairman of the Joint Chiefs of Staff\n")
    assert list(_present(text)) == [
        ("Henry A. Kissinger", "Assistant to the President for National Security Affairs"),
        ("William P. Clements", "Deputy Secretary of Defense"), ("William Hyland", "Director of INR"),
        ("William Nelson", "Deputy Director of CIA"), ("James M. Potts", "Chief, Africa Division, CIA"),
        ("W. Y. Smith", "Assistant to the Chairman of the Joint Chiefs of Staff")]
    people = CollectionPeople("minutes.txt", "USA")
    from legation.ingest.units import lay_out
    people.add_report(Report(id="d1", start=0, end=0, date="1975-07-14"), lay_out("txt", text))
    rows = {row["name"]: row for row in people.layer().people}
    assert rows["James M. Potts"]["side"] == "USA"


def test_home_titles_stand_alone_before_a_name():
    from legation.extract.identities import _home_titled

    text = ("Sarbanes regretted that Secretary Kissinger had turned down what Senator Eagleton proposed. "
            "Foreign Secretary Owen came. Secretary General Waldheim said. And Deputy Secretary Christopher’s view.")
    assert list(_home_titled(text)) == [("Kissinger", "Secretary"), ("Eagleton", "Senator"),
                                        ("Christopher", "Deputy Secretary")]


def _telegram(number, sender, sender_role, recipient="Department of State", recipient_role="the Department of State"):
    return Report(id=f"d{number}", start=0, end=0, date="1964-06-01", sender=sender, sender_role=sender_role,
                  recipient=recipient, recipient_role=recipient_role)


def test_a_text_file_is_the_edition_of_the_government_whose_offices_its_headings_name():
    people = CollectionPeople("telegrams.txt", None)
    people.add_report(_telegram(1, "Holmes", "The Ambassador in Iran (Holmes)"), None)
    people.add_report(_telegram(2, "Secretary of State", "The Secretary of State", "Embassy in Iran",
                                "the Embassy in Iran"), None)
    people.add_report(_telegram(3, "Rhee", "President Rhee", "Eisenhower", "President Eisenhower"), None)
    assert people.edition() == "USA"
    rows = {row["name"]: row for row in people.layer().people}
    assert rows["Holmes"]["side"] == "USA"  # the bracketed convention: an unqualified office is the edition's
    assert rows["Rhee"]["side"] is None  # a title before a name says nothing of whose the office is


def test_the_edition_own_titles_and_correspondents_facing_a_foreign_one_are_its_own():
    people = CollectionPeople("telegrams.txt", "USA")
    letter = Report(id="d90", start=0, end=0, date="1977-03-16", sender="Carter", sender_role="President Carter",
                    recipient="Demirel", recipient_role="Turkish Prime Minister Demirel")
    people.add_report(letter, None)
    people.titled.append(("Kissinger", "Secretary", "1977-02-01"))  # read in running text
    people.titled.append(("Owen", "Foreign Secretary", "1977-02-01"))  # not a US title
    rows = {row["name"]: row for row in people.layer().people}
    assert rows["Carter"]["side"] == "USA" and rows["Demirel"]["side"] == "TUR"
    assert rows["Kissinger"]["side"] == "USA" and "Owen" not in rows


def test_no_edition_is_guessed_from_headings_that_name_no_government():
    people = CollectionPeople("letters.txt", None)
    people.add_report(_telegram(1, "Smith", "The Ambassador (Smith)", "Jones", "the Minister (Jones)"), None)
    assert people.edition() is None


TELEGRAMS = """The Ambassador in Korea (Muccio) to the Secretary of State

Seoul, June 25, 1949.

I called on Romulo this morning. Romulo said the Philippines would support the resolution.

Muccio
"""


def test_a_user_authority_file_wins_on_the_command_line(tmp_path):
    """`legation extract FILE --authority MINE.yaml`: the user's person and dated side are taken;
    a bad file is one line naming it, exit 2."""
    import json

    from typer.testing import CliRunner

    from legation.cli import app

    text = tmp_path / "telegrams.txt"
    text.write_text(TELEGRAMS, encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text("people:\n  - id: romulo\n    name: Carlos P. Romulo\n    side: PHL\n    variants: [Romulo]\n"
                    "    roles: [{title: Philippine Representative at the United Nations, from: '1949', side: PHL}]\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(text), "--as", "reports", "--json", "--authority", str(mine)])
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)["documents"]
    assert {(p["id"], p["side"]) for p in report["persons"]} >= {("romulo", "PHL")}
    bad = tmp_path / "bad.yaml"
    bad.write_text("people: [{name: x}]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(text), "--authority", str(bad)])
    assert result.exit_code == 2 and "bad.yaml: people entry 1 needs an id and a name" in result.output


def test_a_known_family_name_inside_an_organisation_or_a_state_is_no_person():
    from legation.ingest.source import source_id
    from legation.model import Source
    from legation.pipeline import extract_text

    white = {"id": "alfred-d-white", "name": "Alfred D. White", "family": "White", "side": "USA", "order": None,
             "roles": [], "variants": [], "refs": []}
    text = ("The Embassy in Greece reported on the talks. I recommend that you reply to the White House "
            "that the Department will handle it. Mr. White agreed with the Ambassador in Greece.\n")
    with in_force(Layer("volume", people=(white,))):
        doc = extract_text(Source(id=source_id("0" * 64), path="t.txt", format="text", sha256="0" * 64, size=1), text)
    people = [(doc.body[m.start:m.end], m.entity) for m in doc.mentions if m.kind == "person"]
    assert ("White", "alfred-d-white") in people
    assert all(text != "Greece" for text, _ in people)
    house = doc.body.index("White House")
    assert not any(m.kind == "person" and m.start == house for m in doc.mentions)


def _dated_at(number, place, sender_role="The Embassy in Jordan", body=None):
    return Report(id=f"d{number}", start=0, end=0, date="1956-03-01", place=place, sender="Embassy in Jordan",
                  sender_role=sender_role, recipient="Department of State", recipient_role="the Department of State")


def test_the_places_a_collection_is_written_at_are_places_not_people():
    """A dateline's place ("Amman, March 1, 1956") and a post's ("the Consulate General in
    Luanda") are places of the collection: a "person" its running text seemed to name with an
    office ("London, the British Foreign Office") is dropped, and the place joins the layer."""
    people = CollectionPeople("telegrams.txt", "USA")
    people.add_report(_dated_at(1, "Amman"), None)
    people.add_report(_dated_at(2, "Washington", "The Secretary of State to the Consulate General in Luanda"), None)
    people._person("Amman", "Amman").said.append(("Jordanian Prime Minister", None, False))
    people._person("Luanda", "Luanda")
    people._person("Samir Rifai", "Rifai").said.append(("Jordanian Prime Minister", "1956-03-01", False))
    layer = people.layer()
    assert [row["name"] for row in layer.people] == ["Samir Rifai"]
    assert {row["name"] for row in layer.places} == {"Amman", "Luanda"}  # Washington: the authority knows it


def test_a_dateline_place_that_is_a_person_s_family_name_stays_that_person_s():
    people = CollectionPeople("telegrams.txt", "USA")
    people.add_report(_dated_at(1, "Austin, Texas"), None)
    people._person("Warren R. Austin", "Austin").said.append(("Representative at the United Nations", None, True))
    layer = people.layer()
    assert [row["name"] for row in layer.people] == ["Warren R. Austin"]
    assert not layer.places


def test_a_listed_person_is_kept_whatever_the_name():
    people = CollectionPeople("volume", "USA")
    people.add_report(_dated_at(1, "Jordan"), None)
    people.add_listed("Jordan", "Jordan, Stanley, Brigadier General")  # a list entry written oddly, kept as listed
    assert [row["name"] for row in people.layer().people] == ["Jordan"]


def test_a_list_entry_s_other_spelling_is_a_variant_of_one_person():
    people = CollectionPeople("volume", "USA")
    people.add_listed("Vorster (also Voerster), Balthazar Johannes", "South African Prime Minister")
    people.add_report(Report(id="d1", start=0, end=0, date="1976-06-23", sender="Vorster",
                             sender_role="Prime Minister Vorster"), None)
    (row,) = people.layer().people
    assert (row["name"], row["side"]) == ("Balthazar Johannes Vorster", "ZAF")
    assert "Balthazar Johannes Voerster" in row["variants"]


@pytest.mark.parametrize("identification, side", [
    ("adviser to Zambian President Kenneth Kaunda", "ZMB"),  # whose aide: the state of the office after "to"
    ("Aide to Swedish Prime Minister Palme", "SWE"),
    ("Ambassador to the Soviet Union", "USA"),  # where the office is: the edition's own
    ("Liaison Officer to the Japanese Government", "USA"),
])
def test_an_aide_to_a_foreign_head_acts_for_that_state(identification, side):
    assert identification_side(identification, "USA") == side


@pytest.mark.parametrize("place, sender_role, found", [
    ("Luanda, July 2, 1975", "The Consulate General in Luanda", ["Luanda", "Luanda"]),
    ("Oeiras, Portugal", "The Embassy in Portugal", ["Oeiras", "Portugal"]),
    (None, "The Ambassador at Large (Jessup)", []),  # an office, not a post's place
    ("[Washington,]", "The Chargé in the Soviet Union (Kohler)", ["Washington", "Soviet Union"]),
])
def test_the_places_of_a_report_are_its_dateline_s_and_its_posts(place, sender_role, found):
    from legation.extract.identities import _places_of

    report = Report(id="d1", start=0, end=0, place=place, sender_role=sender_role)
    assert list(_places_of(report)) == found


def test_participants_under_a_state_s_label_act_for_that_state():
    from legation.ingest import headers

    lines = ["PARTICIPANTS", "US:", "The Secretary", "Mr. MacArthur", "UK:", "Mr. Macmillan", "Sir Geoffrey Harrison",
             "France:", "M. Pinay", "", "Mr. Macmillan said …"]
    assert headers.participant_groups(lines) == [("US", "The Secretary"), ("US", "Mr. MacArthur"),
                                                 ("UK", "Mr. Macmillan"), ("UK", "Sir Geoffrey Harrison"),
                                                 ("France", "M. Pinay")]
    assert headers.participant_groups(["PARTICIPANTS", "Sir Pierson Dixon—UK", "Ambassador Lodge—US", "Mr. Eric Johnston"]) \
        == [("UK", "Sir Pierson Dixon"), ("US", "Ambassador Lodge"), ("", "Mr. Eric Johnston")]  # under no label: ""
    assert headers.participant_groups(["PARTICIPANTS", "United States", "President Eisenhower",
                                       "Federal Republic of Germany", "Chancellor Adenauer"]) \
        == [("United States", "President Eisenhower"), ("Federal Republic of Germany", "Chancellor Adenauer")]
    people = CollectionPeople("telegrams.txt", "USA")
    report = Report(id="d1", start=0, end=0, date="1955-09-27")
    people.add_report(report, None, [(label, headers.party_name(entry), entry)
                                     for label, entry in headers.participant_groups(lines)])
    rows = {row["name"]: row for row in people.layer().people}
    assert rows["Macmillan"]["side"] == "GBR" and rows["Geoffrey Harrison"]["side"] == "GBR"
    assert rows["MacArthur"]["side"] == "USA" and "Secretary" not in rows
    assert [(r["title"], r["from"]) for r in rows["Macmillan"]["roles"]] == [("UK participant", "1955-09-27")]


def test_a_listed_father_s_and_mother_s_surname_gives_the_first_alone_as_a_form():
    people = CollectionPeople("volume", "USA")
    people.add_listed("Castro Ruz, Fidel", "Premier of Cuba")
    people.add_listed("Ben Bella, Ahmed", "Algerian Prime Minister")
    rows = {row["family"]: row for row in people.layer().people}
    assert rows["Castro Ruz"]["side"] == "CUB" and {"Fidel Castro", "Castro"} <= set(rows["Castro Ruz"]["variants"])
    assert rows["Ben Bella"]["variants"] == []  # a particle: no first word alone


def test_the_editors_lists_give_a_side_no_report_states():
    """A person the report names without their state ("de Gaulle") takes the side the FRUS
    lists of persons give a person of that name in the report's years; two listed people of one
    family name and year with two sides give none; an undated text gets none."""
    from legation.lexicon.reference import listed_side

    office = listed_side(["de Gaulle"], "1959-05-01")
    assert (office.side, office.name) == ("FRA", "Charles De Gaulle")
    assert listed_side(["Charles de Gaulle"], "1959-05-01").side == "FRA"
    assert listed_side(["Castro"], "1960-01-01").side == "CUB"  # "Castro Ruz, Fidel": the first surname alone
    assert listed_side(["Smith"], "1977-03-01") is None  # Gerard C. Smith (USA) and Ian Smith (Rhodesia)
    assert listed_side(["Brown"], "1967-01-01") is None  # George Brown (UK) and Harold Brown (USA)
    assert listed_side(["Lopez Mateos"], "1959-06-01").side == "MEX"  # part of "Adolfo Lopez Mateos"
    assert listed_side(["Mao"], "1966-01-01").side == "CHN"  # listed for 1952–63 and 1969–76: China's between
    assert listed_side(["Souvanna"], "1970-01-01").side == "LAO"  # "Prime Minister of Laos" over "Lao Prime Minister"
    assert listed_side(["W.E. Colby", "Colby"], "1975-01-23").side == "USA"  # listed "William E. Colby"
    assert listed_side(["Gamal Abdel Nasser"], "1956-01-01").side == "EGY"  # listed "Gamal Abdul Nasser"
    # the list's "Trujillo" of Ecuador in 1958 gives no given name; the President of the Dominican
    # Republic is listed in 1952 only: his side, from every year's lists
    assert listed_side(["Rafael Trujillo", "Trujillo"], "1958-11-26").side == "DOM"
    assert listed_side(["de Gaulle"], None) is None
    # listed in no office of those years: every year's lists, if all their bearers of the name agree
    assert listed_side(["de Gaulle"], "1939-05-01").side == "FRA"
    assert listed_side(["Brown"], "1939-05-01") is None  # British and American Browns


def test_a_side_from_the_lists_shows_where_it_came_from(tmp_path):
    """The person gets the side with the listed office as a role, naming the list; a person the
    report gives a side keeps it."""
    path = tmp_path / "telegram.txt"
    path.write_text("Telegram From the Embassy in France to the Department of State\n\nParis, March 3, 1959.\n\n"
                    "1. Brentano said that the Foreign Ministers would meet in Geneva.\n\nHoughton\n", encoding="utf-8")
    (unit,) = [u for u in read_collection(path) if not isinstance(u, InputError)]
    people = {p.name: p for p in extract_unit(unit).persons}
    assert people["Brentano"].side == "FRG"  # "German Foreign Minister" in 1959: the Federal Republic
    assert any("FRUS list of persons" in role.title for role in people["Brentano"].roles)
    assert people["Houghton"].side == "USA"


def test_the_persons_reference_has_not_read_the_volumes_the_eval_scores():
    """The sides eval/frus_people.py scores come from volumes whose lists the shipped reference
    has not read (scripts/build_persons_reference.py leaves them out)."""
    import ast
    from importlib import resources
    from pathlib import Path

    source = (Path(__file__).parents[1] / "eval" / "frus_people.py").read_text(encoding="utf-8")
    scored = next(set(ast.literal_eval(node.value)) for node in ast.parse(source).body
                  if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "DEFAULT_VOLUMES")
    table = (resources.files("legation") / "data" / "persons_reference.tsv").read_text("utf-8")
    read = {v for line in table.splitlines() if line and not line.startswith("#") for v in line.split("\t")[-1].split(",")}
    assert len(scored) == 12 and len(read) > 50 and not scored & read


def test_the_lists_find_a_fuller_name_by_its_own_family_name():
    from legation.lexicon.reference import listed_side

    # "Rafael" is a given name here and Gideon Rafael's family name in the lists: not his side
    assert listed_side(["Generalissimo Rafael Trujillo", "Trujillo"], "1960-07-01").side == "DOM"  # G… and Rafael
    assert listed_side(["Gideon Rafael"], "1960-07-01").side == "ISR"


def test_a_possessive_is_no_part_of_a_collection_s_person():
    """"Indonesian Foreign Minister Malik's statement": the person is Malik, not "Malik's"."""
    from legation.ingest.units import lay_out

    people = CollectionPeople("telegrams.txt", "USA")
    layout = lay_out("txt", "We noted Indonesian Foreign Minister Malik's statement.\n\nMalik said little.\n")
    people.add_report(Report(id="d1", start=0, end=0, date="1970-05-20"), layout)
    assert [(row["name"], row["side"]) for row in people.layer().people] == [("Malik", "IDN")]


def test_a_participant_line_that_names_a_state_identifies_without_a_label():
    """FRUS memoranda list participants one to a line, "name, office": an office naming its state
    gives that side (Kissinger Papers memcon of December 17, 1975, frus1969-76v28 d150); an office
    naming none gives nothing here (not the edition's side: "Presidential Advisor" was Zambia's)."""
    from legation.ingest import headers

    lines = ["PARTICIPANTS", "Rupiah Banda, Minister of Foreign Affairs of Zambia",
             "Mark Chona, Assistant to the President of Zambia", "Mr. Vernon Mwaanga, Presidential Advisor",
             "Dr. Henry A. Kissinger, Secretary of State", "", "Kissinger: How are things in Zambia?"]
    from legation.ingest.units import lay_out

    people = CollectionPeople("memcons.txt", "USA")
    report = Report(id="r1", start=0, end=0, date="1975-12-17")
    participants = [(label, name, entry) for label, entry in headers.participant_groups(lines)
                    if (name := headers.party_name(entry))]
    people.add_report(report, lay_out("txt", "\n".join(lines)), participants)
    sides = {row["name"]: row["side"] for row in people.layer().people}
    assert sides["Mark Chona"] == "ZMB" and sides["Rupiah Banda"] == "ZMB"
    assert sides.get("Vernon Mwaanga") is None


def test_a_sentence_that_places_participants_on_a_side_identifies_them():
    """"Present on Indonesian side: Malik, LtGen Sumitro, MajGen Alamsjah, …" (frus1969-76v20
    d272) and "Participants on Thai side were Prime Minister Thanom, Deputy Prime Ministers
    Praphat and Pote, …" (d87) give each named person that side; a sentence about a side that lists
    nobody gives nothing."""
    body = ("1. Present on Indonesian side: Malik, LtGen Sumitro, MajGen Alamsjah (State Secretary), Prof Widjojo.\n\n"
            "9. Participants on Thai side were Prime Minister Thanom, Deputy Prime Ministers Praphat and Pote, "
            "General Sawaeng (chief of PriMin's office). On American side were Ambassador Unger and Mr. Green.\n\n"
            "There were problems on the Soviet side which nobody could solve.")
    from legation.ingest.units import lay_out

    people = CollectionPeople("telegrams.txt", "USA")
    people.add_report(Report(id="r1", start=0, end=0, date="1969-07-29"), lay_out("txt", body))
    sides = {row["name"]: row["side"] for row in people.layer().people}
    assert {n: sides.get(n) for n in ("Alamsjah", "Sumitro", "Widjojo", "Thanom", "Praphat", "Pote", "Sawaeng")} == \
        dict.fromkeys(("Alamsjah", "Sumitro", "Widjojo"), "IDN") | dict.fromkeys(("Thanom", "Praphat", "Pote", "Sawaeng"), "THA")
    assert sides.get("Unger") == "USA" and not any(side == "USSR" for side in sides.values())


def test_a_name_with_an_office_after_a_comma_that_names_its_state_is_identified():
    from legation.extract.identities import _stated_people

    text = ("[^2]: On September 12, General Kenan Evren, Chief of the Turkish General Staff, took control.\n"
            "Henry A. Kissinger, Secretary of State\n")
    assert list(_stated_people(text)) == [("Kenan Evren", "Chief of the Turkish General Staff")]


def test_kinship_names_a_relative_s_office_not_the_person_s():
    assert identification_side("brother of Generalissimo Rafael Trujillo", "USA") is None
    assert identification_side("wife of the Soviet Ambassador", "USA") == "USSR"


def test_a_list_s_entry_drops_an_abbreviated_rank_and_a_un_office_gives_no_side():
    people = CollectionPeople("vol.xml", "USA")
    people.add_listed("Burns, Maj. Gen. E.L.M.", "Canadian Army Officer", "p_B1")
    people.add_listed("Burns, E. L. M.", "Commander, U.N. Truce Supervisory Organization", "p_B2")
    [burns] = [p for p in people.layer().people if p["family"] == "Burns"]
    assert burns["name"] in ("E.L.M. Burns", "E. L. M. Burns")  # one person, no rank in the name
    assert {r["side"] for r in burns["roles"]} == {"CAN", None}


def test_a_person_named_of_a_state_is_that_state_s():
    """"President Lemus of El Salvador" (frus1958-60v05 d7), "Samora Machel of Mozambique"
    (frus1969-76v28 d193): the state named after "of" is the person's; an organisation or a
    title alone ("the Shah of Iran", "Machel of FRELIMO") names no person of a state."""
    from legation.extract.identities import _stated_people

    text = ("Visits are scheduled for President Frondizi of Argentina in January and President Lemus of El Salvador.\n"
            "[^2]: Kenneth Kaunda of Zambia, Samora Machel of Mozambique, and Sir Seretse Khama of Botswana met.\n"
            "The Shah of Iran. Samora Machel of FRELIMO asked us. The Bank of Japan.\n")
    found = dict(_stated_people(text))
    assert {name: side_in_words(office) for name, office in found.items()} == {
        "Frondizi": "ARG", "Lemus": "SLV", "Kenneth Kaunda": "ZMB", "Samora Machel": "MOZ", "Sir Seretse Khama": "BWA"}
    # a state's name used as an adjective is no person's state (frus1961-63v21 d264)
    assert list(_stated_people("The President opened by assuring President Toure of United States interest in Africa.")) == []


def test_of_namesakes_a_family_name_alone_is_the_nearer_source_s_person():
    """The built-in files know Yakov Malik (USSR); a volume of 1970 names Adam Malik, Indonesia's
    Foreign Minister (frus1969-76v20 d285: "discuss with FonMin Malik"). Its bare "Malik" is the
    collection's, as a user's own file's people come before both."""
    from legation.ingest.source import source_id
    from legation.model import Source
    from legation.pipeline import extract_text

    assert "malik" in authorities().persons  # the built-in namesake
    malik = {"id": "adam-malik", "name": "Adam Malik", "side": "IDN", "variants": ["Malik"]}
    text = "It was a matter of some urgency that I had wanted to discuss with FonMin Malik but he was abroad.\n"
    with in_force(Layer("volume", people=(malik,))):
        doc = extract_text(Source(id=source_id("1" * 64), path="t.txt", format="text", sha256="1" * 64, size=1), text)
    assert [m.entity for m in doc.mentions if m.kind == "person"] == ["adam-malik"]


def test_a_two_word_state_adjective_names_its_state_not_its_last_word_s():
    """"East German party leader Ulbricht" is the GDR's, not West Germany's (frus1961-63v05 d8);
    so is the party that ruled it, whatever its name holds ("Socialist Unity Party of Germany")."""
    from legation.extract.identities import _stated_people

    text = "This line is similar to that taken by East German leader Ulbricht. South Vietnamese President Thieu said."
    assert [(name, side_in_words(office)) for name, office in _stated_people(text)] == [("Ulbricht", "DDR"), ("Thieu", "RVN")]
    assert side_in_words("Chairman of the Socialist Unity Party of Germany") == "DDR"
