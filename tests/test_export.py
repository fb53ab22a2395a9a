"""CSL-JSON and BibTeX export of references."""

import json
import re

import jsonschema
import pytest

from conftest import FULL_TEXT
from legation.extract.references import parse_reference, parse_reference_list
from legation.model import Reference
from legation.formats.bibliography import reference_to_csl, to_bibtex, to_csl_json

NAME = {
    "type": "object",
    "properties": {"family": {"type": "string"}, "given": {"type": "string"}, "literal": {"type": "string"}},
    "anyOf": [{"required": ["family"]}, {"required": ["literal"]}],
    "additionalProperties": False,
}
CSL_ITEM = {
    "type": "object",
    "required": ["id", "type"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "type": {"enum": ["book", "article-journal", "chapter", "thesis", "article-newspaper", "manuscript"]},
        "author": {"type": "array", "items": NAME, "minItems": 1},
        "editor": {"type": "array", "items": NAME, "minItems": 1},
        "translator": {"type": "array", "items": NAME, "minItems": 1},
        "issued": {
            "type": "object",
            "required": ["date-parts"],
            "properties": {"date-parts": {"type": "array", "minItems": 1, "items": {
                "type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "integer"}}}},
        },
        **{name: {"type": "string", "minLength": 1} for name in (
            "title", "container-title", "volume", "issue", "page", "publisher", "publisher-place", "DOI",
            "language", "note", "archive", "archive_location", "archive-place", "collection-title",
            "collection-number", "part-number")},
    },
    "additionalProperties": False,
}
CSL_JSON = {"type": "array", "items": CSL_ITEM}


@pytest.fixture(scope="module")
def seed_refs():
    text = FULL_TEXT.read_text(encoding="utf-8")
    start = text.index("### References")
    chunks = [(m.group(), m.start()) for m in re.finditer(r"[^\n]+", text[:text.index("DEGTEV")])
              if m.start() > start and not m.group().startswith("<sup>")]
    return parse_reference_list(chunks)


def test_csl_json_validates(seed_refs):
    items = json.loads(to_csl_json(seed_refs))
    jsonschema.validate(items, CSL_JSON)
    assert [item["id"] for item in items] == [ref.id for ref in seed_refs]


def test_csl_item_fields(seed_refs):
    hosoya = reference_to_csl(next(r for r in seed_refs if r.id == "hosoya-1976"))
    assert hosoya == {
        "id": "hosoya-1976", "type": "chapter", "author": [{"family": "Hosoya", "given": "C."}],
        "translator": [{"family": "Morley", "given": "J. W."}], "title": "The Tripartite Pact, 1939–1940",
        "container-title": "Deterrent Diplomacy: Japan, Germany, and the USSR, 1935–1940", "page": "179–257",
        "publisher": "Columbia University Press", "publisher-place": "New York", "issued": {"date-parts": [[1976]]},
    }
    ermakov = reference_to_csl(next(r for r in seed_refs if r.id == "ermakov-2022"))
    assert (ermakov["container-title"], ermakov["issue"], ermakov["language"]) == (
        "Konfliktologiya / nota bene", "3", "Russian")
    assert ermakov["note"].startswith("English title: Political Assessment")


def test_csl_of_sparse_and_odd_references():
    items = [reference_to_csl(Reference(id="x", label="x", text="x")),
             reference_to_csl(parse_reference("Smith, J. et al. (2010). A history. Oxford: Clarendon Press. "
                                              "doi:10.1000/xyz_1"))]
    jsonschema.validate(items, CSL_JSON)
    assert items[0] == {"id": "x", "type": "book"}
    assert items[1]["author"][-1] == {"literal": "et al."} and items[1]["DOI"] == "10.1000/xyz_1"


def bibtex_entries(text: str) -> list[tuple[str, str, str]]:
    return re.findall(r"^@(\w+)\{([^,]+),\n(.*?)\n\}$", text, re.M | re.S)


def unescaped_braces_balance(text: str) -> bool:
    depth = 0
    for brace in re.findall(r"(?<!\\)[{}]", text):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_entries(seed_refs):
    text = to_bibtex(seed_refs)
    entries = bibtex_entries(text)
    assert [key for _, key, _ in entries] == [ref.id for ref in seed_refs]
    assert unescaped_braces_balance(text)
    types = {key: entry_type for entry_type, key, _ in entries}
    assert (types["molodyakov-2012"], types["hosoya-1976"], types["ermakov-2022"], types["korshenko-2018"]) == (
        "book", "incollection", "article", "phdthesis")
    hosoya = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", next(b for _, k, b in entries if k == "hosoya-1976"), re.M))
    assert hosoya["booktitle"].startswith("Deterrent Diplomacy") and hosoya["pages"] == "179--257"
    assert hosoya["translator"] == "Morley, J. W." and hosoya["address"] == "New York"
    assert 'publisher = {International Fund "Democracy"}' in text


def test_bibtex_escapes_and_keeps_utf8():
    ref = Reference(id="ivanov-2001", label="", text="", type="article-journal", year=2001,
                    title="Прибыль 100% & {скобки} #1 a_b ~ ^ \\", container="Вопросы истории",
                    authors=[{"family": "Иванов", "given": "И. И."}, {"literal": "et al."}],
                    editors=[{"literal": "Institute of History & Archives"}])
    text = to_bibtex([ref])
    assert r"title = {Прибыль 100\% \& \{скобки\} \#1 a\_b \~{} \^{} \textbackslash{}}" in text
    assert "author = {Иванов, И. И. and others}" in text
    assert r"editor = {{Institute of History \& Archives}}" in text
    assert "journal = {Вопросы истории}" in text
    assert unescaped_braces_balance(text) and len(bibtex_entries(text)) == 1


def test_empty_exports():
    assert json.loads(to_csl_json([])) == [] and to_bibtex([]) == ""
