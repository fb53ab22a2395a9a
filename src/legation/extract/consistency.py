"""What no single citation shows but an author checks before submission: one archive file cited
in different ways across the notes (its papka given in one note and left out in another)."""

from __future__ import annotations

from legation.model import Citation, Diagnostic

LEVEL_NAMES = ("fond", "opis", "papka", "delo")  # the four levels of Citation.file after the archive


def archive_files_cited_differently(citations: list[Citation]) -> list[Diagnostic]:
    """Pairs of archival citations that name the same archive and agree on every level both give,
    where one gives a level the other leaves out: the same file, cited two ways."""
    forms: dict[tuple, list[Citation]] = {}
    for citation in citations:
        if citation.kind == "archival" and citation.file is not None and citation.file[0]:
            forms.setdefault(citation.file, []).append(citation)
    diagnostics: list[Diagnostic] = []
    keys = list(forms)
    for i, fuller in enumerate(keys):
        for shorter in keys[:i] + keys[i + 1:]:
            if _leaves_out(shorter, fuller):
                diagnostics.append(_said(fuller, forms[fuller], shorter, forms[shorter]))
    return diagnostics


def _leaves_out(shorter: tuple, fuller: tuple) -> bool:
    """``shorter`` names the same archive and file as ``fuller`` but leaves out a level of it."""
    if shorter[0] != fuller[0] or shorter[-1] is None or shorter[-1] != fuller[-1]:
        return False
    pairs = list(zip(shorter[1:], fuller[1:]))
    agree = all(a == b for a, b in pairs if a is not None and b is not None)
    return agree and any(a is None and b is not None for a, b in pairs)


def _said(fuller: tuple, full_citations: list[Citation], shorter: tuple, short_citations: list[Citation]) -> Diagnostic:
    missing = [f"{name} {value}" for name, value, other in zip(LEVEL_NAMES, fuller[1:], shorter[1:])
               if value is not None and other is None]
    file = ", ".join([str(fuller[0])] + [f"{name} {value}" for name, value in zip(LEVEL_NAMES, fuller[1:])
                                         if value is not None and f"{name} {value}" not in missing])
    first = short_citations[0]
    return Diagnostic("archive-file-cited-differently",
                      f"{file}: cited with {', '.join(missing)} in {_notes(full_citations)} and without it in "
                      f"{_notes(short_citations)}", first.footnote, first.source_start, first.source_end)


def _notes(citations: list[Citation]) -> str:
    numbers = sorted({c.footnote for c in citations if c.footnote is not None})
    return ("note " if len(numbers) == 1 else "notes ") + ", ".join(map(str, numbers))
