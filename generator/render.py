"""Turn a validated Dataset into the generated files of the site: a dict from path to text.

    pages = build_pages(load_valid_dataset(Path(".")), repo_url="https://github.com/org/repo")
    pages["models/llama-2.md"]
"""

from __future__ import annotations

import datetime as dt
import functools
import html

from jinja2 import Environment
from markupsafe import Markup

from .bib import Reference
from .charts import charts_page
from .checklist import checklist_page
from .compare import compare_page
from .explore import explore_pages
from .exports import API, data_version, export_files
from .field_reference import field_reference_pages
from .load import KINDS, Dataset
from .scores import eosai_statuses, mof_class, openness_score
from .templating import escape_text, html_environment, template_environment
from .validate import CITATION, STALE_AFTER_DAYS, citation_keys


BIBLIOGRAPHY_SECTION = 200
# A record page lists at most this many related models, so that its size does not grow with the data.
FAMILY_LIMIT = 12
DOMAIN_LIMIT = 100


def build_pages(dataset: Dataset, repo_url: str | None = None, site_address: str = "") -> dict[str, str]:
    """Every generated page, by its path inside the site:

    - models/index.md, licences/index.md, domains/index.md, criteria/index.md: a table per kind
    - models/<id>.md, licences/<id>.md, domains/<id>.md, criteria/<id>.md: a page per record
    - models/matrix.md, licences/matrix.md, domains/matrix.md: the comparison matrices
    - charts.md: releases, openness and model size over time, as inline SVG
    - checklist.md: the decision checklist, printable and interactive
    - compare.md: two to four models or licences side by side
    - crosswalk.md: how openness maps onto the MOF classes and the EOSAI parameters
    - api/v1/*.json, *.csv, schemas/: the open data; data-and-api.md documents it
    - contributing/fields-<kind>.md: the field reference, generated from the schemas
    - changes.md and feed.xml: records added or re-verified, newest first
    - references.md: the full bibliography
    - glossary.md: every vocabulary term with its label and meaning
    - gaps.md: what the data does not know yet (unverified licence rules, unknown openness)
    """
    env, html_env = template_environment(), html_environment()
    pages: dict[str, str] = {}
    for kind in KINDS:
        pages.update(record_pages(env, dataset, kind, repo_url))
        pages[f"{kind}/index.md"] = index_page(env, dataset, kind)
    pages.update(explore_pages(dataset, env, html_env))
    pages["charts.md"] = charts_page(dataset, env, html_env)
    pages["compare.md"] = compare_page(dataset, env, html_env)
    pages["checklist.md"] = checklist_page(dataset, env, html_env, Citations(dataset.references, page_depth=0),
                                           site_address or "Open or closed?")
    if dataset.crosswalk:
        pages["crosswalk.md"] = crosswalk_page(env, dataset)
    pages.update(export_files(dataset))
    pages["data-and-api.md"] = data_page(env, dataset)
    pages["references.md"] = bibliography_page(env, dataset)
    pages["glossary.md"] = glossary_page(env, dataset)
    pages["gaps.md"] = gaps_page(env, dataset)
    pages.update(field_reference_pages(dataset))
    pages["changes.md"], pages["feed.xml"] = changes_page(env, dataset), atom_feed(dataset)
    return pages


def record_pages(env: Environment, dataset: Dataset, kind: str, repo_url: str | None) -> dict[str, str]:
    template = env.get_template(f"{KINDS[kind]}.md.j2")
    version = data_version(dataset)
    models_by_licence: dict[str, list[str]] = {}
    models_by_domain: dict[str, list[str]] = {}
    models_by_family: dict[str, list[str]] = {}
    for model_id in sorted(dataset.records["models"]):
        model = dataset.records["models"][model_id].data
        models_by_licence.setdefault(model["licence"], []).append(model_id)
        if model.get("family"):
            models_by_family.setdefault(model["family"], []).append(model_id)
        for domain_id in model.get("domains") or []:
            models_by_domain.setdefault(domain_id, []).append(model_id)
    # A status badge depends only on its term, and a model page shows about thirty of them.
    macros = env.get_template("macros.md.j2").make_module({"vocabularies": dataset.vocabularies})
    status_badge = functools.cache(macros.status)
    helpers = _helpers(dataset, depth=1)
    pages = {}
    for record_id in sorted(dataset.records[kind]):
        record = dataset.records[kind][record_id]
        citations = Citations(dataset.references, page_depth=1)
        pages[f"{kind}/{record_id}.md"] = template.render(
            r=record.data, record=record, citations=citations, cite=citations.cite, status_badge=status_badge,
            edit_url=f"{repo_url.rstrip('/')}/edit/main/{record.file}" if repo_url else None,
            report_url=(f"{repo_url.rstrip('/')}/issues/new?template=report-wrong-data.yml&record={record.file}"
                        if repo_url else None),
            stale=is_stale(record.data.get("last_verified"), version),
            licensed_models=models_by_licence.get(record_id, []) if kind == "licences" else [],
            domain_models=models_by_domain.get(record_id, []) if kind == "domains" else [],
            family_models=[m for m in models_by_family.get(record.data.get("family"), []) if m != record_id]
            if kind == "models" else [],
            family_limit=FAMILY_LIMIT, domain_limit=DOMAIN_LIMIT,
            score=openness_score(record.data, dataset.vocabularies) if kind == "models" else None,
            mof=mof_class(record.data, dataset.crosswalk) if kind == "models" else None,
            eosai=eosai_statuses(record.data, dataset.records["licences"][record.data["licence"]].data,
                                 dataset.crosswalk) if kind == "models" else None,
            **helpers)
    return pages


def index_page(env: Environment, dataset: Dataset, kind: str) -> str:
    records = [dataset.records[kind][record_id].data for record_id in sorted(dataset.records[kind])]
    return env.get_template(f"{KINDS[kind]}_index.md.j2").render(records=records, **_helpers(dataset, depth=1))


def bibliography_page(env: Environment, dataset: Dataset) -> str:
    """Every reference, by author, in sections by first letter of at most BIBLIOGRAPHY_SECTION
    entries each, so that search engines that index by section (Zensical) can take a long list."""
    letters: dict[str, list[Reference]] = {}
    for ref in sorted(dataset.references.values(), key=lambda ref: ref.sort_key):
        first = next((ch for ch in (ref.sort_name or ref.authors or ref.title).upper() if ch.isalnum()), "#")
        letters.setdefault(first if first.isalpha() else "#", []).append(ref)
    sections = [(letter, part + 1, refs[start:start + BIBLIOGRAPHY_SECTION])
                for letter, refs in sorted(letters.items())
                for part, start in enumerate(range(0, len(refs), BIBLIOGRAPHY_SECTION))]
    return env.get_template("bibliography.md.j2").render(
        sections=sections, count=len(dataset.references), **_helpers(dataset, depth=0))


def is_stale(last_verified: str | None, version: str) -> bool:
    """Older than 12 months before the data version (not the build date, so builds stay reproducible)."""
    try:
        return (dt.date.fromisoformat(version) - dt.date.fromisoformat(last_verified)).days > STALE_AFTER_DAYS
    except (TypeError, ValueError):
        return False


def recent_records(dataset: Dataset) -> list[dict]:
    """Every record, newest last_verified first, then by kind and id."""
    entries = [{"kind": kind, "id": record.id, "name": record.data.get("name", record.id),
                "date": record.data.get("last_verified", ""), "summary": record.data.get("summary", "")}
               for kind in KINDS for record in dataset.records[kind].values()]
    order = list(KINDS)
    return sorted(entries, key=lambda e: (e["date"], -order.index(e["kind"]), e["id"]), reverse=True)


def changes_page(env: Environment, dataset: Dataset) -> str:
    return env.get_template("changes.md.j2").render(entries=recent_records(dataset), **_helpers(dataset, depth=0))


def atom_feed(dataset: Dataset) -> str:
    entries = recent_records(dataset)[:50]
    return html_environment().get_template("feed.xml.j2").render(entries=entries, updated=data_version(dataset))


def data_page(env: Environment, dataset: Dataset) -> str:
    counts = {kind: len(records) for kind, records in dataset.records.items()}
    examples = {kind: min(records, default=None) for kind, records in dataset.records.items()}
    return env.get_template("data_page.md.j2").render(
        counts=counts, examples=examples, singular=KINDS, version=data_version(dataset), references=len(dataset.references),
        has_crosswalk=bool(dataset.crosswalk), **_helpers(dataset, depth=0))


def crosswalk_page(env: Environment, dataset: Dataset) -> str:
    citations = Citations(dataset.references, page_depth=0)
    return env.get_template("crosswalk.md.j2").render(c=dataset.crosswalk, citations=citations, cite=citations.cite,
                                                      **_helpers(dataset, depth=0))


def glossary_page(env: Environment, dataset: Dataset) -> str:
    return env.get_template("glossary.md.j2").render(**_helpers(dataset, depth=0))


def cite_content_page(text: str, references: dict[str, Reference], page_depth: int) -> str:
    """Replace [@key] in a hand-written page with numbered links and append its References."""
    citations = Citations(references, page_depth=page_depth)
    text = CITATION.sub(lambda match: str(citations.cite(citation_keys(match.group(1)))), text)
    if not citations.used:
        return text
    env = template_environment()
    section = env.get_template("macros.md.j2").module.references_section(citations)
    return text.rstrip("\n") + "\n\n" + str(section) + "\n"


class Citations:
    """Numbers the sources of one page in order of first use."""

    def __init__(self, references: dict[str, Reference], page_depth: int):
        self.references = references
        self.used: list[Reference] = []
        self._numbers: dict[str, int] = {}
        self.bibliography_href = "../" * page_depth + "references.md"

    def cite(self, keys) -> Markup:
        if not keys:
            return Markup("")
        links = []
        for key in keys:
            if key not in self._numbers:
                self.used.append(self.references[key])
                self._numbers[key] = len(self.used)
            number = self._numbers[key]
            links.append(f'<a class="citation" href="#ref-{number}" title="{html.escape(self.references[key].title)}">[{number}]</a>')
        return Markup('<sup class="citations">' + "".join(links) + "</sup>")

    def numbered(self):
        return list(enumerate(self.used, start=1))


def gaps_page(env: Environment, dataset: Dataset) -> str:
    """Where the data says unknown or not fully verified, gathered on one page."""
    licences = [dataset.records["licences"][i].data for i in sorted(dataset.records["licences"])]
    models = [dataset.records["models"][i].data for i in sorted(dataset.records["models"])]
    unknown = [(m, [c for c, entry in m["openness"].items() if entry.get("status") == "unknown"]) for m in models]
    version = data_version(dataset)
    stale = [(kind, record.data) for kind in KINDS for _, record in sorted(dataset.records[kind].items())
             if is_stale(record.data.get("last_verified"), version)]
    return env.get_template("gaps.md.j2").render(
        incomplete_licences=[l for l in licences if l.get("incomplete_rules")], licence_count=len(licences),
        unknown_components=[(m, components) for m, components in unknown if components],
        unknown_count=sum(len(components) for _, components in unknown),
        component_count=sum(len(m["openness"]) for m in models), model_count=len(models), stale=stale,
        **_helpers(dataset, depth=0))


def _helpers(dataset: Dataset, depth: int) -> dict:
    up = "../" * depth

    def label(vocabulary, term):
        return dataset.label(vocabulary, term)

    def describe(vocabulary, term):
        return dataset.vocabularies.get(vocabulary, {}).get(term, {}).get("description", "")

    def link(kind, record_id):
        record = dataset.records[kind].get(record_id)
        name = record.data.get("name", record_id) if record else record_id
        return Markup(f"[{escape_text(name)}]({up}{kind}/{record_id}.md)")

    return {"label": label, "describe": describe, "link": link, "vocabularies": dataset.vocabularies,
            "catalogue": dataset.records, "up": up, "api": API}
