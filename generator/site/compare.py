"""The compare view: two to four models, or licences, side by side, with differences marked.

    pages = compare_page(site)      # {"compare.md": ...}

The page carries each record's comparable values as display text; content/assets/compare.js
lays out the chosen ones and keeps the choice in the address (?models=a,b or ?licences=a,b).
"""

from __future__ import annotations

from markupsafe import Markup

from ..data.derived import mof_class, number_of_parameters, openness_score
from .checklist import script_json
from .urls import record_page

PAGE = "compare.md"


def compare_values(site, page: str) -> dict:
    dataset = site.dataset
    label = dataset.label
    href = lambda kind, record_id: site.urls.href(record_page(kind, record_id), page)
    licences = dataset.records["licences"]
    models = []
    for model_id in sorted(dataset.records["models"]):
        m = dataset.records["models"][model_id].data
        score = openness_score(m, dataset.vocabularies).percent
        mof = mof_class(m, dataset.crosswalk)
        values = {
            "developer": m["developer"],
            "release": m["release"],
            "parameters": ", ".join(number_of_parameters(p) for p in m["parameters"]) if m["parameters"] else number_of_parameters(None),
            "modality": ", ".join(label("modality", t) for t in m["modality"]),
            "access": label("access", m["access"]),
            "licence": licences[m["licence"]].data["name"],
            "commercial_use": label("commercial_use", m["commercial_use"]),
            "monetisation": ", ".join(label("monetisation", t) for t in m["monetisation"]),
            "openness_score": f"{score}%" if score is not None else label("openness_status", "unknown"),
            "mof_class": mof["name"] if mof else "–",
        }
        for component, entry in m["openness"].items():
            status = dataset.vocabularies["openness_status"][entry["status"]]
            values[f"openness.{component}"] = f"{status.get('symbol', '')} {status['label']}".strip()
        models.append({"id": model_id, "name": m["name"], "href": href("models", model_id), "values": values})
    licence_items = []
    for licence_id in sorted(licences):
        l = licences[licence_id].data
        values = {
            "kind": label("licence_kind", l["kind"]),
            "spdx": l["spdx"] or "",
            "osi_approved": "✓" if l["osi_approved"] else "✗",
            "commercial_use": label("commercial_use", l["commercial_use"]),
            "commercial_conditions": l["commercial_conditions"] or "",
            "applies_to": ", ".join(label("applies_to", t) for t in l["applies_to"]),
        }
        for group in ("permissions", "conditions", "limitations"):
            unverified = group in (l.get("incomplete_rules") or [])
            for term in dataset.vocabularies[group]:
                values[f"{group}.{term}"] = "✓" if term in l[group] else ("?" if unverified else "✗")
        licence_items.append({"id": licence_id, "name": l["name"], "href": href("licences", licence_id), "values": values})
    return {"models": models, "licences": licence_items}


def compare_page(site) -> dict[str, str]:
    body = site.render_html("compare.html.j2", PAGE, data_json=script_json(compare_values(site, PAGE)))
    return {PAGE: site.render("compare.md.j2", PAGE, body=Markup(body))}
