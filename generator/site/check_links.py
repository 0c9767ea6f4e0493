"""Check the links the project cites, and the internal links of a built site.

    python -m generator check-links --external          # every http(s) URL in data/, references.bib, content/
    python -m generator check-links --site site         # every internal href and #anchor of a built site

    cited = collect_urls(Path("."))      # {"https://...": [Citation("references.bib", 12), ...]}
    results = check_urls(cited, allowlist={"www.sec.gov"}, workers=8, timeout=15)
    print(format_link_report(results, cited))

Each URL is requested once: HEAD, then GET when HEAD fails (many servers refuse HEAD), with a
timeout, at most `workers` at a time. Hosts in the allowlist (known to refuse robots) are
not requested at all. Only the standard library is used. The test suite never touches the
network: it checks the external links against a local server, and the CI job that requests
the real URLs runs on a schedule, apart from the pull-request checks.
"""

from __future__ import annotations

import http.client
import re
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from ..data.load import BIB_FILE, CONTENT_DIR, DATA_DIR

USER_AGENT = "open-or-closed-link-check/1.0 (checks the sources a knowledge base cites)"
URL = re.compile(r"https?://[^\s<>\"'`{}|\\^\[\]]+")
BIB_LINK_FIELD = re.compile(r"^\s*(doi|eprint)\s*=\s*[{\"]\s*([^}\"]+?)\s*[}\"]", re.IGNORECASE)
TRAILING = ".,;:!?*"


@dataclass(frozen=True, order=True)
class Citation:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class LinkResult:
    url: str
    outcome: str       # ok, failed, skipped
    detail: str = ""   # "HTTP 404", "timed out after 15 s", "allowlisted host"


def collect_urls(root: Path) -> dict[str, list[Citation]]:
    """Every http(s) URL cited in data/*/*.yaml, references.bib (with its doi and eprint
    fields as the links the site shows) and content/**/*.md, with where each is cited."""
    root = Path(root)
    files = sorted((root / DATA_DIR).glob("*/*.yaml")) + [root / BIB_FILE] + sorted((root / CONTENT_DIR).rglob("*.md"))
    cited: dict[str, list[Citation]] = {}
    for path in files:
        if not path.is_file():
            continue
        shown = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            urls = [_trim(match.group(0)) for match in URL.finditer(line)]
            if path.name == BIB_FILE:
                field = BIB_LINK_FIELD.match(line)
                if field and field.group(1).lower() == "doi":
                    urls.append(f"https://doi.org/{field.group(2)}")
                elif field:
                    urls.append(f"https://arxiv.org/abs/{field.group(2)}")
            for url in urls:
                cited.setdefault(url, [])
                if Citation(shown, number) not in cited[url]:
                    cited[url].append(Citation(shown, number))
    return dict(sorted(cited.items()))


def read_allowlist(path: Path) -> set[str]:
    """Host names, one a line; '#' starts a comment. A host also covers its subdomains."""
    if not path.is_file():
        return set()
    hosts = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        host = line.split("#", 1)[0].strip().lower()
        if host:
            hosts.add(host)
    return hosts


def is_allowlisted(url: str, allowlist: set[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == entry or host.endswith("." + entry) for entry in allowlist)


def check_urls(urls, allowlist: set[str] = frozenset(), workers: int = 8, timeout: float = 15) -> list[LinkResult]:
    """One result per URL, in the order given; at most `workers` requests at a time."""
    urls = list(urls)
    to_check = [url for url in urls if not is_allowlisted(url, allowlist)]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        checked = dict(zip(to_check, pool.map(lambda url: check_url(url, timeout), to_check)))
    return [checked.get(url) or LinkResult(url, "skipped", "allowlisted host") for url in urls]


class _RedirectKeepingHead(HTTPRedirectHandler):
    """urllib turns a redirected HEAD into a GET; keep it a HEAD, so no body is fetched."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


_opener = build_opener(_RedirectKeepingHead)


def check_url(url: str, timeout: float = 15) -> LinkResult:
    detail = ""
    for method in ("HEAD", "GET"):
        request = Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with _opener.open(request, timeout=timeout) as response:
                return LinkResult(url, "ok", f"HTTP {response.status}")
        except HTTPError as error:
            detail = f"HTTP {error.code}" + (f" {error.reason}" if error.reason else "")
        except (TimeoutError, socket.timeout):
            return LinkResult(url, "failed", f"timed out after {timeout:g} s")
        except URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                return LinkResult(url, "failed", f"timed out after {timeout:g} s")
            if isinstance(error.reason, socket.gaierror):
                return LinkResult(url, "failed", f"host not found ({urlsplit(url).hostname})")
            detail = f"cannot connect: {error.reason}"
        except (http.client.HTTPException, OSError, ValueError) as error:
            detail = f"{type(error).__name__}: {error}"
    return LinkResult(url, "failed", detail)


def format_link_report(results: list[LinkResult], cited: dict[str, list[Citation]]) -> str:
    failed = [result for result in results if result.outcome == "failed"]
    lines = []
    for result in failed:
        lines.append(f"failed: {result.url} ({result.detail})")
        lines += [f"  cited at {citation}" for citation in cited.get(result.url, [])]
    counts = {outcome: sum(1 for r in results if r.outcome == outcome) for outcome in ("ok", "failed", "skipped")}
    lines.append(f"Checked {len(results)} URLs: {counts['ok']} ok, {counts['failed']} failed, "
                 f"{counts['skipped']} skipped (allowlisted hosts).")
    return "\n".join(lines)


def _trim(url: str) -> str:
    """Drop punctuation that ends a sentence and a ')' that closes Markdown link syntax."""
    while url and (url[-1] in TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url
