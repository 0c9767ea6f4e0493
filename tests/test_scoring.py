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
def test_javascript_tiny(vector, page, tiny_site_url, tiny_dataset):
    assert _javascript(page, tiny_site_url, vector["answers"]) == _expected(vector)
    # The words too: the leaning's sentence (the tie message among them) is built alike in both.
    from generator.decide.explain import leaning_sentence
    from generator.site.templating import Strings
    sentence = page.evaluate("""answers => {
        const data = JSON.parse(document.getElementById('checklist-data').textContent);
        const r = window.OpenOrClosedDecide.score(data, answers, null);
        return window.OpenOrClosedDecide.leaningSentence(r, data.decision, data.leanings, data.scoring);
    }""", vector["answers"])
    result = score_answers(vector["answers"], tiny_dataset)
    labels = {term: tiny_dataset.label("leaning", term) for term in tiny_dataset.vocabularies["leaning"]}
    assert sentence == leaning_sentence(result, Strings(tiny_dataset.strings("en")).decision.plain(), labels,
                                        tiny_dataset.scoring)


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
        return {leaning: r.leaning, reason: r.reason, totals: r.totals, shortlist: r.shortlist,
                sentence: window.OpenOrClosedDecide.leaningSentence(r, data.decision, data.leanings, data.scoring)};
    }""", [reader["answers"], reader.get("domain")])
    from generator.decide.explain import leaning_sentence
    from generator.site.templating import Strings
    python = score_answers(reader["answers"], shipped_dataset, reader.get("domain"))
    labels = {term: shipped_dataset.label("leaning", term) for term in shipped_dataset.vocabularies["leaning"]}
    sentence = leaning_sentence(python, Strings(shipped_dataset.strings("en")).decision.plain(), labels,
                                shipped_dataset.scoring)
    assert result == {"leaning": reader["expected"], "reason": python.reason, "totals": python.totals,
                      "shortlist": python.shortlist, "sentence": sentence}


# ---------------------------------------------------------------- the two readers of the shortlist issue

SHORTLIST_READERS = {
    "healthcare-team": ({"data-privacy-residency": "must-stay-in-house", "frontier-capability-need": "strong-general",
                         "total-cost-at-volume": "high-volume", "task": "chat"}, "healthcare", "open"),
    "start-up-conversational": ({"frontier-capability-need": "frontier-required", "time-to-market": "weeks",
                                 "in-house-ml-skills": "no-ml-team", "task": "chat"}, "conversational-assistants", "closed"),
}


def _check_top_ten(result, dataset, leaning):
    assert result.leaning == leaning
    top = result.ranked[:dataset.scoring["shortlist_size"]]
    assert len(top) == dataset.scoring["shortlist_size"]
    for entry in top:
        candidate = entry.candidate
        assert "chat" in candidate["tasks"], candidate["id"]
        assert candidate["availability"] != "retired", candidate["id"]
        assert entry.reasons, candidate["id"]
        family = candidate.get("family")
        if family:   # the newest qualifying release of its family leads it
            newer = [e for e in result.ranked if e.candidate.get("family") == family
                     and e.candidate["release"] > candidate["release"]]
            assert not newer, (candidate["id"], [e.candidate["id"] for e in newer])
    ids = {e.candidate["id"] for e in result.ranked}
    assert not ids & {"gpt-3", "palm-2"}, "retired APIs never appear"


@pytest.mark.parametrize("name", SHORTLIST_READERS)
def test_shortlist_readers_in_python(name, shipped_dataset):
    answers, domain, leaning = SHORTLIST_READERS[name]
    _check_top_ten(score_answers(answers, shipped_dataset, domain), shipped_dataset, leaning)


@pytest.mark.parametrize("name", SHORTLIST_READERS)
def test_shortlist_readers_agree_in_the_browser(name, page, site_url, shipped_dataset):
    answers, domain, leaning = SHORTLIST_READERS[name]
    page.goto(f"{site_url}/checklist/")
    shown = page.evaluate("""([answers, domain]) => {
        const data = JSON.parse(document.getElementById('checklist-data').textContent);
        const r = window.OpenOrClosedDecide.score(data, answers, domain);
        return r.ranked.map(e => [e.candidate.id, window.OpenOrClosedDecide.rankLine(e, data.decision, data.domains)]);
    }""", [answers, domain])
    from generator.decide.explain import rank_line
    from generator.site.templating import Strings
    python = score_answers(answers, shipped_dataset, domain)
    texts = Strings(shipped_dataset.strings("en")).decision.plain()
    names = {d: r.data["name"] for d, r in shipped_dataset.records["domains"].items()}
    assert shown == [[e.candidate["id"], rank_line(e, texts, names)] for e in python.ranked]
