"""The entities stage: people, organisations and places as mentions and as merged records.

How a document is read:
1. the authority files (``data/authorities/*.yaml``) are scanned for in one pass over the body,
   folded so that ``Kichisaburo`` meets ``Kichisaburō`` and ``Сметанину`` meets ``Сметанин``;
2. spaCy (English, NER and tagger only, one pass per paragraph) and Natasha (paragraphs in
   Cyrillic) propose the names the authority files do not know, and rules add names written
   with initials or after a title (``G. G. Dolbin``, ``Vice-Admiral Sakonji Seizō``);
3. people not in the authority files are clustered by compatible names (``names.compatible``);
4. roles come from appositions and titles (``K. A. Smetanin, the new USSR plenipotentiary
   representative in Tokyo``), sides from the authority file, else from nationality words in
   roles; collective forms (``the Japanese side``) name a state's institutions, role
   descriptions (``the vice-admiral``) the person last named with that role;
5. scholars cited in the apparatus (reference authors) are kept apart as ``is_author``.

Steps 1–2 live in ``candidates`` (with ``authority`` and ``vocabulary``), roles and sides in
``roles``, descriptions in ``descriptions``; this module merges mentions into records.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from functools import lru_cache

from legation.lexicon.authority import authorities
from legation.lexicon.reference import listed_offices, listed_side
from legation.lexicon.sides import side_as_of
from legation.extract.candidates import Candidate, CandidateFinder, trim_span
from legation.extract.context import views
from legation.extract.descriptions import describe, description_mentions
from legation.lexicon.names import (
    ParsedName, compatible, display_name, entity_rules, fold, parse_name, slug, split_titles, token_key,
)
from legation.extract.roles import read_roles
from legation.lexicon.vocabulary import (
    PREPOSITIONS, adjective_sides, is_place_name, role_word, side_in_words, state_sides,
)
from legation.model import SIDES, Diagnostic, Document, Entity, Mention, Person, Role

_OFFICE_OF = re.compile(r"(?:minister|commissar|secretary|ministry)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def annotate(doc: Document) -> list[Diagnostic]:
    """Fill doc.persons, doc.organizations, doc.places and doc.mentions (sorted by start)."""
    diagnostics: list[Diagnostic] = []
    if doc.body.strip():
        _Reader(doc, diagnostics).read()
    return diagnostics


class _Reader:
    """One document's pass: candidates, then merged records, roles, sides and descriptions."""

    def __init__(self, doc: Document, diagnostics: list[Diagnostic]) -> None:
        self.doc = doc
        self.body = doc.body
        self.diagnostics = diagnostics
        self.auth = authorities()
        self.day = doc.report.date if doc.report is not None else None  # sides are as of this day
        self.tags: dict[int, str] = {}  # token start → Penn tag, from spaCy's tagger
        self.persons: dict[str, Person] = {}
        self.parsed: dict[str, list[ParsedName]] = defaultdict(list)  # person id → forms seen
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self.guessed: set[str] = set()  # persons whose side is only guessed from their name's form

    # -- the pass ---------------------------------------------------------------------------

    def read(self) -> None:
        finder = CandidateFinder(self.doc, self.diagnostics)
        chosen = finder.find()
        self.tags = finder.tags
        authors = self._author_mentions()
        self._link_persons([c for c in chosen if c.kind == "person"], authors)
        self._link_entities([c for c in chosen if c.kind != "person"])
        self.mentions.extend(authors)
        self.mentions.sort(key=lambda m: (m.start, m.end))
        self.guessed = read_roles(views(self.doc), finder.citation_spans, self.mentions, self.persons, self.parsed,
                                  self.day)
        self.mentions = description_mentions(self.body, self.mentions, self.persons, self.tags)
        self._finish()

    def _finish(self) -> None:
        counts: dict[str, int] = defaultdict(int)
        for mention in self.mentions:
            if mention.entity:
                counts[mention.entity] += 1
            if mention.kind == "person" and mention.entity not in self.persons:
                # a description only the authority file resolves ("the Emperor"): its person too
                self.persons[mention.entity] = authority_person(mention.entity, self.day)
        for person in self.persons.values():
            if (person.side is None or person.id in self.guessed) and not person.is_author and counts[person.id]:
                self._side_from_lists(person)  # "Juan Perón" is no Japanese name's form
        for record in [*self.persons.values(), *self.entities.values()]:
            record.mentions = counts[record.id]
            record.side = side_as_of(record.side, self.day)  # "German" in 1958 is West German
        doc = self.doc
        doc.mentions = self.mentions
        doc.persons = [p for p in self.persons.values() if p.mentions]
        doc.organizations = [e for e in self.entities.values() if e.kind == "organization" and e.mentions]
        doc.places = [e for e in self.entities.values() if e.kind == "place" and e.mentions]

    def _side_from_lists(self, person: Person) -> None:
        """A person nothing else gives a side (or only the form of their name does): the side
        the FRUS editors' lists of persons give a person of these names in the report's years
        (``lexicon.reference``), with the office that says so as a role, so the reader sees where
        the side came from."""
        forms = [person.name, *person.variants, *(" ".join(p.words) for p in self.parsed.get(person.id, ()))]
        office = listed_side(forms, *self._years())
        if office is None:
            return
        person.side = office.side
        person.roles.append(Role(f"{office.office or office.name} (FRUS list of persons: {office.volumes.split(',')[0]})",
                                 str(office.first), str(office.last)))

    # -- people -----------------------------------------------------------------------------

    def _link_persons(self, candidates: list[Candidate], authors: list[Mention]) -> None:
        named: list[tuple[Candidate, ParsedName]] = []
        for candidate in candidates:
            titles, name = split_titles(self.body[candidate.start:candidate.end])
            candidate.start = candidate.end - len(name) if titles else candidate.start
            candidate.start, candidate.end = trim_span(self.body, candidate.start, candidate.end)
            parsed = parse_name(self.body[candidate.start:candidate.end])
            if parsed.words:
                named.append((candidate, parsed))
        # Authority people first, then full names, then bare family names (which join a known
        # person the document names, else the first compatible full name it gives, else a cited
        # scholar's name).
        for candidate, parsed in named:
            if candidate.ids:
                self._add_mention(candidate, self._authority_person(candidate, parsed))
        author_keys = {token_key(a.text): a.entity for a in authors if a.entity}
        clusters: list[tuple[str, ParsedName]] = []
        for candidate, parsed in sorted(named, key=lambda cp: (len(cp[1].words) + len(cp[1].initials) < 2,
                                                               cp[0].start)):
            if candidate.ids:
                continue
            person_id = self._cluster(parsed, clusters, candidate, author_keys)
            self._add_mention(candidate, person_id)
        self._authors_who_are_actors(clusters, authors)

    def _authors_who_are_actors(self, clusters: list[tuple[str, ParsedName]], authors: list[Mention]) -> None:
        """A cited author whose full name the prose gives as an actor's ("Togo Shigenori", cited as
        "Togo 1996") is that actor: the citation's mention moves to the actor."""
        for author in {m.entity for m in authors}:
            record = self.persons.get(author or "")
            if record is None or not record.is_author:
                continue
            parsed = parse_name(record.name)
            actor = next((pid for pid, full in clusters if len(full.words) > 1 and compatible(parsed, full)), None)
            if actor:
                for mention in authors:
                    if mention.entity == author:
                        mention.entity = actor
                del self.persons[author]

    def _authority_person(self, candidate: Candidate, parsed: ParsedName) -> str:
        """The authority person a written form names; among namesakes ("Zhukov"), the one whose
        forms are compatible and who is already named in the document."""
        ids = [i for i in candidate.ids if any(compatible(parsed, f) for f in self.auth.persons[i].parsed)]
        ids = ids or candidate.ids
        if len(ids) > 1:
            seen = [i for i in ids if i in self.persons]
            if len(seen) != 1:
                self.diagnostics.append(Diagnostic(
                    "ambiguous-name", f"{self.body[candidate.start:candidate.end]!r} may name "
                    f"{', '.join(ids)}; taken as {ids[0]}"))
            ids = seen[:1] or ids
        person_id = ids[0]
        self.persons.setdefault(person_id, authority_person(person_id, self.day))
        self.parsed[person_id].append(parsed)
        return person_id

    def _cluster(self, parsed: ParsedName, clusters: list[tuple[str, ParsedName]], candidate: Candidate,
                 author_keys: dict[str, str]) -> str:
        """The person a name not in the authority file belongs to: an authority person or an
        earlier cluster it is compatible with, else a new person. Of two namesakes a document
        names in full, a bare family name is the first named: the report that introduces "Fidel
        Castro", then "Raúl Castro", writes "Castro" for Fidel and "Raúl" for his brother."""
        for person_id in self.auth.by_family.get(parsed.family_key() or "", []):
            if any(compatible(parsed, f) for f in self.auth.persons[person_id].parsed):
                return self._authority_person(Candidate(candidate.start, candidate.end, "person", "spacy",
                                                        [person_id]), parsed)
        for person_id in self._named_authority_persons():  # "Sir Roger" of a known "Sir Roger Makins"
            if any(compatible(parsed, form) for form in self.auth.persons[person_id].parsed):
                self.parsed[person_id].append(parsed)
                return person_id
        for person_id, full in clusters:  # in the order the document first names them
            if compatible(parsed, full):
                self.parsed[person_id].append(parsed)
                return person_id
        if len(parsed.words) == 1 and not parsed.initials and parsed.keys[0] in author_keys:
            return author_keys[parsed.keys[0]]  # a scholar named in the prose: "as Hosoya shows"
        name = display_name(parsed)
        person_id = slug(name)
        while person_id in self.persons or person_id in self.auth.persons:
            person_id += "-x"
        self.persons[person_id] = Person(person_id, name)
        self.parsed[person_id].append(parsed)
        clusters.append((person_id, parsed))
        return person_id

    def _named_authority_persons(self) -> list[str]:
        """The authority's people this document names, in the order it first names them."""
        return [person_id for person_id in self.persons if person_id in self.auth.persons]

    def _add_mention(self, candidate: Candidate, entity_id: str | None) -> None:
        self.mentions.append(Mention(candidate.kind, self.body[candidate.start:candidate.end],
                                     candidate.start, candidate.end, entity_id, method=candidate.method))

    def _author_mentions(self) -> list[Mention]:
        """Scholars cited in the apparatus: a Person (is_author) per reference author, and a
        mention where an author–year citation names them. An author who is also an actor of
        the authority file (a memoirist such as Tōgō) is linked to that actor."""
        by_reference: dict[str, list[str]] = {}
        for reference in self.doc.references:
            ids = []
            for author in reference.authors:
                family, given = author.get("family", ""), author.get("given", "")
                if not family:
                    continue
                parsed = parse_name(f"{given} {family}".strip())
                person_id = self._actor_for_author(parsed)
                if person_id is None:
                    person_id = "author-" + slug(family + " " + given)
                    if person_id not in self.persons:
                        self.persons[person_id] = Person(person_id, display_name(parsed), is_author=True)
                ids.append(person_id)
            by_reference[reference.id] = ids
        mentions = []
        for citation in self.doc.intext_citations:
            ids = by_reference.get(citation.reference or "", [])
            where = citation.text.find(citation.key)
            if not ids or where < 0 or not self._names_author(citation.key, ids[0]):
                continue  # "Ibid" names no one
            start = citation.start + where
            mentions.append(Mention("person", citation.key, start, start + len(citation.key), ids[0], method="rule"))
        return mentions

    def _person_named(self, text: str) -> str | None:
        """The person of this document a one-word name belongs to ("Eden" → "Anthony Eden"), if
        exactly one person has that name word: a model may call the same word a place elsewhere."""
        parsed = parse_name(text)
        if len(parsed.words) != 1 or parsed.initials or fold(text) in state_sides():
            return None  # "Greece" is the state's, whatever else took the word for a name
        owners = {pid for pid, forms in self.parsed.items()
                  if not self.persons[pid].is_author and any(parsed.keys[0] in f.keys for f in forms)}
        return owners.pop() if len(owners) == 1 else None

    def _years(self) -> tuple[str | None, str | None]:
        """The days the FRUS lists are read for: the report's, else its collection's first and last."""
        return (self.day, None) if self.day else self.doc.collection_period or (None, None)

    def _listed_family(self, candidate: Candidate, text: str) -> str | None:
        """A model's one-word organisation or place that is the family name of a person the FRUS
        lists hold in the report's years, and no state's or known place's name ("under Sukarno",
        "the Ulbricht regime"): that person, a person of this document from now on."""
        if self.auth.by_ref:
            return None  # the edition marks its people: its marks are the document's people
        parsed = parse_name(text)
        if len(parsed.words) != 1 or parsed.initials or not text[1:].islower() or fold(text) in state_sides() \
                or is_place_name(text) or not listed_offices([text], *self._years()):
            return None
        return self._cluster(parsed, [], candidate, {})

    def _names_author(self, key: str, person_id: str) -> bool:
        words = parse_name(self.persons[person_id].name).keys
        return bool(words) and token_key(key.split()[0]) in words

    def _actor_for_author(self, parsed: ParsedName) -> str | None:
        for person_id in self.auth.by_family.get(parsed.family_key(eastern=False) or "", []):
            if any(compatible(parsed, f) for f in self.auth.persons[person_id].parsed):
                if person_id not in self.persons:
                    record = self.auth.persons[person_id]
                    self.persons[person_id] = Person(person_id, record.name, side=record.side_on(self.day),
                                                     wikidata=record.wikidata)
                return person_id
        return None

    # -- organisations and places -----------------------------------------------------------

    def _link_entities(self, candidates: list[Candidate]) -> None:
        for candidate in candidates:
            if candidate.method == "authority":
                entity_id = candidate.ids[0]
                if entity_id not in self.entities:
                    record = self.auth.entities[entity_id]
                    self.entities[entity_id] = Entity(entity_id, record.kind, record.name,
                                                      side=record.side_on(self.day),
                                                      wikidata=record.wikidata)
            elif candidate.method == "rule":  # a collective: "the Japanese side"
                entity_id = candidate.ids[0]
                if entity_id not in self.entities:
                    state = self.auth.entities[entity_id.rsplit("-", 1)[0]]
                    adjective = state.adjectives[0] if state.adjectives else state.name
                    name = entity_rules()["institution_names"][candidate.label].format(adjective=adjective)
                    self.entities[entity_id] = Entity(entity_id, "organization", name, side=state.side)
            else:
                text = re.sub(r"^(?:the|The)\s+", "", self.body[candidate.start:candidate.end])
                candidate.start = candidate.end - len(text)
                if not text or not text[0].isupper() or _is_not_entity(text) or not self._proper(candidate):
                    continue
                entity_id = slug(text)
                person_id = self._person_named(text) or self._listed_family(candidate, text)
                if person_id:
                    candidate.kind = "person"  # the model took a person's name for a place: "Sebald"
                    self._add_mention(candidate, person_id)
                    continue
                if entity_id not in self.entities:
                    self.entities[entity_id] = Entity(entity_id, candidate.kind, text,
                                                      side=side_in_words(text))
            self._add_mention(candidate, entity_id)
            variants = self.entities[entity_id].variants
            text = self.body[candidate.start:candidate.end]
            if text != self.entities[entity_id].name and text not in variants:
                variants.append(text)

    def _proper(self, candidate: Candidate) -> bool:
        """A model's organisation or place is a proper name: a token tagged NNP, not headed by an
        office ("Minister of Internal Affairs") nor ending in a preposition."""
        text = self.body[candidate.start:candidate.end]
        words = text.split()
        if role_word(fold(words[0])) or words[-1].lower() in PREPOSITIONS:
            return False
        if fold(words[-1]) in _not_organization_heads() or _OFFICE_OF.search(self.body, max(0, candidate.start - 40), candidate.start):
            return False  # a treaty ("Anti-Comintern Pact") or an office's field ("Minister of Internal Affairs")
        tags = [self.tags.get(m.start() + candidate.start, "NNP") for m in re.finditer(r"\S+", text)]
        return any(t.startswith("NNP") for t in tags)


# ----------------------------------------------------------------------------------------------
# The helpers the later stages use

def mentions_between(doc: Document, start: int, end: int) -> list[Mention]:
    """The mentions that lie inside body[start:end] (doc.mentions is sorted by start)."""
    i = bisect.bisect_left(doc.mentions, start, key=lambda m: m.start)
    j = bisect.bisect_left(doc.mentions, end, lo=i, key=lambda m: m.start)
    return [m for m in doc.mentions[i:j] if m.end <= end]


def side_of(doc: Document, entity_id: str | None) -> str | None:
    """The side of a person, organisation or place of the document (a side code is its own side)."""
    if entity_id is None:
        return None
    if entity_id in SIDES:
        return entity_id
    for record in (*doc.persons, *doc.organizations, *doc.places):
        if record.id == entity_id:
            return record.side
    return None


def resolve_description(doc: Document, text: str, offset: int) -> str | None:
    """The person a role description ("the vice-admiral", "the Soviet plenipotentiary envoy")
    refers to at body offset ``offset``: the person most recently named before it who holds
    that role (and belongs to the side its adjective names), else the only such person of the
    authority file; None when there is none."""
    person_id = describe({p.id: p for p in doc.persons}, doc.mentions, text, offset, window=None)
    if person_id is not None and all(p.id != person_id for p in doc.persons):
        doc.persons.append(authority_person(person_id, doc.report.date if doc.report else None))  # named only by this description
    return person_id


def authority_person(person_id: str, day: str | None = None) -> Person:
    """A person record from the authority in force, with the side they acted for on ``day`` (the
    document's date), before the document's forms and roles are added."""
    record = authorities().persons[person_id]
    return Person(person_id, record.name, side=record.side_on(day), wikidata=record.wikidata)


def _is_not_entity(text: str) -> bool:
    """spaCy ORG/GPE spans that are not entities: nationality words, dates, lone letters."""
    return fold(text) in adjective_sides() or len(text) < 2 or not re.search(r"[^\W\d_]{2}", text)


@lru_cache(maxsize=1)
def _not_organization_heads() -> frozenset[str]:
    return frozenset(fold(w) for w in entity_rules()["not_organization_heads"])
