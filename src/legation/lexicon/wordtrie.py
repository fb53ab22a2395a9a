"""A list of words as one regular expression laid out as a trie.

An alternation of many words (``ambassador|attaché|...``) is tried word by word at every point
of a text; written as a trie (shared prefixes once) it costs about one pass over the text
whatever the length of the list. Where a shorter word is a prefix of a longer one, the longer
is tried first, as in an alternation sorted longest first, so the two match alike (given words
that differ from one another under the pattern's flags: lower-case them for IGNORECASE).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable


def trie_pattern(words: Iterable[str], space: str = re.escape(" "),
                 ending: Callable[[str], str] = lambda word: "") -> str:
    """The words as one pattern (no flags, no boundaries). ``space`` is what a space inside a
    word matches; ``ending(word)`` is a pattern that may follow the word (case endings)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = ending(word)
    return _node_pattern(trie, space)


def _node_pattern(node: dict[str, Any], space: str) -> str:
    branches = [(space if char == " " else re.escape(char)) + _node_pattern(child, space)
                for char, child in sorted(node.items()) if char]
    end = node.get("")
    if end:
        branches.append(end)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if end is not None else body
