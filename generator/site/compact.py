"""Built pages without the indentation of Material's templates.

    compact_html("<div>\n    <p>x</p>\n  </div>")      # "<div>\n<p>x</p>\n</div>"

A browser collapses the whitespace between tags, so removing it changes nothing a reader sees,
and it is a sixth of every page. Preformatted text (<pre>, <textarea>) and scripts keep theirs.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script)\b.*?</\1>", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")


def compact_html(text: str) -> str:
    out, last = [], 0
    for kept in _KEPT.finditer(text):
        out.append(_INDENT.sub("\n", text[last:kept.start()]))
        out.append(kept.group(0))
        last = kept.end()
    out.append(_INDENT.sub("\n", text[last:]))
    return "".join(out)
