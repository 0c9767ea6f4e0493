"""The openness score and the crosswalk placements on fixture openness maps with expected
results (tests/openness_cases.yaml), as the Model Openness Tool tests its classes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from generator.data.derived import eosai_statuses, mof_class, openness_score

CASES = yaml.safe_load((Path(__file__).parent / "openness_cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def VOCABULARIES(shipped_dataset):
    return shipped_dataset.vocabularies


@pytest.fixture(scope="module")
def CROSSWALK(shipped_dataset):
    return shipped_dataset.crosswalk


def model(case, VOCABULARIES):
    statuses = {component: "unknown" for component in VOCABULARIES["openness_component"]}
    statuses.update(case["openness"])
    return {"openness": {c: {"status": s} for c, s in statuses.items()}}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_openness_score(case, VOCABULARIES):
    score = openness_score(model(case, VOCABULARIES), VOCABULARIES)
    assert (score.percent, score.counted) == (case["score"], case["counted"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_mof_class(case, VOCABULARIES, CROSSWALK):
    found = mof_class(model(case, VOCABULARIES), CROSSWALK)
    assert (found["id"] if found else None) == case["mof"]


def test_eosai_statuses_follow_their_components(VOCABULARIES, CROSSWALK):
    statuses = dict((p["id"], s) for p, s in eosai_statuses(model(CASES[3], VOCABULARIES), {"osi_approved": False, "kind": "community"}, CROSSWALK))
    assert statuses["llm-weights"] == "open"
    assert statuses["open-code"] == "closed"            # training and inference code both closed
    assert statuses["preprint"] == "open"               # the paper is open; the report is unknown
    assert statuses["licence"] == "partial"             # not OSI-approved, not proprietary
    assert statuses["code-documentation"] == "unknown"  # no component of ours carries it
    mixed = model({"openness": {"training_code": "open", "inference_code": "closed"}}, VOCABULARIES)
    assert dict((p["id"], s) for p, s in eosai_statuses(mixed, {"osi_approved": True}, CROSSWALK))["open-code"] == "partial"
