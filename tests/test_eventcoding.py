"""The CAMEO/Goldstein/PLOVER table shipped in data/, and the data files that refer to it."""

import json
import sys
from importlib import resources

import pytest
import yaml

from conftest import REPO, shared_path
from legation.lexicon.eventcoding import lookup, root, table

EVENTCODING = shared_path("data", "eventcoding")


def test_table_holds_every_cameo_code_with_score_and_category():
    codes = table()
    assert len(codes) == 311
    assert (codes["036"].plover, codes["036"].goldstein) == ("AGREE", 4.0)
    assert (codes["042"].plover, codes["042"].mode) == ("CONSULT", "visit")
    assert (codes["057"].plover, codes["057"].goldstein) == ("SUPPORT", 8.0)
    assert (codes["114"].plover, codes["114"].goldstein) == ("ACCUSE", -2.0)
    assert (codes["173"].plover, codes["173"].mode) == ("COERCE", "arrest")
    assert (codes["190"].plover, codes["190"].goldstein) == ("ASSAULT", -10.0)
    assert codes["0871"].plover == "RETREAT"


def test_statements_have_no_plover_category_and_appeals_are_requests():
    assert lookup("010").plover is None
    assert (lookup("020").plover, lookup("0242").plover, lookup("027").mode) == ("REQUEST", "REQUEST", "appeal")


def test_unlisted_code_falls_back_to_its_parent():
    assert lookup("0361").cameo == "036"
    assert lookup("99") is None
    assert root("0871") == "08"


def test_table_carries_its_attribution_and_licence():
    data = json.loads(resources.files("legation.data").joinpath("eventcoding.json").read_text(encoding="utf-8"))
    attribution = " ".join(data["attribution"])
    assert "CC BY-SA 4.0" in attribution and "PLOVER" in attribution and "Goldstein" in attribution


@pytest.mark.shared("data", "eventcoding")
def test_build_script_reproduces_the_shipped_table():
    sys.path.insert(0, str(REPO / "scripts"))
    from build_eventcoding import build_rows

    shipped = json.loads(resources.files("legation.data").joinpath("eventcoding.json").read_text(encoding="utf-8"))
    assert [list(row) for row in build_rows(EVENTCODING)] == shipped["codes"]


def _rules_yaml():
    return yaml.safe_load(resources.files("legation.data").joinpath("event_rules.yaml").read_text(encoding="utf-8"))


def test_every_rule_codes_to_a_plover_category():
    data = _rules_yaml()
    codes = [r["cameo"] for r in data["rules"]] + [r["intent"] for r in data["rules"] if r.get("intent")]
    codes += [*data["intent_by_category"].values(), data["obligation_code"], data["rejection_code"]]
    for code in codes:
        assert lookup(code) is not None and lookup(code).plover, code


def test_every_named_event_codes_to_a_plover_category():
    data = yaml.safe_load(resources.files("legation.data").joinpath("authorities/events.yaml").read_text(encoding="utf-8"))
    for event in data["events"]:
        assert lookup(event["cameo"]).plover, event["id"]
        assert event["date"] <= event.get("date_end", event["date"]), event["id"]
