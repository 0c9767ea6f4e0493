"""The words for a decision: why the rule recommends its leaning, and why each shortlisted model
is where it is, from the `decision` texts of data/strings/LANG.yaml. content/assets/checklist.js
builds the same sentences from the same texts; the calibration tests compare the two.

    leaning_sentence(result, strings.decision.plain(), labels, scoring)   # "Open: only open-weight models ..."
    rank_line(entry, strings.decision.plain(), domains)                   # "open-weight, as your leaning; released 2026-04"
"""

from __future__ import annotations

from .scoring import ScoreResult
from .shortlist import Ranked


def leaning_sentence(result: ScoreResult, texts: dict, leaning_labels: dict, scoring: dict) -> str:
    if not result.leaning:
        return ""
    values = {"leaning": leaning_labels[result.leaning], "margin": round(scoring["hybrid_margin"] * 100),
              "side": texts["side"].get(result.leaning, ""), **{side: result.totals[side] for side in scoring["scored"]}}
    return texts["reason"][result.reason].format_map(values)


def rank_line(entry: Ranked, texts: dict, domain_names: dict) -> str:
    parts = []
    for code, values in entry.reasons:
        template = texts["ranked"][code]
        if not template:
            continue
        filled = {**values, "side": texts["side"].get(values.get("side"), ""),
                  "domain": domain_names.get(values.get("domain"), values.get("domain", ""))}
        parts.append(template.format_map(filled))
    return texts["separator"].join(parts)
