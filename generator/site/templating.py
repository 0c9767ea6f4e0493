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
from markupsafe import Markup, escape

from ..data.derived import number_of_parameters
from ..data.translations import Untranslated

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
    env.filters["fill"] = lambda text, **values: fill(text, escape_text, **values)
    env.filters["cell"] = lambda value: Markup(escape_text(value).replace("\n", " "))
    env.filters["number_of_parameters"] = number_of_parameters
    env.filters["sentence"] = sentence
    return env


def sentence(text) -> str:
    """A reference's part ends with one full stop: "Touvron et al." and "Why open?" keep theirs."""
    text = str(text).rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


def html_environment() -> Environment:
    """For templates that produce HTML blocks inside a Markdown page: HTML escaping only,
    since Markdown leaves raw HTML blocks alone."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=ChainableUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["css_string"] = css_string
    env.filters["fill"] = lambda text, **values: fill(text, escape, **values)
    return env


class MissingString(Exception):
    """A template asked for a text that data/strings/ does not have."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(f"{key} is not in data/strings/")


class Strings:
    """The texts of one language (data/strings/LANG.yaml), read as t.section.name in templates.

    A text is trusted (it may hold Markdown or HTML), so it comes back as Markup; values put
    into its {placeholders} with |fill are escaped. A missing text stops the build."""

    def __init__(self, data: dict, path: str = "strings", fallback: dict | None = None):
        self._data, self._path, self._fallback = data, path, fallback or {}

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, key: str):
        value = self._data.get(key)
        fallback = self._fallback.get(key) if isinstance(self._fallback, dict) else None
        if value is None:
            value, fallback = fallback, None   # not translated yet: the source language's text
        if value is None:
            raise MissingString(f"{self._path}.{key}".partition(".")[2])
        if isinstance(value, dict):
            return Strings(value, f"{self._path}.{key}", fallback if isinstance(fallback, dict) else None)
        return Markup(value)

    def items(self):
        keys = list(self._data) + [key for key in self._fallback if key not in self._data]
        return [(key, self[key]) for key in keys]

    def plain(self) -> dict:
        """The texts as plain data, for a script (untranslated ones in the source language)."""
        return _merged(self._fallback, self._data)


def _merged(fallback, data):
    if not isinstance(fallback, dict) or not isinstance(data, dict):
        return data if data is not None else fallback
    return {key: _merged(fallback.get(key), data.get(key)) for key in list(fallback) + [k for k in data if k not in fallback]}


def language_strings(dataset, lang: str) -> "Strings":
    """The texts of `lang`, falling back to the source language's where a text is not translated."""
    from ..data.load import SOURCE_LANGUAGE
    source = dataset.strings(SOURCE_LANGUAGE)
    return Strings(dataset.strings(lang) or source, fallback=source if lang != SOURCE_LANGUAGE else None)


def fill(text, escape_value, **values) -> Markup:
    """A text with its {placeholders} replaced by escaped values."""
    return Markup(str(text).format_map({name: escape_value(value) for name, value in values.items()}))


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
    if isinstance(value, Untranslated):   # an English text on a page of another language
        return Markup(f'<span lang="en">{escape_text(str(value))}</span>')
    text = str(value)
    if not _SPECIALS.search(text):
        return Markup(text)   # most text needs no escaping; checking is cheaper than escaping
    text = html.escape(text, quote=False)   # quotes matter only in attributes: |attr
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", text))
