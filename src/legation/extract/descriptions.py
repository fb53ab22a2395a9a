"""Role descriptions ("the vice-admiral", "the Soviet plenipotentiary envoy") and the person
they stand for: the person most recently named who holds that role."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from legation.lexicon.authority import authorities
from legation.lexicon.wordtrie import trie_pattern
from legation.lexicon.names import entity_rules, fold
from legation.extract.roles import role_head
from legation.lexicon.vocabulary import adjective_sides
from legation.model import Mention, Person

_COREFERENCE_WINDOW = 3000  # a description found in the text must follow its person this closely
_QUALIFIED = re.compile(r"\s+(?:[A-ZА-ЯЁ]|(?:of|to|in|at|for)\s)")

def description_mentions(body: str, mentions: list[Mention], persons: dict[str, Person],
                         tags: dict[int, str]) -> list[Mention]:
    """``mentions`` (sorted by start) with the role descriptions of the text that stand for a
    person named shortly before added as mentions of that person."""
    added = []
    starts = [m.start for m in mentions]
    for match in _description_pattern().finditer(body):
        start, end = match.start(), match.end()
        i = bisect.bisect_left(starts, start)
        near = mentions[max(0, i - 1):i + 1]
        if any(m.start < end and start < m.end for m in near) or _QUALIFIED.match(body, end):
            continue
        if _followed_by_noun(body, tags, end):
            continue  # an adjective, not a description: "the general situation"
        person_id = describe(persons, mentions, match.group(), start, window=_COREFERENCE_WINDOW)
        if person_id:
            added.append(Mention("person", match.group(), start, end, person_id, method="coreference"))
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _followed_by_noun(body: str, tags: dict[int, str], end: int) -> bool:
    following = re.match(r"\s+(?=\w)", body[end:end + 5])
    return bool(following) and tags.get(end + following.end(), "").startswith("NN")


def describe(persons: dict[str, Person], mentions: list[Mention], text: str, offset: int,
             window: int | None) -> str | None:
    """The person a description at ``offset`` refers to: the latest person mentioned before it
    (within ``window`` characters, if given) who holds that role and belongs to the side its
    adjective names, else the only such person of the authority file."""
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
                side = side or adjective_sides().get(modifier)
            return [fold(w) for w in descriptions[head]], side
    return None


def _holds(person: Person, words: list[str]) -> bool:
    heads = [role_head(r.title) for r in person.roles]
    record = authorities().persons.get(person.id)
    heads += [fold(t) for t in record.titles] if record else []
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", head) for head in heads for w in words)


@lru_cache(maxsize=1)
def _description_pattern() -> re.Pattern[str]:
    rules = entity_rules()
    heads = "|".join(re.escape(h) for h in sorted(rules["descriptions"], key=len, reverse=True))
    modifiers = [*rules["description_modifiers"], *adjective_sides()]
    mods = trie_pattern({m.lower() for m in modifiers if m.isascii()})  # a trie: a thousand nationality words
    return re.compile(rf"\b[Tt]he\s+(?:(?:{mods})\s+){{0,2}}(?:{heads})(?![\w-])", re.IGNORECASE)
