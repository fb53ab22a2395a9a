"""Name candidates of the entities stage: spans of the body that may name a person, an
organisation or a place, found by the authority files, by rules (initials, titles, role
phrases, collective forms such as "the Japanese side") and by the statistical models (spaCy
for English paragraphs, Natasha for Russian ones); where they overlap, one wins."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from legation.lexicon.authority import authorities, lookup
from legation.extract.context import views
from legation.lexicon.names import compatible, entity_rules, fold, fold_same_length, parse_name, split_titles, title_run
from legation.lexicon.vocabulary import (
    DETERMINERS, PREPOSITIONS, adjective_sides, not_person_words, phrase_words, is_place_name, role_vocabulary,
    role_word, state_sides, states,
)
from legation.lexicon.wordtrie import trie_pattern
from legation.nlp import CYRILLIC
from legation.model import Diagnostic, Document

# The order in which overlapping candidates win: the authority file, then rules, then models.
_PRIORITY = {"markup": 0, "authority": 1, "rule": 2, "spacy": 3, "natasha": 3, "coreference": 4}
_SPACY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}

_UPPER = "A-ZА-ЯЁ"
_NAME_WORD = rf"[{_UPPER}][\w'’\-]*[^\W\d_]"
_INITIALS_NAME = re.compile(
    rf"(?<![\w.])(?:(?:[{_UPPER}][a-zа-я]?\.\s?){{1,3}})\s?{_NAME_WORD}(?:\s+(?:{_NAME_WORD}))?")
_ADDRESS = re.compile(r"(?:Mr|Mrs|Ms|Dr|St|Mt|Messrs)\.")
_PHRASE_TOKEN = re.compile(rf"[{_UPPER}]\.(?=\s?[{_UPPER}])|[\w'’\-]+|[^\w\s]")


@dataclass(slots=True)
class Candidate:
    """A span that may name a person, an organisation or a place, and how it was found."""

    start: int
    end: int
    kind: str  # "person" | "organization" | "place"
    method: str
    ids: list[str] = field(default_factory=list)  # authority (or institution) ids it may name
    label: str | None = None  # spaCy label or collective institution


class CandidateFinder:
    """One document's candidates. Reading the models' output also records spaCy's part-of-speech
    tags (``tags``: token start → Penn tag), which later steps of the stage consult."""

    def __init__(self, doc: Document, diagnostics: list[Diagnostic]) -> None:
        self.doc = doc
        self.body = doc.body
        self.folded = fold_same_length(doc.body)
        self.diagnostics = diagnostics
        self.auth = authorities()
        self.citation_spans = sorted((c.start, c.end) for c in doc.intext_citations)
        self.tags: dict[int, str] = {}
        self._lowercase_words: set[str] | None = None

    def find(self) -> list[Candidate]:
        """The winning candidates, sorted by start. Where the edition marks its people (a volume
        with a list of persons whose documents tag them), its marks are the document's people:
        no other reading adds or contests one."""
        model_candidates = self._model_candidates()
        authority = self._authority_candidates(model_candidates)
        candidates = [*authority, *self._rule_candidates(authority), *model_candidates, *self._collective_candidates()]
        candidates = [c for c in candidates if c.kind != "person" or not self._opens_document_marker(c)]
        if self.auth.by_ref:
            candidates = [c for c in candidates if c.kind != "person"]
        return self._resolve_overlaps([*self._marked_candidates(), *candidates])

    def _opens_document_marker(self, candidate: Candidate) -> bool:
        """A name that is the first word of "Begin text.", "End verbatim text" (entity_rules
        document_markers): a part of the telegram, not its person."""
        phrase = " ".join(self.body[candidate.start:candidate.start + 40].split()).casefold()
        return " " not in self.body[candidate.start:candidate.end].strip() and any(
            phrase.startswith(marker) and phrase[len(marker):len(marker) + 1] in ("", ".", ":", ",", " ", ";")
            for marker in _document_markers())

    def _marked_candidates(self) -> list[Candidate]:
        """The names the edition marks: a person under the edition's key is the authority's person
        of that key (a volume's list of persons is in force while its documents are read)."""
        found = []
        for mark in self.doc.marks:
            person = self.auth.by_ref.get(mark.ref or "") if mark.kind == "person" else None
            found.append(Candidate(mark.start, mark.end, mark.kind, "markup", [person] if person else []))
        return found

    def _in_citation(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.citation_spans, (start, float("inf"))) - 1
        return i >= 0 and self.citation_spans[i][0] <= start and end <= self.citation_spans[i][1]

    def _authority_candidates(self, model_candidates: list[Candidate]) -> list[Candidate]:
        found = []
        people_spans = sorted((c for c in model_candidates if c.kind == "person"), key=lambda c: c.start)
        # where a model's organisation or place holds a word and runs on past it, the word is part
        # of its name, not a person: "(the) White House", "Truman Doctrine"
        named = sorted((c.start, c.end) for c in model_candidates if c.kind != "person")
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
            candidate = Candidate(match.start(), match.end(), kind, "authority",
                                  [i for k, i in pairs if k == kind])
            if kind == "person" and " " not in match.group() and _inside_longer(named, match.start(), match.end()):
                continue
            if kind == "person" and not self._extend_to_full_name(candidate, people_spans):
                continue
            found.append(candidate)
        return found

    def _extend_to_full_name(self, candidate: Candidate, people_spans: list[Candidate]) -> bool:
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
        if any(_is_known_entity(w) or role_word(fold(w)) for w in parsed.words):
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

    def _rule_candidates(self, authority: list[Candidate]) -> list[Candidate]:
        """Names written with initials ("G. G. Dolbin"), after a title ("Count Kabayama Sukehide")
        or after a role ("the military commander Terauchi Masatake")."""
        found = self._role_anchored_names(authority)
        for match in _INITIALS_NAME.finditer(self.body):
            if _ADDRESS.match(match.group()):
                continue  # "Mr. Williams": a form of address, read as a title below
            start, end = self._without_acronyms(match.start(), match.end())
            family = parse_name(self.body[start:end]).words
            if not self._in_citation(start, end) and not self._common_words(" ".join(family)) \
                    and not _names_no_person(family) and not self._enumerated(start, end) \
                    and not self._function_word_after_letter(start, end):
                found.append(Candidate(start, end, "person", "rule"))
        for match in _titled_name_pattern().finditer(self.body):
            start, end = self._without_acronyms(match.start("name"), match.end("name"))
            words = parse_name(self.body[start:end]).words
            if (not self._in_citation(start, end) and not _is_known_entity(self.body[start:end])
                    and not any(role_word(fold(w)) for w in words) and not _names_no_person(words)
                    and not title_run(self.body[start:end])):  # "Senator Dr. Paul Hertz": not "Dr"
                found.append(Candidate(start, end, "person", "rule"))
        return found

    def _role_anchored_names(self, authority: list[Candidate]) -> list[Candidate]:
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
            if run and not self._in_citation(*run) and not _names_no_person(self.body[run[0]:run[1]].split()):
                found.append(Candidate(run[0], run[1], "person", "rule"))
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
            elif word.lower() in PREPOSITIONS or word.lower() in DETERMINERS:
                if word.lower() == "of":  # "Minister of Internal Affairs", "Directorate of the Red Army"
                    complements.update((len(runs) - 1, len(runs)))
                elif word.lower() in ("in", "at"):  # "the Ambassador in London", "FonMin in Jerusalem": a place
                    complements.add(len(runs))
                elif runs[-1] and word.lower() in DETERMINERS:
                    complements.add(len(runs))  # "of the X" keeps X a complement
                runs.append([])
            elif word[:1].isupper() and not role_word(fold(word)) and fold(word) not in adjective_sides():
                if fold(word) in not_person_words():
                    return None  # a month, a weekday: a date follows the role, not a name
                runs[-1].append(token)
            elif role_word(fold(word)) or fold(word) in phrase_words() or fold(word) in adjective_sides():
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
        if self.tags.get(run[0].start()) == "VB":
            return None  # "the Attorney General to Begin Deportation Proceedings": a verb, capitalised in a title
        start, end = run[0].start(), run[-1].end()
        if len(run) > 4 or self._common_words(self.body[start:end]) or title_run(self.body[start:end]):
            return None  # "the Secretary Sir" before a known "Roger Makins": a title is no name
        return start, end

    def _model_candidates(self) -> list[Candidate]:
        from legation.nlp import is_russian, parseable

        russian = []
        for para in re.finditer(r"[^\n]+", self.body):
            if not parseable(para.group()):
                self.diagnostics.append(Diagnostic(
                    "ner-skipped", f"a paragraph of {len(para.group())} characters (overlong, or debris "
                    "without spaces) is read by rules only"))
            elif is_russian(para.group()):
                russian.append((para.start(), para.group()))
        found = [*self._spacy(), *self._natasha(russian)]
        return [c for c in found if not self._in_citation(c.start, c.end)]

    def _spacy(self) -> Iterable[Candidate]:
        found = []
        for offset, parsed in views(self.doc).english:
            for token in parsed:
                self.tags[offset + token.idx] = token.tag_
            for ent in parsed.ents:
                kind = _SPACY_KINDS.get(ent.label_)
                if kind:
                    first = ent.start
                    while kind == "person" and first < ent.end - 1 and (
                            role_word(fold(parsed[first].text)) or _is_known_entity(parsed[first].text)
                            or not parsed[first].text[:1].isupper() or fold(parsed[first].text) in not_person_words()
                            or _capitalised_as_first_word(parsed[first])):
                        first += 1  # "Vladivostok Watanabe Rie", "probably Khrushchev", "SUBJECT Cyprus": no part of the name
                    last = ent.end
                    while kind == "person" and last - 1 > first and _is_acronym(parsed[last - 1].text):
                        last -= 1  # "Schwartz—JCS", "Williams CIA" in a list of participants
                    start, end = trim_span(self.body, offset + parsed[first].idx,
                                           offset + parsed[last - 1].idx + len(parsed[last - 1].text))
                    parts = _conjoined(self.body, start, end) if kind == "person" else [(start, end)]
                    for part_start, part_end in parts:
                        if part_end > part_start:
                            found.append(Candidate(part_start, part_end, kind, "spacy", label=ent.label_))
        for candidate in found:
            if candidate.kind == "person" and self._place_named(candidate.start, candidate.end):
                candidate.kind = "place"
        return [c for c in found if c.kind != "person" or _plausible_person(self.body[c.start:c.end])
                and not self._common_words(self.body[c.start:c.end]) and not self._enumerated(c.start, c.end)]

    def _place_named(self, start: int, end: int) -> bool:
        """A model's person that is a state's, a region's or a large city's name ("Jordan", "Chad",
        "Africa", "Cabinda"), with no title before it ("Mr. Holland"): a place (read as the model's
        places are). A person of that name the authority knows is found by the authority, which
        wins over the model anyway."""
        if not is_place_name(self.body[start:end]):
            return False
        before = re.search(r"(\S+)\s+$", self.body[max(0, start - 40):start])
        return not (before and (title_run(before.group(1)) or role_word(fold(before.group(1)).rstrip("."))))

    def _without_acronyms(self, start: int, end: int) -> tuple[int, int]:
        """A name's span without the agency initials after it ("Williams CIA" in a list of those
        present: the agency is not the name)."""
        while " " in self.body[start:end] and _is_acronym(self.body[start:end].rsplit(" ", 1)[1]):
            end = start + self.body[start:end].rindex(" ")
        return start, end

    def _enumerated(self, start: int, end: int) -> bool:
        """A letter and a word opening a line or standing after a bracket: an item of a list ("A.
        Determine whether …", "(C) Above all"), not an initial and a family name."""
        if not re.match(r"\(?[A-Z][.)]\s*\S+$", self.body[start:end]):
            return False
        before = self.body[max(0, start - 2):start]
        return start == 0 or before.endswith(("\n", "(")) or before.strip() == "" and "\n" in self.body[max(0, start - 4):start]

    def _function_word_after_letter(self, start: int, end: int) -> bool:
        """A letter and a word no name is ("L. He has suggested", "B. The Secretary might"): an
        item's letter or an office's initial before a sentence, not an initial and a name."""
        word = re.match(rf"(?:[{_UPPER}][a-zа-я]?\.\s?)+\s?", self.body[start:end])
        tag = self.tags.get(start + word.end(), "") if word else ""
        return tag in _FUNCTION_TAGS or tag.startswith("VB")

    def _common_words(self, text: str) -> bool:
        """Every word of a model's name is written in lower case elsewhere in the document, or in
        capitals only: a heading or a common word ("Top Secret", "Political", "SCAP"), not a name."""
        if self._lowercase_words is None:
            self._lowercase_words = set(re.findall(r"(?<![\w'’])[a-zа-яё]+(?![\w'’])", self.body))
        words = re.findall(r"[^\W\d_]+", text)
        return bool(words) and (all(w.isupper() for w in words)
                                or all(w.lower() in self._lowercase_words for w in words))

    def _natasha(self, paragraphs: list[tuple[int, str]]) -> Iterable[Candidate]:
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
                    found.append(Candidate(offset + span.start, offset + span.stop, kind, "natasha",
                                           label=span.type))
        return found

    def _collective_candidates(self) -> list[Candidate]:
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
            found.append(Candidate(match.start(), match.end(), "organization", "rule",
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

    def _resolve_overlaps(self, candidates: list[Candidate]) -> list[Candidate]:
        """Keep, among overlapping candidates, the one of highest priority, then the longest."""
        ranked = sorted(candidates, key=lambda c: (_PRIORITY[c.method], -(c.end - c.start), c.start))
        taken = bytearray(len(self.body))
        chosen = []
        for candidate in ranked:
            if taken.find(1, candidate.start, candidate.end) < 0:
                taken[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
                chosen.append(candidate)
        return sorted(chosen, key=lambda c: c.start)


_CONJOINED = re.compile(r"\s+(?:and|or|&)\s+|(?<=\w)[–—](?=[^\W\d_])")  # not a gloss's " – I. D."


def _conjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A model's person span that joins two names is two ("Roberto and Savimbi", "Chiang–Quirino
    talks"): the parts between "and", "or", "&" and a dash between two words, each trimmed."""
    cuts = [m.span() for m in _CONJOINED.finditer(text, start, end)]
    if not cuts:
        return [(start, end)]
    edges = [start, *(i for cut in cuts for i in cut), end]
    return [trim_span(text, a, b) for a, b in zip(edges[::2], edges[1::2])]


def _inside_longer(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does one of the sorted spans hold [start, end) and run on past its end?"""
    i = bisect.bisect_right(spans, (start, float("inf")))
    return any(s <= start and e > end for s, e in spans[max(0, i - 3):i])


def _hyphenated(text: str, start: int, end: int) -> bool:
    return text[start - 1:start] == "-" or text[end:end + 1] == "-" and text[end + 1:end + 2].isupper()


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
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


def _plausible_person(text: str) -> bool:
    """spaCy's PERSON spans that are names: a capitalised word, not a known non-person."""
    _, name = split_titles(text)
    if title_run(name):
        return False  # a title alone ("Shah", "Mr. President"): a description, not a name
    parsed = parse_name(name)
    if re.search(r"\s[-–—]|[-–—]\s", name):
        return False  # an editorial gloss: "(Yōsuke – I. D.)"
    if not parsed.words or not any(w[:1].isupper() for w in parsed.words):
        return False
    if _names_no_person(parsed.words) or _place_headed(parsed.words):
        return False
    return not _is_known_entity(name)


def _place_headed(words: list[str]) -> bool:
    """A name of several words opened or closed by a place's head word ("Lake Tiberias",
    "Victoria Falls"): a place."""
    heads = entity_rules()["place_heads"]
    return len(words) > 1 and (fold(words[0]) in heads["first"] or fold(words[-1]) in heads["last"])


def _capitalised_as_first_word(token) -> bool:
    """A common noun or a verb that opens a sentence, capitalised for that alone: no part of the
    name after it ("6. Remind Shah …", "Ask Bundy …")."""
    return bool(token.is_sent_start) and token.tag_ in _COMMON_TAGS


_FUNCTION_TAGS = {"PRP", "PRP$", "DT", "IN", "CC", "MD", "WDT", "WP", "WRB", "EX", "TO", "RB"}
_COMMON_TAGS = {"NN", "NNS", "VB", "VBP", "VBD", "VBZ", "JJ", "RB", "IN", "DT", "PRP", "MD"}


def _is_acronym(token: str) -> bool:
    """An agency's initials ("CIA", "JCS", "USIA") or a dash between a name and one."""
    return token in ("—", "–", "-") or len(token) >= 2 and token.isupper() and token.isalpha()


def _names_no_person(words: Iterable[str]) -> bool:
    """A word of the name is no name's: a month, telegram jargon, an organisation's head
    ("General Headquarters", "UN Commission"), a state's name ("Offer Iran" opening an item)."""
    return any(fold(w) in not_person_words() or fold(w) in state_sides() for w in words)


def _is_known_entity(text: str) -> bool:
    """An organisation, a place or a nationality word of the authority files, or a state's name
    or people ("Iran", "Cyprus", "Filipinos")."""
    pairs = lookup(text)
    return bool(pairs) and all(kind != "person" for kind, _ in pairs) or fold(text) in state_sides()


@lru_cache(maxsize=1)
def _titled_name_pattern() -> re.Pattern[str]:
    """A title (not a bare office: "Prince", "Vice-Admiral", "Comrade", "Counselor") followed by
    one to three capitalised name words, optionally initials first, on one line: a list's
    "The Secretary" and, below it, "Sir Roger Makins" are two entries."""
    rules = entity_rules()
    titles = trie_pattern(t for group in rules["titles"].values() for t in group)
    word = rf"(?:{_NAME_WORD})"
    space = r"[^\S\n]"
    initials = rf"(?:[{_UPPER}]\.{space}?){{0,3}}"
    ordinal = rf"(?:{space}+(?:" + "|".join(rules["ordinals"]) + r")\b)?"
    return re.compile(rf"(?<![\w-])(?:{titles}){space}+(?P<name>{initials}{word}(?:{space}+{word}){{0,2}}{ordinal})")




@lru_cache(maxsize=1)
def _role_word_pattern() -> re.Pattern[str]:
    """Role words and titles (not forms of address), as whole words."""
    words = trie_pattern({w.lower() for w in role_vocabulary()})
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _collective_nouns() -> dict[str, str]:
    """Folded collective noun ("authorities", "military circles") → institution ("government")."""
    return {fold(noun): institution for institution, nouns in entity_rules()["collectives"].items()
            for noun in nouns}


@lru_cache(maxsize=1)
def _collective_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """"(the) <nationality> <collective noun>" and "the <people>" ("the Japanese", "the Germans")."""
    by_word: dict[str, str] = {}
    for entity in states():
        for word in (*entity.adjectives, *entity.people):
            if not CYRILLIC.search(word):
                by_word[word.lower()] = entity.id
    adjectives = "|".join(re.escape(w) for w in sorted({w.capitalize() if w.islower() else w for w in by_word},
                                                        key=len, reverse=True))
    nouns = "|".join(re.escape(n) for n in sorted(_collective_nouns(), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?P<det>[Tt]he\s+)?(?P<adj>{adjectives})(?:\s+(?P<noun>{nouns}))?(?![\w-])")
    return pattern, {k.lower(): v for k, v in by_word.items()}


@lru_cache(maxsize=1)
def _people_words() -> frozenset[str]:
    """Words that name a state's people as a plural noun ("the Japanese", "Germans")."""
    return frozenset(w.lower() for e in authorities().entities.values() if e.kind == "place" for w in e.people)


@lru_cache(maxsize=1)
def _document_markers() -> tuple[str, ...]:
    return tuple(marker.casefold() for marker in entity_rules()["document_markers"])
