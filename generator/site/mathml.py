"""Turn the LaTeX that pymdownx.arithmatex marks up into MathML at build time.

    html = latex_to_mathml('<span class="arithmatex">\\(a = f(z)\\)</span>')

Browsers render MathML natively, so formulas need no script and no CDN, and they print.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

_INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)


def latex_to_mathml(page_html: str) -> str:
    page_html = _BLOCK.sub(lambda m: _convert(m.group(1), "block"), page_html)
    return _INLINE.sub(lambda m: _convert(m.group(1), "inline"), page_html)


def _convert(latex: str, display: str) -> str:
    source = html.unescape(latex).strip()
    mathml = convert(source, display=display)
    label = html.escape(source, quote=True)
    return mathml.replace("<math ", f'<math aria-label="{label}" ', 1)
