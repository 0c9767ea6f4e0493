"""generator/pipeline.py reuses (through generator/cache.py) the last pages only while every input is unchanged;
`build --out DIR --with-content` makes a docs folder that another engine (Zensical) can build."""

from __future__ import annotations

from conftest import PYTHON, ROOT, run

from generator.cache import CACHE_DIR
from generator.pipeline import generate
from generator.site.settings import SiteSettings
from generator.data.problems import DataError


def test_unchanged_inputs_reuse_the_cache_and_any_change_rebuilds(tiny_project):
    first = generate(tiny_project)
    assert not first.cached
    again = generate(tiny_project)
    assert again.cached and again.pages == first.pages and again.references.keys() == first.references.keys()

    record = tiny_project / "data" / "models" / "example-open.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    changed = generate(tiny_project)
    assert not changed.cached
    assert "Renamed" in changed.pages["models/example-open.md"]


def test_arguments_are_part_of_the_key(tiny_project):
    generate(tiny_project, SiteSettings(repo_url=None))
    other = generate(tiny_project, SiteSettings(repo_url="https://github.com/org/repo"))
    assert not other.cached
    assert "https://github.com/org/repo/edit/main/" in other.pages["models/example-open.md"]


def test_invalid_data_is_never_cached(tiny_project):
    generate(tiny_project)
    record = tiny_project / "data" / "models" / "example-open.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "surprise: field\n", encoding="utf-8")
    for _ in range(2):
        try:
            generate(tiny_project)
        except DataError as error:
            assert any("surprise" in str(problem) for problem in error.problems)
        else:
            raise AssertionError("invalid data must raise DataError, also the second time")


def test_a_broken_cache_file_is_ignored(tiny_project):
    first = generate(tiny_project)
    for entry in (tiny_project / CACHE_DIR).glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    again = generate(tiny_project)
    assert not again.cached and again.pages == first.pages


def build(project, out, *extra):
    return run([PYTHON, "-m", "generator", "--root", str(project), "build", "--out", str(out), *extra], cwd=ROOT)


def test_with_content_adds_the_content_pages_with_citations_resolved(tiny_project, tmp_path):
    page = tiny_project / "content" / "cited.md"
    key = next(line.split("{", 1)[1].split(",", 1)[0] for line in
               (tiny_project / "references.bib").read_text(encoding="utf-8").splitlines() if line.startswith("@"))
    page.write_text(f"# Cited\n\nA claim [@{key}].\n", encoding="utf-8")
    out = tmp_path / "docs"
    result = build(tiny_project, out, "--with-content")
    assert result.returncode == 0, result.stderr
    assert (out / "models" / "example-open.md").is_file()
    assert (out / "assets" / "matrix.js").read_bytes() == (tiny_project / "content" / "assets" / "matrix.js").read_bytes()
    text = (out / "cited.md").read_text(encoding="utf-8")
    assert f"[@{key}]" not in text and 'class="citation"' in text
    assert "; 0 written, the rest unchanged." in build(tiny_project, out, "--with-content").stdout


def test_with_content_refuses_a_clash(tiny_project, tmp_path):
    (tiny_project / "content" / "glossary.md").write_text("# Mine\n", encoding="utf-8")
    result = build(tiny_project, tmp_path / "docs", "--with-content")
    assert result.returncode == 1
    assert "glossary.md clashes with the hand-written content/glossary.md" in result.stderr
