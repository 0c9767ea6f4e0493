"""Every generated page of the site, from a validated Dataset: a dict from page path to text.

    pages = build_pages(load_valid_dataset(Path(".")), SiteSettings(repo_url="https://github.com/org/repo"))
    pages["models/llama-2.md"]

Each page builder takes the Site (the data, the template environments, the URLs and the
settings) and returns its pages by path; build_pages runs them in turn.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from ..data.bib import Reference
from ..data.citations import Citations, citation_keys, replace_citations
from ..data.derived import (PRICE_STALE_AFTER_DAYS, STALE_AFTER_MONTHS, data_version, eosai_statuses, is_stale, mof_class,
                            openness_score, stale_prices)
from ..data.load import DOCUMENTS, KINDS, LANGUAGES, PROJECT_ROOT, SOURCE_LANGUAGE, Dataset
from ..data.translations import translation_state
from ..data.problems import DataError, Problem
from ..data.yamlfile import read_yaml
from ..decide.candidates import model_candidates, retired_since
from ..decide.cost import PRECISIONS, VOLUME_CRITERION, footprint, format_number, lowest_rental
from .charts import charts_page
from .checklist import checklist_page
from .compare import compare_page
from .cost import cost_page
from .explore import matrix_pages
from .exports import API, export_files
from .field_reference import field_reference_pages
from .landscape import landscape_page
from .lifecycles import lifecycle_pages
from .settings import SiteSettings
from .templating import MissingString, Strings, escape_text, html_environment, language_strings, template_environment
from .urls import SiteUrls, record_page

BIBLIOGRAPHY_SECTION = 200
# A record page lists at most this many related models, so that its size does not grow with the data.
FAMILY_LIMIT = 12
DOMAIN_LIMIT = 100
# What's new lists the newest records; all of them would make a page of thousands of lines (and a
# search section that Zensical refuses) at a large catalogue. The exports carry every date.
CHANGES_LIMIT = 300


@dataclass
class Site:
    """What every page builder reads."""
    dataset: Dataset
    settings: SiteSettings
    urls: SiteUrls
    env: Environment         # Markdown pages: data text is HTML- and Markdown-escaped
    html_env: Environment    # HTML blocks inside Markdown pages
    strings: Strings         # the texts of the pages' language

    def helpers(self, page: str) -> dict:
        """The template helpers for the page at `page` (its path in the site, e.g. models/x.md)."""
        dataset, urls = self.dataset, self.urls

        def describe(vocabulary, term):
            return dataset.vocabularies.get(vocabulary, {}).get(term, {}).get("description", "")

        def link(kind, record_id, anchor=""):
            """A Markdown link to a record, named after it."""
            record = dataset.records[kind].get(record_id)
            name = record.data.get("name", record_id) if record else record_id
            return Markup(f"[{escape_text(name)}]({urls.md(record_page(kind, record_id), page, anchor)})")

        def href(kind, record_id, anchor=""):
            """The address of a record's page, for HTML."""
            return urls.href(record_page(kind, record_id), page, anchor)

        def number(value):
            """A computed number as the page's language writes it (strings: js.cost.thousands and decimal)."""
            return format_number(value, str(self.strings.js.cost.thousands), str(self.strings.js.cost.decimal))

        return {"label": dataset.label, "describe": describe, "link": link, "href": href, "number": number,
                "md": lambda target, anchor="": Markup(urls.md(target, page, anchor)),
                "page_href": lambda target, anchor="": urls.href(target, page, anchor),
                "vocabularies": dataset.vocabularies, "catalogue": dataset.records, "api": API, "t": self.strings,
                "scoring": dataset.scoring, "stale_after_months": STALE_AFTER_MONTHS, "singular": KINDS}

    def render(self, template: str, page: str, **values) -> str:
        return self.env.get_template(template).render(**self.helpers(page), **values)

    def render_html(self, template: str, page: str, **values) -> str:
        return self.html_env.get_template(template).render(**self.helpers(page), **values)


def build_pages(dataset: Dataset, settings: SiteSettings = SiteSettings()) -> dict[str, str]:
    """Every generated page, by its path inside the site:

    - models/<id>.md, licences/<id>.md, domains/<id>.md, criteria/<id>.md: a page per record
    - models/index.md, licences/index.md, domains/index.md, criteria/index.md: a table per kind
    - models/matrix.md, licences/matrix.md, domains/matrix.md: the comparison matrices
    - charts.md: releases, openness and model size over time, as inline SVG
    - compare.md: two to four models or licences side by side
    - checklist.md: the decision checklist, printable and interactive
    - cost.md: what a volume costs through an API and on rented accelerators, with the break-even
    - accelerators/<id>.md, accelerators/index.md: the accelerators the cost page offers
    - crosswalk.md: how openness maps onto the MOF classes and the EOSAI parameters
    - api/v1/*.json, *.csv, schemas/: the open data; data-and-api.md documents it
    - references.md: the full bibliography; glossary.md: every vocabulary term
    - gaps.md: what the data does not know yet (unverified licence rules, unknown openness)
    - contributing/fields-<kind>.md: the field reference, generated from the schemas
    - changes.md and feed.xml: records added or re-verified, newest first
    - landscape.md: the landscape report, "The state of play", computed from the records
    """
    site = Site(dataset, settings, SiteUrls(settings.directory_urls), template_environment(), html_environment(),
                language_strings(dataset, settings.lang))
    builders = (record_pages, index_pages, matrix_pages, charts_page, compare_page, checklist_page, cost_page,
                crosswalk_page, export_files, data_page, bibliography_page, glossary_page, gaps_page, field_reference_pages,
                changes_pages, coverage_page, lifecycle_pages, landscape_page)
    pages: dict[str, str] = {}
    try:
        for builder in builders:
            pages.update(builder(site))
    except MissingString as missing:
        raise DataError([Problem(f"data/strings/{settings.lang}.yaml", None, missing.key,
                                 "is missing, and a page needs it; add the text")]) from None
    return pages


def record_pages(site: Site) -> dict[str, str]:
    dataset, settings = site.dataset, site.settings
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
    macros = site.env.get_template("macros.md.j2").make_module({"vocabularies": dataset.vocabularies})
    status_badge = functools.cache(macros.status)
    repo = settings.repo_url.rstrip("/") if settings.repo_url else None
    candidates = {c["id"]: c for c in model_candidates(dataset)}
    pages = {}
    for kind in KINDS:
        template = site.env.get_template(f"{KINDS[kind]}.md.j2")
        for record_id in sorted(dataset.records[kind]):
            record = dataset.records[kind][record_id]
            page = record_page(kind, record_id)
            citations = Citations(dataset.references, page_depth=1)
            is_model = kind == "models"
            pages[page] = template.render(
                r=record.data, record=record, citations=citations, cite=citations.cite, status_badge=status_badge,
                edit_url=f"{repo}/edit/main/{record.file}" if repo else None,
                report_url=f"{repo}/issues/new?template=report-wrong-data.yml&record={record.file}" if repo else None,
                stale=is_stale(record.data.get("last_verified"), version),
                licensed_models=models_by_licence.get(record_id, []) if kind == "licences" else [],
                domain_models=models_by_domain.get(record_id, []) if kind == "domains" else [],
                family_models=[m for m in models_by_family.get(record.data.get("family"), []) if m != record_id]
                if is_model else [],
                family_limit=FAMILY_LIMIT, domain_limit=DOMAIN_LIMIT,
                score=openness_score(record.data, dataset.vocabularies) if is_model else None,
                mof=mof_class(record.data, dataset.crosswalk) if is_model else None,
                candidate=candidates.get(record_id) if is_model else None,
                footprint=footprint(record.data) if is_model else [], precisions=PRECISIONS,
                cost_link=kind == "criteria" and record_id == VOLUME_CRITERION,
                retired_since=retired_since(record.data) if is_model else None,
                licence=dataset.records["licences"][record.data["licence"]].data if is_model else None,
                eosai=eosai_statuses(record.data, dataset.records["licences"][record.data["licence"]].data,
                                     dataset.crosswalk) if is_model else None,
                **site.helpers(page))
    return pages


def index_pages(site: Site) -> dict[str, str]:
    pages = {}
    for kind in KINDS:
        records = [site.dataset.records[kind][record_id].data for record_id in sorted(site.dataset.records[kind])]
        page = f"{kind}/index.md"
        newest = max(records, key=lambda r: (str(r.get("release", "")), r["id"]), default=None) if kind == "models" else None
        rentals = {r["id"]: lowest_rental(r) for r in records} if kind == "accelerators" else {}
        pages[page] = site.render(f"{KINDS[kind]}_index.md.j2", page, records=records, newest=newest, rentals=rentals)
    return pages


def bibliography_page(site: Site) -> dict[str, str]:
    """Every reference, by author, in sections by first letter of at most BIBLIOGRAPHY_SECTION
    entries each, so that search engines that index by section (Zensical) can take a long list."""
    references = site.dataset.references
    letters: dict[str, list[Reference]] = {}
    for ref in sorted(references.values(), key=lambda ref: ref.sort_key):
        first = next((ch for ch in (ref.sort_name or ref.authors or ref.title).upper() if ch.isalnum()), "#")
        letters.setdefault(first if first.isalpha() else "#", []).append(ref)
    sections = [(letter, part + 1, refs[start:start + BIBLIOGRAPHY_SECTION])
                for letter, refs in sorted(letters.items())
                for part, start in enumerate(range(0, len(refs), BIBLIOGRAPHY_SECTION))]
    return {"references.md": site.render("bibliography.md.j2", "references.md", sections=sections,
                                         count=len(references))}


def recent_records(dataset: Dataset) -> list[dict]:
    """Every record, newest last_verified first, then by kind and id."""
    entries = [{"kind": kind, "id": record.id, "name": record.data.get("name", record.id),
                "date": record.data.get("last_verified", ""), "summary": record.data.get("summary", "")}
               for kind in KINDS for record in dataset.records[kind].values()]
    order = list(KINDS)
    return sorted(entries, key=lambda e: (e["date"], -order.index(e["kind"]), e["id"]), reverse=True)


def changes_pages(site: Site) -> dict[str, str]:
    """What's new (changes.md) and the same as an Atom feed (feed.xml)."""
    entries = recent_records(site.dataset)
    return {"changes.md": site.render("changes.md.j2", "changes.md", entries=entries[:CHANGES_LIMIT],
                                      total=len(entries)),
            "feed.xml": site.render_html("feed.xml.j2", "feed.xml", entries=entries[:50],
                                         updated=data_version(site.dataset))}


def data_page(site: Site) -> dict[str, str]:
    dataset = site.dataset
    counts = {kind: len(records) for kind, records in dataset.records.items()}
    examples = {kind: min(records, default=None) for kind, records in dataset.records.items()}
    return {"data-and-api.md": site.render(
        "data_page.md.j2", "data-and-api.md", counts=counts, examples=examples,
        version=data_version(dataset), references=len(dataset.references), has_crosswalk=bool(dataset.crosswalk))}


def crosswalk_page(site: Site) -> dict[str, str]:
    if not site.dataset.crosswalk:
        return {}
    citations = Citations(site.dataset.references, page_depth=0)
    return {"crosswalk.md": site.render("crosswalk.md.j2", "crosswalk.md", c=site.dataset.crosswalk,
                                        citations=citations, cite=citations.cite)}


def glossary_page(site: Site) -> dict[str, str]:
    # The basis of each Chinese term in the page's language: basis_zh in Chinese, basis otherwise.
    basis = "basis_" + site.settings.lang if site.settings.lang != SOURCE_LANGUAGE else "basis"
    terms = [{**term, "shown_basis": term.get(basis) or term["basis"]} for term in site.dataset.terminology]
    return {"glossary.md": site.render("glossary.md.j2", "glossary.md", terminology=terms)}


def gaps_page(site: Site) -> dict[str, str]:
    """Where the data says unknown or not fully verified, gathered on one page."""
    dataset = site.dataset
    licences = [dataset.records["licences"][i].data for i in sorted(dataset.records["licences"])]
    models = [dataset.records["models"][i].data for i in sorted(dataset.records["models"])]
    unknown = [(m, [c for c, entry in m["openness"].items() if entry.get("status") == "unknown"]) for m in models]
    version = data_version(dataset)
    stale = [(kind, record.data) for kind in KINDS for _, record in sorted(dataset.records[kind].items())
             if is_stale(record.data.get("last_verified"), version)]
    return {"gaps.md": site.render(
        "gaps.md.j2", "gaps.md",
        incomplete_licences=[l for l in licences if l.get("incomplete_rules")], licence_count=len(licences),
        unknown_components=[(m, components) for m, components in unknown if components],
        unknown_count=sum(len(components) for _, components in unknown),
        component_count=sum(len(m["openness"]) for m in models), model_count=len(models), stale=stale,
        stale_prices=stale_prices(dataset), price_days=PRICE_STALE_AFTER_DAYS, version=version,
        translations=translation_gaps(dataset))}


def translation_gaps(dataset: Dataset) -> list[dict]:
    """For each language but the source: its untranslated interface texts, and each record whose
    texts are not translated or whose translation is stale (the English changed since)."""
    gaps = []
    source = dict(_leaf_paths(dataset.strings(SOURCE_LANGUAGE)))
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE:
            continue
        state = translation_state(dataset, lang)
        records = [{"kind": key.split("/")[0], "id": key.split("/")[1], **entry} for key, entry in sorted(state.items())
                   if entry["missing"] or entry["stale"]]
        strings = set(dict(_leaf_paths(dataset.strings(lang))))
        gaps.append({"lang": lang, "name": dataset.strings(lang).get("language", {}).get("name", lang),
                     "records": records, "texts": sum(entry["total"] for entry in state.values()),
                     "missing": sum(len(r["missing"]) for r in records), "stale": sum(len(r["stale"]) for r in records),
                     "strings_missing": sorted(".".join(path) for path in source if path not in strings)})
    return gaps


def _leaf_paths(data, path=()):
    for key, value in (data or {}).items():
        if isinstance(value, dict):
            yield from _leaf_paths(value, path + (key,))
        else:
            yield path + (key,), value


# <!-- fact:NAME --> in a hand-written page: a sentence computed from the data (content_facts).
FACT = re.compile(r"<!-- fact:([a-z-]+) -->")


def content_facts(dataset: Dataset, lang: str = "en") -> dict[str, str]:
    """Sentences about the data that hand-written pages show where they write <!-- fact:NAME -->."""
    strings = language_strings(dataset, lang)
    models = [record.data for record in dataset.records["models"].values()]
    newest = max(models, key=lambda m: (str(m["release"]), m["id"]), default=None)
    counts = {kind: len(records) for kind, records in dataset.records.items()}
    facts = {"catalogue": str(strings.home.catalogue).format(
        models=counts["models"], licences=counts["licences"], domains=counts["domains"], criteria=counts["criteria"],
        references=len(dataset.references), newest=newest["name"] if newest else "",
        newest_release=newest["release"] if newest else "", version=data_version(dataset))}
    facts.update(decision_facts(dataset, strings, lang))
    return facts


def decision_facts(dataset: Dataset, strings: Strings, lang: str) -> dict[str, str]:
    """The methodology's numbers: the calibration readers' results and the leaning over random answers."""
    from ..decide.scoring import leaning_distribution, score_answers
    if not dataset.records["criteria"] or not dataset.scoring:
        return {}
    tm = strings.methodology
    label = lambda term: dataset.label("leaning", term, lang)
    english = (lambda text: f'<span lang="en">{escape_text(text)}</span>') if lang != "en" else escape_text
    readers = (dataset.documents["calibration"].data.get("readers") or []) if "calibration" in dataset.documents else []
    lines = [f"| {tm.reader} | {tm.expected} | {tm.rule} |", "| --- | --- | --- |"]
    for reader in readers:
        result = score_answers(reader["answers"], dataset, reader.get("domain"))
        lines.append(f"| {english(reader['name'])} | {label(reader['expected'])} | {label(result.leaning)} |")
    spread = leaning_distribution(dataset)
    comma = str(strings.common.list_separator)
    counts = comma.join(str(tm.count).format(leaning=label(term), count=n) for term, n in spread["leanings"].items())
    alone = comma.join(str(tm.count).format(leaning=label(term), count=n) for term, n in spread["totals_only"].items())
    reasons = comma.join(str(tm.count).format(leaning=strings.decision.reason_names[reason], count=n)
                        for reason, n in sorted(spread["reasons"].items()))
    return {"calibration": "\n".join(lines) if readers else "",
            "leaning-distribution": str(tm.distribution).format(samples=spread["samples"], criteria=spread["criteria"],
                                                                counts=counts, reasons=reasons, alone=alone)}


def coverage_page(site: Site) -> dict[str, str]:
    """For each developer: its records, open and closed, its newest release and the years covered."""
    dataset = site.dataset
    developers = (dataset.documents["developers"].data.get("developers") or []) if "developers" in dataset.documents else []
    by_name = {name: developer["id"] for developer in developers for name in developer["names"]}
    sides = dataset.scoring.get("sides", {})
    rows = {developer["id"]: {"developer": developer, "models": []} for developer in developers}
    for model_id in sorted(dataset.records["models"]):
        model = dataset.records["models"][model_id].data
        if model["developer"] in by_name:
            rows[by_name[model["developer"]]]["models"].append(model)
    table = []
    for row in rows.values():
        models = sorted(row["models"], key=lambda m: (str(m["release"]), m["id"]), reverse=True)
        if not models:
            continue
        side = lambda m: next((s for s, access in sides.items() if m["access"] in access), None)
        years = sorted({str(m["release"])[:4] for m in models})
        table.append({"developer": row["developer"], "models": models, "newest": models[0],
                      "open": sum(side(m) == "open" for m in models), "closed": sum(side(m) == "closed" for m in models),
                      "years": years})
    table.sort(key=lambda r: (str(r["newest"]["release"]), r["developer"]["name"]), reverse=True)
    return {"coverage.md": site.render("coverage.md.j2", "coverage.md", rows=table,
                                       model_count=len(dataset.records["models"]), version=data_version(dataset))}


def cite_content_page(text: str, references: dict[str, Reference], page_depth: int, strings: Strings | None = None,
                      facts: dict[str, str] | None = None) -> str:
    """Replace [@key] in a hand-written page with numbered links and append its References
    (headed in the page's language: the source language's by default, the language content/ is written in),
    and <!-- fact:NAME --> with the sentence of that name about the data."""
    if facts:
        text = FACT.sub(lambda match: facts.get(match.group(1), match.group(0)), text)
    citations = Citations(references, page_depth=page_depth)
    text = replace_citations(text, lambda match: str(citations.cite(citation_keys(match.group(1)))))
    if not citations.used:
        return text
    env = template_environment()
    macros = env.get_template("macros.md.j2").make_module({"t": strings or source_strings()})
    section = macros.references_section(citations)
    return text.rstrip("\n") + "\n\n" + str(section) + "\n"


@functools.cache
def source_strings() -> Strings:
    """The texts of the source language, from this checkout's data/strings/."""
    file = DOCUMENTS[f"strings-{SOURCE_LANGUAGE}"][0]
    doc, problems = read_yaml(PROJECT_ROOT / file, file)
    if doc is None:
        raise DataError(problems)
    return Strings(doc.data)
