"""The scoring rule of data/scoring.yaml, in Python (content/assets/checklist.js is the other
implementation; tests/scoring_vectors.yaml proves they agree).

    result = score_answers({"data-privacy-residency": "must-stay-in-house"}, dataset)
    result.leaning, result.reason, result.totals, result.shortlist

The rule, in order:
1. Each answer adds its criterion's weight times its `leans` to the open and closed totals.
2. The hard constraints of the answers (`requires`, `rules_out`) pick the candidates that
   qualify; retired models never do. A side (open weights, or closed) with no qualifying
   model cannot be the leaning: the constraints decide before the totals.
3. Hybrid is recommended when an answer says the workloads split (`hybrid: suggests`), or
   when the open and closed totals are within `hybrid_margin` of each other; never when an
   answer rules it out (`hybrid: rules-out`, no one to run a second stack) or when one side
   has no qualifying model.
4. Otherwise the higher total wins; a tie goes to the first side in `tie_break`.
5. The shortlist is the qualifying candidates in the order of `ranking` (generator/decide/
   shortlist.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.derived import criteria_in_order
from ..data.load import Dataset
from .candidates import model_candidates
from .shortlist import Ranked, rank


@dataclass
class Contribution:
    criterion: dict
    option: dict
    points: dict          # scored leaning -> weight × leans


@dataclass
class ScoreResult:
    totals: dict                                  # scored leaning -> total
    leaning: str | None                           # None when nothing is answered
    reason: str | None = None                     # why this leaning: see REASONS
    contributions: list[Contribution] = field(default_factory=list)
    shortlist: list[str] = field(default_factory=list)    # qualifying model ids, ranked
    ranked: list[Ranked] = field(default_factory=list)    # the same, with each one's reasons
    requirements: list[dict] = field(default_factory=list)   # the constraints of each chosen option
    feasible: list[str] = field(default_factory=list)        # the sides with a qualifying model
    tied: list[str] = field(default_factory=list)            # the sides whose totals tied, if they did


# Why the leaning is what it is; each has a sentence in data/strings/.
REASONS = ("split-workloads", "narrow-margin", "only-side", "higher-total", "tie", "none-qualifies")


def score_answers(answers: dict[str, str], dataset: Dataset, domain: str | None = None,
                  candidates: list[dict] | None = None) -> ScoreResult:
    """answers: criterion id -> option id. Unknown ids must be rejected before (report.py does).
    `candidates` (model_candidates(dataset)) may be passed in when many answer sets are scored."""
    scoring = dataset.scoring
    scored = scoring["scored"]
    totals = {leaning: 0 for leaning in scored}
    contributions, requirements = [], []
    suggests_hybrid = rules_out_hybrid = False
    for criterion in criteria_in_order(dataset):
        option_id = answers.get(criterion["id"])
        if option_id is None:
            continue
        option = next(o for o in criterion["options"] if o["id"] == option_id)
        points = {leaning: criterion["weight"] * option["leans"].get(leaning, 0) for leaning in scored}
        for leaning in scored:
            totals[leaning] += points[leaning]
        contributions.append(Contribution(criterion, option, points))
        if option.get("requires") or option.get("rules_out"):
            requirements.append({"requires": option.get("requires", {}), "rules_out": option.get("rules_out", {})})
        suggests_hybrid |= option.get("hybrid") == "suggests"
        rules_out_hybrid |= option.get("hybrid") == "rules-out"

    qualifying = [c for c in (candidates or model_candidates(dataset)) if qualifies(c, requirements)]
    feasible = [side for side in scored if any(c["side"] == side for c in qualifying)]
    result = ScoreResult(totals, None, contributions=contributions, requirements=requirements, feasible=feasible)
    if contributions:
        result.leaning, result.reason, result.tied = choose_leaning(totals, feasible, suggests_hybrid,
                                                                    rules_out_hybrid, scoring)
    result.ranked = rank(qualifying, result.leaning, domain, scoring)
    result.shortlist = [entry.candidate["id"] for entry in result.ranked]
    return result


def choose_leaning(totals: dict, feasible: list[str], suggests_hybrid: bool, rules_out_hybrid: bool,
                   scoring: dict) -> tuple[str, str, list[str]]:
    """(leaning, reason, tied sides) under steps 2 to 4 of the rule."""
    hybrid_possible = len(feasible) == len(scoring["scored"]) and not rules_out_hybrid
    if suggests_hybrid and hybrid_possible:
        return "hybrid", "split-workloads", []
    if not feasible:
        candidates, reason = list(scoring["scored"]), "none-qualifies"
    elif len(feasible) == 1:
        return feasible[0], "only-side", []
    else:
        candidates, reason = feasible, "higher-total"
    high, low = max(totals[s] for s in candidates), min(totals[s] for s in candidates)
    if reason == "higher-total" and hybrid_possible and high > 0 and high - low <= scoring["hybrid_margin"] * high:
        return "hybrid", "narrow-margin", []
    tied = [side for side in candidates if totals[side] == high]
    winner = next(side for side in scoring["tie_break"] if side in tied)
    if len(tied) > 1 and reason == "higher-total":
        reason = "tie"
    return winner, reason, tied if len(tied) > 1 else []


def qualifies(candidate: dict, requirements: list[dict]) -> bool:
    """Not retired, and every constraint met: each `requires` field holds one of its listed values
    (for a list field, any of its values), and no `rules_out` field holds a listed value."""
    if candidate["availability"] == "retired":
        return False
    for constraint in requirements:
        for name, allowed in constraint["requires"].items():
            value = candidate.get(name)
            values = value if isinstance(value, list) else [value]
            if not any(v in allowed for v in values):
                return False
        for name, banned in constraint["rules_out"].items():
            value = candidate.get(name)
            values = value if isinstance(value, list) else [value]
            if any(v in banned for v in values):
                return False
    return True


def leaning_distribution(dataset: Dataset, samples: int = 1000, seed: int = 2026) -> dict:
    """How the leaning falls over `samples` random answer sets, each question answered with one of
    its options at random (the same draws every time): by the totals alone (steps 1, 3 and 4 of the
    rule, as if both sides had qualifying models), and by the whole rule, with counts by reason."""
    import random
    draw = random.Random(seed)
    scoring = dataset.scoring
    criteria = criteria_in_order(dataset)
    candidates = _distinct_under_constraints(model_candidates(dataset), criteria)
    totals_only = {leaning: 0 for leaning in scoring["leanings"]}
    leanings = {leaning: 0 for leaning in scoring["leanings"]}
    reasons: dict[str, int] = {}
    for _ in range(samples):
        answers = {c["id"]: draw.choice(c["options"])["id"] for c in criteria}
        result = score_answers(answers, dataset, candidates=candidates)
        chosen = [c.option for c in result.contributions]
        alone, _, _ = choose_leaning(result.totals, list(scoring["scored"]), any(o.get("hybrid") == "suggests" for o in chosen),
                                     any(o.get("hybrid") == "rules-out" for o in chosen), scoring)
        totals_only[alone] += 1
        leanings[result.leaning] += 1
        reasons[result.reason] = reasons.get(result.reason, 0) + 1
    return {"samples": samples, "totals_only": totals_only, "leanings": leanings, "reasons": reasons,
            "criteria": len(criteria)}


def _distinct_under_constraints(candidates: list[dict], criteria: list[dict]) -> list[dict]:
    """One candidate for each combination of what the constraints can see (side, availability and
    the fields any option requires or rules out): the leaning depends only on which sides keep a
    qualifying model, so the distribution needs no more, and it no longer grows with the catalogue."""
    fields = sorted({name for criterion in criteria for option in criterion["options"]
                     for key in ("requires", "rules_out") for name in (option.get(key) or {})})
    seen: dict[tuple, dict] = {}
    for candidate in candidates:
        key = (candidate["side"], candidate["availability"]) + tuple(
            tuple(value) if isinstance(value, list) else value for value in (candidate.get(name) for name in fields))
        seen.setdefault(key, candidate)
    return list(seen.values())


def required_criteria(dataset: Dataset) -> list[str]:
    return [c["id"] for c in criteria_in_order(dataset) if c["weight"] >= dataset.scoring["required_weight"]]
