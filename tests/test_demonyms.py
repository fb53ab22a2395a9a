"""The side of a role phrase for every state a diplomatic historian of 1900–1990 meets:
data/demonyms.toml, the names legation.lexicon.sides knows, and the places file's words as before.
Phrases from the persons lists ("identifications") of Foreign Relations of the United States."""

import pycountry
import pytest

from legation.lexicon.matching import read_data
from legation.lexicon.names import fold
from legation.lexicon.sides import side_code
from legation.lexicon.sides import states as known_states
from legation.lexicon.vocabulary import adjective_sides, side_in_words, state_sides, states

DEMONYMS = read_data("demonyms.toml")

# ISO 3166 entries that are no state of their own: dependent territories, Antarctica, Western
# Sahara (disputed), and Taiwan (whose words wait for a dated code: see the header of the file).
NOT_STATES = {
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK", "CUW", "CXR",
    "CYM", "ESH", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM", "HKG", "HMD", "IMN", "IOT",
    "JEY", "MAC", "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN", "PRI", "PYF", "REU",
    "SGS", "SHN", "SJM", "SPM", "SXM", "TCA", "TKL", "TWN", "UMI", "VGB", "VIR", "WLF",
}


@pytest.mark.parametrize(("phrase", "side"), [
    ("Philippine Secretary of Foreign Affairs", "PHL"),
    ("Indian Ambassador to the United States", "IND"),
    ("Minister of Foreign Affairs of Israel", "ISR"),
    ("Prime Minister of Pakistan", "PAK"),
    ("Egyptian Ambassador", "EGY"),
    ("Chancellor of the Federal Republic of Germany", "FRG"),  # states.toml's code, 1949–1990
    ("West German Chancellor", "FRG"),
    ("East German Foreign Minister", "DDR"),
    ("President of the Republic of Korea", "KOR"),
    ("North Korean delegate to the Military Armistice Commission", "PRK"),
    ("Chinese Communist Premier", "CHN"),
    ("Premier of the People's Republic of China", "CHN"),
    ("Chinese Nationalist Ambassador", "CHN"),  # one CHN until a dated code for Taiwan exists
    ("Yugoslav Foreign Minister", "YUG"),
    ("Czech Foreign Minister", "CSK"),
    ("Burmese Prime Minister", "MMR"),
    ("Prime Minister of Ceylon", "LKA"),
    ("Shah of Iran", "IRN"),
    ("Thai Foreign Minister", "THA"),
    ("Indonesian Foreign Minister", "IDN"),
    ("President of the Republic of Vietnam", "RVN"),
    ("Prime Minister of the Democratic Republic of Vietnam", "VDR"),
    ("Ambassador of the Union of South Africa", "ZAF"),
    ("Zairian Foreign Minister", "COD"),
    ("Prime Minister of Papua New Guinea", "PNG"),
    ("President of Guinea-Bissau", "GNB"),
    ("Jordanian Ambassador", "JOR"),
    ("Polish Ambassador", "POL"),
    ("Austro-Hungarian Ambassador at Rome", "AUH"),
    ("Turkish Ambassador", "TUR"),
    ("Ottoman Ambassador", "OTT"),
    ("Mexican Ambassador", "MEX"),
    ("President of the United Arab Republic", "EGY"),
    ("South Yemeni Foreign Minister", "YMD"),
    ("Secretary of State", None),
    ("Secretary-General of the United Nations", None),  # an international organisation is no state
    ("Secretary General of the Organization of American States", None),
    ("Chief, Bureau of Far Eastern Affairs, Department of State", None),
    ("Senator from New Mexico", None),
])
def test_frus_identifications(phrase, side):
    assert side_in_words(phrase) == side


@pytest.mark.parametrize(("phrase", "side"), [
    ("Japanese ambassador to the USSR", "JPN"),
    ("plenipotentiary representative (ambassador) of the USSR in Japan", "USSR"),
    ("Japanese Ambassador to the Soviet Union", "JPN"),  # the first state named, not the longest name
    ("Soviet Ambassador to the United States", "USSR"),
    ("U.S. Ambassador", "USA"),
    ("US Ambassador", "USA"),
    ("let us know", None),  # "US" only in capitals
    ("японского посла", "JPN"),  # a Russian adjective in any case
    ("польского посла", "POL"),
    ("советскому полпреду", "USSR"),
])
def test_the_first_state_named_is_the_side(phrase, side):
    assert side_in_words(phrase) == side


def test_the_places_files_words_keep_their_sides():
    before: dict[str, str] = {}  # the table as the places file alone made it
    for entity in states():
        for word in (*entity.adjectives, *entity.people, entity.name, *entity.variants):
            before.setdefault(fold(word), entity.side)
    table = adjective_sides()
    assert {word: table.get(word) for word in before} == before


def test_every_state_is_covered_and_every_code_is_a_side():
    listed = set(DEMONYMS["side"])
    current = {country.alpha_3 for country in pycountry.countries}
    assert current - listed == NOT_STATES
    assert listed <= set(known_states())
    for code in ("USSR", "YUG", "CSK", "DDR", "FRG", "PRK", "KOR", "RVN", "VDR", "AUH", "OTT", "RUE", "MAN"):
        assert code in listed
    assert listed == set(state_sides().values())  # every listed state is named by some word


def test_names_read_as_side_code_reads_them():
    table = state_sides()
    for name in ("Philippines", "Israel", "South Korea", "North Korea", "Yugoslavia", "Czechoslovakia",
                 "East Germany", "West Germany", "South Vietnam", "Manchukuo", "Myanmar"):
        assert table[fold(name)] == side_code(name), name


@pytest.mark.parametrize("word", ["Jordan", "Chad", "Georgia", "Togo", "Holland", "Guinea", "Congo",
                                  "Congolese", "Korea", "Korean", "Vietnam", "Vietnamese", "Taiwan",
                                  "Formosa", "Palestine", "Lao", "SUN", "MAN", "IT", "CAN", "GRC"])
def test_ambiguous_words_names_and_codes_are_no_side(word):
    assert fold(word) not in state_sides()
    assert side_in_words(f"Minister at {word}") is None
    assert side_in_words(f"Minister of {word}") == {"Jordan": "JOR", "Chad": "TCD", "Togo": "TGO", "Guinea": "GIN"}.get(word)


@pytest.mark.parametrize(("phrase", "side"), [
    ("President of Guinea", "GIN"), ("King of Jordan", "JOR"), ("President of Chad", "TCD"),
    ("Governor of Georgia", None),  # an American governor: Georgia is not read so
    ("Ambassador to Jordan", None), ("Michael Jordan", None), ("Papua New Guinea", "PNG"),
])
def test_an_ambiguous_state_name_after_an_office_s_of_is_the_state(phrase, side):
    assert side_in_words(phrase) == side


def test_no_code_names_another_state():
    codes = {c.alpha_3: c.alpha_3 for c in [*pycountry.countries, *pycountry.historic_countries]}
    codes |= {c.alpha_2: c.alpha_3 for c in pycountry.countries} | {code: code for code in known_states()}
    for key, side in state_sides().items():
        code = key.replace(".", "").upper()
        assert code not in codes or codes[code] == side, key


def test_nationality_words_are_no_entity_and_state_names_are():
    """The name readers take a word of adjective_sides for no entity: nationality words are
    there, other states' names only in state_sides ("India" stays a place)."""
    table = adjective_sides()
    assert {table.get(w) for w in ("indian", "filipinos", "egyptian", "burmese", "chinese")} == \
        {"IND", "PHL", "EGY", "MMR", "CHN"}
    for name in ("india", "egypt", "israel", "burma", "philippines", "australia", "luxembourg",
                 "netherlands", "chinese communists", "viet minh", "vatican"):
        assert name not in table and name in state_sides(), name


def test_the_tables_are_built_once():
    assert adjective_sides() is adjective_sides() and state_sides() is state_sides()
