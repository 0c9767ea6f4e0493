"""Each model as a candidate for a reader's shortlist: the fields that the hard constraints
and the ranking read, derived here once for both implementations of the rule (the checklist
page receives these candidates as data, so its script derives nothing itself).

    candidates = model_candidates(dataset)
    candidates[0]["side"], candidates[0]["excluded_regions"], candidates[0]["availability"]

- side: "open" or "closed" by the model's access (data/scoring.yaml `sides`), or None.
- excluded_regions: the regions its licence excludes for every model, and those its own
  record adds.
- availability: "available", "deprecated" (with `retires`), "retired" (an API model past
  its shutdown, or weights withdrawn), judged on the data version's date, not the build's,
  so that a build is reproducible. Released weights stay available when their developer's
  API retires the model.
"""

from __future__ import annotations

from ..data.derived import data_version
from ..data.load import Dataset

FIELDS = ("id", "name", "developer", "family", "release", "access", "commercial_use", "modality", "tasks",
          "deployment", "licence", "domains")


def model_candidates(dataset: Dataset) -> list[dict]:
    today = data_version(dataset)
    licences = dataset.records["licences"]
    sides = dataset.scoring.get("sides", {})
    candidates = []
    for model_id in sorted(dataset.records["models"]):
        model = dataset.records["models"][model_id].data
        licence = licences[model["licence"]].data
        candidate = {name: model.get(name) for name in FIELDS}
        candidate["tasks"] = model.get("tasks") or []
        candidate["deployment"] = model.get("deployment") or []
        candidate["domains"] = model.get("domains") or []
        candidate["licence_name"] = licence["name"]
        candidate["side"] = next((side for side, access in sides.items() if model["access"] in access), None)
        candidate["excluded_regions"] = sorted(set(licence.get("excluded_regions") or [])
                                               | set(model.get("excluded_regions") or []))
        candidate["availability"], candidate["retires"] = availability(model, today)
        candidates.append(candidate)
    return candidates


def availability(model: dict, today: str) -> tuple[str, str | None]:
    """(availability, announced shutdown date or None) on `today` (YYYY-MM-DD): of the weights for an
    open-weight model, of the provider's offering for a closed one."""
    if model.get("weights_availability") == "withdrawn":
        return "retired", None
    if str(model.get("access", "")).startswith("open-weights"):
        return "available", None   # weights do not retire with their developer's API
    return lifecycle_status(model, today)


def lifecycle_status(model: dict, today: str) -> tuple[str, str | None]:
    """The provider's offering of the model on `today`, by its lifecycle events alone."""
    past = sorted((event for event in model.get("lifecycle") or [] if str(event["date"]) <= today),
                  key=lambda event: str(event["date"]))
    if not past:
        return "available", None
    latest = past[-1]
    if latest["status"] == "retired":
        return "retired", None
    if latest["status"] == "deprecated":
        retires = latest.get("retires")
        if retires and str(retires) <= today:
            return "retired", None
        return "deprecated", retires
    return "available", None


def retired_since(model: dict) -> str | None:
    """The date of the model's retirement: its retired event, or the shutdown date of a deprecation."""
    for event in sorted(model.get("lifecycle") or [], key=lambda e: str(e["date"]), reverse=True):
        if event["status"] == "retired":
            return str(event["date"])
        if event["status"] == "deprecated" and event.get("retires"):
            return str(event["retires"])
    return None
