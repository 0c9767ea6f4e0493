"""`check-links --external` against a local HTTP server started here: never the internet."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import PYTHON, ROOT, run
from generator.site.check_links import Citation, check_url, check_urls, collect_urls, format_link_report, read_allowlist


class Handler(BaseHTTPRequestHandler):
    active = 0
    most_active = 0
    requests: list[tuple[str, str]] = []
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def _serve(self, method):
        cls = type(self)
        with cls.lock:
            cls.requests.append((method, self.path))
            cls.active += 1
            cls.most_active = max(cls.most_active, cls.active)
        try:
            if self.path.startswith("/busy"):
                time.sleep(0.2)
            if self.path.startswith("/slow"):
                time.sleep(3)
            if self.path == "/moved":
                self.send_response(301)
                self.send_header("Location", "/ok")
                self.end_headers()
            elif self.path == "/no-head" and method == "HEAD":
                self.send_response(405)
                self.end_headers()
            elif self.path.startswith(("/ok", "/no-head", "/busy", "/slow", "/page")):
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                if method == "GET":
                    self.wfile.write(b"ok")
            else:
                self.send_response(404)
                self.end_headers()
        finally:
            with cls.lock:
                cls.active -= 1

    def do_HEAD(self):
        self._serve("HEAD")

    def do_GET(self):
        self._serve("GET")


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    Handler.requests, Handler.active, Handler.most_active = [], 0, 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def make_sources(root, base):
    (root / "data" / "models").mkdir(parents=True)
    (root / "content" / "primer").mkdir(parents=True)
    (root / ".github").mkdir()
    (root / "data" / "models" / "a.yaml").write_text(
        f"id: a\nnote: see {base}/ok.\nurl: {base}/missing\n", encoding="utf-8")
    (root / "references.bib").write_text(
        "@misc{a2024,\n  author = {A},\n  title = {T},\n  year = {2024},\n"
        f"  url = {{{base}/missing}}\n}}\n\n@misc{{b2024,\n  doi = {{10.1234/x}},\n  eprint = {{2401.00001}}\n}}\n",
        encoding="utf-8")
    (root / "content" / "primer" / "p.md").write_text(
        f"Read [this]({base}/page_(one)) and ([that]({base}/no-head)).\nBlocked: https://refuses.example.invalid/x\n",
        encoding="utf-8")
    (root / ".github" / "link-check-allowlist.txt").write_text(
        "# hosts known to refuse robots\nexample.invalid   # and every subdomain\n", encoding="utf-8")


def test_collects_every_url_with_where_it_is_cited(tmp_path):
    make_sources(tmp_path, "http://h")
    cited = collect_urls(tmp_path)
    assert cited == {
        "http://h/missing": [Citation("data/models/a.yaml", 3), Citation("references.bib", 5)],
        "http://h/no-head": [Citation("content/primer/p.md", 1)],
        "http://h/ok": [Citation("data/models/a.yaml", 2)],
        "http://h/page_(one)": [Citation("content/primer/p.md", 1)],
        "https://arxiv.org/abs/2401.00001": [Citation("references.bib", 10)],
        "https://doi.org/10.1234/x": [Citation("references.bib", 9)],
        "https://refuses.example.invalid/x": [Citation("content/primer/p.md", 2)],
    }


def test_allowlist_file(tmp_path):
    make_sources(tmp_path, "http://h")
    assert read_allowlist(tmp_path / ".github" / "link-check-allowlist.txt") == {"example.invalid"}
    assert read_allowlist(tmp_path / "missing.txt") == set()


def test_ok_missing_redirect_and_head_refused(server):
    assert check_url(f"{server}/ok", timeout=5).outcome == "ok"
    assert check_url(f"{server}/moved", timeout=5).outcome == "ok"
    missing = check_url(f"{server}/missing", timeout=5)
    assert (missing.outcome, missing.detail) == ("failed", "HTTP 404 Not Found")
    assert check_url(f"{server}/no-head", timeout=5).outcome == "ok"
    assert ("HEAD", "/no-head") in Handler.requests and ("GET", "/no-head") in Handler.requests
    assert ("GET", "/ok") not in Handler.requests


def test_timeout(server):
    started = time.monotonic()
    result = check_url(f"{server}/slow", timeout=0.5)
    assert (result.outcome, result.detail) == ("failed", "timed out after 0.5 s")
    assert time.monotonic() - started < 2.5


def test_at_most_n_requests_at_a_time(server):
    urls = [f"{server}/busy/{n}" for n in range(8)]
    results = check_urls(urls, workers=2, timeout=5)
    assert [r.outcome for r in results] == ["ok"] * 8
    assert Handler.most_active == 2


def test_allowlisted_hosts_are_not_requested(server):
    results = check_urls([f"{server}/ok", "https://refuses.example.invalid/x"], allowlist={"example.invalid"}, timeout=5)
    assert [(r.outcome, r.detail) for r in results][1] == ("skipped", "allowlisted host")


def test_report_names_each_failure_and_where_it_is_cited(server):
    cited = {f"{server}/missing": [Citation("references.bib", 5), Citation("data/models/a.yaml", 3)], f"{server}/ok": []}
    report = format_link_report(check_urls(cited, timeout=5), cited)
    assert report == (f"failed: {server}/missing (HTTP 404 Not Found)\n"
                      "  cited at references.bib:5\n"
                      "  cited at data/models/a.yaml:3\n"
                      "Checked 2 URLs: 1 ok, 1 failed, 0 skipped (allowlisted hosts).")


def test_command_exits_1_and_reports_file_and_line(server, tmp_path):
    make_sources(tmp_path, server)
    # The doi.org and arxiv.org links would leave the machine: allowlist them for this test.
    with open(tmp_path / ".github" / "link-check-allowlist.txt", "a", encoding="utf-8") as allowlist:
        allowlist.write("doi.org\narxiv.org\n")
    env = {"PATH": "/usr/bin:/bin", "no_proxy": "127.0.0.1,localhost"}
    result = run([PYTHON, "-m", "generator", "--root", str(tmp_path), "check-links", "--external",
                  "--workers", "3", "--timeout", "5"], cwd=ROOT, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"failed: {server}/missing (HTTP 404 Not Found)\n  cited at data/models/a.yaml:3\n  cited at references.bib:5\n" in result.stdout
    assert "Checked 7 URLs: 3 ok, 1 failed, 3 skipped (allowlisted hosts)." in result.stdout
    assert "Traceback" not in result.stderr
    assert not any("invalid" in path or "doi" in path for _, path in Handler.requests)


def test_command_exits_0_when_every_link_works(server, tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text(f"[a]({server}/ok)\n", encoding="utf-8")
    result = run([PYTHON, "-m", "generator", "--root", str(tmp_path), "check-links", "--external"], cwd=ROOT,
                 env={"PATH": "/usr/bin:/bin", "no_proxy": "127.0.0.1,localhost"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Checked 1 URLs: 1 ok, 0 failed, 0 skipped" in result.stdout


def test_internal_links_of_a_built_site(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">a</a> <a href="b/">b</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="#top">top</a>', encoding="utf-8")
    result = run([PYTHON, "-m", "generator", "check-links", "--site", str(site)], cwd=ROOT)
    assert result.returncode == 1
    assert "broken: index.html: b/ (no such file)" in result.stdout


def test_check_links_needs_a_mode():
    result = run([PYTHON, "-m", "generator", "check-links"], cwd=ROOT)
    assert result.returncode == 2
    assert "check-links needs --site DIR, --external or both" in result.stderr
