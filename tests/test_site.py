"""The real site: `mkdocs build --strict` succeeds, every internal link resolves, builds are
reproducible, record pages stay small, and nothing is fetched from outside."""

from __future__ import annotations

import os
import re
from conftest import ROOT, mkdocs_build
from generator.data.load import KINDS
from generator.site.links import broken_internal_links

RECORD_PAGE_LIMIT = 50_000


def test_strict_build_succeeds(site):
    assert (site / "index.html").is_file()
    assert (site / "models" / "index.html").is_file()
    assert (site / "references" / "index.html").is_file()


def test_no_broken_internal_link(site):
    broken = broken_internal_links(site)
    assert not broken, "\n".join(broken[:50])


def test_every_record_has_a_page(site):
    for kind in KINDS:
        for record in (ROOT / "data" / kind).glob("*.yaml"):
            assert (site / kind / record.stem / "index.html").is_file(), f"no page for {kind}/{record.stem}"


def test_record_pages_are_small(site):
    for kind in KINDS:
        for page in (site / kind).glob("*/index.html"):
            if page.parent.name == "matrix":
                continue
            size = page.stat().st_size
            assert size < RECORD_PAGE_LIMIT, f"{page.relative_to(site)} is {size} bytes"


def test_no_request_leaves_the_site(site):
    pattern = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        offending = [m.group(0) for m in pattern.finditer(text) if 'rel="canonical"' not in m.group(0)]
        assert not offending, f"{page.relative_to(site)} loads {offending[:3]}"
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8", errors="replace")


def test_records_are_not_listed_in_the_navigation(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = html[html.find('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.find("</nav>")]
    record = next((ROOT / "data" / "models").glob("*.yaml")).stem
    assert f"models/{record}/" not in nav


def test_two_builds_are_byte_identical_across_time_zones_and_locales(site, tmp_path):
    env = dict(os.environ, TZ="Pacific/Kiritimati", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    other = tmp_path / "again"
    result = mkdocs_build(ROOT, other, env=env)
    assert result.returncode == 0, result.stderr
    result = mkdocs_build(ROOT, other / "zh", env=env, config="mkdocs.zh.yml")
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(other).as_posix(): p.read_bytes() for p in other.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differing = [path for path in first if first[path] != second[path]]
    assert not differing, differing


def test_no_broken_link_without_directory_urls(tmp_path):
    """Every generated link follows MkDocs' use_directory_urls: models/x.html as well as models/x/."""
    import yaml
    from conftest import make_project
    project = make_project(tmp_path / "project")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["use_directory_urls"] = False
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "models" / "example-open.html").is_file()
    broken = broken_internal_links(out)
    assert not broken, "\n".join(broken[:50])


def test_the_pages_workflow_turns_on_edit_and_report_links(tmp_path):
    """The Pages workflow sets REPO_URL from the repository it runs in; mkdocs.yml reads it with !ENV,
    and the record pages then link to edit the record and to report wrong data."""
    import yaml
    from conftest import make_project
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "REPO_URL: ${{ github.server_url }}/${{ github.repository }}" in workflow
    assert 'repo_url: !ENV [REPO_URL, ""]' in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    project = make_project(tmp_path / "project")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("repo_url", None)
    text = yaml.safe_dump(config, sort_keys=False) + 'repo_url: !ENV [REPO_URL, ""]\n'
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    result = mkdocs_build(project, out, env=dict(os.environ, REPO_URL="https://github.com/example/open-or-closed"))
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "models" / "example-open" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/open-or-closed/edit/main/data/models/example-open.yaml"' in page
    assert "https://github.com/example/open-or-closed/issues/new?template=report-wrong-data.yml" in page
