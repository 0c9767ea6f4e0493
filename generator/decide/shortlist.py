"""The order of a reader's shortlist, and the reasons for each place in it (the `ranking`
rule of data/scoring.yaml; content/assets/checklist.js implements the same keys).

    ranked = rank(qualifying_candidates, leaning="open", domain="healthcare", scoring=dataset.scoring)
    ranked[0].candidate["id"], ranked[0].reasons, ranked[0].folded

Each ranking key sorts before the next:
- available-first: models still offered come before deprecated ones (retired ones never qualify);
- leaning-side-first: models on the leaning's side (open weights for open, closed for closed);
- newest-year-first: releases of a later year first, so that an old model does not lead for
  naming the domain;
- domain-first: models whose record names the reader's domain;
- newest-first: the most recent release first.
Then, within a family, only the best-placed release is listed; the family's other qualifying
releases are folded under it. It is not a benchmark: the catalogue does not measure quality.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Ranked:
    candidate: dict
    reasons: list[tuple[str, dict]] = field(default_factory=list)   # (reason id, its values), for strings
    folded: list[str] = field(default_factory=list)                 # older qualifying releases of its family


def sort_key(candidate: dict, leaning: str | None, domain: str | None, ranking: list[str]) -> tuple:
    parts = []
    for key in ranking:
        if key == "available-first":
            parts.append(0 if candidate["availability"] == "available" else 1)
        elif key == "leaning-side-first":
            parts.append(0 if leaning in ("open", "closed") and candidate["side"] == leaning else 1)
        elif key == "newest-year-first":
            parts.append(-int(str(candidate["release"])[:4]))
        elif key == "domain-first":
            parts.append(0 if domain and domain in candidate["domains"] else 1)
        elif key == "newest-first":
            parts.append(tuple(-int(part) for part in str(candidate["release"]).split("-")))
        else:
            raise ValueError(f"unknown ranking key {key!r} in data/scoring.yaml")
    return (*parts, candidate["name"].casefold(), candidate["id"])


def rank(candidates: list[dict], leaning: str | None, domain: str | None, scoring: dict) -> list[Ranked]:
    ordered = sorted(candidates, key=lambda c: sort_key(c, leaning, domain, scoring["ranking"]))
    entries: list[Ranked] = []
    by_family: dict[str, Ranked] = {}
    for candidate in ordered:
        family = candidate.get("family")
        if family and family in by_family:
            by_family[family].folded.append(candidate["id"])
            continue
        entry = Ranked(candidate)
        entries.append(entry)
        if family:
            by_family[family] = entry
    for entry in entries:
        entry.reasons = reasons(entry, leaning, domain)
    return entries


def reasons(entry: Ranked, leaning: str | None, domain: str | None) -> list[tuple[str, dict]]:
    """Why the candidate is where it is, as reason ids with the values their sentences need."""
    candidate = entry.candidate
    found = []
    if leaning in ("open", "closed"):
        found.append(("side-match" if candidate["side"] == leaning else "side-other", {"side": candidate["side"] or ""}))
    if domain:
        found.append(("domain-match" if domain in candidate["domains"] else "domain-other", {"domain": domain}))
    found.append(("newest-of-family" if entry.folded else "release", {"release": candidate["release"],
                                                                      "folded": len(entry.folded)}))
    if candidate["availability"] == "deprecated":
        found.append(("deprecated", {"retires": candidate["retires"] or ""}))
    return found
