"""The compare view: two to four models, or licences, side by side, with differences marked.

    pages = compare_page(site)      # {"compare.md": ...}

The page carries each record's comparable values as display text; content/assets/compare.js
lays out the chosen ones and keeps the choice in the address (?models=a,b or ?licences=a,b).
The rows, in order, are defined once here (MODEL_FIELDS, LICENCE_FIELDS, then one row per
openness component or licence rule); their labels are the field labels of the strings.
"""

from __future__ import annotations

from markupsafe import Markup

from ..data.derived import mof_class, number_of_parameters, openness_score
from ..decide.candidates import model_candidates, retired_since
from ..decide.cost import lowest_prices
from .checklist import script_json, script_texts
from .templating import fill
from .urls import record_page

PAGE = "compare.md"
MODEL_FIELDS = ("developer", "release", "parameters", "modality", "tasks", "access", "deployment", "availability",
                "licence", "commercial_use", "excluded_regions", "monetisation", "lowest_input_price", "lowest_output_price",
                "openness_score", "mof_class")
LICENCE_FIELDS = ("kind", "spdx", "osi_approved", "commercial_use", "commercial_conditions", "excluded_regions",
                  "applies_to")


def plain(text, **values) -> str:
    """A text for a script, which shows it as plain text: placeholders filled, nothing escaped."""
    return str(fill(text, str, **values))


def compare_rows(site) -> dict[str, list[tuple[str, str]]]:
    """Each kind's rows in order, as (key of the value, label)."""
    strings, vocabularies = site.strings, site.dataset.vocabularies
    models = [(field, str(strings.fields.model[field])) for field in MODEL_FIELDS]
    models += [(f"openness.{component}", plain(strings.compare.openness_row, component=entry["label"]))
               for component, entry in vocabularies["openness_component"].items()]
    licences = [(field, str(strings.fields.licence[field])) for field in LICENCE_FIELDS]
    licences += [(f"{group}.{term}", plain(strings.compare.rule_row, group=group_entry["label"], rule=entry["label"]))
                 for group, group_entry in vocabularies["licence_rule_group"].items()
                 for term, entry in vocabularies[group].items()]
    return {"models": models, "licences": licences}


def compare_values(site, page: str) -> dict:
    dataset, common = site.dataset, site.strings.common
    label = dataset.label
    href = lambda kind, record_id: site.urls.href(record_page(kind, record_id), page)
    licences = dataset.records["licences"]
    candidates = {c["id"]: c for c in model_candidates(dataset)}
    comma = str(common.list_separator)    # "、" in Chinese
    terms = lambda vocabulary, values: comma.join(label(vocabulary, v) for v in values) if values else str(common.none)
    models = []
    for model_id in sorted(dataset.records["models"]):
        m = dataset.records["models"][model_id].data
        candidate = candidates[model_id]
        score = openness_score(m, dataset.vocabularies).percent
        mof = mof_class(m, dataset.crosswalk)
        lowest = lowest_prices(m)
        price = lambda side: (plain(site.strings.model.lowest_price, currency=lowest["currency"].upper(), price=lowest[side],
                                    as_of=comma.join(lowest["as_of"])) if lowest else str(common.mark_none))
        fields = {
            "developer": m["developer"],
            "release": m["release"],
            "parameters": comma.join(number_of_parameters(p) for p in m["parameters"]) if m["parameters"] else str(common.undisclosed),
            "modality": terms("modality", m["modality"]),
            "tasks": terms("task", m.get("tasks")),
            "access": label("access", m["access"]),
            "deployment": terms("deployment", m.get("deployment")),
            "availability": plain(site.strings.model["availability_" + candidate["availability"]],
                                  retires=candidate["retires"] or "",
                                  since=plain(site.strings.model.retired_since, date=retired_since(m)) if retired_since(m) else ""),
            "excluded_regions": terms("region", candidate["excluded_regions"]),
            "licence": licences[m["licence"]].data["name"],
            "commercial_use": label("commercial_use", m["commercial_use"]),
            "monetisation": terms("monetisation", m["monetisation"]),
            "lowest_input_price": price("input"),
            "lowest_output_price": price("output"),
            "openness_score": plain(common.percent, value=score) if score is not None else label("openness_status", "unknown"),
            "mof_class": mof["name"] if mof else str(common.mark_none),
        }
        values = {field: fields[field] for field in MODEL_FIELDS}
        for component, entry in m["openness"].items():
            status = dataset.vocabularies["openness_status"][entry["status"]]
            values[f"openness.{component}"] = f"{status.get('symbol', '')} {status['label']}".strip()
        models.append({"id": model_id, "name": m["name"], "href": href("models", model_id), "values": values})
    licence_items = []
    mark = {True: str(common.mark_yes), False: str(common.mark_no), None: str(common.mark_unverified)}
    for licence_id in sorted(licences):
        l = licences[licence_id].data
        fields = {
            "kind": label("licence_kind", l["kind"]),
            "spdx": l["spdx"] or "",
            "osi_approved": mark[bool(l["osi_approved"])],
            "commercial_use": label("commercial_use", l["commercial_use"]),
            "commercial_conditions": l["commercial_conditions"] or "",
            "excluded_regions": terms("region", l.get("excluded_regions")),
            "applies_to": terms("applies_to", l["applies_to"]),
        }
        values = {field: fields[field] for field in LICENCE_FIELDS}
        for group in dataset.vocabularies["licence_rule_group"]:
            unverified = group in (l.get("incomplete_rules") or [])
            for term in dataset.vocabularies[group]:
                values[f"{group}.{term}"] = mark[True if term in l[group] else (None if unverified else False)]
        licence_items.append({"id": licence_id, "name": l["name"], "href": href("licences", licence_id), "values": values})
    return {"models": models, "licences": licence_items}


def compare_page(site) -> dict[str, str]:
    body = site.render_html("compare.html.j2", PAGE, data_json=script_json(compare_values(site, PAGE)),
                            texts=script_texts(site.strings, "compare"), rows=compare_rows(site), json=script_json)
    # The address format, shown with the first two records of each kind, so that the example works.
    examples = {kind: ",".join(sorted(site.dataset.records[kind])[:2]) for kind in ("models", "licences")}
    return {PAGE: site.render("compare.md.j2", PAGE, body=Markup(body), examples=examples)}
