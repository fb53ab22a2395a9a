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
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml

from legation.extract.context import SentenceIndex
from legation.extract.names import (
    ParsedName, compatible, display_name, entity_rules, fold, fold_same_length, looks_japanese,
    parse_name, slug, split_titles, title_run, token_key,
)
from legation.model import SIDES, Diagnostic, Document, Entity, Mention, Person, Role, Span

# Russian case endings of a surname or a noun (Сметанин-а/-у/-ым/-е, Москв-ы/-е).
_CYRILLIC_ENDINGS = r"(?:а|у|ым|ом|е|ой|ую|ого|ому|ым|ых|ы|и)?"
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


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


@dataclass(slots=True)
class AuthorityEntity:
    id: str
    kind: str  # "organization" | "place"
    name: str
    side: str | None
    variants: list[str]
    type: str | None = None
    adjectives: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    wikidata: str | None = None


@dataclass(slots=True)
class Authorities:
    persons: dict[str, AuthorityPerson]
    entities: dict[str, AuthorityEntity]
    forms: dict[str, list[tuple[str, str]]]  # folded form → [(kind, id)]
    pattern: re.Pattern[str]
    by_family: dict[str, list[str]]  # family-name key → person ids


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


@lru_cache(maxsize=1)
def authorities() -> Authorities:
    persons = {}
    for row in _load("people.yaml"):
        person = AuthorityPerson(
            id=row["id"], name=row["name"], family=row["family"], side=row.get("side"),
            eastern=row.get("order") == "eastern", titles=row.get("titles") or [],
            roles=row.get("roles") or [], variants=row.get("variants") or [], wikidata=row.get("wikidata"))
        person.parsed = [parse_name(f) for f in (person.name, *person.variants)]
        persons[person.id] = person
    entities = {}
    for kind, file in (("organization", "organizations.yaml"), ("place", "places.yaml")):
        for row in _load(file):
            entities[row["id"]] = AuthorityEntity(
                id=row["id"], kind=kind, name=row["name"], side=row.get("side"),
                variants=row.get("variants") or [], type=row.get("type") or row.get("kind"),
                adjectives=row.get("adjectives") or [], people=row.get("people") or [],
                wikidata=row.get("wikidata"))
    forms: dict[str, list[tuple[str, str]]] = {}
    for person in persons.values():
        for form in person_forms(person):
            ids = forms.setdefault(fold_same_length(form), [])
            if ("person", person.id) not in ids:
                ids.append(("person", person.id))
    for entity in entities.values():
        for form in (entity.name, *entity.variants):
            forms.setdefault(fold_same_length(form), []).append((entity.kind, entity.id))
    by_family: dict[str, list[str]] = {}
    for person in persons.values():
        by_family.setdefault(token_key(person.family), []).append(person.id)
    return Authorities(persons, entities, forms, _compile(forms), by_family)


def _compile(forms: dict[str, list[tuple[str, str]]]) -> re.Pattern[str]:
    """All forms as one pattern, whole words only, case as written. The forms are laid out as a
    trie (shared prefixes written once), so the scan costs about one pass over the text
    whatever the size of the authority files; at each point the longest form wins."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for char in re.sub(r"\s+", " ", form):
            node = node.setdefault(char, {})
        node[""] = "cyrillic" if _CYRILLIC.search(form[-1:]) else "plain"
    return re.compile(r"(?<![\w'])" + _trie_pattern(trie) + r"(?![\w])")


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
                for char, child in sorted(node.items()) if char]
    end = node.get("")
    if end == "cyrillic":
        branches.append(_CYRILLIC_ENDINGS[:-1])  # the case endings, when the form stops here
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if end else body


def lookup(form: str) -> list[tuple[str, str]]:
    """The (kind, id) pairs an exact written form names; Cyrillic case endings are tried off."""
    table = authorities().forms
    folded = " ".join(fold_same_length(form).split())
    if folded in table:
        return table[folded]
    if _CYRILLIC.search(folded):
        for cut in (3, 2, 1):
            if folded[:-cut] in table:
                return table[folded[:-cut]]
    return []


# ----------------------------------------------------------------------------------------------
# Candidate mentions

# The order in which overlapping candidates win: the authority file, then rules, then models.
_PRIORITY = {"authority": 0, "rule": 1, "spacy": 2, "natasha": 2, "coreference": 3}
# Statistical NER is skipped on paragraphs longer than this (a diagnostic says so): rules and
# the authority file still run over them.
_UPPER = "A-ZА-ЯЁ"
_NAME_WORD = rf"[{_UPPER}][\w'’\-]*[^\W\d_]"
_INITIALS_NAME = re.compile(
    rf"(?<![\w.])(?:(?:[{_UPPER}][a-zа-я]?\.\s?){{1,3}})\s?{_NAME_WORD}(?:\s+(?:{_NAME_WORD}))?")
_MONTHS = ("january february march april may june july august september october november december").split()
_DATE = re.compile(r"\b(?:(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) +
                   r")\s+(?:(?P<day>\d{1,2}),?\s+)?)?(?P<year>1[89]\d\d)\b")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    kind: str  # "person" | "organization" | "place"
    method: str
    ids: list[str] = field(default_factory=list)  # authority (or institution) ids it may name
    label: str | None = None  # spaCy label or collective institution


def annotate(doc: Document) -> list[Diagnostic]:
    """Fill doc.persons, doc.organizations, doc.places and doc.mentions (sorted by start)."""
    diagnostics: list[Diagnostic] = []
    body = doc.body
    if not body.strip():
        return diagnostics
    reader = _Reader(doc, diagnostics)
    reader.read()
    return diagnostics


class _Reader:
    """One document's pass: candidates, then merged records, roles, sides and descriptions."""

    def __init__(self, doc: Document, diagnostics: list[Diagnostic]) -> None:
        self.doc = doc
        self.body = doc.body
        self.folded = fold_same_length(doc.body)
        self.diagnostics = diagnostics
        self.auth = authorities()
        self.rules = entity_rules()
        self.sentences = SentenceIndex(doc.body)
        self.citation_spans = sorted((c.start, c.end) for c in doc.intext_citations)
        self.tags: dict[int, str] = {}  # token start → Penn tag, from spaCy's tagger
        self.persons: dict[str, Person] = {}
        self.parsed: dict[str, list[ParsedName]] = defaultdict(list)  # person id → forms seen
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self._lowercase_words: set[str] | None = None

    # -- the pass ---------------------------------------------------------------------------

    def read(self) -> None:
        model_candidates = self._model_candidates()
        authority = self._authority_candidates(model_candidates)
        candidates = [*authority, *self._rule_candidates(authority), *model_candidates,
                      *self._collective_candidates()]
        chosen = self._resolve_overlaps(candidates)
        authors = self._author_mentions()
        self._link_persons([c for c in chosen if c.kind == "person"], authors)
        self._link_entities([c for c in chosen if c.kind != "person"])
        self.mentions.extend(authors)
        self.mentions.sort(key=lambda m: (m.start, m.end))
        self._read_roles()
        self._coreference()
        self._finish()

    def _finish(self) -> None:
        counts: dict[str, int] = defaultdict(int)
        for mention in self.mentions:
            if mention.entity:
                counts[mention.entity] += 1
        for record in [*self.persons.values(), *self.entities.values()]:
            record.mentions = counts[record.id]
        doc = self.doc
        doc.mentions = self.mentions
        doc.persons = [p for p in self.persons.values() if p.mentions]
        doc.organizations = [e for e in self.entities.values() if e.kind == "organization" and e.mentions]
        doc.places = [e for e in self.entities.values() if e.kind == "place" and e.mentions]

    # -- candidates -------------------------------------------------------------------------

    def _in_citation(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.citation_spans, (start, float("inf"))) - 1
        return i >= 0 and self.citation_spans[i][0] <= start and end <= self.citation_spans[i][1]

    def _authority_candidates(self, model_candidates: list[_Candidate]) -> list[_Candidate]:
        found = []
        people_spans = sorted((c for c in model_candidates if c.kind == "person"), key=lambda c: c.start)
        for match in self.auth.pattern.finditer(self.folded):
            if self._in_citation(match.start(), match.end()):
                continue
            pairs = lookup(match.group())
            kinds = {kind for kind, _ in pairs}
            kind = "person" if "person" in kinds else next(iter(kinds), None)
            if kind is None:
                continue
            if kind != "place" and _hyphenated(self.folded, match.start(), match.end()):
                continue  # part of a compound: "Anti-Comintern Pact", "Molotov-Ribbentrop Pact"
            candidate = _Candidate(match.start(), match.end(), kind, "authority",
                                   [i for k, i in pairs if k == kind])
            if kind == "person" and not self._extend_to_full_name(candidate, people_spans):
                continue
            found.append(candidate)
        return found

    def _extend_to_full_name(self, candidate: _Candidate, people_spans: list[_Candidate]) -> bool:
        """A family name inside a longer name the authority file does not list ("Tanaka" in
        "Tanaka Giichi"): keep the authority id only if the longer name is compatible."""
        i = bisect.bisect_right(people_spans, candidate.start, key=lambda c: c.start)
        longer = [p for p in people_spans[max(0, i - 2):i] if candidate.end <= p.end
                  and (p.end - p.start) > (candidate.end - candidate.start)]
        if not longer:
            return True
        span = max(longer, key=lambda p: p.end - p.start)
        _, name = split_titles(self.body[span.start:span.end])
        parsed = parse_name(name)
        if any(_is_known_entity(w) or _role_word(fold(w)) for w in parsed.words):
            return True  # the model ran a place or an office into the name: "Vladivostok Watanabe Rie"
        if len(parsed.words) <= len(parse_name(self.body[candidate.start:candidate.end]).words):
            return True  # the model span only adds titles
        ids = [i for i in candidate.ids if any(compatible(parsed, f) for f in self.auth.persons[i].parsed)]
        if not ids:
            return False
        candidate.ids = ids
        offset = span.end - len(name)
        candidate.start, candidate.end = max(span.start, offset), span.end
        return True

    def _rule_candidates(self, authority: list[_Candidate]) -> list[_Candidate]:
        """Names written with initials ("G. G. Dolbin"), after a title ("Count Kabayama Sukehide")
        or after a role ("the military commander Terauchi Masatake")."""
        found = self._role_anchored_names(authority)
        for match in _INITIALS_NAME.finditer(self.body):
            family = parse_name(match.group()).words
            if not self._in_citation(match.start(), match.end()) and not self._common_words(" ".join(family)):
                found.append(_Candidate(match.start(), match.end(), "person", "rule"))
        for match in _titled_name_pattern().finditer(self.body):
            start = match.start("name")
            words = parse_name(match.group("name")).words
            if (not self._in_citation(start, match.end()) and not _is_known_entity(match.group("name"))
                    and not any(_role_word(fold(w)) for w in words)):
                found.append(_Candidate(start, match.end("name"), "person", "rule"))
        return found

    def _role_anchored_names(self, authority: list[_Candidate]) -> list[_Candidate]:
        """The name that closes a role phrase: "the Japanese ambassador to Moscow Togo Shigenori",
        "the State Secretary of the German Foreign Ministry Ernst Weizsäcker". Past the role
        word, capitalised runs, prepositions and known places/organisations are read to the end
        of the phrase; the last run not followed by "of" is the name."""
        known = bytearray(len(self.body))
        for candidate in authority:
            known[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
        found = []
        for role in _role_word_pattern().finditer(self.body):
            run = self._closing_name(role.end(), known)
            if run and not self._in_citation(*run):
                found.append(_Candidate(run[0], run[1], "person", "rule"))
        return found

    def _closing_name(self, start: int, known: bytearray) -> tuple[int, int] | None:
        runs: list[list[re.Match[str]]] = [[]]
        complements: set[int] = set()
        line_end = self.body.find("\n", start)
        stop = min(len(self.body) if line_end < 0 else line_end, start + 160)
        for token in _PHRASE_TOKEN.finditer(self.body, start, stop):
            word = token.group()
            if known[token.start()]:
                runs.append([])
            elif word == "," and not any(runs) and token.start() - start < 3:
                continue  # "the American Ambassador to Moscow, Laurence Steinhardt"
            elif word == "(":
                runs.append([])  # "The Acting Political Adviser in Japan (Sebald) to the Secretary"
            elif word.lower() in _PREPOSITIONS or word.lower() in _DETERMINERS:
                if word.lower() == "of":  # "Minister of Internal Affairs", "Directorate of the Red Army"
                    complements.update((len(runs) - 1, len(runs)))
                elif runs[-1] and word.lower() in _DETERMINERS:
                    complements.add(len(runs))  # "of the X" keeps X a complement
                runs.append([])
            elif word[:1].isupper() and not _role_word(fold(word)) and fold(word) not in _adjective_sides():
                if fold(word) in _not_person_words():
                    return None  # a month, a weekday: a date follows the role, not a name
                runs[-1].append(token)
            elif _role_word(fold(word)) or fold(word) in _phrase_words() or fold(word) in _adjective_sides():
                if runs[-1]:
                    return None  # the run qualifies another role ("Political Adviser"): that one is read on its own
            else:
                if runs[-1] and word[:1].islower() and self.tags.get(token.start(), "").startswith("NN"):
                    return None  # the run modifies a noun: "the Kabuki theater"
                break
        names = [i for i, run in enumerate(runs) if run and i not in complements]
        if not names or names[-1] != max(i for i, run in enumerate(runs) if run):
            return None
        run = runs[names[-1]]
        start, end = run[0].start(), run[-1].end()
        if len(run) > 4 or self._common_words(self.body[start:end]):
            return None
        return start, end

    def _model_candidates(self) -> list[_Candidate]:
        from legation.nlp import MAX_PARAGRAPH, is_russian

        russian = []
        for para in re.finditer(r"[^\n]+", self.body):
            if len(para.group()) > MAX_PARAGRAPH:
                self.diagnostics.append(Diagnostic(
                    "ner-skipped", f"a paragraph of {len(para.group())} characters is read by rules only"))
            elif is_russian(para.group()):
                russian.append((para.start(), para.group()))
        found = [*self._spacy(), *self._natasha(russian)]
        return [c for c in found if not self._in_citation(c.start, c.end)]

    def _spacy(self) -> Iterable[_Candidate]:
        from legation.nlp import english_paragraphs

        found = []
        for offset, parsed in english_paragraphs(self.body):
            for token in parsed:
                self.tags[offset + token.idx] = token.tag_
            for ent in parsed.ents:
                kind = _SPACY_KINDS.get(ent.label_)
                if kind:
                    first = ent.start
                    while kind == "person" and first < ent.end - 1 and (
                            _role_word(fold(parsed[first].text)) or _is_known_entity(parsed[first].text)):
                        first += 1  # "Vladivostok Watanabe Rie": the place is not part of the name
                    start, end = _trim_span(self.body, offset + parsed[first].idx, offset + ent.end_char)
                    if end > start:
                        found.append(_Candidate(start, end, kind, "spacy", label=ent.label_))
        return [c for c in found if c.kind != "person" or _plausible_person(self.body[c.start:c.end])
                and not self._common_words(self.body[c.start:c.end])]

    def _common_words(self, text: str) -> bool:
        """Every word of a model's name is written in lower case elsewhere in the document, or in
        capitals only: a heading or a common word ("Top Secret", "Political", "SCAP"), not a name."""
        if self._lowercase_words is None:
            self._lowercase_words = set(re.findall(r"(?<![\w'’])[a-zа-яё]+(?![\w'’])", self.body))
        words = re.findall(r"[^\W\d_]+", text)
        return bool(words) and (all(w.isupper() for w in words)
                                or all(w.lower() in self._lowercase_words for w in words))

    def _natasha(self, paragraphs: list[tuple[int, str]]) -> Iterable[_Candidate]:
        if not paragraphs:
            return []
        from natasha import Doc

        from legation.nlp import russian

        models = russian()
        found = []
        for offset, text in paragraphs:
            parsed = Doc(text)
            parsed.segment(models.segmenter)
            parsed.tag_ner(models.ner_tagger)
            for span in parsed.spans:
                kind = {"PER": "person", "ORG": "organization", "LOC": "place"}.get(span.type)
                if kind:
                    found.append(_Candidate(offset + span.start, offset + span.stop, kind, "natasha",
                                            label=span.type))
        return found

    def _collective_candidates(self) -> list[_Candidate]:
        """"the Japanese side", "Soviet diplomats", "the Germans": a state's institution."""
        found = []
        pattern, by_word = _collective_pattern()
        for match in pattern.finditer(self.body):
            state = by_word.get(match.group("adj").lower())
            noun = match.group("noun")
            if noun:
                institution = _collective_nouns()[noun.lower()]
            elif self._names_people(match):
                institution = "government"
            else:
                continue
            found.append(_Candidate(match.start(), match.end(), "organization", "rule",
                                    [f"{state}-{institution}"], label=institution))
        return found

    def _names_people(self, match: re.Match[str]) -> bool:
        """"the Japanese took steps" names the people (a state actor); "the Japanese press" does not
        (that is a collective with a noun) and "the Japanese ambassador" is a description."""
        if match.group("adj").lower() not in _people_words() or not match.group("det") and not match.group("adj").endswith("s"):
            return False
        rest = self.body[match.end():match.end() + 40]
        following = re.match(r"\s*(\S)", rest)
        if following is None or not following.group(1).isalpha():
            return True
        next_start = match.end() + following.start(1)
        tag = self.tags.get(next_start)
        if tag is None:
            return not following.group(1).islower()
        return not tag.startswith(("NN", "JJ"))

    def _resolve_overlaps(self, candidates: list[_Candidate]) -> list[_Candidate]:
        """Keep, among overlapping candidates, the one of highest priority, then the longest."""
        ranked = sorted(candidates, key=lambda c: (_PRIORITY[c.method], -(c.end - c.start), c.start))
        taken = bytearray(len(self.body))
        chosen = []
        for candidate in ranked:
            if taken.find(1, candidate.start, candidate.end) < 0:
                taken[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
                chosen.append(candidate)
        return sorted(chosen, key=lambda c: c.start)

    # -- people -----------------------------------------------------------------------------

    def _link_persons(self, candidates: list[_Candidate], authors: list[Mention]) -> None:
        named: list[tuple[_Candidate, ParsedName]] = []
        for candidate in candidates:
            titles, name = split_titles(self.body[candidate.start:candidate.end])
            candidate.start = candidate.end - len(name) if titles else candidate.start
            candidate.start, candidate.end = _trim_span(self.body, candidate.start, candidate.end)
            parsed = parse_name(self.body[candidate.start:candidate.end])
            if parsed.words:
                named.append((candidate, parsed))
        # Authority people first, then full names, then bare family names (which join the
        # cluster of the nearest earlier compatible full name, else a cited scholar's name).
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

    def _authority_person(self, candidate: _Candidate, parsed: ParsedName) -> str:
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
        if person_id not in self.persons:
            record = self.auth.persons[person_id]
            self.persons[person_id] = Person(person_id, record.name, side=record.side, wikidata=record.wikidata)
        self.parsed[person_id].append(parsed)
        return person_id

    def _cluster(self, parsed: ParsedName, clusters: list[tuple[str, ParsedName]], candidate: _Candidate,
                 author_keys: dict[str, str]) -> str:
        """The person a name not in the authority file belongs to: an authority person or an
        earlier cluster it is compatible with (the nearest one), else a new person."""
        for person_id in self.auth.by_family.get(parsed.family_key() or "", []):
            if any(compatible(parsed, f) for f in self.auth.persons[person_id].parsed):
                return self._authority_person(_Candidate(candidate.start, candidate.end, "person", "spacy",
                                                         [person_id]), parsed)
        for person_id, full in reversed(clusters):
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

    def _add_mention(self, candidate: _Candidate, entity_id: str | None) -> None:
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
        if len(parsed.words) != 1 or parsed.initials:
            return None
        owners = {pid for pid, forms in self.parsed.items()
                  if not self.persons[pid].is_author and any(parsed.keys[0] in f.keys for f in forms)}
        return owners.pop() if len(owners) == 1 else None

    def _names_author(self, key: str, person_id: str) -> bool:
        words = parse_name(self.persons[person_id].name).keys
        return bool(words) and token_key(key.split()[0]) in words

    def _actor_for_author(self, parsed: ParsedName) -> str | None:
        for person_id in self.auth.by_family.get(parsed.family_key(eastern=False) or "", []):
            if any(compatible(parsed, f) for f in self.auth.persons[person_id].parsed):
                if person_id not in self.persons:
                    record = self.auth.persons[person_id]
                    self.persons[person_id] = Person(person_id, record.name, side=record.side,
                                                     wikidata=record.wikidata)
                return person_id
        return None

    # -- organisations and places -----------------------------------------------------------

    def _link_entities(self, candidates: list[_Candidate]) -> None:
        for candidate in candidates:
            if candidate.method == "authority":
                entity_id = candidate.ids[0]
                if entity_id not in self.entities:
                    record = self.auth.entities[entity_id]
                    self.entities[entity_id] = Entity(entity_id, record.kind, record.name, side=record.side,
                                                      wikidata=record.wikidata)
            elif candidate.method == "rule":  # a collective: "the Japanese side"
                entity_id = candidate.ids[0]
                if entity_id not in self.entities:
                    state = self.auth.entities[entity_id.rsplit("-", 1)[0]]
                    adjective = state.adjectives[0] if state.adjectives else state.name
                    name = self.rules["institution_names"][candidate.label].format(adjective=adjective)
                    self.entities[entity_id] = Entity(entity_id, "organization", name, side=state.side)
            else:
                text = re.sub(r"^(?:the|The)\s+", "", self.body[candidate.start:candidate.end])
                candidate.start = candidate.end - len(text)
                if not text or not text[0].isupper() or _is_not_entity(text) or not self._proper(candidate):
                    continue
                entity_id = slug(text)
                person_id = self._person_named(text)
                if person_id:
                    candidate.kind = "person"  # the model took a person's name for a place: "Sebald"
                    self._add_mention(candidate, person_id)
                    continue
                if entity_id not in self.entities:
                    self.entities[entity_id] = Entity(entity_id, candidate.kind, text,
                                                      side=_side_in_words(text))
            self._add_mention(candidate, entity_id)
            variants = self.entities[entity_id].variants
            text = self.body[candidate.start:candidate.end]
            if text != self.entities[entity_id].name and text not in variants:
                variants.append(text)

    # -- roles and sides --------------------------------------------------------------------

    def _read_roles(self) -> None:
        period = _document_period(self.body)
        for mention in self.mentions:
            person = self.persons.get(mention.entity or "")
            if person is None or person.is_author or mention.kind != "person":
                continue
            for phrase in (self._title_before(mention), self._apposition_after(mention)):
                if phrase is not None and self._names_no_one_else(phrase):
                    self._add_role(person, phrase)
            if mention.text not in person.variants and mention.text != person.name:
                person.variants.append(mention.text)
        for person in self.persons.values():
            record = self.auth.persons.get(person.id)
            if record is not None:
                self._authority_roles(person, record, period)
            elif person.side is None:
                person.side = self._side_from_roles(person)

    def _names_no_one_else(self, span: Span) -> bool:
        """A role phrase holds no other person ("Ōhashi Shintarō, the old vice-minister ... Kurachi")
        and is not an organisation ("Informing the People's Commissariat ..., Generalov")."""
        head = re.match(r"(?:(?:the|a|an|its|his|her|their)\s+)?", self.body[span.start:span.end], re.I)
        head_start = span.start + (head.end() if head else 0)
        i = bisect.bisect_left(self.mentions, span.start, key=lambda m: m.start)
        for mention in self.mentions[i:]:
            if mention.start >= span.end:
                break
            if mention.kind == "person" or mention.kind == "organization" and mention.start == head_start:
                return False
        return True

    def _title_before(self, mention: Mention) -> Span | None:
        """The role phrase written just before a name: "the Japanese ambassador to Moscow Togo
        Shigenori", "Temporary chargé d'affaires Eugene Dooman", "its ambassador, Ōshima Hiroshi"."""
        sentence = self.sentences.at(mention.start)
        floor = sentence.start if sentence else max(0, mention.start - 200)
        tokens = list(re.finditer(r"[\w.'’\-]+|[,;:()\"“”«»]", self.body[floor:mention.start]))
        accepted: list[re.Match[str]] = []
        comma = False
        for i in range(len(tokens) - 1, -1, -1):
            word = tokens[i].group()
            lower = word.lower()
            if word == "," and not accepted and not comma:
                comma = True
                continue
            if lower in _DETERMINERS:
                before = tokens[i - 1].group().lower() if i > 0 else ""
                accepted.append(tokens[i])
                if before in _PREPOSITIONS and len(accepted) > 1:
                    continue
                break
            if lower in _PREPOSITIONS and accepted:
                accepted.append(tokens[i])
                continue
            if _role_word(lower) or lower in _phrase_words() or word[:1].isupper() and word not in ",;:":
                accepted.append(tokens[i])
                continue
            break
        while accepted and accepted[-1].group().lower() in _PREPOSITIONS:
            accepted.pop()
        if not accepted:
            return None
        first = accepted[-1]
        if comma and first.group().lower() not in _DETERMINERS:
            return None
        span = Span(floor + first.start(), floor + accepted[0].end())
        return span if _is_role_phrase(self.body[span.start:span.end]) else None

    def _apposition_after(self, mention: Mention) -> Span | None:
        """"K. A. Smetanin, the new USSR plenipotentiary representative in Tokyo, wrote"."""
        match = _APPOSITION.match(self.body, mention.end)
        if not match:
            return None
        span = Span(match.start("phrase"), match.end("phrase"))
        return span if _is_role_phrase(match.group("phrase")) else None

    def _add_role(self, person: Person, span: Span) -> None:
        title = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", self.body[span.start:span.end], flags=re.I)
        sentence = self.sentences.at(span.start) or span
        date = _first_date(self._without_citations(sentence))
        for one in title_run(title) or (title,):  # "Prime Minister Baron": two titles
            if not any(r.title.lower() == one.lower() for r in person.roles):
                person.roles.append(Role(one, date, None, span))

    def _without_citations(self, span: Span) -> str:
        """The text of a span with its author–year citations blanked ("[Togo 1996, p. 205]")."""
        text = list(self.body[span.start:span.end])
        for start, end in self.citation_spans:
            for i in range(max(start, span.start), min(end, span.end)):
                text[i - span.start] = " "
        return "".join(text)

    def _authority_roles(self, person: Person, record: AuthorityPerson, period: tuple[str, str] | None) -> None:
        """Dates for roles read in the text from the matching authority role (two wordings of one
        office, "USSR Foreign Commissar" and "Foreign Commissar", are kept once, the fuller);
        the authority's other roles held within the document's period are added without evidence."""
        by_row: dict[int, Role] = {}
        for role in list(person.roles):
            match = _matching_role(role.title, record.roles)
            if match is None:
                continue
            role.start, role.end = _iso(match.get("from")), _iso(match.get("to"))
            kept = by_row.get(id(match))
            if kept is None:
                by_row[id(match)] = role
                continue
            longer, shorter = (role, kept) if len(role.title) > len(kept.title) else (kept, role)
            person.roles.remove(shorter)
            by_row[id(match)] = longer
        used = set(by_row)
        for row in record.roles:
            if id(row) not in used and _overlaps(row, period):
                person.roles.append(Role(row["title"], _iso(row.get("from")), _iso(row.get("to"))))
        if person.side is None:
            person.side = record.side

    def _side_from_roles(self, person: Person) -> str | None:
        """A nationality word or state in a role ("the former Japanese consul general"), else —
        for a name of romanised Japanese words only — Japan, else the naming conventions of
        entity_rules.yaml (two initials before a family name, "-ov"/"-in" endings: USSR)."""
        for role in person.roles:
            side = _side_in_words(role.title)
            if side:
                return side
        forms = self.parsed.get(person.id, [])
        if forms and all(not f.initials for f in forms) and any(
                len(f.words) > 1 and looks_japanese(f.words) for f in forms):
            return "JPN"
        return _side_by_naming(forms)

    def _proper(self, candidate: _Candidate) -> bool:
        """A model's organisation or place is a proper name: a token tagged NNP, not headed by an
        office ("Minister of Internal Affairs") nor ending in a preposition."""
        text = self.body[candidate.start:candidate.end]
        words = text.split()
        if _role_word(fold(words[0])) or words[-1].lower() in _PREPOSITIONS:
            return False
        if fold(words[-1]) in _not_organization_heads() or _OFFICE_OF.search(self.body, max(0, candidate.start - 40), candidate.start):
            return False  # a treaty ("Anti-Comintern Pact") or an office's field ("Minister of Internal Affairs")
        tags = [self.tags.get(m.start() + candidate.start, "NNP") for m in re.finditer(r"\S+", text)]
        return any(t.startswith("NNP") for t in tags)

    def _followed_by_noun(self, end: int) -> bool:
        following = re.match(r"\s+(?=\w)", self.body[end:end + 5])
        return bool(following) and self.tags.get(end + following.end(), "").startswith("NN")

    # -- descriptions ("the plenipotentiary") -----------------------------------------------

    def _coreference(self) -> None:
        """Role descriptions that stand for a person named shortly before become mentions."""
        persons = self.persons
        added = []
        starts = [m.start for m in self.mentions]
        for match in _description_pattern().finditer(self.body):
            start, end = match.start(), match.end()
            i = bisect.bisect_left(starts, start)
            near = self.mentions[max(0, i - 1):i + 1]
            if any(m.start < end and start < m.end for m in near) or _QUALIFIED.match(self.body, end):
                continue
            if self._followed_by_noun(end):
                continue  # an adjective, not a description: "the general situation"
            person_id = _describe(persons, self.mentions, match.group(), start, window=_COREFERENCE_WINDOW)
            if person_id:
                added.append(Mention("person", match.group(), start, end, person_id, method="coreference"))
        self.mentions = sorted([*self.mentions, *added], key=lambda m: (m.start, m.end))


# ----------------------------------------------------------------------------------------------
# The helpers the later stages use

def mentions_between(doc: Document, start: int, end: int) -> list[Mention]:
    """The mentions that lie inside body[start:end] (doc.mentions is sorted by start)."""
    i = bisect.bisect_left(doc.mentions, start, key=lambda m: m.start)
    return [m for m in doc.mentions[i:] if m.start < end and m.end <= end]


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
    return _describe({p.id: p for p in doc.persons}, doc.mentions, text, offset, window=None)


_COREFERENCE_WINDOW = 3000  # a description found in the text must follow its person this closely


def _describe(persons: dict[str, Person], mentions: list[Mention], text: str, offset: int,
              window: int | None) -> str | None:
    wanted = _description_words(text)
    if wanted is None:
        return None
    words, side = wanted
    floor = offset - window if window is not None else -1
    for i in range(bisect.bisect_left(mentions, offset, key=lambda m: m.start) - 1, -1, -1):
        mention = mentions[i]
        if mention.kind != "person" or mention.method == "coreference":
            continue
        if mention.end < floor:
            break
        person = persons.get(mention.entity or "")
        if person and not person.is_author and _holds(person, words) and (side is None or person.side == side):
            return person.id
    auth = authorities()
    holders = [p.id for p in auth.persons.values()
               if any(w in [t.lower() for t in p.titles] for w in words) and (side is None or p.side == side)]
    return holders[0] if len(holders) == 1 else None


def _description_words(text: str) -> tuple[list[str], str | None] | None:
    """("the Soviet plenipotentiary envoy") → (role words a holder must have, side or None)."""
    words = fold(text).strip().split()
    if words and words[0] in ("the", "a", "an", "this", "that"):
        words = words[1:]
    side = None
    descriptions = {fold(k): v for k, v in entity_rules()["descriptions"].items()}
    for n in range(len(words)):
        head = " ".join(words[n:])
        if head in descriptions:
            for modifier in words[:n]:
                side = side or _adjective_sides().get(modifier)
            return [fold(w) for w in descriptions[head]], side
    return None


def _holds(person: Person, words: list[str]) -> bool:
    heads = [_role_head(r.title) for r in person.roles]
    record = authorities().persons.get(person.id)
    heads += [fold(t) for t in record.titles] if record else []
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", head) for head in heads for w in words)


def _role_head(title: str) -> str:
    """What a role is, without whose or where: "counsellor of the USSR plenipotentiary mission" → "counsellor"."""
    return re.split(r"\s+(?:of|to|in|at|for|with)\s+|\s*[,(]", fold(title), maxsplit=1)[0]


# ----------------------------------------------------------------------------------------------
# Word tables built from the data files

_SPACY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their"}
_PREPOSITIONS = {"of", "to", "in", "for", "at"}
_PHRASE_TOKEN = re.compile(rf"[{_UPPER}]\.(?=\s?[{_UPPER}])|[\w'’\-]+|[^\w\s]")
_OFFICE_OF = re.compile(r"(?:minister|commissar|secretary|ministry)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_QUALIFIED = re.compile(r"\s+(?:[A-ZА-ЯЁ]|(?:of|to|in|at|for)\s)")
_APPOSITION = re.compile(
    r",\s+(?P<phrase>(?:(?:the|a|an)\s+)?[^,.;:\"“”«»()\n]{2,100}?)(?=,|;|\.(?:\s|$)|\s+(?:wrote|told|said|noted|reported)\b)")


def _hyphenated(text: str, start: int, end: int) -> bool:
    return text[start - 1:start] == "-" or text[end:end + 1] == "-" and text[end + 1:end + 2].isupper()


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Without surrounding spaces, punctuation and a possessive 's."""
    while start < end and not (text[start].isalnum()):
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
        end -= 1
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    if end - start > 1 and text[end - 1] == "." and not re.search(r"\b\w\.$", text[start:end]):
        end -= 1
    return start, end


@lru_cache(maxsize=1)
def _role_tokens() -> frozenset[str]:
    rules = entity_rules()
    words = list(rules["role_words"])
    for group, titles in rules["titles"].items():
        if group != "address":
            words += titles
    return frozenset(t for w in words for t in fold(w).split())


def _role_word(lower: str) -> bool:
    return fold(lower) in _role_tokens()


@lru_cache(maxsize=1)
def _phrase_words() -> frozenset[str]:
    return frozenset(fold(w) for w in entity_rules()["role_phrase_words"])


@lru_cache(maxsize=1)
def _adjective_sides() -> dict[str, str]:
    """Folded nationality words and state names → side ("japanese" → JPN, "ussr" → USSR)."""
    table: dict[str, str] = {}
    for entity in authorities().entities.values():
        if entity.kind == "place" and entity.type == "state" and entity.side:
            for word in (*entity.adjectives, *entity.people, entity.name, *entity.variants):
                table.setdefault(fold(word), entity.side)
    return table


def _side_in_words(text: str) -> str | None:
    """The first nationality word or state name in a phrase: its side."""
    sides = _adjective_sides()
    words = re.findall(r"[\w.]+", fold(text))
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            side = sides.get(" ".join(words[i:i + n]).rstrip("."))
            if side:
                return side
    return None


def _side_by_naming(forms: list[ParsedName]) -> str | None:
    for convention in entity_rules()["naming_conventions"]:
        initials = convention.get("initials")
        endings = tuple(convention.get("endings") or ())
        for form in forms:
            if initials and len(form.initials) == initials and len(form.words) == 1:
                return convention["side"]
            if endings and form.words and not form.initials and fold(form.words[-1]).endswith(endings):
                return convention["side"]
    return None


def _is_role_phrase(phrase: str) -> bool:
    """A role phrase is headed by a role word: past a determiner, modifiers, nationality words
    and at most two other nouns, with no preposition or second determiner before it ("the new
    USSR plenipotentiary representative in Tokyo", "a Soviet trade official"; not "a cousin of
    Emperor Hirohito", not "Japan expressed an official protest")."""
    words = re.findall(r"[\w'’\-.]+", phrase)
    if not words or len(words) > 14:
        return False
    sides = _adjective_sides()
    others = 0
    for i, word in enumerate(words):
        lower = fold(word).rstrip(".") if not word.endswith(".") or len(word) > 4 else fold(word)
        if _role_word(lower):
            return True
        if lower in _DETERMINERS and i == 0 or lower in _phrase_words() or lower in sides or fold(word) in sides:
            continue
        others += 1
        if lower in _DETERMINERS or lower in _PREPOSITIONS or others > 2:
            return False
    return False


def _matching_role(title: str, roles: list[dict[str, Any]]) -> dict[str, Any] | None:
    head = set(_role_head(re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.I)).split()) & _role_tokens()
    for row in roles:
        if head & set(_role_head(row["title"]).split()):
            return row
    return None


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


def _document_period(body: str) -> tuple[str, str] | None:
    """The span of years the text speaks of (four-digit years 1850–1999 in the body)."""
    years = sorted(int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d)(?!\d)", body) if 1850 <= int(y) <= 1999)
    if not years:
        return None
    return str(years[0]), str(years[-1]) + "-12-31"


def _overlaps(row: dict[str, Any], period: tuple[str, str] | None) -> bool:
    if period is None:
        return True
    start, end = _iso(row.get("from")) or "0000", _iso(row.get("to")) or "9999"
    return start <= period[1] and end >= period[0]


def _first_date(sentence: str) -> str | None:
    """A year, month or day written in the sentence, as a partial ISO date."""
    match = _DATE.search(sentence)
    if not match:
        return None
    iso = match.group("year")
    if match.group("month"):
        iso += f"-{_MONTHS.index(match.group('month').lower()) + 1:02d}"
        if match.group("day"):
            iso += f"-{int(match.group('day')):02d}"
    return iso


def _plausible_person(text: str) -> bool:
    """spaCy's PERSON spans that are names: a capitalised word, not a known non-person."""
    _, name = split_titles(text)
    parsed = parse_name(name)
    if re.search(r"\s[-–—]|[-–—]\s", name):
        return False  # an editorial gloss: "(Yōsuke – I. D.)"
    if not parsed.words or not any(w[:1].isupper() for w in parsed.words):
        return False
    if any(fold(w) in _not_person_words() for w in parsed.words):
        return False
    return not _is_known_entity(name)


def _is_known_entity(text: str) -> bool:
    """An organisation, a place or a nationality word of the authority files."""
    pairs = lookup(text)
    return bool(pairs) and all(kind != "person" for kind, _ in pairs) or fold(text) in _adjective_sides()


def _is_not_entity(text: str) -> bool:
    """spaCy ORG/GPE spans that are not entities: nationality words, dates, lone letters."""
    return fold(text) in _adjective_sides() or len(text) < 2 or not re.search(r"[^\W\d_]{2}", text)


@lru_cache(maxsize=1)
def _titled_name_pattern() -> re.Pattern[str]:
    """A title (not a bare office: "Prince", "Vice-Admiral", "Comrade", "Counselor") followed by
    one to three capitalised name words, optionally initials first."""
    rules = entity_rules()
    titles = [t for group in rules["titles"].values() for t in group]
    alternatives = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    word = rf"(?:{_NAME_WORD})"
    initials = rf"(?:[{_UPPER}]\.\s?){{0,3}}"
    ordinal = r"(?:\s+(?:" + "|".join(rules["ordinals"]) + r")\b)?"
    return re.compile(rf"(?<![\w-])(?:{alternatives})\s+(?P<name>{initials}{word}(?:\s+{word}){{0,2}}{ordinal})")


@lru_cache(maxsize=1)
def _not_person_words() -> frozenset[str]:
    return frozenset(fold(w) for w in entity_rules()["not_person"])


@lru_cache(maxsize=1)
def _role_word_pattern() -> re.Pattern[str]:
    """Role words and titles (not forms of address), as whole words."""
    rules = entity_rules()
    words = [*rules["role_words"], *(t for group, titles in rules["titles"].items() if group != "address"
                                     for t in titles)]
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _collective_nouns() -> dict[str, str]:
    """Folded collective noun ("authorities", "military circles") → institution ("government")."""
    return {fold(noun): institution for institution, nouns in entity_rules()["collectives"].items()
            for noun in nouns}


@lru_cache(maxsize=1)
def _collective_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """"(the) <nationality> <collective noun>" and "the <people>" ("the Japanese", "the Germans")."""
    by_word: dict[str, str] = {}
    for entity in authorities().entities.values():
        if entity.kind == "place" and entity.type == "state" and entity.side:
            for word in (*entity.adjectives, *entity.people):
                if not re.search(r"[\u0400-\u04FF]", word):
                    by_word[word.lower()] = entity.id
    adjectives = "|".join(re.escape(w) for w in sorted({w.capitalize() if w.islower() else w for w in by_word},
                                                        key=len, reverse=True))
    nouns = "|".join(re.escape(n) for n in sorted(_collective_nouns(), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?P<det>[Tt]he\s+)?(?P<adj>{adjectives})(?:\s+(?P<noun>{nouns}))?(?![\w-])")
    return pattern, {k.lower(): v for k, v in by_word.items()}


@lru_cache(maxsize=1)
def _not_organization_heads() -> frozenset[str]:
    return frozenset(fold(w) for w in entity_rules()["not_organization_heads"])


@lru_cache(maxsize=1)
def _people_words() -> frozenset[str]:
    """Words that name a state's people as a plural noun ("the Japanese", "Germans")."""
    return frozenset(w.lower() for e in authorities().entities.values() if e.kind == "place" for w in e.people)


@lru_cache(maxsize=1)
def _description_pattern() -> re.Pattern[str]:
    rules = entity_rules()
    heads = "|".join(re.escape(h) for h in sorted(rules["descriptions"], key=len, reverse=True))
    modifiers = [*rules["description_modifiers"], *_adjective_sides()]
    mods = "|".join(re.escape(m) for m in sorted(set(modifiers), key=len, reverse=True) if m.isascii())
    return re.compile(rf"\b[Tt]he\s+(?:(?:{mods})\s+){{0,2}}(?:{heads})(?![\w-])", re.IGNORECASE)
