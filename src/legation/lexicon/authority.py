"""The authority in force: known people, organisations and places, indexed by every folded form
they may be written in and compiled into one scanning pattern.

It is built in layers, each later one winning over the earlier: the built-in files
(``data/authorities/*.yaml``); what a collection says of its own people (a FRUS volume's list of
persons, the identifications its editors and writers give, ``legation.extract.identities``); a
user's own file (``--authority FILE``, ``read_authority_file``). A person of a later layer whose
name is compatible with an earlier one's is that person: it keeps the earlier id and adds its
forms and dated roles. The pipeline puts a document's layers in force while it reads it
(``in_force``); every stage asks ``authorities()``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from legation.errors import InputError

import yaml

from legation.lexicon.names import ParsedName, fold_same_length, given_keys, parse_name, token_key
from legation.lexicon.wordtrie import trie_pattern
from legation.nlp import CYRILLIC

# Russian case endings of a surname or a noun (Сметанин-а/-у/-ым/-е, Москв-ы/-е).
_CYRILLIC_ENDINGS = r"(?:а|у|ым|ом|е|ой|ую|ого|ому|ым|ых|ы|и)"


@dataclass(slots=True)
class AuthorityPerson:
    id: str
    name: str
    family: str
    side: str | None
    eastern: bool
    titles: list[str]
    roles: list[dict[str, Any]]
    variants: list[str]
    wikidata: str | None
    parsed: list[ParsedName] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # an edition's own keys for the person ("p_EDD1")
    layer: int = 0  # the latest layer that speaks of the person: of namesakes, the nearer source's is meant

    def side_on(self, day: str | None) -> str | None:
        """The side the person acted for on an ISO day (a year or month will do): the side of a
        role held then that names one ("Ambassador of the Philippines to the United States",
        1949), else the person's own side."""
        if day:
            for role in self.roles:
                if role.get("side") and _within(day, _iso(role.get("from")), _iso(role.get("to"))):
                    return role["side"]
        return self.side


@dataclass(slots=True)
class AuthorityEntity:
    id: str
    kind: str  # "organization" | "place"
    name: str
    side: str | None  # the side when no date is known (the file's own period)
    variants: list[str]
    type: str | None = None
    adjectives: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    wikidata: str | None = None
    # the sides it belonged to over time: (side, first day, last day), a missing day open
    dated_sides: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def side_on(self, day: str | None) -> str | None:
        """The side it belonged to on an ISO day ("1949-06-01"; a year or month will do), where
        the file dates its sides (Seoul is Japan's in 1939, Korea's in 1949); else its side."""
        if day is None or not self.dated_sides:
            return self.side
        return next((side for side, first, last in self.dated_sides if _within(day, first, last)), None)


def _within(day: str, first: str | None, last: str | None) -> bool:
    """Whether a (partial) ISO day falls between two (partial, open) ISO days."""
    return (first is None or first[:len(day)] <= day[:len(first)]) and (last is None or day[:len(last)] <= last[:len(day)])


@dataclass(slots=True)
class Authorities:
    persons: dict[str, AuthorityPerson]
    entities: dict[str, AuthorityEntity]
    forms: dict[str, list[tuple[str, str]]]  # folded form → [(kind, id)]
    pattern: re.Pattern[str]
    by_family: dict[str, list[str]]  # family-name key → person ids
    by_ref: dict[str, str] = field(default_factory=dict)  # an edition's key ("p_EDD1") → person id


def _load(name: str) -> list[dict[str, Any]]:
    text = (resources.files("legation") / "data" / "authorities" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text) or []


def person_forms(person: AuthorityPerson) -> list[str]:
    """Every form a person may be written in: name, variants, family name, both name orders."""
    forms = [person.name, *person.variants, person.family]
    for written in (person.name, *person.variants):
        parsed = parse_name(written)
        if person.eastern and len(parsed.words) == 2 and not parsed.initials:
            forms.append(" ".join(reversed(parsed.words)) + (f" {parsed.ordinal}" if parsed.ordinal else ""))
    return list(dict.fromkeys(forms))


@dataclass(frozen=True, slots=True)
class Layer:
    """Rows of one authority source, in the built-in files' shape (``people``: id, name, family,
    order, side, titles, roles [{title, from, to, side}], variants, wikidata; ``organizations``
    and ``places``: id, name, side, variants, …). ``key`` names its content, so a layer read
    twice is composed once."""

    name: str
    people: tuple[dict[str, Any], ...] = ()
    organizations: tuple[dict[str, Any], ...] = ()
    places: tuple[dict[str, Any], ...] = ()
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            rows = [self.people, self.organizations, self.places]
            digest = hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()[:16]
            object.__setattr__(self, "key", digest)


@lru_cache(maxsize=1)
def builtin_layer() -> Layer:
    return Layer("built-in", tuple(_load("people.yaml")), tuple(_load("organizations.yaml")),
                 tuple(_load("places.yaml")))


_IN_FORCE: ContextVar[tuple[Layer, ...]] = ContextVar("authority_layers", default=())
_COMPOSED: dict[tuple[str, ...], Authorities] = {}
_COMPOSED_KEPT = 8  # a worker reads one collection after another: a few compositions suffice


def authorities() -> Authorities:
    """The authority in force: the built-in files and any layers put in force over them."""
    layers = (builtin_layer(), *_IN_FORCE.get())
    keys = tuple(layer.key for layer in layers)
    composed = _COMPOSED.get(keys)
    if composed is None:
        if len(_COMPOSED) >= _COMPOSED_KEPT:
            _COMPOSED.pop(next(k for k in _COMPOSED if len(k) > 1))  # the built-in alone stays
        composed = _COMPOSED[keys] = _compose(layers)
    return composed


@contextmanager
def in_force(*layers: Layer | None) -> Iterator[Authorities]:
    """Put layers in force over the built-in files (and any layers already in force) while a
    document is read."""
    token = _IN_FORCE.set((*_IN_FORCE.get(), *(layer for layer in layers if layer is not None)))
    try:
        yield authorities()
    finally:
        _IN_FORCE.reset(token)


def _compose(layers: tuple[Layer, ...]) -> Authorities:
    persons: dict[str, AuthorityPerson] = {}
    entities: dict[str, AuthorityEntity] = {}
    for rank, layer in enumerate(layers):
        for row in layer.people:
            _add_person(persons, _person(row), rank)
        for kind, rows in (("organization", layer.organizations), ("place", layer.places)):
            for row in rows:
                entities[row["id"]] = _entity(kind, row)
    return _index(persons, entities)


def _person(row: dict[str, Any]) -> AuthorityPerson:
    person = AuthorityPerson(
        id=row["id"], name=row["name"], family=row.get("family") or _family(row["name"], row.get("order")),
        side=row.get("side"), eastern=row.get("order") == "eastern", titles=list(row.get("titles") or []),
        roles=[dict(r) for r in row.get("roles") or []], variants=list(row.get("variants") or []),
        wikidata=row.get("wikidata"), refs=list(row.get("refs") or []))
    person.parsed = [parse_name(f) for f in (person.name, *person.variants)]
    return person


def _family(name: str, order: str | None) -> str:
    """The family name of a name written in full: the first word in eastern order, else the last."""
    words = name.replace(",", " ").split()
    return (words[0] if order == "eastern" else words[-1]) if words else name


def _same_given(a: AuthorityPerson, b: AuthorityPerson) -> bool:
    """Two people of one family name are one when the first given names of their fullest forms
    agree: the same word, or the same initial where one gives only an initial ("Vyacheslav M.
    Molotov", "V. M. Molotov", "Vyacheslav Mikhailovich Molotov")."""
    def first_given(person: AuthorityPerson) -> str | None:
        return next((given[0] for parsed in person.parsed if (given := given_keys(parsed, person.family))), None)
    x, y = first_given(a), first_given(b)
    if not x or not y:
        return False
    return x == y if len(x) > 1 and len(y) > 1 else x[0] == y[0]


def _add_person(persons: dict[str, AuthorityPerson], person: AuthorityPerson, rank: int = 0) -> None:
    """A later layer's person joins the earlier one of the same id or of a compatible name (the
    same family name, nothing in the given names against it): the earlier id is kept, the later
    layer's side, forms and dated roles are added; else the person is new."""
    same = persons.get(person.id) or next(
        (p for p in persons.values() if token_key(p.family) == token_key(person.family) and _same_given(p, person)),
        None)
    if same is None:
        person.layer = rank
        persons[person.id] = person
        return
    same.layer = rank
    same.side = person.side or same.side
    same.roles = [*person.roles, *same.roles]
    same.variants = list(dict.fromkeys([*same.variants, *(f for f in (person.name, *person.variants) if f != same.name)]))
    same.titles = list(dict.fromkeys([*same.titles, *person.titles]))
    same.wikidata = same.wikidata or person.wikidata
    same.refs = [*same.refs, *person.refs]
    same.parsed = [parse_name(f) for f in (same.name, *same.variants)]


def _entity(kind: str, row: dict[str, Any]) -> AuthorityEntity:
    return AuthorityEntity(
        id=row["id"], kind=kind, name=row["name"], side=row.get("side"),
        variants=list(row.get("variants") or []), type=row.get("type") or row.get("kind"),
        adjectives=list(row.get("adjectives") or []), people=list(row.get("people") or []),
        wikidata=row.get("wikidata"),
        dated_sides=[(s["side"], _iso(s.get("from")), _iso(s.get("to"))) for s in row.get("sides") or []])


def _index(persons: dict[str, AuthorityPerson], entities: dict[str, AuthorityEntity]) -> Authorities:
    """Every written form of the records, and the people by family name."""
    forms: dict[str, list[tuple[str, str]]] = {}
    for person in persons.values():
        for form in person_forms(person):
            ids = forms.setdefault(fold_same_length(form), [])
            if ("person", person.id) not in ids:
                ids.append(("person", person.id))
    for entity in entities.values():
        for form in (entity.name, *entity.variants):
            forms.setdefault(fold_same_length(form), []).append((entity.kind, entity.id))
    # namesakes nearest source first: a collection's own "Adam Malik" before the built-in files'
    # Yakov Malik, a user's file before both
    nearest_first = lambda kind_id: -persons[kind_id[1]].layer if kind_id[0] == "person" else 0  # noqa: E731
    for ids in forms.values():
        ids.sort(key=nearest_first)
    by_family: dict[str, list[str]] = {}
    for person in sorted(persons.values(), key=lambda p: -p.layer):
        by_family.setdefault(token_key(person.family), []).append(person.id)
    by_ref = {ref: person.id for person in persons.values() for ref in person.refs}
    return Authorities(persons, entities, forms, _compile(forms), by_family, by_ref)


# --- a user's own file ------------------------------------------------------------------------

CSV_COLUMNS = ("id", "name", "family", "order", "side", "variants", "role", "from", "to", "role_side")


def read_authority_file(path: str | Path) -> Layer:
    """A user's authority file: YAML (``people:``, ``organizations:``, ``places:`` lists in the
    built-in files' shape, or a bare list of people) or CSV (one row per person and role:
    id, name, family, order, side, variants separated by "; ", role, from, to, role_side).
    Raises InputError naming the file and the problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        raise InputError(str(path), f"cannot read the authority file ({problem})") from None
    if path.suffix.lower() == ".csv":
        return Layer(str(path), people=tuple(_csv_people(path, text)))
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as problem:
        raise InputError(str(path), f"not YAML: {' '.join(str(problem).split())[:120]}") from None
    if isinstance(data, list):
        data = {"people": data}
    if not isinstance(data, dict) or not set(data) <= {"people", "organizations", "places"}:
        raise InputError(str(path), "an authority file holds 'people', 'organizations' and 'places' lists")
    layer = Layer(str(path), *(tuple(data.get(k) or ()) for k in ("people", "organizations", "places")))
    for kind, rows in (("people", layer.people), ("organizations", layer.organizations), ("places", layer.places)):
        for n, row in enumerate(rows, 1):
            if not isinstance(row, dict) or not row.get("id") or not row.get("name"):
                raise InputError(str(path), f"{kind} entry {n} needs an id and a name")
    return layer


def _csv_people(path: Path, text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(text.splitlines())
    missing = {"id", "name"} - set(reader.fieldnames or ())
    if missing:
        raise InputError(str(path), f"CSV columns {', '.join(sorted(missing))} missing (columns: {', '.join(CSV_COLUMNS)})")
    people: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(reader, 2):
        if not (row.get("id") or "").strip() or not (row.get("name") or "").strip():
            raise InputError(str(path), f"line {n}: a person needs an id and a name")
        person = people.setdefault(row["id"].strip(), {
            "id": row["id"].strip(), "name": row["name"].strip(), "family": (row.get("family") or "").strip() or None,
            "order": (row.get("order") or "").strip() or None, "side": (row.get("side") or "").strip() or None,
            "variants": [v.strip() for v in (row.get("variants") or "").split(";") if v.strip()], "roles": []})
        if (row.get("role") or "").strip():
            person["roles"].append({"title": row["role"].strip(), "from": (row.get("from") or "").strip() or None,
                                    "to": (row.get("to") or "").strip() or None,
                                    "side": (row.get("role_side") or "").strip() or None})
    return list(people.values())


def _iso(value: Any) -> str | None:
    """A date of the YAML file (read as a date or a string) as ISO text."""
    return None if value is None else str(value)


def _compile(forms: dict[str, list[tuple[str, str]]]) -> re.Pattern[str]:
    """All forms as one pattern, whole words only, case as written, spaces as any white space;
    a Cyrillic form may take a case ending. Laid out as a trie, the scan costs about one pass
    over the text whatever the size of the authority files; at each point the longest form wins."""
    pattern = trie_pattern((re.sub(r"\s+", " ", form) for form in forms), space=r"\s+",
                           ending=lambda form: _CYRILLIC_ENDINGS if CYRILLIC.search(form[-1:]) else "")
    return re.compile(r"(?<![\w'])" + pattern + r"(?![\w])")


def lookup(form: str) -> list[tuple[str, str]]:
    """The (kind, id) pairs an exact written form names; Cyrillic case endings are tried off."""
    table = authorities().forms
    folded = " ".join(fold_same_length(form).split())
    if folded in table:
        return table[folded]
    if CYRILLIC.search(folded):
        for cut in (3, 2, 1):
            if folded[:-cut] in table:
                return table[folded[:-cut]]
    return []

