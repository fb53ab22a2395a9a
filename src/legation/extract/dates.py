"""(in progress: the dates stage of the actors layer)"""

from __future__ import annotations

from legation.model import Diagnostic, Document


def annotate(doc: Document) -> list[Diagnostic]:
    return []
