"""The decision checklist page: the criteria as a printable form, with the data that
content/assets/checklist.js needs to score answers live in the browser.

    page = checklist_page(dataset, markdown_env, html_env, site_address="example.org")
"""

from __future__ import annotations

import json

from markupsafe import Markup

from .exports import data_version
from .load import Dataset
from .scoring import criteria_in_order


def checklist_data(dataset: Dataset, up: str) -> dict:
    """Everything the scoring script reads: the rule, the criteria and the models' fields that `requires` may name."""
    licences = dataset.records["licences"]
    return {
        "scoring": dataset.scoring,
        "leanings": {term: entry["label"] for term, entry in dataset.vocabularies["leaning"].items()},
        "criteria": [{"id": c["id"], "name": c["name"], "weight": c["weight"],
                      "options": [{"id": o["id"], "label": o["label"], "leans": o["leans"], "requires": o.get("requires", {})}
                                  for o in c["options"]]}
                     for c in criteria_in_order(dataset)],
        "models": [{"id": m.id, "name": m.data["name"], "href": f"{up}models/{m.id}/",
                    "access": m.data["access"], "commercial_use": m.data["commercial_use"],
                    "modality": m.data["modality"], "licence": m.data["licence"],
                    "licence_name": licences[m.data["licence"]].data["name"]}
                   for m in sorted(dataset.records["models"].values(), key=lambda m: m.id)],
    }


def script_json(value) -> Markup:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def checklist_page(dataset: Dataset, markdown_env, html_env, citations, site_address: str) -> str:
    groups = []
    criteria = criteria_in_order(dataset)
    for group, entry in dataset.vocabularies["criterion_group"].items():
        members = [c for c in criteria if c["group"] == group]
        if members:
            groups.append({"id": group, "label": entry["label"], "criteria": members})
    domains = [dataset.records["domains"][i].data for i in sorted(dataset.records["domains"])]
    form = html_env.get_template("checklist.html.j2").render(
        groups=groups, domains=domains, scoring=dataset.scoring, cite=citations.cite, label=dataset.label,
        version=data_version(dataset), site_address=site_address, data_json=script_json(checklist_data(dataset, "../")))
    references = markdown_env.get_template("macros.md.j2").module.references_section(citations)
    references = Markup(f'<div class="screen-only" markdown="1">\n\n{references}\n\n</div>') if citations.used else references
    return markdown_env.get_template("checklist.md.j2").render(form=Markup(form), references=references)
