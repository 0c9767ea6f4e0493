"""The two Jinja2 environments of the generator, and how data text is escaped.

    env = template_environment()      # Markdown pages: data text is HTML- and Markdown-escaped
    html = html_environment()         # HTML blocks inside Markdown pages: HTML-escaped only

Text from the data is escaped for both HTML and Markdown, so a `<script>` or a
`[link](javascript:...)` in a record shows as the literal text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from jinja2 import ChainableUndefined, Environment, FileSystemLoader
from markupsafe import Markup

from ..data.derived import number_of_parameters

TEMPLATES = Path(__file__).parents[1] / "templates"
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]#+!|$])")
_SPECIALS = re.compile(r"[\\`*_{}\[\]#+!|$&<>]")   # the Markdown specials and what html.escape changes


def template_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=ChainableUndefined,  # optional fields may be absent
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=escape_text,
    )
    env.filters["attr"] = lambda url: Markup(html.escape(str(url), quote=True))
    env.filters["cell"] = lambda value: Markup(escape_text(value).replace("\n", " "))
    env.filters["number_of_parameters"] = number_of_parameters
    return env


def html_environment() -> Environment:
    """For templates that produce HTML blocks inside a Markdown page: HTML escaping only,
    since Markdown leaves raw HTML blocks alone."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=ChainableUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["css_string"] = css_string
    return env


def css_string(value) -> Markup:
    """Text for inside a double-quoted CSS string in a <style> element."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>&\n' else ch for ch in str(value))
    return Markup(escaped)


def escape_text(value) -> Markup:
    """HTML-escape and Markdown-escape data text; leave already-rendered Markup alone."""
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    text = str(value)
    if not _SPECIALS.search(text):
        return Markup(text)   # most text needs no escaping; checking is cheaper than escaping
    text = html.escape(text, quote=False)   # quotes matter only in attributes: |attr
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", text))
