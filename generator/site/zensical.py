"""Build the site with Zensical instead of MkDocs, from the same generated pages, in both languages.

    python -m generator zensical build/zensical            # site in build/zensical/site (Chinese in site/zh)
    python -m generator --root PROJECT zensical OUT --no-build

Zensical reads mkdocs.yml but does not run MkDocs hooks, so the pages cannot be added in
memory. Instead, for each edition: `python -m generator build --lang LANG --out OUT/docs-LANG
--with-content` writes the generated pages and the edition's content (citations resolved) into
one folder; OUT/mkdocs.LANG.yml is the edition's configuration (mkdocs.yml, or mkdocs.zh.yml with
its INHERIT resolved and the navigation titles translated, as the hook translates them) with
docs_dir pointing there and the snippets' base path made absolute; and `zensical build -f
OUT/mkdocs.LANG.yml` builds it into OUT/site (the Chinese edition into OUT/site/zh). Zensical
keeps its own cache in OUT/.cache. Last, what the MkDocs hook does for a MkDocs build: the
formulas become MathML (generator/site/mathml.py, the same code), the templates' indentation goes
(compact.py) and the language switcher points at the same page in the other edition.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from ..data.load import LANGUAGES, SOURCE_LANGUAGE
from ..data.yamlfile import read_yaml
from .compact import compact_html
from .mathml import latex_to_mathml
from .switcher import point_switcher
from .settings import edition_config_file, edition_site_url, read_mkdocs_config, translate_nav

ROOT = Path(__file__).resolve().parents[2]

PYTHON = sys.executable
ZENSICAL = str(Path(PYTHON).with_name("zensical"))


def write_config(project: Path, out: Path, lang: str = SOURCE_LANGUAGE) -> Path:
    """OUT/mkdocs.LANG.yml: the edition's configuration, reading OUT/docs-LANG and writing OUT/site."""
    config = read_mkdocs_config(edition_config_file(project, lang))
    for key in ("hooks", "watch", "exclude_docs"):
        config.pop(key, None)
    config["docs_dir"] = f"docs-{lang}"
    config["site_dir"] = "site" if lang == SOURCE_LANGUAGE else f"site/{lang}"
    if lang != SOURCE_LANGUAGE:
        config["nav"] = translate_nav(config.get("nav"), _nav_titles(project, lang))
        config["site_url"] = edition_site_url(config.get("site_url"), lang) or config.get("site_url")
    for extension in config.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = extension["pymdownx.snippets"] or {}
            options["base_path"] = [str((project / base).resolve()) for base in options.get("base_path", ["."])]
            extension["pymdownx.snippets"] = options
    path = out / f"mkdocs.{lang}.yml"
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def _nav_titles(project: Path, lang: str) -> dict:
    path = project / "data" / "strings" / f"{lang}.yaml"
    document, _ = read_yaml(path, str(path)) if path.is_file() else (None, [])
    data = document.data if document is not None and isinstance(document.data, dict) else {}
    return data.get("nav", {}) or {}


def editions(project: Path) -> list[str]:
    """English, and each language that has its mkdocs.LANG.yml."""
    return [lang for lang in LANGUAGES if edition_config_file(project, lang).is_file()]


def prepare(project: Path, out: Path, lang: str = SOURCE_LANGUAGE) -> subprocess.CompletedProcess:
    out.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([PYTHON, "-m", "generator", "--root", str(project), "build", "--lang", lang,
                             "--out", str(out / f"docs-{lang}"), "--with-content"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 0:
        write_config(project, out, lang)
    return result


def build(out: Path, lang: str = SOURCE_LANGUAGE, clean: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([ZENSICAL, "build", "-f", str(out / f"mkdocs.{lang}.yml")] + (["--clean"] if clean else []),
                          cwd=out, capture_output=True, text=True)


def finish_pages(site: Path) -> int:
    """What the MkDocs hook does to each page: the TeX that arithmatex left becomes MathML and the
    templates' indentation goes; returns the pages with formulas."""
    formulas = 0
    for page in sorted(site.rglob("*.html")):
        text = original = page.read_text(encoding="utf-8")
        if 'class="arithmatex"' in text:
            text = latex_to_mathml(text)
            formulas += 1
        text = compact_html(text)
        if text != original:
            page.write_text(text, encoding="utf-8")
    return formulas


def point_language_switcher(site: Path, langs: list[str]) -> int:
    """Each page's links to the other editions lead to the same page there; returns the pages changed."""
    changed = 0
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        lang = next((lang for lang in langs if lang != SOURCE_LANGUAGE and relative.startswith(lang + "/")), SOURCE_LANGUAGE)
        inner = relative[len(lang) + 1:] if lang != SOURCE_LANGUAGE else relative
        text = page.read_text(encoding="utf-8")
        pointed = point_switcher(text, inner, lang, langs)
        if pointed != text:
            page.write_text(pointed, encoding="utf-8")
            changed += 1
    return changed


def build_site(project: Path, out: Path, only_prepare: bool = False) -> tuple[int, str, str]:
    """Every step for every edition; returns (exit status, what the steps printed, what they printed as errors)."""
    project, out = project.resolve(), out.resolve()
    printed, errors = [], []
    langs = editions(project)
    for lang in langs:
        steps = [lambda: prepare(project, out, lang)] + ([] if only_prepare else [lambda: build(out, lang)])
        for step in steps:
            result = step()
            printed.append(result.stdout)
            errors.append(result.stderr)
            if result.returncode != 0:
                return result.returncode, "".join(printed), "".join(errors)
    if not only_prepare:
        printed.append(f"{finish_pages(out / 'site')} pages with formulas turned into MathML\n")
        printed.append(f"{point_language_switcher(out / 'site', langs)} pages with the language switcher pointed at the same page\n")
    return 0, "".join(printed), "".join(errors)
