"""The same generated pages build with Zensical, Material's successor (python -m generator zensical)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zensical")
    result = subprocess.run([sys.executable, "-m", "generator", "zensical", str(out)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "site"


def _pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def test_zensical_builds_the_same_pages_as_mkdocs(zensical_site, site):
    assert _pages(zensical_site) == _pages(site)


def test_zensical_pages_show_the_data(zensical_site):
    page = (zensical_site / "models" / "llama-2" / "index.html").read_text(encoding="utf-8")
    assert "Llama 2" in page and 'id="ref-1"' in page


def test_zensical_formulas_are_mathml(zensical_site):
    page = (zensical_site / "primer" / "background" / "index.html").read_text(encoding="utf-8")
    assert "<math" in page and 'class="arithmatex"' not in page


def test_zensical_builds_the_chinese_edition(zensical_site):
    page = (zensical_site / "zh" / "checklist" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in page and "决策清单" in page


def test_zensical_language_switcher_leads_to_the_same_page(zensical_site):
    english = (zensical_site / "models" / "llama-2" / "index.html").read_text(encoding="utf-8")
    chinese = (zensical_site / "zh" / "models" / "llama-2" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../zh/models/llama-2/" hreflang="zh"' in english
    assert 'href="../../../models/llama-2/" hreflang="en"' in chinese
