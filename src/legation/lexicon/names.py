"""Personal names: fold the ways one name is written into one comparable form.

``K. A. Smetanin``, ``Comrade Smetanin``, ``К. А. Сметанин`` and ``Сметанин`` share the family
name ``smetanin``; ``Nomura Kichisaburō``, ``Kichisaburo Nomura`` and ``Nomura`` share
``nomura``. Titles and ranks (``Vice-Admiral``, ``Count``, ``Comrade``) are not names and are
split off; a regnal-style ordinal (``Onoe Kikugorō VI``) is kept apart from the name tokens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import cyrtranslit
import yaml

from legation.nlp import CYRILLIC

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ʻ": "'"})
_ODD_APOSTROPHE = re.compile("[" + re.escape("".join(map(chr, _APOSTROPHES))) + "]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_INITIAL = re.compile(r"^(?:[A-ZА-ЯЁ][a-zа-яё]?\.|[A-ZА-ЯЁ]\.?)$")
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W\d_])?\.?|[A-ZА-ЯЁ]\.", re.UNICODE)
# Romanised Japanese is a run of (consonant +) vowel syllables and syllabic n: used only to guess
# the name order of people the authority file does not know.
_JAPANESE_SYLLABLES = re.compile(
    r"^(?!.*e[ua])(?:(?:kk|ss|tt|pp|tch)?(?:ky|gy|sh|ch|ts|ny|hy|by|py|my|ry|j|[kgsztdnhbpmyrwf])?[aiueo]"
    r"|n(?![aiueoy])|m(?=[pbm]))+$")


@lru_cache(maxsize=1)
def entity_rules() -> dict[str, Any]:
    """The stage's word lists (titles, role words, descriptions, collectives): src/legation/data."""
    text = (resources.files("legation") / "data" / "entity_rules.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def _one_title() -> re.Pattern[str]:
    """One title of entity_rules.yaml (longest first), optionally "temporary"/"acting"/"retired"."""
    titles = [t for group in entity_rules()["titles"].values() for t in group]
    alternatives = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"(?:temporary\s+|acting\s+|retired\s+)?(?:{alternatives})(?=\s|$)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _title_pattern() -> re.Pattern[str]:
    """A run of titles at the start of a written name ("the Prime Minister Baron ...")."""
    return re.compile(rf"^(?:(?:the\s+)?(?:{_one_title().pattern})(?:\s+|$))+", re.IGNORECASE)


def strip_accents(text: str) -> str:
    """``Kichisaburō`` → ``Kichisaburo``, ``Weizsäcker`` → ``Weizsacker`` (Cyrillic й, ё kept)."""
    if text.isascii():
        return text
    return "".join(c if c < "\x80" else _plain(c) for c in text)


@lru_cache(maxsize=8192)
def _plain(char: str) -> str:
    if char in "йЙёЁ":
        return char
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)) or char


def fold_same_length(text: str) -> str:
    """Accents dropped and apostrophes unified, character for character, so offsets survive.
    (Whole documents pass through here: regular expressions touch only the characters that
    change, where ``str.translate`` and a loop over every character cost five times more.)"""
    text = _ODD_APOSTROPHE.sub("'", text)
    if text.isascii():
        return text
    return _NON_ASCII.sub(_plain_same_length, text)


def _plain_same_length(run: re.Match[str]) -> str:
    return "".join(c if len(_plain(c)) != 1 else _plain(c) for c in run.group())


def to_latin(text: str) -> str:
    """Cyrillic to a plain Latin spelling (cyrtranslit's Russian table, then simplified so that
    ``Цын`` meets ``Tsyn`` and ``Ёнаи`` meets ``Yonai``); Latin text is returned as is."""
    if not CYRILLIC.search(text):
        return text
    latin = cyrtranslit.to_latin(text, "ru")
    # cyrtranslit writes capital digraphs in capitals ("YOnai", "CZyn"): make them title case.
    latin = re.sub(r"\b([A-Z])([A-Z']+)(?=[a-z])", lambda m: m.group(1) + m.group(2).lower(), latin)
    for old, new in (("Cz", "Ts"), ("cz", "ts"), ("Shh", "Shch"), ("shh", "shch"), ("y'", "y"),
                     ("Y'", "Y"), ("''", ""), ("'", ""), ("Yo", "Yo"), ("j", "y"), ("J", "Y")):
        latin = latin.replace(old, new)
    return latin


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The comparable form of a word or name: Latin, no accents, lower case, one apostrophe."""
    return strip_accents(to_latin(text.translate(_APOSTROPHES))).casefold()


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """One name token folded further for spelling variants of romanisation: long vowels
    (``Tōgō``/``Togo``/``Tougou``), kh/h, syllabic m/n before labials (``Shimpei``/``Shinpei``)."""
    key = fold(token).rstrip(".").replace("'", "").replace("-", "")
    for old, new in (("ou", "o"), ("oo", "o"), ("uu", "u"), ("kh", "h"), ("mp", "np"), ("mb", "nb"),
                     ("ck", "k"), ("ae", "a"), ("ue", "u"), ("oe", "o")):
        key = key.replace(old, new)
    return key


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name split into what it is made of. ``words`` are the name words (no titles, initials
    or ordinal), in the order written."""

    titles: tuple[str, ...]
    initials: tuple[str, ...]
    words: tuple[str, ...]
    ordinal: str | None
    keys: tuple[str, ...] = ()  # the words' token_key, filled by parse_name

    def family_key(self, eastern: bool | None = None) -> str | None:
        """The family name's key: first word for family-name-first (Japanese) order, else last."""
        if not self.words:
            return None
        if eastern is None:
            eastern = not self.initials and looks_japanese(self.words)
        return self.keys[0] if eastern and len(self.words) > 1 else self.keys[-1]


def split_titles(text: str) -> tuple[tuple[str, ...], str]:
    """``Vice-Admiral Sakonji Seizō`` → (("Vice-Admiral",), "Sakonji Seizō")."""
    text = " ".join(text.split())
    match = _title_pattern().match(text)
    if not match or not text[match.end():].strip():
        return (), text  # no title, or a title alone ("the Emperor"): nothing to split
    titles = tuple(t.strip() for t in _one_title().findall(match.group()))
    return titles, text[match.end():].strip()


def title_run(text: str) -> tuple[str, ...]:
    """The titles a phrase is made of, when it is nothing but titles ("Prime Minister Baron")."""
    found = _one_title().findall(text)
    return tuple(t.strip() for t in found) if found and not _one_title().sub("", text).strip() else ()


@lru_cache(maxsize=16384)
def parse_name(text: str) -> ParsedName:
    """Split a written name into titles, initials, name words and an ordinal."""
    titles, rest = split_titles(text.translate(_APOSTROPHES))
    rest = re.sub(r"(?:'s|’s)$", "", rest.strip(" ,;:"))
    rest = re.sub(r"^the\s+", "", rest, flags=re.IGNORECASE)
    tokens = _TOKEN.findall(rest)
    ordinal = None
    if len(tokens) > 1 and tokens[-1] in entity_rules()["ordinals"]:
        ordinal = tokens.pop()
    initials = tuple(t.rstrip(".") for t in tokens if _INITIAL.match(t))
    words = tuple(t.rstrip(".") for t in tokens if not _INITIAL.match(t) and t.lower() not in _PARTICLES)
    return ParsedName(titles, initials, words, ordinal, tuple(token_key(w) for w in words))


# Nobiliary particles are part of a written name but not of its comparable key.
_PARTICLES = {"von", "van", "de", "der", "den", "du", "la", "le", "di", "da", "фон", "дер", "де"}


def looks_japanese(words: tuple[str, ...] | list[str]) -> bool:
    """Every word of the name is romanised Japanese (``Sakonji Seizō``; not ``Smetanin``)."""
    keys = [fold(w).replace("'", "").replace("-", "") for w in words]
    return bool(keys) and all(len(k) >= 2 and _JAPANESE_SYLLABLES.match(k) for k in keys)


def compatible(a: ParsedName, b: ParsedName) -> bool:
    """Could two written names be one person? They share a name word and nothing contradicts:
    ``K. A. Smetanin`` ~ ``Smetanin`` ~ ``Konstantin Smetanin``; ``D. A. Zhukov`` ≁ ``G. K. Zhukov``;
    ``Kichisaburo Nomura`` ~ ``Nomura Kichisaburō``."""
    keys_a, keys_b = set(a.keys), set(b.keys)
    if not keys_a & keys_b:
        return False
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return False
    if not _initials_agree(a, b):
        return False
    # Two full names must agree on every word (order aside): "Abe Nobuyuki" ≁ "Abe Shinzō".
    if len(keys_a) > 1 and len(keys_b) > 1:
        return keys_a == keys_b
    return True


def _initials_agree(a: ParsedName, b: ParsedName) -> bool:
    """Initials of one name must be the first letters of the other's given names or initials."""
    for this, other in ((a, b), (b, a)):
        if not this.initials:
            continue
        other_letters = [fold(i)[:1] for i in other.initials] or [
            fold(w)[:1] for w in other.words if token_key(w) not in set(this.keys)]
        mine = [fold(i)[:1] for i in this.initials]
        if other_letters and mine[: len(other_letters)] != other_letters[: len(mine)]:
            return False
    return True


def display_name(parsed: ParsedName) -> str:
    """The name as shown: initials, words, ordinal; no titles."""
    parts = [f"{i}." for i in parsed.initials] + list(parsed.words)
    if parsed.ordinal:
        parts.append(parsed.ordinal)
    return " ".join(parts)


def given_keys(parsed: ParsedName, family: str) -> list[str]:
    """The given names, then the initials, of a name, folded, its family name left out
    ("Vyacheslav M. Molotov" → ["vyacheslav", "m"]; "W. J. Sebald" → ["w", "j"])."""
    family_key = token_key(family)
    return [k for k in parsed.keys if k != family_key] + [token_key(i) for i in parsed.initials]


def slug(text: str) -> str:
    """An id minted from a name: ``Kurachi Tetsukichi`` → ``kurachi-tetsukichi``."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text))) or "unnamed"
