"""Hostile text is shown as text; a failed build leaves the last site untouched; mutated
records never cause a traceback."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_project, mkdocs_build
from generator.data.load import KINDS, read_dataset
from generator.data.problems import errors
from generator.site.pages import build_pages
from generator.data.validate import check_dataset

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> [link](javascript:alert(2)) {: onclick="alert(3)"} $x$'


def _inject(project: Path):
    # Names become page titles and may not hold < or > (an invalid case checks that); every
    # other text field is shown escaped.
    for path, fields in {"data/models/example-open.yaml": ["summary", "developer"],
                         "data/licences/example-permissive.yaml": ["summary"],
                         "data/domains/example-domain.yaml": ["summary"],
                         "data/criteria/example-privacy.yaml": ["why", "question"]}.items():
        text = (project / path).read_text(encoding="utf-8")
        for name in fields:
            text = re.sub(rf"^{name}: .*$", f"{name}: {yaml.safe_dump(HOSTILE, width=10_000).strip()}", text, count=1, flags=re.M)
        text = text.replace("note: Some scripts only.", f"note: {yaml.safe_dump(HOSTILE, width=10_000).strip()}")
        (project / path).write_text(text, encoding="utf-8")
    # The hostile developer name is one of its organisation's names, so that it reaches the coverage page.
    developers = project / "data" / "developers.yaml"
    listed = yaml.safe_load(developers.read_text(encoding="utf-8"))
    listed["developers"][0]["names"].append(HOSTILE)
    developers.write_text(yaml.safe_dump(listed, allow_unicode=True, width=10_000), encoding="utf-8")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.handlers, self.scripts, self.hrefs = [], [], []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if name in ("href", "src") and value and value.strip().lower().startswith("javascript:"):
                self.hrefs.append((tag, value))
        if tag == "script":
            self.scripts.append(dict(attrs))


def test_hostile_text_is_shown_literally_and_never_runs(tmp_path):
    project = make_project(tmp_path / "project")
    _inject(project)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        parser = _Tags()
        parser.feed(html)
        assert not parser.handlers, f"{page}: event handler attributes {parser.handlers[:3]}"
        assert not parser.hrefs, f"{page}: javascript: links {parser.hrefs[:3]}"
        for script in parser.scripts:
            assert script.get("src", "").endswith(".js") or script.get("type") == "application/json" or not script, (page, script)
        assert 'alert("x")</script>' not in html
        if "&lt;script&gt;alert" in html:
            checked += 1
    assert checked >= 5, "the hostile text should appear, escaped, on several pages"
    record = (site / "models" / "example-open" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in record
    assert "[link](javascript:alert(2))" in record


def test_failed_build_leaves_the_last_site_untouched(tmp_path):
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    record = project / "data" / "models" / "example-open.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("access: open-weights", "access: nonsense"), encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    assert "access: 'nonsense' is not a term" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


# ---------------------------------------------------------------- fuzzing

@pytest.fixture(scope="module")
def base_dataset(tmp_path_factory):
    dataset, problems = read_dataset(make_project(tmp_path_factory.mktemp("fuzz") / "project"))
    assert not errors(problems)
    return dataset


JUNK = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(allow_nan=True),
                 st.text(max_size=30), st.lists(st.text(max_size=10), max_size=3),
                 st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3))


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, prefix + (index,))


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_records_never_crash(base_dataset, data):
    dataset = copy.deepcopy(base_dataset)
    kind = data.draw(st.sampled_from(list(KINDS)))
    record = dataset.records[kind][data.draw(st.sampled_from(sorted(dataset.records[kind])))]
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(record.data) if p]
        path = data.draw(st.sampled_from(paths))
        parent = record.data
        for part in path[:-1]:
            parent = parent[part]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(JUNK)
    problems = check_dataset(dataset)
    for problem in problems:
        assert problem.file and problem.message
    if not errors(problems):
        pages = build_pages(dataset)
        assert "models/index.md" in pages
