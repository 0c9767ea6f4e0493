"""The personal decision report: answers to the checklist in, a reasoned recommendation out.

    answers, problems = read_answers(Path("answers.yaml"), dataset)
    markdown = report_markdown(answers, dataset)          # in English; lang="zh" for another language
    html = report_html(markdown, dataset)

An answers file is YAML: `answers:` maps criterion ids to option ids, and `domain:`
optionally names a domain whose considerations the report includes. The checklist page's
"Download answers" writes exactly this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import markdown as python_markdown
from markupsafe import Markup

from ..data.load import Dataset
from ..data.problems import Problem
from ..data.citations import Citations
from ..data.derived import criteria_in_order, data_version
from .cost import HOURS_PER_MONTH, TOKENS_PER_CALL, VOLUME_CRITERION, comparison_for, format_number, preset_volume
from .explain import leaning_sentence, rank_line
from .scoring import required_criteria, score_answers
from ..site.templating import Strings, html_environment, language_strings, template_environment
from ..data.yamlfile import read_yaml

ALLOWED_KEYS = ("answers", "domain")
# The licence rule groups (licence_rule_group) that oblige the user: what you must do, and what you may not.
OBLIGATIONS = ("conditions", "limitations")


@dataclass
class Answers:
    answers: dict[str, str]
    domain: str | None


def read_answers(path: Path, dataset: Dataset, shown_as: str | None = None) -> tuple[Answers | None, list[Problem]]:
    shown = shown_as or str(path)
    doc, problems = read_yaml(path, shown, max_bytes=100_000)
    if doc is None:
        return None, problems
    data = doc.data
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, "", "expected a mapping with `answers:` (and optionally `domain:`)")]
    for key in data:
        if key not in ALLOWED_KEYS:
            problems.append(Problem(shown, doc.line_of((key,)), str(key), f"unknown field; expected one of: {', '.join(ALLOWED_KEYS)}"))
    criteria = {c["id"]: c for c in criteria_in_order(dataset)}
    answers = data.get("answers")
    if not isinstance(answers, dict):
        problems.append(Problem(shown, doc.line_of(("answers",)), "answers",
                                "expected a mapping from criterion id to option id, e.g. `data-privacy-residency: must-stay-in-house`"))
        answers = {}
    for criterion_id, option_id in answers.items():
        line = doc.line_of(("answers", criterion_id))
        field = f"answers.{criterion_id}"
        if criterion_id not in criteria:
            problems.append(Problem(shown, line, field, f"'{criterion_id}' is not a criterion; expected one of: {', '.join(criteria)}"))
            continue
        options = [o["id"] for o in criteria[criterion_id]["options"]]
        if not isinstance(option_id, str) or option_id not in options:
            problems.append(Problem(shown, line, field, f"{option_id!r} is not an option of this criterion; expected one of: {', '.join(options)}"))
    for criterion_id in required_criteria(dataset):
        if criterion_id not in answers:
            problems.append(Problem(shown, doc.line_of(("answers",)), "answers",
                                    f"missing the required answer to '{criterion_id}' ({criteria[criterion_id]['question']}); "
                                    f"expected one of: {', '.join(o['id'] for o in criteria[criterion_id]['options'])}"))
    domain = data.get("domain")
    if domain is not None and domain not in dataset.records["domains"]:
        problems.append(Problem(shown, doc.line_of(("domain",)), "domain",
                                f"{domain!r} is not a domain; expected one of: {', '.join(sorted(dataset.records['domains']))}"))
    if problems:
        return None, problems
    return Answers({k: v for k, v in answers.items()}, domain), []


def report_markdown(answers: Answers, dataset: Dataset, site_url: str | None = None, lang: str = "en") -> str:
    """The report in Markdown, worded in `lang` (data/strings/LANG.yaml)."""
    strings = language_strings(dataset, lang)
    texts = strings.decision.plain()
    scoring = dataset.scoring
    result = score_answers(answers.answers, dataset, answers.domain)
    citations = Citations(dataset.references, page_depth=0)
    domains = {domain_id: record.data["name"] for domain_id, record in dataset.records["domains"].items()}
    models = dataset.records["models"]
    ranked = [{"model": models[e.candidate["id"]].data, "line": rank_line(e, texts, domains),
               "folded": [models[i].data["name"] for i in e.folded]} for e in result.ranked]
    top, rest = ranked[:scoring["shortlist_size"]], ranked[scoring["shortlist_size"]:]
    licences = {entry["model"]["licence"]: dataset.records["licences"][entry["model"]["licence"]].data for entry in top}
    leaning_labels = {term: dataset.label("leaning", term) for term in dataset.vocabularies["leaning"]}
    domain = dataset.records["domains"][answers.domain].data if answers.domain else None
    # The edition of the report's language: English at the site's root, another language under LANG/.
    base = (site_url.rstrip("/") + "/" + ("" if lang == "en" else f"{lang}/")) if site_url else None
    cost = cost_section(answers, result, dataset, strings, base)
    return template_environment().get_template("report.md.j2").render(
        result=result, reason=leaning_sentence(result, texts, leaning_labels, scoring), ranked=ranked, top=top,
        rest=rest, licences=licences, domain=domain, version=data_version(dataset),
        advice=[a for c in result.contributions for a in c.option.get("advice", [])],
        margin=round(scoring["hybrid_margin"] * 100),
        criteria_count=len(dataset.records["criteria"]), model_count=len(models),
        citations=citations, cite=citations.cite, base=base, label=dataset.label,
        describe=lambda vocabulary, term: dataset.vocabularies.get(vocabulary, {}).get(term, {}).get("description", ""),
        vocabularies=dataset.vocabularies, obligations=OBLIGATIONS, t=strings, cost=cost)


def cost_section(answers: Answers, result, dataset: Dataset, strings: Strings, base: str | None) -> dict | None:
    """The cost comparison at the volume the reader's answer stands for (decide/cost.py), with its
    numbers worded and a link to the calculator set to the same comparison; None without that answer."""
    option = answers.answers.get(VOLUME_CRITERION)
    if option is None:
        return None
    texts = strings.js.cost
    number = lambda value: format_number(value, str(texts.thousands), str(texts.decimal))
    criterion = dataset.records["criteria"][VOLUME_CRITERION].data
    label = next(o["label"] for o in criterion["options"] if o["id"] == option)
    comparison = comparison_for([e.candidate for e in result.ranked], dataset, option)
    section = {"option": label, "volume": preset_volume(option), "comparison": comparison,
               "number": number, "hours": HOURS_PER_MONTH, "tokens": TOKENS_PER_CALL}
    if comparison:
        settings = comparison["settings"]
        query = {"in": f"{comparison['volume']['input_mtok']:g}", "out": f"{comparison['volume']['output_mtok']:g}",
                 "api": comparison["api"]["id"], "open": comparison["open"]["id"], "acc": comparison["accelerator"]["id"],
                 "bits": settings["bits"], "util": f"{settings['utilisation'] * 100:g}", "batch": settings["batch"]}
        section["href"] = f"{base}cost/?" + "&".join(f"{k}={v}" for k, v in query.items()) if base else None
        section["methodology"] = f"{base}methodology/#cost-and-serving-footprint" if base else None
    return section


def report_html(markdown_text: str, dataset: Dataset, lang: str = "en") -> str:
    """The Markdown report as a standalone HTML page, whose title and language are `lang`'s."""
    body = python_markdown.markdown(markdown_text, extensions=["tables", "attr_list", "md_in_html"])
    return html_environment().get_template("report.html.j2").render(body=Markup(body), t=language_strings(dataset, lang))
