"""The whole pipeline in one call: load the data, validate it, build every page.

    generated = generate(Path("."), SiteSettings(repo_url="https://github.com/org/repo"))
    generated.pages["models/index.md"], generated.references, generated.warnings, generated.cached

The steps are generator.data.validate.load_valid_dataset (read and check everything) and
generator.site.pages.build_pages (every generated page, by path). While no input has changed,
the last result is reused from the cache (generator/cache.py); invalid data raises DataError
and is never cached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .data.bib import Reference
from .data.problems import Problem
from .data.load import SOURCE_LANGUAGE
from .data.translations import localise
from .data.validate import load_valid_dataset
from .site.pages import build_pages, content_facts
from .site.templating import language_strings
from .site.settings import SiteSettings


@dataclass
class Generated:
    pages: dict[str, str]
    references: dict[str, Reference]
    warnings: list[Problem]
    facts: dict[str, str] = field(default_factory=dict)   # sentences for <!-- fact:NAME --> in content/
    strings: dict = field(default_factory=dict)           # the pages' language's texts, for content/ pages
    cached: bool = field(default=False, compare=False)


def generate(root: Path, settings: SiteSettings = SiteSettings(), use_cache: bool = True) -> Generated:
    root = Path(root)
    inputs = cache.input_files(root) if use_cache else []
    key = cache.input_key(root, settings, inputs=inputs) if use_cache else None
    if key:
        found = cache.lookup(root, key, Generated)
        if found is not None:
            found.cached = True
            return found
    stamps = cache.stamps(inputs)
    dataset = load_valid_dataset(root)
    if settings.lang != SOURCE_LANGUAGE:
        dataset = localise(dataset, settings.lang)
    result = Generated(pages=build_pages(dataset, settings), references=dataset.references, warnings=dataset.warnings,
                       facts=content_facts(dataset, settings.lang),
                       strings=language_strings(dataset, settings.lang).plain())
    if key and cache.stamps(inputs) == stamps:   # an input edited during the build would be stored under the old key
        cache.store(root, key, result)
    return result
