"""How the project cites its sources: the [@key] syntax of hand-written pages, and the
numbering of the references one page cites.

    keys = citation_keys("a; @b")                      # ['a', 'b'], the inside of [@a; @b]
    citations = Citations(dataset.references, page_depth=1)
    citations.cite(["touvron2023llama2"])              # <sup>[1]</sup>, linked to the page's reference list
    citations.numbered()                               # [(1, Reference), ...] in order of first use
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from .bib import Reference

# [@key] or [@key1; @key2] in hand-written Markdown.
CITATION = re.compile(r"\[@([A-Za-z0-9_:-]+(?:;\s*@[A-Za-z0-9_:-]+)*)\]")


# Code in Markdown: fenced blocks and inline spans, where [@key] is an example, not a citation.
_CODE = re.compile(r"(?ms)^(```|~~~).*?^\1[^\n]*$|`[^`\n]*`")


def replace_citations(text: str, replace) -> str:
    """The text with each [@...] outside code replaced by replace(match)."""
    out, last = [], 0
    for code in _CODE.finditer(text):
        out.append(CITATION.sub(replace, text[last:code.start()]))
        out.append(code.group(0))
        last = code.end()
    out.append(CITATION.sub(replace, text[last:]))
    return "".join(out)


def citation_keys(group: str) -> list[str]:
    """'a; @b' (the inside of [@a; @b]) -> ['a', 'b']"""
    return [part.strip().lstrip("@") for part in group.split(";")]


class Citations:
    """Numbers the sources of one page in order of first use."""

    def __init__(self, references: dict[str, Reference], page_depth: int):
        self.references = references
        self.used: list[Reference] = []
        self._numbers: dict[str, int] = {}
        self.bibliography_href = "../" * page_depth + "references.md"

    def cite(self, keys) -> Markup:
        if not keys:
            return Markup("")
        links = []
        for key in keys:
            if key not in self._numbers:
                self.used.append(self.references[key])
                self._numbers[key] = len(self.used)
                # The source's title shows on hovering its first citation only: repeated on every
                # citation, the titles alone took a sixth of a record page.
                title = f' title="{html.escape(self.references[key].title)}"'
            else:
                title = ""
            number = self._numbers[key]
            links.append(f'<a class="citation" href="#ref-{number}"{title}>[{number}]</a>')
        return Markup('<sup class="citations">' + "".join(links) + "</sup>")

    def numbered(self):
        return list(enumerate(self.used, start=1))
