"""What the generated pages need to know about the site they go into, read from mkdocs.yml.

    settings = read_settings(Path("."))     # SiteSettings(repo_url=None, site_url=None, directory_urls=True)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..data.load import SOURCE_LANGUAGE


@dataclass(frozen=True)
class SiteSettings:
    repo_url: str | None = None      # turns on "Edit this record" and "Report wrong data"
    site_url: str | None = None      # the published address, printed on the checklist and the report
    directory_urls: bool = True      # MkDocs' use_directory_urls: models/x/ rather than models/x.html
    lang: str = "en"                 # the language of the pages (data/strings/LANG.yaml)


def read_mkdocs_config(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, default]` from the environment, other tags ignored,
    and INHERIT resolved as MkDocs does (mappings merged key by key, anything else replaced)."""
    if not Path(path).is_file():
        return {}
    try:
        config = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}
    except yaml.YAMLError:
        return {}
    parent = config.pop("INHERIT", None) if isinstance(config, dict) else None
    if parent:
        config = _merged(read_mkdocs_config(Path(path).parent / parent), config)
    return config


def _merged(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def edition_config_file(root: Path, lang: str) -> Path:
    """mkdocs.yml builds the English edition; mkdocs.LANG.yml each other language's."""
    return Path(root) / ("mkdocs.yml" if lang == SOURCE_LANGUAGE else f"mkdocs.{lang}.yml")


def read_settings(root: Path, lang: str = SOURCE_LANGUAGE) -> SiteSettings:
    """The settings in ROOT/mkdocs.yml (or mkdocs.LANG.yml); defaults where a setting is missing."""
    config = read_mkdocs_config(edition_config_file(root, lang))
    return SiteSettings(repo_url=config.get("repo_url") or None,
                        site_url=edition_site_url(config.get("site_url"), lang) or None,
                        directory_urls=bool(config.get("use_directory_urls", True)), lang=lang)


def edition_site_url(site_url: str | None, lang: str) -> str | None:
    """The published address of an edition: the site's (SITE_URL) for English, SITE_URL/LANG/ for
    another language, which mkdocs.LANG.yml inherits unchanged."""
    if not site_url or lang == SOURCE_LANGUAGE or site_url.rstrip("/").endswith("/" + lang):
        return site_url
    return site_url.rstrip("/") + f"/{lang}/"


def nav_key(title: str) -> str:
    """The key of a navigation title in the strings' nav section: "What's new" -> "what-s-new"."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def translate_nav(items, titles: dict):
    """The navigation with each title in the edition's language (strings: nav), where translated."""
    out = []
    for item in items or []:
        if isinstance(item, dict):
            out.append({titles.get(nav_key(title), title): translate_nav(value, titles) if isinstance(value, list) else value
                        for title, value in item.items()})
        else:
            out.append(item)
    return out


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name:...; only !ENV matters here."""


def _environment(loader, node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in names[:-1] if len(names) > 1 else names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return names[-1] if len(names) > 1 else None


_IgnoreTags.add_constructor("!ENV", _environment)
_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
