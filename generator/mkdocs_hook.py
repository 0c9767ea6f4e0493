"""MkDocs hook: validate the data and add the generated pages in memory.

Listed under `hooks:` in mkdocs.yml. Nothing is written into content/, so `mkdocs serve`
cannot loop; `watch:` in mkdocs.yml makes it rebuild when the data or templates change.
"""

import logging
import re
import os
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# Hack: MkDocs loads a hook by file path, so the project root is not importable by default.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.pipeline import Generated, generate  # noqa: E402
from generator.site.settings import SiteSettings, edition_site_url, translate_nav  # noqa: E402
from generator.site.mathml import latex_to_mathml  # noqa: E402
from generator.site.compact import compact_html  # noqa: E402
from generator.site.switcher import point_switcher, point_switcher_from_anywhere  # noqa: E402
from generator.data.problems import DataError, format_report  # noqa: E402
from generator.site.pages import cite_content_page  # noqa: E402
from generator.site.templating import Strings  # noqa: E402
from generator.data.yamlfile import read_yaml  # noqa: E402
from generator.data.load import CONTENT_DIR, SOURCE_LANGUAGE  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")
_generated: Generated | None = None


def on_config(config):
    # MkDocs stamps sitemap.xml with the build date; take the commit's date instead, so that
    # two builds of one commit are byte-identical.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        root = Path(config.config_file_path).parent
        try:
            commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                                         capture_output=True, text=True).stdout.strip()
        except OSError:
            commit_time = ""
        if commit_time.isdigit():
            os.environ["SOURCE_DATE_EPOCH"] = commit_time
    if language(config) != SOURCE_LANGUAGE:
        # Another edition lives under LANG/ of the site: its canonical addresses and sitemap say so.
        config.site_url = edition_site_url(config.site_url, language(config)) or config.site_url
        strings = Path(config.config_file_path).parent / "data" / "strings" / f"{language(config)}.yaml"
        document, _ = read_yaml(strings, str(strings)) if strings.is_file() else (None, [])
        titles = (document.data or {}).get("nav", {}) if document is not None and isinstance(document.data, dict) else {}
        config.nav = translate_nav(config.nav, titles)
    return config


def on_pre_build(config):
    # Validate before MkDocs cleans the site folder, so that bad data leaves the last site untouched.
    global _generated
    root = Path(config.config_file_path).parent
    started, started_cpu = time.perf_counter(), time.process_time()
    try:
        settings = SiteSettings(repo_url=config.repo_url or None, site_url=config.site_url or None,
                                directory_urls=config.use_directory_urls, lang=language(config))
        _generated = generate(root, settings)
    except DataError as error:
        raise PluginError(format_report(error.problems))
    if _generated.warnings:
        log.info("data warnings:\n%s", format_report(_generated.warnings))
    log.info("generator: %d pages in %.3f s, %.3f s CPU (%s)", len(_generated.pages), time.perf_counter() - started,
             time.process_time() - started_cpu,
             "from .cache, nothing changed" if _generated.cached else "loaded, validated and built")


def language(config) -> str:
    """The language of this build: extra.lang of mkdocs.yml (en) or mkdocs.zh.yml (zh)."""
    return (config.extra or {}).get("lang", SOURCE_LANGUAGE)


def on_files(files, config):
    for path, text in _generated.pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"generated page {path} clashes with the hand-written content/{path}; rename one of them")
        files.append(File.generated(config, path, content=text))
    if language(config) != SOURCE_LANGUAGE:
        # Another language's pages live in content/LANG/; the stylesheet and scripts are shared.
        assets = Path(config.config_file_path).parent / CONTENT_DIR / "assets"
        for asset in sorted(assets.rglob("*")):
            path = "assets/" + asset.relative_to(assets).as_posix()
            if asset.is_file() and files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=asset.read_bytes()))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by is not None or _generated is None:
        return markdown
    depth = page.file.src_uri.count("/")
    return cite_content_page(markdown, _generated.references, page_depth=depth, facts=_generated.facts,
                             strings=Strings(_generated.strings))


def on_page_content(html, page, config, files):
    return latex_to_mathml(html)


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


def on_post_page(output, page, config):
    # Hack: Material's search dialog has no accessible name (axe: aria-dialog-name); give it
    # the label Material already puts, in the site's language, on the search field.
    label = _SEARCH_LABEL.search(output)
    if label:
        output = output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{label.group(1)}">', 1)
    # The language switcher (extra.alternate) leads to the same page in the other edition.
    langs = [alternate.get("lang") for alternate in (config.extra or {}).get("alternate", []) if alternate.get("lang")]
    output = point_switcher(output, page.file.dest_uri, language(config), langs)
    return compact_html(output)


def on_post_template(output, template_name, config):
    # The 404 page is served at any address, so Material links it from the site's root; its
    # switcher leads to the other edition's root.
    if template_name == "404.html":
        langs = [alternate.get("lang") for alternate in (config.extra or {}).get("alternate", []) if alternate.get("lang")]
        output = compact_html(point_switcher_from_anywhere(output, config.site_url, language(config), langs))
    return output
