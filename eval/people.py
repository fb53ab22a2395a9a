"""People of the seed against the hand-written gold (tests/gold/seed_people.yaml).

Prints precision / recall / F1 of historical persons (a predicted person matches a gold person
when one of their written forms is compatible after normalisation: ``names.compatible``),
side accuracy over the matched persons, role recall, and the scholars kept apart as authors;
then the same for three systems:

- ``legation``: the entities stage as shipped;
- ``no people authority``: the same stage with an empty people.yaml (names found and
  clustered by spaCy, rules and names.compatible alone; places and organisations kept);
- ``spaCy alone``: PERSON entities of ``legation.nlp.english()`` on the body, clustered by
  surname (last word), no sides, no roles, no authors.

Then a held-out check on text the authority file was not written from: the first ``--frus N``
documents of FRUS 1952–54 vol. XIV part 2 (Japan; ``../shared/data/frus``), whose editors tagged
persons (``persName[@corresp]``, resolved by the volume's List of Persons). Per document, the
persons found are compared with the tagged ones (same matching), summed over documents.

    .venv/bin/python eval/people.py [--frus 40]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import replace
import xml.etree.ElementTree as ET
from pathlib import Path
from unittest import mock

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from legation.devdata import FULL_TEXT, shared_path
from legation.extract import entities  # noqa: E402
from legation.lexicon import authority  # noqa: E402
from legation.lexicon.names import ParsedName, compatible, fold, parse_name  # noqa: E402
from legation.model import Document, Person, Source  # noqa: E402
from legation.pipeline import extract_file  # noqa: E402

SEED = FULL_TEXT
GOLD = REPO / "tests" / "gold" / "seed_people.yaml"
FRUS = shared_path("data", "frus", "frus1952-54v14p2.xml")
TEI = "{http://www.tei-c.org/ns/1.0}"


def forms(name: str, variants: list[str]) -> list[ParsedName]:
    """Written forms that are names (descriptions such as "the plenipotentiary" are not)."""
    return [p for p in (parse_name(f) for f in [name, *variants]
                        if not re.match(r"(?i)the\s+[a-z]", f)) if p.words]


def match(gold: list[dict], predicted: list[Person]) -> list[tuple[dict, Person]]:
    """One-to-one: each gold person takes the first unmatched predicted person compatible with it."""
    pairs, used = [], set()
    for person in gold:
        gold_forms = forms(person["name"], person.get("variants") or [])
        for i, candidate in enumerate(predicted):
            if i in used:
                continue
            if any(compatible(g, p) for g in gold_forms for p in forms(candidate.name, candidate.variants)):
                pairs.append((person, candidate))
                used.add(i)
                break
    return pairs


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def role_recall(pairs: list[tuple[dict, Person]]) -> tuple[int, int]:
    """Gold roles for which the matched person has a role sharing its head word."""
    found = total = 0
    for gold, person in pairs:
        for role in gold.get("roles") or []:
            total += 1
            words = set(re.findall(r"[\w'-]+", fold(role))) - {"the", "of", "in", "to", "a", "an"}
            if any(words & set(re.findall(r"[\w'-]+", fold(r.title))) for r in person.roles):
                found += 1
    return found, total


def report(label: str, persons: list[Person], gold: dict, seconds: float | None = None) -> None:
    actors = [p for p in persons if not p.is_author]
    authors = [p for p in persons if p.is_author]
    pairs = match(gold["actors"], actors)
    p, r, f = prf(len(pairs), len(actors), len(gold["actors"]))
    sides = sum(1 for g, person in pairs if person.side == g.get("side"))
    roles_found, roles_total = role_recall(pairs)
    author_pairs = match(gold["authors"], authors)
    ap, ar, af = prf(len(author_pairs), len(authors), len(gold["authors"]))
    timing = f"  ({seconds:.2f} s)" if seconds is not None else ""
    print(f"{label}{timing}")
    print(f"  persons  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   ({len(pairs)} matched / {len(actors)} predicted"
          f" / {len(gold['actors'])} gold)")
    print(f"  side accuracy {sides / len(pairs) if pairs else 0:.3f}   ({sides}/{len(pairs)} matched persons)")
    print(f"  role recall   {roles_found / roles_total if roles_total else 0:.3f}   ({roles_found}/{roles_total})")
    print(f"  authors  P {ap:.3f}  R {ar:.3f}  F1 {af:.3f}   ({len(author_pairs)}/{len(authors)}/{len(gold['authors'])})")
    unmatched = [g["name"] for g in gold["actors"] if all(g is not gp for gp, _ in pairs)]
    spurious = [a.name for a in actors if all(a is not pp for _, pp in pairs)]
    if unmatched:
        print(f"  missed:   {', '.join(unmatched)}")
    if spurious:
        print(f"  spurious: {', '.join(spurious)}")
    wrong = [f"{g['name']} {person.side}≠{g.get('side')}" for g, person in pairs if person.side != g.get("side")]
    if wrong and any(person.side for _, person in pairs):
        print(f"  wrong side: {', '.join(wrong)}")


def legation_persons(doc, runs: int = 3) -> tuple[list[Person], float]:
    """The stage's persons and its median time over ``runs`` runs (models loaded, caches warm)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        entities.annotate(doc)
        times.append(time.perf_counter() - start)
    return doc.persons, sorted(times)[len(times) // 2]


def without_people_authority(doc) -> tuple[list[Person], float]:
    """The stage with the built-in authority's people taken away (places and organisations kept)."""
    bare = replace(authority.builtin_layer(), people=(), key="")
    with mock.patch.object(authority, "builtin_layer", lambda: bare):
        return legation_persons(doc, runs=1)


def spacy_alone(body: str) -> tuple[list[Person], float]:
    from legation.nlp import english

    start = time.perf_counter()
    clusters: dict[str, list[str]] = {}
    for parsed in english().pipe(re.findall(r"[^\n]+", body)):
        for ent in parsed.ents:
            if ent.label_ == "PERSON":
                text = re.sub(r"['’]s$", "", ent.text.strip())
                surname = fold(text.split()[-1]) if text.split() else ""
                clusters.setdefault(surname, []).append(text)
    persons = []
    for surname, texts in clusters.items():
        name = max(texts, key=len)
        persons.append(Person(surname, name, variants=sorted(set(texts) - {name})))
    return persons, time.perf_counter() - start


def frus_documents(limit: int) -> list[tuple[str, set[str]]]:
    """(text of head and paragraphs without notes, names of the persons tagged in it)."""
    root = ET.parse(FRUS).getroot()
    names = {}
    for pers in root.iter(f"{TEI}persName"):
        key = pers.get("{http://www.w3.org/XML/1998/namespace}id")
        if key:
            family, _, given = " ".join("".join(pers.itertext()).split()).partition(", ")
            names[key] = f"{given} {family}".strip()
    out = []
    for div in root.iter(f"{TEI}div"):
        if div.get("type") != "document":
            continue
        parts = [el for el in div if el.tag in (f"{TEI}head", f"{TEI}p")]
        text = "\n".join(" ".join(_text_without_notes(el).split()) for el in parts)
        tagged = {names[p.get("corresp", "")[1:]] for el in parts for p in _iter_without_notes(el, f"{TEI}persName")
                  if p.get("corresp", "")[1:] in names}
        out.append((text, tagged))
        if len(out) == limit:
            break
    return out


def _iter_without_notes(element: ET.Element, tag: str):
    for child in element:
        if child.tag == f"{TEI}note":
            continue
        if child.tag == tag:
            yield child
        yield from _iter_without_notes(child, tag)


def _text_without_notes(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag != f"{TEI}note":
            parts.append(" " if child.tag == f"{TEI}lb" else _text_without_notes(child))
        parts.append(child.tail or "")
    return "".join(parts)


def report_frus(limit: int) -> None:
    documents = frus_documents(limit)
    for label, persons_of in (("legation", _frus_legation), ("spaCy alone", lambda i, text: spacy_alone(text)[0])):
        matched = predicted = tagged_total = 0
        start = time.perf_counter()
        for i, (text, tagged) in enumerate(documents):
            actors = [p for p in persons_of(i, text) if not p.is_author]
            pairs = match([{"name": n} for n in sorted(tagged)], actors)
            matched, predicted, tagged_total = matched + len(pairs), predicted + len(actors), tagged_total + len(tagged)
        p, r, f = prf(matched, predicted, tagged_total)
        print(f"held-out, {label}: FRUS 1952-54 XIV/2, first {limit} documents  ({time.perf_counter() - start:.2f} s)")
        print(f"  persons per document  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   ({matched} matched / {predicted}"
              f" predicted / {tagged_total} tagged)")


def _frus_legation(i: int, text: str) -> list[Person]:
    doc = Document(Source(f"{i:016d}", "frus", "text", "0" * 64, len(text)), text, body=text)
    entities.annotate(doc)
    return doc.persons


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frus", type=int, default=40, help="FRUS documents to check (0: none)")
    args = parser.parse_args()
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    doc = extract_file(SEED, layers=("apparatus",))
    from legation.nlp import english

    english()  # model load is not part of the stage's time
    entities.annotate(doc)  # warm caches (authority patterns, rule tables)
    persons, seconds = legation_persons(doc)
    report("legation (entities stage)", persons, gold, seconds)
    persons, seconds = without_people_authority(doc)
    report("legation without the people authority file", persons, gold, seconds)
    persons, seconds = spacy_alone(doc.body)
    report("spaCy alone (PERSON, clustered by surname)", persons, gold, seconds)
    if args.frus:
        report_frus(args.frus)


if __name__ == "__main__":
    main()
