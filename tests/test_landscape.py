"""The landscape report, "The state of play" (generator/site/landscape.py): golden output on the tiny
fixture, figures that follow the records, editions and what changed between them, the command
line, the PDF (headless Chromium, pdfinfo), and CITATION.cff against the CFF 1.2.0 schema.

After an intended change, refresh the golden files with
`UPDATE_GOLDEN=1 python -m pytest tests/test_landscape.py` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import CHROMIUM, PYTHON, ROOT, make_project, run
from generator.data.validate import load_valid_dataset
from generator.site import landscape
from generator.site.landscape import (EditionError, editions, facts, landscape_html, landscape_markdown, landscape_of,
                                      release_edition)

GOLDEN = Path(__file__).parent / "golden" / "landscape"
CFF_SCHEMA = Path(__file__).parent / "vendor" / "cff" / "schema-1.2.0.json"
STRINGS = yaml.safe_load((ROOT / "data" / "strings" / "en.yaml").read_text(encoding="utf-8"))
L = STRINGS["landscape"]


def golden(name: str, text: str):
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from tests/golden/landscape/{name}"


def sentence(text: str, **values) -> str:
    """A text of the strings filled in as the report fills it, with plain values."""
    return text.format(**values)


def percent(count: int, total: int) -> str:
    return STRINGS["common"]["percent"].format(value=int(100 * count / total + 0.5))


# ---------------------------------------------------------------- the tiny fixture

@pytest.fixture
def tiny(tmp_path) -> Path:
    return make_project(tmp_path / "project")


def test_tiny_report_matches_golden_file(tiny):
    golden("tiny.md", landscape_markdown(landscape_of(load_valid_dataset(tiny))))


def test_changes_since_the_previous_edition_match_golden_file(tiny):
    """An edition released, then a model added, one removed, one corrected and one moved to another
    licence, and a licence's terms changed: the next report lists each."""
    release_edition(load_valid_dataset(tiny), "2026.01", released="2026-01-15")
    models = tiny / "data" / "models"
    added = (models / "example-research.yaml").read_text(encoding="utf-8").replace("id: example-research", "id: example-added")
    (models / "example-added.yaml").write_text(added.replace("name: Example Research", "name: Example Added"), encoding="utf-8")
    (models / "example-legacy.yaml").unlink()
    edit(models / "example-closed.yaml", "release: 2024-02", "release: 2024-03")
    edit(models / "example-open.yaml", "licence: example-permissive", "licence: example-noncommercial")
    edit(tiny / "data" / "licences" / "example-service-terms.yaml", "conditions: [use-restrictions]", "conditions: []")
    dataset = load_valid_dataset(tiny)
    report = landscape_of(dataset)
    assert report.edition is None and report.previous.version == "2026.01"
    changes = facts(dataset, report.previous.records())["changes"]
    assert (changes["added"], changes["removed"], changes["corrected"], changes["licences"]) == (1, 1, 3, 2)
    moved = next(row for row in changes["rows"] if row["id"] == "example-open")
    assert moved["licence"] == ("example-permissive", "example-noncommercial")
    text = landscape_markdown(report)
    assert sentence(L["changes"]["counts"], added=1, removed=1, corrected=3, licences=2) in text
    assert "Example Added" in text and "Example Legacy" in text
    golden("tiny-changes.md", text)


def edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_first_edition_says_so(tiny):
    dataset = load_valid_dataset(tiny)
    before = landscape_markdown(landscape_of(dataset))
    assert L["changes"]["working_first"] in before and L["changes"]["first"] not in before
    release_edition(dataset, "2026.01", released="2026-01-15")
    report = landscape_of(load_valid_dataset(tiny))
    assert report.edition.version == "2026.01" and report.previous is None
    text = landscape_markdown(report)
    assert L["changes"]["first"] in text
    assert "Edition 2026.01, released 2026-01-15." in text


def test_a_past_edition_is_regenerated_from_its_records(tiny):
    """The report of an edition, generated later from data/editions/, is the one of its day."""
    dataset = load_valid_dataset(tiny)
    release_edition(dataset, "2026.01", released="2026-01-15")
    at_release = landscape_markdown(landscape_of(load_valid_dataset(tiny)))
    (tiny / "data" / "models" / "example-legacy.yaml").unlink()
    later = load_valid_dataset(tiny)
    release_edition(later, "2026.02", released="2026-02-15")
    assert [e.version for e in editions(tiny)] == ["2026.01", "2026.02"]
    assert landscape_markdown(landscape_of(later, "2026.01")) == at_release
    second = landscape_of(later, "latest")
    assert second.edition.version == "2026.02" and second.previous.version == "2026.01"
    assert sentence(L["changes"]["counts"], added=0, removed=1, corrected=0, licences=0) in landscape_markdown(second)


def test_editions_are_never_rewritten_and_go_forward(tiny):
    dataset = load_valid_dataset(tiny)
    for bad in ("2026", "2026.13", "26.01", "2026.1", "latest"):
        with pytest.raises(EditionError):
            release_edition(dataset, bad)
    release_edition(dataset, "2026.03", released="2026-03-01")
    with pytest.raises(EditionError, match="exists already"):
        release_edition(dataset, "2026.03")
    with pytest.raises(EditionError, match="newer than"):
        release_edition(dataset, "2026.02")
    with pytest.raises(EditionError, match="no edition 2025.01"):
        landscape_of(dataset, "2025.01")
    kept = tiny / "data" / "editions" / "2026.03"
    assert sorted(p.name for p in kept.iterdir()) == ["criteria.json", "domains.json", "edition.json", "licences.json",
                                                      "models.json", "vocabularies.json"]
    meta = json.loads((kept / "edition.json").read_text(encoding="utf-8"))
    assert meta["records"]["models"] == len(dataset.records["models"]) and meta["released"] == "2026-03-01"
    # As the open data exports them: the same bytes as api/v1/models.json.
    from generator.site.pages import build_pages
    assert (kept / "models.json").read_text(encoding="utf-8") == build_pages(dataset)["api/v1/models.json"]


def test_command_line_writes_markdown_and_html_and_releases(tiny):
    out = tiny / "out"
    result = run([PYTHON, "-m", "generator", "--root", str(tiny), "landscape", "--format", "html", "-o",
                  str(out / "report.html")], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html and "@media print" in html
    assert '<nav class="contents"' in html and html.count('<figure class="chart landscape-figure"') == 8
    result = run([PYTHON, "-m", "generator", "--root", str(tiny), "landscape", "--lang", "zh"], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    (tiny / "data" / "strings" / "zh.yaml").unlink()
    result = run([PYTHON, "-m", "generator", "--root", str(tiny), "landscape", "--lang", "zh"], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert L["summary"]["heading"] in result.stdout, "without zh.yaml, the report falls back to English"
    result = run([PYTHON, "-m", "generator", "--root", str(tiny), "landscape", "--release", "2026.04",
                  "--date", "2026-04-30"], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert (tiny / "data" / "editions" / "2026.04" / "edition.json").is_file()
    again = run([PYTHON, "-m", "generator", "--root", str(tiny), "landscape", "--release", "2026.04"], cwd=ROOT)
    assert again.returncode == 1 and "exists already" in again.stderr
    usage = run([PYTHON, "-m", "generator", "--root", str(tiny), "landscape", "--format", "pdf"], cwd=ROOT)
    assert usage.returncode == 2 and "-o FILE" in usage.stderr


def test_the_site_page_is_generated_with_its_print_stylesheet(tiny):
    from generator.site.pages import build_pages
    page = build_pages(load_valid_dataset(tiny))["landscape.md"]
    assert page.startswith("# " + L["meta"]["title"].format(site=STRINGS["site"]["name"]))
    assert "<style>" in page and "@media print" in page
    assert "[Example Non-Commercial Licence](licences/example-noncommercial.md)" in page


# ---------------------------------------------------------------- no figure is typed by hand

def test_report_texts_hold_no_number():
    """Every number in the report comes from a computation: the strings have placeholders, not figures."""
    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{path}.{key}")
        else:
            yield path, re.sub(r"\{[a-z_]+\}", "", value)
    found = [(path, text) for path, text in walk(L, "landscape") if re.search(r"\d", text)]
    assert not found, found
    template = (ROOT / "generator" / "templates" / "landscape.md.j2").read_text(encoding="utf-8")
    prose = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", "", template, flags=re.S)
    assert not re.search(r"\d", prose), "a number in the template's own text"


def shipped_copy(destination: Path) -> Path:
    """The project's data and references in a folder of their own."""
    destination.mkdir()
    shutil.copytree(ROOT / "data", destination / "data")
    shutil.copy(ROOT / "references.bib", destination / "references.bib")
    shutil.rmtree(destination / "data" / "editions", ignore_errors=True)
    return destination


def removable_models(project: Path) -> list[dict]:
    """Models that no other record names, with their data, so that removing them leaves valid data."""
    files = [p for p in (project / "data").rglob("*.yaml") if "translations" not in p.parts]
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    found = []
    for path in sorted((project / "data" / "models").glob("*.yaml")):
        model = yaml.safe_load(texts[path])
        pattern = re.compile(rf"(?<![\w-]){re.escape(model['id'])}(?![\w-])")
        if not any(pattern.search(text) for other, text in texts.items() if other != path):
            found.append(model)
    return found


def test_removing_records_changes_the_figures(tmp_path):
    """Remove open-weight models of the newest year from a copy of the shipped data: the totals, the
    newest year's count and share, the access counts and the figures' tables all follow."""
    project = shipped_copy(tmp_path / "shipped")
    models = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((project / "data" / "models").glob("*.yaml"))]
    newest = max(int(str(m["release"])[:4]) for m in models)
    gone = [m for m in removable_models(project)
            if int(str(m["release"])[:4]) == newest and str(m["access"]).startswith("open-weights")][:3]
    assert len(gone) == 3, "the shipped data has too few removable open-weight models of its newest year"
    before = landscape_markdown(landscape_of(load_valid_dataset(project)))
    for model in gone:
        (project / "data" / "models" / f"{model['id']}.yaml").unlink()
        for translation in (project / "data" / "translations").glob(f"*/models/{model['id']}.yaml"):
            translation.unlink()
    dataset = load_valid_dataset(project)
    after = landscape_markdown(landscape_of(dataset))
    left = [m for m in models if m["id"] not in {g["id"] for g in gone}]
    # Expected numbers, counted here from the YAML, not by the report's code.
    total, opened = len(left), sum(1 for m in left if str(m["access"]).startswith("open-weights"))
    years = [int(str(m["release"])[:4]) for m in left]
    expected = sentence(L["releases"]["total"], total=total, first=min(years), last=max(years), open=opened,
                        open_share=percent(opened, total), closed=total - opened, closed_share=percent(total - opened, total))
    assert expected in after and expected not in before
    of_year = [m for m in left if int(str(m["release"])[:4]) == newest]
    open_of_year = sum(1 for m in of_year if str(m["access"]).startswith("open-weights"))
    latest = f"In {newest}, the newest year in the catalogue, {open_of_year} of {len(of_year)} releases had open weights ({percent(open_of_year, len(of_year))})"
    assert latest in after and latest not in before
    for term in {g["access"] for g in gone}:
        label = dataset.label("access", term)
        count = sum(1 for m in left if m["access"] == term)
        item = sentence(L["releases"]["item"], label=label, count=count, share=percent(count, total))
        assert item in after, item
    row = re.search(rf"<tr><th scope=\"row\">{newest}</th>(.*?)</tr>", after.split('id="figure-releases"')[1]).group(1)
    assert row.endswith(f"<td>{len(of_year)}</td>"), row
    assert before != after


# ---------------------------------------------------------------- the PDF

def require_pdf_tools():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing; .ci/run installs it from Debian's packages")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI runs these tests")
    if not shutil.which("pdfinfo"):
        pytest.fail("pdfinfo is missing; .ci/run installs poppler-utils")


def test_pdf_is_a4_with_contents_page_numbers_and_every_figure_with_its_table(tiny, tmp_path):
    require_pdf_tools()
    pdf = tmp_path / "state-of-play.pdf"
    result = run([PYTHON, "-m", "generator", "--root", str(tiny), "landscape", "--format", "pdf", "-o", str(pdf)],
                 cwd=ROOT, env={**os.environ, "CHROMIUM": CHROMIUM})
    assert result.returncode == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "(A4)" in info and pages > 3, info
    assert f"{pages} A4 pages" in result.stdout
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "a font is not embedded:\n" + "\n".join(fonts)
    text = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                           text=True).stdout for n in range(1, pages + 1)]
    first = text[0]
    assert L["meta"]["contents"] in first
    # The contents give each section's page, and the section is on that page.
    for heading in (L["releases"]["heading"], L["changes"]["heading"], L["method"]["heading"]):
        number = int(re.search(rf"{re.escape(heading)}\s+(\d+)\s*$", first, re.M).group(1))
        assert heading in text[number - 1], f"{heading} is not on page {number}"
    for n, page in enumerate(text, start=1):
        assert f"{n} / {pages}" in page, f"page {n} has no page number"
    whole = "\n".join(text)
    for number in range(1, 8):
        assert f"Figure {number}." in whole and f"Figure {number} as a table" in whole


def test_pdf_destinations_are_read_from_chromium_pdfs():
    pdf = (b"1 0 obj\n<</Type /Catalog\n/Pages 2 0 R\n/Dests 5 0 R>>\nendobj\n"
           b"2 0 obj\n<</Type /Pages\n/Count 2\n/Kids [3 0 R 4 0 R]>>\nendobj\n"
           b"3 0 obj\n<</Type /Page\n/Parent 2 0 R>>\nendobj\n4 0 obj\n<</Type /Page\n/Parent 2 0 R>>\nendobj\n"
           b"5 0 obj\n<</a-b [4 0 R /XYZ 6 800 0]\n/c [3 0 R /XYZ 6 100 0]>>\nendobj\n")
    assert landscape.pdf_destinations(pdf) == {"a-b": 2, "c": 1}
    assert landscape.pdf_page_count(pdf) == 2


# ---------------------------------------------------------------- editions and CITATION.cff

def test_shipped_editions_are_complete():
    released = editions(ROOT)
    assert released, "data/editions/ holds no edition"
    for edition in released:
        meta = json.loads((edition.folder / "edition.json").read_text(encoding="utf-8"))
        assert meta["version"] == edition.version
        dt.date.fromisoformat(meta["released"])
        for kind, count in meta["records"].items():
            assert len(json.loads((edition.folder / f"{kind}.json").read_text(encoding="utf-8"))) == count


def test_citation_file_validates_and_names_the_newest_edition():
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    # The schema's own note: YAML dates are cast to strings before validating.
    citation = json.loads(json.dumps(citation, default=str))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(citation)
    newest = editions(ROOT)[-1]
    assert citation["version"] == newest.version and citation["date-released"] == newest.released
    report = next(r for r in citation.get("references", []) if r["type"] == "report")
    assert report["version"] == newest.version


def test_releasing_sets_the_citation_version(tiny):
    shutil.copy(ROOT / "CITATION.cff", tiny / "CITATION.cff")
    assert landscape.update_citation(tiny, "2031.07", "2031-07-02")
    citation = yaml.safe_load((tiny / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["version"] == "2031.07" and str(citation["date-released"]) == "2031-07-02"
    assert all(r["version"] == "2031.07" for r in citation["references"] if "version" in r)


# ---------------------------------------------------------------- accessibility of the page

def test_site_page_has_no_serious_axe_violations(page, tiny_site_url):
    from test_accessibility import axe_violations, describe, failing
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        response = page.goto(f"{tiny_site_url}/landscape/")
        assert response is not None and response.ok
        figures = page.locator("figure.landscape-figure")
        assert figures.count() == 8
        for figure in figures.all():
            assert figure.locator("svg[role=img] title").count() >= 1 and figure.locator("table th[scope]").count() > 0
        found = failing(axe_violations(page))
        assert not found, f"landscape ({scheme}):\n{describe(found)}"


def test_the_published_pdf_has_the_name_the_page_links():
    """`make landscape` writes the PDF that the site's page links to where it is published."""
    assert f"-o site/{landscape.PDF_NAME}" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make landscape" in (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")


def test_the_page_links_the_newest_editions_pdf_where_the_site_is_published(tiny):
    from generator.site.pages import build_pages
    from generator.site.settings import SiteSettings
    dataset = load_valid_dataset(tiny)
    assert "state-of-play.pdf" not in build_pages(dataset, SiteSettings(site_url="https://example.org/site/"))["landscape.md"]
    release_edition(dataset, "2026.01", released="2026-01-15")
    dataset = load_valid_dataset(tiny)
    assert "](<https://example.org/site/state-of-play.pdf>)" in build_pages(
        dataset, SiteSettings(site_url="https://example.org/site/"))["landscape.md"]
    assert "state-of-play.pdf" not in build_pages(dataset)["landscape.md"]
