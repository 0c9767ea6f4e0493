"""The language switcher of a built page leads to the same page in the other edition.

    point_switcher(html, "models/llama-2/index.html", "zh", ["en", "zh"])

Material links each entry of extra.alternate to that edition's home page; this rewrites the
links (<a hreflang> in the header and <link rel="alternate" hreflang> in the head) to the same
page there. English pages are SITE/PAGE, another language's SITE/LANG/PAGE. Both the MkDocs hook
and the Zensical build call it, so the two engines link alike.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..data.load import SOURCE_LANGUAGE


def _alternate(lang: str) -> re.Pattern:
    return re.compile(r'(<(?:a|link)\b[^>]*?\bhref=")([^"]*)("[^>]*\bhreflang="' + re.escape(lang) + r'")')


def point_switcher(html: str, page: str, lang: str, langs: list[str]) -> str:
    """`page` is the page's file within its edition (models/llama-2/index.html), `lang` its edition."""
    path = page[:-len("index.html")] if page.endswith("index.html") else page
    up = "../" * (page.count("/") + (lang != SOURCE_LANGUAGE))
    for other in langs:
        target = up + ("" if other == SOURCE_LANGUAGE else other + "/") + path
        html = _alternate(other).sub(lambda match: match.group(1) + (target or "./") + match.group(3), html)
    return html


def point_switcher_from_anywhere(html: str, site_url: str | None, lang: str, langs: list[str]) -> str:
    """For a page served at any address (404.html): each edition's home, from the server's root
    (the path of the edition's site_url, or /)."""
    root = urlsplit(site_url or "").path or "/"
    if lang != SOURCE_LANGUAGE and root.rstrip("/").endswith("/" + lang):
        root = root.rstrip("/")[: -len(lang)]
    root = root if root.endswith("/") else root + "/"
    for other in langs:
        target = root + ("" if other == SOURCE_LANGUAGE else other + "/")
        html = _alternate(other).sub(lambda match: match.group(1) + target + match.group(3), html)
    return html
