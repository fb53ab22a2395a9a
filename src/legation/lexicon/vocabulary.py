"""Word tables the entities stage reads names and roles with, built once from
``entity_rules.yaml`` and the authority files."""

from __future__ import annotations

import re
from functools import lru_cache

from legation.lexicon.authority import AuthorityEntity, authorities
from legation.lexicon.names import entity_rules, fold

DETERMINERS = {"the", "a", "an", "its", "his", "her", "their"}
PREPOSITIONS = {"of", "to", "in", "for", "at"}


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
def phrase_words() -> frozenset[str]:
    return frozenset(fold(w) for w in entity_rules()["role_phrase_words"])


def states() -> list[AuthorityEntity]:
    """The states of the places file that have a side."""
    return [entity for entity in authorities().entities.values()
            if entity.kind == "place" and entity.type == "state" and entity.side]


@lru_cache(maxsize=1)
def adjective_sides() -> dict[str, str]:
    """Folded nationality words and state names → side ("japanese" → JPN, "ussr" → USSR)."""
    table: dict[str, str] = {}
    for entity in states():
        for word in (*entity.adjectives, *entity.people, entity.name, *entity.variants):
            table.setdefault(fold(word), entity.side)
    return table


def side_in_words(text: str) -> str | None:
    """The first nationality word or state name in a phrase: its side."""
    sides = adjective_sides()
    words = re.findall(r"[\w.]+", fold(text))
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            side = sides.get(" ".join(words[i:i + n]).rstrip("."))
            if side:
                return side
    return None
