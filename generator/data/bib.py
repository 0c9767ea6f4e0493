"""references.bib: parse it, check it, and turn entries into display data.

    refs, problems = read_bibliography(Path("references.bib"), "references.bib")
    refs["touvron2023llama2"].title     # LaTeX braces and accents removed
    refs["touvron2023llama2"].links     # [("arXiv:2307.09288", "https://arxiv.org/abs/2307.09288"), ...]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock
from pylatexenc.latex2text import LatexNodes2Text

from .problems import Problem

REQUIRED_FIELDS = ("author", "title", "year")
LINK_FIELDS = ("doi", "eprint", "url")
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_:-]+$")

_latex = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


@dataclass(frozen=True)
class Reference:
    key: str
    kind: str
    line: int
    authors: str
    title: str
    year: str
    venue: str
    note: str
    links: tuple = field(default_factory=tuple)  # ((label, href), ...)
    sort_name: str = ""                          # the first author's family name, or the organisation

    @property
    def sort_key(self):
        return ((self.sort_name or self.authors).casefold(), self.year, self.title.casefold(), self.key)


def read_bibliography(path: Path, shown_as: str) -> tuple[dict[str, Reference], list[Problem]]:
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, [Problem(shown_as, None, "", "is missing; every fact cites a key in it")]
    except UnicodeDecodeError:
        return {}, [Problem(shown_as, None, "", "is not valid UTF-8")]
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        line = block.start_line + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.append(Problem(shown_as, line, block.key, "duplicate BibTeX key; each key must be defined once"))
        else:
            first = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
            problems.append(Problem(shown_as, line, "", f"cannot parse this entry ({first!r}); check its braces and commas"))
    refs: dict[str, Reference] = {}
    previous = None
    for entry in library.entries:
        line = entry.start_line + 1
        if previous is not None and entry.key.lower() < previous.lower():
            problems.append(Problem(shown_as, line, entry.key,
                                    f"is out of order: the file is sorted by key, so it belongs before '{previous}'"))
        previous = entry.key
        fields = {name.lower(): f.value for name, f in entry.fields_dict.items()}
        if not KEY_PATTERN.match(entry.key):
            problems.append(Problem(shown_as, line, entry.key, "a key may hold only letters, digits, '_', ':' and '-'"))
        for name in REQUIRED_FIELDS:
            if not str(fields.get(name, "")).strip():
                problems.append(Problem(shown_as, line, entry.key, f"has no {name}; every entry needs author, title and year"))
        if not any(str(fields.get(name, "")).strip() for name in LINK_FIELDS):
            problems.append(Problem(shown_as, line, entry.key, "has no doi, eprint or url; a reader must be able to check the source"))
        for name in ("doi", "url"):
            value = str(fields.get(name, "")).strip()
            if name == "url" and value and not value.startswith(("https://", "http://")):
                problems.append(Problem(shown_as, line, entry.key, f"url must start with https:// or http://, found {value!r}"))
            if name == "doi" and value and not value.startswith("10."):
                problems.append(Problem(shown_as, line, entry.key, f"doi must be a bare DOI starting with '10.', found {value!r}"))
        refs[entry.key] = _reference(entry.key, entry.entry_type, line, fields)
    return refs, problems


def _reference(key: str, kind: str, line: int, fields: dict) -> Reference:
    links = []
    doi = fields.get("doi", "").strip()
    if doi:
        links.append((f"doi:{doi}", f"https://doi.org/{doi}"))
    eprint = fields.get("eprint", "").strip()
    if eprint:
        links.append((f"arXiv:{eprint}", f"https://arxiv.org/abs/{eprint}"))
    url = fields.get("url", "").strip()
    if url.startswith(("https://", "http://")):
        links.append((_short_url(url), url))
    venue = next((fields[name] for name in ("journal", "booktitle", "publisher", "institution", "organization", "howpublished")
                  if fields.get(name, "").strip()), "")
    return Reference(
        key=key,
        kind=kind.lower(),
        line=line,
        authors=_authors(fields.get("author", "")),
        sort_name=_family_name(fields.get("author", "")),
        title=_text(fields.get("title", "")),
        year=_text(fields.get("year", "")),
        venue=_text(venue),
        note=_text(fields.get("note", "")),
        links=tuple(links),
    )


_LATEX_MARKS = re.compile(r"[\\{}$%&~^_#`']|--")
# Most values hold nothing but grouping braces and escaped specials (\& \_ \% \$ \#): written
# out directly they read as the LaTeX converter renders them (tests/test_site.py checks every
# reference), and the converter is slow, a fifth of loading at 1,000 models.
_SIMPLE_ESCAPE = re.compile(r"\\([&_%$#])")
_NEEDS_CONVERTER = re.compile(r"[\\$%&~^_#`]|--|''")


def _text(value: str) -> str:
    value = str(value).strip()
    if not value:
        return ""
    if _LATEX_MARKS.search(value):
        value = _simple_latex(value) or _latex.latex_to_text(value)
    return re.sub(r"\s+", " ", value).strip()


def _simple_latex(value: str) -> str | None:
    """The text of a value with only braces and escaped specials; None when it needs the converter."""
    rest = _SIMPLE_ESCAPE.sub("", value)
    if _NEEDS_CONVERTER.search(rest):
        return None
    depth = 0
    for char in rest:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return None
    if depth:
        return None
    return _SIMPLE_ESCAPE.sub(r"\1", value).replace("{", "").replace("}", "")


def _authors(value: str) -> str:
    names = [n.strip() for n in re.split(r"\s+and\s+", str(value).strip()) if n.strip()]
    shown = []
    for name in names:
        if name == "others":
            shown.append("others")
            continue
        text = _text(name)
        if "," in text and not (name.startswith("{") and name.endswith("}")):
            last, first = [p.strip() for p in text.split(",", 1)]
            text = f"{first} {last}".strip()
        shown.append(text)
    if len(shown) > 6:
        shown = shown[:6] + ["others"]
    if len(shown) > 1 and shown[-1] == "others":
        return ", ".join(shown[:-1]) + " et al."
    return ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1] if shown else ""


def _family_name(value: str) -> str:
    first = re.split(r"\s+and\s+", str(value).strip())[0].strip()
    if first.startswith("{") and first.endswith("}"):
        return _text(first)
    if "," in first:
        return _text(first.split(",", 1)[0])
    return _text(first).split(" ")[-1] if first else ""


def _short_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
