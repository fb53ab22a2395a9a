"""The in-repo article corpus (eval/corpus/articles): every gold file is well formed and names its
text, and eval/articles.py finds and scores it without the shared corpora; the hand-read sample
of eval/frus_people.py's spurious names is well formed."""

import importlib.util
import json
import re
import sys

import pytest
import yaml

from conftest import REPO

CORPUS = REPO / "eval" / "corpus" / "articles"
GOLDS = sorted(CORPUS.glob("*.gold.json"))
KINDS = {"archival", "published", "newspaper", "ibid", "other"}


def _articles_eval():
    if "eval_articles" not in sys.modules:
        spec = importlib.util.spec_from_file_location("eval_articles", REPO / "eval" / "articles.py")
        sys.modules["eval_articles"] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules["eval_articles"]


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_corpus_has_gold():
    assert len(GOLDS) >= 4
    assert (CORPUS / "README.md").is_file()


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name)
def test_gold_is_well_formed(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = CORPUS / gold["file"]
    assert article.is_file() and article.stem == gold_path.name.removesuffix(".gold.json")
    assert {"notes", "references", "intext", "body_samples", "source"} <= gold.keys()
    numbers = [note["number"] for note in gold["notes"]]
    assert len(numbers) == len(set(numbers)), "note numbers repeat"
    by_number = {note["number"]: note for note in gold["notes"]}
    for note in gold["notes"]:
        start = 0
        for citation in note["citations"]:
            assert citation["kind"] in KINDS
            position = note["text"].find(citation["text"], start)  # in order, an exact substring
            assert position >= 0, (note["number"], citation["text"])
            start = position
            if citation["kind"] == "archival":
                assert isinstance(citation.get("levels"), dict)
            if "repeats" in citation:
                target = by_number[citation["repeats"]["note"]]
                assert citation["repeats"]["index"] < len(target["citations"])
                assert citation["repeats"]["note"] <= note["number"]
    for item in gold["intext"]:
        assert 0 <= item["reference"] < len(gold["references"])
    text = _collapse(article.read_text(encoding="utf-8"))
    for sample in gold["body_samples"]:
        assert _collapse(sample) in text


def test_the_evaluation_runs_on_the_in_repo_corpus_alone(capsys, tmp_path):
    articles = _articles_eval()
    assert len(articles.find_articles(CORPUS)) == len(GOLDS)
    assert articles.main(["--corpus", str(CORPUS), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["articles"]) == len(GOLDS)
    assert all(row["article"].startswith("eval/corpus/articles/") for row in result["articles"])
    assert set(result["corpora"]) == {"eval/corpus/articles"}
    assert articles.main(["--corpus", str(tmp_path / "absent")]) == 2


SPURIOUS_SAMPLE = REPO / "eval" / "corpus" / "frus_people" / "spurious_sample.yaml"


def test_the_hand_read_sample_of_spurious_names_is_well_formed():
    """eval/frus_people.py's estimated precision rests on it: every item read, with a label."""
    sample = yaml.safe_load(SPURIOUS_SAMPLE.read_text(encoding="utf-8"))["spurious"]
    assert len(sample) >= 100
    for item in sample:
        assert item["label"] in {"person", "person-wrong-span", "not-person"}, item
        assert {"volume", "document", "span", "method", "context", "class"} <= item.keys(), item
        assert set(item["paths"]) <= {"text", "text+list"} and item["paths"], item
        assert f"[[{' '.join(item['span'].split())}]]" in item["context"], item
    assert sum(bool(item.get("held_out")) for item in sample) == 30
    assert len({(i["volume"], i["start"], i["end"]) for i in sample}) == len(sample), "an item repeats"
