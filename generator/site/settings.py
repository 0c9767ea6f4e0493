"""What the generated pages need to know about the site they go into, read from mkdocs.yml.

    settings = read_settings(Path("."))     # SiteSettings(repo_url=None, site_url=None, directory_urls=True)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class SiteSettings:
    repo_url: str | None = None      # turns on "Edit this record" and "Report wrong data"
    site_url: str | None = None      # the published address, printed on the checklist and the report
    directory_urls: bool = True      # MkDocs' use_directory_urls: models/x/ rather than models/x.html
    lang: str = "en"                 # the language of the pages (data/strings/LANG.yaml)


def read_mkdocs_config(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, default]` from the environment, other tags ignored."""
    if not Path(path).is_file():
        return {}
    try:
        return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}
    except yaml.YAMLError:
        return {}


def read_settings(root: Path) -> SiteSettings:
    """The settings in ROOT/mkdocs.yml; defaults where the file or a setting is missing."""
    config = read_mkdocs_config(Path(root) / "mkdocs.yml")
    return SiteSettings(repo_url=config.get("repo_url") or None, site_url=config.get("site_url") or None,
                        directory_urls=bool(config.get("use_directory_urls", True)))


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
