"""Values derived from the records, each computed here and only here.

    openness_score(model, vocabularies)  # -> OpennessScore(value=0.58, counted=12, ...)

The openness score is the mean of the status scores in data/vocabularies.yaml
(openness_status.*.score: open 1, partial 0.5, closed 0) over the components whose status
has a score; not-applicable and unknown components are left out. A model with no scored
component has no score (None).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# A record whose sources were last read longer ago than this is stale (a warning, and a flag on its page).
# Pages say it in months; the checks count days.
STALE_AFTER_MONTHS = 12
STALE_AFTER_DAYS = round(STALE_AFTER_MONTHS * 365 / 12)
# A list price read longer ago than this before the data version is stale: prices move faster than
# anything else recorded (a warning, and a line on the Known gaps page).
PRICE_STALE_AFTER_DAYS = 90
# The priced lists of each kind of record: models' per-token prices, accelerators' hourly rental prices.
PRICE_FIELDS = {"models": "prices", "accelerators": "rental_prices"}


@dataclass(frozen=True)
class OpennessScore:
    value: float | None      # 0..1, or None when no component could be scored
    counted: int             # components that entered the score
    total: int               # components recorded

    @property
    def percent(self) -> int | None:
        return None if self.value is None else round(self.value * 100)


def openness_score(model: dict, vocabularies: dict) -> OpennessScore:
    statuses = vocabularies.get("openness_status", {})
    openness = model.get("openness") or {}
    scores = [statuses[entry["status"]]["score"] for entry in openness.values()
              if isinstance(entry, dict) and "score" in statuses.get(entry.get("status"), {})]
    value = sum(scores) / len(scores) if scores else None
    return OpennessScore(value=value, counted=len(scores), total=len(openness))


def release_year(model: dict) -> int:
    return int(str(model["release"])[:4])


def is_open_weights(model: dict) -> bool:
    return str(model.get("access", "")).startswith("open-weights")


def number_of_parameters(value) -> str:
    """7.0e9 -> '7B'. An undisclosed size (None) is the caller's to word (strings: common.undisclosed)."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:g}"


def mof_class(model: dict, crosswalk: dict) -> dict | None:
    """The most open Model Openness Framework class whose requirements the model meets, or None.

    A requirement is a component that must be open, or a list of components of which one
    open component suffices (data/crosswalk.yaml)."""
    openness = model.get("openness") or {}
    is_open = lambda component: (openness.get(component) or {}).get("status") == "open"
    for candidate in (crosswalk.get("mof") or {}).get("classes", []):
        if all(any(is_open(c) for c in ([item] if isinstance(item, str) else item)) for item in candidate["requires"]):
            return candidate
    return None


def eosai_statuses(model: dict, licence: dict, crosswalk: dict) -> list[tuple[dict, str]]:
    """Each European Open Source AI Index parameter with a status derived from our components:
    open when every known component it reads is open, closed when every one is closed,
    partial in between, unknown when none is known. The licence parameter reads the model's
    licence: open if OSI-approved, closed for proprietary terms, partial otherwise."""
    openness = model.get("openness") or {}
    result = []
    for parameter in (crosswalk.get("eosai") or {}).get("parameters", []):
        if parameter["id"] == "licence":
            status = "open" if licence.get("osi_approved") else "closed" if licence.get("kind") == "proprietary" else "partial"
        else:
            known = [openness.get(c, {}).get("status") for c in parameter["components"]]
            known = [s for s in known if s in ("open", "partial", "closed")]
            if not known:
                status = "unknown"
            elif all(s == "open" for s in known):
                status = "open"
            elif all(s == "closed" for s in known):
                status = "closed"
            else:
                status = "partial"
        result.append((parameter, status))
    return result


def data_version(dataset) -> str:
    """The newest last_verified date of any record: changes only when the data does."""
    dates = [r.data.get("last_verified", "") for records in dataset.records.values() for r in records.values()]
    return max((d for d in dates if isinstance(d, str)), default="")


def is_stale(last_verified: str | None, version: str) -> bool:
    """Verified longer than STALE_AFTER_DAYS before the data version (not the build date, so builds stay reproducible)."""
    try:
        return (dt.date.fromisoformat(version) - dt.date.fromisoformat(last_verified)).days > STALE_AFTER_DAYS
    except (TypeError, ValueError):
        return False


def price_age(as_of, version: str) -> int | None:
    """Days between the day a price was read and the data version, or None if either is not a date."""
    try:
        return (dt.date.fromisoformat(version) - dt.date.fromisoformat(str(as_of))).days
    except (TypeError, ValueError):
        return None


def stale_prices(dataset) -> list[dict]:
    """Every price read more than PRICE_STALE_AFTER_DAYS before the data version, by kind and record:
    {"kind", "id", "record" (its data), "index" (in its price list), "field", "price", "age"}."""
    version = data_version(dataset)
    found = []
    for kind, field in PRICE_FIELDS.items():
        for record_id in sorted(dataset.records.get(kind, {})):
            record = dataset.records[kind][record_id].data
            prices = record.get(field)
            for index, price in enumerate(prices if isinstance(prices, list) else []):
                age = price_age(price.get("as_of"), version) if isinstance(price, dict) else None
                if age is not None and age > PRICE_STALE_AFTER_DAYS:
                    found.append({"kind": kind, "id": record_id, "record": record, "index": index, "field": field,
                                  "price": price, "age": age})
    return found


def criteria_in_order(dataset) -> list[dict]:
    """Criteria grouped in the order of the criterion_group vocabulary, then by id."""
    groups = list(dataset.vocabularies.get("criterion_group", {}))
    return sorted((r.data for r in dataset.records["criteria"].values()),
                  key=lambda c: (groups.index(c["group"]) if c["group"] in groups else len(groups), c["id"]))
