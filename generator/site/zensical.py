"""Build the site with Zensical instead of MkDocs, from the same generated pages.

    python -m generator zensical build/zensical            # site in build/zensical/site
    python -m generator --root PROJECT zensical OUT --no-build

Zensical reads mkdocs.yml but does not run MkDocs hooks, so the pages cannot be added in
memory. Instead: `python -m generator build --out OUT/docs --with-content` writes the
generated pages and content/ (citations resolved) into one folder, OUT/mkdocs.yml is the
project's mkdocs.yml with docs_dir pointing there (and the snippets' base path made
absolute), and `zensical build -f OUT/mkdocs.yml` builds it into OUT/site. Zensical keeps
its own cache in OUT/.cache. Last, the formulas in OUT/site become MathML, the step that the
MkDocs hook does for a MkDocs build (generator/mathml.py, the same code).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from .mathml import latex_to_mathml
from .settings import read_mkdocs_config

ROOT = Path(__file__).resolve().parents[2]

PYTHON = sys.executable
ZENSICAL = str(Path(PYTHON).with_name("zensical"))


def write_config(project: Path, out: Path) -> Path:
    """OUT/mkdocs.yml: the project's configuration, reading OUT/docs and writing OUT/site."""
    config = read_mkdocs_config(project / "mkdocs.yml")
    for key in ("hooks", "watch"):
        config.pop(key, None)

    config["docs_dir"], config["site_dir"] = "docs", "site"
    for extension in config.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = extension["pymdownx.snippets"] or {}
            options["base_path"] = [str((project / base).resolve()) for base in options.get("base_path", ["."])]
            extension["pymdownx.snippets"] = options
    path = out / "mkdocs.yml"
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def prepare(project: Path, out: Path) -> subprocess.CompletedProcess:
    out.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([PYTHON, "-m", "generator", "--root", str(project), "build", "--out", str(out / "docs"),
                             "--with-content"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 0:
        write_config(project, out)
    return result


def build(out: Path, clean: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([ZENSICAL, "build", "-f", str(out / "mkdocs.yml")] + (["--clean"] if clean else []),
                          cwd=out, capture_output=True, text=True)


def formulas_to_mathml(site: Path) -> int:
    """Turn the TeX that arithmatex left in the built pages into MathML; returns the pages changed."""
    changed = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if 'class="arithmatex"' in text:
            page.write_text(latex_to_mathml(text), encoding="utf-8")
            changed += 1
    return changed


def build_site(project: Path, out: Path, only_prepare: bool = False) -> tuple[int, str, str]:
    """Every step; returns (exit status, what the steps printed, what they printed as errors)."""
    project, out = project.resolve(), out.resolve()
    printed, errors = [], []
    for step in ([lambda: prepare(project, out)] + ([] if only_prepare else [lambda: build(out)])):
        result = step()
        printed.append(result.stdout)
        errors.append(result.stderr)
        if result.returncode != 0:
            return result.returncode, "".join(printed), "".join(errors)
    if not only_prepare:
        printed.append(f"{formulas_to_mathml(out / 'site')} pages with formulas turned into MathML\n")
    return 0, "".join(printed), "".join(errors)
