"""A historian's corrections of what the machine read, kept apart from it and applied again after
every ingest.

A correction is keyed by what a re-ingest does not change: a person by their id (an authority id
or the id minted from their name); an event by its source's sha256, the character offsets of the
sentence that presents it and who acts on whom in it; a mention by its source's sha256 and its
offsets in the text; a citation by its source's sha256 and its offsets in the file. It keeps who
made it, when, why, and the machine's reading it replaced, so the item can show both. Kinds:

- ``side``: the side a person acted for (every source that names them; the events they act in
  or are acted on take it too, so relations and the network follow);
- ``merge-person``: person B is person A: B's records, mentions, quotations (spoken and
  received) and events become A's, in every source (a merge into a person merged in turn goes on
  to the last one);
- ``split-mention``: this mention is not the person the machine read but another (an existing
  id, or one minted from a name); the events whose sentence holds the mention and the quotations
  it is the nearest mention of that person to follow it (all of them when it was that person's
  only mention in the source);
- ``role-dates``: the dates of a person's role, by its title;
- ``reject-event``: an event that is none (it leaves the figures);
- ``recode-event``: an event's CAMEO code (its PLOVER category and Goldstein score follow);
- ``event-date``: an event's date (ISO day, month or year; an optional end);
- ``citation``: a citation's kind and fields (the archive file it cites, a book's title, a
  newspaper's date …): the citation index, the Ibids that repeat it and the exports follow.

Corrections are rows of their own table: a re-ingest replaces a source's rows and then applies
the corrections of that source and of its people again (``Store.add_document`` calls
``apply_to_source``), mentions first, then merges, then what is said of the people the source
names then, then its events and citations. ``export_jsonl``/``import_jsonl`` write and read them
one JSON object a line, so a team can share, review and version them.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from legation.errors import InputError
from legation.lexicon.eventcoding import lookup
from legation.lexicon.names import slug
from legation.model import CITATION_KINDS, Citation
from legation.store import queries as q
from legation.store.columns import ARCHIVE_COLUMNS, archive_file

if TYPE_CHECKING:
    from legation.store.sqlite import Store

KINDS = ("side", "merge-person", "split-mention", "role-dates", "reject-event", "recode-event", "event-date",
         "citation")
# the order a source's corrections are applied in: who a mention names, who is who, what is said
# of the people named then, and last the events (keyed by who acts in them) and citations
PHASES = {"split-mention": 0, "merge-person": 1, "side": 2, "role-dates": 2, "reject-event": 3, "recode-event": 3,
          "event-date": 3, "citation": 3}
PEOPLE_PHASES = (1, 2)  # found through the people a source names, not its sha256
ADDED_UP = ("citation", "role-dates")  # kinds whose correction adds to the one it replaces
# what a correction of an event changes of the machine's reading (the rest stays the machine's)
CHANGES = {"recode-event": ("type", "goldstein"), "event-date": ("date", "date_end")}
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# a citation's fields read as numbers or yes/no when given as text (the reader's own types)
NUMBER_FIELDS = ("folio_first", "folio_last", "page_first", "page_last", "publication_year")
FLAG_FIELDS = ("verso",)
LEVELS = ("fond", "opis", "papka", "delo")  # the store's columns of an archive file below the archive
LEVEL_LABELS = {"fond": "F.", "opis": "Op.", "papka": "Pap.", "delo": "D."}  # as a new level enters its path
NOT_IN_PATH = {"archive", "archive_id", "archive_name", "country", "folios", "folio_first", "folio_last", "verso",
               "text", "source_type", "path"}


@dataclass(slots=True)
class Correction:
    kind: str
    target: dict[str, Any]  # {"person": id}, {"person": id, "title": …} or {"sha256": …, "start": …, "end": …}
    value: dict[str, Any] = field(default_factory=dict)  # {"side": "USA"}, {"person": id}, {"type": "036"}, …
    by: str = ""
    made: str = ""  # ISO time
    note: str = ""
    machine: dict[str, Any] = field(default_factory=dict)  # what the machine had read

    def key(self) -> str:
        return json.dumps([self.kind, self.target], sort_keys=True)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def correct(store: "Store", correction: Correction) -> Correction:
    """Record a correction (replacing an earlier one of the same kind and target) and apply it."""
    if correction.kind not in KINDS:
        raise ValueError(f"a correction is one of {', '.join(KINDS)}, not {correction.kind!r}")
    _check(store, correction)
    correction.made = correction.made or datetime.now(timezone.utc).isoformat(timespec="seconds")
    with store.writing():
        earlier = _read(q.fetch(store, q.CORRECTION_BY_KEY, (correction.key(),)))
        if earlier and correction.kind in ADDED_UP:  # a citation's fields, a role's dates: added to those given before
            correction.value = _added_up(earlier[0].value, correction.value)
        if not correction.machine:  # what the machine read, not what an earlier correction made of it
            correction.machine = _before(_machine_reading(store, correction),
                                         [*earlier, *_of_same_event(store, correction)])
        store.db.execute(q.CORRECTION_SAVE.sql, (correction.key(), correction.kind, correction.target.get("sha256"),
                                                 correction.target.get("person"),
                                                 json.dumps(correction.to_dict(), ensure_ascii=False)))
        for source_id in _apply(store, correction, None):
            _apply_phases(store, source_id, PEOPLE_PHASES[1:], ())  # what is said of who they are now
    return correction


def _added_up(before: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    """A correction's value over the one it replaces: its fields and dates added to theirs."""
    return {**before, **now, **({"fields": {**before.get("fields", {}), **now["fields"]}} if "fields" in now else {})}


def _before(reading: dict[str, Any], earlier: list[Correction]) -> dict[str, Any]:
    """The machine's reading as the earliest correction of the item saw it, where a later one
    would see what a correction made (each earlier correction's reading of what it changed wins)."""
    for correction in earlier:
        changed = CHANGES.get(correction.kind, tuple(correction.machine))
        for name in changed:
            if name == "fields" and isinstance(reading.get("fields"), dict):
                reading["fields"] = {k: correction.machine.get("fields", {}).get(k, v)
                                     for k, v in reading["fields"].items()}
            elif name in correction.machine:
                reading[name] = correction.machine[name]
    return reading


def _of_same_event(store: "Store", correction: Correction) -> list[Correction]:
    """The corrections of other kinds of the event a correction is of."""
    if PHASES[correction.kind] != 3 or correction.kind == "citation":
        return []
    return [c for c in _read(q.fetch(store, q.CORRECTIONS_OF_SOURCE, (correction.target["sha256"],)))
            if c.kind in CHANGES and c.kind != correction.kind and c.target == correction.target]


def _check(store: "Store", correction: Correction) -> None:
    """A ValueError for a correction that cannot hold: a merge into oneself or round a circle, a
    date that is no ISO date, a citation kind that is none."""
    value = correction.value
    if correction.kind == "merge-person":
        person, into = correction.target["person"], value.get("person")
        if not into or into == person:
            raise ValueError(f"merging {person} needs another person to merge into")
        if person in merges_from(store, into):
            raise ValueError(f"{into} is already merged into {person}: merging {person} into {into} would make a circle")
    dates = [value.get(k) for k in ("date", "date_end", "from", "to") if value.get(k)]
    bad = [d for d in dates if not ISO_DATE.fullmatch(d)]
    if correction.kind in ("event-date", "role-dates") and bad:
        raise ValueError(f"a date is YYYY, YYYY-MM or YYYY-MM-DD, not {bad[0]!r}")
    if correction.kind == "recode-event" and not (re.fullmatch(r"\d{2,4}", value.get("type") or "")
                                                  and lookup(value["type"])):
        raise ValueError(f"{value.get('type')!r} is no CAMEO code (such as 036, or 111)")
    if correction.kind == "citation" and value.get("kind") and value["kind"] not in CITATION_KINDS:
        raise ValueError(f"a citation's kind is one of {', '.join(CITATION_KINDS)}, not {value['kind']!r}")


def corrections(store: "Store") -> list[Correction]:
    return _read(q.fetch(store, q.CORRECTIONS_ALL))


def corrections_of_person(store: "Store", person_id: str) -> list[Correction]:
    """What was said of a person: their side and roles, the people merged into them and the
    mentions said to be theirs (and, for a person merged into another, that merge)."""
    return _read(q.fetch(store, q.CORRECTIONS_OF_PERSON, (person_id,))) + \
        _read(q.fetch(store, q.CORRECTIONS_INTO_PERSON, (person_id,)))


def corrections_of_source(store: "Store", source_id: str) -> list[Correction]:
    """The corrections of a source's mentions, events and citations (by its sha256)."""
    sha256 = q.scalar(store, q.SOURCE_SHA, (source_id,))
    return _read(q.fetch(store, q.CORRECTIONS_OF_SOURCE, (sha256,))) if sha256 else []


def merged_into(store: "Store", person_id: str) -> Correction | None:
    """The merge that made a person another, if one did."""
    found = _read(q.fetch(store, q.MERGES_OF_PERSON, (person_id,)))
    return found[0] if found else None


def merges_from(store: "Store", person_id: str) -> list[str]:
    """A person id and the ids it was merged into in turn, to the last (a circle broken)."""
    chain = [person_id]
    while (merge := merged_into(store, chain[-1])) is not None and merge.value.get("person") not in chain:
        chain.append(merge.value["person"])
    return chain


def final_person(store: "Store", person_id: str) -> str:
    """Who a person id stands for once every merge is followed."""
    return merges_from(store, person_id)[-1]


def _read(rows: Iterable[Any]) -> list[Correction]:
    return [Correction(**json.loads(row["data"])) for row in rows]


def apply_to_source(store: "Store", source_id: str, sha256: str) -> None:
    """Apply again, inside the caller's transaction, every correction that touches a source just
    stored: those of its mentions, events and citations (by its sha256) and of its people."""
    _apply_phases(store, source_id, sorted(set(PHASES.values())), _read(q.fetch(store, q.CORRECTIONS_OF_SOURCE,
                                                                                (sha256,))))


def _apply_phases(store: "Store", source_id: str, phases: Iterable[int], of_source: list[Correction]) -> None:
    for phase in phases:
        # the people's corrections are asked for afresh: a split or a merge changed who is named
        found = _read(q.fetch(store, q.CORRECTIONS_OF_PEOPLE, (source_id,))) if phase in PEOPLE_PHASES else of_source
        for correction in found:
            if PHASES[correction.kind] == phase:
                _apply(store, correction, source_id)


def _apply(store: "Store", correction: Correction, source_id: str | None) -> list[str]:
    """Apply one correction to a source (to the whole store when ``source_id`` is None); the
    sources whose people it changed."""
    if correction.kind in OF_PEOPLE:
        return OF_PEOPLE[correction.kind](store, correction, source_id) or []
    place = _source_of(store, correction, source_id)
    return (OF_SOURCES[correction.kind](store, correction, place) or []) if place is not None else []


def _set_side(store: "Store", correction: Correction, source_id: str | None) -> None:
    where = {"person": correction.target["person"], "side": correction.value.get("side"), "source": source_id}
    for query in (q.CORRECT_PERSON_SIDE, q.CORRECT_EVENT_SOURCE_SIDE, q.CORRECT_EVENT_TARGET_SIDE):
        store.db.execute(query.sql, where)


def _correct_event(store: "Store", correction: Correction, source_id: str) -> None:
    event, value = _event_key(store, correction, source_id), correction.value
    if correction.kind == "reject-event":
        store.db.execute(q.REJECT_EVENT.sql, event)
    elif correction.kind == "recode-event":
        code = lookup(value["type"])
        store.db.execute(q.RECODE_EVENT.sql, {**event, "type": value["type"], "plover": code.plover if code else None,
                                              "goldstein": code.goldstein if code else None})
    else:
        store.db.execute(q.REDATE_EVENT.sql, {**event, "date": value["date"], "date_end": value.get("date_end"),
                                              "precision": _precision(value["date"])})


def _source_of(store: "Store", correction: Correction, source_id: str | None) -> str | None:
    """The id of the stored source a correction keyed by sha256 is of (None when that content is
    not stored, or is not the source being stored)."""
    source = q.first(store, q.SOURCE_BY_SHA, (correction.target["sha256"],))
    if source is None or source_id is not None and source["id"] != source_id:
        return None
    return source["id"]


def _event_key(store: "Store", correction: Correction, source_id: str) -> dict[str, Any]:
    """An event's key in its source; who acts in it as the merges made them since."""
    target = correction.target
    return {"source": source_id, "start": target["start"], "end": target["end"],
            "actor": final_person(store, target.get("actor") or "") if target.get("actor") else "",
            "acted": final_person(store, target.get("acted") or "") if target.get("acted") else ""}


def event_target(store: "Store", source_id: str, seq: int) -> dict[str, Any]:
    """The key of a stored event that outlives a re-ingest: its source's sha256 and its sentence's offsets."""
    row = q.first(store, q.EVENT_FOR_CORRECTION, (source_id, seq))
    if row is None:
        raise ValueError(f"no event {seq} in source {source_id}")
    return {"sha256": row["sha256"], "start": row["evidence_start"], "end": row["evidence_end"],
            "actor": row["source"], "acted": row["target"]}


def mention_target(store: "Store", source_id: str, start: int, end: int) -> dict[str, Any]:
    """The key of a person's mention: its source's sha256 and its offsets in the document's text."""
    sha256 = q.scalar(store, q.SOURCE_SHA, (source_id,))
    row = q.first(store, q.MENTION_AT, (source_id, start, end)) if sha256 else None
    if row is None or row["kind"] != "person":
        raise ValueError(f"no person is mentioned at {start}-{end} in source {source_id}")
    return {"sha256": sha256, "start": start, "end": end}


def citation_target(store: "Store", source_id: str, note: int, number: int = 1) -> dict[str, Any]:
    """The key of the ``number``-th citation (from 1) of a note: its source's sha256 and its
    offsets in the file."""
    sha256 = q.scalar(store, q.SOURCE_SHA, (source_id,))
    found = q.fetch(store, q.CITATIONS_OF_NOTE, (source_id, note)) if sha256 else []
    if not 1 <= number <= len(found):
        raise ValueError(f"note {note} of source {source_id} has {len(found)} citation(s), not a {number}th")
    row = found[number - 1]
    if row["source_start"] is None:
        raise ValueError(f"citation {number} of note {note} has no place in its file to be known by")
    return {"sha256": sha256, "start": row["source_start"], "end": row["source_end"]}


def _machine_reading(store: "Store", correction: Correction) -> dict[str, Any]:
    kind, target = correction.kind, correction.target
    if kind == "side":
        row = q.first(store, q.PERSON_SIDE_READ, (target["person"],))
        return {"side": row["side"]} if row else {}
    if kind == "merge-person":
        found = q.person(store, target["person"])
        return {"name": found["name"], "side": found["side"], "mentions": found["mentions"],
                "sources": len(found["sources"])} if found else {}
    if kind == "role-dates":
        found = q.person(store, target["person"])
        role = next((r for r in (found or {}).get("roles", []) if same_title(r["title"], target["title"])), None)
        return {"from": role.get("from"), "to": role.get("to")} if role else {}
    source_id = _source_of(store, correction, None)
    if source_id is None:
        return {}
    if kind == "split-mention":
        row = q.first(store, q.MENTION_AT, (source_id, target["start"], target["end"]))
        return {"person": row["entity"], "text": row["text"]} if row else {}
    if kind == "citation":
        row = q.first(store, q.CITATION_AT, (source_id, target["start"], target["end"]))
        if row is None:
            return {}
        fields = json.loads(row["fields"])
        return {"kind": row["kind"], "note": row["footnote"], "text": row["text"],
                "fields": {name: fields.get(name) for name in correction.value.get("fields", {})}}
    row = q.first(store, q.EVENT_READ, _event_key(store, correction, source_id))
    return {k: row[k] for k in ("type", "goldstein", "date", "date_end")} if row else {}


def _precision(date: str) -> str:
    return {4: "year", 7: "month"}.get(len(date), "day")


# --- people: merged, split, their roles dated ------------------------------------------------------

def _merge(store: "Store", correction: Correction, source_id: str | None) -> list[str]:
    """Person B's records become A's (the last person A is merged into), in one source or in all
    that name B; the sources changed."""
    person = correction.target["person"]
    into = final_person(store, correction.value["person"])
    if into == person:
        return []
    known = q.first(store, q.PERSON_READING, (into,))
    sources = [source_id] if source_id else [row["source_id"] for row in q.fetch(store, q.PERSON_RECORDS, (person,))]
    changed = []
    for source in sources:
        row = q.first(store, q.PERSON_IN_SOURCE, (source, person))
        if row is None:
            continue
        record = json.loads(row["data"])
        side = known["side"] if known and known["side"] else row["side"]
        already = q.first(store, q.PERSON_IN_SOURCE, (source, into))
        if already is not None:  # both named in the source: one record of the two
            mine = json.loads(already["data"])
            _save_person(store, source, into, into, mine | {
                "variants": _union(mine["variants"], [record["name"], *record["variants"]], mine["name"]),
                "roles": q.unique(mine["roles"] + record["roles"]), "side": already["side"] or side,
                "mentions": mine["mentions"] + record["mentions"]})
            store.db.execute(q.PERSON_ROW_DROP.sql, {"source": source, "person": person})
        else:
            name = known["name"] if known else row["name"]
            _save_person(store, source, person, into, record | {
                "name": name, "variants": _union(record["variants"], [record["name"]], name), "side": side,
                "wikidata": record.get("wikidata") or (known["wikidata"] if known else None)})
        _move_person(store, source, person, into, side, keep=True)
        changed.append(source)
    return changed


def _split(store: "Store", correction: Correction, source: str) -> list[str]:
    """The mention names another person: it, and what its person did there, move to them."""
    target, value = correction.target, correction.value
    mention = q.first(store, q.MENTION_AT, (source, target["start"], target["end"]))
    if mention is None or mention["kind"] != "person":
        return []
    into, was = value["person"], mention["entity"]
    if into == was:
        return []
    known = q.first(store, q.PERSON_READING, (into,))
    name = value.get("name") or (known["name"] if known else mention["text"])
    side = known["side"] if known else None
    if was:
        _release(store, source, was, mention, into, side)
    store.db.execute(q.MENTIONS_MOVED.sql, {"source": source, "seq": mention["seq"], "person": was, "into": into})
    row = q.first(store, q.PERSON_IN_SOURCE, (source, into))
    if row is None:
        store.db.execute(q.PERSON_ROW_ADD.sql, {
            "source": source, "into": into, "name": name, "side": side,
            "wikidata": known["wikidata"] if known else None, "mentions": 1,
            "data": json.dumps({"id": into, "name": name, "variants": _union([], [mention["text"]], name), "roles": [],
                                "side": side, "wikidata": known["wikidata"] if known else None, "is_author": False,
                                "mentions": 1}, ensure_ascii=False)})
    else:
        record = json.loads(row["data"])
        _save_person(store, source, into, into, record | {
            "variants": _union(record["variants"], [mention["text"]], record["name"]),
            "mentions": record["mentions"] + 1})
    return [source]


def _release(store: "Store", source: str, was: str, mention: Any, into: str, side: str | None) -> None:
    """The person a mention no longer names gives up that mention, and the events whose sentence
    holds it and the quotations it is their nearest mention to; all they did in the source when it
    was their only mention there (and their record of the source goes)."""
    where = {"source": source, "person": was}
    others = [m for m in q.fetch(store, q.MENTIONS_OF_PERSON_IN_SOURCE, where) if m["seq"] != mention["seq"]]
    row = q.first(store, q.PERSON_IN_SOURCE, (source, was))
    if not others:
        _move_person(store, source, was, into, side, keep=False, mentions=False)
        if row is not None:
            store.db.execute(q.PERSON_ROW_DROP.sql, where)
        return
    at = (mention["start"], mention["end"])
    for event in q.fetch(store, q.EVENTS_OF_PERSON_IN_SOURCE, where):
        if event["evidence_start"] <= at[0] and at[1] <= event["evidence_end"]:
            _move_person(store, source, was, into, side, keep=False, seq=event["seq"], what=(q.EVENTS_MOVED,))
    for quote in q.fetch(store, q.QUOTES_OF_PERSON_IN_SOURCE, where):
        nearest = min([mention, *others], key=lambda m: _distance((m["start"], m["end"]), (quote["start"], quote["end"])))
        if nearest["seq"] == mention["seq"]:
            _move_person(store, source, was, into, side, keep=False, seq=quote["seq"], what=(q.QUOTES_MOVED,))
    if row is not None:
        record = json.loads(row["data"])
        count = max(record["mentions"] - 1, len(others))
        _save_person(store, source, was, was, record | {"mentions": count})


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _move_person(store: "Store", source: str, person: str, into: str, side: str | None, keep: bool,
                 seq: int | None = None, mentions: bool = True,
                 what: tuple[q.Query, ...] = (q.MENTIONS_MOVED, q.QUOTES_MOVED, q.EVENTS_MOVED)) -> None:
    """``into`` takes ``person``'s place in a source's mentions, quotations and events (in one row
    of them with ``seq``); an event's side becomes ``side`` (kept when unknown, with ``keep``)."""
    params = {"source": source, "person": person, "into": into, "seq": seq, "side": side, "keep": int(keep)}
    for query in what:
        if query is not q.MENTIONS_MOVED or mentions:
            store.db.execute(query.sql, params)


def _save_person(store: "Store", source: str, person: str, into: str, record: dict[str, Any]) -> None:
    record = record | {"id": into}
    store.db.execute(q.PERSON_ROW_SAVE.sql, {"source": source, "person": person, "into": into, "name": record["name"],
                                             "side": record["side"], "mentions": record["mentions"],
                                             "data": json.dumps(record, ensure_ascii=False)})


def _union(variants: list[str], more: list[str], name: str) -> list[str]:
    """Name forms, each once, in order, the canonical name left out."""
    return [v for v in dict.fromkeys([*variants, *more]) if v and v != name]


def same_title(a: str, b: str) -> bool:
    """Two role titles are one whatever their spacing and case."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _set_role_dates(store: "Store", correction: Correction, source_id: str | None) -> None:
    person, title = correction.target["person"], correction.target["title"]
    dates = {k: v or None for k, v in correction.value.items() if k in ("from", "to")}
    rows = ([q.first(store, q.PERSON_IN_SOURCE, (source_id, person))] if source_id
            else q.fetch(store, q.PERSON_RECORDS, (person,)))
    for row in rows:
        if row is None:
            continue
        record = json.loads(row["data"])
        roles = [role | dates if same_title(role["title"], title) else role for role in record["roles"]]
        if roles != record["roles"]:
            _save_person(store, source_id or row["source_id"], person, person, record | {"roles": roles})


def role_titles(store: "Store", person_id: str) -> list[str]:
    found = q.person(store, person_id)
    return list(dict.fromkeys(role["title"] for role in found["roles"])) if found else []


# --- citations -----------------------------------------------------------------------------------

def parse_fields(pairs: Iterable[str]) -> dict[str, Any]:
    """``NAME=VALUE`` pairs as a citation's fields: numbers and yes/no where the reader has them,
    an empty VALUE for a field removed (None)."""
    fields: dict[str, Any] = {}
    for pair in pairs:
        name, equals, text = pair.partition("=")
        name, text = name.strip(), text.strip()
        if not equals or not re.fullmatch(r"[a-z_][a-z0-9_-]*", name):
            raise ValueError(f"a field is NAME=VALUE (such as delo=14), not {pair!r}")
        if not text:
            fields[name] = None
        elif name in NUMBER_FIELDS and text.isdigit():
            fields[name] = int(text)
        elif name in FLAG_FIELDS:
            fields[name] = text.lower() in ("1", "true", "yes", "v", "verso")
        else:
            fields[name] = text
    return fields


def _correct_citation(store: "Store", correction: Correction, source: str) -> None:
    target = correction.target
    row = q.first(store, q.CITATION_AT, (source, target["start"], target["end"]))
    if row is None:
        return
    kind = correction.value.get("kind") or row["kind"]
    fields = _corrected_fields(row, kind, correction.value.get("fields") or {})
    _save_citation(store, row, kind, fields, _file(row, kind, fields, correction.value.get("fields") or {}))
    saved = q.first(store, q.CITATION_AT, (source, target["start"], target["end"]))
    file = tuple(saved[c] for c in ("archive_id", *LEVELS)) if saved is not None and saved["archive_id"] else None
    for ibid in q.fetch(store, q.IBIDS_OF_SOURCE, (source,)):  # the Ibids that repeat it repeat the correction
        own = json.loads(ibid["fields"])
        resolved = own.get("resolved")
        if isinstance(resolved, dict) and (resolved.get("source_start"), resolved.get("source_end")) == \
                (target["start"], target["end"]):
            _save_citation(store, ibid, "ibid", own | {"resolved": fields}, file)


def _corrected_fields(row: Any, kind: str, given: dict[str, Any]) -> dict[str, Any]:
    """The citation's fields as stored with those given put in (None removes one): its kind, and
    for an archive file its path and folios made to agree with the levels and folios given."""
    fields = json.loads(row["fields"])
    corrected = {k: v for k, v in {**fields, **given}.items() if k not in given or v is not None} | {"kind": kind}
    if "archive" in given and "archive_id" not in given and given["archive"]:
        corrected["archive_id"] = given["archive"]
    if kind == "archival" and "path" not in given:
        corrected["path"] = _path(fields.get("path") or [], fields, given)
    if "folios" in given and given["folios"] and not {"folio_first", "folio_last"} & set(given):
        numbers = [int(n) for n in re.findall(r"\d+", str(given["folios"]))]
        corrected["folio_first"], corrected["folio_last"] = (numbers[0], numbers[-1]) if numbers else (None, None)
        corrected["verso"] = bool(re.search(r"\d\s*(?:v|ob|об)\b", str(given["folios"]), re.IGNORECASE))
    return corrected


def _path(path: list[str], fields: dict[str, Any], given: dict[str, Any]) -> list[str]:
    """An archive file's path ("F. 0146", "Op. 22", …) with each level given in place of the one it
    replaces ("D. 13" → "D. 14"); a level new to it added, a level removed left out."""
    path = list(path)
    for name, new in given.items():
        old = fields.get(name)
        if name in NOT_IN_PATH or old == new:
            continue
        held = [i for i, element in enumerate(path) if old not in (None, "") and _holds(element, str(old))]
        if held and new is not None:
            path[held[0]] = re.sub(rf"(?<!\w){re.escape(str(old))}(?!\w)", str(new), path[held[0]], count=1)
        elif held:
            del path[held[0]]
        elif new is not None and name in LEVEL_LABELS:
            path.append(f"{LEVEL_LABELS[name]} {new}")
    return path


def _holds(element: str, value: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", element) is not None


def _file(row: Any, kind: str, fields: dict[str, Any], given: dict[str, Any]) -> tuple[Any, ...] | None:
    """The archive file a corrected citation cites, as the citation index keys it: the machine's
    key with each level given in its slot (or in the slot that held the value it replaces)."""
    if kind == "ibid" and row["kind"] == "ibid":  # an Ibid's own pages corrected: the file it repeats
        return tuple(row[c] for c in ("archive_id", *LEVELS)) if row["archive_id"] else None
    if kind != "archival":
        return None
    if row["archive_id"] is None:  # newly archival: the file as its fields name it
        return (fields.get("archive_id") or fields.get("archive"), *(fields.get(level) for level in LEVELS))
    old = json.loads(row["fields"])
    key = dict(zip(("archive_id", *LEVELS), (row[c] for c in ("archive_id", *LEVELS))))
    for name, new in given.items():
        if name in ("archive", "archive_id"):
            key["archive_id"] = fields.get("archive_id") or fields.get("archive")
        elif name in LEVELS:
            key[name] = new
        elif name not in NOT_IN_PATH and old.get(name) is not None:  # a scheme's own level ("box") in its slot
            for slot in LEVELS:
                if key[slot] is not None and key[slot] == old[name]:
                    key[slot] = new
    return tuple(key.values())


def _save_citation(store: "Store", row: Any, kind: str, fields: dict[str, Any], file: tuple[Any, ...] | None) -> None:
    """A citation row written again from its kind, fields and file, its archival columns made as
    the store makes them from a citation read (an Ibid's from what it repeats, with its own folios)."""
    resolved = fields.get("resolved")
    citation = Citation(kind, row["text"], 0, 0, {**fields, **({"resolved": Citation(
        resolved.get("kind", ""), "", 0, 0, resolved)} if kind == "ibid" and isinstance(resolved, dict) else {})},
        file=file if file and file[0] else None)
    store.db.execute(q.CITATION_SAVE.sql, {"source": row["source_id"], "seq": row["seq"], "kind": kind,
                                           "fields": json.dumps(fields, ensure_ascii=False),
                                           **dict(zip(ARCHIVE_COLUMNS, archive_file(citation)))})


# how each kind is applied: to a person's records (in one source, or all), or to a source's own items
OF_PEOPLE = {"side": _set_side, "merge-person": _merge, "role-dates": _set_role_dates}
OF_SOURCES = {"split-mention": _split, "citation": _correct_citation, "reject-event": _correct_event,
              "recode-event": _correct_event, "event-date": _correct_event}


# --- sharing --------------------------------------------------------------------------------------

def export_jsonl(store: "Store", path: str | Path) -> int:
    found = corrections(store)
    Path(path).write_text("".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in found),
                          encoding="utf-8")
    return len(found)


def import_jsonl(store: "Store", path: str | Path) -> int:
    """Record and apply every correction of a JSON Lines file; a bad line stops the import before
    anything is recorded, naming the line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as problem:
        raise InputError(str(path), f"cannot be read ({problem})") from None
    read = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            correction = Correction(**json.loads(line))
        except (ValueError, TypeError) as problem:
            raise InputError(str(path), f"line {number} is not a correction ({problem})") from None
        if correction.kind not in KINDS:
            raise InputError(str(path), f"line {number}: {correction.kind!r} is not one of {', '.join(KINDS)}")
        read.append(correction)
    for correction in read:
        correct(store, correction)
    return len(read)


def new_person_id(name: str) -> str:
    """The id a person named only by a historian is given: minted from the name as the machine
    mints one."""
    return slug(name)
