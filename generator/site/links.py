"""Check the links of a built site: every internal href and #anchor must resolve.

    problems = broken_internal_links(Path("site"))   # ["models/x/index.html: ../y/ (no such page)", ...]
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "data")


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        for name in ("href", "src"):
            value = attributes.get(name)
            if value is not None and not (tag == "link" and attributes.get("rel") in ("canonical", "alternate")):
                self.links.append(value)


def parse_page(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def broken_internal_links(site: Path) -> list[str]:
    site = site.resolve()
    pages = {path: parse_page(path) for path in sorted(site.rglob("*.html"))}
    problems = []
    for page, parsed in pages.items():
        shown = page.relative_to(site).as_posix()
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme in _EXTERNAL_SCHEMES or parts.netloc:
                continue
            if parts.scheme:
                problems.append(f"{shown}: {link} (scheme {parts.scheme!r} is not allowed)")
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if site not in target.parents and target != site:
                problems.append(f"{shown}: {link} (points outside the site)")
                continue
            if not target.is_file():
                problems.append(f"{shown}: {link} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_page(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{shown}: {link} (no id {parts.fragment!r} in {target.relative_to(site).as_posix()})")
    return problems
