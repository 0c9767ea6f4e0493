"""The open data: the dataset as JSON and CSV, with its schemas, under api/v1/.

    files = export_files(site)   # {"api/v1/models.json": "...", "api/v1/models/llama-2.json": "...", ...}

Records are exported as written (so each validates against its schema); derived values
such as the openness score appear only in the CSV files, in columns named as derived.
"""

from __future__ import annotations

import csv
import io
import json

from ..data.load import KINDS
from ..data.schema import load_schemas
from ..data.derived import data_version, openness_score
from ..decide.candidates import model_candidates
from ..decide.cost import PRECISIONS, footprint, lowest_prices, lowest_rental

API = "api/v1"


def export_files(site) -> dict[str, str]:
    dataset = site.dataset
    files = {}
    combined = {"data_version": data_version(dataset), "vocabularies": dataset.vocabularies}
    for kind in KINDS:
        records = [dataset.records[kind][i].data for i in sorted(dataset.records[kind])]
        files[f"{API}/{kind}.json"] = _json(records)
        for record in records:   # one file per record, for a client that needs only one
            files[f"{API}/{kind}/{record['id']}.json"] = _json(record)
        files[f"{API}/{kind}.csv"] = _csv(*CSV_TABLES[kind](records, dataset))
        combined[kind] = records
    combined["scoring"] = dataset.scoring
    if dataset.crosswalk:
        combined["crosswalk"] = dataset.crosswalk
    combined["references"] = [
        {"key": ref.key, "type": ref.kind, "authors": ref.authors, "title": ref.title, "year": ref.year,
         "links": [href for _, href in ref.links]}
        for ref in sorted(dataset.references.values(), key=lambda ref: ref.key)]
    files[f"{API}/all.json"] = _json(combined)
    files[f"{API}/references.json"] = _json(combined["references"])
    files[f"{API}/vocabularies.json"] = _json(dataset.vocabularies)
    for name, schema in load_schemas().items():
        files[f"{API}/schemas/{name}"] = _json(schema)
    return files


def _json(value) -> str:
    # Compact: the C encoder is several times faster than the indenting one, and the files smaller.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return out.getvalue()


def _join(values) -> str:
    return ";".join(str(v) for v in values or [])


def _model_table(records, dataset):
    components = list(dataset.vocabularies["openness_component"])
    header = ["id", "name", "developer", "family", "release", "parameters", "modality", "tasks", "access", "deployment",
              "weights_availability", "licence", "commercial_use", "excluded_regions", "monetisation", "domains", "paper",
              "derived_openness_score_percent", "derived_excluded_regions", "derived_availability", "derived_retires",
              "derived_price_currency", "derived_lowest_input_price_per_million", "derived_lowest_output_price_per_million",
              "derived_prices_as_of"]
    header += [f"derived_weights_gb_{bits}bit" for bits in PRECISIONS]
    header += [f"openness_{c}" for c in components] + ["last_verified"]
    candidates = {c["id"]: c for c in model_candidates(dataset)}
    rows = []
    for m in records:
        score = openness_score(m, dataset.vocabularies).percent
        candidate = candidates[m["id"]]
        lowest = lowest_prices(m) or {}
        sizes = footprint(m)
        rows.append([m["id"], m["name"], m["developer"], m.get("family"), m["release"],
                     _join(f"{p:.0f}" for p in m["parameters"] or []), _join(m["modality"]), _join(m.get("tasks")),
                     m["access"], _join(m.get("deployment")), m.get("weights_availability"), m["licence"],
                     m["commercial_use"], _join(m.get("excluded_regions")), _join(m["monetisation"]), _join(m["domains"]),
                     m["paper"], score, _join(candidate["excluded_regions"]), candidate["availability"], candidate["retires"],
                     lowest.get("currency"), lowest.get("input"), lowest.get("output"), _join(lowest.get("as_of"))]
                    + [_join(_number(row["memory_gb"][bits]) for row in sizes) for bits in PRECISIONS]
                    + [m["openness"].get(c, {}).get("status") for c in components] + [m["last_verified"]])
    return header, rows


def _number(value: float) -> str:
    """A derived quantity for a table: at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _accelerator_table(records, dataset):
    header = ["id", "name", "vendor", "kind", "memory_gb", "memory_bandwidth_gbps", "rental_providers",
              "derived_price_currency", "derived_lowest_price_per_hour", "derived_prices_as_of", "last_verified"]
    rows = []
    for a in records:
        lowest = lowest_rental(a) or {}
        rows.append([a["id"], a["name"], a["vendor"], a["kind"], a["memory_gb"], a["memory_bandwidth_gbps"],
                     _join(p["provider"] for p in a["rental_prices"]), lowest.get("currency"),
                     lowest.get("price_per_hour"), _join(lowest.get("as_of")), a["last_verified"]])
    return header, rows


def _licence_table(records, dataset):
    header = ["id", "name", "spdx", "osi_approved", "kind", "applies_to", "permissions", "conditions", "limitations",
              "commercial_use", "commercial_conditions", "excluded_regions", "url", "last_verified"]
    rows = [[l["id"], l["name"], l["spdx"], str(l["osi_approved"]).lower(), l["kind"], _join(l["applies_to"]),
             _join(l["permissions"]), _join(l["conditions"]), _join(l["limitations"]), l["commercial_use"],
             l["commercial_conditions"], _join(l.get("excluded_regions")), l["url"], l["last_verified"]] for l in records]
    return header, rows


def _domain_table(records, dataset):
    header = ["id", "name", "leaning", "example_models", "key_criteria", "last_verified"]
    rows = [[d["id"], d["name"], d["leaning"]["position"], _join(d["example_models"]), _join(d["key_criteria"]),
             d["last_verified"]] for d in records]
    return header, rows


def _criterion_table(records, dataset):
    header = ["id", "name", "group", "question", "weight", "options", "last_verified"]
    rows = [[c["id"], c["name"], c["group"], c["question"], c["weight"], _join(o["id"] for o in c["options"]),
             c["last_verified"]] for c in records]
    return header, rows


CSV_TABLES = {"models": _model_table, "licences": _licence_table, "domains": _domain_table, "criteria": _criterion_table,
              "accelerators": _accelerator_table}
