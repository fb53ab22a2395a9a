"""A historian's corrections of what the machine read, kept apart from it and applied again after
every ingest.

A correction is keyed by what a re-ingest does not change: a person by their id (an authority id
or the id minted from their name), an event by its source's sha256, the character offsets of the
sentence that presents it and who acts on whom in it. It keeps who made it, when, why, and the machine's reading it
replaced, so the item can show both. Kinds:

- ``side``: the side a person acted for (every source that names them; the events they act in
  or are acted on take it too, so relations and the network follow);
- ``reject-event``: an event that is none (it leaves the figures);
- ``recode-event``: an event's CAMEO code (its PLOVER category and Goldstein score follow);
- ``event-date``: an event's date (ISO day, month or year; an optional end).

Corrections are rows of their own table: a re-ingest replaces a source's rows and then applies
the corrections of that source and of its people again (``Store.add_document`` calls
``apply_to_source``). ``export_jsonl``/``import_jsonl`` write and read them one JSON object a
line, so a team can share, review and version them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legation.errors import InputError
from legation.store import queries as q

if TYPE_CHECKING:
    from legation.store.sqlite import Store

KINDS = ("side", "reject-event", "recode-event", "event-date")


@dataclass(slots=True)
class Correction:
    kind: str
    target: dict[str, Any]  # {"person": id} or {"sha256": …, "start": …, "end": …}
    value: dict[str, Any] = field(default_factory=dict)  # {"side": "USA"}, {"type": "036"}, {"date": …}
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
    correction.made = correction.made or datetime.now(timezone.utc).isoformat(timespec="seconds")
    with store.writing():
        if not correction.machine:
            correction.machine = _machine_reading(store, correction)
        store.db.execute(q.CORRECTION_SAVE.sql, (correction.key(), correction.kind, correction.target.get("sha256"),
                                                 correction.target.get("person"),
                                                 json.dumps(correction.to_dict(), ensure_ascii=False)))
        _apply(store, correction, None)
    return correction


def corrections(store: "Store") -> list[Correction]:
    return _read(q.fetch(store, q.CORRECTIONS_ALL))


def corrections_of_person(store: "Store", person_id: str) -> list[Correction]:
    return _read(q.fetch(store, q.CORRECTIONS_OF_PERSON, (person_id,)))


def _read(rows: list[Any]) -> list[Correction]:
    return [Correction(**json.loads(row["data"])) for row in rows]


def apply_to_source(store: "Store", source_id: str, sha256: str) -> None:
    """Apply again, inside the caller's transaction, every correction that touches a source just
    stored: those of its events (by its sha256) and of its people."""
    for query, key in ((q.CORRECTIONS_OF_SOURCE, sha256), (q.CORRECTIONS_OF_PEOPLE, source_id)):
        for correction in _read(q.fetch(store, query, (key,))):
            _apply(store, correction, source_id)


def _apply(store: "Store", correction: Correction, source_id: str | None) -> None:
    db = store.db
    if correction.kind == "side":
        person, side = correction.target["person"], correction.value.get("side")
        where = {"person": person, "side": side, "source": source_id}
        for query in (q.CORRECT_PERSON_SIDE, q.CORRECT_EVENT_SOURCE_SIDE, q.CORRECT_EVENT_TARGET_SIDE):
            db.execute(query.sql, where)
        return
    event = _event_key(store, correction)
    if event is None or source_id is not None and event["source"] != source_id:
        return
    if correction.kind == "reject-event":
        db.execute(q.REJECT_EVENT.sql, event)
    elif correction.kind == "recode-event":
        from legation.lexicon.eventcoding import lookup

        code = lookup(correction.value["type"])
        db.execute(q.RECODE_EVENT.sql, {**event, "type": correction.value["type"],
                                        "plover": code.plover if code else None,
                                        "goldstein": code.goldstein if code else None})
    elif correction.kind == "event-date":
        db.execute(q.REDATE_EVENT.sql, {**event, "date": correction.value["date"],
                                        "date_end": correction.value.get("date_end"),
                                        "precision": _precision(correction.value["date"])})


def _event_key(store: "Store", correction: Correction) -> dict[str, Any] | None:
    target = correction.target
    source = q.first(store, q.SOURCE_BY_SHA, (target["sha256"],))
    if source is None:
        return None
    return {"source": source["id"], "start": target["start"], "end": target["end"],
            "actor": target.get("actor") or "", "acted": target.get("acted") or ""}


def event_target(store: "Store", source_id: str, seq: int) -> dict[str, Any]:
    """The key of a stored event that outlives a re-ingest: its source's sha256 and its sentence's offsets."""
    row = q.first(store, q.EVENT_FOR_CORRECTION, (source_id, seq))
    if row is None:
        raise ValueError(f"no event {seq} in source {source_id}")
    return {"sha256": row["sha256"], "start": row["evidence_start"], "end": row["evidence_end"],
            "actor": row["source"], "acted": row["target"]}


def _machine_reading(store: "Store", correction: Correction) -> dict[str, Any]:
    if correction.kind == "side":
        row = q.first(store, q.PERSON_SIDE_READ, (correction.target["person"],))
        return {"side": row["side"]} if row else {}
    event = _event_key(store, correction)
    row = q.first(store, q.EVENT_READ, event) if event else None
    return {k: row[k] for k in ("type", "goldstein", "date", "date_end")} if row else {}


def _precision(date: str) -> str:
    return {4: "year", 7: "month"}.get(len(date), "day")


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
