"""Build the site with Zensical instead of MkDocs, from the same generated pages.

    .venv/bin/python bench/zensical.py build/zensical          # site in build/zensical/site
    .venv/bin/python bench/zensical.py --root PROJECT OUT --no-build

Zensical reads mkdocs.yml but does not run MkDocs hooks, so the pages cannot be added in
memory. Instead: `python -m generator build --out OUT/docs --with-content` writes the
generated pages and content/ (citations resolved) into one folder, OUT/mkdocs.yml is the
project's mkdocs.yml with docs_dir pointing there (and the snippets' base path made
absolute), and `zensical build -f OUT/mkdocs.yml` builds it into OUT/site. Zensical keeps
its own cache in OUT/.cache. Last, the formulas in OUT/site become MathML, the step that the
MkDocs hook does for a MkDocs build (generator/mathml.py, the same code).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from generator.mathml import latex_to_mathml  # noqa: E402

PYTHON = sys.executable
ZENSICAL = str(Path(PYTHON).with_name("zensical"))


def write_config(project: Path, out: Path) -> Path:
    """OUT/mkdocs.yml: the project's configuration, reading OUT/docs and writing OUT/site."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for docs/, mkdocs.yml and site/ (outside content/)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this checkout)")
    parser.add_argument("--no-build", action="store_true", help="only write OUT/docs and OUT/mkdocs.yml")
    args = parser.parse_args(argv)
    project, out = args.root.resolve(), args.out.resolve()
    for step in ([lambda: prepare(project, out)] + ([] if args.no_build else [lambda: build(out)])):
        result = step()
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        if result.returncode != 0:
            return result.returncode
    if not args.no_build:
        print(f"{formulas_to_mathml(out / 'site')} pages with formulas turned into MathML")
    return 0


if __name__ == "__main__":
    sys.exit(main())
