"""The scoring rule of data/scoring.yaml, in Python (content/assets/checklist.js is the other
implementation; tests/scoring_vectors.yaml proves they agree).

    result = score_answers({"data-privacy-residency": "must-stay-in-house"}, dataset)
    result.leaning, result.totals, result.shortlist
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.derived import criteria_in_order
from ..data.load import Dataset


@dataclass
class Contribution:
    criterion: dict
    option: dict
    points: dict          # leaning -> weight × leans


@dataclass
class ScoreResult:
    totals: dict                                  # leaning -> total
    leaning: str | None                           # None when nothing is answered
    contributions: list[Contribution] = field(default_factory=list)
    shortlist: list[str] = field(default_factory=list)    # model ids, sorted
    requirements: list[dict] = field(default_factory=list)   # the `requires` of each chosen option


def score_answers(answers: dict[str, str], dataset: Dataset) -> ScoreResult:
    """answers: criterion id -> option id. Unknown ids must be rejected before (report.py does)."""
    scoring = dataset.scoring
    leanings = scoring["leanings"]
    totals = {leaning: 0 for leaning in leanings}
    contributions = []
    requirements = []
    for criterion in criteria_in_order(dataset):
        option_id = answers.get(criterion["id"])
        if option_id is None:
            continue
        option = next(o for o in criterion["options"] if o["id"] == option_id)
        points = {leaning: criterion["weight"] * option["leans"][leaning] for leaning in leanings}
        for leaning in leanings:
            totals[leaning] += points[leaning]
        contributions.append(Contribution(criterion, option, points))
        if option.get("requires"):
            requirements.append(option["requires"])
    leaning = None
    if contributions:
        best = max(totals.values())
        tied = [leaning for leaning in leanings if totals[leaning] == best]
        leaning = next(leaning for leaning in scoring["tie_break"] if leaning in tied)
    shortlist = sorted(model_id for model_id, record in dataset.records["models"].items()
                       if all(meets(record.data, requires) for requires in requirements))
    return ScoreResult(totals, leaning, contributions, shortlist, requirements)


def meets(model: dict, requires: dict) -> bool:
    """Every field named in `requires` holds one of its listed values (for a list field, any of its values)."""
    for model_field, allowed in requires.items():
        value = model.get(model_field)
        values = value if isinstance(value, list) else [value]
        if not any(v in allowed for v in values):
            return False
    return True


def required_criteria(dataset: Dataset) -> list[str]:
    return [c["id"] for c in criteria_in_order(dataset) if c["weight"] >= dataset.scoring["required_weight"]]
