"""A report's sender and recipient as actors of what it reports.

A telegram's "I called on the Foreign Minister" is its sender's act, and an event the report
leaves undated happened no later than the report: these stages give a report's people and
events that context. They do nothing on a document that is not a report.
"""

from __future__ import annotations

from legation.lexicon.names import slug
from legation.model import Document, Person, Role


def add_correspondents(doc: Document) -> None:
    """Link the sender and recipient to the people the entities stage found, or add them."""
    report = doc.report
    if report is None:
        return
    report.sender_person = report.sender_person or _person_for(doc, report.sender, report.sender_role,
                                                               report.sender_side, report.date)
    report.recipient_person = report.recipient_person or _person_for(doc, report.recipient, report.recipient_role,
                                                                     report.recipient_side, report.date)


def author(doc: Document) -> tuple[str | None, str | None]:
    """(actor, side) of whoever writes a report in the first person: its sender, a person when
    the heading names one, else the sender's state ("the Embassy in Japan" acts for its side)."""
    report = doc.report
    if report is None:
        return None, None
    return _correspondent(doc, report.sender_person, report.sender_side)


def addressee(doc: Document) -> tuple[str | None, str | None]:
    """(actor, side) of whom a report addresses as "you": its recipient."""
    report = doc.report
    if report is None:
        return None, None
    return _correspondent(doc, report.recipient_person, report.recipient_side)


def _correspondent(doc: Document, person_id: str | None, side: str | None) -> tuple[str | None, str | None]:
    if person_id is None:
        return side, side
    person = next((p for p in doc.persons if p.id == person_id), None)
    return person_id, (person.side if person and person.side else side)


def date_undated_events(doc: Document) -> None:
    """An event the report does not date took place by the report's date: give it that day,
    marked in its precision so a reader can tell it from a date the text states."""
    report = doc.report
    if report is None or report.date is None:
        return
    for event in doc.events:
        if event.date is None:
            event.date = report.date
            event.date_precision = "report"
            event.date_edtf = f"{report.date}~"  # EDTF: approximate


def _person_for(doc: Document, name: str | None, role: str | None, side: str | None,
                date: str | None) -> str | None:
    """The id of the person ``name`` is, among the document's people; a new Person if absent.
    An office with no name ("Secretary of State") is not a person."""
    if not name or role is None or f"({name})" not in role:
        return None
    key = name.casefold()
    for person in doc.persons:
        if any(key in variant.casefold().split() or key == variant.casefold()
               for variant in (person.name, *person.variants)):
            if person.side is None:
                person.side = side
            return person.id
    person = Person(id=slug(name), name=name, variants=[name], side=side,
                    roles=[Role(title=_office(role), start=date, end=date)])
    doc.persons.append(person)
    return person.id


def _office(role: str) -> str:
    """ "The Ambassador in Japan (Grew)" -> "Ambassador in Japan"."""
    office = role.split("(")[0].strip()
    return office[4:] if office.lower().startswith("the ") else office
