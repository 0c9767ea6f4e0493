"""Pages for exploring and comparing: the model, licence and domain × criteria matrices.

    pages = matrix_pages(site)   # {"models/matrix.md": ..., "licences/matrix.md": ..., ...}
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..data.derived import criteria_in_order, openness_score, release_year
from .templating import fill
from ..decide.candidates import model_candidates
from ..decide.cost import lowest_prices
from .urls import record_page

MODEL_MATRIX, LICENCE_MATRIX, DOMAIN_MATRIX = "models/matrix.md", "licences/matrix.md", "domains/matrix.md"
# The model matrix shows every row of a catalogue up to MATRIX_SHOW_ALL_UP_TO models, so a reader
# can scan or search the whole page. A larger catalogue shows its first MATRIX_PAGE_SIZE rows and a
# button for the rest: Chromium lays out every shown row again on each sort, about 0.8 ms a row on
# the benchmark's machine (bench/run.py), and a sort should answer within 100 ms.
MATRIX_SHOW_ALL_UP_TO = 250
MATRIX_PAGE_SIZE = 100


def matrix_page_size(rows: int) -> int:
    return rows if rows <= MATRIX_SHOW_ALL_UP_TO else MATRIX_PAGE_SIZE


def matrix_pages(site) -> dict[str, str]:
    return {MODEL_MATRIX: model_matrix(site), LICENCE_MATRIX: licence_matrix(site), DOMAIN_MATRIX: domain_criteria_matrix(site)}


def model_rows(site, page: str) -> list[dict]:
    dataset, urls, strings = site.dataset, site.urls, site.strings.model_matrix
    vocabularies = dataset.vocabularies
    licences = dataset.records["licences"]
    # Each cell's accessible name, "Weights: Open", worded once per component and status: a large matrix has thousands of cells.
    cell_labels = {(component, status): fill(strings.cell, escape, component=entry["label"], status=status_entry["label"])
                   for component, entry in vocabularies["openness_component"].items()
                   for status, status_entry in vocabularies["openness_status"].items()}
    rows = []
    candidates = {c["id"]: c for c in model_candidates(dataset)}
    regions = list(vocabularies.get("region", {}))
    for model_id in sorted(dataset.records["models"]):
        model = dataset.records["models"][model_id].data
        candidate = candidates[model_id]
        licence = licences[model["licence"]].data
        cells = []
        for component, entry in model["openness"].items():
            status = entry["status"]
            score = vocabularies["openness_status"][status].get("score")
            label, note = cell_labels[component, status], entry.get("note", "")
            cells.append({"component": component, "status": status, "note": note,
                          "label": fill(strings.cell_note, escape, label=label, note=note) if note else label,
                          "sort": -1 if score is None else score})
        rows.append({
            "id": model_id, "name": model["name"], "href": urls.href(record_page("models", model_id), page),
            "developer": model["developer"], "release": model["release"], "year": release_year(model),
            "access": model["access"], "modality": model["modality"], "commercial_use": model["commercial_use"],
            "licence_name": licence["name"], "licence_href": urls.href(record_page("licences", model["licence"]), page),
            "licence_kind": licence["kind"], "score": openness_score(model, vocabularies), "cells": cells,
            "prices": lowest_prices(model),
            # Where the terms allow use, and whether it is still offered: the filters "usable in" and "availability".
            "usable_in": [r for r in regions if r not in candidate["excluded_regions"]],
            "availability": ["offered", "deprecated"] if candidate["availability"] == "deprecated" else
                            ["offered"] if candidate["availability"] == "available" else ["retired"],
        })
    return rows


def model_matrix(site) -> str:
    dataset = site.dataset
    vocabularies = dataset.vocabularies
    rows = model_rows(site, MODEL_MATRIX)
    vocabulary_options = lambda name, used: [(term, entry["label"]) for term, entry in vocabularies[name].items() if term in used]
    options = {
        "access": vocabulary_options("access", {r["access"] for r in rows}),
        "licence-kind": vocabulary_options("licence_kind", {r["licence_kind"] for r in rows}),
        # Case-blind order, then exact: names that differ only in case must not keep a set's random order.
        "developer": [(name, name) for name in sorted({r["developer"] for r in rows}, key=lambda n: (n.casefold(), n))],
        "modality": vocabulary_options("modality", {m for r in rows for m in r["modality"]}),
        "year": [(str(year), str(year)) for year in sorted({r["year"] for r in rows})],
        "commercial-use": vocabulary_options("commercial_use", {r["commercial_use"] for r in rows}),
        "usable-in": vocabulary_options("region", set(vocabularies.get("region", {}))),
        "availability": [(term, site.strings.model_matrix.availability[term]) for term in ("offered", "deprecated", "retired")],
    }
    table = site.render_html("model_matrix.html.j2", MODEL_MATRIX,
        rows=rows, options=options, components=vocabularies["openness_component"],
        statuses=vocabularies["openness_status"], script=site.urls.href("assets/matrix.js", MODEL_MATRIX),
        page_size=matrix_page_size(len(rows)))
    return site.render("model_matrix.md.j2", MODEL_MATRIX, table=Markup(table))


def licence_matrix(site) -> str:
    dataset = site.dataset
    licences = [dataset.records["licences"][i].data for i in sorted(dataset.records["licences"])]
    groups = [(group, entry, dataset.vocabularies[group]) for group, entry in dataset.vocabularies["licence_rule_group"].items()]
    table = site.render_html("licence_matrix.html.j2", LICENCE_MATRIX,
        licences=licences, groups=groups, script=site.urls.href("assets/matrix.js", LICENCE_MATRIX))
    return site.render("licence_matrix.md.j2", LICENCE_MATRIX, table=Markup(table))


def domain_criteria_matrix(site) -> str:
    dataset = site.dataset
    domains = [dataset.records["domains"][i].data for i in sorted(dataset.records["domains"])]
    table = site.render_html("domain_matrix.html.j2", DOMAIN_MATRIX,
        domains=domains, criteria=criteria_in_order(dataset), script=site.urls.href("assets/matrix.js", DOMAIN_MATRIX))
    return site.render("domain_matrix.md.j2", DOMAIN_MATRIX, table=Markup(table))
