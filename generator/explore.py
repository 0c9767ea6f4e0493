"""Pages for exploring and comparing: the model, licence and domain × criteria matrices.

    pages = explore_pages(dataset)   # {"models/matrix.md": ..., "licences/matrix.md": ..., ...}
"""

from __future__ import annotations

from markupsafe import Markup

from .load import Dataset
from .scores import openness_score, release_year


def explore_pages(dataset: Dataset, markdown_env, html_env) -> dict[str, str]:
    return {
        "models/matrix.md": model_matrix(dataset, markdown_env, html_env),
        "licences/matrix.md": licence_matrix(dataset, markdown_env, html_env),
        "domains/matrix.md": domain_criteria_matrix(dataset, markdown_env, html_env),
    }


def model_rows(dataset: Dataset, up: str) -> list[dict]:
    vocabularies = dataset.vocabularies
    licences = dataset.records["licences"]
    rows = []
    for model_id in sorted(dataset.records["models"]):
        model = dataset.records["models"][model_id].data
        licence = licences[model["licence"]].data
        cells = []
        for component, entry in model["openness"].items():
            status = entry["status"]
            score = vocabularies["openness_status"][status].get("score")
            cells.append({"component": component, "status": status, "note": entry.get("note", ""),
                          "sort": -1 if score is None else score})
        rows.append({
            "id": model_id, "name": model["name"], "href": f"{up}models/{model_id}/",
            "developer": model["developer"], "release": model["release"], "year": release_year(model),
            "access": model["access"], "modality": model["modality"], "commercial_use": model["commercial_use"],
            "licence_name": licence["name"], "licence_href": f"{up}licences/{model['licence']}/",
            "licence_kind": licence["kind"], "score": openness_score(model, vocabularies), "cells": cells,
        })
    return rows


def model_matrix(dataset: Dataset, markdown_env, html_env) -> str:
    vocabularies = dataset.vocabularies
    rows = model_rows(dataset, up="../../")
    vocabulary_options = lambda name, used: [(term, entry["label"]) for term, entry in vocabularies[name].items() if term in used]
    options = {
        "access": vocabulary_options("access", {r["access"] for r in rows}),
        "licence-kind": vocabulary_options("licence_kind", {r["licence_kind"] for r in rows}),
        # Case-blind order, then exact: names that differ only in case must not keep a set's random order.
        "developer": [(name, name) for name in sorted({r["developer"] for r in rows}, key=lambda n: (n.casefold(), n))],
        "modality": vocabulary_options("modality", {m for r in rows for m in r["modality"]}),
        "year": [(str(year), str(year)) for year in sorted({r["year"] for r in rows})],
        "commercial-use": vocabulary_options("commercial_use", {r["commercial_use"] for r in rows}),
    }
    table = html_env.get_template("model_matrix.html.j2").render(
        rows=rows, options=options, components=vocabularies["openness_component"],
        statuses=vocabularies["openness_status"], script="../../assets/matrix.js",
        label=dataset.label)
    return markdown_env.get_template("model_matrix.md.j2").render(table=Markup(table))


def licence_matrix(dataset: Dataset, markdown_env, html_env) -> str:
    licences = [dataset.records["licences"][i].data for i in sorted(dataset.records["licences"])]
    groups = [(group, dataset.vocabularies[group]) for group in ("permissions", "conditions", "limitations")]
    table = html_env.get_template("licence_matrix.html.j2").render(
        licences=licences, groups=groups, label=dataset.label, script="../../assets/matrix.js")
    return markdown_env.get_template("licence_matrix.md.j2").render(table=Markup(table))


def domain_criteria_matrix(dataset: Dataset, markdown_env, html_env) -> str:
    domains = [dataset.records["domains"][i].data for i in sorted(dataset.records["domains"])]
    criteria = sorted((record.data for record in dataset.records["criteria"].values()),
                      key=lambda c: (list(dataset.vocabularies["criterion_group"]).index(c["group"]), c["id"]))
    table = html_env.get_template("domain_matrix.html.j2").render(
        domains=domains, criteria=criteria, label=dataset.label, script="../../assets/matrix.js")
    return markdown_env.get_template("domain_matrix.md.j2").render(table=Markup(table))
