"""The one way to link from a generated page to another page of the site.

    urls = SiteUrls(directory_urls=True)
    urls.md("models/llama-2.md", from_page="licences/llama-2-community.md")     # '../models/llama-2.md'
    urls.href("models/llama-2.md", from_page="models/matrix.md")                # '../../models/llama-2/'
    SiteUrls(directory_urls=False).href("models/llama-2.md", "models/matrix.md")  # '../models/llama-2.html'
    record_page("models", "llama-2")                                            # 'models/llama-2.md'

Markdown links name the target's source page (`.md`), which MkDocs and Zensical turn into
the right address themselves. HTML (raw blocks, scripts' data, the feed) is not rewritten,
so it needs the address the page is published at, which depends on MkDocs'
`use_directory_urls`: models/llama-2/ or models/llama-2.html.
"""

from __future__ import annotations

from dataclasses import dataclass


def record_page(kind: str, record_id: str) -> str:
    return f"{kind}/{record_id}.md"


@dataclass(frozen=True)
class SiteUrls:
    directory_urls: bool = True

    def address(self, page: str) -> str:
        """Where a page is published, relative to the site root ('' is the home page)."""
        if not page.endswith(".md"):
            return page
        stem = page[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            folder = stem[: -len("index")]
            return folder if self.directory_urls else folder + "index.html"
        return stem + "/" if self.directory_urls else stem + ".html"

    def href(self, target: str, from_page: str, anchor: str = "") -> str:
        """A relative address of `target` (a page path such as models/x.md) for HTML on `from_page`."""
        return self.root(from_page) + self.address(target) + (f"#{anchor}" if anchor else "")

    def root(self, from_page: str) -> str:
        """The relative address of the site root from where `from_page` is published ('../../')."""
        return "../" * self.address(from_page).count("/")

    @staticmethod
    def md(target: str, from_page: str, anchor: str = "") -> str:
        """A relative link to `target`'s source page, for Markdown on `from_page`."""
        return "../" * from_page.count("/") + target + (f"#{anchor}" if anchor else "")
