"""(in progress: the quotes stage of the actors layer)"""

from __future__ import annotations

from legation.model import Diagnostic, Document


def annotate(doc: Document) -> list[Diagnostic]:
    return []
