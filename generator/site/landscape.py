"""The landscape report, "Open or closed? The state of play": what the catalogue says about open
and closed models, every number computed from the records, as a page of the site and as
Markdown, HTML or an A4 PDF.

    pages = landscape_page(site)                                  # {"landscape.md": ...}
    report = landscape_of(dataset)                                # the records, their edition, the previous one
    markdown = landscape_markdown(report, lang="en")              # python -m generator landscape --format md
    html = landscape_html(report, lang="en")                      # a standalone page with its print stylesheet
    pages = landscape_pdf(report, Path("report.pdf"))             # headless Chromium; returns the page count
    release_edition(dataset, "2026.12", released="2026-12-05")    # keep the records under data/editions/2026.12/

Editions: releasing a version keeps the records as the open data exports them (api/v1 JSON:
models, licences, domains, criteria, and the vocabularies) under data/editions/VERSION/, with
edition.json (the version, its date, the data version). The report on the current data says
what changed since the newest edition, or, when the data is that edition, since the one before;
a past edition is regenerated from its own records and compared with the edition before it.

The numbers come from facts(); the words from the `landscape` section of data/strings/LANG.yaml,
filled in by the templates landscape*.j2. Nothing here writes a word a reader sees.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import markdown as python_markdown
from markupsafe import Markup, escape

from ..data.citations import Citations
from ..data.derived import data_version, is_open_weights, release_year
from ..data.load import KINDS, SOURCE_LANGUAGE, Dataset, Record
from ..data.yamlfile import YamlDocument
from .exports import _json
from .templating import Strings, escape_text, fill, html_environment, language_strings, template_environment
from .urls import SiteUrls, record_page

PAGE = "landscape.md"
# Where the Pages workflow publishes the newest edition's PDF (make landscape), relative to the site's address.
PDF_NAME = "state-of-play.pdf"
EDITIONS_DIR = "data/editions"
EDITION_FILE = "edition.json"
SNAPSHOT_KINDS = ("models", "licences", "domains", "criteria")
VOCABULARIES_FILE = "vocabularies.json"
# YYYY.MM, optionally .N for a second release in a month: 2026.12, 2027.03.1
VERSION_PATTERN = re.compile(r"^(\d{4})\.(0[1-9]|1[0-2])(?:\.([1-9]\d*))?$")
# How many developers, by number of records, the report calls leading (ties at the cut are kept).
LEADING_DEVELOPERS = 10
# The openness components compared in depth.
COMPONENTS = ("weights", "training_code", "training_data")
# A licence's fields whose change is a change of its terms.
LICENCE_TERMS = ("kind", "permissions", "conditions", "limitations", "commercial_use", "commercial_conditions",
                 "excluded_regions")
# A record's field that records when it was checked, not a fact: a change in it alone is no correction.
NOT_FACTS = ("last_verified",)
# The series of the figures, by what they show; styles are drawn by landscape_figure.html.j2 and landscape.css.j2.
ACCESS_STYLES = {"open-weights": "open", "open-weights-restricted": "open-hatch", "open-weights-non-commercial": "open-dots",
                 "api": "closed", "hosted": "closed-hatch", "unreleased": "grey"}
STATUS_STYLES = {"open": "open", "partial": "open-hatch", "closed": "closed", "unknown": "grey", "not-applicable": "empty"}
COMMERCIAL_STYLES = {"allowed": "open", "conditional": "open-hatch", "not-allowed": "closed"}


class EditionError(Exception):
    """An edition cannot be released or found; the message says why."""


# ---------------------------------------------------------------- editions

@dataclass(frozen=True)
class Edition:
    version: str
    released: str          # ISO date
    data_version: str      # the newest last_verified of its records
    folder: Path

    def records(self) -> dict[str, dict[str, dict]]:
        """kind -> id -> record, as kept."""
        kept = {}
        for kind in SNAPSHOT_KINDS:
            path = self.folder / f"{kind}.json"
            kept[kind] = {r["id"]: r for r in json.loads(path.read_text(encoding="utf-8"))} if path.is_file() else {}
        return kept

    def vocabularies(self) -> dict | None:
        path = self.folder / VOCABULARIES_FILE
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def version_key(version: str) -> tuple[int, int, int]:
    match = VERSION_PATTERN.match(version)
    if not match:
        raise EditionError(f"{version!r} is not an edition version; expected YYYY.MM, e.g. 2026.12 (or 2026.12.1)")
    return int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)


def editions(root: Path) -> list[Edition]:
    """Every released edition under data/editions/, oldest first."""
    folder = Path(root) / EDITIONS_DIR
    found = []
    for path in folder.iterdir() if folder.is_dir() else []:
        if path.is_dir() and VERSION_PATTERN.match(path.name) and (path / EDITION_FILE).is_file():
            meta = json.loads((path / EDITION_FILE).read_text(encoding="utf-8"))
            found.append(Edition(path.name, meta.get("released", ""), meta.get("data_version", ""), path))
    return sorted(found, key=lambda e: version_key(e.version))


def snapshot_files(dataset: Dataset) -> dict[str, str]:
    """The files an edition keeps: the records as api/v1 exports them, and the vocabularies."""
    files = {f"{kind}.json": _json([dataset.records[kind][i].data for i in sorted(dataset.records[kind])])
             for kind in SNAPSHOT_KINDS}
    files[VOCABULARIES_FILE] = _json(dataset.vocabularies)
    return files


def release_edition(dataset: Dataset, version: str, released: str | None = None) -> Path:
    """Keep the dataset's records as edition `version` under data/editions/VERSION/; returns the folder.
    Refuses a version that exists or is not newer than the last edition."""
    key = version_key(version)
    released = released or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(released)
    except ValueError:
        raise EditionError(f"{released!r} is not a date; expected YYYY-MM-DD") from None
    existing = editions(dataset.root)
    if any(e.version == version for e in existing):
        raise EditionError(f"edition {version} exists already ({EDITIONS_DIR}/{version}/); an edition is never rewritten")
    if existing and version_key(existing[-1].version) >= key:
        raise EditionError(f"edition {version} must be newer than the last one, {existing[-1].version}")
    folder = Path(dataset.root) / EDITIONS_DIR / version
    folder.mkdir(parents=True)
    for name, text in snapshot_files(dataset).items():
        (folder / name).write_text(text, encoding="utf-8")
    meta = {"version": version, "released": released, "data_version": data_version(dataset),
            "records": {kind: len(dataset.records[kind]) for kind in SNAPSHOT_KINDS}}
    (folder / EDITION_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return folder


def edition_dataset(dataset: Dataset, edition: Edition) -> Dataset:
    """The dataset as `edition` kept it: its records and vocabularies; references, strings and
    the other documents are today's."""
    documents = dict(dataset.documents)
    vocabularies = edition.vocabularies()
    if vocabularies is not None:
        documents["vocabularies"] = YamlDocument(vocabularies)
    records = {kind: {record_id: Record(kind, record_id, f"{EDITIONS_DIR}/{edition.version}/{kind}.json", data,
                                        YamlDocument(data))
                      for record_id, data in sorted(kept.items())}
               for kind, kept in edition.records().items()}
    records.update({kind: {} for kind in KINDS if kind not in records})
    return Dataset(root=dataset.root, documents=documents, records=records, references=dataset.references)


def _is_edition(dataset: Dataset, edition: Edition) -> bool:
    files = snapshot_files(dataset)
    return all((edition.folder / f"{kind}.json").is_file()
               and (edition.folder / f"{kind}.json").read_text(encoding="utf-8") == files[f"{kind}.json"]
               for kind in SNAPSHOT_KINDS)


@dataclass
class Landscape:
    """What one report describes: the records, the edition they are (None: working data), the
    edition it compares with, and the newest edition."""
    dataset: Dataset
    edition: Edition | None
    previous: Edition | None
    latest: Edition | None


def landscape_of(dataset: Dataset, edition: str | None = None) -> Landscape:
    """The report of the current data, or with `edition` (a version or 'latest') of a released edition."""
    released = editions(dataset.root)
    if edition is not None:
        if not released:
            raise EditionError(f"no edition has been released yet ({EDITIONS_DIR}/ is empty)")
        chosen = released[-1] if edition == "latest" else next((e for e in released if e.version == edition), None)
        if chosen is None:
            raise EditionError(f"there is no edition {edition}; released: {', '.join(e.version for e in released)}")
        index = released.index(chosen)
        return Landscape(edition_dataset(dataset, chosen), chosen, released[index - 1] if index else None, released[-1])
    if released and _is_edition(dataset, released[-1]):
        return Landscape(dataset, released[-1], released[-2] if len(released) > 1 else None, released[-1])
    return Landscape(dataset, None, released[-1] if released else None, released[-1] if released else None)


# ---------------------------------------------------------------- the numbers

def share(count: int, total: int) -> int | None:
    """A whole percentage, halves rounded up; None of nothing."""
    return math.floor(100 * count / total + 0.5) if total else None


def _ordered(vocabulary: dict, used) -> list[str]:
    """The terms of `used` in the vocabulary's order, unknown ones after, by name."""
    used = set(used)
    return [t for t in vocabulary if t in used] + sorted(used - set(vocabulary))


def _sources(record: dict, *fields) -> list[str]:
    keys = []
    for name in fields:
        for key in (record.get("sources") or {}).get(name) or []:
            if key not in keys:
                keys.append(key)
    return keys


def facts(dataset: Dataset, previous: dict[str, dict[str, dict]] | None = None) -> dict:
    """Every number of the report, from the records (and, for what changed, the previous edition's)."""
    vocabularies = dataset.vocabularies
    models = [dataset.records["models"][i].data for i in sorted(dataset.records["models"])]
    licences = {i: r.data for i, r in dataset.records["licences"].items()}
    years = list(range(min(map(release_year, models)), max(map(release_year, models)) + 1)) if models else []
    return {
        "counts": {kind: len(dataset.records[kind]) for kind in SNAPSHOT_KINDS},
        "years": years,
        "releases": _releases(models, years, vocabularies),
        "developers": _developers(models, years, _organisations(dataset)),
        "regions": _regions(models, years, _seats(dataset), vocabularies),
        "licences": _licences(models, licences, vocabularies),
        "openness": _openness(models, years, vocabularies),
        "monetisation": _monetisation(models, vocabularies),
        "changes": _changes(dataset, previous) if previous is not None else None,
    }


def _releases(models, years, vocabularies) -> dict:
    total = len(models)
    opened = sum(1 for m in models if is_open_weights(m))
    terms = _ordered(vocabularies.get("access", {}), (m["access"] for m in models))
    by_year = {y: Counter(m["access"] for m in models if release_year(m) == y) for y in years}
    rows = [{"year": y, "counts": [by_year[y][t] for t in terms], "total": sum(by_year[y].values()),
             "open": sum(n for t, n in by_year[y].items() if t.startswith("open-weights"))} for y in years]
    active = [row for row in rows if row["total"]]
    latest = None
    if len(active) > 1:
        now, before = active[-1], active[-2]
        latest = {"year": now["year"], "open": now["open"], "total": now["total"], "share": share(now["open"], now["total"]),
                  "previous": before["year"], "previous_open": before["open"], "previous_total": before["total"],
                  "previous_share": share(before["open"], before["total"])}
    peak = max(active, key=lambda row: (row["total"], row["year"]), default=None)
    counts = Counter(m["access"] for m in models)
    return {"total": total, "first": years[0] if years else None, "last": years[-1] if years else None,
            "open": opened, "closed": total - opened, "open_share": share(opened, total),
            "closed_share": share(total - opened, total),
            "access": [{"term": t, "count": counts[t], "share": share(counts[t], total)} for t in terms],
            "rows": rows, "latest": latest, "peak": {"year": peak["year"], "count": peak["total"]} if peak else None}


def _organisations(dataset: Dataset) -> dict[str, str]:
    """A developer's name, as a record gives it, -> its organisation's name (data/developers.yaml)."""
    doc = dataset.documents.get("developers")
    entries = (doc.data.get("developers") or []) if doc is not None and isinstance(doc.data, dict) else []
    return {name: entry["name"] for entry in entries if isinstance(entry, dict) and entry.get("name")
            for name in entry.get("names") or []}


def _seats(dataset: Dataset) -> dict[str, tuple[str, list[str]]]:
    """A developer's name, as a record gives it, -> (the region its organisation is based in, the
    sources that say so), from data/developers.yaml."""
    doc = dataset.documents.get("developers")
    entries = (doc.data.get("developers") or []) if doc is not None and isinstance(doc.data, dict) else []
    return {name: (entry.get("region") or "unknown", list(entry.get("evidence") or []))
            for entry in entries if isinstance(entry, dict) for name in entry.get("names") or []}


def _regions(models, years, seats: dict[str, tuple[str, list[str]]], vocabularies) -> dict:
    """Releases by the region their developer is based in: in all, open or closed, and per year."""
    region_of = lambda m: seats.get(m["developer"], ("unknown", []))[0]
    terms = _ordered(vocabularies.get("developer_region", {}), (region_of(m) for m in models))
    total = len(models)
    rows = []
    for term in terms:
        own = [m for m in models if region_of(m) == term]
        opened = sum(1 for m in own if is_open_weights(m))
        sources = []
        for m in own:
            for key in seats.get(m["developer"], ("", []))[1]:
                if key not in sources:
                    sources.append(key)
        rows.append({"region": term, "models": len(own), "share": share(len(own), total), "open": opened,
                     "closed": len(own) - opened, "open_share": share(opened, len(own)), "sources": sources})
    rows.sort(key=lambda row: (row["region"] == "unknown", -row["models"], terms.index(row["region"])))
    by_year = [{"year": y, "counts": [sum(1 for m in models if release_year(m) == y and region_of(m) == row["region"])
                                      for row in rows]} for y in years]
    return {"rows": rows, "by_year": by_year, "known": [row for row in rows if row["region"] != "unknown"],
            "unknown": next((row for row in rows if row["region"] == "unknown"), None)}


def _developers(models, years, organisations: dict[str, str]) -> dict:
    models = [{**m, "developer": organisations.get(m["developer"], m["developer"])} for m in models]
    counts = Counter(m["developer"] for m in models)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    cut = ranked[LEADING_DEVELOPERS - 1][1] if len(ranked) > LEADING_DEVELOPERS else 0
    leading = [name for name, count in ranked if count >= cut]
    rows = []
    for name in leading:
        own = sorted((m for m in models if m["developer"] == name), key=lambda m: (m["release"], m["id"]))
        opened = [m for m in own if is_open_weights(m)]
        closed = [m for m in own if not is_open_weights(m)]
        rows.append({"developer": name, "models": len(own), "open": len(opened), "closed": len(closed),
                     "stance": "both" if opened and closed else "open" if opened else "closed",
                     "first_open": release_year(opened[0]) if opened else None,
                     "first_closed": release_year(closed[0]) if closed else None,
                     # what a sentence on when it first released each rests on
                     "sources": _sources(opened[0], "release", "access") + [
                         k for k in _sources(closed[0], "release", "access") if k not in _sources(opened[0], "release", "access")]
                     if opened and closed else []})
    by_year = []
    for year in years:
        stances = Counter()
        for name in leading:
            kinds = {is_open_weights(m) for m in models if m["developer"] == name and release_year(m) == year}
            if kinds:
                stances["both" if len(kinds) == 2 else "open" if True in kinds else "closed"] += 1
        by_year.append({"year": year, "open": stances["open"], "closed": stances["closed"], "both": stances["both"],
                        "any": sum(stances.values())})
    active = [row for row in by_year if row["any"]]
    records = sum(row["models"] for row in rows)
    return {"count": len(rows), "records": records, "share": share(records, len(models)), "rows": rows,
            "open": [r for r in rows if r["stance"] == "open"], "closed": [r for r in rows if r["stance"] == "closed"],
            "both": [r for r in rows if r["stance"] == "both"], "by_year": by_year,
            "first": active[0] if len(active) > 1 else None, "last": active[-1] if len(active) > 1 else None}


def _licences(models, licences, vocabularies) -> dict:
    total = len(models)
    kind_of = {m["id"]: licences[m["licence"]]["kind"] for m in models}
    kinds = _ordered(vocabularies.get("licence_kind", {}), [*kind_of.values(), *(l["kind"] for l in licences.values())])
    commercial_terms = _ordered(vocabularies.get("commercial_use", {}), (m["commercial_use"] for m in models))
    rows = []
    for kind in kinds:
        under = [m for m in models if kind_of[m["id"]] == kind]
        rows.append({"kind": kind, "models": len(under), "share": share(len(under), total),
                     "licences": sum(1 for l in licences.values() if l["kind"] == kind),
                     "used": len({m["licence"] for m in under}),
                     "commercial": [sum(1 for m in under if m["commercial_use"] == c) for c in commercial_terms]})
    largest = max(rows, key=lambda row: row["models"], default=None)   # the first of equals, in the vocabulary's order
    commercial = Counter(m["commercial_use"] for m in models)
    threshold = sorted((l for l in licences.values() if "user-threshold" in (l.get("conditions") or [])),
                       key=lambda l: (l["name"], l["id"]))
    threshold_ids = {l["id"] for l in threshold}
    threshold_models = sum(1 for m in models if m["licence"] in threshold_ids)
    regions = []
    for region in _ordered(vocabularies.get("region", {}), [r for l in licences.values() for r in l.get("excluded_regions") or []]
                           + [r for m in models for r in m.get("excluded_regions") or []]):
        by_licence = sorted((l for l in licences.values() if region in (l.get("excluded_regions") or [])),
                            key=lambda l: (l["name"], l["id"]))
        by_model = [m for m in models if region in (m.get("excluded_regions") or [])
                    and region not in (licences[m["licence"]].get("excluded_regions") or [])]
        excluded = sum(1 for m in models if region in (m.get("excluded_regions") or [])
                       or region in (licences[m["licence"]].get("excluded_regions") or []))
        regions.append({"region": region, "licences": by_licence, "models": by_model, "excluded": excluded,
                        "share": share(excluded, total),
                        "named": [{"kind": "licences", "record": l} for l in by_licence]
                                 + [{"kind": "models", "record": m} for m in by_model]})
    osi = sum(1 for m in models if licences[m["licence"]].get("osi_approved") is True)
    return {"models": total, "licences": len(licences), "used": len({m["licence"] for m in models}), "kinds": rows,
            "largest": largest if largest and largest["models"] else None, "commercial_terms": commercial_terms,
            "commercial": [{"term": c, "count": commercial[c], "share": share(commercial[c], total)} for c in commercial_terms],
            "osi": osi, "osi_share": share(osi, total),
            "threshold": threshold, "threshold_models": threshold_models, "threshold_share": share(threshold_models, total),
            "regions": regions}


def _openness(models, years, vocabularies) -> dict:
    statuses = _ordered(vocabularies.get("openness_status", {}),
                        (m["openness"][c]["status"] for m in models for c in COMPONENTS if c in m["openness"]))
    status = lambda m, c: (m["openness"].get(c) or {}).get("status")
    total = len(models)
    components = []
    for c in COMPONENTS:
        counts = Counter(status(m, c) for m in models)
        components.append({"component": c, "counts": [counts[s] for s in statuses], "open": counts["open"],
                           "share": share(counts["open"], total), "partial": counts["partial"], "unknown": counts["unknown"]})
    opened = [m for m in models if is_open_weights(m)]
    code = sum(1 for m in opened if status(m, "training_code") == "open")
    data = sum(1 for m in opened if status(m, "training_data") == "open")
    neither = sum(1 for m in opened if status(m, "training_code") != "open" and status(m, "training_data") != "open")
    rows = []
    for year in years:
        of_year = [m for m in models if release_year(m) == year]
        counts = [sum(1 for m in of_year if status(m, c) == "open") for c in COMPONENTS]
        rows.append({"year": year, "models": len(of_year), "counts": counts, "shares": [share(n, len(of_year)) for n in counts]})
    active = [row for row in rows if row["models"]]
    trend = None
    if len(active) > 1:
        now, before = active[-1], active[-2]
        trend = {"year": now["year"], "shares": now["shares"], "previous": before["year"], "previous_shares": before["shares"],
                 "gap": now["shares"][0] - now["shares"][2], "previous_gap": before["shares"][0] - before["shares"][2]}
    recorded = [entry.get("status") for m in models for entry in (m.get("openness") or {}).values()]
    return {"total": total, "statuses": statuses, "components": components, "open_models": len(opened),
            "code": code, "code_share": share(code, len(opened)), "data": data, "data_share": share(data, len(opened)),
            "neither": neither, "neither_share": share(neither, len(opened)), "rows": rows, "trend": trend,
            "component_count": len(vocabularies.get("openness_component", {})),
            "unknown": sum(1 for s in recorded if s == "unknown"), "statuses_recorded": len(recorded)}


def _monetisation(models, vocabularies) -> dict:
    opened = [m for m in models if is_open_weights(m)]
    closed = [m for m in models if not is_open_weights(m)]
    terms = _ordered(vocabularies.get("monetisation", {}), (t for m in models for t in m.get("monetisation") or []))
    listing = lambda group, term: sum(1 for m in group if term in (m.get("monetisation") or []))
    rows = [{"term": t, "open": listing(opened, t), "open_share": share(listing(opened, t), len(opened)),
             "closed": listing(closed, t), "closed_share": share(listing(closed, t), len(closed))} for t in terms]
    top = lambda side: max((r for r in rows if r[side]), key=lambda r: r[side], default=None)
    none = next((r for r in rows if r["term"] == "none-disclosed"), None)
    return {"open": len(opened), "closed": len(closed), "rows": rows, "top_open": top("open"), "top_closed": top("closed"),
            "none": none, "only_open": [r["term"] for r in rows if r["open"] and not r["closed"]],
            "only_closed": [r["term"] for r in rows if r["closed"] and not r["open"]]}


def _changes(dataset: Dataset, previous: dict[str, dict[str, dict]]) -> dict:
    current = {kind: {i: json.loads(_json(r.data)) for i, r in dataset.records[kind].items()} for kind in SNAPSHOT_KINDS}
    rows = []
    counts = Counter()
    for kind in SNAPSHOT_KINDS:
        now, before = current[kind], previous.get(kind, {})
        for record_id in sorted(now.keys() | before.keys(), key=lambda i: ((now.get(i) or before.get(i)).get("name", i), i)):
            record, old = now.get(record_id), before.get(record_id)
            name = (record or old).get("name", record_id)
            if old is None:
                rows.append({"kind": kind, "id": record_id, "name": name, "change": "added", "exists": True})
                counts["added"] += 1
                continue
            if record is None:
                rows.append({"kind": kind, "id": record_id, "name": name, "change": "removed", "exists": False})
                counts["removed"] += 1
                continue
            fields = [f for f in sorted(record.keys() | old.keys()) if f not in NOT_FACTS and record.get(f) != old.get(f)]
            if not fields:
                continue
            counts["corrected"] += 1
            row = {"kind": kind, "id": record_id, "name": name, "change": "corrected", "fields": fields, "exists": True}
            if kind == "models" and record.get("licence") != old.get("licence"):
                row["licence"] = (old.get("licence"), record.get("licence"))
                counts["licences"] += 1
            if kind == "licences":
                terms = [f for f in fields if f in LICENCE_TERMS]
                if terms:
                    row["terms"] = terms
                    counts["licences"] += 1
            rows.append(row)
    return {"rows": rows, "added": counts["added"], "removed": counts["removed"], "corrected": counts["corrected"],
            "licences": counts["licences"], "models_before": len(previous.get("models", {})),
            "licences_before": len(previous.get("licences", {}))}


# ---------------------------------------------------------------- figures

WIDTH = 640
LEFT, RIGHT, TOP = 48, 24, 12
COLUMN_HEIGHT, COLUMN_BOTTOM = 300, 28
ROW, GROUPED_ROW, ROW_GAP, BAR_BOTTOM = 20, 11, 8, 24
CHAR_WIDTH = 6.2   # an estimate of one character of the 11px labels, to fit the row labels


def _nice_top(value: float) -> tuple[int, int]:
    """An axis top of at least `value`, and its tick step: about five ticks at round numbers."""
    value = max(value, 1)
    raw = value / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step)) if step >= 1 else step
    return int(math.ceil(value / step) * step), step


def _scale(value, top, length) -> float:
    return round(value / top * length, 1) if top else 0.0


def column_figure(key: str, categories: list, series: list[dict], stacked: bool, percent: bool = False) -> dict:
    """Vertical bars: one slot per category (a year), the series stacked or side by side.
    A series: {"label", "style", "values": [number per category]}."""
    height, bottom = COLUMN_HEIGHT, COLUMN_HEIGHT - COLUMN_BOTTOM
    sums = [sum(s["values"][i] or 0 for s in series) if stacked else max((s["values"][i] or 0 for s in series), default=0)
            for i in range(len(categories))]
    top, step = (100, 25) if percent else _nice_top(max(sums, default=0))
    slot = (WIDTH - LEFT - RIGHT) / max(len(categories), 1)
    rects, labels = [], []
    for i, category in enumerate(categories):
        x0 = LEFT + i * slot + slot * 0.15
        width = slot * 0.7
        base = bottom
        for n, s in enumerate(series):
            value = s["values"][i] or 0
            h = _scale(value, top, bottom - TOP)
            if stacked:
                rects.append({"x": round(x0, 1), "y": round(base - h, 1), "width": round(width, 1), "height": h,
                              "style": s["style"], "series": n, "category": i})
                base -= h
            else:
                w = width / len(series)
                rects.append({"x": round(x0 + n * w, 1), "y": round(bottom - h, 1), "width": round(w, 1), "height": h,
                              "style": s["style"], "series": n, "category": i})
        labels.append({"text": category, "x": round(x0 + width / 2, 1), "y": bottom + 16, "anchor": "middle"})
    ticks = []
    for v in _tick_values(top, step):
        y = round(bottom - _scale(v, top, bottom - TOP), 1)
        ticks.append({"value": v, "x1": LEFT, "x2": WIDTH - RIGHT, "y1": y, "y2": y, "text_x": LEFT - 6,
                      "text_y": round(y + 4, 1), "anchor": "end"})
    return {"key": key, "width": WIDTH, "height": height, "rects": rects, "labels": labels, "ticks": ticks,
            "axis": {"x1": LEFT, "x2": WIDTH - RIGHT, "y1": bottom, "y2": bottom}, "series": series,
            "categories": categories, "percent": percent, "value_labels": []}


def bar_figure(key: str, categories: list[str], series: list[dict], stacked: bool, percent: bool = False) -> dict:
    """Horizontal bars: one band per category (a developer, a kind), the series stacked or side by side,
    each band's value written after it."""
    left = min(260, max(LEFT, round(12 + CHAR_WIDTH * max((len(str(c)) for c in categories), default=0))))
    band = ROW if stacked else GROUPED_ROW * len(series)
    height = TOP + len(categories) * (band + ROW_GAP) + BAR_BOTTOM
    right = WIDTH - RIGHT - 32   # room for the value after the longest bar
    sums = [sum(s["values"][i] or 0 for s in series) if stacked else max((s["values"][i] or 0 for s in series), default=0)
            for i in range(len(categories))]
    top, step = (100, 25) if percent else _nice_top(max(sums, default=0))
    rects, labels, values = [], [], []
    for i, category in enumerate(categories):
        y0 = TOP + i * (band + ROW_GAP)
        x = left
        for n, s in enumerate(series):
            value = s["values"][i] or 0
            w = _scale(value, top, right - left)
            if stacked:
                rects.append({"x": round(x, 1), "y": y0, "width": w, "height": band, "style": s["style"], "series": n, "category": i})
                x += w
            else:
                y = y0 + n * GROUPED_ROW
                rects.append({"x": left, "y": y, "width": w, "height": GROUPED_ROW - 1, "style": s["style"], "series": n,
                              "category": i})
                values.append({"series": n, "category": i, "x": round(left + w + 4, 1), "y": y + GROUPED_ROW - 2})
        if stacked:
            values.append({"series": None, "category": i, "x": round(x + 4, 1), "y": y0 + band - 5})
        labels.append({"text": category, "x": left - 6, "y": round(y0 + band / 2 + 4, 1), "anchor": "end"})
    axis_y = TOP + len(categories) * (band + ROW_GAP)
    ticks = [{"value": v, "x1": round(left + _scale(v, top, right - left), 1), "x2": round(left + _scale(v, top, right - left), 1),
              "y1": TOP, "y2": axis_y, "text_x": round(left + _scale(v, top, right - left), 1), "text_y": axis_y + 14,
              "anchor": "middle"} for v in _tick_values(top, step)]
    return {"key": key, "width": WIDTH, "height": height, "rects": rects, "labels": labels, "ticks": ticks,
            "axis": {"x1": left, "x2": left, "y1": TOP, "y2": axis_y}, "series": series, "categories": categories,
            "percent": percent, "value_labels": values}


def _tick_values(top, step) -> list:
    values, v = [], 0
    while v <= top + 1e-9:
        values.append(v)
        v += step
    return values


# ---------------------------------------------------------------- rendering

def report_strings(dataset: Dataset, lang: str) -> Strings:
    """The texts of `lang`, each missing one taken from the source language (so a language whose
    file is missing, or not yet complete, reads in English where it must)."""
    return language_strings(dataset, lang)


class _Renderer:
    """Fills the report's texts for one output: the links, the citations and the figures' HTML."""

    def __init__(self, report: Landscape, strings: Strings, lang: str, link, citations: Citations):
        self.report, self.t, self.lang, self.link, self.citations = report, strings, lang, link, citations
        self.dataset = report.dataset

    # words
    def label(self, vocabulary: str, term: str) -> str:
        return self.dataset.label(vocabulary, term, self.lang)

    def percent(self, value) -> Markup:
        return self.t.common.mark_none if value is None else fill(self.t.common.percent, escape, value=value)

    def cite(self, keys) -> Markup:
        return self.citations.cite([k for k in keys if k in self.citations.references])

    def record(self, kind: str, record: dict, exists: bool = True) -> Markup:
        """The record's name, linked to its page where it has one."""
        name = record.get("name", record["id"])
        return self.link(kind, record["id"], name) if exists else escape_text(name)

    def licence_name(self, licence_id: str | None) -> str:
        licence = self.dataset.records["licences"].get(licence_id)
        return licence.data.get("name", licence_id) if licence else (licence_id or "")

    # figures
    def figures(self, f: dict) -> dict[str, dict]:
        t, L = self.t, self.t.landscape
        r, d, l, o, m = f["releases"], f["developers"], f["licences"], f["openness"], f["monetisation"]
        count_share = lambda count, value: fill(L.figure.count_share, escape, count=count, share=self.percent(value))
        figures = {}

        access = [{"label": self.label("access", a["term"]), "style": ACCESS_STYLES.get(a["term"], "grey"),
                   "values": [row["counts"][n] for row in r["rows"]]} for n, a in enumerate(r["access"])]
        figures["releases"] = column_figure("releases", [row["year"] for row in r["rows"]], access, stacked=True) | {
            "title": L.releases.figure_title, "desc": L.releases.figure_desc,
            "head": [L.releases.year, *(s["label"] for s in access), L.figure.total],
            "rows": [[row["year"], *row["counts"], row["total"]] for row in r["rows"]]}

        developers = [{"label": L.developers.open, "style": "open", "values": [row["open"] for row in d["rows"]]},
                      {"label": L.developers.closed, "style": "closed", "values": [row["closed"] for row in d["rows"]]}]
        figures["developers"] = bar_figure("developers", [row["developer"] for row in d["rows"]], developers, stacked=True) | {
            "title": L.developers.figure_title, "desc": L.developers.figure_desc,
            "head": [L.developers.developer, L.developers.models, L.developers.open, L.developers.closed,
                     L.developers.first_open, L.developers.first_closed],
            "rows": [[row["developer"], row["models"], row["open"], row["closed"], row["first_open"] or t.common.mark_none,
                      row["first_closed"] or t.common.mark_none] for row in d["rows"]]}

        g = f["regions"]
        regions = [{"label": L.developers.open, "style": "open", "values": [row["open"] for row in g["rows"]]},
                   {"label": L.developers.closed, "style": "closed", "values": [row["closed"] for row in g["rows"]]}]
        figures["regions"] = bar_figure("regions", [self.label("developer_region", row["region"]) for row in g["rows"]],
                                        regions, stacked=True) | {
            "title": L.regions.figure_title, "desc": L.regions.figure_desc,
            "head": [L.regions.region, L.regions.models, L.developers.open, L.developers.closed],
            "rows": [[self.label("developer_region", row["region"]), count_share(row["models"], row["share"]),
                      count_share(row["open"], row["open_share"]), row["closed"]] for row in g["rows"]]}

        stances = [{"label": L.developers.only_open, "style": "open", "values": [row["open"] for row in d["by_year"]]},
                   {"label": L.developers.both_kinds, "style": "both", "values": [row["both"] for row in d["by_year"]]},
                   {"label": L.developers.only_closed, "style": "closed", "values": [row["closed"] for row in d["by_year"]]}]
        figures["developer_years"] = column_figure("developer-years", [row["year"] for row in d["by_year"]], stances,
                                                   stacked=True) | {
            "title": L.developers.years_title, "desc": L.developers.years_desc,
            "head": [L.developers.year, *(s["label"] for s in stances)],
            "rows": [[row["year"], row["open"], row["both"], row["closed"]] for row in d["by_year"]]}

        commercial = [{"label": self.label("commercial_use", c), "style": COMMERCIAL_STYLES.get(c, "grey"),
                       "values": [row["commercial"][n] for row in l["kinds"]]} for n, c in enumerate(l["commercial_terms"])]
        figures["licences"] = bar_figure("licences", [self.label("licence_kind", row["kind"]) for row in l["kinds"]],
                                         commercial, stacked=True) | {
            "title": L.licences.figure_title, "desc": L.licences.figure_desc,
            "head": [L.licences.kind, L.licences.licence_count, L.licences.models, *(s["label"] for s in commercial)],
            "rows": [[self.label("licence_kind", row["kind"]), row["licences"], count_share(row["models"], row["share"]),
                      *row["commercial"]] for row in l["kinds"]]}

        statuses = [{"label": self.label("openness_status", s), "style": STATUS_STYLES.get(s, "grey"),
                     "values": [c["counts"][n] for c in o["components"]]} for n, s in enumerate(o["statuses"])]
        components = [self.label("openness_component", c["component"]) for c in o["components"]]
        figures["openness"] = bar_figure("openness", components, statuses, stacked=True) | {
            "title": L.openness.figure_title, "desc": L.openness.figure_desc,
            "head": [L.openness.component, *(s["label"] for s in statuses)],
            "rows": [[name, *c["counts"]] for name, c in zip(components, o["components"])]}

        trend = [{"label": name, "style": style, "values": [row["shares"][n] for row in o["rows"]]}
                 for n, (name, style) in enumerate(zip(components, ("open", "open-hatch", "open-dots")))]
        figures["openness_trend"] = column_figure("openness-trend", [row["year"] for row in o["rows"]], trend, stacked=False,
                                                  percent=True) | {
            "title": L.openness.trend_title, "desc": L.openness.trend_desc,
            "head": [L.openness.year, L.openness.models, *components],
            "rows": [[row["year"], row["models"], *(count_share(n, s) for n, s in zip(row["counts"], row["shares"]))]
                     for row in o["rows"]]}

        sides = [{"label": L.developers.open, "style": "open", "values": [row["open_share"] for row in m["rows"]]},
                 {"label": L.developers.closed, "style": "closed", "values": [row["closed_share"] for row in m["rows"]]}]
        figures["monetisation"] = bar_figure("monetisation", [self.label("monetisation", row["term"]) for row in m["rows"]],
                                             sides, stacked=False, percent=True) | {
            "title": L.monetisation.figure_title, "desc": L.monetisation.figure_desc,
            "head": [L.monetisation.term, L.developers.open, L.developers.closed],
            "rows": [[self.label("monetisation", row["term"]), count_share(row["open"], row["open_share"]),
                      count_share(row["closed"], row["closed_share"])] for row in m["rows"]]}

        for number, figure in enumerate(figures.values(), start=1):
            figure["number"] = number
            fmt = (lambda v: self.percent(v)) if figure["percent"] else (lambda v: v)
            figure["tick_texts"] = [fmt(tick["value"]) for tick in figure["ticks"]]
            figure["points"] = [fill(L.figure.point, escape, category=figure["categories"][rect["category"]],
                                     series=figure["series"][rect["series"]]["label"],
                                     value=fmt(figure["series"][rect["series"]]["values"][rect["category"]]))
                                for rect in figure["rects"]]
            for value in figure["value_labels"]:
                if value["series"] is None:
                    value["text"] = sum(s["values"][value["category"]] or 0 for s in figure["series"])
                else:
                    value["text"] = fmt(figure["series"][value["series"]]["values"][value["category"]])
        return figures

    def render_figures(self, f: dict) -> dict[str, Markup]:
        template = html_environment().get_template("landscape_figure.html.j2")
        return {key: Markup(template.render(f=figure, t=self.t)) for key, figure in self.figures(f).items()}

    def markdown(self, with_title: bool, on_site: bool = False, pdf_href: str | None = None) -> str:
        report, vocabularies = self.report, self.dataset.vocabularies
        f = facts(self.dataset, report.previous.records() if report.previous else None)
        return template_environment().get_template("landscape.md.j2").render(
            f=f, figures=self.render_figures(f), t=self.t, L=self.t.landscape, x=self, with_title=with_title,
            on_site=on_site, pdf_href=pdf_href, edition_line=edition_line(report, self.t, escape_text), version=data_version(self.dataset),
            edition=report.edition, previous=report.previous, latest=report.latest, limit=LEADING_DEVELOPERS,
            citations=self.citations, singular=KINDS, label=self.label,
            describe=lambda vocabulary, term: self.dataset.term(vocabulary, term, self.lang).get("description", ""),
            open_terms=[t for t in vocabularies.get("access", {}) if t.startswith("open-weights")],
            closed_terms=[t for t in vocabularies.get("access", {}) if not t.startswith("open-weights")])


def edition_line(report: Landscape, strings: Strings, escape_value) -> Markup:
    """Which edition the report is (or the working data after which one), its data version and size."""
    meta, dataset = strings.landscape.meta, report.dataset
    values = {"version": data_version(dataset), "models": len(dataset.records["models"]),
              "licences": len(dataset.records["licences"]), "references": len(dataset.references)}
    if report.edition:
        return fill(meta.edition, escape_value, edition=report.edition.version, date=report.edition.released, **values)
    if report.latest:
        return fill(meta.working, escape_value, edition=report.latest.version, date=report.latest.released, **values)
    return fill(meta.unreleased, escape_value, **values)


def landscape_page(site) -> dict[str, str]:
    """The report as a page of the site, on the current data."""
    report = landscape_of(site.dataset)
    urls = site.urls

    def link(kind, record_id, name):
        return Markup(f"[{escape_text(name)}]({urls.md(record_page(kind, record_id), PAGE)})")

    citations = Citations(site.dataset.references, page_depth=0)
    renderer = _Renderer(report, site.strings, site.settings.lang, link, citations)
    # The site's published address is known only where it is published (the Pages workflow sets it),
    # and only there is the newest edition's PDF beside the pages.
    site_url = site.settings.site_url
    pdf_href = f"{site_url.rstrip('/')}/{PDF_NAME}" if site_url and report.latest else None
    return {PAGE: renderer.markdown(with_title=True, on_site=True, pdf_href=pdf_href)}


def landscape_markdown(report: Landscape, lang: str = SOURCE_LANGUAGE, site_url: str | None = None,
                       directory_urls: bool = True, title: bool = True) -> str:
    """The report in Markdown: record names link to the published site when `site_url` is given."""
    base = site_url.rstrip("/") + "/" if site_url else None
    urls = SiteUrls(directory_urls)

    def link(kind, record_id, name):
        if not base:
            return escape_text(name)
        return Markup(f"[{escape_text(name)}](<{base}{urls.address(record_page(kind, record_id))}>)")

    strings = report_strings(report.dataset, lang)
    renderer = _Renderer(report, strings, lang, link, Citations(report.dataset.references, page_depth=0))
    return renderer.markdown(with_title=title)


def landscape_html(report: Landscape, lang: str = SOURCE_LANGUAGE, site_url: str | None = None,
                   page_numbers: dict[str, int] | None = None) -> str:
    """The report as one HTML page with its stylesheet (screen and print), contents first.
    page_numbers: the PDF page of each section, by its id, for the contents."""
    text = landscape_markdown(report, lang, site_url, title=False)
    converter = python_markdown.Markdown(extensions=["tables", "attr_list", "md_in_html", "toc"])
    body = converter.convert(text)
    contents = [{"id": token["id"], "name": Markup(token["name"]), "page": (page_numbers or {}).get(token["id"])}
                for token in converter.toc_tokens]
    strings = report_strings(report.dataset, lang)
    return html_environment().get_template("landscape.html.j2").render(
        body=Markup(body), contents=contents, t=strings, L=strings.landscape,
        title=fill(strings.landscape.meta.title, escape, site=strings.site.name),
        edition_line=edition_line(report, strings, escape))


# ---------------------------------------------------------------- PDF

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def find_chromium() -> str | None:
    """$CHROMIUM, else the first Chromium or Chrome on the PATH."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return next((found for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                 if (found := shutil.which(name))), None)


def landscape_pdf(report: Landscape, out: Path, lang: str = SOURCE_LANGUAGE, site_url: str | None = None,
                  chromium: str | None = None) -> int:
    """Print the report to an A4 PDF at `out` with headless Chromium, offline; returns its page count.
    Printed twice: the first print tells on which page each section starts, for the contents."""
    from playwright.sync_api import sync_playwright   # a test dependency already; only this command needs it

    executable = chromium or find_chromium()
    if not executable:
        raise EditionError("no Chromium found: install it (apt-get install chromium) or set CHROMIUM to its path")
    strings = report_strings(report.dataset, lang)
    footer_text = fill(strings.landscape.meta.footer if report.edition else strings.landscape.meta.footer_working, escape,
                       title=fill(strings.landscape.meta.title, escape, site=strings.site.name),
                       edition=report.edition.version if report.edition else "", version=data_version(report.dataset),
                       page=Markup('<span class="pageNumber"></span>'), pages=Markup('<span class="totalPages"></span>'))
    footer = ('<div style="width:100%;font-size:8px;font-family:\'DejaVu Sans\',\'Liberation Sans\',sans-serif;'
              f'color:#444;text-align:center;padding:0 16mm;">{footer_text}</div>')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())   # nothing leaves the machine
            pdf, numbers = b"", None
            for _ in range(2):
                page.set_content(landscape_html(report, lang, site_url, page_numbers=numbers), wait_until="load")
                page.emulate_media(media="print")
                pdf = page.pdf(format="A4", print_background=True, display_header_footer=True,
                               header_template="<span></span>", footer_template=footer, outline=True, tagged=True,
                               margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
                numbers = pdf_destinations(pdf)
        finally:
            browser.close()
    Path(out).write_bytes(pdf)
    return pdf_page_count(pdf)


_OBJECT = re.compile(rb"(\d+) 0 obj\s*<<(.*?)>>\s*(?:stream|endobj)", re.S)


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(pdf)}


def _pages_in_order(objects: dict[int, bytes]) -> list[int]:
    catalog = next((body for body in objects.values() if re.search(rb"/Type\s*/Catalog\b", body)), b"")
    root = re.search(rb"/Pages\s+(\d+) 0 R", catalog)
    order: list[int] = []

    def walk(number, depth=0):
        body = objects.get(number, b"")
        if depth > 32:
            return
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
        if re.search(rb"/Type\s*/Pages\b", body) and kids:
            for kid in re.findall(rb"(\d+) 0 R", kids.group(1)):
                walk(int(kid), depth + 1)
        elif re.search(rb"/Type\s*/Page\b", body):
            order.append(number)

    if root:
        walk(int(root.group(1)))
    return order


def pdf_destinations(pdf: bytes) -> dict[str, int]:
    """The page (from 1) of each named destination of a PDF Chromium printed: an element with an
    id that a link points to. Empty when the PDF does not have them as Chromium writes them."""
    objects = _objects(pdf)
    pages = {number: index for index, number in enumerate(_pages_in_order(objects), start=1)}
    catalog = next((body for body in objects.values() if re.search(rb"/Type\s*/Catalog\b", body)), b"")
    dests = re.search(rb"/Dests\s+(\d+) 0 R", catalog)
    if not dests:
        return {}
    found = {}
    for name, number in re.findall(rb"/([^\s/\[\]<>()]+)\s*\[\s*(\d+) 0 R", objects.get(int(dests.group(1)), b"")):
        if int(number) in pages:
            found[re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name).decode("utf-8", "replace")] = pages[int(number)]
    return found


def pdf_page_count(pdf: bytes) -> int:
    return len(_pages_in_order(_objects(pdf)))


def update_citation(root: Path, version: str, released: str) -> bool:
    """Set every `version` and `date-released` of ROOT/CITATION.cff (the data's and the report's);
    False when there is no such file."""
    path = Path(root) / "CITATION.cff"
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^(\s*)version: .*$', lambda m: f'{m.group(1)}version: "{version}"', text)
    text = re.sub(r'(?m)^(\s*)date-released: .*$', lambda m: f'{m.group(1)}date-released: "{released}"', text)
    path.write_text(text, encoding="utf-8")
    return True
