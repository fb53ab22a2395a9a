"""Word tables the entities stage reads names and roles with, built once from
``entity_rules.yaml``, the authority files and the states' words (``demonyms.toml`` and the
names legation.lexicon.sides knows)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from legation.lexicon.authority import AuthorityEntity, authorities
from legation.lexicon.matching import read_data
from legation.lexicon.names import entity_rules, fold
from legation.lexicon.sides import side_code
from legation.lexicon.sides import states as known_states
from legation.model import SIDES
from legation.nlp import CYRILLIC

DETERMINERS = {"the", "a", "an", "its", "his", "her", "their"}
PREPOSITIONS = {"of", "to", "in", "for", "at"}

_WORD = re.compile(r"[\w.]+")  # a word as side_in_words reads it ("U.S.", "Bissau")
# Words before a state (within two words) that make it the place of an office, not its side.
_HOST_WORDS = frozenset({"to", "in", "at", "near", "for", "on"})  # "on": a subject ("Adviser on Rhodesia")
# Words after a state that make it the subject of a desk, not a side: "Office of German Affairs",
# "Officer in Charge of Iranian Affairs", "American Countries Division".
_SUBJECT_WORDS = frozenset({"affairs", "countries", "desk", "division", "section", "questions", "matters", "area",
                            "department", "dept"})  # a foreign ministry's desk: "Head of Rhodesia Department, FCO"
_RUSSIAN_ENDINGS = ("ий", "ого", "ому", "им", "ом", "ая", "ой", "ую", "ое", "ие", "их", "ими")


def role_vocabulary() -> list[str]:
    """Role words and titles, forms of address ("Comrade", "Mr.") left out."""
    rules = entity_rules()
    words = list(rules["role_words"])
    for group, titles in rules["titles"].items():
        if group != "address":
            words += titles
    return words


@lru_cache(maxsize=1)
def role_tokens() -> frozenset[str]:
    return frozenset(t for w in role_vocabulary() for t in fold(w).split())


def role_word(lower: str) -> bool:
    return fold(lower) in role_tokens()


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """The words a role ends on when nothing follows it: "minister" (prime minister), "secretary"
    (secretary of defense), not "defense", nor "prime"."""
    return frozenset(re.split(r"\s+(?:of|to|in|at|for|with)\s+", fold(w))[0].split()[-1] for w in role_vocabulary())


@lru_cache(maxsize=1)
def not_person_words() -> frozenset[str]:
    """Folded words no person's name holds (entity_rules.yaml ``not_person``): months, telegram
    jargon, the heads of organisations, the parts of papers."""
    return frozenset(fold(w) for w in entity_rules()["not_person"])


@lru_cache(maxsize=1)
def phrase_words() -> frozenset[str]:
    return frozenset(fold(w) for w in entity_rules()["role_phrase_words"])


def states() -> list[AuthorityEntity]:
    """The states of the places file that have a side."""
    return [entity for entity in authorities().entities.values()
            if entity.kind == "place" and entity.type == "state" and entity.side]


@lru_cache(maxsize=1)
def adjective_sides() -> dict[str, str]:
    """Folded nationality words → side ("japanese" → JPN, "philippine" → PHL, "filipinos" → PHL):
    the places file's states with their names as before ("ussr" → USSR), then the adjectives and
    peoples of data/demonyms.toml. Other states' names are not here but in state_sides: the name
    readers take a word of this table for no entity ("Indian" is no place; "India" is one)."""
    table: dict[str, str] = {}
    for entity in states():  # as the places file has them, before any other form
        for word in _entity_words(entity):
            table.setdefault(fold(word), entity.side)
    for entity in states():
        for word in _entity_words(entity):
            for key in _keys(word):
                table.setdefault(key, entity.side)
    names = _state_names()
    for word, side in _demonym_words(("adjectives", "people")):
        keys = _keys(word)
        if not any(key in names for key in keys):  # "Luxembourg", "Netherlands": a name as well
            for key in keys:
                table.setdefault(key, side)
    return table


@lru_cache(maxsize=1)
def state_sides() -> dict[str, str]:
    """adjective_sides and every state's names: data/demonyms.toml's, then those
    legation.lexicon.sides knows ("india" → IND, "burma" → MMR, "republic of korea" → KOR,
    "federal republic of germany" → FRG). The words side_in_words reads."""
    table = dict(adjective_sides())
    for key, side in _state_names().items():
        table.setdefault(key, side)
    return table


@lru_cache(maxsize=50_000)  # asked of every capitalised word of a collection's reports, most of them many times
def side_in_words(text: str) -> str | None:
    """The first nationality word or state name in a phrase: its side. Read from the left, the
    longest name at each word first ("Indian Ambassador to the United States" → IND; "President of
    the Republic of Korea" → KOR); a phrase that names no state ("Organization of American
    States", "New Mexico") is passed over whole, and so is a state named as the place of an office
    ("Ambassador in Japan", "Chargé in the Soviet Union", "Country Director for Iran": whose
    they are, the words do not say), and so is one a desk is about ("Office of German Affairs");
    "US" is read only in capitals ("let us" is no side)."""
    table, capitals, longest = _side_table()
    words = _WORD.findall(fold(text))
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            key = " ".join(words[i:i + n]).rstrip(".")
            if key not in table or key in capitals and not _in_capitals(text, words, i):
                continue
            side = table[key]
            if side and not _hosted(words, i, table, i + n) and not _a_desk(words, i + n):
                return side
            i += n - 1  # no state, or a host ("Ambassador in Japan"): its words are not read one by one
            break
        else:
            if words[i] in _after_office_of() and _after_an_office_of(words, i):
                return _after_office_of()[words[i]]  # "President of Guinea" (not "of Guinea-Bissau")
        i += 1
    return None


@lru_cache(maxsize=1)
def _after_office_of() -> dict[str, str]:
    """demonyms.toml's excluded names read as a state after an office's "of", folded."""
    return {fold(name): side for name, side in _demonyms()["words"]["after_office_of"].items()}


def _after_an_office_of(words: list[str], i: int) -> bool:
    """Whether word i follows "<office> of" ("President of Guinea"; "King of the Hashemite …" not)."""
    return i >= 2 and words[i - 1] == "of" and role_word(words[i - 2])


def _hosted(words: list[str], i: int, table: dict[str, str | None], after: int) -> bool:
    """Whether the state at word i is where an office is: a host word within the two words before
    it, or before the list it ends ("Emissary to Greece, Turkey and Cyprus"). Not a state word
    that an office follows after "to": whose aide one is ("adviser to Zambian President Kaunda",
    "Aide to Swedish Prime Minister Palme")."""
    if after < len(words) and role_word(words[after].rstrip(".,;")) and "to" in words[max(0, i - 2):i]:
        return False
    j = i
    while j > 0 and (words[j - 1] == "and" or words[j - 1] in table):
        j -= 1
    return bool(_HOST_WORDS.intersection(words[max(0, j - 2):j] + words[max(0, i - 2):i]))


def _a_desk(words: list[str], after: int) -> bool:
    """Whether a state word names what a desk is about: a subject word ("Affairs", "Division")
    follows it within five words, before any office ("Office of Greek, Turkish, and Iranian
    Affairs", "Cyprus-Greek Affairs"; not "Japanese Minister of Foreign Affairs")."""
    for word in words[after:after + 5]:
        word = word.rstrip(".,;")
        if word in _SUBJECT_WORDS:
            return True
        if role_word(word):
            return False
    return False


@lru_cache(maxsize=1)
def _side_table() -> tuple[dict[str, str | None], frozenset[str], int]:
    """side_in_words' table: state_sides, and the phrases that name no state (→ None); the words
    read only in capitals; the most words a name has."""
    table: dict[str, str | None] = dict(state_sides())
    words = _demonyms()["words"]
    for phrase in words["no_side"]:
        for key in _keys(phrase):
            table.setdefault(key, None)
    capitals = frozenset(fold(word) for word in words["capitals_only"])
    return table, capitals, max(len(key.split()) for key in table)


def _in_capitals(text: str, words: list[str], i: int) -> bool:
    """Whether the i-th word of the folded text is written in capitals in ``text``."""
    written = _WORD.findall(text)
    if len(written) == len(words):
        return written[i].isupper()
    return any(w.isupper() and fold(w) == words[i] for w in written)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Folded names a bare capitalised word may be a state by, past or present, whatever its
    side: state_sides' names, and every name pycountry gives a country, the part before a comma
    too ("Korea, Republic of" → korea): so also the names left out of the side tables as
    ambiguous ("Jordan", "Chad", "Palestine", "Korea", "Taiwan"); and the world's regions
    (entity_rules.yaml ``regions``: "Africa", "Southeast Asia"). Standing alone in a diplomat's
    text such a word names the state; a person of that name is known otherwise (the authority,
    a title before it)."""
    import pycountry

    names = set(_state_names())
    for country in [*pycountry.countries, *pycountry.historic_countries]:
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name:
                names.update(_keys(name.split(",")[0].split("(")[0].strip()))
    for entry in read_data("states.toml")["state"]:
        for name in (entry["name"], *entry.get("aliases", [])):
            if not (name.isupper() and len(name) <= 3):  # codes are no names: SUN, MAN
                names.update(_keys(name))
    for region in entity_rules()["regions"]:
        names.update(_keys(region))
    return frozenset(n for n in names if n)


@lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    """Folded names of the world's capitals (older English names too: "Leopoldville", "Peking")
    and large cities ("Lobito", "Khartoum"), from GeoNames (data/world_places.tsv, built by
    scripts/build_world_places.py), without those that are family names in FRUS lists of persons."""
    text = (resources.files("legation") / "data" / "world_places.tsv").read_text("utf-8")
    rows = (line.split("\t", 1)[0] for line in text.splitlines()
            if line and not line.startswith("#"))
    return frozenset(fold(name) for name in rows)


def is_place_name(text: str) -> bool:
    """A written name that is a state's, a region's or a large city's: see place_names and world_places."""
    key = fold(" ".join(text.split()))
    return key in place_names() or key in world_places()


@lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    """Folded state name → side: demonyms.toml's names, then the names sides.py knows."""
    table: dict[str, str] = {}
    excluded = _excluded()
    for word, side in [*_demonym_words(("names",)), *_named_states()]:
        keys = _keys(word)
        if excluded.isdisjoint(keys):
            for key in keys:
                table.setdefault(key, side)
    return table


def _named_states() -> Iterator[tuple[str, str]]:
    """(name, side) for the states legation.lexicon.sides knows by name — pycountry's names of the
    states demonyms.toml lists, states.toml's names and aliases, sides.toml's aliases — each side
    as side_code reads the name. Codes and all-capital aliases of three letters or fewer are no
    names here (SUN, MAN, IT, US): demonyms.toml lists the abbreviations that are read."""
    import pycountry

    listed = set(_demonyms()["side"])
    names: list[str] = []
    for country in [*pycountry.countries, *pycountry.historic_countries]:
        if country.alpha_3 in listed:
            for name in (country.name, getattr(country, "common_name", None),
                         getattr(country, "official_name", None)):
                if name and "," not in name and "(" not in name:  # not "Korea, Republic of"
                    names.append(name)
    for entry in read_data("states.toml")["state"]:
        names += [entry["name"], *entry.get("aliases", [])]
    for aliases in read_data("sides.toml")["aliases"].values():
        names += aliases
    codes = known_states()
    for name in names:
        compact = "".join(name.split())
        if compact.upper() in codes or (len(compact) <= 3 and compact.isupper()):
            continue
        try:
            side = side_code(name)
        except ValueError:
            continue
        if side in listed or side in SIDES:
            yield name, side


def _entity_words(entity: AuthorityEntity) -> tuple[str, ...]:
    return (*entity.adjectives, *entity.people, entity.name, *entity.variants)


def _demonym_words(fields: tuple[str, ...]) -> list[tuple[str, str]]:
    """(word, side) of demonyms.toml's fields, the excluded words left out."""
    excluded = _excluded()
    return [(word, side) for side, entry in _demonyms()["side"].items() for field in fields
            for word in entry.get(field, []) if excluded.isdisjoint(_keys(word))]


@lru_cache(maxsize=1)
def _excluded() -> frozenset[str]:
    return frozenset(key for word in _demonyms()["words"]["exclude"] for key in _keys(word))


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, Any]:
    return read_data("demonyms.toml")


def _keys(word: str) -> list[str]:
    """The forms a word is looked up by: folded as written (as the name readers fold a word), and
    as side_in_words reads it — word by word, hyphens, commas and brackets as spaces, no final dot
    ("Guinea-Bissau" → "guinea bissau", "U.S." → "u.s"); a Russian adjective in every case
    ("японский" → "японского", "японскому", …)."""
    keys: list[str] = []
    for form in _russian_forms(word):
        folded = fold(form)
        for key in (folded, " ".join(_WORD.findall(folded)).rstrip(".")):
            if key and key not in keys:
                keys.append(key)
    return keys


def _russian_forms(word: str) -> list[str]:
    """A Russian adjective in -кий ("японский", "австро-венгерский") in its twelve case forms;
    any other word as written. (The places file and demonyms.toml write the nominative.)"""
    if not (CYRILLIC.search(word) and word.endswith("кий") and " " not in word):
        return [word]
    return [word[:-2] + ending for ending in _RUSSIAN_ENDINGS]
