"""Shared helpers: temporary projects built from fixtures, and the project's own paths."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
PYTHON = sys.executable


def make_project(destination: Path, fixture: str = "tiny", with_content: bool = False) -> Path:
    """A project folder with the fixture's data, the project's vocabularies and a mkdocs.yml
    whose hook points at this checkout's generator."""
    shutil.copytree(FIXTURES / fixture, destination, dirs_exist_ok=True)
    vocabularies = destination / "data" / "vocabularies.yaml"
    if not vocabularies.exists():
        shutil.copy(ROOT / "data" / "vocabularies.yaml", vocabularies)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(ROOT / "generator" / "mkdocs_hook.py")]
    config.pop("nav", None)
    config.pop("watch", None)
    content = destination / "content"
    if with_content:
        shutil.copytree(ROOT / "content", content, dirs_exist_ok=True)
    else:
        content.mkdir(exist_ok=True)
        (content / "assets").mkdir(exist_ok=True)
        shutil.copy(ROOT / "content" / "assets" / "site.css", content / "assets" / "site.css")
        stubs = {"index.md": "# Fixture home\n\nSee [models](models/index.md).\n",
                 "methodology.md": "# Methodology\n\n## Openness score\n\nStub for the fixture.\n",
                 "contributing/index.md": "# Contributing\n\nStub for the fixture.\n"}
        for path, text in stubs.items():
            if not (content / path).exists():
                (content / path).parent.mkdir(parents=True, exist_ok=True)
                (content / path).write_text(text, encoding="utf-8")
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return destination


def run(args, cwd: Path, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)


def mkdocs_build(project: Path, site: Path, env=None) -> subprocess.CompletedProcess:
    return run([PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=project, env=env)


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real project's site, built once per test session with mkdocs build --strict."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
