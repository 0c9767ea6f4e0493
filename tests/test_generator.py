"""Generated pages for the tiny fixture match the golden files in tests/golden/tiny/.

After an intended change to the templates, refresh them with
`UPDATE_GOLDEN=1 python -m pytest tests/test_generator.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import make_project
from generator.site.pages import build_pages, cite_content_page
from generator.site.settings import SiteSettings
from generator.data.validate import load_valid_dataset

GOLDEN = Path(__file__).parent / "golden" / "tiny"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("tiny") / "project")
    return build_pages(load_valid_dataset(project))


def readable(path: str, text: str) -> str:
    """JSON pages are compact; their golden copies are indented, so that a diff shows what changed."""
    if path.endswith(".json"):
        return json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
    return text


def test_pages_match_golden_files(pages):
    # The published schemas are copies of schemas/, checked by test_exports.py.
    pages = {path: readable(path, text) for path, text in pages.items() if not path.startswith("api/v1/schemas/")}
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert set(pages) == expected
    for path, text in pages.items():
        with open(GOLDEN / path, encoding="utf-8", newline="") as stream:   # keep the calendar's CRLF
            assert text == stream.read(), f"{path} differs from tests/golden/tiny/{path}"


def test_every_record_has_a_page_and_an_index_row(pages):
    for page in ("models/example-open.md", "models/example-closed.md", "licences/example-permissive.md",
                 "domains/example-domain.md", "criteria/example-privacy.md", "references.md", "glossary.md"):
        assert page in pages
    assert 'href="../models/example-open/"' in pages["models/index.md"]
    assert 'href="../models/example-closed/"' in pages["models/index.md"]


def test_data_text_is_escaped(pages):
    page = pages["models/example-closed.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page


def test_citations_are_numbered_in_order_of_first_use(pages):
    page = pages["models/example-open.md"]
    assert page.index('href="#ref-1"') < page.index('href="#ref-2"')
    assert '<span id="ref-1"></span>' in page and "## References" in page


def test_references_end_each_part_with_one_full_stop():
    from generator.site.templating import sentence
    assert sentence("Touvron, Hugo et al.") == "Touvron, Hugo et al."
    assert sentence("Open or closed?") == "Open or closed?"
    assert sentence("Llama 2 model card") == "Llama 2 model card."


def test_bibliography_has_no_doubled_full_stops(pages):
    assert ".." not in pages["references.md"].replace("...", "")


def test_content_page_citations(tmp_path):
    project = make_project(tmp_path / "project")
    dataset = load_valid_dataset(project)
    text = cite_content_page("# T\n\nA claim [@fixture2023paper] and another [@fixture2024card], again [@fixture2023paper].\n",
                             dataset.references, page_depth=0)
    assert text.count('href="#ref-1"') == 2 and text.count('href="#ref-2"') == 1
    assert "## References" in text and "arXiv:2301.00001" in text


def test_several_keys_in_one_citation(tmp_path):
    project = make_project(tmp_path / "project")
    dataset = load_valid_dataset(project)
    text = cite_content_page("# T\n\nBoth [@fixture2023paper; @fixture2024card].\n", dataset.references, page_depth=0)
    assert 'href="#ref-1"' in text and 'href="#ref-2"' in text and "[@" not in text


def test_record_pages_link_to_edit_and_report_when_repo_url_is_set(tmp_path):
    dataset = load_valid_dataset(make_project(tmp_path / "project"))
    page = build_pages(dataset, SiteSettings(repo_url="https://github.com/example/repo/"))["models/example-open.md"]
    assert "https://github.com/example/repo/edit/main/data/models/example-open.yaml" in page
    assert "issues/new?template=report-wrong-data.yml&amp;record=data/models/example-open.yaml" in page
    without = build_pages(dataset)["models/example-open.md"]
    assert "Edit this record" not in without and "data/models/example-open.yaml" in without


def test_stale_flag_is_relative_to_the_data_version_not_the_build_date():
    from generator.data.derived import is_stale
    assert is_stale("2024-01-01", "2025-06-01")
    assert not is_stale("2025-01-01", "2025-06-01")


def test_gaps_page_lists_every_unknown_component(pages):
    gaps = pages["gaps.md"]
    # The tiny fixture: example-closed and example-legacy have two unknown components, example-open and
    # example-research one each.
    assert "6 of " in gaps and "(4 of 4 models)" in gaps
    assert "[Data documentation](models/example-closed.md#openness-data_documentation)" in gaps
    assert "None: every licence's rules were read in full" in gaps


def test_related_model_lists_are_capped(tmp_path, monkeypatch):
    """A record page lists at most FAMILY_LIMIT family members, so it stays small as the data grows."""
    import generator.site.pages as render
    project = make_project(tmp_path / "project")
    source = project / "data" / "models" / "example-research.yaml"
    copy = source.read_text(encoding="utf-8").replace("id: example-research", "id: example-research-2")
    (source.parent / "example-research-2.yaml").write_text(copy, encoding="utf-8")
    monkeypatch.setattr(render, "FAMILY_LIMIT", 1)
    page = build_pages(load_valid_dataset(project))["models/example-open.md"]
    family = next(line for line in page.splitlines() if line.startswith("| Family |"))
    assert family.count("](../models/") == 1 and "and 1 more" in family


def test_whats_new_lists_the_newest_records_and_says_how_many_there_are(pages, tmp_path, monkeypatch):
    import generator.site.pages as render
    assert "most recently verified" not in pages["changes.md"]
    monkeypatch.setattr(render, "CHANGES_LIMIT", 2)
    page = build_pages(load_valid_dataset(make_project(tmp_path / "project")))["changes.md"]
    assert page.count("\n- [") == 2 and "The 2 most recently verified of" in page


def test_pages_do_not_depend_on_the_hash_seed(tmp_path):
    """Two developers whose names differ only in case once kept a set's order, which changes
    with Python's per-process hash seed: the matrix then differed from build to build."""
    import subprocess
    import sys
    project = make_project(tmp_path / "project")
    research = project / "data" / "models" / "example-research.yaml"
    research.write_text(research.read_text(encoding="utf-8").replace(
        "developer: Example Lab", "developer: EXAMPLE LAB"), encoding="utf-8")
    code = ("import sys; from pathlib import Path; from generator.site.pages import build_pages; "
            "from generator.data.validate import load_valid_dataset; "
            "print(build_pages(load_valid_dataset(Path(sys.argv[1])))['models/matrix.md'])")
    outputs = set()
    for seed in range(6):
        result = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True,
                                env={**os.environ, "PYTHONHASHSEED": str(seed)}, cwd=Path(__file__).parents[1])
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert "EXAMPLE LAB" in next(iter(outputs)) and len(outputs) == 1
