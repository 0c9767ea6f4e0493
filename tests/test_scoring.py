"""One scoring rule, two implementations: the shared vectors in tests/scoring_vectors.yaml
through Python (generator/scoring.py) and through JavaScript in headless Chromium
(content/assets/checklist.js), on the tiny fixture and on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT, make_project
from generator.decide.scoring import required_criteria, score_answers
from generator.data.validate import load_valid_dataset

VECTORS = yaml.safe_load((Path(__file__).parent / "scoring_vectors.yaml").read_text(encoding="utf-8"))
TINY, SHIPPED = VECTORS["tiny"], VECTORS["shipped"]


@pytest.fixture(scope="module")
def tiny_dataset(tmp_path_factory):
    return load_valid_dataset(make_project(tmp_path_factory.mktemp("scoring") / "project"))


FIELDS = ("totals", "leaning", "reason", "tied", "shortlist", "folded", "missing")


def _expected(vector):
    return {"tied": [], **{k: vector[k] for k in FIELDS if k in vector}}


def _python(vector, dataset):
    result = score_answers(vector["answers"], dataset)
    return {"totals": result.totals, "leaning": result.leaning, "reason": result.reason, "tied": result.tied,
            "shortlist": result.shortlist, "folded": {e.candidate["id"]: e.folded for e in result.ranked if e.folded},
            "missing": [c for c in required_criteria(dataset) if c not in vector["answers"]]}


def _javascript(page, base_url, answers):
    page.goto(f"{base_url}/checklist/")
    return page.evaluate("""answers => {
        const data = JSON.parse(document.getElementById('checklist-data').textContent);
        const result = window.OpenOrClosedDecide.score(data, answers, null);
        const folded = {};
        result.ranked.forEach(e => { if (e.folded.length) folded[e.candidate.id] = e.folded; });
        return {totals: result.totals, leaning: result.leaning, reason: result.reason, tied: result.tied,
                shortlist: result.shortlist, folded: folded, missing: result.missing};
    }""", answers)


@pytest.mark.parametrize("vector", TINY, ids=[v["name"] for v in TINY])
def test_python_tiny(vector, tiny_dataset):
    assert _python(vector, tiny_dataset) == _expected(vector)


@pytest.mark.parametrize("vector", SHIPPED, ids=[v["name"] for v in SHIPPED])
def test_python_shipped(vector, shipped_dataset):
    result = _python(vector, shipped_dataset)
    assert (result["totals"], result["leaning"], result["reason"]) == (vector["totals"], vector["leaning"], vector["reason"])


@pytest.mark.parametrize("vector", TINY, ids=[v["name"] for v in TINY])
def test_javascript_tiny(vector, page, tiny_site_url):
    assert _javascript(page, tiny_site_url, vector["answers"]) == _expected(vector)


@pytest.mark.parametrize("vector", SHIPPED, ids=[v["name"] for v in SHIPPED])
def test_javascript_shipped_agrees_with_python(vector, page, site_url, shipped_dataset):
    result = _javascript(page, site_url, vector["answers"])
    assert (result["totals"], result["leaning"], result["reason"]) == (vector["totals"], vector["leaning"], vector["reason"])
    python = _python(vector, shipped_dataset)
    assert {k: result[k] for k in FIELDS} == python


def test_every_vector_answer_exists(tiny_dataset, shipped_dataset):
    for vectors, dataset in ((TINY, tiny_dataset), (SHIPPED, shipped_dataset)):
        for vector in vectors:
            for criterion_id, option_id in vector["answers"].items():
                options = [o["id"] for o in dataset.records["criteria"][criterion_id].data["options"]]
                assert option_id in options, f"{vector['name']}: {criterion_id}: {option_id}"


# ---------------------------------------------------------------- calibration readers

CALIBRATION = yaml.safe_load((ROOT / "data" / "calibration.yaml").read_text(encoding="utf-8"))["readers"]


@pytest.mark.parametrize("reader", CALIBRATION, ids=[r["id"] for r in CALIBRATION])
def test_calibration_reader_gets_the_advisers_leaning_in_python(reader, shipped_dataset):
    result = score_answers(reader["answers"], shipped_dataset, reader.get("domain"))
    assert result.leaning == reader["expected"], (
        f"{reader['name']}: the rule gives {result.leaning} ({result.reason}, totals {result.totals}); "
        f"an adviser would say {reader['expected']}: {reader['reason']}")
    assert not [c for c in required_criteria(shipped_dataset) if c not in reader["answers"]]


@pytest.mark.parametrize("reader", CALIBRATION, ids=[r["id"] for r in CALIBRATION])
def test_calibration_reader_gets_the_same_result_in_the_browser(reader, page, site_url, shipped_dataset):
    page.goto(f"{site_url}/checklist/")
    result = page.evaluate("""([answers, domain]) => {
        const data = JSON.parse(document.getElementById('checklist-data').textContent);
        const r = window.OpenOrClosedDecide.score(data, answers, domain);
        return {leaning: r.leaning, reason: r.reason, totals: r.totals, shortlist: r.shortlist};
    }""", [reader["answers"], reader.get("domain")])
    python = score_answers(reader["answers"], shipped_dataset, reader.get("domain"))
    assert result == {"leaning": reader["expected"], "reason": python.reason, "totals": python.totals,
                      "shortlist": python.shortlist}
