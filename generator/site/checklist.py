"""The decision checklist page: the criteria as a printable form, with the data that
content/assets/checklist.js needs to score answers live in the browser (with the rule of
content/assets/decide.js, the twin of generator/decide/).

    pages = checklist_page(site)     # {"checklist.md": ...}
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..data.citations import Citations
from ..data.derived import criteria_in_order, data_version
from ..decide.candidates import model_candidates
from .urls import record_page

PAGE = "checklist.md"


OPTION_FIELDS = ("id", "label", "leans", "requires", "rules_out", "hybrid")


def checklist_data(site, page: str) -> dict:
    """Everything the scoring script reads: the rule, the criteria and the candidates (each model's
    fields that the constraints and the ranking read, generator/decide/candidates.py), with their pages."""
    dataset = site.dataset
    return {
        "scoring": dataset.scoring,
        "leanings": {term: entry["label"] for term, entry in dataset.vocabularies["leaning"].items()},
        "criteria": [{"id": c["id"], "name": c["name"], "weight": c["weight"],
                      "options": [{key: o[key] for key in OPTION_FIELDS if o.get(key)} for o in c["options"]]}
                     for c in criteria_in_order(dataset)],
        "candidates": [{**candidate, "href": site.urls.href(record_page("models", candidate["id"]), page)}
                       for candidate in model_candidates(dataset)],
        "domains": {domain_id: record.data["name"] for domain_id, record in sorted(dataset.records["domains"].items())},
        "decision": site.strings.decision.plain(),
    }


def script_texts(strings, section: str, **values) -> dict[str, str]:
    """The texts a page's script shows (strings: js.SECTION), as plain text, with `values` filled
    into the placeholders that name them (the site's name); the script fills the others."""
    return {key: str(text).format_map(_KeepOthers(values)) for key, text in strings.js[section].items()}


class _KeepOthers(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def script_json(value) -> Markup:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def checklist_page(site) -> dict[str, str]:
    dataset = site.dataset
    citations = Citations(dataset.references, page_depth=0)
    groups = []
    criteria = criteria_in_order(dataset)
    for group, entry in dataset.vocabularies["criterion_group"].items():
        members = [c for c in criteria if c["group"] == group]
        if members:
            groups.append({"id": group, "label": entry["label"], "criteria": members})
    domains = [dataset.records["domains"][i].data for i in sorted(dataset.records["domains"])]
    form = site.render_html("checklist.html.j2", PAGE,
        groups=groups, domains=domains, cite=citations.cite,
        version=data_version(dataset), site_address=site.settings.site_url or dataset.strings(site.settings.lang)["site"]["name"],
        data_json=script_json(checklist_data(site, PAGE)), texts=script_texts(site.strings, "checklist", site=site.strings.site.name),
        json=script_json)
    references = site.env.get_template("macros.md.j2").make_module(site.helpers(PAGE)).references_section(citations)
    references = Markup(f'<div class="screen-only" markdown="1">\n\n{references}\n\n</div>') if citations.used else references
    return {PAGE: site.render("checklist.md.j2", PAGE, form=Markup(form), references=references)}
