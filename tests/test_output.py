"""`python -m generator build --out DIR`: writes only what changed, never outside DIR, never into content/."""

from __future__ import annotations

from conftest import PYTHON, ROOT, run


def build(project, out):
    return run([PYTHON, "-m", "generator", "--root", str(project), "build", "--out", str(out)], cwd=ROOT)


def test_build_writes_pages_then_nothing_when_unchanged(tiny_project, tmp_path):
    out = tmp_path / "pages"
    first = build(tiny_project, out)
    assert first.returncode == 0, first.stderr
    assert (out / "models" / "example-open.md").is_file()
    assert "; 0 written" not in first.stdout
    second = build(tiny_project, out)
    assert "; 0 written, the rest unchanged." in second.stdout


def test_a_changed_record_rewrites_only_its_dependants(tiny_project, tmp_path):
    out = tmp_path / "pages"
    build(tiny_project, out)
    record = tiny_project / "data" / "criteria" / "example-privacy.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Must the data stay in house?", "Must data stay home?"), encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = build(tiny_project, out)
    assert result.returncode == 0, result.stderr
    rewritten = sorted(p.relative_to(out).as_posix() for p in before if p.stat().st_mtime_ns != before[p])
    assert rewritten == ["api/v1/all.json", "api/v1/criteria.csv", "api/v1/criteria.json",
                         "api/v1/criteria/example-privacy.json", "checklist.md",
                         "criteria/example-privacy.md", "criteria/index.md", "domains/matrix.md"]


def test_removed_record_page_is_deleted_but_other_files_are_kept(tiny_project, tmp_path):
    out = tmp_path / "pages"
    build(tiny_project, out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (tiny_project / "data" / "models" / "example-closed.yaml").unlink()
    domain = tiny_project / "data" / "domains" / "example-domain.yaml"
    domain.write_text(domain.read_text(encoding="utf-8").replace(", example-closed]", "]"), encoding="utf-8")
    result = build(tiny_project, out)
    assert result.returncode == 0, result.stderr
    assert not (out / "models" / "example-closed.md").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_refuses_to_write_into_content(tiny_project):
    before = sorted(p.name for p in (tiny_project / "content").rglob("*"))
    result = build(tiny_project, tiny_project / "content" / "generated")
    assert result.returncode == 1
    assert "inside content/" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (tiny_project / "content").rglob("*")) == before


def test_invalid_data_writes_nothing(tiny_project, tmp_path):
    out = tmp_path / "pages"
    record = tiny_project / "data" / "models" / "example-open.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("access: open-weights", "access: bogus"), encoding="utf-8")
    result = build(tiny_project, out)
    assert result.returncode == 1
    assert not out.exists()


def test_compact_html_removes_indentation_but_keeps_preformatted_text_and_scripts():
    from generator.site.compact import compact_html
    page = "<div>\n    <p>x</p>\n  <pre><code>a\n    b</code></pre>\n  <script>\n  var s = `\n  x`;</script>\n</div>"
    assert compact_html(page) == ("<div>\n<p>x</p>\n<pre><code>a\n    b</code></pre>\n"
                                  "<script>\n  var s = `\n  x`;</script>\n</div>")
