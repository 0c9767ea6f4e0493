"""Shared helpers: temporary projects built from fixtures, and the project's own paths."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from generator.site.settings import read_mkdocs_config

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
    if not (destination / "data" / "strings").exists():
        shutil.copytree(ROOT / "data" / "strings", destination / "data" / "strings")
    config = read_mkdocs_config(ROOT / "mkdocs.yml")
    config["hooks"] = [str(ROOT / "generator" / "mkdocs_hook.py")]
    config.pop("nav", None)
    config.pop("watch", None)
    config.get("extra", {}).pop("alternate", None)   # one edition: no language switcher
    content = destination / "content"
    if with_content:
        shutil.copytree(ROOT / "content", content, dirs_exist_ok=True)
    else:
        content.mkdir(exist_ok=True)
        shutil.copytree(ROOT / "content" / "assets", content / "assets", dirs_exist_ok=True)
        stubs = {"index.md": "# Fixture home\n\nSee [models](models/index.md).\n",
                 "methodology.md": "# Methodology\n\n## Sources\n\n## Openness score\n\n## Decision checklist\n\n## Cost and serving footprint\n\nStubs for the fixture.\n",
                 "contributing/index.md": "# Contributing\n\nStub for the fixture.\n"}
        for path, text in stubs.items():
            if not (content / path).exists():
                (content / path).parent.mkdir(parents=True, exist_ok=True)
                (content / path).write_text(text, encoding="utf-8")
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return destination


def run(args, cwd: Path, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)


def mkdocs_build(project: Path, site: Path, env=None, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    return run([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site)], cwd=project, env=env)


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def shipped_dataset():
    """The project's own data, validated once per session. Bad shipped data fails the tests
    that use it with the validator's report, rather than every module at collection."""
    from generator.data.problems import DataError, format_report
    from generator.data.validate import load_valid_dataset
    try:
        return load_valid_dataset(ROOT)
    except DataError as error:
        pytest.fail("the shipped data does not validate:\n" + format_report(error.problems), pytrace=False)


@pytest.fixture(scope="session")
def shipped_pages(shipped_dataset) -> dict[str, str]:
    from generator.site.pages import build_pages
    return build_pages(shipped_dataset)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real project's site, both editions, built once per test session with mkdocs build --strict,
    as `make build` does: English at the root, Chinese under zh/."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    result = mkdocs_build(ROOT, out / "zh", config="mkdocs.zh.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# ---------------------------------------------------------------- browser tests

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _require_chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing; .ci/run installs it from Debian's packages")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI runs these tests")


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    # Offline by design: any request that leaves 127.0.0.1 fails the test.
    leaks = []
    page.on("request", lambda request: leaks.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
    yield page
    context.close()
    assert not leaks, f"requests left the site: {leaks[:5]}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve a folder on 127.0.0.1 in a thread; returns (base_url, stop)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}", server.shutdown


@pytest.fixture(scope="session")
def site_url(site):
    url, stop = serve(site)
    yield url
    stop()


@pytest.fixture(scope="session")
def tiny_site_url(tmp_path_factory):
    """The tiny fixture built as a site, for tests whose expectations need fixed data."""
    base = tmp_path_factory.mktemp("tiny-site")
    project = make_project(base / "project")
    out = base / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    url, stop = serve(out)
    yield url
    stop()


# ---------------------------------------------------------------- inputs edited during the run

def _input_stamps():
    from generator.cache import input_files, stamps
    # Files only: a folder's time changes when Python first writes __pycache__ into it (every run
    # of a fresh checkout), and a file added or removed shows as a name that appears or goes.
    inputs = [(name, path) for name, path in input_files(ROOT) if not path.is_dir()]
    return dict(zip((name for name, _ in inputs), stamps(inputs)))


def pytest_sessionstart(session):
    session.config._inputs_at_start = _input_stamps()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    before = getattr(config, "_inputs_at_start", None)
    if before is None:
        return
    after = _input_stamps()
    changed = sorted(name.split(":", 1)[-1] for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if changed:
        terminalreporter.write_line(
            f"The project's inputs changed while the tests ran ({', '.join(changed[:5])}"
            f"{', ...' if len(changed) > 5 else ''}); failures may come from that edit. Run the tests again.",
            yellow=True, bold=True)
